package scene

import (
	"math"
	"math/rand/v2"

	"noiseball/core/measure"
	"noiseball/core/stats"
)

// InNoise is μ(x, σ) measured from SliceNoise noisy copies, with its 95%
// Clopper-Pearson interval and the linear model's distance -σΦ⁻¹(μ)
// (Eq. 1). The slice and digit results embed it, so its fields are
// theirs in Go and in JSON.
type InNoise struct {
	Errors  int      `json:"noise_errors"`
	Samples int      `json:"noise_samples"`
	Mu      Float    `json:"mu"` // NaN until Samples reaches SliceNoise
	MuCI    [2]Float `json:"mu_ci95"`
	Bound   Float    `json:"bound"` // -σΦ⁻¹(μ), the linear model's distance (Eq. 1)
}

func newInNoise() InNoise { return InNoise{Mu: Float(math.NaN()), Bound: Float(math.NaN())} }

// add counts errors among samples more copies at σ and reports whether
// all SliceNoise are in; then Mu, MuCI and Bound are set.
func (n *InNoise) add(errors, samples int, sigma float64) bool {
	n.Errors += errors
	n.Samples += samples
	if n.Samples < SliceNoise {
		return false
	}
	mu := float64(n.Errors) / float64(n.Samples)
	ci := stats.ClopperPearson(n.Errors, n.Samples, 0.95)
	n.Mu, n.MuCI, n.Bound = Float(mu), [2]Float{Float(ci.Lo), Float(ci.Hi)}, Float(stats.MedianBound(mu, sigma))
	return true
}

// boundPhrase reads the linear model's distance -σΦ⁻¹(μ): with no
// noisy copy in error (μ = 0) there is none to state.
func (n *InNoise) boundPhrase() string {
	if n.Errors == 0 {
		return "no noisy copy erred, so the linear model's distance -σΦ⁻¹(μ) is unbounded"
	}
	return "the linear model's distance -σΦ⁻¹(μ) = " + Num(float64(n.Bound))
}

// NoiseStream returns the random stream of the SliceNoise copies behind
// μ(x, σ) (drawn as noise.ErrorRate draws them): for test digit image,
// PCG(seed, image); for a drawing (drawn), a stream of the seed alone.
// The slice explorer and the digit scene both take it, so the same
// drawing, σ and seed give the same μ in both.
func NoiseStream(seed uint64, image int, drawn bool) *rand.Rand {
	if drawn {
		return measure.Rand(seed, measure.KeyDigit, "noise", 0)
	}
	return rand.New(rand.NewPCG(seed, uint64(image)))
}
