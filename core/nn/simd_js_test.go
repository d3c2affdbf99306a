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

// TestPoolKernelMatchesGo compares 2×2 max-pooling's SIMD kernels with
// their Go twins bit for bit on planes of ties, ±0 and NaNs, with even
// and odd heights and widths (the kernel's pairs and its lone last
// window) and gradients holding -0 and NaNs.
func TestPoolKernelMatchesGo(t *testing.T) {
	if !useKernel {
		t.Fatal("the SIMD kernel is not loaded: run the tests with tools/wasmexec/run.js (make test-wasm), which offers site/simd.wasm")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for _, s := range [][3]int{{1, 2, 2}, {3, 5, 7}, {2, 4, 6}, {2, 28, 28}, {4, 14, 14}, {2, 7, 3}, {1, 3, 2}} {
		planes, h, w := s[0], s[1], s[2]
		x := tiedPixels(r, planes*h*w)
		n := planes * (h / 2) * (w / 2)
		got, want := make([]float64, n), make([]float64, n)
		pool2Kernel(got, x, planes, h, w)
		pool2Go(want, x, planes, h, w)
		sameBits(t, "maxpool", n, got, want)
		dy := tiedPixels(r, n)
		for i := range dy {
			if r.IntN(2) == 0 {
				dy[i] = r.NormFloat64()
			}
		}
		gx, wx := make([]float64, planes*h*w), make([]float64, planes*h*w)
		for i := range gx {
			gx[i], wx[i] = 5, 5 // positions outside every window stay
		}
		pool2GradKernel(gx, dy, x, planes, h, w)
		pool2GradGo(wx, dy, x, planes, h, w)
		sameBits(t, "maxpool gradient", n, gx, wx)
	}
}
