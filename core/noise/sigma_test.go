package noise

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/data"
	"noiseball/core/stats"
)

// TestSigmaAtHalfSpace: for a half-space at distance d, μ(σ) = Φ(-d/σ),
// so μ = 1% at σ = d/2.326.
func TestSigmaAtHalfSpace(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	const n, d = 30, 0.7
	net := halfSpace(t, n, d)
	x := make([]float64, n)
	got := SigmaAt(net, x, 0, SigmaParams{Target: 0.01, MaxSigma: 5, Samples: 20000, Iters: 30}, r)
	want := d / -stats.PhiInv(0.01)
	if math.Abs(got-want) > 0.03*want {
		t.Errorf("SigmaAt = %v, want %v", got, want)
	}
	if s := SigmaAt(net, x, 1, SigmaParams{Target: 0.01, MaxSigma: 5, Samples: 100, Iters: 10}, r); s != 0 {
		t.Errorf("a misclassified point has sigma %v, want 0", s)
	}
	if s := SigmaAt(net, x, 0, SigmaParams{Target: 0.01, MaxSigma: 0.01, Samples: 100, Iters: 10}, r); !math.IsInf(s, 1) {
		t.Errorf("unreachable target gave %v, want +Inf", s)
	}
}

func TestAccuracyCurve(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	const n, d = 20, 0.5
	net := halfSpace(t, n, d)
	set := &data.Set{Name: "origin", N: 50, Shape: [3]int{n, 1, 1}, Classes: 2,
		Values: make([]float64, 50*n), Labels: make([]int, 50)}
	curve := AccuracyCurve(net, set, []float64{0, 0.25, 0.5}, 40, r)
	for _, p := range curve {
		want := 1 - stats.LinearErrorRate(d, math.Max(p.Sigma, 1e-300))
		if p.Total != 2000 || !stats.ClopperPearson(p.Correct, p.Total, 0.999).Contains(want) {
			t.Errorf("σ %v: accuracy %v (%d/%d), want %v", p.Sigma, p.Accuracy, p.Correct, p.Total, want)
		}
	}
}

// TestCertifyIsSound: for a half-space at distance d, the smoothed
// classifier is constant exactly within radius d, so a certificate must
// never exceed d and should come close with many samples.
func TestCertifyIsSound(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	const n, d, sigma = 10, 0.6, 0.5
	net := halfSpace(t, n, d)
	c := Certify(net, make([]float64, n), CertifyParams{Sigma: sigma, Guess: 100, Samples: 20000, Alpha: 0.001}, r)
	if c.Class != 0 || c.Radius > d || c.Radius < 0.9*d {
		t.Errorf("certificate %+v, want class 0 and radius just under %v", c, d)
	}
	far := halfSpace(t, n, -0.05) // the origin is just past the boundary: abstain or class 1
	if c := Certify(far, make([]float64, n), CertifyParams{Sigma: 2, Guess: 100, Samples: 200, Alpha: 0.001}, r); c.Class == 0 {
		t.Errorf("certified the wrong side: %+v", c)
	}
}
