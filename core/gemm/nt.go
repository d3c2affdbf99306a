package gemm

// NT computes C += A·Bᵀ for row-major A (m×k), B (n×k) and C (m×n):
//
//	C[i*n+j] += Σ_p A[i*k+p] · B[j*k+p],  p = 0, 1, …, k-1 in order.
//
// Every operand is read along contiguous rows. The loops take four rows
// of B outermost, so that they stay in the L1 cache while every pair of
// rows of A passes over them.
func NT(c, a, b []float64, m, k, n int) {
	check(c, a, b, m, k, n)
	if useKernel && m > 0 && n > 0 && k > 0 {
		ntKernel(c, a, b, m, k, n)
		return
	}
	ntGo(c, a, b, m, k, n)
}

// ntGo is NT in pure Go, the SIMD kernel's twin.
func ntGo(c, a, b []float64, m, k, n int) {
	j := 0
	for ; j+4 <= n; j += 4 {
		b0 := b[j*k : j*k+k]
		b1 := b[(j+1)*k : (j+1)*k+k]
		b2 := b[(j+2)*k : (j+2)*k+k]
		b3 := b[(j+3)*k : (j+3)*k+k]
		i := 0
		for ; i+2 <= m; i += 2 {
			a0 := a[i*k : i*k+k]
			a1 := a[(i+1)*k : (i+1)*k+k]
			c0 := c[i*n+j : i*n+j+4 : i*n+j+4]
			c1 := c[(i+1)*n+j : (i+1)*n+j+4 : (i+1)*n+j+4]
			s00, s01, s02, s03 := c0[0], c0[1], c0[2], c0[3]
			s10, s11, s12, s13 := c1[0], c1[1], c1[2], c1[3]
			b0, b1, b2, b3 := b0[:len(a0)], b1[:len(a0)], b2[:len(a0)], b3[:len(a0)]
			for p, x0 := range a0 {
				x1 := a1[p]
				y0, y1, y2, y3 := b0[p], b1[p], b2[p], b3[p]
				s00 += float64(x0 * y0)
				s01 += float64(x0 * y1)
				s02 += float64(x0 * y2)
				s03 += float64(x0 * y3)
				s10 += float64(x1 * y0)
				s11 += float64(x1 * y1)
				s12 += float64(x1 * y2)
				s13 += float64(x1 * y3)
			}
			c0[0], c0[1], c0[2], c0[3] = s00, s01, s02, s03
			c1[0], c1[1], c1[2], c1[3] = s10, s11, s12, s13
		}
		if i < m {
			ai := a[i*k : i*k+k]
			ci := c[i*n+j : i*n+j+4 : i*n+j+4]
			ci[0] = dotFrom(ci[0], ai, b0)
			ci[1] = dotFrom(ci[1], ai, b1)
			ci[2] = dotFrom(ci[2], ai, b2)
			ci[3] = dotFrom(ci[3], ai, b3)
		}
	}
	for ; j < n; j++ {
		bj := b[j*k : j*k+k]
		for i := 0; i < m; i++ {
			c[i*n+j] = dotFrom(c[i*n+j], a[i*k:i*k+k], bj)
		}
	}
}

// dotFrom returns s + Σ_p x[p]·y[p], adding the products in order.
func dotFrom(s float64, x, y []float64) float64 {
	y = y[:len(x)]
	for p, v := range x {
		s += float64(v * y[p])
	}
	return s
}
