package train

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/step"
)

// TestSessionIsTheTrainerAndTheEvaluations: a session's weights are a
// plain Trainer's on the same seed and examples, rounded to float32; its
// epoch evaluation, taken in chunks, is noise.AccuracyCurve's in one
// call; its test metrics are Evaluate's on the rounded weights; its
// curve covers every mini-batch once.
func TestSessionIsTheTrainerAndTheEvaluations(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	trainSet, test := tinyImages(r, 700), tinyImages(r, 620)
	recipe := Defaults("gauss")
	recipe.Sigma, recipe.Epochs, recipe.Batch, recipe.Seed = 0.3, 2, 32, 9
	spec := Spec{Name: "tiny", Arch: "mlp", Hidden: []int{16}, Recipe: recipe, Limit: 600}
	s, err := NewSession(spec, trainSet, test)
	if err != nil {
		t.Fatal(err)
	}
	var fractions []float64
	for !s.Step() {
		fractions = append(fractions, step.Fraction(s))
	}
	if !slices.IsSorted(fractions) || step.Fraction(s) != 1 {
		t.Errorf("progress not monotone to 1: last %v", fractions[len(fractions)-5:])
	}

	// The plain trainer.
	specs, _ := nn.MNISTArch("mlp", []int{16})
	net, _ := nn.New(nn.MNIST, specs, rand.New(rand.NewPCG(9, 0x696e6974)))
	tr, err := New(net, trainSet.Slice(0, 600), recipe)
	if err != nil {
		t.Fatal(err)
	}
	var snapshots [][]float64
	for !tr.Step() {
		if p := tr.State(); p.Batch == 0 {
			snapshots = append(snapshots, weights(net))
		}
	}
	snapshots = append(snapshots, weights(net))
	net.RoundToFloat32()
	if !slices.Equal(weights(s.Net), weights(net)) {
		t.Fatal("the session's weights differ from the trainer's")
	}
	rep := s.Report()
	acc, loss := Evaluate(net, test, 250)
	if !rep.Done || rep.TestAccuracy != acc || rep.TestLoss != loss || rep.Examples != 2*18*32 {
		t.Errorf("report %v %v %v %d, want %v %v %d", rep.Done, rep.TestAccuracy, rep.TestLoss, rep.Examples, acc, loss, 2*18*32)
	}

	// The epoch evaluations against one AccuracyCurve call on the
	// weights as they were after each epoch.
	if len(rep.Epochs) != 2 {
		t.Fatalf("%d epoch evaluations", len(rep.Epochs))
	}
	for i, e := range rep.Epochs {
		m, _ := nn.New(nn.MNIST, specs, nil)
		at := 0
		for _, p := range m.Params() {
			at += copy(p.W, snapshots[i][at:])
		}
		curve := noise.AccuracyCurve(m, test.Slice(0, EvalImages), EvalSigmas, 1, rand.New(rand.NewPCG(9, 0x6576616c00+uint64(i+1))))
		for j, c := range curve {
			if e.Noise[j] != c.Accuracy {
				t.Errorf("epoch %d σ=%v: accuracy %v, one call gives %v", e.Epoch, c.Sigma, e.Noise[j], c.Accuracy)
			}
		}
		if e.Epoch != i+1 || !(e.Loss > 0) || e.Accuracy <= 0 {
			t.Errorf("epoch %d: %+v", i+1, e)
		}
	}

	// The curve: each point averages up to every batches; together
	// they cover the run.
	batches := 0
	for i, c := range rep.Curve {
		if c.Examples%32 != 0 || (i > 0 && c.Examples <= rep.Curve[i-1].Examples) || !(c.Loss > 0) {
			t.Errorf("curve point %d: %+v", i, c)
		}
		batches = c.Examples / 32
	}
	if batches != 36 || len(rep.Curve) < 2 {
		t.Errorf("the curve ends at batch %d with %d points", batches, len(rep.Curve))
	}
}

// TestSessionMetadataExplainsTheFile: the metadata holds the spec and
// the measurements, survives a save and load, and the command names
// every recipe field that differs from the command-line defaults.
func TestSessionMetadataExplainsTheFile(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	set := tinyImages(r, 200)
	recipe := Defaults("pgd")
	recipe.Eps, recipe.StepSize, recipe.Norm, recipe.Epochs, recipe.Batch = 1, 0.5, "l2", 1, 50
	s, err := NewSession(Spec{Name: "mine", Arch: "linear", Recipe: recipe}, set, set.Slice(0, 60))
	if err != nil {
		t.Fatal(err)
	}
	step.Run(s)
	cmd := s.Spec.Command("mine.safetensors")
	for _, want := range []string{"-arch linear", "-method pgd", "-norm l2", "-eps 1 ", "-step-size 0.5", "-random-start=true", "-batch 50", "-seed 1", "-out mine.safetensors"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("command %q lacks %q", cmd, want)
		}
	}
	var buf bytes.Buffer
	if err := nn.Save(&buf, s.Net, s.Metadata(cmd)); err != nil {
		t.Fatal(err)
	}
	net, meta, err := nn.Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(weights(net), weights(s.Net)) {
		t.Error("weights changed in the file")
	}
	var back Recipe
	var metrics map[string]float64
	var evals struct {
		Sigmas []float64
		Images int
		Epochs []EpochEval
	}
	json.Unmarshal([]byte(meta["recipe"]), &back)
	json.Unmarshal([]byte(meta["metrics"]), &metrics)
	json.Unmarshal([]byte(meta["evaluations"]), &evals)
	rep := s.Report()
	if back != recipe || meta["name"] != "mine" || meta["command"] != cmd || meta["format"] != Format ||
		metrics["test_accuracy"] != rep.TestAccuracy || metrics["train_examples"] != 200 ||
		len(evals.Epochs) != 1 || evals.Images != 60 || !slices.Equal(evals.Sigmas, EvalSigmas) || len(evals.Epochs[0].Noise) != len(EvalSigmas) {
		t.Errorf("metadata %v", meta)
	}
}

// TestSpecRefusesBadFields: bad specs are errors that name the field.
func TestSpecRefusesBadFields(t *testing.T) {
	good := Spec{Arch: "cnn", Recipe: Defaults("clean")}
	for _, c := range []struct {
		edit func(*Spec)
		want string
	}{
		{func(s *Spec) { s.Arch = "rnn" }, "not an architecture"},
		{func(s *Spec) { s.Arch = "mlp" }, "hidden layer"},
		{func(s *Spec) { s.Limit = 70000 }, "limit"},
		{func(s *Spec) { s.Recipe.Method = "magic" }, "unknown"},
	} {
		s := good
		c.edit(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", s, err, c.want)
		}
	}
	if err := good.Validate(); err != nil {
		t.Error(err)
	}
}
