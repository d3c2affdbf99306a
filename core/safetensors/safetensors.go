// Package safetensors reads and writes the safetensors format, the
// weights format of Hugging Face and PyTorch users:
//
//	8 bytes    N, the header length, little-endian uint64
//	N bytes    a JSON object: "__metadata__" (string → string) and, per
//	           tensor, {"dtype": "F32", "shape": [...], "data_offsets": [b, e]}
//	rest       the tensor data, little-endian, row-major; tensor bytes are
//	           [b, e) counted from the start of this section
//
// Noise Ball writes float32 (F32) and reads F32 and F64 into float64
// values. Every size in a header is checked against the limits of Read
// before anything is allocated, so a hostile file fails with a
// *FormatError instead of exhausting memory.
package safetensors

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Tensor is one named tensor, its values converted to float64.
type Tensor struct {
	Name   string
	Shape  []int
	Values []float64 // row-major, product of Shape values
}

// File is the content of a safetensors file.
type File struct {
	Metadata map[string]string
	Tensors  []Tensor // in the order of their data
}

// Tensor returns the tensor named name, or nil.
func (f *File) Tensor(name string) *Tensor {
	for i := range f.Tensors {
		if f.Tensors[i].Name == name {
			return &f.Tensors[i]
		}
	}
	return nil
}

// Limits applied by Read, before the header is parsed: 256 KiB of JSON
// header holds a thousand tensor entries and a generous metadata record
// (the zoo's headers are 1-2 KB), and parsing it takes milliseconds.
const (
	MaxHeader  = 1 << 18 // bytes of JSON header
	MaxTensors = 1024
	maxRank    = 8
)

// FormatError reports a file that is not valid safetensors or breaks a
// limit.
type FormatError struct{ Msg string }

// Error returns the message with the package prefix.
func (e *FormatError) Error() string { return "safetensors: " + e.Msg }

func formatErr(format string, a ...any) error { return &FormatError{fmt.Sprintf(format, a...)} }

type entry struct {
	DType   string  `json:"dtype"`
	Shape   []int64 `json:"shape"`
	Offsets []int64 `json:"data_offsets"`
}

var dtypeSize = map[string]int64{"F32": 4, "F64": 8}

// span is one tensor's place in the data section, as the header gives it.
type span struct {
	name       string
	e          entry
	count      int64 // values
	begin, end int64 // bytes [begin, end) of the data section
}

// decoder reads one file, a section at a time, as image/png's reader
// parses chunks: the header length, the header (metadata and tensor
// entries), the layout of the data section, then the data.
type decoder struct {
	r       io.Reader
	maxData int64
	f       *File
	raw     map[string]json.RawMessage // the header's tensor entries
	spans   []span                     // sorted by begin
	size    int64                      // bytes of the data section
}

// Read decodes a safetensors file from r whose data section holds at most
// maxData bytes. The data section must be covered exactly by the tensors,
// with no gaps, overlaps or trailing bytes.
func Read(r io.Reader, maxData int64) (*File, error) {
	d := &decoder{r: r, maxData: maxData, f: &File{Metadata: map[string]string{}}}
	for _, section := range []func() error{d.readHeader, d.parseEntries, d.layOut, d.readData} {
		if err := section(); err != nil {
			return nil, err
		}
	}
	return d.f, nil
}

// readHeader reads the header length and the JSON header, keeping the
// metadata and the raw tensor entries.
func (d *decoder) readHeader() error {
	var lenBuf [8]byte
	if _, err := io.ReadFull(d.r, lenBuf[:]); err != nil {
		return truncated(err, "header length")
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	if n < 2 || n > MaxHeader {
		return formatErr("header length %d is outside [2, %d]", n, MaxHeader)
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(d.r, head); err != nil {
		return truncated(err, "header")
	}
	if err := json.Unmarshal(head, &d.raw); err != nil {
		return formatErr("header is not a JSON object: %v", err)
	}
	if m, ok := d.raw["__metadata__"]; ok {
		if err := json.Unmarshal(m, &d.f.Metadata); err != nil {
			return formatErr("__metadata__ is not an object of strings: %v", err)
		}
		delete(d.raw, "__metadata__")
	}
	if len(d.raw) > MaxTensors {
		return formatErr("%d tensors; at most %d are accepted", len(d.raw), MaxTensors)
	}
	return nil
}

// parseEntries checks each tensor entry: known fields, dtype, rank, a
// shape within maxData, and offsets that hold exactly its values.
func (d *decoder) parseEntries() error {
	d.spans = make([]span, 0, len(d.raw))
	for name, msg := range d.raw {
		var e entry
		dec := json.NewDecoder(bytes.NewReader(msg))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return formatErr("tensor %q: %v", name, err)
		}
		size, ok := dtypeSize[e.DType]
		if !ok {
			return formatErr("tensor %q has dtype %q; only F32 and F64 are supported (convert the file to float32)", name, e.DType)
		}
		if len(e.Shape) > maxRank {
			return formatErr("tensor %q has rank %d; at most %d", name, len(e.Shape), maxRank)
		}
		count := int64(1)
		for _, n := range e.Shape {
			if n < 0 || (n > 0 && count > d.maxData/n) {
				return formatErr("tensor %q shape %v is negative or larger than %d bytes", name, e.Shape, d.maxData)
			}
			count *= n
		}
		if len(e.Offsets) != 2 || e.Offsets[0] < 0 || e.Offsets[1] < e.Offsets[0] || e.Offsets[1] > d.maxData {
			return formatErr("tensor %q data_offsets %v are not [begin, end] within %d bytes", name, e.Offsets, d.maxData)
		}
		if e.Offsets[1]-e.Offsets[0] != count*size {
			return formatErr("tensor %q shape %v needs %d bytes but data_offsets %v give %d",
				name, e.Shape, count*size, e.Offsets, e.Offsets[1]-e.Offsets[0])
		}
		d.spans = append(d.spans, span{name, e, count, e.Offsets[0], e.Offsets[1]})
	}
	return nil
}

// layOut orders the tensors by offset and checks that they tile the data
// section with no gap or overlap.
func (d *decoder) layOut() error {
	sort.Slice(d.spans, func(i, j int) bool {
		if d.spans[i].begin != d.spans[j].begin {
			return d.spans[i].begin < d.spans[j].begin
		}
		return d.spans[i].name < d.spans[j].name
	})
	for _, s := range d.spans {
		if s.begin != d.size {
			return formatErr("tensor %q starts at byte %d, want %d: the data section has a gap or an overlap", s.name, s.begin, d.size)
		}
		d.size = s.end
	}
	return nil
}

// readData reads the data section, refuses trailing bytes, and converts
// every tensor to float64 values.
func (d *decoder) readData() error {
	data := make([]byte, d.size)
	if _, err := io.ReadFull(d.r, data); err != nil {
		return truncated(err, "data section")
	}
	var one [1]byte
	if k, _ := d.r.Read(one[:]); k > 0 {
		return formatErr("the file has bytes after its last tensor")
	}
	for _, s := range d.spans {
		t := Tensor{Name: s.name, Shape: make([]int, len(s.e.Shape)), Values: make([]float64, s.count)}
		for i, n := range s.e.Shape {
			t.Shape[i] = int(n)
		}
		b := data[s.begin:s.end]
		switch s.e.DType {
		case "F32":
			for i := range t.Values {
				t.Values[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
			}
		case "F64":
			for i := range t.Values {
				t.Values[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
			}
		}
		d.f.Tensors = append(d.f.Tensors, t)
	}
	return nil
}

func truncated(err error, part string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return formatErr("the file is truncated in its %s", part)
	}
	return err
}

// Write encodes f with every tensor as F32 (values rounded to the nearest
// float32), data in the order of f.Tensors, and the header padded with
// spaces to a multiple of 8 bytes as the reference implementation does.
// It panics if a tensor's values do not match its shape or names repeat.
func Write(w io.Writer, f *File) error {
	var head strings.Builder
	head.WriteByte('{')
	if len(f.Metadata) > 0 {
		m, err := json.Marshal(f.Metadata)
		if err != nil {
			return err
		}
		head.WriteString(`"__metadata__":`)
		head.Write(m)
	}
	seen := map[string]bool{"__metadata__": true}
	off := int64(0)
	for i, t := range f.Tensors {
		if seen[t.Name] {
			panic(fmt.Sprintf("safetensors: tensor name %q repeated or reserved", t.Name))
		}
		seen[t.Name] = true
		count := 1
		for _, d := range t.Shape {
			count *= d
		}
		if count != len(t.Values) {
			panic(fmt.Sprintf("safetensors: tensor %q has %d values for shape %v", t.Name, len(t.Values), t.Shape))
		}
		name, _ := json.Marshal(t.Name)
		shape, _ := json.Marshal(t.Shape)
		if len(f.Metadata) > 0 || i > 0 {
			head.WriteByte(',')
		}
		fmt.Fprintf(&head, `%s:{"dtype":"F32","shape":%s,"data_offsets":[%d,%d]}`, name, shape, off, off+4*int64(count))
		off += 4 * int64(count)
	}
	head.WriteByte('}')
	for head.Len()%8 != 0 {
		head.WriteByte(' ')
	}
	buf := make([]byte, 8, 8+head.Len()+int(off))
	binary.LittleEndian.PutUint64(buf, uint64(head.Len()))
	buf = append(buf, head.String()...)
	for _, t := range f.Tensors {
		for _, v := range t.Values {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(float32(v)))
		}
	}
	_, err := w.Write(buf)
	return err
}
