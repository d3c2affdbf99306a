package measure

import (
	"math"
	"math/rand/v2"

	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// Randomized-smoothing certification at the clean image (Cohen et al.,
// 2019): CertifyGuess noisy copies pick the class, then as many copies as
// the error rate uses bound its probability at level 1 - CertifyAlpha.
const (
	CertifyGuess = 100
	CertifyAlpha = 0.001
)

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

// Fig4Run measures one Fig4Point: noise.NoisyDistances (p.RateSamples
// noisy copies for μ; then, unless μ ≥ 1/2, noisy copies until p.Starts
// of them are correctly classified, at most noise.DrawsPerStart·p.Starts
// draws, each searched for its nearest error with p.Find), then
// noise.Certify at x (CertifyGuess copies, then p.RateSamples more, at
// level 1 - CertifyAlpha), both from r in that order, as steppers: each
// Step classifies one batch of noisy copies or searches one start.
type Fig4Run struct {
	dist    *noise.DistanceRun
	certify *noise.CertifyRun
	seq     *step.Seq
	y       int
	sigma   float64
}

// NewFig4 prepares the measurement of x (true class y) with the sizes p;
// nothing is evaluated until Step.
func NewFig4(m nn.Model, x []float64, y int, p noise.DistanceParams, r *rand.Rand) *Fig4Run {
	f := &Fig4Run{y: y, sigma: p.Sigma,
		dist:    noise.NewDistanceRun(m, x, y, p, r),
		certify: noise.NewCertifyRun(m, x, noise.CertifyParams{Sigma: p.Sigma, Guess: CertifyGuess, Samples: p.RateSamples, Alpha: CertifyAlpha}, r)}
	f.seq = step.NewSeq(f.dist, f.certify)
	return f
}

// Step does one piece of the measurement and reports whether it is done.
func (f *Fig4Run) Step() bool { return f.seq.Step() }

// Progress returns the steps taken and an upper bound on the total.
func (f *Fig4Run) Progress() (done, total int) { return f.seq.Progress() }

// Point returns the measurement; it panics before Step has reported
// completion.
func (f *Fig4Run) Point() Fig4Point {
	d := f.dist.Result() // panics before the run is done

	mu := d.Rate.Mu()
	ci := d.Rate.CI(0.95)
	p := Fig4Point{Mu: mu, MuCI: [2]float64{ci.Lo, ci.Hi}, Count: len(d.Values),
		Bound: finiteOr(d.Bound, -1), BoundHi: finiteOr(stats.MedianBound(ci.Lo, f.sigma), -1)}
	if c := f.certify.Result(); c.Class == f.y {
		p.Certified = c.Radius
	}
	if len(d.Values) > 0 {
		p.Median = d.Median
		// With fewer than 6 distances no two order statistics bracket the
		// median with 95% confidence, so such a point is never flagged.
		_, mci, exact := stats.QuantileCI(d.Values, 0.5, 0.95)
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
