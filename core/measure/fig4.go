package measure

import (
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
)

// Randomized-smoothing certification at the clean image (Cohen et al.,
// 2019): CertifyGuess noisy copies pick the class, then as many copies as
// the error rate uses bound its probability at level 1 - CertifyAlpha.
const (
	CertifyGuess = 100
	CertifyAlpha = 0.001
)

// countStep is how many noisy copies one Step classifies.
const countStep = 100

// Fig4Point is one image's point of the paper's Fig. 4. Infinite or
// undefined distances are written as -1.
type Fig4Point struct {
	Mu       float64    `json:"mu"`        // μ(x, σ), errors among the noisy copies
	MuCI     [2]float64 `json:"mu_ci"`     // its 95% Clopper-Pearson interval
	Median   float64    `json:"median"`    // median distance from correct noisy starts to their nearest errors; 0 when μ ≥ 1/2
	MedianCI [2]float64 `json:"median_ci"` // its 95% order-statistic interval (0 when fewer than 6 distances)
	Count    int        `json:"count"`     // distances measured
	Bound    float64    `json:"bound"`     // -σΦ⁻¹(μ), Eq. 3's bound on the median; -1 when μ = 0
	BoundHi  float64    `json:"bound_hi"`  // the bound at the lower end of μ's interval; -1 when infinite
	Above    bool       `json:"above"`     // the median's interval lies entirely above BoundHi
	// Certified is the randomized-smoothing radius σΦ⁻¹(p_A) certified at
	// the clean image for its true class (0 if the smoothed classifier
	// abstains or predicts another class), to set beside the bound.
	Certified float64 `json:"certified_radius"`
}

// Ratio returns Median/Bound, the measured distance over the
// isoperimetric bound (1 is as close as Eq. 3 allows), or NaN where
// either is undefined.
func (p Fig4Point) Ratio() float64 {
	if p.Count == 0 || !(p.Bound > 0) {
		return math.NaN()
	}
	return p.Median / p.Bound
}

// Fig4Run measures one Fig4Point in steps of about countStep model
// evaluations or one nearest-error search: rateSamples noisy copies for
// μ; then, unless μ ≥ 1/2, noisy copies until starts of them are
// correctly classified (at most 4·starts draws), each searched for its
// nearest error with find; then the smoothing certificate at x. It draws
// from r in exactly the order noise.NoisyDistances followed by
// noise.Certify would, and gives their numbers.
type Fig4Run struct {
	m                   nn.Model
	find                attack.Finder
	x, v                []float64
	y                   int
	sigma               float64
	rateSamples, starts int
	r                   *rand.Rand
	rate                noise.Rate
	values              []float64
	tried               int
	counts0, counts     []int
	counted             int
	done                bool
}

// NewFig4 prepares the measurement of x (true class y) at noise level
// sigma; nothing is evaluated until Step.
func NewFig4(m nn.Model, find attack.Finder, x []float64, y int, sigma float64, rateSamples, starts int, r *rand.Rand) *Fig4Run {
	if len(x) != m.InShape().Size() || !(sigma > 0) || rateSamples <= 0 || starts <= 0 {
		panic(fmt.Sprintf("measure: NewFig4 at σ %v with %d samples and %d starts on %d values", sigma, rateSamples, starts, len(x)))
	}
	return &Fig4Run{m: m, find: find, x: x, v: make([]float64, len(x)), y: y, sigma: sigma,
		rateSamples: rateSamples, starts: starts, r: r, rate: noise.Rate{Sigma: sigma}}
}

// Step does one piece of the measurement and reports whether it is done.
func (f *Fig4Run) Step() bool {
	switch {
	case f.done:
	case f.rate.Samples < f.rateSamples:
		part := noise.ErrorRate(f.m, f.x, f.y, f.sigma, min(countStep, f.rateSamples-f.rate.Samples), f.r)
		f.rate.Errors += part.Errors
		f.rate.Samples += part.Samples
	case f.searching():
		f.tried++
		noise.Noisy(f.v, f.x, f.sigma, f.r)
		pred := []int{0}
		nn.Argmax(pred, f.m.Logits(f.v, 1), f.m.Classes())
		if pred[0] == f.y {
			if got := f.find.Nearest(f.m, f.v, f.y); got.Found {
				f.values = append(f.values, got.Distance)
			}
		}
	case f.counts0 == nil:
		f.counts0 = noise.ClassCounts(f.m, f.x, f.sigma, CertifyGuess, f.r)
		f.counts = make([]int, f.m.Classes())
	default:
		n := min(countStep, f.rateSamples-f.counted)
		for c, k := range noise.ClassCounts(f.m, f.x, f.sigma, n, f.r) {
			f.counts[c] += k
		}
		f.counted += n
		f.done = f.counted == f.rateSamples
	}
	return f.done
}

// searching reports whether noisy starts are still to be drawn.
func (f *Fig4Run) searching() bool {
	return f.rate.Mu() < 0.5 && len(f.values) < f.starts && f.tried < 4*f.starts
}

// Progress returns the steps taken and an upper bound on the total.
func (f *Fig4Run) Progress() (done, total int) {
	batches := (f.rateSamples + countStep - 1) / countStep
	total = 2*batches + 4*f.starts + 1
	done = (f.rate.Samples+countStep-1)/countStep + f.tried + (f.counted+countStep-1)/countStep
	if f.counts0 != nil {
		done++
	}
	if !f.searching() && f.rate.Samples == f.rateSamples {
		done += 4*f.starts - f.tried
	}
	return done, total
}

// Point returns the measurement; it panics before Step has reported
// completion.
func (f *Fig4Run) Point() Fig4Point {
	if !f.done {
		panic("measure: Fig4Run.Point before the run is done")
	}
	mu := f.rate.Mu()
	ci := f.rate.CI(0.95)
	p := Fig4Point{Mu: mu, MuCI: [2]float64{ci.Lo, ci.Hi}, Count: len(f.values),
		Bound: finiteOr(stats.MedianBound(mu, f.sigma), -1), BoundHi: finiteOr(stats.MedianBound(ci.Lo, f.sigma), -1)}
	if c := noise.CertifyCounts(f.counts0, f.counts, CertifyAlpha, f.sigma); c.Class == f.y {
		p.Certified = c.Radius
	}
	if len(f.values) > 0 {
		p.Median = stats.Median(f.values)
		// With fewer than 6 distances no two order statistics bracket the
		// median with 95% confidence, so such a point is never flagged.
		_, mci, exact := stats.QuantileCI(f.values, 0.5, 0.95)
		p.MedianCI = [2]float64{mci.Lo, mci.Hi}
		p.Above = exact && p.BoundHi >= 0 && mci.Lo > p.BoundHi
	}
	return p
}

func finiteOr(v, alt float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return alt
	}
	return v
}
