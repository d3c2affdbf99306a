package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Quantile returns the p-quantile of x by linear interpolation between
// order statistics (Hyndman and Fan's type 7, the default of R and NumPy):
// with x sorted, h = (n-1)p, the value x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1]-x[⌊h⌋]).
// x is not modified. It panics on an empty sample or p outside [0,1].
func Quantile(x []float64, p float64) float64 {
	if len(x) == 0 || !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("stats: quantile %v of %d values", p, len(x)))
	}
	s := slices.Clone(x)
	slices.Sort(s)
	return sortedQuantile(s, p)
}

func sortedQuantile(s []float64, p float64) float64 {
	h := float64(float64(len(s)-1) * p)
	i := int(math.Floor(h))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + float64((h-float64(i))*(s[i+1]-s[i]))
}

// Median returns Quantile(x, 0.5).
func Median(x []float64) float64 { return Quantile(x, 0.5) }

// QuantileCI returns the p-quantile of x with a distribution-free
// confidence interval [x₍ₗ₎, x₍ᵤ₎] between two order statistics: the
// number of sample values below the true quantile is Binomial(n, p), so
// the interval covers it with probability Σ_{i=l}^{u-1} C(n,i)pⁱ(1-p)ⁿ⁻ⁱ,
// and l, u are chosen to put at most α/2 = (1-level)/2 in each tail. When
// the sample is too small for that, the interval is widened to the sample
// minimum or maximum and covers less than the level (Exact reports which).
func QuantileCI(x []float64, p, level float64) (q float64, iv Interval, exact bool) {
	if len(x) == 0 || !(p > 0 && p < 1) || !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: quantile %v at level %v of %d values", p, level, len(x)))
	}
	s := slices.Clone(x)
	slices.Sort(s)
	return SortedQuantileCI(s, p, level)
}

// SortedQuantileCI is QuantileCI for a sample s already sorted in
// increasing order, which it does not copy. The order statistics l and u
// are found by bisection on the binomial CDF, so a sample of a million
// values costs about forty CDF evaluations.
func SortedQuantileCI(s []float64, p, level float64) (q float64, iv Interval, exact bool) {
	if len(s) == 0 || !(p > 0 && p < 1) || !(level > 0 && level < 1) {
		panic(fmt.Sprintf("stats: quantile %v at level %v of %d values", p, level, len(s)))
	}
	l, u := quantileRanks(len(s), p, level)
	exact = l >= 1 && u <= len(s)
	n := len(s)
	return sortedQuantile(s, p), Interval{s[max(l, 1)-1], s[min(u, n)-1]}, exact
}

// quantileRanks returns the 1-based ranks l and u of QuantileCI: l is the
// largest in [0, n] with P[X ≤ l-1] ≤ α/2 and u the smallest in [1, n+1]
// with P[X ≤ u-1] ≥ 1-α/2, for X ~ Binomial(n, p) and α = 1-level. Both
// conditions are monotone in the rank, so each is a bisection.
func quantileRanks(n int, p, level float64) (l, u int) {
	alpha := 1 - level
	// The first l in [1, n+1] with P[X ≤ l-1] > α/2, minus one.
	l = sort.Search(n+1, func(i int) bool { return BinomialCDF(i, n, p) > alpha/2 })
	// The first u in [1, n+1] with P[X ≤ u-1] ≥ 1-α/2.
	u = 1 + sort.Search(n+1, func(i int) bool { return BinomialCDF(i, n, p) >= 1-float64(alpha/2) })
	return l, u
}
