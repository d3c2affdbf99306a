// Package spheres holds the geometry of Adversarial Spheres (Gilmer et
// al. 2018, arXiv 1801.02774, the paper's predecessor): two concentric
// spheres in n dimensions, radius 1 (class 0) and R > 1 (class 1), on
// which the error set of any classifier and its distance to the points
// are known exactly.
//
// The result this package computes is the spherical analogue of the
// Gaussian isoperimetric bound behind Ford et al. (ICML 2019, Sec. 3):
// by Lévy's isoperimetric inequality on the sphere, among all subsets E
// of the unit sphere with normalized measure μ, a cap {x : x₁ ≥ t} has
// the smallest ε-expansion for every ε. So the distance from a uniform
// point of the sphere to E is stochastically smaller than its distance
// to the cap of the same measure, and
//
//	E[d(x, E)] ≤ D_cap(μ, n) = E[d(x, cap_μ)]
//
// for every classifier whose error set on the inner sphere has measure
// μ. Distances are Euclidean (chords), as an attack in the input space
// measures them; the nearest error of a model, found anywhere in ℝⁿ, is
// never farther than its nearest error on the sphere, so measured means
// sit below the bound too. CapMeanDistance computes D_cap exactly by
// numerical integration; CapMeanDistanceLargeN is its large-n form
// (τΦ(τ) + φ(τ))/√n with τ = Φ⁻¹(1−μ), which is about Φ⁻¹(1−μ)/√n for
// small μ (PAPER.md: "average distance ... of order Φ⁻¹(1−μ)/√n").
// Points are on the unit sphere; for the whole inner sphere of the data
// set (radius 1) the numbers apply as they are.
package spheres
