package playground_test

import (
	"fmt"

	"noiseball/core/playground"
	"noiseball/core/region"
	"noiseball/core/step"
)

// Train a small network on the two moons and read it at a point.
func Example() {
	run, err := playground.New(playground.Config{Data: "moons", Hidden: []int{16, 16}, Recipe: playground.Recipe("clean", 30, 0, 0, 1)})
	if err != nil {
		panic(err)
	}
	step.Run(run)
	rd := run.Read(run.Regions(128), region.Point{X: 0, Y: 1}, 0.3, 2000, 1)
	fmt.Printf("class %d, μ %.3f, median distance %.3f ≤ bound %.3f\n", rd.Class, rd.Mu, rd.Median, rd.Bound)
	// Output: class 0, μ 0.067, median distance 0.404 ≤ bound 0.449
}
