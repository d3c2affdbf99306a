package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// convCases are geometries that exercise padding wider and narrower than
// the kernel, strides 1 to 3 and kernels larger than a padded side.
var convCases = []Conv{
	NewConv(1, 28, 28, 5, 1, 2), // the cnn's conv1
	NewConv(8, 14, 14, 5, 1, 2), // and conv2
	NewConv(2, 5, 7, 3, 1, 0),
	NewConv(3, 6, 5, 3, 2, 1),
	NewConv(1, 4, 4, 5, 1, 3),
	NewConv(2, 9, 8, 4, 3, 2),
	NewConv(1, 3, 3, 1, 1, 0),
}

// inputAt is the definition im2col lowers: x[ch, yy, xx], 0 outside.
func inputAt(g Conv, x []float64, ch, yy, xx int) float64 {
	if yy < 0 || yy >= g.H || xx < 0 || xx >= g.W {
		return 0
	}
	return x[(ch*g.H+yy)*g.W+xx]
}

// TestIm2ColDefinition checks every element of the column matrix against
// col[(ch·K+u)·K+v, i·Wo+j] = x[ch, i·S−P+u, j·S−P+v].
func TestIm2ColDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, g := range convCases {
		x := randSlice(r, g.C*g.H*g.W)
		col := randSlice(r, g.Rows()*g.Cols()) // stale values must be overwritten
		g.Im2Col(col, x)
		for ch := range g.C {
			for u := range g.K {
				for v := range g.K {
					row := (ch*g.K+u)*g.K + v
					for i := range g.Ho {
						for j := range g.Wo {
							want := inputAt(g, x, ch, i*g.Stride-g.Pad+u, j*g.Stride-g.Pad+v)
							if got := col[row*g.Cols()+i*g.Wo+j]; got != want {
								t.Fatalf("%+v: col[%d, %d] = %v, want %v", g, row, i*g.Wo+j, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestCol2ImDefinition checks Col2Im in both layouts against the plain
// loop that adds each column element into the pixel it came from, rows
// in increasing order.
func TestCol2ImDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, g := range convCases {
		n, R, P := g.C*g.H*g.W, g.Rows(), g.Cols()
		dcol := randSlice(r, R*P)
		dx0 := randSlice(r, n)
		want := append([]float64(nil), dx0...)
		for ch := range g.C {
			for u := range g.K {
				for v := range g.K {
					row := (ch*g.K+u)*g.K + v
					for i := range g.Ho {
						for j := range g.Wo {
							yy, xx := i*g.Stride-g.Pad+u, j*g.Stride-g.Pad+v
							if yy >= 0 && yy < g.H && xx >= 0 && xx < g.W {
								want[(ch*g.H+yy)*g.W+xx] += dcol[row*P+i*g.Wo+j]
							}
						}
					}
				}
			}
		}
		dcolT := make([]float64, R*P)
		for row := range R {
			for p := range P {
				dcolT[p*R+row] = dcol[row*P+p]
			}
		}
		for _, layout := range []struct {
			name   string
			d      []float64
			rs, ps int
		}{{"rows", dcol, P, 1}, {"transposed", dcolT, 1, R}} {
			got := append([]float64(nil), dx0...)
			g.Col2Im(got, layout.d, layout.rs, layout.ps)
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%+v, %s layout: dx[%d] = %v, want %v", g, layout.name, i, got[i], want[i])
				}
			}
		}
	}
}

func TestNewConvPanicsWithoutOutput(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || fmt.Sprint(r)[:6] != "gemm: " {
			t.Fatalf("NewConv with a kernel larger than the padded input: recover() = %v", r)
		}
	}()
	NewConv(1, 2, 2, 5, 1, 1)
}

func ExampleConv_Im2Col() {
	// A 3×3 image, 2×2 kernels, stride 1, no padding: four rows (the
	// kernel taps), four columns (the output pixels).
	g := NewConv(1, 3, 3, 2, 1, 0)
	col := make([]float64, g.Rows()*g.Cols())
	g.Im2Col(col, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9})
	for r := range g.Rows() {
		fmt.Println(col[r*g.Cols() : (r+1)*g.Cols()])
	}
	// Output:
	// [1 2 4 5]
	// [2 3 5 6]
	// [4 5 7 8]
	// [5 6 8 9]
}

// stride1Cases add output widths of every residue mod 4 to convCases, so
// that the kernel's 4-, 2- and 1-column paths all run.
var stride1Cases = []Conv{
	NewConv(3, 7, 9, 3, 1, 1), // Wo = 9
	NewConv(2, 6, 6, 3, 1, 1), // Wo = 6
	NewConv(2, 5, 7, 3, 1, 0), // Wo = 5
	NewConv(1, 4, 3, 2, 1, 0), // Wo = 2
}

// checkAgainstIm2Col runs one of Conv's in-place products, do, against
// its definition on Im2Col's matrix, def, bit for bit: on every geometry
// with 1 to 16 filters (the kernel's 4-row and 1-row paths), twice on one
// scratch (its border stays zero, stale inputs are overwritten). acc is
// the length of the accumulated output, other that of the second operand.
func checkAgainstIm2Col(t *testing.T, name string, seed uint64, acc, other func(g Conv, out int) int,
	do func(g Conv, c, b, x []float64, out int, s *ConvScratch), def func(g Conv, c, b, col []float64, out int)) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, seed+1))
	for _, g := range append(stride1Cases, convCases...) {
		for _, out := range []int{1, 3, 4, 6, 16} {
			var s ConvScratch
			for range 2 {
				x := randSlice(r, g.C*g.H*g.W)
				b := randSlice(r, other(g, out))
				c0 := randSlice(r, acc(g, out))
				got := append([]float64(nil), c0...)
				do(g, got, b, x, out, &s)
				col := make([]float64, g.Rows()*g.Cols())
				g.Im2Col(col, x)
				want := append([]float64(nil), c0...)
				def(g, want, b, col, out)
				for i := range want {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s of %+v, %d filters: element %d is %v, on im2col's matrix %v", name, g, out, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// outputs and filters are the lengths of a convolution's output (out×Cols)
// and of its filters (out×Rows).
func outputs(g Conv, out int) int { return out * g.Cols() }
func filters(g Conv, out int) int { return out * g.Rows() }

// TestConvForwardMatchesIm2Col checks Conv.Forward against NN on
// Im2Col's matrix, bit for bit: on the SIMD kernel (which reads the
// padded input in place) in the simd128 build, on the pure-Go kernels
// elsewhere.
func TestConvForwardMatchesIm2Col(t *testing.T) {
	checkAgainstIm2Col(t, "Forward", 9, outputs, filters,
		func(g Conv, y, w, x []float64, out int, s *ConvScratch) { g.Forward(y, w, x, out, s) },
		func(g Conv, y, w, col []float64, out int) { nnGo(y, w, col, out, g.Rows(), g.Cols()) })
}

// TestConvWeightGradMatchesIm2Col checks Conv.WeightGrad against NT on
// Im2Col's matrix, bit for bit (on the SIMD kernel in the simd128 build).
func TestConvWeightGradMatchesIm2Col(t *testing.T) {
	checkAgainstIm2Col(t, "WeightGrad", 11, filters, outputs,
		func(g Conv, dw, dy, x []float64, out int, s *ConvScratch) { g.WeightGrad(dw, dy, x, out, s) },
		func(g Conv, dw, dy, col []float64, out int) { ntGo(dw, dy, col, out, g.Cols(), g.Rows()) })
}
