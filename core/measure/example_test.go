package measure_test

import (
	"fmt"

	"noiseball/core/measure"
	"noiseball/core/nn"
)

// A linear two-class model on 50 inputs whose boundary is 0.6 from the
// origin: its noisy points sit on the isoperimetric bound, and its
// clean distance is 2.326 times the σ at which it errs 1% of the time.
func Example() {
	net, _ := nn.New(nn.Vector(50), nn.LinearArch(nn.Vector(50), 2), nil)
	net.Param("fc.weight").W[50] = 1
	net.Param("fc.bias").W[1] = -0.6
	s := measure.Settings{Sigma: 0.4, RateSamples: 2000, Starts: 21, Fig2Samples: 2000, Seed: 1}
	p := measure.Run(net, "half-space", 0, make([]float64, 50), 0, s)
	fmt.Printf("median/bound %.1f, d = %.1f, d/σ₁%% = %.1f\n", p.Ratio(), p.Distance, p.Distance/p.Sigma1)
	// Output: median/bound 1.0, d = 0.6, d/σ₁% = 2.3
}
