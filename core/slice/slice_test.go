package slice

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/nn"
	"noiseball/core/step"
)

func TestPlane(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 50
	x, a, b := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], a[i], b[i] = r.Float64(), r.NormFloat64(), r.NormFloat64()
	}
	p, err := NewPlane(x, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(norm(p.U)-1) > 1e-12 || math.Abs(norm(p.V)-1) > 1e-12 || math.Abs(dot(p.U, p.V)) > 1e-12 {
		t.Fatalf("not orthonormal: |U| %v |V| %v U·V %v", norm(p.U), norm(p.V), dot(p.U, p.V))
	}
	q := make([]float64, n)
	p.Point(q, 0.3, -1.7)
	if s, tt := p.Project(q); math.Abs(s-0.3) > 1e-12 || math.Abs(tt+1.7) > 1e-12 {
		t.Fatalf("Project(Point(0.3, -1.7)) = %v, %v", s, tt)
	}
	if _, err := NewPlane(x, make([]float64, n), b); err == nil {
		t.Error("a zero direction was accepted")
	}
	c := append([]float64(nil), a...)
	scale(c, -2)
	if _, err := NewPlane(x, a, c); err == nil {
		t.Error("parallel directions were accepted")
	}
	if d := RandomDirection(r, 100); math.Abs(norm(d)-1) > 1e-12 {
		t.Error("RandomDirection is not a unit vector")
	}
	if got := NoiseRadius(0.3, 784); math.Abs(got-8.4) > 1e-12 {
		t.Errorf("NoiseRadius(0.3, 784) = %v, want 8.4", got)
	}
}

// halfSpace: class 1 where x₀ > d, in n dimensions.
func halfSpace(t *testing.T, n int, d float64) *nn.Network {
	net, err := nn.New(nn.Vector(n), nn.LinearArch(nn.Vector(n), 2), nil)
	if err != nil {
		t.Fatal(err)
	}
	net.Param("fc.weight").W[n] = 1
	net.Param("fc.bias").W[1] = -d
	return net
}

// TestGridExactOnHalfSpace: in the plane spanned by the boundary normal
// and another axis, every cell's class and margin are known exactly.
func TestGridExactOnHalfSpace(t *testing.T) {
	const n, d = 6, 0.4
	net := halfSpace(t, n, d)
	x := make([]float64, n)
	e0, e1 := make([]float64, n), make([]float64, n)
	e0[0], e1[1] = 1, 1
	p, _ := NewPlane(x, e0, e1)
	g := NewGrid(net, p, 32, 1, 64)
	steps := 0
	for !g.Step() {
		steps++
	}
	if done, total := g.Progress(); steps != 32*32/64-1 || done != 32*32 || total != 32*32 || !g.Done() {
		t.Fatalf("%d steps of 64 cells evaluated %d of %d cells", steps+1, done, total)
	}
	for i := range 32 {
		for j := range 32 {
			s, _ := g.Coords(i, j)
			want := 0
			if s > d {
				want = 1
			}
			if g.Class(i, j) != want || math.Abs(g.Margin(i, j)-math.Abs(s-d)) > 1e-12 {
				t.Fatalf("cell (%d,%d) at s=%v: class %d margin %v", i, j, s, g.Class(i, j), g.Margin(i, j))
			}
		}
	}
	if i, j, ok := g.Cell(0.99, 0.99); !ok || i != 0 || j != 31 {
		t.Errorf("Cell(0.99, 0.99) = %d, %d, %v", i, j, ok)
	}
	if _, _, ok := g.Cell(1.5, 0); ok {
		t.Error("Cell outside the grid reported inside")
	}
}

// TestGridCoarseToFine: every cell is evaluated once, coarser levels
// first, and an unfinished grid shows each cell as its coarse ancestor.
func TestGridCoarseToFine(t *testing.T) {
	g := NewGrid(halfSpace(t, 1, 0.3), Plane{Origin: []float64{0}, U: []float64{1}, V: []float64{0}}, 16, 1, 8)
	seen := map[int]bool{}
	last := g.N
	for _, c := range g.order {
		if seen[c] {
			t.Fatalf("cell %d twice", c)
		}
		seen[c] = true
		if g.stride[c] > last {
			t.Fatalf("stride went up from %d to %d", last, g.stride[c])
		}
		last = g.stride[c]
	}
	if len(seen) != 256 {
		t.Fatalf("%d cells ordered, want 256", len(seen))
	}
	net := halfSpace(t, 2, 0.3)
	x := []float64{0, 0}
	p, _ := NewPlane(x, []float64{1, 0}, []float64{0, 1})
	g = NewGrid(net, p, 16, 1, 8)
	g.Step()
	g.Step() // 16 cells, strides 16, 8 and 4: a 4×4 picture
	for i := range 16 {
		for j := range 16 {
			if got, want := g.Class(i, j), g.Class(i-i%4, j-j%4); got != want || got < 0 {
				t.Fatalf("partial cell (%d,%d) = %d, its ancestor %d", i, j, got, want)
			}
		}
	}
}

func TestRenderAndPalette(t *testing.T) {
	for i := range Palette {
		for j := range i {
			a, b := Palette[i], Palette[j]
			dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
			// A guard against typos and duplicates; the scheme itself is
			// designed for color-vision deficiencies.
			if math.Sqrt(dr*dr+dg*dg+db*db) < 50 {
				t.Errorf("classes %d and %d have close colors", i, j)
			}
		}
	}
	net := halfSpace(t, 2, 0.2)
	p, _ := NewPlane([]float64{0, 0}, []float64{1, 0}, []float64{0, 1})
	g := NewGrid(net, p, 16, 1, 256)
	g.Step()
	img := Render(g, 3, 1)
	if b := img.Bounds(); b.Dx() != 48 || b.Dy() != 48 {
		t.Fatalf("image %v, want 48×48", b)
	}
	black := 0
	for y := range 48 {
		for x := range 48 {
			if c := img.RGBAAt(x, y); c.R == 0 && c.G == 0 && c.B == 0 {
				black++
			}
		}
	}
	if black < 16*3 {
		t.Errorf("%d boundary pixels, want a vertical line of at least 48", black)
	}
	if c := ClassColor(0, 0, 1); c == Palette[0] {
		t.Error("a zero margin should fade the color")
	}
	if c := ClassColor(0, 5, 1); c != Palette[0] {
		t.Errorf("a large margin should give the full color, got %v", c)
	}
}

func TestDrawCircleAndMark(t *testing.T) {
	p, _ := NewPlane([]float64{0, 0}, []float64{1, 0}, []float64{0, 1})
	g := NewGrid(halfSpace(t, 2, 0.3), p, 16, 2, 64)
	img := Render(g, 4, 1) // 64×64, all white: nothing evaluated
	red := Palette[0]
	DrawCircle(img, g, 4, 1, red)
	DrawMark(img, g, 4, 0, 0, red)
	// The circle of radius 1 (half the extent) passes 16 pixels right of
	// the center; the mark covers the center.
	if img.RGBAAt(48, 32) != red || img.RGBAAt(32, 32) != red {
		t.Errorf("circle at (48,32): %v, mark at (32,32): %v", img.RGBAAt(48, 32), img.RGBAAt(32, 32))
	}
	if img.RGBAAt(40, 32) == red {
		t.Error("the circle's inside is painted")
	}
}

// TestLinearAffineMatchesTheNetwork: the plane's affine logits give the
// network's class and margin at every grid cell.
func TestLinearAffineMatchesTheNetwork(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	in := nn.Vector(40)
	net, _ := nn.New(in, nn.LinearArch(in, 10), r)
	for _, p := range net.Params() {
		for i := range p.W {
			p.W[i] += 0.1 * r.NormFloat64()
		}
	}
	x := make([]float64, 40)
	for i := range x {
		x[i] = r.Float64()
	}
	p, _ := NewPlane(x, RandomDirection(r, 40), RandomDirection(r, 40))
	f, err := LinearAffine(net, p)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGrid(net, p, 32, 3, 128)
	step.Run(g)
	for i := range 32 {
		for j := range 32 {
			s, tt := g.Coords(i, j)
			c, m := f.Class(s, tt)
			if c != g.Class(i, j) || math.Abs(m-g.Margin(i, j)) > 1e-9 {
				t.Fatalf("cell (%d,%d): affine %d/%v, network %d/%v", i, j, c, m, g.Class(i, j), g.Margin(i, j))
			}
		}
	}
	cnn, _ := nn.New(nn.MNIST, nn.CNNArch(), r)
	if _, err := LinearAffine(cnn, Plane{Origin: make([]float64, 784), U: make([]float64, 784), V: make([]float64, 784)}); err == nil {
		t.Error("LinearAffine accepted a CNN")
	}
}

// TestGradientDirection: for the half-space model the loss of class 0
// rises fastest along +x₀, the boundary normal.
func TestGradientDirection(t *testing.T) {
	net := halfSpace(t, 5, 0.5)
	g := GradientDirection(net, make([]float64, 5), 0)
	if math.Abs(g[0]-1) > 1e-12 || math.Abs(norm(g)-1) > 1e-12 {
		t.Fatalf("gradient direction %v, want e0", g)
	}
}

// TestPartialGridHasNoHoles: after any number of steps, every cell shows
// some evaluated cell's class, also in the middle of a level.
func TestPartialGridHasNoHoles(t *testing.T) {
	net := halfSpace(t, 2, 0.3)
	p, _ := NewPlane([]float64{0, 0}, []float64{1, 0}, []float64{0, 1})
	g := NewGrid(net, p, 16, 1, 3)
	for !g.Done() {
		g.Step()
		for i := range 16 {
			for j := range 16 {
				if g.Class(i, j) < 0 {
					t.Fatalf("after %.0f%%: cell (%d, %d) unfilled", 100*step.Fraction(g), i, j)
				}
			}
		}
	}
}
