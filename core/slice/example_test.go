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
	g := slice.NewGrid(p, 8, 1)
	for !g.Done() {
		g.Step(net, 16, 16) // coarse to fine, 16 cells at a time
	}
	for j := range 8 {
		fmt.Print(g.Class(0, j))
	}
	fmt.Println()
	// Output: 00000011
}
