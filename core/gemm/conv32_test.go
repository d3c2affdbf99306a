package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// conv32Cases are convCases and, for every tile of the SIMD kernel's
// float32 forward pass (8, 4, 2 and 1 columns), outputs 1 to 19 pixels
// wide.
func conv32Cases() []Conv {
	cases := append([]Conv(nil), convCases...)
	for w := 1; w <= 19; w++ {
		cases = append(cases, NewConv(2, 3, w, 3, 1, 1))
	}
	return cases
}

// TestForward32Definition checks Forward32 (the SIMD kernel where one is
// loaded, stride 1 and filters in fours; the pure-Go twin elsewhere),
// bit for bit, against the definition summed in a plain loop:
// s = float32(y), then s += float32(w·float32(x)) over (ch, u, v) in
// order, stored widened; with operands off 16-byte alignment and scratch
// reused across calls.
func TestForward32Definition(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, g := range conv32Cases() {
		var s ConvScratch
		for _, out := range []int{1, 3, 4, 8, 12, 16} {
			rows, cols := g.Rows(), g.Cols()
			x := randSlice(r, g.C*g.H*g.W+1)[1:]
			w := make([]float32, out*rows+1)[1:]
			for i := range w {
				w[i] = float32(r.NormFloat64())
			}
			y := randSlice(r, out*cols+1)[1:]
			want := make([]float64, len(y))
			for o := range out {
				for i := range g.Ho {
					for j := range g.Wo {
						acc := float32(y[o*cols+i*g.Wo+j])
						for ch := range g.C {
							for u := range g.K {
								for v := range g.K {
									xv := float32(inputAt(g, x, ch, i*g.Stride-g.Pad+u, j*g.Stride-g.Pad+v))
									acc += float32(w[o*rows+(ch*g.K+u)*g.K+v] * xv)
								}
							}
						}
						want[o*cols+i*g.Wo+j] = float64(acc)
					}
				}
			}
			g.Forward32(y, w, x, out, &s)
			for k := range y {
				if y[k] != want[k] {
					t.Fatalf("%+v, %d filters: y[%d] = %v, want %v", g, out, k, y[k], want[k])
				}
			}
		}
	}
}

// TestForward32NearForward: summed in float32, the convolution stays
// within float32's rounding of the float64 one.
func TestForward32NearForward(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	g := NewConv(8, 14, 14, 5, 1, 2)
	const out = 16
	x := randSlice(r, g.C*g.H*g.W)
	w := randSlice(r, out*g.Rows())
	w32 := make([]float32, len(w))
	for i, v := range w {
		w32[i] = float32(v)
		w[i] = float64(w32[i])
	}
	y64 := make([]float64, out*g.Cols())
	y32 := make([]float64, out*g.Cols())
	var s ConvScratch
	g.Forward(y64, w, x, out, &s)
	g.Forward32(y32, w32, x, out, &s)
	worst := 0.0
	for i := range y64 {
		worst = math.Max(worst, math.Abs(y32[i]-y64[i]))
	}
	// 200 terms of size up to 1: a few float32 roundings of the running sum.
	if worst == 0 || worst > 1e-4 {
		t.Errorf("float32 sums differ from float64 ones by up to %v", worst)
	}
}

func ExampleConv_Forward32() {
	g := NewConv(1, 3, 3, 3, 1, 1) // one 3×3 image, 3×3 kernel, same size out
	x := []float64{0.9, 0.8, 0.7, 0.6, 0.1, 0.4, 0.3, 0.2, 0.5}
	w := []float32{0, 0, 0, 0, 1, 0, 0, 0, 0} // the identity filter
	y := make([]float64, 9)
	var s ConvScratch
	g.Forward32(y, w, x, 1, &s)
	fmt.Println(y[4]) // 0.1 rounded to float32, widened
	// Output: 0.10000000149011612
}
