package nn

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"noiseball/core/safetensors"
)

func saved(t testing.TB, in Shape, specs []LayerSpec, meta map[string]string) []byte {
	net, err := New(in, specs, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Save(&buf, net, meta); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSaveLoadRoundTrip(t *testing.T) {
	for _, specs := range [][]LayerSpec{CNNArch(), LinearArch(MNIST, 10), MLPArch(MNIST, []int{32, 16}, 10)} {
		net, _ := New(MNIST, specs, rand.New(rand.NewPCG(2, 2)))
		net.RoundToFloat32()
		var buf bytes.Buffer
		if err := Save(&buf, net, map[string]string{"recipe": `{"method":"clean"}`}); err != nil {
			t.Fatal(err)
		}
		got, meta, err := Load(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if meta["recipe"] != `{"method":"clean"}` || !slices.Equal(got.Specs(), net.Specs()) {
			t.Fatalf("metadata %v, specs %v", meta, got.Specs())
		}
		for i, p := range net.Params() {
			q := got.Params()[i]
			if p.Name != q.Name || !slices.Equal(p.W, q.W) || !slices.Equal(p.Shape, q.Shape) {
				t.Fatalf("parameter %s did not survive", p.Name)
			}
		}
	}
}

// TestPyTorchNames pins the tensor names and shapes a PyTorch user sees.
func TestPyTorchNames(t *testing.T) {
	f, err := safetensors.Read(bytes.NewReader(saved(t, MNIST, CNNArch(), nil)), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{"conv1.weight": {8, 1, 5, 5}, "conv1.bias": {8}, "conv2.weight": {16, 8, 5, 5},
		"conv2.bias": {16}, "fc.weight": {10, 784}, "fc.bias": {10}}
	if len(f.Tensors) != len(want) {
		t.Fatalf("%d tensors, want %d", len(f.Tensors), len(want))
	}
	for name, shape := range want {
		if tt := f.Tensor(name); tt == nil || !slices.Equal(tt.Shape, shape) {
			t.Errorf("tensor %s: %+v, want shape %v", name, tt, shape)
		}
	}
	if !strings.Contains(f.Metadata[MetaArch], `{"type":"conv2d","name":"conv1","in":1,"out":8,"kernel":5,"stride":1,"pad":2}`) {
		t.Errorf("arch metadata %s", f.Metadata[MetaArch])
	}
}

func TestLoadRejectsMismatches(t *testing.T) {
	good := saved(t, MNIST, LinearArch(MNIST, 10), nil)

	mutate := func(change func(f *safetensors.File)) []byte {
		g, _ := safetensors.Read(bytes.NewReader(good), 1<<20)
		change(g)
		var buf bytes.Buffer
		safetensors.Write(&buf, g)
		return buf.Bytes()
	}
	cases := map[string][]byte{
		"no arch":  mutate(func(g *safetensors.File) { delete(g.Metadata, MetaArch) }),
		"bad arch": mutate(func(g *safetensors.File) { g.Metadata[MetaArch] = `[{"type":"softmax"}]` }),
		"wrong in": mutate(func(g *safetensors.File) {
			g.Metadata[MetaArch] = `[{"type":"flatten"},{"type":"linear","name":"fc","in":783,"out":10}]`
		}),
		"bad input": mutate(func(g *safetensors.File) { g.Metadata[MetaInput] = `[1,28]` }),
		"missing":   mutate(func(g *safetensors.File) { g.Tensors = g.Tensors[:1] }),
		"renamed":   mutate(func(g *safetensors.File) { g.Tensors[1].Name = "fc.b" }),
		"reshaped":  mutate(func(g *safetensors.File) { g.Tensors[0].Shape = []int{784, 10} }),
		"huge arch": mutate(func(g *safetensors.File) {
			g.Metadata[MetaArch] = `[{"type":"flatten"},{"type":"linear","name":"fc","in":784,"out":100000000}]`
		}),
		"huge conv": mutate(func(g *safetensors.File) {
			g.Metadata[MetaArch] = `[{"type":"conv2d","name":"c","in":1,"out":65536,"kernel":64,"stride":1,"pad":64}]`
		}),
		"extra tensor": mutate(func(g *safetensors.File) {
			g.Tensors = append(g.Tensors, safetensors.Tensor{Name: "x", Shape: []int{1}, Values: []float64{1}})
		}),
		"not safetensors": []byte("hello"),
	}
	for name, b := range cases {
		_, _, err := Load(bytes.NewReader(b))
		var ae *ArchError
		var fe *safetensors.FormatError
		if !errors.As(err, &ae) && !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want *ArchError or *safetensors.FormatError", name, err)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(saved(f, MNIST, LinearArch(MNIST, 10), nil))
	f.Add(saved(f, Shape{2, 1, 1}, MLPArch(Shape{2, 1, 1}, []int{3}, 2), nil))
	f.Add(saved(f, Shape{1, 6, 6}, []LayerSpec{{Type: "conv2d", Name: "c", In: 1, Out: 2, Kernel: 3, Stride: 1, Pad: 1},
		{Type: "relu"}, {Type: "maxpool", Size: 2, Stride: 2}, {Type: "flatten"}, {Type: "linear", Name: "fc", In: 18, Out: 2}}, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		net, _, err := Load(bytes.NewReader(b))
		if err != nil {
			return
		}
		// A loaded network must run and survive a round trip.
		x := make([]float64, net.InShape().Size())
		net.Logits(x, 1)
		var buf bytes.Buffer
		if err := Save(&buf, net, nil); err != nil {
			t.Fatal(err)
		}
		again, _, err := Load(&buf)
		if err != nil {
			t.Fatalf("reloading a saved network: %v", err)
		}
		if !slices.Equal(again.Specs(), net.Specs()) {
			t.Fatal("specs changed in a round trip")
		}
	})
}
