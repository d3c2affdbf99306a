package gemm

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// ref is the oracle: the plain triple loop over element accessors, summing
// over p in increasing order starting from the old value of C.
func ref(c []float64, m, k, n int, aAt, bAt func(i, p int) float64) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := c[i*n+j]
			for p := 0; p < k; p++ {
				s += aAt(i, p) * bAt(p, j)
			}
			c[i*n+j] = s
		}
	}
}

func randSlice(r *rand.Rand, n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = r.NormFloat64()
	}
	return s
}

// TestAgainstReference checks all three kernels bit-for-bit against the
// triple loop over shapes that exercise every block and tail path.
func TestAgainstReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	dims := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 25}
	for _, m := range dims {
		for _, k := range dims {
			for _, n := range dims {
				a := randSlice(r, m*k)
				b := randSlice(r, k*n)
				c0 := randSlice(r, m*n)
				cases := []struct {
					name string
					f    func(c, a, b []float64, m, k, n int)
					aAt  func(i, p int) float64
					bAt  func(p, j int) float64
				}{
					{"NN", NN, func(i, p int) float64 { return a[i*k+p] }, func(p, j int) float64 { return b[p*n+j] }},
					{"NT", NT, func(i, p int) float64 { return a[i*k+p] }, func(p, j int) float64 { return b[j*k+p] }},
					{"TN", TN, func(i, p int) float64 { return a[p*m+i] }, func(p, j int) float64 { return b[p*n+j] }},
				}
				for _, tc := range cases {
					got := append([]float64(nil), c0...)
					want := append([]float64(nil), c0...)
					tc.f(got, a, b, m, k, n)
					ref(want, m, k, n, tc.aAt, tc.bAt)
					for x := range got {
						if got[x] != want[x] {
							t.Fatalf("%s m=%d k=%d n=%d: C[%d] = %v, want %v", tc.name, m, k, n, x, got[x], want[x])
						}
					}
				}
			}
		}
	}
}

func TestPanicsOnShortSlices(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("NN with a short C did not panic")
		} else if s := fmt.Sprint(r); s[:6] != "gemm: " {
			t.Fatalf("panic %q lacks the gemm prefix", s)
		}
	}()
	NN(make([]float64, 3), make([]float64, 4), make([]float64, 4), 2, 2, 2)
}

// The benchmark shapes are those of the cnn's second convolution per
// example (16 filters × 200 taps × 196 positions) in the three roles it
// plays: forward, weight gradient and input gradient.
func benchKernel(b *testing.B, f func(c, a, bb []float64, m, k, n int), m, k, n int) {
	r := rand.New(rand.NewPCG(1, 2))
	a, bb, c := randSlice(r, m*k), randSlice(r, k*n), make([]float64, m*n)
	b.SetBytes(0)
	for b.Loop() {
		f(c, a, bb, m, k, n)
	}
	b.ReportMetric(float64(2*m*k*n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkNNConvForward(b *testing.B)    { benchKernel(b, NN, 16, 200, 196) }
func BenchmarkNTConvWeightGrad(b *testing.B) { benchKernel(b, NT, 16, 196, 200) }
func BenchmarkTNConvInputGrad(b *testing.B)  { benchKernel(b, TN, 200, 16, 196) }
func BenchmarkNTDense(b *testing.B)          { benchKernel(b, NT, 64, 784, 10) }

func ExampleNN() {
	// [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
	c := make([]float64, 4)
	NN(c, []float64{1, 2, 3, 4}, []float64{5, 6, 7, 8}, 2, 2, 2)
	fmt.Println(c)
	// Output: [19 22 43 50]
}
