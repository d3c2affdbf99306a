package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"noiseball/core/nn"
	"noiseball/core/train"
)

// The tests run in tools/noiseball; the data and models live at the
// repository root.
func TestMain(m *testing.M) {
	if err := os.Chdir("../.."); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestUsageErrorsExit2(t *testing.T) {
	cases := [][]string{
		nil,
		{"frobnicate"},
		{"predict", "-no-such-flag"},
		{"predict", "-model", "cnn-clean", "extra"},
		{"predict", "-model", "cnn-clean", "-first", "9999", "-n", "5"},
		{"predict"},
		{"train", "-arch", "resnet", "-out", "x"},
		{"train", "-zoo", "cnn-huge"},
		{"train", "-method", "gauss", "-out", "x"},
		{"train"},
	}
	for _, args := range cases {
		if code, _, stderr := runCLI(t, args...); code != 2 || stderr == "" {
			t.Errorf("noiseball %q: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
	for _, args := range [][]string{{"help"}, {"train", "-h"}, {"predict", "-h"}, {"data", "-h"}, {"serve", "-h"}} {
		if code, o, e := runCLI(t, args...); code != 0 || o+e == "" {
			t.Errorf("noiseball %q: exit %d; want 0 and help text", args, code)
		}
	}
}

func TestMissingModelIsAnErrorNotAPanic(t *testing.T) {
	code, _, stderr := runCLI(t, "predict", "-model", "no-such-model")
	if code != 1 || !strings.Contains(stderr, "does not exist") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	bad := filepath.Join(t.TempDir(), "bad.safetensors")
	os.WriteFile(bad, []byte("definitely not weights"), 0o644)
	code, _, stderr = runCLI(t, "predict", "-model", bad)
	if code != 1 || !strings.Contains(stderr, "not a usable weights file") {
		t.Fatalf("corrupt file: exit %d, stderr %q", code, stderr)
	}
}

// TestPredictInterface pins the JSON that other tools rely on.
func TestPredictInterface(t *testing.T) {
	code, out, stderr := runCLI(t, "predict", "-model", "cnn-clean", "-first", "3", "-n", "4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"model", "first", "labels", "logits"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("predict output lacks %q", k)
		}
	}
	var p prediction
	json.Unmarshal([]byte(out), &p)
	test, err := loadMNIST(defaultDataDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	if p.Model != "cnn-clean" || p.First != 3 || len(p.Labels) != 4 || len(p.Logits) != 4 {
		t.Fatalf("predict gave %+v", p)
	}
	for i, y := range p.Labels {
		if y != test.Labels[3+i] || len(p.Logits[i]) != 10 {
			t.Errorf("image %d: label %d (want %d), %d logits", 3+i, y, test.Labels[3+i], len(p.Logits[i]))
		}
	}
}

// TestZooMeetsFloorsAndMetadata evaluates every shipped model on the full
// test set: the accuracy in its metadata must be what it computes, and
// cnn-clean and linear-clean must clear the floors of the foundation
// issue.
func TestZooMeetsFloorsAndMetadata(t *testing.T) {
	test, err := loadMNIST(defaultDataDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string]float64{"cnn-clean": 0.985, "linear-clean": 0.915}
	for _, z := range zoo() {
		net, meta, err := loadModel(z.name)
		if err != nil {
			t.Errorf("%s: %v", z.name, err)
			continue
		}
		acc, _ := train.Evaluate(net, test, 500)
		var m struct {
			Accuracy float64 `json:"test_accuracy"`
		}
		if err := json.Unmarshal([]byte(meta["metrics"]), &m); err != nil || m.Accuracy != acc {
			t.Errorf("%s: metadata accuracy %v, computed %v (%v)", z.name, m.Accuracy, acc, err)
		}
		var r train.Recipe
		if err := json.Unmarshal([]byte(meta["recipe"]), &r); err != nil || r != z.recipe {
			t.Errorf("%s: file recipe %+v differs from the zoo's %+v (%v): retrain it", z.name, r, z.recipe, err)
		}
		if f, ok := floors[z.name]; ok && acc < f {
			t.Errorf("%s: clean test accuracy %.4f is below the floor %.3f", z.name, acc, f)
		}
		t.Logf("%-16s clean test accuracy %.2f%%", z.name, 100*acc)
	}
}

// TestTrainIsReproducible trains a short run three times, twice with one
// worker and once with two: the weights and metadata must be identical
// (but for the command line, which names each output file).
func TestTrainIsReproducible(t *testing.T) {
	dir := t.TempDir()
	type result struct {
		net  *nn.Network
		meta map[string]string
	}
	var runs []result
	for i, workers := range []string{"1", "1", "2"} {
		out := filepath.Join(dir, "m"+workers+string(rune('a'+i))+".safetensors")
		code, _, stderr := runCLI(t, "train", "-zoo", "cnn-gauss0.4", "-epochs", "1", "-limit", "256", "-workers", workers, "-out", out)
		if code != 0 {
			t.Fatalf("train: exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, "ex/s") {
			t.Errorf("train printed no progress: %q", stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		net, meta, err := nn.Load(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(meta["command"], "-zoo cnn-gauss0.4") || meta["arch"] == "" {
			t.Errorf("metadata %v", meta)
		}
		delete(meta, "command")
		runs = append(runs, result{net, meta})
	}
	for _, r := range runs[1:] {
		for k, v := range runs[0].meta {
			if r.meta[k] != v {
				t.Errorf("metadata %q: %q, then %q", k, v, r.meta[k])
			}
		}
		for i, p := range runs[0].net.Params() {
			if !slices.Equal(p.W, r.net.Params()[i].W) {
				t.Fatalf("the same training command wrote different %s", p.Name)
			}
		}
	}
}

// TestArm64MatchesNative builds noiseball for arm64, whose compiler
// would fuse products into FMAs where core did not forbid it
// (tools/fmacheck), and runs it under qemu-aarch64 (Debian's qemu-user,
// which make installs): 'predict' must print the native build's logits
// and 'attack' its nearest error, to the last digit. On an arm64 machine
// the native build is arm64's, and the browser tests compare it with the
// page.
func TestArm64MatchesNative(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an arm64 binary")
	}
	if runtime.GOARCH == "arm64" {
		t.Skip("the native build is arm64's")
	}
	qemu, err := exec.LookPath("qemu-aarch64")
	if err != nil {
		t.Fatal("qemu-aarch64 is needed to run the arm64 build; install the Debian package qemu-user (make test does, as root)")
	}
	bin := filepath.Join(t.TempDir(), "noiseball-arm64")
	build := exec.Command("go", "build", "-o", bin, "./tools/noiseball")
	build.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("arm64 build: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"predict", "-model", "cnn-clean", "-first", "0", "-n", "100"},
		{"attack", "-model", "cnn-clean", "-first", "3", "-n", "1"},
	} {
		code, native, stderr := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("native %q: %s", args, stderr)
		}
		cmd := exec.Command(qemu, append([]string{bin}, args...)...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Fatalf("arm64 noiseball %q: %v\n%s", args, err, e.String())
		}
		if o.String() != native {
			t.Errorf("noiseball %q: the arm64 build printed\n%s\nthe native build\n%s", args, o.String(), native)
		}
	}
}

// TestWasmMatchesNative builds noiseball for GOOS=js GOARCH=wasm and runs
// it under node: 'predict' must print the same logits, digit for digit,
// and a short 'train' run with Gaussian noise must write the same weights
// as the native build.
func TestWasmMatchesNative(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a wasm binary")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is needed to run the wasm build; install the package nodejs")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "noiseball.wasm")
	build := exec.Command("go", "build", "-o", bin, "./tools/noiseball")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("wasm build: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	execJS := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec")
	wasm := func(args ...string) string {
		cmd := exec.Command(execJS, append([]string{bin}, args...)...)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		if err := cmd.Run(); err != nil {
			t.Fatalf("wasm noiseball %q: %v\n%s", args, err, e.String())
		}
		return o.String()
	}
	t.Run("predict", func(t *testing.T) {
		for _, model := range []string{"cnn-clean", "linear-clean", "cnn-pgd-l2-1.0"} {
			args := []string{"predict", "-model", model, "-first", "0", "-n", "100"}
			code, native, stderr := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("native predict: %s", stderr)
			}
			if wasm(args...) != native {
				t.Errorf("%s: wasm logits differ from native", model)
			}
		}
	})
	t.Run("train", func(t *testing.T) {
		args := []string{"train", "-zoo", "cnn-gauss0.4", "-epochs", "1", "-limit", "256", "-workers", "1", "-out"}
		nativeOut, wasmOut := filepath.Join(dir, "native.safetensors"), filepath.Join(dir, "wasm.safetensors")
		if code, _, stderr := runCLI(t, append(args, nativeOut)...); code != 0 {
			t.Fatalf("native train: %s", stderr)
		}
		wasm(append(args, wasmOut)...)
		a, _ := os.ReadFile(nativeOut)
		b, _ := os.ReadFile(wasmOut)
		na, _, err := nn.Load(bytes.NewReader(a))
		if err != nil {
			t.Fatal(err)
		}
		nb, _, err := nn.Load(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range na.Params() {
			if !slices.Equal(p.W, nb.Params()[i].W) {
				t.Errorf("%s differs between the native and the wasm training run", p.Name)
			}
		}
	})
}
