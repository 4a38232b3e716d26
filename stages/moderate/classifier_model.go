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
	"slices"

	"github.com/notegate/notegate/models"
)

// ClassifierModel is a multi-label logistic-regression model over hashed
// features (see ClassifierFeatures): one linear model per category, all
// reading the same buckets. Weights are stored quantized to int8 with one
// scale per category and interleaved by bucket, so that one memory read
// gives a feature's weight in every category:
//
//	weight(b, k) = Scale[k] * Q[b*K + k]
//	margin_k     = Bias[k] + Scale[k] * Σ Q[b*K + k] / sqrt(occurrences)
//
// A margin becomes a calibrated score per language:
// sigmoid(A*margin + B) with Calib[k][lang], fitted on held-out data with
// the two classes weighted equally (so 0.5 means the evidence is even,
// whatever the share of harmful texts in the data it was fitted on).
type ClassifierModel struct {
	// Version names the model in label rules ("moderation-v2").
	Version string
	// Bits: the model has 2^Bits buckets.
	Bits uint
	// Categories are the categories scored, K of them, in weight order.
	Categories []models.Category
	// Langs are the calibration languages; Langs[0] is "und", the pooled
	// calibration used for any other language.
	Langs []string
	// Scale and Bias per category.
	Scale, Bias []float32
	// Q holds the quantized weights bucket-major: bucket b's weights are
	// Q[b*Stride : b*Stride+K]. Stride is K rounded up to 2, 4 or a
	// multiple of 8 (strideFor), so a bucket's weights never straddle a
	// cache line; the padding is zero. The file stores K weights a bucket.
	// A model a classifier read for itself may hold only the buckets with
	// a weight (see present); the methods read both layouts.
	Q      []int8
	Stride int
	// present, when set, are the buckets Q holds, bucket b's row being
	// the index(b)-th (classifier_model_rows.go).
	present *rankedBits
	// Calib[k][l] calibrates category k in language Langs[l].
	Calib [][]Platt
}

// Platt is a logistic calibration of a margin: sigmoid(A*m + B).
type Platt struct {
	A, B float64
	// Fitted reports a fit on this language's own held-out data; false
	// means the pooled calibration was copied in (too little data).
	Fitted bool
	// Guarded reports that B was lowered so that the language's held-out
	// clean text stays below score 0.5 at the default base rate (see the
	// training program).
	Guarded bool
}

// Score maps a margin to a probability.
func (p Platt) Score(margin float64) float64 {
	s := 1 / (1 + math.Exp(-(p.A*margin + p.B)))
	if math.IsNaN(s) {
		return 0
	}
	return s
}

// classifierMagic opens every model file, followed by a format version
// byte. Format 1 was the single-category abuse model (magic "NGABUSE").
const classifierMagic = "NGCLASS"

const classifierFormat = 2

// maxClassifierBits bounds the buckets a file may ask for; maxClassifierQ
// the weights (K << Bits).
const (
	maxClassifierBits = 24
	maxClassifierQ    = 64 << 20
)

// NewClassifierModel quantizes float weights (bucket-major, len K << bits)
// into a model with every calibration set to the identity.
func NewClassifierModel(version string, bits uint, cats []models.Category, langs []string, weights []float32, bias []float32) (*ClassifierModel, error) {
	k := len(cats)
	if k == 0 || k > 32 || len(bias) != k {
		return nil, fmt.Errorf("classifier model: %d categories with %d biases", k, len(bias))
	}
	if bits < 1 || bits > maxClassifierBits || len(weights) != k<<bits {
		return nil, fmt.Errorf("classifier model: %d weights for %d categories of 2^%d buckets", len(weights), k, bits)
	}
	if len(langs) == 0 || langs[0] != "und" {
		return nil, errors.New(`classifier model: the first calibration language must be "und"`)
	}
	stride := strideFor(k)
	m := &ClassifierModel{Version: version, Bits: bits, Categories: slices.Clone(cats), Langs: slices.Clone(langs),
		Scale: make([]float32, k), Bias: slices.Clone(bias), Q: make([]int8, stride<<bits), Stride: stride,
		Calib: make([][]Platt, k)}
	for c := range k {
		var maxAbs float32
		for i := c; i < len(weights); i += k {
			maxAbs = max(maxAbs, float32(math.Abs(float64(weights[i]))))
		}
		m.Scale[c] = 1
		if maxAbs > 0 {
			m.Scale[c] = maxAbs / 127
		}
		for b := range 1 << bits {
			m.Q[b*stride+c] = int8(math.Round(float64(weights[b*k+c] / m.Scale[c])))
		}
		m.Calib[c] = make([]Platt, len(langs))
		for l := range langs {
			m.Calib[c][l] = Platt{A: 1}
		}
	}
	return m, nil
}

// strideFor is the weights a bucket holds in memory for k categories: k
// rounded up to 2, 4 or a multiple of 8, so that a bucket's weights never
// straddle a cache line and a model of two categories (the intent
// models) takes a quarter of the memory of one of seven. A model of one
// category (the harassment model) holds its one weight a bucket: a byte
// straddles nothing, and padding would double its 1 MiB.
func strideFor(k int) int {
	switch {
	case k == 1:
		return 1
	case k <= 2:
		return 2
	case k <= 4:
		return 4
	}
	return (k + 7) &^ 7
}

// Keep returns a model of the categories cats only (in that order), with
// their weights, scales, biases and calibrations: what the training
// program writes for a model whose other categories give no finding.
func (m *ClassifierModel) Keep(cats []models.Category) (*ClassifierModel, error) {
	idx := make([]int, len(cats))
	for i, c := range cats {
		idx[i] = slices.Index(m.Categories, c)
		if idx[i] < 0 {
			return nil, fmt.Errorf("classifier model: no category %q to keep", c)
		}
	}
	k := len(cats)
	if k == 0 {
		return nil, errors.New("classifier model: no category to keep")
	}
	stride := strideFor(k)
	out := &ClassifierModel{Version: m.Version, Bits: m.Bits, Categories: slices.Clone(cats), Langs: slices.Clone(m.Langs),
		Scale: make([]float32, k), Bias: make([]float32, k), Q: make([]int8, stride<<m.Bits), Stride: stride,
		Calib: make([][]Platt, k)}
	for i, j := range idx {
		out.Scale[i], out.Bias[i], out.Calib[i] = m.Scale[j], m.Bias[j], slices.Clone(m.Calib[j])
		for b := range 1 << m.Bits {
			out.Q[b*stride+i] = m.row(uint32(b))[j]
		}
	}
	return out, nil
}

// K is the number of categories.
func (m *ClassifierModel) K() int { return len(m.Categories) }

// Weight returns the dequantized weight of bucket b in category k.
func (m *ClassifierModel) Weight(b uint32, k int) float32 {
	return m.Scale[k] * float32(m.q(b, k))
}

// Margins writes the raw (uncalibrated) margin of every category for a
// feature list into out (len K).
func (m *ClassifierModel) Margins(feats []ClassifierFeature, out []float64) {
	k := len(m.Categories)
	var acc [32]int32
	if m.Stride == 8 && m.present == nil {
		// The shipped case, unrolled: one aligned 8-byte row a feature.
		for _, f := range feats {
			row := m.Q[int(f.Bucket)<<3:]
			row = row[:8:8]
			acc[0] += int32(row[0])
			acc[1] += int32(row[1])
			acc[2] += int32(row[2])
			acc[3] += int32(row[3])
			acc[4] += int32(row[4])
			acc[5] += int32(row[5])
			acc[6] += int32(row[6])
			acc[7] += int32(row[7])
		}
	} else if present := m.present; present != nil {
		// A bucket left out adds nothing.
		for _, f := range feats {
			if i := present.index(f.Bucket); i >= 0 {
				base := i * m.Stride
				for c, q := range m.Q[base : base+k : base+k] {
					acc[c] += int32(q)
				}
			}
		}
	} else {
		for _, f := range feats {
			base := int(f.Bucket) * m.Stride
			for c, q := range m.Q[base : base+k : base+k] {
				acc[c] += int32(q)
			}
		}
	}
	s := float64(featureScale(len(feats)))
	for c := range k {
		out[c] = float64(m.Bias[c]) + float64(m.Scale[c])*s*float64(acc[c])
	}
}

// WriteTo writes the model gzip-compressed: magic, format, version
// string, bits, K, the category names, the number of languages and their
// codes, per category its scale and bias, per category and language the
// calibration (A, B, flags: 1 fitted, 2 guarded), then the K << bits int8 weights; numbers
// little-endian, strings prefixed by a length byte.
func (m *ClassifierModel) WriteTo(w io.Writer) (int64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	k := len(m.Categories)
	var buf bytes.Buffer
	buf.WriteString(classifierMagic)
	buf.WriteByte(classifierFormat)
	str := func(s string) { buf.WriteByte(byte(len(s))); buf.WriteString(s) }
	str(m.Version)
	buf.WriteByte(byte(m.Bits))
	buf.WriteByte(byte(len(m.Categories)))
	for _, c := range m.Categories {
		str(string(c))
	}
	buf.WriteByte(byte(len(m.Langs)))
	for _, l := range m.Langs {
		str(l)
	}
	put := func(v any) { _ = binary.Write(&buf, binary.LittleEndian, v) } // bytes.Buffer never fails
	for k := range m.Categories {
		put(m.Scale[k])
		put(m.Bias[k])
	}
	for k := range m.Categories {
		for _, p := range m.Calib[k] {
			put(p.A)
			put(p.B)
			var flags byte
			if p.Fitted {
				flags |= 1
			}
			if p.Guarded {
				flags |= 2
			}
			buf.WriteByte(flags)
		}
	}
	for b := range 1 << m.Bits {
		for _, q := range m.row(uint32(b))[:k] {
			buf.WriteByte(byte(q))
		}
	}
	cw := &countWriter{w: w}
	// gzip headers carry no time unless set, so the bytes are reproducible.
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, fmt.Errorf("classifier model: %w", err)
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return cw.n, fmt.Errorf("classifier model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("classifier model: %w", err)
	}
	return cw.n, nil
}

func (m *ClassifierModel) validate() error {
	k := len(m.Categories)
	switch {
	case len(m.Version) > 255:
		return errors.New("classifier model: version longer than 255 bytes")
	case k == 0 || k > 32:
		return fmt.Errorf("classifier model: %d categories", k)
	case m.Bits < 1 || m.Bits > maxClassifierBits:
		return fmt.Errorf("classifier model: 2^%d buckets out of range", m.Bits)
	case m.Stride != strideFor(k) || len(m.Q) != m.Stride*m.rows():
		return fmt.Errorf("classifier model: %d weights of stride %d, want %d of stride %d", len(m.Q), m.Stride, strideFor(k)*m.rows(), strideFor(k))
	case m.present != nil && len(m.present.words) != (1<<m.Bits+63)>>6:
		return errors.New("classifier model: the buckets present do not match the buckets")
	case len(m.Scale) != k || len(m.Bias) != k || len(m.Calib) != k:
		return errors.New("classifier model: per-category parameters missing")
	case len(m.Langs) == 0 || len(m.Langs) > 255 || m.Langs[0] != "und":
		return errors.New(`classifier model: calibration languages must start with "und"`)
	}
	for i, c := range m.Categories {
		if !c.Valid() {
			return fmt.Errorf("classifier model: category %q is not in the taxonomy", c)
		}
		if slices.Index(m.Categories, c) != i {
			return fmt.Errorf("classifier model: category %q twice", c)
		}
		if len(m.Calib[i]) != len(m.Langs) {
			return fmt.Errorf("classifier model: category %q has %d calibrations for %d languages", c, len(m.Calib[i]), len(m.Langs))
		}
		for _, f := range []float32{m.Scale[i], m.Bias[i]} {
			if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
				return errors.New("classifier model: parameter is not finite")
			}
		}
		for _, p := range m.Calib[i] {
			if math.IsNaN(p.A) || math.IsInf(p.A, 0) || math.IsNaN(p.B) || math.IsInf(p.B, 0) {
				return errors.New("classifier model: calibration is not finite")
			}
		}
	}
	return nil
}

// ReadClassifierModel reads a model written by WriteTo.
func ReadClassifierModel(r io.Reader) (*ClassifierModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("classifier model: %w", err)
	}
	defer zr.Close()
	br := bufio.NewReader(io.LimitReader(zr, maxClassifierQ+1<<20))
	head := make([]byte, len(classifierMagic)+1)
	if _, err := io.ReadFull(br, head); err != nil {
		return nil, fmt.Errorf("classifier model: header: %w", err)
	}
	if string(head[:len(classifierMagic)]) != classifierMagic {
		return nil, errors.New("classifier model: not a notegate classifier model (format 1 abuse models are no longer read: retrain with stages/moderate/internal/train)")
	}
	if head[len(classifierMagic)] != classifierFormat {
		return nil, fmt.Errorf("classifier model: format %d, want %d", head[len(classifierMagic)], classifierFormat)
	}
	str := func() (string, error) {
		n, err := br.ReadByte()
		if err != nil {
			return "", err
		}
		b := make([]byte, n)
		_, err = io.ReadFull(br, b)
		return string(b), err
	}
	m := &ClassifierModel{}
	if m.Version, err = str(); err != nil {
		return nil, fmt.Errorf("classifier model: version: %w", err)
	}
	bits, err := br.ReadByte()
	if err != nil {
		return nil, fmt.Errorf("classifier model: bits: %w", err)
	}
	if bits < 1 || bits > maxClassifierBits {
		return nil, fmt.Errorf("classifier model: 2^%d buckets out of range", bits)
	}
	m.Bits = uint(bits)
	nk, err := br.ReadByte()
	if err != nil || nk == 0 || nk > 32 {
		return nil, fmt.Errorf("classifier model: %d categories (%v)", nk, err)
	}
	if int(nk)<<m.Bits > maxClassifierQ {
		return nil, fmt.Errorf("classifier model: %d categories of 2^%d buckets is too large", nk, m.Bits)
	}
	for range nk {
		s, err := str()
		if err != nil {
			return nil, fmt.Errorf("classifier model: categories: %w", err)
		}
		m.Categories = append(m.Categories, models.Category(s))
	}
	nl, err := br.ReadByte()
	if err != nil || nl == 0 {
		return nil, fmt.Errorf("classifier model: %d languages (%v)", nl, err)
	}
	for range nl {
		s, err := str()
		if err != nil {
			return nil, fmt.Errorf("classifier model: languages: %w", err)
		}
		m.Langs = append(m.Langs, s)
	}
	k := int(nk)
	m.Scale, m.Bias = make([]float32, k), make([]float32, k)
	for c := range k {
		if err := binary.Read(br, binary.LittleEndian, &m.Scale[c]); err != nil {
			return nil, fmt.Errorf("classifier model: parameters: %w", err)
		}
		if err := binary.Read(br, binary.LittleEndian, &m.Bias[c]); err != nil {
			return nil, fmt.Errorf("classifier model: parameters: %w", err)
		}
	}
	m.Calib = make([][]Platt, k)
	for c := range k {
		m.Calib[c] = make([]Platt, nl)
		for l := range m.Calib[c] {
			p := &m.Calib[c][l]
			if err := binary.Read(br, binary.LittleEndian, &p.A); err != nil {
				return nil, fmt.Errorf("classifier model: calibration: %w", err)
			}
			if err := binary.Read(br, binary.LittleEndian, &p.B); err != nil {
				return nil, fmt.Errorf("classifier model: calibration: %w", err)
			}
			f, err := br.ReadByte()
			if err != nil {
				return nil, fmt.Errorf("classifier model: calibration: %w", err)
			}
			p.Fitted, p.Guarded = f&1 != 0, f&2 != 0
		}
	}
	q := make([]byte, k<<m.Bits)
	if _, err := io.ReadFull(br, q); err != nil {
		return nil, fmt.Errorf("classifier model: weights: %w", err)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, errors.New("classifier model: trailing bytes after the weights")
	}
	m.Stride = strideFor(k)
	m.Q = make([]int8, m.Stride<<m.Bits)
	for b := range 1 << m.Bits {
		row := m.Q[b*m.Stride:]
		for c, x := range q[b*k : b*k+k] {
			row[c] = int8(x)
		}
	}
	if err := m.validate(); err != nil {
		return nil, err
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
