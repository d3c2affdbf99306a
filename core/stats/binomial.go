package stats

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// Interval is a confidence interval [Lo, Hi].
type Interval struct{ Lo, Hi float64 }

// Contains reports whether x lies in the interval.
func (iv Interval) Contains(x float64) bool { return iv.Lo <= x && x <= iv.Hi }

func checkCounts(k, n int, level float64) {
	if n <= 0 || k < 0 || k > n {
		panic(fmt.Sprintf("stats: %d successes in %d trials", k, n))
	}
	if !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: confidence level %v must be in (0,1)", level))
	}
}

// ClopperPearson returns the exact two-sided confidence interval at the
// given level (e.g. 0.95) for a binomial proportion after k successes in
// n trials:
//
//	Lo = B⁻¹(α/2; k, n-k+1),  Hi = B⁻¹(1-α/2; k+1, n-k),  α = 1 - level,
//
// with Lo = 0 when k = 0 and Hi = 1 when k = n (Clopper and Pearson 1934).
// It never covers less than the level, at the price of width.
func ClopperPearson(k, n int, level float64) Interval {
	checkCounts(k, n, level)
	alpha := 1 - level
	iv := Interval{0, 1}
	if k > 0 {
		iv.Lo = mathext.InvRegIncBeta(float64(k), float64(n-k+1), alpha/2)
	}
	if k < n {
		iv.Hi = mathext.InvRegIncBeta(float64(k+1), float64(n-k), 1-float64(alpha/2))
	}
	return iv
}

// LowerClopperPearson returns the one-sided lower confidence bound on a
// binomial proportion at the given level, B⁻¹(1-level; k, n-k+1) (0 when
// k = 0): the p_A lower bound of randomized-smoothing certification.
func LowerClopperPearson(k, n int, level float64) float64 {
	checkCounts(k, n, level)
	if k == 0 {
		return 0
	}
	return mathext.InvRegIncBeta(float64(k), float64(n-k+1), 1-level)
}

// Wilson returns the Wilson score interval at the given level for k
// successes in n trials (Wilson 1927):
//
//	(p̂ + z²/2n ± z·sqrt(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n),
//
// z = Φ⁻¹(1 - α/2). Narrower than Clopper-Pearson, close to nominal
// coverage on average.
func Wilson(k, n int, level float64) Interval {
	checkCounts(k, n, level)
	z := PhiInv(1 - float64((1-level)/2))
	nf := float64(n)
	p := float64(k) / nf
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return Interval{math.Max(0, mid-half), math.Min(1, mid+half)}
}

// BinomialCDF returns P[X ≤ k] for X ~ Binomial(n, p), through the
// regularized incomplete beta function: I_{1-p}(n-k, k+1).
func BinomialCDF(k, n int, p float64) float64 {
	switch {
	case k < 0:
		return 0
	case k >= n:
		return 1
	}
	return mathext.RegIncBeta(float64(n-k), float64(k+1), 1-p)
}
