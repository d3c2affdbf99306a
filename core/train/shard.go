package train

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
)

// ShardJob is one gradient shard of a training step as another process
// (a second browser worker) computes it: the recipe, the whole
// mini-batch's size (the gradient is of Σ_b L_b / Batch), the shard's
// examples as pixel bytes (255 for 1) with their labels, and the seeds of
// its random source (noise, attack starts).
type ShardJob struct {
	Recipe       Recipe
	Batch        int
	Pixels       []byte
	Labels       []int
	Seed1, Seed2 uint64
}

// ShardResult is a shard's gradient, every parameter's in the network's
// order, concatenated; the summed loss of its examples and how many it
// classified right.
type ShardResult struct {
	Grad  []float64
	Loss  float64
	Right int
}

// A Helper computes a shard elsewhere: it sends the job with the step's
// weights (every parameter's values, concatenated) and returns a wait
// that blocks until the result is back, or reports why it will not come
// (the trainer then computes the shard itself: the same numbers).
type Helper func(job ShardJob, weights []float64) (wait func() (ShardResult, error))

// ComputeShard computes a shard's gradient on net, which must hold the
// step's weights (the helper's side of a Helper): the same arithmetic,
// so the same bits, as the trainer's own shards.
func ComputeShard(net *nn.Network, job ShardJob) ShardResult {
	d := net.InShape().Size()
	if len(job.Pixels) != len(job.Labels)*d {
		panic(fmt.Sprintf("train: a shard of %d pixel bytes and %d labels for inputs of %d", len(job.Pixels), len(job.Labels), d))
	}
	sh := &shard{net: net}
	n := len(job.Labels)
	sh.x, sh.adv = make([]float64, n*d), make([]float64, n*d)
	data.BytesToPixels(sh.x, job.Pixels)
	sh.labels = append([]int(nil), job.Labels...)
	sh.pred = make([]int, n)
	sh.rng = rand.New(rand.NewPCG(job.Seed1, job.Seed2))
	sh.gradient(&job.Recipe, job.Batch)
	res := ShardResult{Loss: sh.loss, Right: sh.right}
	for _, p := range net.Params() {
		res.Grad = append(res.Grad, p.G...)
	}
	return res
}

// Weights returns every parameter's values of net, concatenated in its
// order, as a Helper sends them.
func Weights(net *nn.Network) []float64 {
	var w []float64
	for _, p := range net.Params() {
		w = append(w, p.W...)
	}
	return w
}

// SetWeights writes weights (as Weights returns them) into net; a
// length that does not match is an error.
func SetWeights(net *nn.Network, weights []float64) error {
	if len(weights) != net.NumParams() {
		return fmt.Errorf("train: %d weights for a network of %d", len(weights), net.NumParams())
	}
	at := 0
	for _, p := range net.Params() {
		at += copy(p.W, weights[at:])
	}
	return nil
}
