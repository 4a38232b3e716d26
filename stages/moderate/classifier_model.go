package moderate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// AbuseModel is a logistic-regression model over hashed features (see
// AbuseFeatures). Weights are stored quantized to int8 with one scale:
// weight(b) = Scale * Q[b]. The raw margin of a field is
//
//	m = Bias + Scale * Σ Q[b] / sqrt(occurrences)
//
// and its calibrated score is 1 / (1 + exp(-(CalibA*m + CalibB))).
type AbuseModel struct {
	// Version names the model in label sources ("abuse-v1").
	Version string
	// Bits: the model has 2^Bits buckets.
	Bits uint
	// Scale multiplies every quantized weight.
	Scale float32
	// Q holds the quantized weights, len 2^Bits.
	Q []int8
	// Bias is the intercept of the margin.
	Bias float32
	// CalibA and CalibB map a margin to a probability (Platt scaling,
	// fitted on the development set).
	CalibA, CalibB float64
	// Threshold is the calibrated score at which development-set
	// accuracy was best: the suggested review threshold.
	Threshold float64
}

// abuseMagic opens every model file, followed by a format version byte.
const abuseMagic = "NGABUSE"

const abuseFormat = 1

// maxAbuseBits bounds the model size a file may ask for (2^24 = 16 MiB).
const maxAbuseBits = 24

// NewAbuseModel quantizes float weights (len a power of two) into a model.
func NewAbuseModel(version string, weights []float32, bias float32, calibA, calibB, threshold float64) (*AbuseModel, error) {
	n := len(weights)
	if n == 0 || n&(n-1) != 0 {
		return nil, fmt.Errorf("abuse model: %d weights is not a power of two", n)
	}
	bits := uint(0)
	for 1<<bits < n {
		bits++
	}
	if bits > maxAbuseBits {
		return nil, fmt.Errorf("abuse model: 2^%d buckets is more than 2^%d", bits, maxAbuseBits)
	}
	var maxAbs float32
	for _, w := range weights {
		maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
	}
	m := &AbuseModel{Version: version, Bits: bits, Q: make([]int8, n), Bias: bias,
		CalibA: calibA, CalibB: calibB, Threshold: threshold, Scale: 1}
	if maxAbs > 0 {
		m.Scale = maxAbs / 127
	}
	for i, w := range weights {
		m.Q[i] = int8(math.Round(float64(w / m.Scale)))
	}
	return m, nil
}

// Weight returns the dequantized weight of bucket b.
func (m *AbuseModel) Weight(b uint32) float32 { return m.Scale * float32(m.Q[b]) }

// Margin is the raw (uncalibrated) score of a feature list.
func (m *AbuseModel) Margin(feats []AbuseFeature) float64 {
	var sum int32
	for _, f := range feats {
		sum += int32(m.Q[f.Bucket])
	}
	return float64(m.Bias) + float64(m.Scale)*float64(featureScale(len(feats)))*float64(sum)
}

// Calibrate maps a margin to a score in [0, 1].
func (m *AbuseModel) Calibrate(margin float64) float64 {
	z := m.CalibA*margin + m.CalibB
	p := 1 / (1 + math.Exp(-z))
	if math.IsNaN(p) {
		return 0
	}
	return p
}

// WriteTo writes the model gzip-compressed:
// magic, format, version string, bits, scale, bias, calibA, calibB,
// threshold (little-endian), then the 2^bits int8 weights.
func (m *AbuseModel) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(abuseMagic)
	buf.WriteByte(abuseFormat)
	if len(m.Version) > 255 {
		return 0, errors.New("abuse model: version longer than 255 bytes")
	}
	buf.WriteByte(byte(len(m.Version)))
	buf.WriteString(m.Version)
	buf.WriteByte(byte(m.Bits))
	for _, v := range []any{m.Scale, m.Bias, m.CalibA, m.CalibB, m.Threshold} {
		_ = binary.Write(&buf, binary.LittleEndian, v) // bytes.Buffer never fails
	}
	for _, q := range m.Q {
		buf.WriteByte(byte(q))
	}
	cw := &countWriter{w: w}
	// gzip headers carry no time unless set, so the bytes are reproducible.
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("abuse model: %w", err)
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return cw.n, fmt.Errorf("abuse model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("abuse model: %w", err)
	}
	return cw.n, nil
}

// ReadAbuseModel reads a model written by WriteTo.
func ReadAbuseModel(r io.Reader) (*AbuseModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("abuse model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReader(io.LimitReader(zr, 1<<maxAbuseBits+1024))
	head := make([]byte, len(abuseMagic)+2)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("abuse model: header: %w", err)
	}
	if string(head[:len(abuseMagic)]) != abuseMagic {
		return nil, errors.New("abuse model: not a notegate abuse model")
	}
	if head[len(abuseMagic)] != abuseFormat {
		return nil, fmt.Errorf("abuse model: format %d, want %d", head[len(abuseMagic)], abuseFormat)
	}
	version := make([]byte, head[len(abuseMagic)+1])
	if _, err := io.ReadFull(br, version); err != nil {
		return nil, fmt.Errorf("abuse model: version: %w", err)
	}
	m := &AbuseModel{Version: string(version)}
	bits, err := br.ReadByte()
	if err != nil {
		return nil, fmt.Errorf("abuse model: bits: %w", err)
	}
	if bits < 1 || bits > maxAbuseBits {
		return nil, fmt.Errorf("abuse model: 2^%d buckets out of range", bits)
	}
	m.Bits = uint(bits)
	for _, v := range []any{&m.Scale, &m.Bias, &m.CalibA, &m.CalibB, &m.Threshold} {
		if err := binary.Read(br, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("abuse model: parameters: %w", err)
		}
	}
	q := make([]byte, 1<<m.Bits)
	if _, err := io.ReadFull(br, q); err != nil {
		return nil, fmt.Errorf("abuse model: weights: %w", err)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("abuse model: trailing bytes after the weights")
	}
	m.Q = make([]int8, len(q))
	for i, b := range q {
		m.Q[i] = int8(b)
	}
	for _, f := range []float64{float64(m.Scale), float64(m.Bias), m.CalibA, m.CalibB, m.Threshold} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, errors.New("abuse model: parameter is not finite")
		}
	}
	return m, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
