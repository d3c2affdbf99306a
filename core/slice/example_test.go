package slice_test

import (
	"fmt"

	"noiseball/core/nn"
	"noiseball/core/slice"
)

func Example() {
	// Softmax regression with class 1 where x₀ > 0.5, sliced through the
	// origin along x₀ and x₁ on an 8×8 grid over [-1, 1]².
	in := nn.Vector(2)
	net, _ := nn.New(in, nn.LinearArch(in, 2), nil)
	net.Param("fc.weight").W[2] = 1
	net.Param("fc.bias").W[1] = -0.5
	p, _ := slice.NewPlane([]float64{0, 0}, []float64{1, 0}, []float64{0, 1})
	g := slice.NewGrid(net, p, 8, 1, 16) // 16 cells a step
	for !g.Step() {
		// Coarse to fine: a partly evaluated grid already shows the
		// whole slice at a lower resolution.
	}
	for j := range 8 {
		fmt.Print(g.Class(0, j))
	}
	fmt.Println()
	// Output: 00000011
}
