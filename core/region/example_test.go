package region_test

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/region"
)

// A disk of Gaussian mass about 5% sits closer to noisy points than the
// half-plane of the same mass: its median distance stays under the
// isoperimetric bound -σΦ⁻¹(μ).
func Example() {
	disk := region.Disk{C: region.Point{X: 2, Y: 0}, R: 0.9}
	m := region.NewMeter(disk, 1, 50000, 0, rand.New(rand.NewPCG(1, 2)))
	for !m.Draw(10000) {
	}
	res := m.Result(nil)
	fmt.Printf("mu %.3f, median distance %.2f, bound %.2f\n", res.Mu, res.Median, res.Bound)
	// Output: mu 0.065, median distance 1.35, bound 1.51
}
