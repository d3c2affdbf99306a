// Package noise measures models under additive Gaussian noise, the
// paper's central quantity: the error rate in noise of a point,
// μ(x, σ) = P[f(x + δ) ≠ y] with δ ~ N(0, σ²I), estimated by Monte Carlo,
// and the distances from noisy points to their nearest errors, measured
// the authors' way.
//
// Noise is added without clipping to [0,1], as in the authors' code.
// Randomness is an argument; the same seed gives the same noise.
package noise
