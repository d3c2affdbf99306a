package train

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"noiseball/core/data"
	"noiseball/core/nn"
)

// tinyImages returns n random 1×28×28 byte images labelled by whether
// their left half is brighter than their right, a task a CNN learns fast.
func tinyImages(r *rand.Rand, n int) *data.Set {
	s := &data.Set{Name: "tiny", N: n, Shape: [3]int{1, 28, 28}, Classes: 10,
		Bytes: make([]byte, n*784), Labels: make([]int, n)}
	for i := range n {
		left := 0
		for p := range 784 {
			b := byte(r.IntN(256))
			s.Bytes[i*784+p] = b
			if p%28 < 14 {
				left += int(b)
			} else {
				left -= int(b)
			}
		}
		if left > 0 {
			s.Labels[i] = 1
		}
	}
	return s
}

func weights(n *nn.Network) []float64 {
	var w []float64
	for _, p := range n.Params() {
		w = append(w, p.W...)
	}
	return w
}

// trainOnce builds a fresh CNN from seed and trains it for a few batches.
func trainOnce(t *testing.T, set *data.Set, recipe Recipe, workers, batches int) []float64 {
	t.Helper()
	net, err := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(recipe.Seed, 1)))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := New(net, set, recipe)
	if err != nil {
		t.Fatal(err)
	}
	tr.Workers = workers
	for range batches {
		tr.Step()
	}
	return weights(net)
}

// TestDeterministic proves "same seed, same weights, bit for bit" for
// every recipe, and that the number of worker goroutines does not matter.
func TestDeterministic(t *testing.T) {
	set := tinyImages(rand.New(rand.NewPCG(1, 1)), 64)
	recipes := map[string]Recipe{"clean": Defaults("clean"), "gauss": Defaults("gauss"), "pgd": Defaults("pgd")}
	g := recipes["gauss"]
	g.Sigma = 0.3
	recipes["gauss"] = g
	p := recipes["pgd"]
	p.Eps, p.StepSize, p.Steps = 0.1, 0.05, 2
	recipes["pgd"] = p
	for name, rc := range recipes {
		rc.Batch = 16
		a := trainOnce(t, set, rc, 1, 3)
		b := trainOnce(t, set, rc, 1, 3)
		c := trainOnce(t, set, rc, 2, 3)
		if !slices.Equal(a, b) {
			t.Errorf("%s: two runs with the same seed differ", name)
		}
		if !slices.Equal(a, c) {
			t.Errorf("%s: 1 and 2 workers give different weights", name)
		}
		rc.Seed++
		if d := trainOnce(t, set, rc, 1, 3); slices.Equal(a, d) {
			t.Errorf("%s: a different seed gave the same weights", name)
		}
	}
}

// TestLearnsToys checks that each optimizer fits sets a model of the right
// capacity must fit: two moons with an MLP, and the separable Gaussian set
// with a linear model.
func TestLearnsToys(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	moons := data.TwoMoons(r, 1000, 0.1)
	sep, _ := data.Separable(r, 1000, 20, 0.2)
	cases := []struct {
		name  string
		set   *data.Set
		specs []nn.LayerSpec
		rc    Recipe
		want  float64
	}{
		{"moons mlp adam", moons, nn.MLPArch(nn.Vector(2), []int{32, 32}, 2), Recipe{Method: "clean", Epochs: 40, Batch: 32, Optimizer: "adam", LR: 0.01, Schedule: "cosine", Seed: 1}, 0.97},
		{"moons mlp sgd", moons, nn.MLPArch(nn.Vector(2), []int{32, 32}, 2), Recipe{Method: "clean", Epochs: 40, Batch: 32, Optimizer: "sgd", LR: 0.1, Momentum: 0.9, Schedule: "constant", Seed: 1}, 0.97},
		{"separable linear", sep, nn.LinearArch(nn.Vector(20), 2), Recipe{Method: "clean", Epochs: 10, Batch: 32, Optimizer: "adam", LR: 0.01, Schedule: "cosine", Seed: 1}, 0.98},
	}
	for _, c := range cases {
		net, err := nn.New(nn.Shape{C: c.set.Shape[0], H: c.set.Shape[1], W: c.set.Shape[2]}, c.specs, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Fatal(err)
		}
		tr, err := New(net, c.set, c.rc)
		if err != nil {
			t.Fatal(err)
		}
		var reports int
		final := tr.Run(7, nil, func(Progress) { reports++ })
		if !tr.Done() || reports == 0 || final.Fraction() != 1 {
			t.Fatalf("%s: run ended at %+v after %d reports", c.name, final, reports)
		}
		if acc, _ := Evaluate(net, c.set, 100); acc < c.want {
			t.Errorf("%s: training accuracy %.3f, want >= %.2f", c.name, acc, c.want)
		}
	}
}

// TestStepIsBounded checks that Step does at most the batches asked and
// that a stopped run can be resumed to the same result as an unbroken one.
func TestStepIsBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	set := data.TwoMoons(r, 200, 0.1)
	rc := Recipe{Method: "clean", Epochs: 2, Batch: 20, Optimizer: "adam", LR: 0.01, Schedule: "cosine", Seed: 5}
	mk := func() (*nn.Network, *Trainer) {
		net, _ := nn.New(nn.Vector(2), nn.MLPArch(nn.Vector(2), []int{8}, 2), rand.New(rand.NewPCG(1, 1)))
		tr, err := New(net, set, rc)
		if err != nil {
			t.Fatal(err)
		}
		return net, tr
	}
	netA, a := mk()
	a.Step()
	a.Step()
	a.Step()
	if d, tot := a.Progress(); d != 3 || tot != a.State().Epochs*a.State().BatchesPerEpoch {
		t.Fatalf("progress %d of %d after 3 steps", d, tot)
	}
	p := a.State()
	if p.Batch != 3 || p.Epoch != 0 || p.Examples != 60 {
		t.Fatalf("after Step(3): %+v", p)
	}
	stops := 0
	a.Run(4, func() bool { stops++; return stops > 2 }, nil) // cancelled after 2 chunks
	if got := a.State(); got.Examples != 60+8*20 {
		t.Fatalf("cancelled run processed %d examples, want %d", got.Examples, 60+8*20)
	}
	a.Run(5, nil, nil)
	netB, b := mk()
	b.Run(1000, nil, nil)
	if !slices.Equal(weights(netA), weights(netB)) {
		t.Error("a run interrupted and resumed differs from an unbroken one")
	}
}

func TestRecipeValidate(t *testing.T) {
	bad := []Recipe{
		{Method: "magic", Epochs: 1, Batch: 8, Optimizer: "adam", LR: 1e-3, Schedule: "constant"},
		{Method: "gauss", Epochs: 1, Batch: 8, Optimizer: "adam", LR: 1e-3, Schedule: "constant"},
		{Method: "pgd", Norm: "l1", Eps: 1, Steps: 1, StepSize: 1, Epochs: 1, Batch: 8, Optimizer: "adam", LR: 1e-3, Schedule: "constant"},
		{Method: "clean", Epochs: 0, Batch: 8, Optimizer: "adam", LR: 1e-3, Schedule: "constant"},
		{Method: "clean", Epochs: 1, Batch: 1, Optimizer: "adam", LR: 1e-3, Schedule: "constant"},
		{Method: "clean", Epochs: 1, Batch: 8, Optimizer: "rmsprop", LR: 1e-3, Schedule: "constant"},
		{Method: "clean", Epochs: 1, Batch: 8, Optimizer: "sgd", LR: 1e-3, Momentum: 1, Schedule: "constant"},
		{Method: "clean", Epochs: 1, Batch: 8, Optimizer: "adam", LR: 1e-3, Schedule: "step"},
	}
	for i, r := range bad {
		if err := r.Validate(); err == nil {
			t.Errorf("recipe %d (%+v) validated", i, r)
		}
	}
	for _, m := range []string{"clean"} {
		r := Defaults(m)
		if err := r.Validate(); err != nil {
			t.Errorf("Defaults(%q): %v", m, err)
		}
	}
}

// TestBatchWithinActivationBudget: a batch whose shards would exceed the
// network's activation budget is refused with the largest that fits.
func TestBatchWithinActivationBudget(t *testing.T) {
	net, err := nn.New(nn.MNIST, nn.CNNArch(), nil)
	if err != nil {
		t.Fatal(err)
	}
	set := tinyImages(rand.New(rand.NewPCG(1, 1)), 4096)
	r := Defaults("clean")
	r.Batch = 4096
	_, err = New(net, set, r)
	most := net.Cost().MaxBatch() * Shards
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("at most %d", most)) {
		t.Errorf("a batch of 4096 for the cnn: %v", err)
	}
	r.Batch = most
	if _, err := New(net, set, r); err != nil {
		t.Errorf("a batch of %d: %v", most, err)
	}
}

// TestHelperGivesTheSameWeights: a trainer whose second shard is computed
// by a helper (another network, sent the step's weights, as a second
// browser worker would) ends with the same weights, bit for bit, as one
// that computes both, for every recipe; a helper that fails is stood in
// for by the trainer itself.
func TestHelperGivesTheSameWeights(t *testing.T) {
	set := tinyImages(rand.New(rand.NewPCG(8, 8)), 96)
	for _, method := range []string{"clean", "gauss", "pgd"} {
		r := Defaults(method)
		r.Sigma, r.Eps, r.StepSize, r.Steps, r.Batch, r.Seed = 0.3, 0.5, 0.2, 2, 16, 4
		want := trainOnce(t, set, r, 1, 6)
		for _, failing := range []bool{false, true} {
			net, _ := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(r.Seed, 1)))
			tr, err := New(net, set, r)
			if err != nil {
				t.Fatal(err)
			}
			other, _ := nn.New(nn.MNIST, nn.CNNArch(), nil)
			calls := 0
			tr.Helper = func(job ShardJob, weights []float64) func() (ShardResult, error) {
				calls++
				if failing {
					return func() (ShardResult, error) { return ShardResult{}, fmt.Errorf("the helper is gone") }
				}
				if err := SetWeights(other, weights); err != nil {
					t.Fatal(err)
				}
				res := ComputeShard(other, job)
				return func() (ShardResult, error) { return res, nil }
			}
			for range 6 {
				tr.Step()
			}
			if got := weights(net); !slices.Equal(got, want) || calls != 6 {
				t.Errorf("%s (helper failing %v): %d calls; weights differ from the trainer's own: %v", method, failing, calls, !slices.Equal(got, want))
			}
		}
	}
}
