// Package assettest gives tests the repository's assets, with one clear
// message when they are missing: MNIST as 'make data' writes it to
// site/assets/data (make test fetches it before any test runs), and the
// shipped zoo and its results under site/assets/models and
// site/assets/results. A test that needs MNIST fails without it, the same
// way on every machine, rather than skipping.
//
// It also holds the small fixtures several packages' tests share
// (SmallNet). It is test support, as net/http/httptest is: the only
// package under core/ that reads files (tools/depcheck allows it).
package assettest

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"noiseball/core/data"
	"noiseball/core/data/mnistsum"
	"noiseball/core/nn"
)

// Dir returns the path of site/assets, found from the working directory
// by walking up to the module's go.mod.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("assettest: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "site", "assets")
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("assettest: no go.mod above the test's directory, so no site/assets")
		}
		dir = up
	}
}

// Read returns the file at rel, a path under site/assets such as
// "models/cnn-clean.safetensors".
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("assettest: %v", err)
	}
	return b
}

// readMNIST returns one of the IDX files 'make data' writes, checked
// against its SHA-256.
func readMNIST(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir(t), "data", name))
	if err != nil {
		t.Fatalf("MNIST's %s is not in site/assets/data: run 'make data' (make test runs it first): %v", name, err)
	}
	if err := mnistsum.Check(name, b); err != nil {
		t.Fatalf("site/assets/data: %v", err)
	}
	return b
}

// TestSet returns MNIST's 10,000 test digits.
func TestSet(t testing.TB) *data.Set {
	t.Helper()
	idx := func(name string, max int) *data.IDX {
		x, err := data.ReadIDX(bytes.NewReader(readMNIST(t, name)), max)
		if err != nil {
			t.Fatalf("site/assets/data/%s: %v: run 'make data' again", name, err)
		}
		return x
	}
	s, err := data.NewMNIST("test", idx("mnist-test-images.idx", data.MaxIDXElems), idx("mnist-test-labels.idx", data.MNISTTest), data.MNISTTest)
	if err != nil {
		t.Fatalf("assettest: %v", err)
	}
	return s
}

// Weights returns the safetensors file of the shipped model name, such as
// "cnn-clean".
func Weights(t testing.TB, name string) []byte {
	t.Helper()
	return Read(t, "models/"+name+".safetensors")
}

// Model returns the shipped model name, loaded.
func Model(t testing.TB, name string) *nn.Network {
	t.Helper()
	net, _, err := nn.Load(bytes.NewReader(Weights(t, name)))
	if err != nil {
		t.Fatalf("assettest: model %s: %v", name, err)
	}
	return net
}

// SmallNet returns a random two-layer network (36 inputs as 1×6×6, 16
// hidden ReLU units, 4 classes) drawn from seed, a point x with pixels in
// [0,1), and the class the network gives x: a model whose error rate in
// noise runs from 0 to 3/4 as σ grows, for tests of the measurements.
func SmallNet(t testing.TB, seed uint64) (net *nn.Network, x []float64, class int) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	in := nn.Shape{C: 1, H: 6, W: 6}
	net, err := nn.New(in, nn.MLPArch(in, []int{16}, 4), r)
	if err != nil {
		t.Fatalf("assettest: %v", err)
	}
	x = make([]float64, in.Size())
	for i := range x {
		x[i] = r.Float64()
	}
	pred := []int{0}
	nn.Argmax(pred, net.Logits(x, 1), 4)
	return net, x, pred[0]
}
