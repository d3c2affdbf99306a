package meter_test

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/compare"
	"noiseball/core/compare/meter"
	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/step"
)

func Example() {
	// Measure an untrained linear model on random digits with small
	// settings, a chunk at a time as a browser worker does.
	r := rand.New(rand.NewPCG(1, 2))
	test := &data.Set{Name: "random", N: 40, Shape: [3]int{1, 28, 28}, Classes: 10, Bytes: make([]byte, 40*784), Labels: make([]int, 40)}
	for i := range test.Bytes {
		test.Bytes[i] = byte(r.IntN(256))
	}
	net, _ := nn.New(nn.MNIST, nn.LinearArch(nn.MNIST, 10), rand.New(rand.NewPCG(3, 4)))
	s := compare.Settings{Seed: 1, CleanImages: 40, NoiseImages: 40, NoiseSigmas: []float64{0.3}, CorruptImages: 2,
		PGDImages: 4, PGDSteps: 2, L2Eps: []float64{1}, NearestImages: 3}
	m := meter.NewMeter("untrained", net, test, s)
	step.Run(m)
	res := m.Result()
	fmt.Println(res.Clean.N, "clean digits,", res.Noise["0.3"].N, "noisy ones,", len(res.Corruption), "corruptions")
	fmt.Println("nearest errors:", res.Nearest.Method, res.Nearest.Found, "found")
	// Output:
	// 40 clean digits, 40 noisy ones, 19 corruptions
	// nearest errors: exact 3 found
}
