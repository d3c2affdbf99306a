// Package region holds error sets in the plane and measures them under
// two-dimensional Gaussian noise, the picture behind the Gaussian
// isoperimetric inequality that the paper's argument rests on (Ford et
// al., ICML 2019, Sec. 3 and Fig. 9): for a point x, noise δ ~ N(0, σ²I)
// and any error set E of mass μ = P[x + δ ∈ E] < 1/2, the median distance
// from x + δ to E is at most -σΦ⁻¹(μ), and its ε-expansion
// E_ε = {p : dist(p, E) ≤ ε} has mass at least Φ(Φ⁻¹(μ) + ε/σ), with
// equality exactly for half-planes.
//
// Sets are half-planes, disks, wedges, stripes, unions (scattered blobs)
// and painted masks; each knows whether it contains a point and its
// Euclidean distance to one. A Meter estimates μ, the distances and the
// expansion by Monte Carlo in steps, so a browser worker can report
// progress and stop between them; Match rescales a one-parameter family
// of sets to a target mass with common random numbers.
//
// Coordinates are in the same units as σ; the noise is centred at the
// origin.
package region
