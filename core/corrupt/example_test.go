package corrupt_test

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/corrupt"
)

func Example() {
	// Corrupt a blank digit with every member of the "fog+contrast" group
	// at severity 3 and report the mean brightness.
	src := make([]float64, corrupt.Side*corrupt.Side)
	r := rand.New(rand.NewPCG(1, 1))
	for _, c := range corrupt.Suite() {
		if c.Group != "fog+contrast" {
			continue
		}
		dst := make([]float64, len(src))
		c.Apply(dst, src, 3, r)
		sum := 0.0
		for _, v := range dst {
			sum += v
		}
		fmt.Printf("%s %.2f\n", c.Name, sum/float64(len(dst)))
	}
	// Output:
	// contrast 0.00
	// brightness 0.30
	// fog 0.00
}
