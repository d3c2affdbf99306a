package spheres

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/step"
)

// capModel returns the linear two-class model that reads class 1 where
// x₁ ≥ t: its error set on the inner sphere is exactly the cap of
// measure CapMeasure(t, n), and its nearest error from a point with
// x₁ < t is the hyperplane x₁ = t, at distance t − x₁.
func capModel(t *testing.T, n int, th float64) *nn.Network {
	t.Helper()
	net, err := nn.New(nn.Shape{C: n, H: 1, W: 1}, nn.LinearArch(nn.Shape{C: n, H: 1, W: 1}, 2), rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	w, b := net.Param("fc.weight"), net.Param("fc.bias")
	clear(w.W)
	w.W[n] = 10 // row 1, column 0: logit₁ − logit₀ = 10·(x₁ − t)
	b.W[0], b.W[1] = 0, -10*th
	return net
}

// TestMeterOnACap: for a model whose errors are a cap, the measured μ
// covers the cap's measure; searched in ℝⁿ, every nearest error is the
// hyperplane x₁ = t, at t − x₁; searched on the sphere it is the cap's
// edge (chordToCap), and the mean of those covers the bound, which the
// cap attains; the stepper's progress runs to its total.
func TestMeterOnACap(t *testing.T) {
	const n = 50
	th := CapThreshold(0.05, n)
	net := capModel(t, n, th)
	s := Settings{Samples: 4000, Points: 100, Search: attack.Search{MaxEps: 1, Steps: 30, Bisections: 8, LineSteps: 30, Loss: attack.Margin}, Seed: 2}
	onSphere := s
	onSphere.Search.MaxEps, onSphere.Search.Sphere = 2, 1
	sm := NewMeter(net, n, onSphere)
	step.Run(sm)
	sr := sm.Result()
	for i, x := range sm.kept {
		if want := chordToCap(x, th); math.Abs(sr.Distances[i]-want) > 0.01 {
			t.Errorf("on the sphere, point %d: nearest error %v, want the chord to the cap's edge %v", i, sr.Distances[i], want)
		}
	}
	if !sr.MeanCI.Contains(MeanBound(0.05, n)) {
		t.Errorf("on the sphere: mean %v (%v–%v); the cap's own mean over its correct points is %v", sr.Mean, sr.MeanCI.Lo, sr.MeanCI.Hi, MeanBound(0.05, n))
	}
	mt := NewMeter(net, n, s)
	steps := 0
	for !mt.Step() {
		steps++
		if d, tot := mt.Progress(); d > tot || d <= 0 {
			t.Fatalf("progress %d of %d after %d steps", d, tot, steps)
		}
	}
	if d, tot := mt.Progress(); d != tot {
		t.Errorf("done at %d of %d", d, tot)
	}
	r := mt.Result()
	if r.Samples != 4000 || !r.MuCI.Contains(0.05) {
		t.Errorf("μ = %v (%v–%v) from %d points; the cap's measure is 0.05", r.Mu, r.MuCI.Lo, r.MuCI.Hi, r.Samples)
	}
	if len(r.Distances) != 100 {
		t.Fatalf("%d distances, want 100", len(r.Distances))
	}
	for i, x := range mt.kept {
		if want := th - x[0]; math.Abs(r.Distances[i]-want) > 0.01 {
			t.Errorf("point %d: nearest error %v, want t − x₁ = %v", i, r.Distances[i], want)
		}
	}
	if !(r.MeanCI.Lo < r.Bound && r.MeanCI.Lo < r.Mean && r.Mean < r.MeanCI.Hi) || math.IsInf(r.Bound, 0) {
		t.Errorf("mean %v (%v–%v), bound %v", r.Mean, r.MeanCI.Lo, r.MeanCI.Hi, r.Bound)
	}
	// The blocking form is the stepper run to its end.
	again := NewMeter(net, n, s)
	step.Run(again)
	if a, b := again.Result(), r; a.Errors != b.Errors || a.Mean != b.Mean {
		t.Errorf("two runs of one seed differ: %d errors, mean %v; %d, %v", a.Errors, a.Mean, b.Errors, b.Mean)
	}
}

// TestMeanBound: no error sampled gives no finite bound, all errors
// none at all, and in between the cap's mean over the correct points.
func TestMeanBound(t *testing.T) {
	if b := MeanBound(0, 10); !math.IsInf(b, 1) {
		t.Errorf("μ = 0: %v", b)
	}
	if b := MeanBound(1, 10); !math.IsNaN(b) {
		t.Errorf("μ = 1: %v", b)
	}
	if b, want := MeanBound(0.2, 10), CapMeanDistance(0.2, 10)/0.8; b != want {
		t.Errorf("μ = 0.2: %v, want %v", b, want)
	}
}
