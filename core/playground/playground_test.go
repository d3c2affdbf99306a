package playground

import (
	"math"
	"testing"

	"noiseball/core/region"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// TestDatasets: every named set is drawn, inside its box, and an
// unknown name is an error.
func TestDatasets(t *testing.T) {
	for _, name := range Datasets {
		s, err := Dataset(name, 1)
		if err != nil || s.N != SetSize || s.Dim() != 2 {
			t.Fatalf("%s: %v, %v", name, s, err)
		}
		b := BoxOf(s)
		for i := range s.N {
			if x, y := s.Values[2*i], s.Values[2*i+1]; math.Abs(x-b.X) > b.Half || math.Abs(y-b.Y) > b.Half {
				t.Errorf("%s: point (%v, %v) outside its box %+v", name, x, y, b)
			}
		}
	}
	if _, err := Dataset("xor", 1); err == nil {
		t.Error("an unknown set gave no error")
	}
}

// TestTrainsMoons: 30 passes of clean training separate the moons, the
// same seed gives the same network, and Gaussian augmentation trains too.
func TestTrainsMoons(t *testing.T) {
	train := func(method string) *Run {
		r, err := New(Config{Data: "moons", Hidden: []int{16, 16}, Recipe: Recipe(method, 30, 0.3, 0.3, 2)})
		if err != nil {
			t.Fatal(err)
		}
		step.Run(r)
		return r
	}
	a, b := train("clean"), train("clean")
	if acc := a.State().Accuracy; acc < 0.95 {
		t.Errorf("clean moons: last pass's accuracy %v", acc)
	}
	for i, p := range a.Net.Params() {
		for k := range p.W {
			if p.W[k] != b.Net.Params()[i].W[k] {
				t.Fatalf("two runs of one seed differ in %s", p.Name)
			}
		}
	}
	if acc := train("gauss").State().Accuracy; acc < 0.8 {
		t.Errorf("gauss moons: accuracy %v", acc)
	}
}

// halfPlane returns a run whose network is the linear classifier of
// class 1 where x ≥ a: its errors from a point of class 0 are the
// half-plane, at distance a − p.X.
func halfPlane(t *testing.T, a float64) *Run {
	t.Helper()
	r, err := New(Config{Data: "circles", Hidden: nil, Recipe: Recipe("clean", 1, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	w, b := r.Net.Param("fc.weight"), r.Net.Param("fc.bias")
	clear(w.W)
	w.W[2] = 10 // row 1, input x: logit₁ − logit₀ = 10·(x − a)
	b.W[0], b.W[1] = 0, -10*a
	return r
}

// TestReadHalfPlane: for a half-plane the grid's μ is Φ(−d/σ), the
// nearest error is d and the median distance from noisy points equals
// the bound −σΦ⁻¹(μ) (the isoperimetric equality case), each to the
// grid's resolution; the sampled μ covers Φ(−d/σ).
func TestReadHalfPlane(t *testing.T) {
	r := halfPlane(t, 0.4)
	g := r.Regions(400)
	p, sigma := region.Point{X: 0.1, Y: 0.2}, 0.2
	rd := r.Read(g, p, sigma, 20000, 1)
	d := 0.4 - p.X
	if rd.Class != 0 {
		t.Fatalf("class at p: %d", rd.Class)
	}
	if want := stats.Phi(-d / sigma); math.Abs(rd.Mu-want) > 0.01 {
		t.Errorf("μ on the grid %v, want Φ(−d/σ) = %v", rd.Mu, want)
	}
	if math.Abs(rd.Nearest-d) > g.Cell {
		t.Errorf("nearest error %v, want %v (cell %v)", rd.Nearest, d, g.Cell)
	}
	if math.Abs(rd.Median-rd.Bound) > 0.02 {
		t.Errorf("median %v, bound %v: a half-plane attains the bound", rd.Median, rd.Bound)
	}
	// The network's own μ is exactly Φ(−d/σ); the grid's differs by its
	// staircase, under half a cell of the boundary.
	if want := stats.Phi(-d / sigma); !rd.MuCI.Contains(want) {
		t.Errorf("sampled μ %v (%v–%v) misses Φ(−d/σ) = %v", rd.MuSampled, rd.MuCI.Lo, rd.MuCI.Hi, want)
	}
}

// TestReadBelowTheBound: for a trained network on circles the median
// distance from noisy points to the errors stays under the bound, up to
// the grid, at a point of each class.
func TestReadBelowTheBound(t *testing.T) {
	r, err := New(Config{Data: "circles", Hidden: []int{16, 16}, Recipe: Recipe("clean", 40, 0, 0, 3)})
	if err != nil {
		t.Fatal(err)
	}
	step.Run(r)
	g := r.Regions(200)
	for _, p := range []region.Point{{X: 0.8, Y: 0}, {X: 0, Y: 0.5}, {X: -0.3, Y: -0.2}} {
		rd := r.Read(g, p, 0.25, 4000, 2)
		if rd.Mu > 0 && rd.Mu < 0.5 && rd.Median > rd.Bound+2*g.Cell {
			t.Errorf("at %v: median %v over the bound %v (μ %v)", p, rd.Median, rd.Bound, rd.Mu)
		}
		if !rd.MuCI.Contains(rd.Mu) && math.Abs(rd.MuSampled-rd.Mu) > 0.02 {
			t.Errorf("at %v: sampled μ %v, grid %v", p, rd.MuSampled, rd.Mu)
		}
	}
}
