package slice

import "noiseball/core/nn"

// Affine holds the logits of a linear model restricted to a plane: class
// c scores A[c] + B[c]·s + C[c]·t at plane coordinates (s, t). Decision
// boundaries in the plane are then the lines where two of these are
// equal, so a linear model's slice can be drawn exactly at any
// resolution without evaluating the network.
type Affine struct{ A, B, C []float64 }

// LinearAffine returns the affine logits of a linear model (an optional
// flatten and one linear layer) on the plane p. It returns an error for
// other models.
func LinearAffine(net *nn.Network, p Plane) (Affine, error) {
	fc, err := net.SoftmaxRegression()
	if err != nil {
		return Affine{}, err
	}
	w, b := fc.Params()[0].W, fc.Params()[1].W
	n, k := len(p.Origin), net.Classes()
	f := Affine{A: make([]float64, k), B: make([]float64, k), C: make([]float64, k)}
	for c := range k {
		row := w[c*n : (c+1)*n]
		f.A[c], f.B[c], f.C[c] = b[c]+dot(row, p.Origin), dot(row, p.U), dot(row, p.V)
	}
	return f, nil
}

// Class returns the top class and the margin over the runner-up at (s, t).
func (f Affine) Class(s, t float64) (class int, margin float64) {
	top, second := 0, -1
	z := func(c int) float64 { return f.A[c] + float64(f.B[c]*s) + float64(f.C[c]*t) }
	for c := 1; c < len(f.A); c++ {
		if z(c) > z(top) {
			second, top = top, c
		} else if second < 0 || z(c) > z(second) {
			second = c
		}
	}
	if second < 0 {
		return top, 0
	}
	return top, z(top) - z(second)
}
