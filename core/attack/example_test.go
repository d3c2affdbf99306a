package attack_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/nn"
)

func ExamplePGD() {
	// A random CNN and a gray image; L∞ PGD keeps every pixel within 0.1.
	net, _ := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(1, 1)))
	x := make([]float64, 784)
	for i := range x {
		x[i] = 0.5
	}
	adv := make([]float64, 784)
	p := attack.PGD{Norm: attack.LInf, Eps: 0.1, Steps: 10, Step: 0.025, Clip: true}
	p.Perturb(net, adv, x, []int{3}, nil)
	worst := 0.0
	for i := range x {
		worst = math.Max(worst, math.Abs(adv[i]-x[i]))
	}
	fmt.Printf("max |adv - x| = %.2f\n", worst)
	// Output: max |adv - x| = 0.10
}
