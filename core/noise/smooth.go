package noise

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/nn"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// Certificate is the result of randomized-smoothing certification.
type Certificate struct {
	Class   int     // the smoothed classifier's prediction, or -1 to abstain
	PALower float64 // one-sided lower confidence bound on P[f(x+δ) = Class]
	Radius  float64 // certified L2 radius σ·Φ⁻¹(PALower); 0 when abstaining
}

// CertifyParams are the settings of randomized-smoothing certification.
type CertifyParams struct {
	Sigma   float64 // noise level σ of the smoothed classifier, in pixel units
	Guess   int     // n0: noisy copies that pick the top class
	Samples int     // n: fresh copies that bound its probability
	Alpha   float64 // the bound holds with probability 1 - Alpha
}

// Certify runs Cohen, Rosenfeld and Kolter's CERTIFY (2019) for the
// smoothed classifier g(x) = argmax_c P[f(x+δ) = c], δ ~ N(0, σ²I): it
// guesses the top class from p.Guess noisy copies, counts how many of
// p.Samples fresh copies the model assigns to it, bounds that probability
// from below with a one-sided Clopper-Pearson interval at level
// 1 - p.Alpha, and certifies g constant within R = σ·Φ⁻¹(p_A) if
// p_A > 1/2; otherwise it abstains. It is a CertifyRun run to the end.
func Certify(m nn.Model, x []float64, p CertifyParams, r *rand.Rand) Certificate {
	c := NewCertifyRun(m, x, p, r)
	step.Run(c)
	return c.Result()
}

// CertifyRun is Certify as a step.Stepper: the first Step counts the
// guess, each later one a batch of the fresh copies.
type CertifyRun struct {
	m               nn.Model
	x               []float64
	p               CertifyParams
	r               *rand.Rand
	counts0, counts []int
	counted         int
}

// NewCertifyRun prepares Certify(m, x, p, r) without evaluating anything.
// It panics on counts that are not positive, σ ≤ 0 or α outside (0, 1).
func NewCertifyRun(m nn.Model, x []float64, p CertifyParams, r *rand.Rand) *CertifyRun {
	if len(x) != m.InShape().Size() || !(p.Sigma > 0) || p.Guess <= 0 || p.Samples <= 0 || !(p.Alpha > 0 && p.Alpha < 1) {
		panic(fmt.Sprintf("noise: certify at σ %v with %d and %d copies at α %v on %d values", p.Sigma, p.Guess, p.Samples, p.Alpha, len(x)))
	}
	return &CertifyRun{m: m, x: x, p: p, r: r}
}

// Step does one piece of the certification and reports whether it is
// done.
func (c *CertifyRun) Step() bool {
	switch {
	case c.counts0 == nil:
		c.counts0 = ClassCounts(c.m, c.x, c.p.Sigma, c.p.Guess, c.r)
		c.counts = make([]int, c.m.Classes())
	case c.counted < c.p.Samples:
		n := min(countStep, c.p.Samples-c.counted)
		for k, v := range ClassCounts(c.m, c.x, c.p.Sigma, n, c.r) {
			c.counts[k] += v
		}
		c.counted += n
	}
	return c.counts0 != nil && c.counted == c.p.Samples
}

// Progress counts the guess as one step and the fresh copies by batches.
func (c *CertifyRun) Progress() (done, total int) {
	total = 1 + (c.p.Samples+countStep-1)/countStep
	if c.counts0 != nil {
		done = 1 + (c.counted+countStep-1)/countStep
	}
	return done, total
}

// Result returns the certificate; it panics before Step has reported
// completion.
func (c *CertifyRun) Result() Certificate {
	if c.counts0 == nil || c.counted < c.p.Samples {
		panic("noise: CertifyRun.Result before the run is done")
	}
	return CertifyCounts(c.counts0, c.counts, c.p.Alpha, c.p.Sigma)
}

// CertifyCounts is the decision of Certify from its two class counts: the
// guess counts0 (n0 copies) picks the top class, and counts (n fresh
// copies) bounds its probability at level 1 - alpha.
func CertifyCounts(counts0, counts []int, alpha, sigma float64) Certificate {
	top, n := 0, 0
	for c, k := range counts0 {
		if k > counts0[top] {
			top = c
		}
	}
	for _, k := range counts {
		n += k
	}
	pA := stats.LowerClopperPearson(counts[top], n, 1-alpha)
	if pA <= 0.5 {
		return Certificate{Class: -1, PALower: pA}
	}
	return Certificate{Class: top, PALower: pA, Radius: stats.SmoothingRadius(pA, sigma)}
}

// ClassCounts returns how many of n noisy copies of x, drawn from r in
// order, the model assigns to each class.
func ClassCounts(m nn.Model, x []float64, sigma float64, n int, r *rand.Rand) []int {
	counts := make([]int, m.Classes())
	noisyPredictions(m, x, sigma, n, r, func(p int) { counts[p]++ })
	return counts
}
