package scene

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/step"
	"noiseball/core/train"
	"noiseball/wasm/state"
)

// TestTrainReadsItsLink: the scene's parameters make the recipe the
// train command makes of the same flags, and hide what a recipe does
// not use.
func TestTrainReadsItsLink(t *testing.T) {
	s, problems := state.Parse("#scene=train&arch=mlp&method=pgd&norm=linf&eps=0.1&steps=4&epochs=2&size=1000&seed=3&batch=16&lr=0.001", Scenes)
	if len(problems) > 0 {
		t.Fatal(state.Sentence(problems))
	}
	var p Train
	p.Spec.Name = "mine"
	p.Apply(s)
	want := train.Defaults("pgd")
	want.Norm, want.Eps, want.Steps, want.StepSize, want.Epochs, want.Seed, want.Batch, want.LR = "linf", 0.1, 4, 2.5*0.1/4, 2, 3, 16, 0.001
	if p.Spec.Recipe != want || p.Spec.Arch != "mlp" || !slices.Equal(p.Spec.Hidden, []int{256, 128}) || p.Spec.Limit != 1000 || p.Spec.Name != "mine" || p.Test != MNISTTest {
		t.Errorf("%+v", p)
	}
	if err := p.Spec.Validate(); err != nil {
		t.Error(err)
	}
	if DefaultName(p.Spec) != "my-mlp-pgd-linf-0.1" {
		t.Errorf("default name %q", DefaultName(p.Spec))
	}
	if Relevant(TrainID, s, "sigma") || !Relevant(TrainID, s, "eps") || !Relevant(TrainID, s, "epochs") {
		t.Error("relevance of sigma, eps, epochs under pgd")
	}
	for _, bad := range []string{"", "a b", "x/y", strings.Repeat("a", 41), "<b>"} {
		if CheckName(bad) == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	// The default run (cnn, 5,000 digits, one epoch) is estimated at a
	// few seconds to a minute, and PGD costs more.
	d, _ := state.Parse("#scene=train", Scenes)
	p.Apply(d)
	sp := SpeedOf("simd128")
	if e := p.Estimate(sp); !(e > 3 && e < 60) {
		t.Errorf("default estimate %v s", e)
	}
	if pe := (Train{Spec: p.Spec, Test: p.Test}); true {
		pe.Spec.Recipe.Method, pe.Spec.Recipe.Steps = "pgd", 5
		if pe.Estimate(sp) < 2*p.Estimate(sp) {
			t.Errorf("pgd estimate %v against %v", pe.Estimate(sp), p.Estimate(sp))
		}
	}
}

// TestTrainRunSavesTheSession: the job's weights file holds the
// session's weights and its metadata, its command among them; digits
// that do not match the spec are refused.
func TestTrainRunSavesTheSession(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n, test := 300, 100
	labels := make([]byte, n+test)
	pixels := make([]byte, (n+test)*data.MNISTPixels)
	for i := range labels {
		labels[i] = byte(r.IntN(10))
		for j := range data.MNISTPixels {
			pixels[i*data.MNISTPixels+j] = byte(r.IntN(256))
		}
	}
	recipe := train.Defaults("clean")
	recipe.Epochs = 1
	p := Train{Spec: train.Spec{Name: "tiny", Arch: "linear", Recipe: recipe, Limit: n}, Test: test}
	run, err := NewTrainRun(p, labels, pixels)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := run.Result()
	if res.Weights != nil || res.Done {
		t.Error("weights before the end")
	}
	step.Run(run)
	res, err = run.Result()
	if err != nil || !res.Done {
		t.Fatal(err)
	}
	net, meta, err := nn.Load(bytes.NewReader(res.Weights))
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range net.Params() {
		if !slices.Equal(w.W, run.Session.Net.Params()[i].W) {
			t.Fatalf("parameter %d differs from the session's", i)
		}
	}
	if meta["name"] != "tiny" || meta["command"] != p.Spec.Command("tiny.safetensors") {
		t.Errorf("metadata %v", meta)
	}
	b, _ := json.Marshal(res)
	var back TrainResult
	if err := json.Unmarshal(b, &back); err != nil || !bytes.Equal(back.Weights, res.Weights) || back.TestAccuracy != res.TestAccuracy || len(back.Curve) != len(res.Curve) {
		t.Errorf("the result does not survive JSON: %v", err)
	}
	v := TrainView{P: p, Res: &res}
	if !strings.Contains(v.Summary(), "clean test accuracy") {
		t.Errorf("summary %q", v.Summary())
	}
	var csvOut bytes.Buffer
	if err := v.WriteCSV(&csvOut); err != nil || strings.Count(csvOut.String(), "\n") != len(res.Curve)+1 {
		t.Errorf("CSV %q", csvOut.String())
	}
	for _, bad := range []Train{
		{Spec: p.Spec, Test: test + 1},
		{Spec: train.Spec{Name: "bad name", Arch: "linear", Recipe: recipe, Limit: n}, Test: test},
		{Spec: train.Spec{Name: "x", Arch: "rnn", Recipe: recipe, Limit: n}, Test: test},
	} {
		if _, err := NewTrainRun(bad, labels, pixels); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	labels[5] = 10
	if _, err := NewTrainRun(p, labels, pixels); err == nil {
		t.Error("label 10 accepted")
	}
}
