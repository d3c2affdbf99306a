package noise

import (
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/stats"
	"noiseball/core/step"
)

// SigmaParams are the settings of the search for the noise level at
// which a point's error rate reaches a target (the paper's Fig. 2).
type SigmaParams struct {
	Target   float64 // the error rate sought, in (0, 1): Fig. 2 uses 1%
	MaxSigma float64 // the search's upper end, in pixel units
	Samples  int     // common noise directions z_i
	Iters    int     // halvings of [0, MaxSigma]
}

// SigmaAt returns the noise level σ at which the error rate in noise of x
// (true class y) reaches p.Target, by bisection on σ in [0, p.MaxSigma]
// with common random numbers: p.Samples noise directions z_i ~ N(0, I)
// are drawn once from r and μ(σ) is the fraction of x + σ·z_i
// misclassified, so that μ(σ) is a fixed function of σ and the bisection
// is not fooled by sampling noise. It returns 0 when x itself is
// misclassified and +Inf when μ(p.MaxSigma) < p.Target. It is a
// SigmaSearch run to the end.
func SigmaAt(m nn.Model, x []float64, y int, p SigmaParams, r *rand.Rand) float64 {
	s := NewSigmaSearch(m, x, y, p, r)
	step.Run(s)
	return s.Sigma()
}

// SigmaSearch is SigmaAt as a step.Stepper, with steps of p.Samples model
// evaluations each: the first Step checks x and draws the directions,
// each later one halves the interval.
type SigmaSearch struct {
	m      nn.Model
	x      []float64
	y      int
	p      SigmaParams
	lo, hi float64
	r      *rand.Rand
	z      []float64
	step   int
	sigma  float64
}

// NewSigmaSearch prepares SigmaAt(m, x, y, p, r) without evaluating
// anything.
func NewSigmaSearch(m nn.Model, x []float64, y int, p SigmaParams, r *rand.Rand) *SigmaSearch {
	if len(x) != m.InShape().Size() || p.Samples <= 0 || p.Iters < 0 || !(p.Target > 0 && p.Target < 1) || !(p.MaxSigma > 0) {
		panic(fmt.Sprintf("noise: SigmaAt target %v, max sigma %v, %d samples, %d iterations", p.Target, p.MaxSigma, p.Samples, p.Iters))
	}
	return &SigmaSearch{m: m, x: x, y: y, p: p, hi: p.MaxSigma, r: r, sigma: math.NaN()}
}

// Step does one piece of the search and reports whether it is finished.
func (s *SigmaSearch) Step() bool {
	switch {
	case !math.IsNaN(s.sigma):
	case s.z == nil:
		if ErrorRateAlong(s.m, s.x, s.y, 0, nil) > 0 {
			s.sigma = 0
			break
		}
		s.z = make([]float64, s.p.Samples*len(s.x))
		for i := range s.z {
			s.z[i] = s.r.NormFloat64()
		}
		if ErrorRateAlong(s.m, s.x, s.y, s.hi, s.z) < s.p.Target {
			s.sigma = math.Inf(1)
		} else if s.p.Iters == 0 {
			s.sigma = s.hi
		}
	default:
		mid := (s.lo + s.hi) / 2
		if ErrorRateAlong(s.m, s.x, s.y, mid, s.z) >= s.p.Target {
			s.hi = mid
		} else {
			s.lo = mid
		}
		if s.step++; s.step == s.p.Iters {
			s.sigma = s.hi
		}
	}
	return !math.IsNaN(s.sigma)
}

// Progress returns the steps taken and the most the search can take.
func (s *SigmaSearch) Progress() (done, total int) {
	if !math.IsNaN(s.sigma) {
		return 1 + s.step, 1 + s.step
	}
	if s.z == nil {
		return 0, 1 + s.p.Iters
	}
	return 1 + s.step, 1 + s.p.Iters
}

// Sigma returns the σ found (NaN before the search is finished).
func (s *SigmaSearch) Sigma() float64 { return s.sigma }

// ErrorRateAlong returns the fraction of the points x + σ·z_i that the
// model does not assign to class y, for the fixed noise directions z
// (len(z)/len(x) of them; with z nil, x alone).
func ErrorRateAlong(m nn.Model, x []float64, y int, sigma float64, z []float64) float64 {
	d := len(x)
	if z == nil {
		z = make([]float64, d)
		sigma = 0
	}
	n := len(z) / d
	buf := make([]float64, batchSize*d)
	pred := make([]int, batchSize)
	errs := 0
	for done := 0; done < n; done += batchSize {
		b := min(batchSize, n-done)
		for i := range b {
			zi := z[(done+i)*d : (done+i+1)*d]
			for j, v := range x {
				buf[i*d+j] = v + float64(sigma*zi[j])
			}
		}
		nn.Argmax(pred[:b], m.Logits(buf[:b*d], b), m.Classes())
		for _, p := range pred[:b] {
			if p != y {
				errs++
			}
		}
	}
	return float64(errs) / float64(n)
}

// CurvePoint is the accuracy of a model on a set under noise of one σ.
type CurvePoint struct {
	Sigma    float64
	Correct  int
	Total    int
	Accuracy float64
	CI       stats.Interval // Clopper-Pearson 95%
}

// AccuracyCurve returns the accuracy of m on set under N(0, σ²I) noise for
// each σ in sigmas: every example gets copies fresh noisy copies per σ,
// drawn from r in a fixed order (σ, then example, then copy).
func AccuracyCurve(m nn.Model, set *data.Set, sigmas []float64, copies int, r *rand.Rand) []CurvePoint {
	d, k := set.Dim(), m.Classes()
	if d != m.InShape().Size() || copies <= 0 || set.N == 0 {
		panic(fmt.Sprintf("noise: AccuracyCurve of a set of %d×%d with %d copies", set.N, d, copies))
	}
	x := make([]float64, d)
	buf := make([]float64, batchSize*d)
	labels := make([]int, batchSize)
	pred := make([]int, batchSize)
	out := make([]CurvePoint, len(sigmas))
	for s, sigma := range sigmas {
		correct, fill := 0, 0
		flush := func() {
			nn.Argmax(pred[:fill], m.Logits(buf[:fill*d], fill), k)
			for i := range fill {
				if pred[i] == labels[i] {
					correct++
				}
			}
			fill = 0
		}
		for i := range set.N {
			y := set.Example(x, i)
			for range copies {
				Noisy(buf[fill*d:(fill+1)*d], x, sigma, r)
				labels[fill] = y
				if fill++; fill == batchSize {
					flush()
				}
			}
		}
		if fill > 0 {
			flush()
		}
		total := set.N * copies
		out[s] = CurvePoint{Sigma: sigma, Correct: correct, Total: total,
			Accuracy: float64(correct) / float64(total), CI: stats.ClopperPearson(correct, total, 0.95)}
	}
	return out
}
