package noise_test

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/nn"
	"noiseball/core/noise"
)

func ExampleErrorRate() {
	// A linear rule "class 1 when x₀ > 0.5" in 784 dimensions, and a point
	// at the origin: Eq. 1 says μ = Φ(-0.5/0.25) ≈ 2.3% at σ = 0.25.
	in := nn.Vector(784)
	net, _ := nn.New(in, nn.LinearArch(in, 2), nil)
	net.Param("fc.weight").W[784] = 1
	net.Param("fc.bias").W[1] = -0.5
	rate := noise.ErrorRate(net, make([]float64, 784), 0, 0.25, 10000, rand.New(rand.NewPCG(1, 1)))
	ci := rate.CI(0.95)
	fmt.Printf("μ ≈ %.3f, CI contains 0.023: %v\n", rate.Mu(), ci.Contains(0.0228))
	// Output: μ ≈ 0.022, CI contains 0.023: true
}
