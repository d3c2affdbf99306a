package nn

import "fmt"

// Shape is the per-example shape of an activation: C channels of H×W
// pixels. A flat vector of n features is Shape{n, 1, 1}.
type Shape struct{ C, H, W int }

// Size returns the number of elements C·H·W.
func (s Shape) Size() int { return s.C * s.H * s.W }

// String formats s as "CxHxW".
func (s Shape) String() string { return fmt.Sprintf("%dx%dx%d", s.C, s.H, s.W) }

// Flat returns the shape of s flattened to a vector.
func (s Shape) Flat() Shape { return Shape{s.Size(), 1, 1} }

// Vector returns the shape of a flat vector of n features, n×1×1.
func Vector(n int) Shape { return Shape{n, 1, 1} }
