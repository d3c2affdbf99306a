// Package data holds the datasets of Noise Ball: MNIST decoded from IDX
// files, and synthetic sets with known geometry (2-D toys, concentric
// spheres, a linearly separable Gaussian set).
//
// A Set keeps image pixels as bytes and scales a batch to [0,1] (byte/255)
// only when it is read, so the 60,000 MNIST training digits take 47 MB and
// not 376. Synthetic sets store float64 values directly. Randomness is
// always an argument (*rand.Rand from math/rand/v2): the same seed gives
// the same set and the same order on every platform.
package data
