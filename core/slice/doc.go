// Package slice evaluates a model on two-dimensional slices of input
// space, as in the paper's Fig. 3: the plane through an image x spanned by
// two directions (a random Gaussian direction, the direction to the
// nearest error, the loss gradient), sampled on a grid coarse to fine so
// that a browser can show the picture progressively, and turned into
// pixels with class colors that stay distinguishable for color-blind
// readers. The page and the command-line tools render the same picture.
//
// Plane coordinates (s, t) are L2 distances in pixel units along the two
// orthonormal directions.
package slice
