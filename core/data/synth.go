package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Synthetic sets. Every generator draws from r only, returns n examples in
// a random class order, and panics on nonsensical arguments (caller bugs).

func newValues(name string, n, dim, classes int) *Set {
	if n < 0 || dim <= 0 {
		panic(fmt.Sprintf("data: %s with %d examples of dimension %d", name, n, dim))
	}
	return &Set{Name: name, N: n, Shape: [3]int{dim, 1, 1}, Classes: classes,
		Values: make([]float64, n*dim), Labels: make([]int, n)}
}

// TwoMoons returns scikit-learn's two interleaving half circles in the
// plane: class 0 on (cos t, sin t), class 1 on (1 - cos t, 1/2 - sin t),
// t uniform in [0, π], plus N(0, noise²) on each coordinate.
func TwoMoons(r *rand.Rand, n int, noise float64) *Set {
	s := newValues("moons", n, 2, 2)
	for i := range n {
		y := r.IntN(2)
		t := math.Pi * r.Float64()
		x0, x1 := math.Cos(t), math.Sin(t)
		if y == 1 {
			x0, x1 = 1-x0, 0.5-x1
		}
		s.Values[2*i] = x0 + float64(noise*r.NormFloat64())
		s.Values[2*i+1] = x1 + float64(noise*r.NormFloat64())
		s.Labels[i] = y
	}
	return s
}

// Circles returns two concentric circles in the plane, class 0 of radius
// 1 and class 1 of radius factor (0 < factor < 1), plus N(0, noise²) on
// each coordinate.
func Circles(r *rand.Rand, n int, noise, factor float64) *Set {
	if factor <= 0 || factor >= 1 {
		panic("data: Circles factor must be in (0, 1)")
	}
	s := newValues("circles", n, 2, 2)
	for i := range n {
		y := r.IntN(2)
		rad := 1.0
		if y == 1 {
			rad = factor
		}
		t := 2 * math.Pi * r.Float64()
		s.Values[2*i] = float64(rad*math.Cos(t)) + float64(noise*r.NormFloat64())
		s.Values[2*i+1] = float64(rad*math.Sin(t)) + float64(noise*r.NormFloat64())
		s.Labels[i] = y
	}
	return s
}

// Blobs returns isotropic Gaussian clusters in the plane, one class per
// center, each point N(center, std² I).
func Blobs(r *rand.Rand, n int, centers [][2]float64, std float64) *Set {
	if len(centers) < 2 {
		panic("data: Blobs needs at least two centers")
	}
	s := newValues("blobs", n, 2, len(centers))
	for i := range n {
		y := r.IntN(len(centers))
		s.Values[2*i] = centers[y][0] + float64(std*r.NormFloat64())
		s.Values[2*i+1] = centers[y][1] + float64(std*r.NormFloat64())
		s.Labels[i] = y
	}
	return s
}

// Spiral returns arms interleaved spirals in the plane (CS231n's toy):
// class k at radius ρ ∈ [0,1] and angle 4ρ + 2πk/arms, plus N(0, noise²)
// on the angle.
func Spiral(r *rand.Rand, n, arms int, noise float64) *Set {
	if arms < 2 {
		panic("data: Spiral needs at least two arms")
	}
	s := newValues("spiral", n, 2, arms)
	for i := range n {
		y := r.IntN(arms)
		rho := r.Float64()
		t := float64(4*rho) + 2*math.Pi*float64(y)/float64(arms) + float64(noise*r.NormFloat64())
		s.Values[2*i] = rho * math.Sin(t)
		s.Values[2*i+1] = rho * math.Cos(t)
		s.Labels[i] = y
	}
	return s
}

// Spheres returns the Adversarial Spheres data set (Gilmer et al. 2018)
// in dim dimensions: class 0 uniform on the sphere of radius 1, class 1
// uniform on the sphere of radius outer (the paper's is 1.3), each class
// drawn with probability 1/2.
func Spheres(r *rand.Rand, n, dim int, outer float64) *Set {
	if !(outer > 0) {
		panic("data: Spheres needs an outer radius > 0")
	}
	s := newValues("spheres", n, dim, 2)
	for i := range n {
		y := r.IntN(2)
		rad := 1.0
		if y == 1 {
			rad = outer
		}
		OnSphere(s.Values[i*dim:(i+1)*dim], rad, r)
		s.Labels[i] = y
	}
	return s
}

// OnSphere writes into dst a point drawn uniformly from the sphere of the
// given radius about the origin in len(dst) dimensions: a standard
// Gaussian vector, which is rotation invariant, scaled to that length.
func OnSphere(dst []float64, radius float64, r *rand.Rand) {
	for {
		norm := 0.0
		for j := range dst {
			dst[j] = r.NormFloat64()
			norm += float64(dst[j] * dst[j])
		}
		if norm > 0 {
			scale := radius / math.Sqrt(norm)
			for j := range dst {
				dst[j] *= scale
			}
			return
		}
	}
}

// Separable returns a linearly separable Gaussian set in dim dimensions:
// points x ~ N(0, I) with label 1 when x·u > 0 and 0 otherwise, where u is
// the unit vector returned, keeping only points with |x·u| >= margin. A
// linear model along u has error rate Φ(-d/σ) in N(0, σ²I) noise at a point
// d from the hyperplane x·u = 0, which makes the set an exact check.
func Separable(r *rand.Rand, n, dim int, margin float64) (*Set, []float64) {
	if margin < 0 {
		panic("data: Separable margin must be >= 0")
	}
	s := newValues("separable", n, dim, 2)
	u := make([]float64, dim)
	norm := 0.0
	for j := range u {
		u[j] = r.NormFloat64()
		norm += float64(u[j] * u[j])
	}
	for j := range u {
		u[j] /= math.Sqrt(norm)
	}
	for i := 0; i < n; {
		v := s.Values[i*dim : (i+1)*dim]
		dot := 0.0
		for j := range v {
			v[j] = r.NormFloat64()
			dot += float64(v[j] * u[j])
		}
		if math.Abs(dot) < margin {
			continue
		}
		if dot > 0 {
			s.Labels[i] = 1
		} else {
			s.Labels[i] = 0
		}
		i++
	}
	return s, u
}
