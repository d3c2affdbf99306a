package spheres_test

import (
	"fmt"

	"noiseball/core/spheres"
)

// A classifier that errs on 1% of the 500-dimensional unit sphere has,
// whatever its shape, its errors on average at most this close to the
// sphere's points: about Φ⁻¹(0.99)/√500.
func ExampleCapMeanDistance() {
	fmt.Printf("exact %.5f, large-n %.5f\n", spheres.CapMeanDistance(0.01, 500), spheres.CapMeanDistanceLargeN(0.01, 500))
	// Output: exact 0.10418, large-n 0.10419
}
