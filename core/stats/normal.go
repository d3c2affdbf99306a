package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Phi returns the standard normal CDF Φ(x) = P[Z ≤ x] = erfc(-x/√2)/2.
func Phi(x float64) float64 { return float64(0.5 * math.Erfc(-x/math.Sqrt2)) }

// PhiInv returns the standard normal quantile Φ⁻¹(p) for p in [0,1]:
// -Inf at 0, +Inf at 1, NaN outside.
func PhiInv(p float64) float64 {
	switch {
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case !(p > 0 && p < 1):
		return math.NaN()
	}
	return mathext.NormalQuantile(p)
}

func checkSigma(sigma float64) {
	if !(sigma > 0) || math.IsInf(sigma, 1) {
		panic(fmt.Sprintf("stats: sigma %v must be positive and finite", sigma))
	}
}

// LinearDistance returns the distance from a point to the error set of a
// linear classifier (a half-space) whose error rate in N(0, σ²I) noise at
// that point is mu: d = -σ·Φ⁻¹(mu), the paper's Eq. 1. It is independent
// of the dimension; at mu = 1%, d = 2.326σ. For mu ≥ 1/2 the point is
// itself an error or on the boundary and d ≤ 0.
func LinearDistance(mu, sigma float64) float64 {
	checkSigma(sigma)
	return -sigma * PhiInv(mu)
}

// LinearErrorRate inverts LinearDistance: a half-space at distance d holds
// mass mu = Φ(-d/σ) of N(x, σ²I).
func LinearErrorRate(d, sigma float64) float64 {
	checkSigma(sigma)
	return Phi(-d / sigma)
}

// Expansion returns the Gaussian isoperimetric lower bound on the mass of
// the eps-expansion of an error set E of Gaussian mass mu:
//
//	P[dist(x+δ, E) ≤ eps] ≥ Φ(Φ⁻¹(mu) + eps/σ),  δ ~ N(0, σ²I),
//
// with equality when E is a half-space.
func Expansion(mu, eps, sigma float64) float64 {
	checkSigma(sigma)
	return Phi(PhiInv(mu) + eps/sigma)
}

// QuantileBound returns the isoperimetric upper bound on the p-quantile of
// the distance from a noisy point x+δ to an error set of mass mu,
// max(0, σ·(Φ⁻¹(p) - Φ⁻¹(mu))), valid for every error set; a half-space
// attains it.
func QuantileBound(p, mu, sigma float64) float64 {
	checkSigma(sigma)
	if p <= mu {
		return 0
	}
	return sigma * (PhiInv(p) - PhiInv(mu))
}

// MedianBound returns the bound on the median distance from noisy points
// to the nearest error, QuantileBound(1/2, mu, σ) = -σ·Φ⁻¹(mu) for
// mu < 1/2 and 0 for mu ≥ 1/2: the curve of the paper's Fig. 4.
func MedianBound(mu, sigma float64) float64 { return QuantileBound(0.5, mu, sigma) }

// SmoothingRadius returns the L2 radius within which a Gaussian-smoothed
// classifier is certified constant when its top class has probability at
// least pA under N(0, σ²I) noise and every other class at most 1 - pA
// (Cohen, Rosenfeld and Kolter 2019, Theorem 1 with p_B = 1 - p_A):
// R = σ·Φ⁻¹(pA). It is 0 when pA ≤ 1/2 (no certificate).
func SmoothingRadius(pA, sigma float64) float64 {
	checkSigma(sigma)
	if pA <= 0.5 {
		return 0
	}
	return sigma * PhiInv(pA)
}
