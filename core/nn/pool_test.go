package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// tiedPixels draws n values from a small set with repeats, ±0 and NaN, so
// that most 2×2 windows hold ties and the first-maximum rule decides.
func tiedPixels(r *rand.Rand, n int) []float64 {
	set := []float64{0, math.Copysign(0, -1), 1, 1, 2, -1, math.NaN(), math.Inf(-1)}
	x := make([]float64, n)
	for i := range x {
		x[i] = set[r.IntN(len(set))]
	}
	return x
}

// TestMaxPool2x2MatchesArgPath checks the 2×2, stride-2 path, which keeps
// no argmax, against the general path that records one (forwardArg and
// backwardArg, the reference): the same maxima bit for bit and the same
// input gradient, on even and odd planes full of ties, ±0 and NaNs.
func TestMaxPool2x2MatchesArgPath(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, in := range []Shape{{1, 2, 2}, {2, 5, 7}, {3, 4, 6}, {1, 28, 28}, {2, 7, 3}} {
		const batch = 3
		x := tiedPixels(r, batch*in.Size())
		fast, ref := NewMaxPool(in, 2, 2), NewMaxPool(in, 2, 2)
		y := fast.Forward(x, batch)
		ref.batch = batch
		ref.y = grow(ref.y, len(y))
		ref.forwardArg(x, batch)
		for i := range y {
			if math.Float64bits(y[i]) != math.Float64bits(ref.y[i]) {
				t.Fatalf("%v: maximum %d is %v, the reference's %v", in, i, y[i], ref.y[i])
			}
		}
		dy := randVec(r, len(y))
		dx := fast.Backward(dy, InputGrad)
		ref.dx = grow(ref.dx, len(x))
		ref.backwardArg(dy)
		for i := range dx {
			if math.Float64bits(dx[i]) != math.Float64bits(ref.dx[i]) {
				t.Fatalf("%v: input gradient %d is %v, the reference's %v", in, i, dx[i], ref.dx[i])
			}
		}
		// A second backward pass over a dirty buffer gives the same.
		for i := range dx {
			dx[i] = 7
		}
		dx = fast.Backward(dy, InputGrad)
		for i := range dx {
			if math.Float64bits(dx[i]) != math.Float64bits(ref.dx[i]) {
				t.Fatalf("%v, second pass: input gradient %d is %v, the reference's %v", in, i, dx[i], ref.dx[i])
			}
		}
	}
}
