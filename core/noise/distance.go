package noise

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// DrawsPerStart caps the noisy starts drawn in the noisy-point
// measurement at DrawsPerStart·Starts, so a point whose noisy copies are
// mostly misclassified, or whose nearest errors the finder misses, still
// ends.
const DrawsPerStart = 4

// countStep is how many noisy copies one step of a stepped measurement
// classifies: one batch.
const countStep = batchSize

// DistanceParams are the sizes of the authors' noisy-point measurement
// (the paper's Fig. 4) at one noise level.
type DistanceParams struct {
	Sigma       float64       // noise level σ, in pixel units
	RateSamples int           // noisy copies that estimate μ(x, σ)
	Starts      int           // correctly classified noisy starts searched for their nearest errors
	Find        attack.Finder // the nearest-error finder
}

// Distances is the authors' noisy-point measurement for one image.
type Distances struct {
	Rate   Rate      // μ at σ
	Values []float64 // distance from each correctly classified noisy start to its nearest error found
	Tried  int       // noisy starts drawn
	Median float64   // median of Values; 0 when μ ≥ 1/2 (the authors' convention) or Values is empty
	Bound  float64   // the isoperimetric bound on the median, -σΦ⁻¹(μ) (Eq. 3 at p = 1/2; 0 for μ ≥ 1/2)
}

// NoisyDistances measures, for the image x of class y, the median
// distance from noisy points x + δ to their nearest errors, the way the
// paper's Fig. 4 does: estimate μ at σ from p.RateSamples copies, then
// run p.Find from up to p.Starts noisy copies that the model classifies
// correctly (drawing at most DrawsPerStart·p.Starts), and take the
// median. Points with μ ≥ 1/2 get median 0 without a search. It is a
// DistanceRun run to the end.
func NoisyDistances(m nn.Model, x []float64, y int, p DistanceParams, r *rand.Rand) Distances {
	d := NewDistanceRun(m, x, y, p, r)
	step.Run(d)
	return d.Result()
}

// DistanceRun is NoisyDistances as a step.Stepper: each Step classifies
// one batch of the copies behind μ, or draws one noisy start and searches
// it.
type DistanceRun struct {
	m    nn.Model
	x, v []float64
	y    int
	p    DistanceParams
	r    *rand.Rand
	res  Distances
	done bool
}

// NewDistanceRun prepares NoisyDistances(m, x, y, p, r) without
// evaluating anything. It panics on sizes that are not positive, σ ≤ 0
// or x of the wrong length.
func NewDistanceRun(m nn.Model, x []float64, y int, p DistanceParams, r *rand.Rand) *DistanceRun {
	if len(x) != m.InShape().Size() || !(p.Sigma > 0) || p.RateSamples <= 0 || p.Starts <= 0 || p.Find == nil {
		panic(fmt.Sprintf("noise: distances at σ %v with %d samples and %d starts on %d values", p.Sigma, p.RateSamples, p.Starts, len(x)))
	}
	return &DistanceRun{m: m, x: x, v: make([]float64, len(x)), y: y, p: p, r: r, res: Distances{Rate: Rate{Sigma: p.Sigma}}}
}

// Step does one piece of the measurement and reports whether it is done.
func (d *DistanceRun) Step() bool {
	if d.done {
		return true
	}
	if d.res.Rate.Samples < d.p.RateSamples {
		part := ErrorRate(d.m, d.x, d.y, d.p.Sigma, min(countStep, d.p.RateSamples-d.res.Rate.Samples), d.r)
		d.res.Rate.Errors += part.Errors
		d.res.Rate.Samples += part.Samples
	} else {
		d.res.Tried++
		Noisy(d.v, d.x, d.p.Sigma, d.r)
		pred := []int{0}
		nn.Argmax(pred, d.m.Logits(d.v, 1), d.m.Classes())
		if pred[0] == d.y {
			if got := d.p.Find.Nearest(d.m, d.v, d.y); got.Found {
				d.res.Values = append(d.res.Values, got.Distance)
			}
		}
	}
	if d.res.Rate.Samples == d.p.RateSamples && !d.searching() {
		d.done = true
		d.res.Bound = stats.MedianBound(d.res.Rate.Mu(), d.p.Sigma)
		if len(d.res.Values) > 0 {
			d.res.Median = stats.Median(d.res.Values)
		}
	}
	return d.done
}

// searching reports whether noisy starts are still to be drawn once μ is
// counted.
func (d *DistanceRun) searching() bool {
	return d.res.Rate.Mu() < 0.5 && len(d.res.Values) < d.p.Starts && d.res.Tried < DrawsPerStart*d.p.Starts
}

// Progress counts batches of copies and noisy starts; the total assumes
// every start is drawn and shrinks to the work done when the search ends
// early.
func (d *DistanceRun) Progress() (done, total int) {
	batches := (d.p.RateSamples + countStep - 1) / countStep
	total = batches + DrawsPerStart*d.p.Starts
	done = (d.res.Rate.Samples+countStep-1)/countStep + d.res.Tried
	if d.done {
		return done, done
	}
	return done, total
}

// Result returns the measurement; it panics before Step has reported
// completion.
func (d *DistanceRun) Result() Distances {
	if !d.done {
		panic("noise: DistanceRun.Result before the run is done")
	}
	return d.res
}
