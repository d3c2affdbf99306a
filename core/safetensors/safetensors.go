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

// Limits applied by Read.
const (
	MaxHeader  = 1 << 24 // bytes of JSON header
	MaxTensors = 4096
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

// Read decodes a safetensors file from r whose data section holds at most
// maxData bytes. The data section must be covered exactly by the tensors,
// with no gaps, overlaps or trailing bytes.
func Read(r io.Reader, maxData int64) (*File, error) {
	var lenBuf [8]byte
	if _, err := io.ReadFull(r, lenBuf[:]); err != nil {
		return nil, truncated(err, "header length")
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	if n < 2 || n > MaxHeader {
		return nil, formatErr("header length %d is outside [2, %d]", n, MaxHeader)
	}
	head := make([]byte, n)
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, truncated(err, "header")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(head, &raw); err != nil {
		return nil, formatErr("header is not a JSON object: %v", err)
	}
	f := &File{Metadata: map[string]string{}}
	if m, ok := raw["__metadata__"]; ok {
		if err := json.Unmarshal(m, &f.Metadata); err != nil {
			return nil, formatErr("__metadata__ is not an object of strings: %v", err)
		}
		delete(raw, "__metadata__")
	}
	if len(raw) > MaxTensors {
		return nil, formatErr("%d tensors; at most %d are accepted", len(raw), MaxTensors)
	}
	type span struct {
		name       string
		e          entry
		count      int64
		begin, end int64
	}
	spans := make([]span, 0, len(raw))
	for name, msg := range raw {
		var e entry
		dec := json.NewDecoder(bytes.NewReader(msg))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return nil, formatErr("tensor %q: %v", name, err)
		}
		size, ok := dtypeSize[e.DType]
		if !ok {
			return nil, formatErr("tensor %q has dtype %q; only F32 and F64 are supported (convert the file to float32)", name, e.DType)
		}
		if len(e.Shape) > maxRank {
			return nil, formatErr("tensor %q has rank %d; at most %d", name, len(e.Shape), maxRank)
		}
		count := int64(1)
		for _, d := range e.Shape {
			if d < 0 || (d > 0 && count > maxData/d) {
				return nil, formatErr("tensor %q shape %v is negative or larger than %d bytes", name, e.Shape, maxData)
			}
			count *= d
		}
		if len(e.Offsets) != 2 || e.Offsets[0] < 0 || e.Offsets[1] < e.Offsets[0] || e.Offsets[1] > maxData {
			return nil, formatErr("tensor %q data_offsets %v are not [begin, end] within %d bytes", name, e.Offsets, maxData)
		}
		if e.Offsets[1]-e.Offsets[0] != count*size {
			return nil, formatErr("tensor %q shape %v needs %d bytes but data_offsets %v give %d",
				name, e.Shape, count*size, e.Offsets, e.Offsets[1]-e.Offsets[0])
		}
		spans = append(spans, span{name, e, count, e.Offsets[0], e.Offsets[1]})
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].begin != spans[j].begin {
			return spans[i].begin < spans[j].begin
		}
		return spans[i].name < spans[j].name
	})
	pos := int64(0)
	for _, s := range spans {
		if s.begin != pos {
			return nil, formatErr("tensor %q starts at byte %d, want %d: the data section has a gap or an overlap", s.name, s.begin, pos)
		}
		pos = s.end
	}
	data := make([]byte, pos)
	if _, err := io.ReadFull(r, data); err != nil {
		return nil, truncated(err, "data section")
	}
	var one [1]byte
	if k, _ := r.Read(one[:]); k > 0 {
		return nil, formatErr("the file has bytes after its last tensor")
	}
	for _, s := range spans {
		t := Tensor{Name: s.name, Shape: make([]int, len(s.e.Shape)), Values: make([]float64, s.count)}
		for i, d := range s.e.Shape {
			t.Shape[i] = int(d)
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
		f.Tensors = append(f.Tensors, t)
	}
	return f, nil
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
