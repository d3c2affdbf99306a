package stats_test

import (
	"fmt"

	"noiseball/core/stats"
)

func Example() {
	// A model misclassifies 12 of 1,000 noisy copies of an image at
	// σ = 0.3. A linear model with that error rate has its nearest error
	// at -σΦ⁻¹(μ), and no model's median noisy-point distance can exceed it.
	mu := 12.0 / 1000
	ci := stats.ClopperPearson(12, 1000, 0.95)
	fmt.Printf("mu = %.3f, 95%% CI [%.4f, %.4f]\n", mu, ci.Lo, ci.Hi)
	fmt.Printf("linear distance %.3f, median bound %.3f\n", stats.LinearDistance(mu, 0.3), stats.MedianBound(mu, 0.3))
	// Output:
	// mu = 0.012, 95% CI [0.0062, 0.0209]
	// linear distance 0.677, median bound 0.677
}
