// Package nn holds the neural networks of Noise Ball: batched layers, each
// with a forward pass, a backward pass that accumulates parameter
// gradients and returns the gradient with respect to its input, and the
// softmax cross-entropy loss.
//
// Activations are float64, batch-major and, for images, laid out C,H,W as
// in PyTorch: element (b, c, y, x) of a batch of C×H×W images is
// x[((b*C+c)*H+y)*W+x]. Inputs are pixels in [0,1] with no normalization
// outside the network. Parameters carry PyTorch's names and layouts
// (conv1.weight is [out,in,kh,kw], fc.weight is [out,in]) so that weights
// move between Noise Ball and PyTorch through safetensors unchanged.
//
// A Network is built from a list of LayerSpec records, the same list that
// a weights file stores as its architecture. Layers own the buffers they
// return, so a forward or backward pass allocates nothing; a returned
// slice is valid until the next call on the same Network, and a Network
// must not be used by two goroutines at once. Clone gives a second
// Network sharing the weights for another goroutine.
//
// Shape mismatches in calls are caller bugs and panic with the prefix
// "nn: "; malformed architectures and weight files return errors.
package nn
