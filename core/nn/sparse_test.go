package nn

import (
	"math/rand/v2"
	"testing"

	"noiseball/core/gemm"
)

// TestConvSparseBackwardMatchesDense feeds a mostly-zero output gradient,
// as a ReLU and a max-pool produce, and checks that the sparse path gives
// the same bits as the dense kernels for both gradients.
func TestConvSparseBackwardMatchesDense(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, c := range []struct {
		in           Shape
		out, k, s, p int
	}{
		{Shape{8, 14, 14}, 16, 5, 1, 2},
		{Shape{1, 28, 28}, 8, 5, 1, 2},
		{Shape{3, 9, 7}, 4, 3, 2, 1},
	} {
		l := NewConv2D("c", c.in, c.out, c.k, c.s, c.p, r)
		const batch = 3
		x := randVec(r, batch*c.in.Size())
		l.Forward(x, batch)
		P, kk, n := l.ho*l.wo, c.in.C*c.k*c.k, c.in.Size()
		dy := make([]float64, batch*c.out*P)
		for i := range dy {
			if r.Float64() < 0.2 {
				dy[i] = r.NormFloat64()
			}
		}
		dx := append([]float64(nil), l.Backward(dy, ParamGrad|InputGrad)...)
		dw := append([]float64(nil), l.weight.G...)

		wantW := make([]float64, len(dw))
		wantX := make([]float64, len(dx))
		col := make([]float64, kk*P)
		for b := range batch {
			dyb := dy[b*c.out*P : (b+1)*c.out*P]
			l.geom.Im2Col(col, x[b*n:(b+1)*n])
			gemm.NT(wantW, dyb, col, c.out, P, kk)
			clear(col)
			gemm.TN(col, l.weight.W, dyb, kk, c.out, P)
			l.geom.Col2Im(wantX[b*n:(b+1)*n], col, P, 1)
		}
		for i := range dw {
			if dw[i] != wantW[i] {
				t.Fatalf("%+v: sparse dweight[%d] = %v, dense %v", c, i, dw[i], wantW[i])
			}
		}
		for i := range dx {
			if dx[i] != wantX[i] {
				t.Fatalf("%+v: sparse dx[%d] = %v, dense %v", c, i, dx[i], wantX[i])
			}
		}
	}
}
