package measure

import (
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/noise"
)

// Fig. 2's bisection: σ in [0, Fig2MaxSigma], Fig2Iters halvings, for an
// error rate of Fig2Target.
const (
	Fig2Target   = 0.01
	Fig2MaxSigma = 2
	Fig2Iters    = 14
)

// Fig2Sigma returns Fig. 2's bisection settings with samples common
// noise directions.
func Fig2Sigma(samples int) noise.SigmaParams {
	return noise.SigmaParams{Target: Fig2Target, MaxSigma: Fig2MaxSigma, Samples: samples, Iters: Fig2Iters}
}

// Fig2Point is one image's point of the paper's Fig. 2. For a single
// half-space, Distance = -Φ⁻¹(0.01)·Sigma1 = 2.326·Sigma1 exactly.
type Fig2Point struct {
	Sigma1   float64 `json:"sigma_at_1pct"` // σ where μ(x, σ) reaches 1%; 0 if x is misclassified, -1 if beyond Fig2MaxSigma
	Distance float64 `json:"distance"`      // clean nearest-error distance found; 0 if misclassified, -1 if none found
}

// Fig2Run measures one Fig2Point in steps: noise.SigmaSearch with samples
// common noise directions (one step per bisection), then one step for the
// clean nearest-error search with find.
type Fig2Run struct {
	m      nn.Model
	find   attack.Finder
	x      []float64
	y      int
	sigma  *noise.SigmaSearch
	p      Fig2Point
	search bool
	done   bool
}

// NewFig2 prepares the measurement of x (true class y) with samples noise
// directions drawn from r.
func NewFig2(m nn.Model, find attack.Finder, x []float64, y int, samples int, r *rand.Rand) *Fig2Run {
	return &Fig2Run{m: m, find: find, x: x, y: y, sigma: noise.NewSigmaSearch(m, x, y, Fig2Sigma(samples), r)}
}

// Step does one piece of the measurement and reports whether it is done.
func (f *Fig2Run) Step() bool {
	switch {
	case f.done:
	case !f.search:
		if f.sigma.Step() {
			f.p.Sigma1, f.search = finiteOr(f.sigma.Sigma(), -1), true
		}
	default:
		f.p.Distance = -1
		if res := f.find.Nearest(f.m, f.x, f.y); res.Found {
			f.p.Distance = res.Distance
		}
		f.done = true
	}
	return f.done
}

// Progress returns the steps taken and an upper bound on the total.
func (f *Fig2Run) Progress() (done, total int) {
	d, t := f.sigma.Progress()
	if f.done {
		d++
	}
	return d, t + 1
}

// Point returns the measurement; it panics before Step has reported
// completion.
func (f *Fig2Run) Point() Fig2Point {
	if !f.done {
		panic("measure: Fig2Run.Point before the run is done")
	}
	return f.p
}
