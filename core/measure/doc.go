// Package measure holds the paper's per-image measurements as steppable
// runs, so that `noiseball reproduce` (which runs them to the end on
// goroutines) and the page's workers (which step them a few milliseconds
// at a time) compute the same numbers from the same seeds:
//
//   - Fig. 4: at one noise level σ, the error rate in noise μ(x, σ) and
//     the median L2 distance from correctly classified noisy points
//     x + δ to their nearest errors, beside the isoperimetric bound on
//     that median, -σΦ⁻¹(μ) (the paper's Eq. 3 at p = 1/2), and the
//     randomized-smoothing radius certified at x;
//   - Fig. 2: the σ at which μ(x, σ) reaches 1%, beside the clean
//     nearest-error distance d (a half-space has d = 2.326·σ exactly).
//
// Every run draws its randomness from Rand(seed, experiment, model,
// image): the numbers of one image do not depend on which other images
// are measured, nor on how many workers share them. Pixels are in [0,1];
// noise is added without clipping, as in the authors' code.
package measure
