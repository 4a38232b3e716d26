package pipeline

import "time"

// What the external tests reach inside the package for.

// Crash stops the runtime as a killed process would.
func (r *Runtime) Crash() { r.crash() }

// SetNow replaces the processor's clock.
func (p *Processor) SetNow(now func() time.Time) { p.now = now }

// Crash stops the consumer as a killed process would.
func (c *Consumer) Crash() { c.crash() }

// Waiting reports whether a fetched message is not yet handled.
func (c *Consumer) Waiting() bool {
	_, _, _, waiting := c.loop.cp.oldest()
	return waiting
}

var OutputMessages = outputMessages
