package noise

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/nn"
	"noiseball/core/stats"
)

// batchSize is how many noisy copies go through the model at once.
const batchSize = 100

// Noisy writes x + σ·z into dst for z ~ N(0, I) drawn from r.
func Noisy(dst, x []float64, sigma float64, r *rand.Rand) {
	if len(dst) != len(x) {
		panic("noise: Noisy needs dst and x of equal length")
	}
	for i, v := range x {
		dst[i] = v + float64(sigma*r.NormFloat64())
	}
}

// Rate is a Monte Carlo estimate of an error rate in noise: Errors of
// Samples noisy copies were misclassified.
type Rate struct {
	Errors, Samples int
	Sigma           float64
}

// Mu returns the point estimate Errors/Samples.
func (r Rate) Mu() float64 { return float64(r.Errors) / float64(r.Samples) }

// CI returns the Clopper-Pearson interval for μ at the given level.
func (r Rate) CI(level float64) stats.Interval {
	return stats.ClopperPearson(r.Errors, r.Samples, level)
}

// ErrorRate estimates μ(x, σ) for the true class y from n noisy copies of
// x drawn from r, evaluated in batches.
func ErrorRate(m nn.Model, x []float64, y int, sigma float64, n int, r *rand.Rand) Rate {
	d := len(x)
	if d != m.InShape().Size() || n <= 0 || sigma < 0 {
		panic(fmt.Sprintf("noise: ErrorRate of %d samples at sigma %v on %d values", n, sigma, d))
	}
	errs := 0
	noisyPredictions(m, x, sigma, n, r, func(p int) {
		if p != y {
			errs++
		}
	})
	return Rate{Errors: errs, Samples: n, Sigma: sigma}
}

// ErrorRateAdaptive estimates μ(x, σ) in batches of noisy copies until
// its 95% Clopper-Pearson interval is narrower than tol in relative terms
// (Hi - Lo ≤ tol·μ̂, for μ̂ > 0) or maxSamples copies are spent. Small
// error rates need many samples for a tight relative interval; the budget
// keeps the cost bounded, and the returned Rate says what was achieved.
func ErrorRateAdaptive(m nn.Model, x []float64, y int, sigma, tol float64, maxSamples int, r *rand.Rand) Rate {
	if !(tol > 0) || maxSamples <= 0 {
		panic(fmt.Sprintf("noise: ErrorRateAdaptive tolerance %v, budget %d", tol, maxSamples))
	}
	total := Rate{Sigma: sigma}
	for total.Samples < maxSamples {
		n := min(batchSize*max(1, total.Samples/batchSize), maxSamples-total.Samples) // doubling
		part := ErrorRate(m, x, y, sigma, n, r)
		total.Errors += part.Errors
		total.Samples += part.Samples
		if total.Errors > 0 {
			ci := total.CI(0.95)
			if ci.Hi-ci.Lo <= tol*total.Mu() {
				break
			}
		}
	}
	return total
}

// noisyPredictions classifies n noisy copies x + σz, z ~ N(0, I) drawn
// from r in order, in batches, and calls visit with each prediction.
func noisyPredictions(m nn.Model, x []float64, sigma float64, n int, r *rand.Rand, visit func(pred int)) {
	d := len(x)
	buf := make([]float64, batchSize*d)
	pred := make([]int, batchSize)
	for done := 0; done < n; done += batchSize {
		b := min(batchSize, n-done)
		for i := range b {
			Noisy(buf[i*d:(i+1)*d], x, sigma, r)
		}
		nn.Argmax(pred[:b], m.Logits(buf[:b*d], b), m.Classes())
		for _, p := range pred[:b] {
			visit(p)
		}
	}
}
