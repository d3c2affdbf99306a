package data_test

import (
	"math"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/data"
)

// TestCenterDigitKeepsMNIST: MNIST's own test digits are already
// normalized, so normalizing them again changes little.
func TestCenterDigitKeepsMNIST(t *testing.T) {
	set := assettest.TestSet(t)
	x, y := make([]float64, 784), make([]float64, 784)
	var worst float64
	for i := range 200 {
		set.Example(x, i)
		data.CenterDigit(y, x, 28, 28)
		var dot, nx, ny float64
		for k := range x {
			dot, nx, ny = dot+x[k]*y[k], nx+x[k]*x[k], ny+y[k]*y[k]
		}
		if c := 1 - dot/math.Sqrt(nx*ny); c > worst {
			worst = c
		}
	}
	if worst > 0.05 {
		t.Errorf("a renormalized MNIST digit has cosine distance %v from itself", worst)
	}
	t.Logf("largest cosine distance of a renormalized MNIST digit: %.3f", worst)
}
