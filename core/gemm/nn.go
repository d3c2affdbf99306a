package gemm

// NN computes C += A·B for row-major A (m×k), B (k×n) and C (m×n):
//
//	C[i*n+j] += Σ_p A[i*k+p] · B[p*n+j],  p = 0, 1, …, k-1 in order.
//
// The loops run over 4-column strips of B outermost, so that a strip
// (k×4 values) stays in the L1 cache while every pair of rows of A
// passes over it.
func NN(c, a, b []float64, m, k, n int) {
	check(c, a, b, m, k, n)
	if kernel(c, a, b, m, k, n, k, 1) {
		return
	}
	nnGo(c, a, b, m, k, n)
}

// nnGo is NN in pure Go, the SIMD kernel's twin.
func nnGo(c, a, b []float64, m, k, n int) { nnSum(c, a, b, m, k, n) }

// nnSum computes C += A·B for row-major A (m×k) and B (k×n) of T and
// float64 C (m×n), summing in T: each element's sum starts at T(C), adds
// T(A[i*k+p]·B[p*n+j]) for p = 0, 1, …, k-1 in order, and is stored
// widened to float64. In float64 it is NN's pure-Go loop; in float32,
// Conv.Forward32's.
func nnSum[T float32 | float64](c []float64, a, b []T, m, k, n int) {
	j := 0
	for ; j+4 <= n; j += 4 {
		i := 0
		for ; i+2 <= m; i += 2 {
			a0 := a[i*k : i*k+k]
			a1 := a[(i+1)*k : (i+1)*k+k]
			c0 := c[i*n+j : i*n+j+4 : i*n+j+4]
			c1 := c[(i+1)*n+j : (i+1)*n+j+4 : (i+1)*n+j+4]
			s00, s01, s02, s03 := T(c0[0]), T(c0[1]), T(c0[2]), T(c0[3])
			s10, s11, s12, s13 := T(c1[0]), T(c1[1]), T(c1[2]), T(c1[3])
			for p, x0 := range a0 {
				x1 := a1[p]
				bp := b[p*n+j : p*n+j+4 : p*n+j+4]
				y0, y1, y2, y3 := bp[0], bp[1], bp[2], bp[3]
				s00 += T(x0 * y0)
				s01 += T(x0 * y1)
				s02 += T(x0 * y2)
				s03 += T(x0 * y3)
				s10 += T(x1 * y0)
				s11 += T(x1 * y1)
				s12 += T(x1 * y2)
				s13 += T(x1 * y3)
			}
			c0[0], c0[1], c0[2], c0[3] = float64(s00), float64(s01), float64(s02), float64(s03)
			c1[0], c1[1], c1[2], c1[3] = float64(s10), float64(s11), float64(s12), float64(s13)
		}
		if i < m {
			a0 := a[i*k : i*k+k]
			c0 := c[i*n+j : i*n+j+4 : i*n+j+4]
			s0, s1, s2, s3 := T(c0[0]), T(c0[1]), T(c0[2]), T(c0[3])
			for p, x := range a0 {
				bp := b[p*n+j : p*n+j+4 : p*n+j+4]
				s0 += T(x * bp[0])
				s1 += T(x * bp[1])
				s2 += T(x * bp[2])
				s3 += T(x * bp[3])
			}
			c0[0], c0[1], c0[2], c0[3] = float64(s0), float64(s1), float64(s2), float64(s3)
		}
	}
	for ; j < n; j++ {
		for i := 0; i < m; i++ {
			s := T(c[i*n+j])
			for p, x := range a[i*k : i*k+k] {
				s += T(x * b[p*n+j])
			}
			c[i*n+j] = float64(s)
		}
	}
}
