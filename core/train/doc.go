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
//
// A Session is a whole training run of an MNIST model as `noiseball
// train` and the page's train scene run it (a Spec: architecture,
// recipe, how many training digits): the network drawn from the seed,
// the Trainer, an evaluation in Gaussian noise after every epoch, the
// weights rounded to float32 and measured on the test set, and the
// metadata of the weights file. The same Spec gives the same weights in
// both.
package train
