package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"noiseball/core/nn"
)

// writeModel saves a network with the given input shape and layers,
// weights set by fill (nil: zeros), into dir and returns its path.
func writeModel(t *testing.T, dir, name string, in nn.Shape, specs []nn.LayerSpec, fill func([]float64)) string {
	t.Helper()
	net, err := nn.New(in, specs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range net.Params() {
		if fill != nil {
			fill(p.W)
		}
	}
	var b bytes.Buffer
	if err := nn.Save(&b, net, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".safetensors")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawModel writes a safetensors file whose header is head (padded) and
// whose data section is data.
func rawModel(t *testing.T, dir, name, head string, data []byte) string {
	t.Helper()
	for len(head)%8 != 0 {
		head += " "
	}
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(head)))
	b = append(append(b, head...), data...)
	path := filepath.Join(dir, name+".safetensors")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHostileInputs runs every subcommand on malformed and adversarial
// models and flag values: each ends with the exit status and the
// sentence it states, never a panic, and within a memory ceiling counted
// by the allocator (bytes allocated, not time).
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	linear := func(classes int) []nn.LayerSpec { return nn.LinearArch(nn.MNIST, classes) }
	three := writeModel(t, dir, "three", nn.MNIST, linear(3), nil)
	nan := writeModel(t, dir, "nan", nn.MNIST, linear(10), func(w []float64) { w[len(w)-1] = math.NaN() })
	inf := writeModel(t, dir, "inf", nn.MNIST, linear(10), func(w []float64) { w[0] = math.Inf(-1) })
	scrambled := writeModel(t, dir, "scrambled", nn.Shape{C: 4, H: 14, W: 14}, nn.LinearArch(nn.Shape{C: 4, H: 14, W: 14}, 10), nil)
	twelve := writeModel(t, dir, "twelve", nn.MNIST, linear(12), nil)
	arch := func(specs []nn.LayerSpec) string {
		b, _ := json.Marshal(specs)
		m, _ := json.Marshal(map[string]string{"arch": string(b)})
		return `{"__metadata__":` + string(m) + `}`
	}
	conv := func(name string, in, out int) nn.LayerSpec {
		return nn.LayerSpec{Type: "conv2d", Name: name, In: in, Out: out, Kernel: 5, Stride: 1, Pad: 2}
	}
	heavy := rawModel(t, dir, "heavy", arch([]nn.LayerSpec{conv("c1", 1, 64), conv("c2", 64, 128), conv("c3", 128, 128), conv("c4", 128, 128),
		{Type: "flatten"}, {Type: "linear", Name: "fc", In: 128 * 784, Out: 10}}), nil)
	wide := rawModel(t, dir, "wide", arch(linear(100000)), nil)
	hugeHeader := filepath.Join(dir, "hugeheader.safetensors")
	os.WriteFile(hugeHeader, binary.LittleEndian.AppendUint64(nil, 16<<20), 0o644)
	garbage := filepath.Join(dir, "garbage.safetensors")
	os.WriteFile(garbage, []byte("this is not a model"), 0o644)

	for _, c := range []struct {
		args []string
		code int
		want string // a fragment of stderr
	}{
		{[]string{"attack", "-model", three}, 1, "needs at least 10 outputs"},
		{[]string{"bound", "-model", three, "-n", "5"}, 1, "needs at least 10 outputs"},
		{[]string{"predict", "-model", three}, 1, "needs at least 10 outputs"},
		{[]string{"attack", "-model", nan}, 1, "non-finite weights"},
		{[]string{"bound", "-model", inf, "-n", "5"}, 1, `tensor "fc.weight" holds -Inf`},
		{[]string{"predict", "-model", nan}, 1, `tensor "fc.weight" holds NaN at position 7839`},
		{[]string{"predict", "-model", scrambled}, 1, "inputs of shape 4x14x14"},
		{[]string{"attack", "-model", heavy}, 1, "FLOPs per example"},
		{[]string{"predict", "-model", wide}, 1, "too many weights"},
		{[]string{"predict", "-model", hugeHeader}, 1, "header length"},
		{[]string{"predict", "-model", garbage}, 1, "not a usable weights file"},
		{[]string{"attack", "-model", "cnn-clean", "-first", "9223372036854775807", "-n", "1"}, 2, "outside the 10000 test images"},
		{[]string{"attack", "-model", "cnn-clean", "-first", "5", "-n", "9223372036854775807"}, 2, "outside the 10000 test images"},
		{[]string{"predict", "-model", "cnn-clean", "-first", "-1"}, 2, "outside the 10000 test images"},
		{[]string{"attack", "-model", "cnn-clean", "-from", "noisy", "-sigma", "Inf"}, 2, "-sigma +Inf is out of range"},
		{[]string{"attack", "-model", "cnn-clean", "-from", "noisy", "-sigma", "NaN"}, 2, "-sigma NaN is out of range"},
		{[]string{"attack", "-model", "cnn-clean", "-eps", "-1"}, 2, "-eps -1 is out of range"},
		{[]string{"attack", "-model", "cnn-clean", "-samples", "0"}, 2, "-samples 0 is out of range"},
		{[]string{"bound", "-model", "cnn-clean", "-sigma", "0"}, 2, "σ must be in"},
		{[]string{"bound", "-model", "cnn-clean", "-workers", "0"}, 2, "-workers 0 is out of range"},
		{[]string{"bound", "-model", "cnn-clean", "-n", "1", "-out", dir}, 1, "is a directory"},
		{[]string{"reproduce", "-quick", "-out", "/proc/noiseball/out"}, 1, "cannot be written"},
		{[]string{"train", "-zoo", "linear-clean", "-limit", "-5"}, 2, "-limit -5 is out of range"},
		{[]string{"train", "-zoo", "linear-clean", "-epochs", "0"}, 2, "epochs 0 must be 1 to 1000"},
		{[]string{"train", "-out", filepath.Join(dir, "m.safetensors"), "-method", "gauss", "-sigma", "Inf"}, 2, "sigma in (0, 10]"},
		{[]string{"train", "-zoo", "linear-clean", "-out", "/proc/noiseball/m.safetensors"}, 1, "cannot be written"},
		{[]string{"serve", "-dir", dir, "-precompress", "max"}, 2, `-precompress "max": want best or fast`},
		{[]string{"train", "-zoo", "cnn-clean", "-batch", "4096", "-out", filepath.Join(dir, "big.safetensors")}, 1, "use a batch of at most"},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		code, _, stderr := runCLI(t, c.args...)
		runtime.ReadMemStats(&after)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "internal error") {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, c.code, c.want)
		}
		// The MNIST test set is 8 MB decoded; no refusal needs more than
		// a few times that.
		if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 256 {
			t.Errorf("%q allocated %d MB before refusing", c.args, mb)
		}
	}
	// Thousands of classes cost DeepFool ten gradients a step, not
	// thousands: the search ends.
	r := rand.New(rand.NewPCG(1, 2))
	many := writeModel(t, dir, "many", nn.MNIST, nn.MLPArch(nn.MNIST, []int{16}, 3000), func(w []float64) {
		for i := range w {
			w[i] = 0.05 * r.NormFloat64()
		}
	})
	if code, out, stderr := runCLI(t, "attack", "-model", many, "-method", "search"); code != 0 || !strings.Contains(out, `"distance"`) {
		t.Errorf("a 3000-class model: exit %d, %s %s", code, out, stderr)
	}
	// More classes than digits is fine: the extra scores are never right.
	if code, out, stderr := runCLI(t, "predict", "-model", twelve, "-n", "2"); code != 0 || !strings.Contains(out, `"labels":[7,2]`) {
		t.Errorf("a 12-class model: exit %d, %s %s", code, out, stderr)
	}
}

// TestPredictLargeNInBatches: all 10,000 test digits go through Logits in
// batches of at most MaxBatch, so memory stays bounded.
func TestPredictLargeNInBatches(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code, out, stderr := runCLI(t, "predict", "-model", "cnn-clean", "-n", "10000")
	runtime.ReadMemStats(&after)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var p prediction
	if err := json.Unmarshal([]byte(out), &p); err != nil || len(p.Logits) != 10000 {
		t.Fatalf("%d logits: %v", len(p.Logits), err)
	}
	// One batch of 10,000 kept 6.5 GB of activations; in batches the run
	// allocates the inputs (63 MB), the output and the JSON.
	if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 1024 {
		t.Errorf("predict -n 10000 allocated %d MB", mb)
	}
}

// TestCorruptMNISTNamed: a relabelled copy of MNIST is refused with the
// file named, and 'noiseball data' replaces it with the real one.
func TestCorruptMNISTNamed(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"mnist-test-images.idx", "mnist-test-labels.idx", "mnist-train-images.idx", "mnist-train-labels.idx"} {
		b, err := os.ReadFile(filepath.Join(defaultDataDir, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "mnist-test-labels.idx" {
			b[8] = (b[8] + 1) % 10 // the first digit relabelled
		}
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	code, _, stderr := runCLI(t, "predict", "-model", "cnn-clean", "-data", dir)
	if code != 1 || !strings.Contains(stderr, "mnist-test-labels.idx is not MNIST's file") {
		t.Errorf("predict on relabelled MNIST: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "data", "-out", dir); code != 0 {
		t.Fatalf("data: exit %d, %s", code, stderr)
	}
	if ok, why := mnistIntact(dir); !ok {
		t.Errorf("after 'noiseball data': %s", why)
	}
}
