//go:build js && wasm && simd128

package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestReLUKernelMatchesGo compares the rectifier's SIMD kernels with their
// Go twins bit for bit: random signs, the special values (±0, ±Inf, NaNs
// of either sign, subnormals), odd lengths and odd offsets, so that the
// pairs and the lone last element are both checked.
func TestReLUKernelMatchesGo(t *testing.T) {
	if !useKernel {
		t.Fatal("the SIMD kernel is not loaded: run the tests with tools/wasmexec/run.js (make test-wasm), which offers site/simd.wasm")
	}
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		math.Float64frombits(0xfff8000000000001), math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64}
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 16, 17, 6272} {
		for _, off := range []int{0, 1} {
			x := make([]float64, n+off)[off:]
			dy := make([]float64, n+off)[off:]
			for i := range x {
				x[i], dy[i] = r.NormFloat64(), r.NormFloat64()
				if r.IntN(4) == 0 {
					x[i] = special[r.IntN(len(special))]
				}
				if r.IntN(4) == 0 {
					dy[i] = special[r.IntN(len(special))]
				}
			}
			got, want := make([]float64, n), make([]float64, n)
			reluKernel(got, x)
			reluGo(want, x)
			sameBits(t, "relu", n, got, want)
			// The gradient sees the forward's output and, to reach its
			// special cases, the raw x as well.
			for _, y := range [][]float64{want, x} {
				got, want := make([]float64, n), make([]float64, n)
				reluGradKernel(got, dy, y)
				reluGradGo(want, dy, y)
				sameBits(t, "relu gradient", n, got, want)
			}
		}
	}
}

func sameBits(t *testing.T, what string, n int, got, want []float64) {
	t.Helper()
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s, n = %d: element %d is %v (%#x) on the kernel, %v (%#x) in Go", what, n, i,
				got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}
