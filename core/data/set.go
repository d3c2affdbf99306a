package data

import (
	"fmt"
	"math/rand/v2"
)

// Set is a labelled dataset of N examples of Dim values each, shaped
// Shape = [C, H, W] (Dim = C·H·W; a vector of d features is [d, 1, 1]).
//
// Exactly one of Bytes and Values holds the examples: Bytes for images,
// scaled to [0,1] as byte/255 when read; Values for real-valued synthetic
// data, read as stored. Example i occupies [i·Dim, (i+1)·Dim).
type Set struct {
	Name    string
	N       int
	Shape   [3]int
	Classes int
	Bytes   []byte
	Values  []float64
	Labels  []int
}

// Dim returns the number of values per example.
func (s *Set) Dim() int { return s.Shape[0] * s.Shape[1] * s.Shape[2] }

// Example writes example i, scaled, into dst (length Dim) and returns its
// label.
func (s *Set) Example(dst []float64, i int) int {
	d := s.Dim()
	if i < 0 || i >= s.N || len(dst) != d {
		panic(fmt.Sprintf("data: example %d of %d into %d values, want %d", i, s.N, len(dst), d))
	}
	if s.Bytes != nil {
		BytesToPixels(dst, s.Bytes[i*d:(i+1)*d])
	} else {
		copy(dst, s.Values[i*d:(i+1)*d])
	}
	return s.Labels[i]
}

// Batch writes the examples with the given indices into x (len(idx)·Dim
// values) and their labels into labels (len(idx)).
func (s *Set) Batch(x []float64, labels []int, idx []int) {
	d := s.Dim()
	if len(x) != len(idx)*d || len(labels) != len(idx) {
		panic(fmt.Sprintf("data: batch of %d into %d values and %d labels", len(idx), len(x), len(labels)))
	}
	for b, i := range idx {
		labels[b] = s.Example(x[b*d:(b+1)*d], i)
	}
}

// Slice returns the examples first, …, first+n-1 as a Set sharing s's
// storage.
func (s *Set) Slice(first, n int) *Set {
	if first < 0 || n < 0 || first+n > s.N {
		panic(fmt.Sprintf("data: slice [%d,%d) of a set of %d", first, first+n, s.N))
	}
	t := *s
	d := s.Dim()
	t.N = n
	t.Labels = s.Labels[first : first+n]
	if s.Bytes != nil {
		t.Bytes = s.Bytes[first*d : (first+n)*d]
	} else {
		t.Values = s.Values[first*d : (first+n)*d]
	}
	return &t
}

// Validate checks that the fields of s agree: sizes, one storage, labels
// in [0, Classes). It returns a *FormatError describing the first problem.
func (s *Set) Validate() error {
	d := s.Dim()
	switch {
	case s.N < 0 || d <= 0 || s.Classes < 2:
		return &FormatError{fmt.Sprintf("set %q has %d examples of %d values in %d classes", s.Name, s.N, d, s.Classes)}
	case len(s.Labels) != s.N:
		return &FormatError{fmt.Sprintf("set %q has %d labels for %d examples", s.Name, len(s.Labels), s.N)}
	case (s.Bytes == nil) == (s.Values == nil):
		return &FormatError{fmt.Sprintf("set %q must hold exactly one of bytes and values", s.Name)}
	case s.Bytes != nil && len(s.Bytes) != s.N*d, s.Values != nil && len(s.Values) != s.N*d:
		return &FormatError{fmt.Sprintf("set %q storage does not match %d examples of %d values", s.Name, s.N, d)}
	}
	for i, y := range s.Labels {
		if y < 0 || y >= s.Classes {
			return &FormatError{fmt.Sprintf("set %q example %d has label %d, want 0 to %d", s.Name, i, y, s.Classes-1)}
		}
	}
	return nil
}

// Order returns a permutation of [0, n) drawn from r: the visiting order of
// one training epoch. The same generator state gives the same order.
func Order(r *rand.Rand, n int) []int { return r.Perm(n) }
