// Package stats holds the statistics of the paper's argument (Ford et al.,
// "Adversarial Examples Are a Natural Consequence of Test Error in Noise",
// ICML 2019) and of its measurements: the standard normal CDF Φ and its
// inverse, the linear relation between error rate in noise and distance
// to the nearest error (Eq. 1), the Gaussian isoperimetric bounds on
// distances from noisy points, the randomized-smoothing radius, binomial
// confidence intervals for Monte Carlo error rates and distribution-free
// intervals for medians and quantiles.
//
// Distances are L2 in pixel units (pixels in [0,1]); σ is the standard
// deviation of the additive Gaussian noise N(0, σ²I) per pixel. The
// package uses gonum's mathext (cheap in the browser build) and nothing
// heavier.
package stats
