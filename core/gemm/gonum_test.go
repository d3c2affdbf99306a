package gemm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestAgainstGonum checks the kernels against a second, independent
// oracle: gonum's matrix product (its own summation order, so agreement
// is to rounding, not bits).
func TestAgainstGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, d := range [][3]int{{16, 200, 196}, {8, 25, 784}, {7, 13, 5}, {64, 784, 10}} {
		m, k, n := d[0], d[1], d[2]
		a := randSlice(r, m*k)
		b := randSlice(r, k*n)
		var want mat.Dense
		want.Mul(mat.NewDense(m, k, a), mat.NewDense(k, n, b))
		// NN directly; NT and TN on transposed copies of the same operands.
		at := make([]float64, k*m)
		bt := make([]float64, n*k)
		for i := range m {
			for p := range k {
				at[p*m+i] = a[i*k+p]
			}
		}
		for p := range k {
			for j := range n {
				bt[j*k+p] = b[p*n+j]
			}
		}
		for name, got := range map[string][]float64{
			"NN": run(NN, a, b, m, k, n),
			"NT": run(NT, a, bt, m, k, n),
			"TN": run(TN, at, b, m, k, n),
		} {
			for i := range m {
				for j := range n {
					w := want.At(i, j)
					if math.Abs(got[i*n+j]-w) > 1e-12*float64(k) {
						t.Fatalf("%s %v: C[%d,%d] = %v, gonum %v", name, d, i, j, got[i*n+j], w)
					}
				}
			}
		}
	}
}

func run(f func(c, a, b []float64, m, k, n int), a, b []float64, m, k, n int) []float64 {
	c := make([]float64, m*n)
	f(c, a, b, m, k, n)
	return c
}
