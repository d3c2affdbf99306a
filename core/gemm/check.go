package gemm

import "fmt"

// check panics unless c, a and b are large enough for an m×n result, an
// operand A holding m·k elements and an operand B holding k·n elements.
func check(c, a, b []float64, m, k, n int) {
	if m < 0 || k < 0 || n < 0 {
		panic(fmt.Sprintf("gemm: negative dimension m=%d k=%d n=%d", m, k, n))
	}
	if len(c) < m*n || len(a) < m*k || len(b) < k*n {
		panic(fmt.Sprintf("gemm: slices too short for m=%d k=%d n=%d: len(c)=%d len(a)=%d len(b)=%d",
			m, k, n, len(c), len(a), len(b)))
	}
}
