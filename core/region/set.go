package region

import "math"

// Point is a point of the plane.
type Point struct{ X, Y float64 }

// Dir returns the unit vector at angle theta (radians, counterclockwise
// from the x axis).
func Dir(theta float64) Point { return Point{math.Cos(theta), math.Sin(theta)} }

func (p Point) dot(q Point) float64 { return float64(p.X*q.X) + float64(p.Y*q.Y) }
func (p Point) sub(q Point) Point   { return Point{p.X - q.X, p.Y - q.Y} }
func (p Point) norm() float64       { return math.Hypot(p.X, p.Y) }

// Set is an error set E in the plane.
type Set interface {
	// Contains reports whether p ∈ E.
	Contains(p Point) bool
	// Dist returns the Euclidean distance inf_{q∈E} ‖p - q‖, 0 inside E
	// (+Inf for an empty set).
	Dist(p Point) float64
}

// HalfPlane is E = {p : p·N ≥ Offset} for a unit normal N: the error set
// of a linear classifier, at distance Offset from the origin when
// Offset ≥ 0. Its Gaussian mass is Φ(-Offset/σ) (Eq. 1).
type HalfPlane struct {
	N      Point
	Offset float64
}

// Contains reports whether p·N ≥ Offset.
func (h HalfPlane) Contains(p Point) bool { return p.dot(h.N) >= h.Offset }

// Dist returns max(0, Offset - p·N).
func (h HalfPlane) Dist(p Point) float64 { return math.Max(0, h.Offset-p.dot(h.N)) }

// Disk is the closed disk of radius R around C.
type Disk struct {
	C Point
	R float64
}

// Contains reports whether ‖p - C‖ ≤ R.
func (d Disk) Contains(p Point) bool { return p.sub(d.C).norm() <= d.R }

// Dist returns max(0, ‖p - C‖ - R).
func (d Disk) Dist(p Point) float64 { return math.Max(0, p.sub(d.C).norm()-d.R) }

// Wedge is the closed angular sector with apex Apex, axis along the unit
// vector Axis and half-opening Half radians in [0, π]: the points whose
// direction from the apex is within Half of Axis.
type Wedge struct {
	Apex, Axis Point
	Half       float64
}

// Contains reports whether p's direction from the apex is within Half of
// the axis (the apex itself is in the wedge).
func (w Wedge) Contains(p Point) bool {
	v := p.sub(w.Apex)
	n := v.norm()
	return n == 0 || v.dot(w.Axis) >= n*math.Cos(w.Half)
}

// Dist returns 0 inside and otherwise the distance to the nearer of the
// two boundary rays, where the nearest point of the wedge must lie.
func (w Wedge) Dist(p Point) float64 {
	if w.Contains(p) {
		return 0
	}
	v := p.sub(w.Apex)
	d := math.Inf(1)
	for _, s := range []float64{-1, 1} {
		c, sn := math.Cos(s*w.Half), math.Sin(s*w.Half)
		ray := Point{float64(w.Axis.X*c) - float64(w.Axis.Y*sn), float64(w.Axis.X*sn) + float64(w.Axis.Y*c)}
		t := math.Max(0, v.dot(ray))
		d = math.Min(d, Point{v.X - float64(t*ray.X), v.Y - float64(t*ray.Y)}.norm())
	}
	return d
}

// Stripes is the union of parallel bands {p : (p·N - Offset) mod Period
// < Width} for a unit normal N and 0 ≤ Width ≤ Period.
type Stripes struct {
	N                     Point
	Offset, Period, Width float64
}

// Contains reports whether p lies in a band.
func (s Stripes) Contains(p Point) bool { return s.phase(p) < s.Width }

// Dist returns the distance across the gap to the nearer band.
func (s Stripes) Dist(p Point) float64 {
	m := s.phase(p)
	if m < s.Width {
		return 0
	}
	return math.Min(m-s.Width, s.Period-m)
}

func (s Stripes) phase(p Point) float64 {
	m := math.Mod(p.dot(s.N)-s.Offset, s.Period)
	if m < 0 {
		m += s.Period
	}
	return m
}

// Union is the union of its sets, such as scattered disks (blobs).
type Union []Set

// Contains reports whether any member contains p.
func (u Union) Contains(p Point) bool {
	for _, s := range u {
		if s.Contains(p) {
			return true
		}
	}
	return false
}

// Dist returns the smallest member distance.
func (u Union) Dist(p Point) float64 {
	d := math.Inf(1)
	for _, s := range u {
		d = math.Min(d, s.Dist(p))
	}
	return d
}
