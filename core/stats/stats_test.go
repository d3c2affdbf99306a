package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Known values of Φ and Φ⁻¹ from standard normal tables (Abramowitz and
// Stegun, Table 26.1 and 26.5), to the digits the tables give.
func TestNormalKnownValues(t *testing.T) {
	cases := []struct{ x, p float64 }{
		{0, 0.5},
		{-1, 0.15865525393145707},
		{1.959963984540054, 0.975},
		{-2.3263478740408408, 0.01},
		{-3.090232306167813, 0.001},
	}
	for _, c := range cases {
		if got := Phi(c.x); !near(got, c.p, 1e-15) {
			t.Errorf("Phi(%v) = %v, want %v", c.x, got, c.p)
		}
		if got := PhiInv(c.p); !near(got, c.x, 1e-12) {
			t.Errorf("PhiInv(%v) = %v, want %v", c.p, got, c.x)
		}
	}
	if !math.IsInf(PhiInv(0), -1) || !math.IsInf(PhiInv(1), 1) || !math.IsNaN(PhiInv(1.5)) {
		t.Error("PhiInv edge cases")
	}
}

// TestNormalAgainstDistuv uses gonum's distuv as an independent oracle on
// a grid.
func TestNormalAgainstDistuv(t *testing.T) {
	for x := -8.0; x <= 8; x += 0.0625 {
		if got, want := Phi(x), distuv.UnitNormal.CDF(x); !near(got, want, 1e-15+1e-13*want) {
			t.Errorf("Phi(%v) = %v, distuv %v", x, got, want)
		}
	}
	for p := 1e-9; p < 1; p = p*1.5 + 1e-4 {
		if got, want := PhiInv(p), distuv.UnitNormal.Quantile(p); !near(got, want, 1e-12*(1+math.Abs(want))) {
			t.Errorf("PhiInv(%v) = %v, distuv %v", p, got, want)
		}
	}
}

func TestLinearRelation(t *testing.T) {
	// Eq. 1: at mu = 1% the nearest error is 2.326σ away, in any dimension.
	if d := LinearDistance(0.01, 0.3); !near(d, 0.3*2.3263478740408408, 1e-12) {
		t.Errorf("LinearDistance(0.01, 0.3) = %v", d)
	}
	for _, mu := range []float64{1e-6, 0.001, 0.01, 0.2, 0.5, 0.7} {
		d := LinearDistance(mu, 0.5)
		if back := LinearErrorRate(d, 0.5); !near(back, mu, 1e-12) {
			t.Errorf("mu %v → d %v → mu %v", mu, d, back)
		}
	}
}

// TestHalfSpaceMeetsTheBounds simulates the distance from noisy points to
// a half-space, max(0, d - σZ), and checks that its quantiles and its
// expansion equal the isoperimetric bounds, which half-spaces attain.
func TestHalfSpaceMeetsTheBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const sigma, n = 0.4, 200000
	for _, mu := range []float64{0.001, 0.02, 0.2} {
		d := LinearDistance(mu, sigma)
		dist := make([]float64, n)
		for i := range dist {
			dist[i] = math.Max(0, d-sigma*r.NormFloat64())
		}
		slices.Sort(dist)
		for _, p := range []float64{0.1, 0.5, 0.9} {
			got := sortedQuantile(dist, p)
			if want := QuantileBound(p, mu, sigma); !near(got, want, 0.01) {
				t.Errorf("mu %v: %v-quantile %v, bound %v", mu, p, got, want)
			}
		}
		if got, want := Median(dist), MedianBound(mu, sigma); !near(got, want, 0.01) || !near(want, d, 1e-12) {
			t.Errorf("mu %v: median %v, bound %v, d %v", mu, got, want, d)
		}
		eps := 0.3
		k, _ := slices.BinarySearch(dist, eps)
		if got, want := float64(k)/n, Expansion(mu, eps, sigma); !near(got, want, 0.005) {
			t.Errorf("mu %v: P[dist ≤ %v] = %v, Expansion %v", mu, eps, got, want)
		}
	}
	if MedianBound(0.5, 1) != 0 || MedianBound(0.8, 1) != 0 {
		t.Error("MedianBound for mu ≥ 1/2 must be 0")
	}
	if got := Expansion(0.1, 0, 1); !near(got, 0.1, 1e-15) {
		t.Errorf("Expansion with eps 0 = %v", got)
	}
}

func TestSmoothingRadius(t *testing.T) {
	if got := SmoothingRadius(0.99, 0.25); !near(got, 0.25*2.3263478740408408, 1e-12) {
		t.Errorf("SmoothingRadius(0.99, 0.25) = %v", got)
	}
	if SmoothingRadius(0.5, 1) != 0 || SmoothingRadius(0.3, 1) != 0 {
		t.Error("no certificate below p_A = 1/2")
	}
}

// Binomial intervals against published values: R 4.x binom.test (exact,
// Clopper-Pearson) and prop.test(correct = FALSE) (Wilson), and the closed
// forms at k = 0 and k = n.
func TestBinomialKnownValues(t *testing.T) {
	cp := ClopperPearson(5, 10, 0.95)
	if !near(cp.Lo, 0.1870860, 1e-7) || !near(cp.Hi, 0.8129140, 1e-7) {
		t.Errorf("ClopperPearson(5, 10) = %+v, R gives [0.1870860, 0.8129140]", cp)
	}
	if cp := ClopperPearson(0, 10, 0.95); cp.Lo != 0 || !near(cp.Hi, 1-math.Pow(0.025, 0.1), 1e-12) {
		t.Errorf("ClopperPearson(0, 10) = %+v", cp)
	}
	if cp := ClopperPearson(10, 10, 0.95); cp.Hi != 1 || !near(cp.Lo, math.Pow(0.025, 0.1), 1e-12) {
		t.Errorf("ClopperPearson(10, 10) = %+v", cp)
	}
	w := Wilson(5, 10, 0.95)
	if !near(w.Lo, 0.2365931, 1e-7) || !near(w.Hi, 0.7634069, 1e-7) {
		t.Errorf("Wilson(5, 10) = %+v, R gives [0.2365931, 0.7634069]", w)
	}
	if lo := LowerClopperPearson(100, 100, 0.99); !near(lo, math.Pow(0.01, 0.01), 1e-12) {
		t.Errorf("LowerClopperPearson(100, 100, 0.99) = %v, want 0.01^(1/100)", lo)
	}
}

func TestBinomialCDFMatchesSum(t *testing.T) {
	for _, n := range []int{1, 7, 40} {
		for _, p := range []float64{0.01, 0.3, 0.5, 0.9} {
			sum := 0.0
			for k := 0; k <= n; k++ {
				lc, _ := math.Lgamma(float64(n + 1))
				a, _ := math.Lgamma(float64(k + 1))
				b, _ := math.Lgamma(float64(n - k + 1))
				sum += math.Exp(lc - a - b + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
				if got := BinomialCDF(k, n, p); !near(got, sum, 1e-10) {
					t.Errorf("BinomialCDF(%d, %d, %v) = %v, sum %v", k, n, p, got, sum)
				}
			}
		}
	}
}

// TestClopperPearsonCovers checks coverage by simulation: the exact
// interval must cover the true proportion at least as often as its level.
func TestClopperPearsonCovers(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const trials, n = 2000, 50
	for _, p := range []float64{0.02, 0.3} {
		covered := 0
		for range trials {
			k := 0
			for range n {
				if r.Float64() < p {
					k++
				}
			}
			if ClopperPearson(k, n, 0.95).Contains(p) {
				covered++
			}
		}
		if f := float64(covered) / trials; f < 0.94 {
			t.Errorf("p = %v: covered %.3f of the time, want ≥ 0.95", p, f)
		}
	}
}

func TestQuantiles(t *testing.T) {
	x := []float64{4, 1, 3, 2}
	if got := Median(x); got != 2.5 {
		t.Errorf("Median = %v", got)
	}
	if got := Quantile(x, 0.25); got != 1.75 {
		t.Errorf("Quantile(0.25) = %v, want 1.75 (type 7)", got)
	}
	if x[0] != 4 {
		t.Error("Quantile sorted its input")
	}
	// n = 100, median, 95%: the 40th and 61st order statistics (Conover,
	// Practical Nonparametric Statistics, Table A3 and §3.2).
	v := make([]float64, 100)
	for i := range v {
		v[i] = float64(100 - i)
	}
	q, iv, exact := QuantileCI(v, 0.5, 0.95)
	if q != 50.5 || iv.Lo != 40 || iv.Hi != 61 || !exact {
		t.Errorf("QuantileCI = %v, %+v, %v; want 50.5, [40, 61], exact", q, iv, exact)
	}
	if _, iv, exact := QuantileCI([]float64{1, 2, 3}, 0.5, 0.95); exact || iv.Lo != 1 || iv.Hi != 3 {
		t.Errorf("tiny sample: %+v, exact %v; want [1, 3], not exact", iv, exact)
	}
}

// TestQuantileRanksAgainstScan holds the bisection of quantileRanks to
// the definition, scanned rank by rank.
func TestQuantileRanksAgainstScan(t *testing.T) {
	for _, n := range []int{1, 2, 3, 5, 8, 13, 40, 100, 333, 1000} {
		for _, p := range []float64{0.05, 0.25, 0.5, 0.9} {
			for _, level := range []float64{0.5, 0.95, 0.999} {
				alpha := 1 - level
				l := 0
				for l+1 <= n && BinomialCDF(l, n, p) <= alpha/2 {
					l++
				}
				u := n + 1
				for u-1 >= 1 && BinomialCDF(u-2, n, p) >= 1-alpha/2 {
					u--
				}
				if gl, gu := quantileRanks(n, p, level); gl != l || gu != u {
					t.Errorf("n %d p %v level %v: ranks %d, %d; the scan gives %d, %d", n, p, level, gl, gu, l, u)
				}
			}
		}
	}
}

// TestChiAgainstDistuv compares Chi's draws with gonum's χ² CDF by the
// Kolmogorov-Smirnov statistic, on both sides of the switch from summed
// normals to Gamma draws; 20,000 draws put the 0.1% critical value at
// 1.95/√n ≈ 0.0138.
func TestChiAgainstDistuv(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 20000
	for _, k := range []int{1, 2, 7, 32, 33, 100, 783, 1_000_000} {
		x := make([]float64, n)
		for i := range x {
			x[i] = Chi(r, k)
		}
		slices.Sort(x)
		cdf := distuv.ChiSquared{K: float64(k)}
		ks := 0.0
		for i, v := range x {
			f := cdf.CDF(v * v)
			ks = math.Max(ks, math.Max(math.Abs(f-float64(i)/n), math.Abs(f-float64(i+1)/n)))
		}
		if ks > 1.95/math.Sqrt(n) {
			t.Errorf("chi(%d): Kolmogorov-Smirnov distance %.4f to the chi distribution", k, ks)
		}
	}
	if Chi(r, 0) != 0 {
		t.Error("Chi(0) is not 0")
	}
}
