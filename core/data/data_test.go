package data

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestIDXRoundTrip(t *testing.T) {
	dims := []int{3, 2, 4}
	body := make([]byte, 24)
	for i := range body {
		body[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := WriteIDX(&buf, dims, body); err != nil {
		t.Fatal(err)
	}
	want := []byte{0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4}
	if !bytes.Equal(buf.Bytes()[:16], want) {
		t.Fatalf("header % x, want % x", buf.Bytes()[:16], want)
	}
	got, err := ReadIDX(&buf, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Dims) != 3 || got.Dims[0] != 3 || got.Dims[2] != 4 || !bytes.Equal(got.Data, body) {
		t.Fatalf("round trip gave %v % x", got.Dims, got.Data)
	}
}

func TestIDXErrors(t *testing.T) {
	valid := []byte{0, 0, 8, 1, 0, 0, 0, 2, 5, 6}
	cases := map[string][]byte{
		"empty":       nil,
		"bad magic":   {1, 0, 8, 1, 0, 0, 0, 1, 0},
		"float type":  {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0},
		"no dims":     {0, 0, 8, 0},
		"zero dim":    {0, 0, 8, 1, 0, 0, 0, 0},
		"short dims":  {0, 0, 8, 2, 0, 0, 0, 1},
		"short body":  valid[:9],
		"trailing":    append(append([]byte(nil), valid...), 9),
		"too large":   {0, 0, 8, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		"over budget": {0, 0, 8, 1, 0, 0, 4, 0},
	}
	for name, in := range cases {
		_, err := ReadIDX(bytes.NewReader(in), 1000)
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want a *FormatError", name, err)
		}
	}
	if _, err := ReadIDX(bytes.NewReader(valid), 1000); err != nil {
		t.Errorf("valid file: %v", err)
	}
}

func FuzzReadIDX(f *testing.F) {
	f.Add([]byte{0, 0, 8, 1, 0, 0, 0, 2, 5, 6})
	f.Add([]byte{0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 1, 2})
	f.Add([]byte{0, 0, 8, 2, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 2})
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := ReadIDX(bytes.NewReader(in), 1<<16)
		if err != nil {
			return
		}
		// A file that decodes must re-encode to the same bytes.
		var buf bytes.Buffer
		if err := WriteIDX(&buf, got.Dims, got.Data); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), in) {
			t.Fatalf("re-encoding % x gave % x", in, buf.Bytes())
		}
	})
}

func TestNewMNISTChecks(t *testing.T) {
	img := &IDX{Dims: []int{2, 28, 28}, Data: make([]byte, 2*784)}
	img.Data[784] = 255
	lab := &IDX{Dims: []int{2}, Data: []byte{3, 9}}
	s, err := NewMNIST("test", img, lab, 2)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 784)
	if y := s.Example(x, 1); y != 9 || x[0] != 1 || x[1] != 0 {
		t.Fatalf("example 1: label %d, pixels %v %v; want 9, 1, 0", y, x[0], x[1])
	}
	bad := []struct {
		name     string
		img, lab *IDX
		n        int
	}{
		{"wrong side", &IDX{Dims: []int{2, 27, 29}, Data: make([]byte, 2*27*29)}, lab, 0},
		{"count mismatch", img, &IDX{Dims: []int{3}, Data: []byte{1, 2, 3}}, 0},
		{"label 10", img, &IDX{Dims: []int{2}, Data: []byte{1, 10}}, 0},
		{"wrong split size", img, lab, 60000},
	}
	for _, c := range bad {
		var fe *FormatError
		if _, err := NewMNIST("test", c.img, c.lab, c.n); !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want *FormatError", c.name, err)
		}
	}
}

func TestSyntheticSets(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	sets := []*Set{
		TwoMoons(r, 200, 0.1),
		Circles(r, 200, 0.05, 0.5),
		Blobs(r, 200, [][2]float64{{0, 0}, {3, 3}, {-3, 3}}, 0.5),
		Spiral(r, 200, 3, 0.1),
		Spheres(r, 200, 50, 1.3),
	}
	sep, u := Separable(r, 200, 20, 0.5)
	sets = append(sets, sep)
	for _, s := range sets {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		seen := make([]int, s.Classes)
		for _, y := range s.Labels {
			seen[y]++
		}
		for c, k := range seen {
			if k == 0 {
				t.Errorf("%s: class %d never drawn", s.Name, c)
			}
		}
	}
	// Spheres: class 0 has norm 1, class 1 norm 1.3.
	sp := sets[4]
	x := make([]float64, sp.Dim())
	for i := range sp.N {
		y := sp.Example(x, i)
		norm := 0.0
		for _, v := range x {
			norm += v * v
		}
		want := []float64{1, 1.3}[y]
		if math.Abs(math.Sqrt(norm)-want) > 1e-12 {
			t.Fatalf("sphere example %d of class %d has norm %v", i, y, math.Sqrt(norm))
		}
	}
	// Separable: the label is the side of u, with the margin kept.
	x = make([]float64, sep.Dim())
	for i := range sep.N {
		y := sep.Example(x, i)
		dot := 0.0
		for j := range x {
			dot += x[j] * u[j]
		}
		if (dot > 0) != (y == 1) || math.Abs(dot) < 0.5 {
			t.Fatalf("separable example %d: x·u = %v, label %d", i, dot, y)
		}
	}
}

func TestSameSeedSameSet(t *testing.T) {
	a := TwoMoons(rand.New(rand.NewPCG(9, 9)), 50, 0.1)
	b := TwoMoons(rand.New(rand.NewPCG(9, 9)), 50, 0.1)
	for i := range a.Values {
		if a.Values[i] != b.Values[i] {
			t.Fatal("same seed gave different sets")
		}
	}
	o1 := Order(rand.New(rand.NewPCG(2, 3)), 100)
	o2 := Order(rand.New(rand.NewPCG(2, 3)), 100)
	for i := range o1 {
		if o1[i] != o2[i] {
			t.Fatal("same seed gave different orders")
		}
	}
}

// TestPixelBytesRoundTrip: every byte survives BytesToPixels and back, and
// out-of-range values clip.
func TestPixelBytesRoundTrip(t *testing.T) {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	x := make([]float64, 256)
	BytesToPixels(x, b)
	back := make([]byte, 256)
	PixelsToBytes(back, x)
	for i := range b {
		if back[i] != b[i] || x[i] != float64(i)/255 {
			t.Fatalf("byte %d became %v and %d", i, x[i], back[i])
		}
	}
	PixelsToBytes(back[:3], []float64{-0.5, 1.7, 0.5})
	if back[0] != 0 || back[1] != 255 || back[2] != 128 {
		t.Errorf("clipping gave %v", back[:3])
	}
}

// TestMNISTFromBytesAndParts: digits sent as bytes become a set that
// shares their pixels; mismatched sizes and labels above 9 are errors;
// the training set's parts cover exactly the digits asked for.
func TestMNISTFromBytesAndParts(t *testing.T) {
	pixels := make([]byte, 3*MNISTPixels)
	pixels[MNISTPixels] = 255
	s, err := MNISTFromBytes("x", []byte{1, 2, 3}, pixels)
	if err != nil || s.N != 3 || s.Labels[2] != 3 || &s.Bytes[0] != &pixels[0] {
		t.Fatalf("%+v, %v", s, err)
	}
	x := make([]float64, MNISTPixels)
	if y := s.Example(x, 1); y != 2 || x[0] != 1 {
		t.Errorf("digit 1: label %d, first pixel %v", y, x[0])
	}
	if _, err := MNISTFromBytes("x", []byte{1, 2}, pixels); err == nil {
		t.Error("3 digits with 2 labels accepted")
	}
	if _, err := MNISTFromBytes("x", []byte{1, 2, 10}, pixels); err == nil {
		t.Error("label 10 accepted")
	}
	for n, want := range map[int][]string{1: {"train-00k"}, 10000: {"train-00k"}, 10001: {"train-00k", "train-10k"},
		60000: {"train-00k", "train-10k", "train-20k", "train-30k", "train-40k", "train-50k"}} {
		if got := MNISTTrainParts(n); !slices.Equal(got, want) {
			t.Errorf("MNISTTrainParts(%d) = %v", n, got)
		}
	}
}
