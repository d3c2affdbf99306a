package noise

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/stats"
)

// ShellPoint is one draw of Gaussian noise δ ~ N(0, I_n) seen in the
// plane of the paper's Fig. 1: U = δ·e, its component along a unit
// vector e (the normal of a linear model's boundary), and R = ‖δ - U·e‖,
// the norm of its other n-1 components. U ~ N(0, 1) and R ~ χ(n-1) are
// independent. Noise of scale σ is the point (σU, σR): its norm
// concentrates at σ√n, while the boundary at distance d is crossed with
// probability P[σU ≥ d] = Φ(-d/σ), the paper's Eq. 1.
type ShellPoint struct{ U, R float64 }

// Shell fills dst with independent draws of ShellPoint in n ≥ 1
// dimensions at unit scale. Drawing R from χ(n-1) directly (stats.Chi) is
// exact in distribution and costs the same for n = 10⁶ as for n = 2.
func Shell(dst []ShellPoint, n int, r *rand.Rand) {
	if n < 1 {
		panic(fmt.Sprintf("noise: noise shell in %d dimensions", n))
	}
	for i := range dst {
		dst[i] = ShellPoint{U: r.NormFloat64(), R: stats.Chi(r, n-1)}
	}
}
