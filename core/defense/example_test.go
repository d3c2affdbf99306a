package defense_test

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/defense"
	"noiseball/core/nn"
)

func Example() {
	// A 3-bit input quantizer in front of a CNN: the composed model's
	// gradient is zero, so gradient attacks see nothing to climb.
	net, _ := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(1, 1)))
	d := &defense.Defended{Inner: net, T: defense.BitDepth(3)}
	x := make([]float64, 784)
	for i := range x {
		x[i] = float64(i%28) / 28
	}
	d.Logits(x, 1)
	dl := make([]float64, 10)
	dl[0] = 1
	nonzero := 0
	for _, g := range d.InputGradient(dl) {
		if g != 0 {
			nonzero++
		}
	}
	fmt.Println("nonzero gradient entries:", nonzero)
	// Output: nonzero gradient entries: 0
}
