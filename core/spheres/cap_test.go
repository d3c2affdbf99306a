package spheres

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/data"
)

// TestCapMeasureClosedForms: on the circle a cap {x₁ ≥ t} is an arc of
// measure arccos(t)/π; on the 2-sphere Archimedes' hat-box theorem gives
// (1−t)/2.
func TestCapMeasureClosedForms(t *testing.T) {
	for _, th := range []float64{-1, -0.9, -0.5, -0.1, 0, 0.2, 0.5, 0.77, 0.99, 1} {
		if got, want := CapMeasure(th, 2), math.Acos(th)/math.Pi; math.Abs(got-want) > 1e-12 {
			t.Errorf("n=2, t=%v: %v, want %v", th, got, want)
		}
		if got, want := CapMeasure(th, 3), (1-th)/2; math.Abs(got-want) > 1e-12 {
			t.Errorf("n=3, t=%v: %v, want %v", th, got, want)
		}
	}
	for _, n := range []int{2, 7, 100, 1000} {
		if got := CapMeasure(0, n); math.Abs(got-0.5) > 1e-12 {
			t.Errorf("n=%d: a half sphere has measure %v", n, got)
		}
	}
}

// TestSamplingIsUniform: points drawn by data.OnSphere lie on the sphere,
// and the share with x₁ ≥ t (any fixed direction would do) matches the
// cap's measure within sampling error, in low and high dimension; the
// mean of x₁² is 1/n.
func TestSamplingIsUniform(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const draws = 40000
	for _, n := range []int{3, 10, 500} {
		x := make([]float64, n)
		ts := []float64{-0.5 / math.Sqrt(float64(n)), 0, 1 / math.Sqrt(float64(n)), 2 / math.Sqrt(float64(n))}
		above := make([]int, len(ts))
		sq := 0.0
		for range draws {
			data.OnSphere(x, 1.3, r)
			norm := 0.0
			for _, v := range x {
				norm += v * v
			}
			if math.Abs(math.Sqrt(norm)-1.3) > 1e-12 {
				t.Fatalf("n=%d: a point of norm %v on the sphere of radius 1.3", n, math.Sqrt(norm))
			}
			u := x[n/2] / 1.3
			sq += u * u
			for k, th := range ts {
				if u >= th {
					above[k]++
				}
			}
		}
		for k, th := range ts {
			p := CapMeasure(th, n)
			got := float64(above[k]) / draws
			if se := math.Sqrt(p * (1 - p) / draws); math.Abs(got-p) > 4.5*se {
				t.Errorf("n=%d: %v of the points have x ≥ %.4f; the cap's measure is %v (±%.4f)", n, got, th, p, se)
			}
		}
		if got := sq / draws; math.Abs(got*float64(n)-1) > 0.03 {
			t.Errorf("n=%d: mean x² = %v, want 1/n = %v", n, got, 1/float64(n))
		}
	}
}

// TestCapThreshold: the threshold's cap has the measure asked for.
func TestCapThreshold(t *testing.T) {
	for _, n := range []int{2, 3, 50, 1000} {
		for _, mu := range []float64{1e-6, 0.01, 0.3, 0.5, 0.9} {
			if got := CapMeasure(CapThreshold(mu, n), n); math.Abs(got-mu) > 1e-9*math.Max(1, 1/mu)*mu+1e-11 {
				t.Errorf("n=%d μ=%v: the cap has measure %v", n, mu, got)
			}
		}
	}
}

// chordToCap is the distance from x (on the unit sphere) to the cap
// {x₁ ≥ t}, computed without angles: 0 inside it; otherwise the nearest
// point of the cap is on its edge, in the plane of e₁ and x, at
// t·e₁ + √(1−t²)·x_⊥/‖x_⊥‖.
func chordToCap(x []float64, t float64) float64 {
	if x[0] >= t {
		return 0
	}
	perp := 0.0
	for _, v := range x[1:] {
		perp += v * v
	}
	perp = math.Sqrt(perp)
	edge := math.Sqrt(1 - t*t)
	d0 := x[0] - t
	d1 := perp - edge
	return math.Sqrt(d0*d0 + d1*d1)
}

// TestCapMeanDistanceAgainstSampling: the integral equals the mean
// chord from uniformly drawn points to the cap, in 3 and in 200
// dimensions, within 4 standard errors.
func TestCapMeanDistanceAgainstSampling(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const draws = 100000
	for _, c := range []struct {
		n  int
		mu float64
	}{{3, 0.2}, {200, 0.05}, {200, 0.001}} {
		th := CapThreshold(c.mu, c.n)
		x := make([]float64, c.n)
		sum, sum2 := 0.0, 0.0
		for range draws {
			data.OnSphere(x, 1, r)
			d := chordToCap(x, th)
			sum += d
			sum2 += d * d
		}
		mean := sum / draws
		se := math.Sqrt((sum2/draws - mean*mean) / draws)
		if got := CapMeanDistance(c.mu, c.n); math.Abs(got-mean) > 4*se {
			t.Errorf("n=%d μ=%v: integral %v, sampled %v ± %v", c.n, c.mu, got, mean, se)
		}
	}
}

// TestCapMeanDistanceOnTheCircle: in two dimensions the integral has
// the closed form (4/π)(1 − cos((π−β)/2)), β = arccos t = πμ.
func TestCapMeanDistanceOnTheCircle(t *testing.T) {
	for _, mu := range []float64{0.01, 0.25, 0.5, 0.8} {
		beta := math.Pi * mu
		want := 4 / math.Pi * (1 - math.Cos((math.Pi-beta)/2))
		if got := CapMeanDistance(mu, 2); math.Abs(got-want) > 1e-9 {
			t.Errorf("μ=%v: %v, want %v", mu, got, want)
		}
	}
}

// TestLargeN: the large-n form approaches the exact value as n grows,
// and the distance shrinks as 1/√n at a fixed μ.
func TestLargeN(t *testing.T) {
	prev := math.Inf(1)
	for _, n := range []int{10, 100, 1000} {
		exact, approx := CapMeanDistance(0.01, n), CapMeanDistanceLargeN(0.01, n)
		rel := math.Abs(exact-approx) / exact
		if rel >= prev {
			t.Errorf("n=%d: relative gap %v did not shrink from %v", n, rel, prev)
		}
		prev = rel
		if n == 1000 && rel > 0.02 {
			t.Errorf("n=1000: exact %v, large-n %v", exact, approx)
		}
	}
	if r := CapMeanDistance(0.01, 100) / CapMeanDistance(0.01, 400); math.Abs(r-2) > 0.05 {
		t.Errorf("quadrupling n divided the distance by %v, want about 2", r)
	}
}

// TestCallerBugsPanic: a sphere of fewer than 2 dimensions and a
// measure outside (0, 1) are caller bugs.
func TestCallerBugsPanic(t *testing.T) {
	for name, f := range map[string]func(){
		"n=1":   func() { CapMeasure(0, 1) },
		"μ=0":   func() { CapThreshold(0, 10) },
		"μ=1":   func() { CapMeanDistance(1, 10) },
		"μ=NaN": func() { CapMeanDistanceLargeN(math.NaN(), 10) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
