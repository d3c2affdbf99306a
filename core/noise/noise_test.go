package noise

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/attack"
	"noiseball/core/nn"
	"noiseball/core/stats"
)

// halfSpace returns a two-class linear model on n inputs whose class 1
// region is the half-space x₀ > d, and the origin as its class 0 point:
// the setting of the paper's Eq. 1, where μ = Φ(-d/σ) exactly.
func halfSpace(t *testing.T, n int, d float64) *nn.Network {
	net, err := nn.New(nn.Vector(n), nn.LinearArch(nn.Vector(n), 2), nil)
	if err != nil {
		t.Fatal(err)
	}
	w := net.Param("fc.weight").W
	w[n] = 1 // z1 - z0 = x₀ - d
	net.Param("fc.bias").W[1] = -d
	return net
}

// TestErrorRateMatchesEq1 checks the Monte Carlo estimate against the
// exact error rate of a half-space in 100 dimensions.
func TestErrorRateMatchesEq1(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, d, sigma = 100, 0.5, 0.3
	net := halfSpace(t, n, d)
	x := make([]float64, n)
	rate := ErrorRate(net, x, 0, sigma, 20000, r)
	want := stats.LinearErrorRate(d, sigma)
	if !rate.CI(0.999).Contains(want) {
		t.Errorf("μ = %v (CI %+v), exact %v", rate.Mu(), rate.CI(0.999), want)
	}
}

// TestNoisyDistancesMeetTheBound: for a half-space the median distance
// from noisy points to the error set equals the bound -σΦ⁻¹(μ) = d.
func TestNoisyDistancesMeetTheBound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, d, sigma = 50, 0.6, 0.4
	net := halfSpace(t, n, d)
	x := make([]float64, n)
	res := NoisyDistances(net, x, 0, DistanceParams{Sigma: sigma, RateSamples: 4000, Starts: 200, Find: attack.DefaultSearch}, r)
	if len(res.Values) < 150 || res.Tried < len(res.Values) {
		t.Fatalf("%d distances from %d starts", len(res.Values), res.Tried)
	}
	// The median of max(0, d - σZ) over correct points is near d; the
	// bound from the estimated μ is near d too.
	if math.Abs(res.Median-d) > 0.08 || math.Abs(res.Bound-d) > 0.08 {
		t.Errorf("median %v, bound %v, want both near %v", res.Median, res.Bound, d)
	}
}

func TestHighErrorRateGivesZero(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	net := halfSpace(t, 10, -0.1) // the origin is already past the boundary
	res := NoisyDistances(net, make([]float64, 10), 0, DistanceParams{Sigma: 0.3, RateSamples: 500, Starts: 10, Find: attack.DefaultSearch}, r)
	if res.Rate.Mu() < 0.5 || res.Median != 0 || res.Bound != 0 || len(res.Values) != 0 {
		t.Errorf("%+v", res)
	}
}

// TestErrorRateAdaptive: a large error rate stops early with a tight
// interval; a tiny one spends the budget.
func TestErrorRateAdaptive(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	const n = 20
	x := make([]float64, n)
	near := halfSpace(t, n, 0.1) // μ = Φ(-0.1/0.3) ≈ 0.37
	got := ErrorRateAdaptive(near, x, 0, 0.3, 0.2, 100000, r)
	ci := got.CI(0.95)
	if got.Samples >= 100000 || ci.Hi-ci.Lo > 0.2*got.Mu() || !stats.ClopperPearson(got.Errors, got.Samples, 0.999).Contains(stats.LinearErrorRate(0.1, 0.3)) {
		t.Errorf("near boundary: %+v, CI %+v", got, ci)
	}
	far := halfSpace(t, n, 2) // μ = Φ(-2/0.3) ≈ 1e-11
	if got := ErrorRateAdaptive(far, x, 0, 0.3, 0.2, 3000, r); got.Samples != 3000 || got.Errors != 0 {
		t.Errorf("far from the boundary: %+v, want the whole budget of 3000 and no errors", got)
	}
}
