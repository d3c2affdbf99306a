package slice

import (
	"fmt"

	"noiseball/core/nn"
)

// Grid samples a model on an N×N grid of a Plane covering
// [-Extent, Extent]² in plane coordinates: cell (i, j) (row i, column j)
// is the point s = -Extent + (j + 1/2)·h, t = Extent - (i + 1/2)·h with
// h = 2·Extent/N, so row 0 is the top of the picture.
//
// Cells are evaluated coarse to fine: Step evaluates the next cells in an
// order that first visits every cell whose indices are multiples of N/2,
// then of N/4, and so on, so a partly filled grid already shows the whole
// slice at a lower resolution (see Class and Margin).
type Grid struct {
	N      int
	Extent float64
	Plane  Plane
	Model  nn.Model
	Batch  int // cells one Step evaluates, in one batch of the model

	class  []int     // predicted class per evaluated cell, -1 before
	margin []float64 // top logit minus runner-up per evaluated cell
	order  []int     // evaluation order of cell indices
	next   int       // cells evaluated so far
	stride []int     // per cell, the stride of its level
}

// NewGrid returns an unevaluated n×n grid of model m on p over
// [-extent, extent]², evaluated batch cells per Step. n must be a power of
// two.
func NewGrid(m nn.Model, p Plane, n int, extent float64, batch int) *Grid {
	if n <= 0 || n&(n-1) != 0 || !(extent > 0) || batch <= 0 {
		panic(fmt.Sprintf("slice: grid of %d cells (want a power of two) over extent %v in batches of %d", n, extent, batch))
	}
	if d := len(p.Origin); d != m.InShape().Size() {
		panic(fmt.Sprintf("slice: grid over %d values for a model of %v", d, m.InShape()))
	}
	g := &Grid{N: n, Extent: extent, Plane: p, Model: m, Batch: batch, class: make([]int, n*n), margin: make([]float64, n*n), stride: make([]int, n*n)}
	for i := range g.class {
		g.class[i] = -1
	}
	for st := n; st >= 1; st /= 2 {
		for i := 0; i < n; i += st {
			for j := 0; j < n; j += st {
				c := i*n + j
				if g.stride[c] == 0 {
					g.stride[c] = st
					g.order = append(g.order, c)
				}
			}
		}
	}
	return g
}

// Coords returns the plane coordinates of the center of cell (i, j).
func (g *Grid) Coords(i, j int) (s, t float64) {
	h := 2 * g.Extent / float64(g.N)
	return -g.Extent + float64((float64(j)+0.5)*h), g.Extent - float64((float64(i)+0.5)*h)
}

// Cell returns the cell containing plane coordinates (s, t) and whether
// they lie inside the grid.
func (g *Grid) Cell(s, t float64) (i, j int, ok bool) {
	h := 2 * g.Extent / float64(g.N)
	jf, iff := (s+g.Extent)/h, (g.Extent-t)/h
	if jf < 0 || iff < 0 || jf >= float64(g.N) || iff >= float64(g.N) {
		return 0, 0, false
	}
	return int(iff), int(jf), true
}

// Done reports whether every cell has been evaluated.
func (g *Grid) Done() bool { return g.next == len(g.order) }

// Progress returns the cells evaluated and the grid's N².
func (g *Grid) Progress() (done, total int) { return g.next, len(g.order) }

// Step evaluates the next Batch cells (fewer at the end) in one batch and
// reports whether every cell is evaluated.
func (g *Grid) Step() bool {
	if g.Done() {
		return true
	}
	d, k := len(g.Plane.Origin), g.Model.Classes()
	b := min(g.Batch, len(g.order)-g.next)
	buf := make([]float64, b*d)
	for q := range b {
		c := g.order[g.next+q]
		s, t := g.Coords(c/g.N, c%g.N)
		g.Plane.Point(buf[q*d:(q+1)*d], s, t)
	}
	z := g.Model.Logits(buf, b)
	for q := range b {
		c := g.order[g.next+q]
		row := z[q*k : (q+1)*k]
		top, second := 0, -1
		for j, v := range row {
			if v > row[top] {
				second, top = top, j
			} else if j != top && (second < 0 || v > row[second]) {
				second = j
			}
		}
		g.class[c] = top
		if second >= 0 {
			g.margin[c] = row[top] - row[second]
		}
	}
	g.next += b
	return g.Done()
}

// source returns the evaluated cell that stands for cell c at the current
// progress: c itself if evaluated, else its nearest evaluated ancestor
// (indices rounded down to the finest stride at which one is evaluated).
func (g *Grid) source(c int) int {
	if g.class[c] >= 0 || g.next == 0 {
		return c
	}
	// The level in progress may not have reached c's ancestor at its own
	// stride yet; coarser levels are complete, and (0, 0) comes first.
	i, j := c/g.N, c%g.N
	for st := g.stride[g.order[g.next-1]]; st <= g.N; st *= 2 {
		if a := (i-i%st)*g.N + (j - j%st); g.class[a] >= 0 {
			return a
		}
	}
	return c
}

// Class returns the predicted class of cell (i, j), filled from the
// nearest coarser evaluated cell while the grid is incomplete (-1 before
// any evaluation).
func (g *Grid) Class(i, j int) int { return g.class[g.source(i*g.N+j)] }

// Margin returns the logit margin (top minus runner-up) of cell (i, j),
// filled like Class.
func (g *Grid) Margin(i, j int) float64 { return g.margin[g.source(i*g.N+j)] }
