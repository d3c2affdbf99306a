package noise

import (
	"math/rand/v2"

	"noiseball/core/nn"
	"noiseball/core/stats"
)

// Certificate is the result of randomized-smoothing certification.
type Certificate struct {
	Class   int     // the smoothed classifier's prediction, or -1 to abstain
	PALower float64 // one-sided lower confidence bound on P[f(x+δ) = Class]
	Radius  float64 // certified L2 radius σ·Φ⁻¹(PALower); 0 when abstaining
}

// Certify runs Cohen, Rosenfeld and Kolter's CERTIFY (2019) for the
// smoothed classifier g(x) = argmax_c P[f(x+δ) = c], δ ~ N(0, σ²I): it
// guesses the top class from n0 noisy copies, counts how many of n fresh
// copies the model assigns to it, bounds that probability from below with
// a one-sided Clopper-Pearson interval at level 1-alpha, and certifies
// g constant within R = σ·Φ⁻¹(p_A) if p_A > 1/2; otherwise it abstains.
func Certify(m nn.Model, x []float64, sigma float64, n0, n int, alpha float64, r *rand.Rand) Certificate {
	counts0 := ClassCounts(m, x, sigma, n0, r)
	return CertifyCounts(counts0, ClassCounts(m, x, sigma, n, r), alpha, sigma)
}

// CertifyCounts is the decision of Certify from its two class counts: the
// guess counts0 (n0 copies) picks the top class, and counts (n fresh
// copies) bounds its probability. Certify(m, x, σ, n0, n, α, r) equals
// CertifyCounts(ClassCounts(m, x, σ, n0, r), ClassCounts(m, x, σ, n, r),
// α, σ); a caller that spreads the counting over steps uses this.
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
