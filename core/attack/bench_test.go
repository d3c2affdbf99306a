package attack

import (
	"math/rand/v2"
	"testing"

	"noiseball/core/nn"
)

// BenchmarkNearestCNN measures the default nearest-error search on the cnn
// (random weights, random images): images per second.
func BenchmarkNearestCNN(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	net, _ := nn.New(nn.MNIST, nn.CNNArch(), r)
	x := make([]float64, 784)
	for i := range x {
		x[i] = r.Float64()
	}
	y := 0
	for j, v := range net.Logits(x, 1) {
		if v > net.Logits(x, 1)[y] {
			y = j
		}
	}
	for b.Loop() {
		DefaultSearch.Nearest(net, x, y)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "images/s")
}
