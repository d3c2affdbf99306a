package spheres

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"noiseball/core/stats"
)

// checkN panics unless the sphere S^(n-1) ⊂ ℝⁿ has n ≥ 2 dimensions.
func checkN(n int) {
	if n < 2 {
		panic(fmt.Sprintf("spheres: a sphere needs n >= 2 dimensions, got %d", n))
	}
}

// checkMu panics unless μ is a measure strictly between 0 and 1.
func checkMu(mu float64) {
	if !(mu > 0 && mu < 1) {
		panic(fmt.Sprintf("spheres: a cap's measure must lie in (0, 1), got %v", mu))
	}
}

// CapMeasure returns the normalized measure of the cap {x : x₁ ≥ t} of
// the unit sphere in n dimensions, for t in [-1, 1]: since x₁² of a
// uniform point is Beta(1/2, (n−1)/2),
//
//	A(t) = ½·I_{1−t²}((n−1)/2, ½) = ½·(1 − I_{t²}(½, (n−1)/2)) for t ≥ 0,
//	A(t) = 1 − A(−t) for t < 0,
//
// with I the regularized incomplete beta function. n = 2 gives
// arccos(t)/π and n = 3 Archimedes' (1−t)/2.
func CapMeasure(t float64, n int) float64 {
	checkN(n)
	switch {
	case t >= 1:
		return 0
	case t <= -1:
		return 1
	case t < 0:
		return 1 - CapMeasure(-t, n)
	}
	// The same value two ways: each is accurate where its argument is
	// far from 1.
	if t*t < 0.5 {
		return 0.5 * (1 - mathext.RegIncBeta(0.5, float64(n-1)/2, t*t))
	}
	return 0.5 * mathext.RegIncBeta(float64(n-1)/2, 0.5, 1-float64(t*t))
}

// CapThreshold returns t with CapMeasure(t, n) = μ: the cap {x₁ ≥ t} of
// measure μ in (0, 1).
func CapThreshold(mu float64, n int) float64 { return math.Cos(capAngle(mu, n)) }

// capAngle returns the angular radius β = arccos t of the cap of measure
// μ, found by bisection on the angle (the measure grows smoothly with
// it, also where t is near ±1).
func capAngle(mu float64, n int) float64 {
	checkN(n)
	checkMu(mu)
	lo, hi := 0.0, math.Pi
	for range 100 {
		mid := (lo + hi) / 2
		if mid == lo || mid == hi {
			break
		}
		if CapMeasure(math.Cos(mid), n) < mu {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// capSteps is the number of Simpson intervals of CapMeanDistance's
// integral over the angle; the integrand's peak, about 1/√n wide, spans
// over 40 of them at n = 1,000.
const capSteps = 8192

// CapMeanDistance returns D_cap(μ, n), the mean Euclidean distance from a
// uniform point of the unit sphere in n dimensions to the cap of
// measure μ: with β = arccos t the cap's angular radius and α the
// point's angle from the cap's centre, whose density is
// sin^(n−2)α / B((n−1)/2, ½),
//
//	D_cap = ∫_β^π 2·sin((α−β)/2) · sin^(n−2)α / B((n−1)/2, ½) dα,
//
// the chord to the cap's edge along the great circle, integrated by
// Simpson's rule. Points inside the cap count with distance 0. By
// Lévy's isoperimetric inequality it bounds E[d(x, E)] for every error
// set E of measure μ (see the package comment).
func CapMeanDistance(mu float64, n int) float64 {
	beta := capAngle(mu, n)
	lb, _ := math.Lgamma(float64(n-1) / 2)
	lh, _ := math.Lgamma(0.5)
	lab, _ := math.Lgamma(float64(n) / 2)
	logNorm := lab - lb - lh // −log B((n−1)/2, ½)
	f := func(a float64) float64 {
		s := math.Sin(a)
		if s <= 0 {
			return 0
		}
		return 2 * math.Sin((a-beta)/2) * math.Exp(logNorm+float64(float64(n-2)*math.Log(s)))
	}
	h := (math.Pi - beta) / capSteps
	sum := f(beta) + f(math.Pi)
	for i := 1; i < capSteps; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += float64(w * f(beta+float64(float64(i)*h)))
	}
	return sum * h / 3
}

// CapMeanDistanceLargeN returns the large-n form of CapMeanDistance:
// x₁√n tends to a standard normal Z and the chord to the cap to
// (t − x₁)⁺, so with τ = Φ⁻¹(1−μ)
//
//	D_cap ≈ E[(τ − Z)⁺]/√n = (τΦ(τ) + φ(τ))/√n,
//
// about Φ⁻¹(1−μ)/√n for small μ: the nearest error of any model that errs
// on a share μ of the sphere comes closer as 1/√n.
func CapMeanDistanceLargeN(mu float64, n int) float64 {
	checkN(n)
	checkMu(mu)
	tau := stats.PhiInv(1 - mu)
	phi := math.Exp(-tau*tau/2) / math.Sqrt(2*math.Pi)
	return (float64(tau*stats.Phi(tau)) + phi) / math.Sqrt(float64(n))
}
