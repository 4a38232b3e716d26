package devbroker

import (
	"net"
	"sync"
)

// stallGate sits between clients and the broker's real listener: every
// connection goes through a TCP proxy that forwards bytes both ways until
// Stall, and holds them (connections open, nothing answered) until Resume,
// the way a broker that hangs or a network that drops packets looks to a
// client. The broker advertises the proxy's address, so clients never
// bypass it.
type stallGate struct {
	proxy net.Listener
	real  net.Listener

	mu      sync.Mutex
	stalled bool
	resumed chan struct{} // closed on Resume; replaced on Stall
	conns   map[net.Conn]struct{}
	closed  bool
}

func newStallGate() (*stallGate, error) {
	proxy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	resumed := make(chan struct{})
	close(resumed)
	return &stallGate{proxy: proxy, resumed: resumed, conns: map[net.Conn]struct{}{}}, nil
}

// listen is kfake's ListenFn: the broker listens on a free port, but
// reports (and so advertises) the proxy's address.
func (g *stallGate) listen(network, _ string) (net.Listener, error) {
	ln, err := net.Listen(network, "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	g.real = ln
	go g.serve()
	return advertisedListener{Listener: ln, addr: g.proxy.Addr()}, nil
}

// advertisedListener accepts on the real port and names the proxy.
type advertisedListener struct {
	net.Listener
	addr net.Addr
}

func (l advertisedListener) Addr() net.Addr { return l.addr }

func (g *stallGate) serve() {
	for {
		client, err := g.proxy.Accept()
		if err != nil {
			return
		}
		go g.pipe(client)
	}
}

func (g *stallGate) pipe(client net.Conn) {
	server, err := net.Dial("tcp", g.real.Addr().String())
	if err != nil {
		client.Close()
		return
	}
	if !g.track(client, server) {
		return
	}
	defer g.untrack(client, server)
	done := make(chan struct{}, 2)
	go func() { g.copy(server, client); done <- struct{}{} }()
	go func() { g.copy(client, server); done <- struct{}{} }()
	<-done
}

// copy forwards src to dst, waiting at the gate before every write.
func (g *stallGate) copy(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			g.wait()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return // EOF or a closed connection: close both sides
		}
	}
}

func (g *stallGate) wait() {
	g.mu.Lock()
	ch := g.resumed
	g.mu.Unlock()
	<-ch
}

func (g *stallGate) track(conns ...net.Conn) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		for _, c := range conns {
			c.Close()
		}
		return false
	}
	for _, c := range conns {
		g.conns[c] = struct{}{}
	}
	return true
}

func (g *stallGate) untrack(conns ...net.Conn) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, c := range conns {
		delete(g.conns, c)
	}
}

func (g *stallGate) stall() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.stalled {
		g.stalled = true
		g.resumed = make(chan struct{})
	}
}

func (g *stallGate) resume() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stalled {
		g.stalled = false
		close(g.resumed)
	}
}

func (g *stallGate) close() {
	g.resume()
	g.mu.Lock()
	g.closed = true
	conns := g.conns
	g.conns = map[net.Conn]struct{}{}
	g.mu.Unlock()
	g.proxy.Close()
	for c := range conns {
		c.Close()
	}
}
