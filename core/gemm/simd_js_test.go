//go:build js && wasm && simd128

package gemm

import (
	"math/rand/v2"
	"testing"
)

// TestKernelLoaded fails when a simd128 build runs without the SIMD
// kernel (a loader that did not offer it), which would otherwise pass
// every other test on the pure-Go path.
func TestKernelLoaded(t *testing.T) {
	if Kernel() != "simd128" {
		t.Fatal("the SIMD kernel is not loaded: run the tests with tools/wasmexec/run.js (make test-wasm), which offers site/simd.wasm")
	}
}

// TestKernelMatchesGo compares the SIMD kernel with the pure-Go kernels,
// bit for bit, on the cnn's shapes and on operands at odd offsets.
func TestKernelMatchesGo(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	shapes := [][3]int{{8, 25, 784}, {16, 200, 196}, {64, 784, 10}, {10, 64, 784}, {200, 16, 196}, {13, 37, 29}}
	for _, s := range shapes {
		m, k, n := s[0], s[1], s[2]
		// Offsets of one element move every operand off 16-byte alignment.
		a := randSlice(r, m*k+1)[1:]
		b := randSlice(r, k*n+1)[1:]
		c0 := randSlice(r, m*n+1)[1:]
		for _, f := range []struct {
			name       string
			simd, pure func(c, a, b []float64, m, k, n int)
			bLen       int
		}{
			{"NN", NN, nnGo, k * n},
			{"NT", NT, ntGo, n * k},
			{"TN", TN, tnGo, k * n},
		} {
			got := append([]float64(nil), c0...)
			want := append([]float64(nil), c0...)
			f.simd(got, a, b, m, k, n)
			f.pure(want, a, b, m, k, n)
			for x := range got {
				if got[x] != want[x] {
					t.Fatalf("%s %v: C[%d] = %v from the kernel, %v from Go", f.name, s, x, got[x], want[x])
				}
			}
		}
	}
}

// TestKernelLoweringMatchesGo compares the kernel's im2col and col2im
// with Go's (useKernel off for the twin), bit for bit.
func TestKernelLoweringMatchesGo(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, g := range convCases {
		if g.Stride != 1 {
			continue
		}
		x := randSlice(r, g.C*g.H*g.W)
		dcol := randSlice(r, g.Rows()*g.Cols())
		run := func(kernel bool) (col, dx []float64) {
			useKernel = kernel
			defer func() { useKernel = true }()
			col = randSlice(rand.New(rand.NewPCG(1, 1)), g.Rows()*g.Cols())
			g.Im2Col(col, x)
			dx = append([]float64(nil), x...)
			g.Col2Im(dx, dcol, g.Cols(), 1)
			return col, dx
		}
		col, dx := run(true)
		wantCol, wantDx := run(false)
		for i := range col {
			if col[i] != wantCol[i] {
				t.Fatalf("%+v: im2col[%d] = %v from the kernel, %v from Go", g, i, col[i], wantCol[i])
			}
		}
		for i := range dx {
			if dx[i] != wantDx[i] {
				t.Fatalf("%+v: col2im[%d] = %v from the kernel, %v from Go", g, i, dx[i], wantDx[i])
			}
		}
	}
}
