package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// chiSumMax is the largest number of degrees of freedom for which Chi
// sums squared normals; above it a Gamma draw is cheaper.
const chiSumMax = 32

// Chi draws from the chi distribution with k degrees of freedom: the
// norm ‖z‖ of z ~ N(0, I_k). It is what the norm of the noise σ·z
// looks like without drawing k normals: ‖σz‖ ~ σ·χ(k), concentrated at
// σ·√k for large k (the noise shell of the paper's Fig. 1). For k ≤ 32
// it sums k squared normals; above, it uses χ²(k) = 2·Gamma(k/2) with
// Marsaglia and Tsang's sampler ("A simple method for generating gamma
// variables", ACM TOMS 26(3), 2000), exact in distribution. Chi(0) is 0;
// a negative k panics.
func Chi(r *rand.Rand, k int) float64 {
	switch {
	case k < 0:
		panic(fmt.Sprintf("stats: chi with %d degrees of freedom", k))
	case k <= chiSumMax:
		s := 0.0
		for range k {
			z := r.NormFloat64()
			s += float64(z * z)
		}
		return math.Sqrt(s)
	}
	return math.Sqrt(2 * gammaLarge(r, float64(k)/2))
}

// gammaLarge draws Gamma(a, 1) for a ≥ 1 by Marsaglia and Tsang's
// squeeze: with d = a - 1/3 and c = 1/√(9d), accept d·v, v = (1 + c·z)³,
// when log U < z²/2 + d - d·v + d·log v.
func gammaLarge(r *rand.Rand, a float64) float64 {
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		z := r.NormFloat64()
		v := 1 + float64(c*z)
		if v <= 0 {
			continue
		}
		v = float64(v * v * v)
		u := r.Float64()
		if u < 1-float64(0.0331*z*z*z*z) {
			return d * v
		}
		if math.Log(u) < float64(z*z/2)+float64(d*(1-v+math.Log(v))) {
			return d * v
		}
	}
}
