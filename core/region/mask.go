package region

import (
	"fmt"
	"math"

	"noiseball/core/stats"
)

// Mask is a painted set on a W×H grid of square cells of side Cell whose
// lower-left corner is (X0, Y0); cell (i, j) covers
// [X0 + i·Cell, X0 + (i+1)·Cell) × [Y0 + j·Cell, Y0 + (j+1)·Cell) and is
// bit j·W + i. Points off the grid are outside the painted cells.
//
// The set is described by a signed distance per cell, measured between
// cell centres: for a painted cell minus the distance to the nearest
// unpainted centre, otherwise the distance to the nearest painted centre,
// each moved half a cell towards the boundary between them. Grown by g,
// the mask holds every cell whose signed distance is at most g: painting
// dilated by g > 0 or eroded by -g. Distances are exact between cell
// centres and within a cell diagonal elsewhere.
type Mask struct {
	X0, Y0, Cell float64
	W, H         int
	grow         float64
	sd           []float64
}

// NewMask returns the mask of the painted cells bits (len W·H, row
// major). It panics if the sizes disagree.
func NewMask(x0, y0, cell float64, w, h int, bits []bool) *Mask {
	if w <= 0 || h <= 0 || len(bits) != w*h || !(cell > 0) {
		panic(fmt.Sprintf("region: mask of %d cells for %d×%d with cell %v", len(bits), w, h, cell))
	}
	in := make([]bool, len(bits))
	for i, b := range bits {
		in[i] = !b
	}
	toSet, toOut := edt(bits, w, h), edt(in, w, h)
	sd := make([]float64, len(bits))
	for i, b := range bits {
		if b {
			sd[i] = -cell * (math.Sqrt(toOut[i]) - 0.5)
		} else {
			sd[i] = cell * (math.Sqrt(toSet[i]) - 0.5)
		}
	}
	return &Mask{X0: x0, Y0: y0, Cell: cell, W: w, H: h, sd: sd}
}

// Grown returns the mask dilated by g (g > 0) or eroded by -g, sharing
// the distances of m.
func (m *Mask) Grown(g float64) *Mask {
	c := *m
	c.grow = g
	return &c
}

// cell returns the index of the cell nearest to p and the distance from p
// to the grid (0 on it).
func (m *Mask) cell(p Point) (int, float64) {
	fx, fy := (p.X-m.X0)/m.Cell, (p.Y-m.Y0)/m.Cell
	cx := math.Min(math.Max(fx, 0), float64(m.W)-1e-9)
	cy := math.Min(math.Max(fy, 0), float64(m.H)-1e-9)
	off := math.Hypot(fx-cx, fy-cy) * m.Cell
	return int(cy)*m.W + int(cx), off
}

// Contains reports whether p lies on a cell of the grown mask.
func (m *Mask) Contains(p Point) bool {
	i, off := m.cell(p)
	return off == 0 && m.sd[i] <= m.grow
}

// Dist returns the distance from p to the grown mask, through the
// signed distance of p's cell (plus the way to the grid from outside it).
func (m *Mask) Dist(p Point) float64 {
	i, off := m.cell(p)
	if off == 0 && m.sd[i] <= m.grow {
		return 0
	}
	return off + math.Max(0, m.sd[i]-m.grow)
}

// edt returns, for every cell of a w×h grid, the squared Euclidean
// distance in cells to the nearest cell with feature set (+Inf if none),
// by Felzenszwalb and Huttenlocher's exact transform ("Distance
// Transforms of Sampled Functions", Theory of Computing 8, 2012): a 1-D
// lower envelope of parabolas along columns, then along rows.
func edt(feature []bool, w, h int) []float64 {
	const inf = 1e20
	d := make([]float64, w*h)
	for i, f := range feature {
		if !f {
			d[i] = inf
		}
	}
	n := max(w, h)
	f, out := make([]float64, n), make([]float64, n)
	v, z := make([]int, n), make([]float64, n+1)
	for x := range w {
		for y := range h {
			f[y] = d[y*w+x]
		}
		envelope(out[:h], f[:h], v, z)
		for y := range h {
			d[y*w+x] = out[y]
		}
	}
	for y := range h {
		row := d[y*w : (y+1)*w]
		copy(f, row)
		envelope(out[:w], f[:w], v, z)
		copy(row, out[:w])
	}
	for i, x := range d {
		if x >= inf/2 {
			d[i] = math.Inf(1)
		}
	}
	return d
}

// envelope writes dst[q] = min_p (q-p)² + f[p], using v and z (lengths
// len(f) and len(f)+1) as scratch.
func envelope(dst, f []float64, v []int, z []float64) {
	k := 0
	v[0] = 0
	z[0], z[1] = math.Inf(-1), math.Inf(1)
	for q := 1; q < len(f); q++ {
		s := meet(f, q, v[k])
		for s <= z[k] {
			k--
			s = meet(f, q, v[k])
		}
		k++
		v[k] = q
		z[k], z[k+1] = s, math.Inf(1)
	}
	k = 0
	for q := range f {
		for z[k+1] < float64(q) {
			k++
		}
		p := v[k]
		dst[q] = float64((q-p)*(q-p)) + f[p]
	}
}

// meet returns where the parabolas rooted at q and p (q > p) cross.
func meet(f []float64, q, p int) float64 {
	return ((f[q] + float64(q*q)) - (f[p] + float64(p*p))) / float64(2*q-2*p)
}

// GaussianMass returns the exact mass that the Gaussian N(c, σ²I) puts on
// the grown mask: the noise's two coordinates are independent, so a cell
// [x₀, x₁) × [y₀, y₁) has mass (Φ((x₁−c.X)/σ) − Φ((x₀−c.X)/σ)) ·
// (Φ((y₁−c.Y)/σ) − Φ((y₀−c.Y)/σ)), and the mask's mass is the sum over
// its cells. It is the error rate in noise μ of a point c whose errors
// are the mask, with no sampling error (the grid's own resolution
// aside). It panics unless σ > 0.
func (m *Mask) GaussianMass(c Point, sigma float64) float64 {
	if !(sigma > 0) {
		panic(fmt.Sprintf("region: Gaussian mass with sigma %v", sigma))
	}
	// strip returns the masses of n intervals of one coordinate; an
	// interval in the upper tail is taken as Φ(−a) − Φ(−b), which keeps
	// its digits there.
	strip := func(lo, c float64, n int) []float64 {
		p := make([]float64, n)
		for i := range p {
			a, b := (lo+float64(float64(i)*m.Cell)-c)/sigma, (lo+float64(float64(i+1)*m.Cell)-c)/sigma
			if a > 0 {
				p[i] = stats.Phi(-a) - stats.Phi(-b)
			} else {
				p[i] = stats.Phi(b) - stats.Phi(a)
			}
		}
		return p
	}
	px, py := strip(m.X0, c.X, m.W), strip(m.Y0, c.Y, m.H)
	mass := 0.0
	for j, wy := range py {
		row := 0.0
		for i, wx := range px {
			if m.sd[j*m.W+i] <= m.grow {
				row += wx
			}
		}
		mass += float64(row * wy)
	}
	return mass
}
