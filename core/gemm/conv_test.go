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

// TestConvForwardMatchesIm2Col checks Conv.Forward against its
// definition, NN on Im2Col's matrix, bit for bit: on the SIMD kernel
// (which reads the padded input in place) in the simd128 build, on the
// pure-Go kernels elsewhere. Filter counts that are not multiples of 4
// and output widths of every residue mod 4 reach the kernel's 4-row,
// 1-row, 4-, 2- and 1-column paths; a second call on the same scratch
// checks that the border stays zero and stale inputs are overwritten.
func TestConvForwardMatchesIm2Col(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	cases := append([]Conv{
		NewConv(3, 7, 9, 3, 1, 1), // Wo = 9
		NewConv(2, 6, 6, 3, 1, 1), // Wo = 6
		NewConv(2, 5, 7, 3, 1, 0), // Wo = 5
		NewConv(1, 4, 3, 2, 1, 0), // Wo = 2
	}, convCases...)
	for _, g := range cases {
		for _, out := range []int{1, 3, 4, 6, 16} {
			var s ConvScratch
			for range 2 {
				x := randSlice(r, g.C*g.H*g.W)
				w := randSlice(r, out*g.Rows())
				y0 := randSlice(r, out*g.Cols())
				got := append([]float64(nil), y0...)
				g.Forward(got, w, x, out, &s)
				col := make([]float64, g.Rows()*g.Cols())
				g.Im2Col(col, x)
				want := append([]float64(nil), y0...)
				nnGo(want, w, col, out, g.Rows(), g.Cols())
				for i := range want {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%+v, %d filters: y[%d] = %v, NN on im2col gives %v", g, out, i, got[i], want[i])
					}
				}
			}
		}
	}
}
