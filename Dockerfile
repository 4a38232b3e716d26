# Builds the notegate binary for docker-compose.yml.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/notegate ./cmd/notegate

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/notegate /usr/local/bin/notegate
USER 65534:65534
ENTRYPOINT ["notegate"]
CMD ["run", "--config", "/etc/notegate/notegate.yaml"]
