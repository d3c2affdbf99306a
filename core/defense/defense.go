// Package defense wraps a model in the input transformations that the
// paper's Fig. 7 shows to be gradient masking: bit-depth reduction, JPEG
// compression and median filtering. They make gradient attacks fail
// without moving the decision boundary away from noisy inputs, so they do
// not improve accuracy in noise.
//
// A Defended model computes f(T(x)). Its InputGradient is the true
// gradient of that composition, which is zero almost everywhere for the
// quantizing transforms (bit depth, JPEG): that is the masking. With BPDA
// set (Athalye, Carlini and Wagner 2018) the transform is treated as the
// identity on the backward pass, which defeats it.
package defense

import (
	"fmt"
	"math"
	"slices"

	"noiseball/core/corrupt"
	"noiseball/core/nn"
)

// Transform is an input transformation of 28×28 images in [0,1].
type Transform struct {
	Name string
	// apply writes T(src) into dst and, for transforms that select
	// pixels, writes into route the input index each output copies (-1
	// for padding); quantizers leave route alone (their gradient is zero
	// almost everywhere).
	apply  func(dst, src []float64, route []int)
	routes bool // whether apply fills route
}

// BitDepth quantizes every pixel to the given number of bits (1 to 8):
// round(x·(2^bits - 1))/(2^bits - 1).
func BitDepth(bits int) Transform {
	if bits < 1 || bits > 8 {
		panic(fmt.Sprintf("defense: bit depth %d outside 1 to 8", bits))
	}
	levels := float64(int(1)<<bits - 1)
	return Transform{Name: fmt.Sprintf("bitdepth%d", bits), apply: func(dst, src []float64, _ []int) {
		for i, v := range src {
			dst[i] = math.Round(min(max(v, 0), 1)*levels) / levels
		}
	}}
}

// JPEG round-trips every image through JPEG at the given quality.
func JPEG(quality int) Transform {
	return Transform{Name: fmt.Sprintf("jpeg%d", quality), apply: func(dst, src []float64, _ []int) {
		corrupt.JPEG(dst, src, quality)
	}}
}

// Median replaces every pixel by the median of its k×k neighbourhood (k
// odd; zero padded). Its gradient routes each output's gradient to the
// input pixel that was the median (ties: the first in row-major order).
func Median(k int) Transform {
	if k < 1 || k%2 == 0 {
		panic(fmt.Sprintf("defense: median window %d must be odd", k))
	}
	return Transform{Name: fmt.Sprintf("median%d", k), routes: true,
		apply: func(dst, x []float64, route []int) {
			const side = corrupt.Side
			h := k / 2
			type cand struct {
				v float64
				i int
			}
			win := make([]cand, 0, k*k)
			for y := range side {
				for xx := range side {
					win = win[:0]
					for u := -h; u <= h; u++ {
						for v := -h; v <= h; v++ {
							yy, xv := y+u, xx+v
							if yy < 0 || yy >= side || xv < 0 || xv >= side {
								win = append(win, cand{0, -1})
							} else {
								win = append(win, cand{x[yy*side+xv], yy*side + xv})
							}
						}
					}
					slices.SortStableFunc(win, func(a, b cand) int {
						switch {
						case a.v < b.v:
							return -1
						case a.v > b.v:
							return 1
						}
						return 0
					})
					m := win[len(win)/2]
					dst[y*side+xx], route[y*side+xx] = m.v, m.i
				}
			}
		},
	}
}

// Defended is a model behind an input transformation; it implements
// nn.Model for 28×28 inputs. It is not safe for concurrent use.
type Defended struct {
	Inner nn.Model
	T     Transform
	BPDA  bool // pass gradients straight through the transform

	tx, dx []float64
	route  []int // per example and output pixel, the input index it copies
}

// InShape returns the inner model's input shape.
func (d *Defended) InShape() nn.Shape { return d.Inner.InShape() }

// Classes returns the inner model's class count.
func (d *Defended) Classes() int { return d.Inner.Classes() }

// Logits returns the inner model's logits of the transformed batch.
func (d *Defended) Logits(x []float64, batch int) []float64 {
	n := corrupt.Side * corrupt.Side
	if len(x) != batch*n || d.Inner.InShape().Size() != n {
		panic(fmt.Sprintf("defense: %d values for %d examples of 28×28", len(x), batch))
	}
	if cap(d.tx) < len(x) {
		d.tx = make([]float64, len(x))
	}
	d.tx = d.tx[:len(x)]
	if d.T.routes {
		d.route = slices.Grow(d.route[:0], len(x))[:len(x)]
	}
	for b := range batch {
		var route []int
		if d.T.routes {
			route = d.route[b*n : (b+1)*n]
		}
		d.T.apply(d.tx[b*n:(b+1)*n], x[b*n:(b+1)*n], route)
	}
	return d.Inner.Logits(d.tx, batch)
}

// InputGradient returns dL/dx of L(f(T(x))) for the last Logits call: the
// inner gradient routed back through T (zero for quantizers), or passed
// straight through with BPDA.
func (d *Defended) InputGradient(dlogits []float64) []float64 {
	g := d.Inner.InputGradient(dlogits)
	if cap(d.dx) < len(g) {
		d.dx = make([]float64, len(g))
	}
	d.dx = d.dx[:len(g)]
	switch {
	case d.BPDA:
		copy(d.dx, g)
	case !d.T.routes:
		clear(d.dx)
	default:
		n := corrupt.Side * corrupt.Side
		clear(d.dx)
		for o, i := range d.route[:len(g)] {
			if i >= 0 {
				d.dx[o/n*n+i] += g[o]
			}
		}
	}
	return d.dx
}
