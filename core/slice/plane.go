package slice

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
)

// Plane is the affine plane {Origin + s·U + t·V} with U and V orthonormal.
type Plane struct {
	Origin, U, V []float64
}

// NewPlane returns the plane through x spanned by a and b, orthonormalized
// by Gram-Schmidt: U = a/‖a‖, V = (b - (b·U)U)/‖…‖. It returns an error if
// a is zero or b is parallel to a (to 1e-9 relative).
func NewPlane(x, a, b []float64) (Plane, error) {
	if len(a) != len(x) || len(b) != len(x) {
		panic(fmt.Sprintf("slice: plane through %d values with directions of %d and %d", len(x), len(a), len(b)))
	}
	u := append([]float64(nil), a...)
	na := norm(u)
	if na == 0 {
		return Plane{}, errors.New("slice: the first direction is zero")
	}
	scale(u, 1/na)
	v := append([]float64(nil), b...)
	nb := norm(v)
	d := dot(v, u)
	for i := range v {
		v[i] -= float64(d * u[i])
	}
	nv := norm(v)
	if nv <= 1e-9*nb || nb == 0 {
		return Plane{}, errors.New("slice: the two directions are parallel; pick another second direction")
	}
	scale(v, 1/nv)
	return Plane{Origin: append([]float64(nil), x...), U: u, V: v}, nil
}

// Point writes Origin + s·U + t·V into dst.
func (p Plane) Point(dst []float64, s, t float64) {
	for i := range dst {
		dst[i] = p.Origin[i] + float64(s*p.U[i]) + float64(t*p.V[i])
	}
}

// Project returns the plane coordinates of the orthogonal projection of q:
// s = (q - Origin)·U, t = (q - Origin)·V.
func (p Plane) Project(q []float64) (s, t float64) {
	for i, v := range q {
		d := v - p.Origin[i]
		s += float64(d * p.U[i])
		t += float64(d * p.V[i])
	}
	return s, t
}

// RandomDirection returns a direction drawn uniformly from the sphere in n
// dimensions (a normalized Gaussian vector): the direction of a noise
// sample.
func RandomDirection(r *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	data.OnSphere(v, 1, r)
	return v
}

// NoiseRadius returns σ·√n, the radius at which N(0, σ²I) noise in n
// dimensions concentrates: where a noisy copy of the origin lies along its
// own direction in the slice.
func NoiseRadius(sigma float64, n int) float64 { return sigma * math.Sqrt(float64(n)) }

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}

func norm(a []float64) float64 { return math.Sqrt(dot(a, a)) }

func scale(a []float64, c float64) {
	for i := range a {
		a[i] *= c
	}
}

// GradientDirection returns the unit direction of steepest ascent of the
// cross-entropy of class y at x, ∇L/‖∇L‖, the third kind of slice
// direction; it returns nil where the gradient vanishes.
func GradientDirection(m nn.Model, x []float64, y int) []float64 {
	k := m.Classes()
	dl := make([]float64, k)
	nn.CrossEntropy(dl, m.Logits(x, 1), []int{y}, k, 1)
	g := append([]float64(nil), m.InputGradient(dl)...)
	n := norm(g)
	if n == 0 {
		return nil
	}
	scale(g, 1/n)
	return g
}
