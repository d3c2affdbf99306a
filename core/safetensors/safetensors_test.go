package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

func sample() *File {
	return &File{
		Metadata: map[string]string{"arch": `[{"type":"flatten"}]`, "note": "ünïcode"},
		Tensors: []Tensor{
			{Name: "conv1.weight", Shape: []int{2, 1, 2, 2}, Values: []float64{1, -2, 0.5, 3, 0.25, -0.125, 7, 8}},
			{Name: "conv1.bias", Shape: []int{2}, Values: []float64{0.1, -0.2}},
			{Name: "scalar", Shape: []int{}, Values: []float64{42}},
			{Name: "empty", Shape: []int{0, 3}, Values: []float64{}},
		},
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	n := binary.LittleEndian.Uint64(buf.Bytes())
	if n%8 != 0 {
		t.Errorf("header length %d is not padded to 8", n)
	}
	f, err := Read(&buf, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if f.Metadata["note"] != "ünïcode" || f.Metadata["arch"] != `[{"type":"flatten"}]` {
		t.Errorf("metadata %v", f.Metadata)
	}
	want := sample()
	for _, w := range want.Tensors {
		g := f.Tensor(w.Name)
		if g == nil {
			t.Fatalf("tensor %s lost", w.Name)
		}
		if len(g.Shape) != len(w.Shape) || len(g.Values) != len(w.Values) {
			t.Fatalf("tensor %s: shape %v, want %v", w.Name, g.Shape, w.Shape)
		}
		for i := range w.Values {
			if g.Values[i] != float64(float32(w.Values[i])) {
				t.Errorf("%s[%d] = %v, want %v", w.Name, i, g.Values[i], w.Values[i])
			}
		}
	}
}

// TestKnownBytes decodes a file laid out by hand as the reference
// implementation documents it, with F64 data and no padding.
func TestKnownBytes(t *testing.T) {
	head := `{"x":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}`
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint64(len(head)))
	b.WriteString(head)
	binary.Write(&b, binary.LittleEndian, []float64{math.Pi, -1})
	f, err := Read(&b, 100)
	if err != nil {
		t.Fatal(err)
	}
	if x := f.Tensor("x"); x == nil || x.Values[0] != math.Pi || x.Values[1] != -1 {
		t.Fatalf("decoded %+v", f.Tensors)
	}
}

func build(head string, data []byte) []byte {
	var b bytes.Buffer
	binary.Write(&b, binary.LittleEndian, uint64(len(head)))
	b.WriteString(head)
	b.Write(data)
	return b.Bytes()
}

func TestHostileFiles(t *testing.T) {
	four := make([]byte, 4)
	cases := map[string][]byte{
		"empty":         nil,
		"huge header":   {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
		"short header":  build(`{"x":1}`, nil)[:10],
		"not json":      build(`nope`, nil),
		"bad metadata":  build(`{"__metadata__":{"a":1}}`, nil),
		"unknown dtype": build(`{"x":{"dtype":"Q7","shape":[1],"data_offsets":[0,1]}}`, []byte{0}),
		"bf16":          build(`{"x":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}`, []byte{0, 0}),
		"size mismatch": build(`{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, four),
		"negative dim":  build(`{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, four),
		"huge shape":    build(`{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}`, four),
		"gap":           build(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, append(four, four...)),
		"overlap": build(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"y":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`,
			four),
		"offsets past limit": build(`{"x":{"dtype":"F32","shape":[1000000],"data_offsets":[0,4000000]}}`, four),
		"truncated data":     build(`{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}`, four),
		"trailing bytes":     build(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, append(four, 1)),
		"extra field":        build(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"z":1}}`, four),
		"three offsets":      build(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}`, four),
	}
	for name, in := range cases {
		_, err := Read(bytes.NewReader(in), 1<<20)
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want *FormatError", name, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	Write(&buf, sample())
	f.Add(buf.Bytes())
	f.Add(build(`{"x":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}`, make([]byte, 8)))
	f.Fuzz(func(t *testing.T, in []byte) {
		file, err := Read(bytes.NewReader(in), 1<<16)
		if err != nil {
			return
		}
		// What decodes must survive a round trip (as float32).
		var out bytes.Buffer
		if err := Write(&out, file); err != nil {
			t.Fatal(err)
		}
		again, err := Read(&out, 1<<16)
		if err != nil {
			t.Fatalf("re-reading a written file: %v", err)
		}
		if len(again.Tensors) != len(file.Tensors) {
			t.Fatalf("%d tensors became %d", len(file.Tensors), len(again.Tensors))
		}
		for i, tt := range file.Tensors {
			g := again.Tensor(tt.Name)
			for j, v := range tt.Values {
				w := float64(float32(v))
				if g.Values[j] != w && !(math.IsNaN(w) && math.IsNaN(g.Values[j])) {
					t.Fatalf("tensor %d value %d: %v became %v", i, j, v, g.Values[j])
				}
			}
		}
	})
}
