// Package attack holds adversarial attacks on an nn.Model.
//
// PGD (Madry et al. 2018) under the L2 and L∞ norms perturbs a batch
// within a ball of radius eps: it measures robust accuracy and, inside
// package train, makes adversarial training's examples.
//
// The nearest-error finders implement Finder, each a type named for its
// method: Exact (the closed form for linear models, LinearNearest),
// DeepFool (Moosavi-Dezfooli et al. 2016), AuthorsPGD (the paper's
// protocol: 200 L2 steps from the clean point) and Search (DeepFool and
// PGD candidates, a binary search on the radius and a line search back to
// the boundary; the tightest for any model). Best and Fast choose one for
// a network. A finder's distance is an upper bound on the true distance
// to the nearest error, exact for Exact.
//
// Distances are in pixel units (pixels in [0,1]); eps is the radius of
// the perturbation ball ‖x' - x‖ ≤ eps in the chosen norm.
package attack
