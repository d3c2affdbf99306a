package noise

import (
	"math/rand/v2"
	"testing"

	"noiseball/core/nn"
)

// BenchmarkErrorRateCNN measures Monte Carlo μ estimation on the cnn:
// noisy samples classified per second.
func BenchmarkErrorRateCNN(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	net, _ := nn.New(nn.MNIST, nn.CNNArch(), r)
	x := make([]float64, 784)
	for i := range x {
		x[i] = r.Float64()
	}
	const n = 500
	for b.Loop() {
		ErrorRate(net, x, 0, 0.3, n, r)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "samples/s")
}
