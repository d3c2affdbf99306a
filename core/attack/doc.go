// Package attack holds adversarial attacks on an nn.Model: projected
// gradient descent (PGD, Madry et al. 2018) under the L2 and L∞ norms,
// used both to measure robustness and, inside package train, for
// adversarial training.
//
// Distances are in pixel units (pixels in [0,1]); eps is the radius of
// the perturbation ball ‖x' - x‖ ≤ eps in the chosen norm.
package attack
