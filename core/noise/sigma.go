package noise

import (
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/stats"
)

// SigmaAt returns the noise level σ at which the error rate in noise of x
// (true class y) reaches target (the paper's Fig. 2 uses 1%), by bisection
// on σ in [0, maxSigma] with common random numbers: n noise directions
// z_i ~ N(0, I) are drawn once from r and μ(σ) is the fraction of
// x + σ·z_i misclassified, so that μ(σ) is a fixed function of σ and the
// bisection is not fooled by sampling noise. It returns 0 when x itself is
// misclassified and +Inf when μ(maxSigma) < target.
func SigmaAt(m nn.Model, x []float64, y int, target, maxSigma float64, n, iters int, r *rand.Rand) float64 {
	d := len(x)
	if d != m.InShape().Size() || n <= 0 || !(target > 0 && target < 1) || !(maxSigma > 0) {
		panic(fmt.Sprintf("noise: SigmaAt target %v, max sigma %v, %d samples", target, maxSigma, n))
	}
	if ErrorRateAlong(m, x, y, 0, nil) > 0 {
		return 0
	}
	z := make([]float64, n*d)
	for i := range z {
		z[i] = r.NormFloat64()
	}
	if ErrorRateAlong(m, x, y, maxSigma, z) < target {
		return math.Inf(1)
	}
	lo, hi := 0.0, maxSigma
	for range iters {
		mid := (lo + hi) / 2
		if ErrorRateAlong(m, x, y, mid, z) >= target {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

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
				buf[i*d+j] = v + sigma*zi[j]
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
