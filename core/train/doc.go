// Package train fits an nn.Network to a data.Set with stochastic gradient
// descent (with momentum) or Adam under one of three recipes: clean
// training, Gaussian data augmentation (every training example gets fresh
// N(0, σ²I) noise), and Madry-style adversarial training with PGD.
//
// Training advances in bounded steps: Trainer.Step runs a given number of
// mini-batches and returns, so a browser can interleave it with drawing
// and a caller can stop at any point. Same recipe, same seed, same data:
// same weights, bit for bit, whatever the number of worker goroutines,
// because each mini-batch is split into a fixed number of shards whose
// gradients are summed in a fixed order.
package train
