package region

import (
	"math"
	"math/rand/v2"
	"testing"

	"noiseball/core/stats"
)

// shapes are one of each kind, placed off the origin.
func shapes() map[string]Set {
	r := rand.New(rand.NewPCG(5, 6))
	bits := make([]bool, 24*16)
	for i := range bits {
		bits[i] = r.Float64() < 0.08
	}
	return map[string]Set{
		"halfplane": HalfPlane{N: Dir(0.3), Offset: 1.2},
		"disk":      Disk{C: Point{1.5, -0.5}, R: 0.7},
		"wedge":     Wedge{Apex: Point{1, 0.5}, Axis: Dir(0.2), Half: 0.5},
		"widewedge": Wedge{Apex: Point{0.5, 0}, Axis: Dir(-2), Half: 2.4},
		"stripes":   Stripes{N: Dir(1), Offset: 0.4, Period: 1.1, Width: 0.3},
		"blobs":     Union{Disk{Point{2, 1}, 0.3}, Disk{Point{-1.5, 1.5}, 0.5}},
		"mask":      NewMask(-3, -2, 0.25, 24, 16, bits),
		"grown":     NewMask(-3, -2, 0.25, 24, 16, bits).Grown(0.3),
	}
}

// TestDistAgainstGrid checks every set's Dist against its slow
// reference: the distance to the nearest point of a fine grid that
// Contains accepts, which is within the grid spacing of the truth (two
// cell diagonals more for masks, whose distances run between centres).
func TestDistAgainstGrid(t *testing.T) {
	const h = 0.02
	var grid []Point
	for x := -4.0; x <= 4; x += h {
		for y := -3.0; y <= 3; y += h {
			grid = append(grid, Point{x, y})
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for name, s := range shapes() {
		var in []Point
		for _, p := range grid {
			if s.Contains(p) {
				in = append(in, p)
			}
		}
		tol := 1.5 * h
		if _, ok := s.(*Mask); ok {
			tol += 2 * 0.25 * math.Sqrt2
		}
		for range 200 {
			p := Point{-2.5 + 5*r.Float64(), -1.8 + 3.6*r.Float64()}
			want := math.Inf(1)
			for _, q := range in {
				want = math.Min(want, p.sub(q).norm())
			}
			got := s.Dist(p)
			if math.Abs(got-want) > tol {
				t.Errorf("%s: Dist(%v) = %.4f, grid says %.4f", name, p, got, want)
			}
			if (got == 0) != s.Contains(p) {
				t.Errorf("%s: Dist(%v) = %v but Contains = %v", name, p, got, s.Contains(p))
			}
		}
	}
}

// TestEDTAgainstBruteForce holds the Felzenszwalb-Huttenlocher transform
// to the quadratic search over all feature cells.
func TestEDTAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, wh := range [][2]int{{1, 1}, {1, 7}, {9, 1}, {13, 11}, {30, 20}} {
		w, h := wh[0], wh[1]
		for _, p := range []float64{0, 0.02, 0.3, 1} {
			f := make([]bool, w*h)
			for i := range f {
				f[i] = r.Float64() < p
			}
			got := edt(f, w, h)
			for i := range f {
				want := math.Inf(1)
				for j := range f {
					if f[j] {
						dx, dy := float64(i%w-j%w), float64(i/w-j/w)
						want = math.Min(want, dx*dx+dy*dy)
					}
				}
				if got[i] != want {
					t.Fatalf("%dx%d p %v cell %d: %v, want %v", w, h, p, i, got[i], want)
				}
			}
		}
	}
}

// TestMeterKnownAnswers: a half-plane at distance d has μ = Φ(-d/σ),
// median distance d (the median of max(0, d - σZ)) and expansion masses on
// the bound; a disk of radius R around the origin has μ = 1 - exp(-R²/2σ²).
func TestMeterKnownAnswers(t *testing.T) {
	eps := []float64{0, 0.5, 1}
	const sigma, d = 0.8, 1.1
	m := NewMeter(HalfPlane{N: Dir(2), Offset: d}, sigma, 200000, 10, rand.New(rand.NewPCG(1, 1)))
	for !m.Draw(7777) {
	}
	res := m.Result(eps)
	mu := stats.Phi(-d / sigma)
	if mu < res.MuCI.Lo || mu > res.MuCI.Hi {
		t.Errorf("half-plane: mu %v outside %+v", mu, res.MuCI)
	}
	if d < res.MedianCI.Lo || d > res.MedianCI.Hi || math.Abs(res.Bound-d) > 0.02 {
		t.Errorf("half-plane: median %v in %+v, bound %v; want %v", res.Median, res.MedianCI, res.Bound, d)
	}
	for _, e := range res.Expansion {
		if want := stats.Phi((e.Eps - d) / sigma); math.Abs(e.Mass-want) > 0.005 {
			t.Errorf("half-plane: expansion mass %v at eps %v, want %v", e.Mass, e.Eps, want)
		}
	}
	if len(res.Points) != 10 || res.Clean != d {
		t.Errorf("half-plane: %d points kept, clean distance %v", len(res.Points), res.Clean)
	}
	m = NewMeter(Disk{R: 0.5}, sigma, 100000, 0, rand.New(rand.NewPCG(2, 2)))
	m.Draw(1 << 30)
	res = m.Result(nil)
	if mu := 1 - math.Exp(-0.25/(2*sigma*sigma)); mu < res.MuCI.Lo || mu > res.MuCI.Hi {
		t.Errorf("disk: mu %v outside %+v", mu, res.MuCI)
	}
}

// TestIsoperimetry: sets of the same mass as a half-plane sit below the
// median bound and above the expansion bound, beyond Monte Carlo error.
func TestIsoperimetry(t *testing.T) {
	const sigma, target = 1.0, 0.05
	families := map[string]Family{
		"disk":    func(s float64) Set { return Disk{C: Point{2, 0}, R: s} },
		"wedge":   func(s float64) Set { return Wedge{Apex: Point{1.5, 0}, Axis: Dir(0), Half: s} },
		"stripes": func(s float64) Set { return Stripes{N: Dir(0), Period: 1.5, Width: s} },
	}
	hi := map[string]float64{"disk": 3, "wedge": math.Pi, "stripes": 1.5}
	for name, f := range families {
		size := Match(f, 0, hi[name], target, sigma, 20000, rand.New(rand.NewPCG(3, 3)))
		m := NewMeter(f(size), sigma, 100000, 0, rand.New(rand.NewPCG(4, 4)))
		m.Draw(1 << 30)
		res := m.Result([]float64{0.25, 0.5})
		if math.Abs(res.Mu-target) > 0.005 {
			t.Errorf("%s: matched mass %v, want %v", name, res.Mu, target)
		}
		if res.MedianCI.Lo > res.Bound {
			t.Errorf("%s: median %v (%+v) above the bound %v", name, res.Median, res.MedianCI, res.Bound)
		}
		for _, e := range res.Expansion {
			if e.Mass < e.Bound-0.005 {
				t.Errorf("%s: expansion mass %v at eps %v below the bound %v", name, e.Mass, e.Eps, e.Bound)
			}
		}
	}
}

// TestMatchHalfPlane: the offset of mass 1% is 2.326σ (Eq. 1), up to the
// Monte Carlo error of 40,000 draws.
func TestMatchHalfPlane(t *testing.T) {
	f := func(s float64) Set { return HalfPlane{N: Dir(0), Offset: s} }
	got := Match(f, -5, 5, 0.01, 0.5, 40000, rand.New(rand.NewPCG(1, 2)))
	if want := -0.5 * stats.PhiInv(0.01); math.Abs(got-want) > 0.04 {
		t.Errorf("Match = %v, want %v", got, want)
	}
	if got := Match(f, 0.25, 5, 0.9, 0.5, 100, rand.New(rand.NewPCG(1, 2))); got != 0.25 {
		t.Errorf("unreachable mass: %v, want the nearer end 0.25", got)
	}
}

// TestGaussianMassOfAHalfPlane: a mask of the half-plane x ≥ a (cells
// aligned with its edge, the grid reaching 9σ beyond the centre) has
// the mass Φ((c.X − a)/σ) for a point c, whatever c.Y, as the linear
// model's μ = Φ(−d/σ); a disk's mask matches the chi-square law of the
// distance from its centre to within its cells' staircase.
func TestGaussianMassOfAHalfPlane(t *testing.T) {
	const cell, w, h = 0.05, 400, 400 // [-10, 10)²
	bits := make([]bool, w*h)
	for j := range h {
		for i := range w {
			bits[j*w+i] = -10+float64(i)*cell >= 0.5 // x ≥ 0.5
		}
	}
	m := NewMask(-10, -10, cell, w, h, bits)
	for _, c := range []struct {
		p     Point
		sigma float64
	}{{Point{0, 0}, 1}, {Point{-0.7, 0.3}, 0.4}, {Point{0.5, -1}, 0.2}, {Point{-0.5, 0}, 0.1}} {
		want := stats.Phi((c.p.X - 0.5) / c.sigma)
		if got := m.GaussianMass(c.p, c.sigma); math.Abs(got-want) > 1e-12+1e-9*want {
			t.Errorf("point %v, σ %v: mass %v, want Φ(−d/σ) = %v", c.p, c.sigma, got, want)
		}
	}
	// A disk of radius 1 about the origin: P[‖δ‖ ≤ 1] = 1 − exp(−1/(2σ²)).
	for j := range h {
		for i := range w {
			x, y := -10+(float64(i)+0.5)*cell, -10+(float64(j)+0.5)*cell
			bits[j*w+i] = x*x+y*y <= 1
		}
	}
	disk := NewMask(-10, -10, cell, w, h, bits)
	want := 1 - math.Exp(-1/(2*0.5*0.5))
	if got := disk.GaussianMass(Point{}, 0.5); math.Abs(got-want) > 0.01 {
		t.Errorf("disk: mass %v, want %v", got, want)
	}
}
