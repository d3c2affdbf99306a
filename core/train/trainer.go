package train

import (
	"fmt"
	"math/rand/v2"
	"sync"

	"noiseball/core/data"
	"noiseball/core/nn"
)

// Progress is a snapshot of a training run.
type Progress struct {
	Epoch           int     // epochs completed
	Epochs          int     // epochs in the recipe
	Batch           int     // mini-batches completed in the current epoch
	BatchesPerEpoch int     // mini-batches in one epoch
	Examples        int     // training examples processed so far, all epochs
	Loss            float64 // mean cross-entropy on the training batches of the current epoch (as trained: noisy or adversarial)
	Accuracy        float64 // fraction of those batches classified correctly
	LR              float64 // learning rate of the last step
	// BatchLoss and BatchAccuracy are the mean cross-entropy and the
	// accuracy of the last mini-batch alone.
	BatchLoss, BatchAccuracy float64
}

// Fraction returns the share of the run completed, in [0,1].
func (p Progress) Fraction() float64 {
	total := p.Epochs * p.BatchesPerEpoch
	if total == 0 {
		return 1
	}
	return float64(p.Epoch*p.BatchesPerEpoch+p.Batch) / float64(total)
}

// Trainer runs a recipe on a network and a training set. It is not safe
// for concurrent use; Step may use several goroutines internally.
type Trainer struct {
	net    *nn.Network
	set    *data.Set
	recipe Recipe
	opt    Optimizer
	rng    *rand.Rand
	shards []*shard
	// Workers is the number of goroutines computing shards (1 or more);
	// it changes speed, never results.
	Workers int
	// Helper, if set, computes every shard but the first elsewhere while
	// this trainer computes the first (a second browser worker); it
	// changes speed, never results. It is used only for sets of pixel
	// bytes (MNIST).
	Helper Helper

	order    []int
	prog     Progress
	lossSum  float64
	correct  int
	seenEp   int
	stepsAll int
}

// shard is one network clone with its buffers and per-step random source.
type shard struct {
	net    *nn.Network
	x, adv []float64
	labels []int
	pred   []int
	dl     []float64
	loss   float64
	right  int
	rng    *rand.Rand
}

// New returns a trainer for net on set under recipe. The network's input
// shape must match the set's examples and its class count the set's. The
// recipe's seed fixes the epoch orders, noise and attack starts.
func New(net *nn.Network, set *data.Set, recipe Recipe) (*Trainer, error) {
	if err := recipe.Validate(); err != nil {
		return nil, err
	}
	in := net.InShape()
	if in.Size() != set.Dim() || net.Classes() != set.Classes {
		return nil, fmt.Errorf("train: the network takes %v inputs and %d classes but set %q has %v and %d",
			in, net.Classes(), set.Name, set.Shape, set.Classes)
	}
	if set.N < recipe.Batch {
		return nil, fmt.Errorf("train: set %q has %d examples, fewer than one batch of %d", set.Name, set.N, recipe.Batch)
	}
	// Each gradient shard runs its part of the batch at once: it must fit
	// the activation budget (nn.MaxBatchBytes).
	if per, most := (recipe.Batch+Shards-1)/Shards, net.Cost().MaxBatch(); per > most {
		return nil, fmt.Errorf("train: a batch of %d puts %d examples through the network at once, and this network fits %d in its %d MB activation budget: use a batch of at most %d", recipe.Batch, per, most, nn.MaxBatchBytes>>20, most*Shards)
	}
	t := &Trainer{net: net, set: set, recipe: recipe, Workers: 1,
		rng: rand.New(rand.NewPCG(recipe.Seed, 0x6e6f697365))}
	if recipe.Optimizer == "sgd" {
		t.opt = &SGD{Momentum: recipe.Momentum}
	} else {
		t.opt = &Adam{}
	}
	for range Shards {
		t.shards = append(t.shards, &shard{net: net.Clone()})
	}
	t.prog = Progress{Epochs: recipe.Epochs, BatchesPerEpoch: set.N / recipe.Batch}
	return t, nil
}

// Examples returns the size of the training set.
func (t *Trainer) Examples() int { return t.set.N }

// State returns the state after the last Step.
func (t *Trainer) State() Progress { return t.prog }

// Done reports whether every epoch of the recipe has run.
func (t *Trainer) Done() bool { return t.prog.Epoch >= t.prog.Epochs }

// Progress returns the mini-batches trained and the run's total; with
// Step it makes a Trainer a step.Stepper.
func (t *Trainer) Progress() (done, total int) {
	return t.prog.Epoch*t.prog.BatchesPerEpoch + t.prog.Batch, t.prog.Epochs * t.prog.BatchesPerEpoch
}

// Step trains on one mini-batch and reports whether the run is complete.
// An epoch visits the set in a fresh random order; the last partial batch
// of an epoch is dropped.
func (t *Trainer) Step() bool {
	if t.Done() {
		return true
	}
	if t.prog.Batch == 0 {
		t.order = data.Order(t.rng, t.set.N)
		t.lossSum, t.correct, t.seenEp = 0, 0, 0
	}
	b := t.prog.Batch * t.recipe.Batch
	t.step(t.order[b : b+t.recipe.Batch])
	t.prog.Batch++
	if t.prog.Batch == t.prog.BatchesPerEpoch {
		t.prog.Batch = 0
		t.prog.Epoch++
	}
	return t.Done()
}

// step trains on one mini-batch: every shard computes the gradient of its
// part of the summed loss, scaled by 1/batch, the shard gradients are
// added in shard order, and the optimizer takes one step.
func (t *Trainer) step(idx []int) {
	batch := len(idx)
	per := (batch + Shards - 1) / Shards
	var waits []func() (ShardResult, error)
	for s, sh := range t.shards {
		lo, hi := min(s*per, batch), min((s+1)*per, batch)
		s1, s2 := t.rng.Uint64(), t.rng.Uint64()
		sh.prepare(t.set, idx[lo:hi], s1, s2)
		if s > 0 && t.Helper != nil && t.set.Bytes != nil {
			if waits == nil {
				waits = make([]func() (ShardResult, error), len(t.shards))
			}
			waits[s] = t.Helper(t.shardJob(idx[lo:hi], batch, s1, s2), Weights(t.net))
		}
	}
	work := func(sh *shard) { sh.gradient(&t.recipe, batch) }
	switch {
	case waits != nil:
		// The first shard here while the helper computes the others;
		// one that does not come back is computed here.
		work(t.shards[0])
		for s, wait := range waits[1:] {
			sh := t.shards[s+1]
			if res, err := wait(); err == nil && sh.take(res) {
				continue
			}
			work(sh)
		}
	case t.Workers <= 1:
		for _, sh := range t.shards {
			work(sh)
		}
	default:
		var wg sync.WaitGroup
		sem := make(chan struct{}, t.Workers)
		for _, sh := range t.shards {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				work(sh)
				<-sem
			}()
		}
		wg.Wait()
	}
	params := t.net.Params()
	for i, p := range params {
		clear(p.G)
		for _, sh := range t.shards {
			for j, g := range sh.net.Params()[i].G {
				p.G[j] += g
			}
		}
	}
	total := t.prog.Epochs * t.prog.BatchesPerEpoch
	t.prog.LR = t.recipe.rate(t.stepsAll, total)
	t.opt.Update(params, t.prog.LR)
	t.stepsAll++
	var loss float64
	right := 0
	for _, sh := range t.shards {
		loss += sh.loss
		right += sh.right
	}
	t.lossSum += loss
	t.correct += right
	t.prog.BatchLoss, t.prog.BatchAccuracy = loss/float64(batch), float64(right)/float64(batch)
	t.seenEp += batch
	t.prog.Examples += batch
	t.prog.Loss = t.lossSum / float64(t.seenEp)
	t.prog.Accuracy = float64(t.correct) / float64(t.seenEp)
}

// shardJob returns the job of the shard of examples idx.
func (t *Trainer) shardJob(idx []int, batch int, s1, s2 uint64) ShardJob {
	d := t.set.Dim()
	job := ShardJob{Recipe: t.recipe, Batch: batch, Pixels: make([]byte, 0, len(idx)*d), Labels: make([]int, len(idx)), Seed1: s1, Seed2: s2}
	for k, i := range idx {
		job.Pixels = append(job.Pixels, t.set.Bytes[i*d:(i+1)*d]...)
		job.Labels[k] = t.set.Labels[i]
	}
	return job
}

// take puts a helper's result in place of computing the shard, and
// reports whether it fits the network.
func (sh *shard) take(r ShardResult) bool {
	if len(r.Grad) != sh.net.NumParams() {
		return false
	}
	at := 0
	for _, p := range sh.net.Params() {
		at += copy(p.G, r.Grad[at:])
	}
	sh.loss, sh.right = r.Loss, r.Right
	return true
}

// prepare loads the shard's examples and seeds its random source.
func (sh *shard) prepare(set *data.Set, idx []int, s1, s2 uint64) {
	n := len(idx) * set.Dim()
	if cap(sh.x) < n {
		sh.x = make([]float64, n)
		sh.adv = make([]float64, n)
	}
	sh.x, sh.adv = sh.x[:n], sh.adv[:n]
	sh.labels = append(sh.labels[:0], make([]int, len(idx))...)
	sh.pred = append(sh.pred[:0], make([]int, len(idx))...)
	set.Batch(sh.x, sh.labels, idx)
	sh.rng = rand.New(rand.NewPCG(s1, s2))
}

// gradient makes the shard's inputs noisy or adversarial as the recipe
// says and leaves dL/dw of Σ_b L_b / batch in the clone's gradients.
func (sh *shard) gradient(r *Recipe, batch int) {
	sh.net.ZeroGrad()
	sh.loss, sh.right = 0, 0
	if len(sh.labels) == 0 {
		return
	}
	x := sh.x
	switch r.Method {
	case "gauss":
		for i := range x {
			x[i] += float64(r.Sigma * sh.rng.NormFloat64())
		}
	case "pgd":
		r.attack().Perturb(sh.net, sh.adv, sh.x, sh.labels, sh.rng)
		x = sh.adv
	}
	k := sh.net.Classes()
	logits := sh.net.Forward(x, len(sh.labels))
	nn.Argmax(sh.pred, logits, k)
	for b, y := range sh.labels {
		if sh.pred[b] == y {
			sh.right++
		}
	}
	if cap(sh.dl) < len(logits) {
		sh.dl = make([]float64, len(logits))
	}
	sh.dl = sh.dl[:len(logits)]
	sh.loss = nn.CrossEntropy(sh.dl, logits, sh.labels, k, 1/float64(batch))
	sh.net.Backward(sh.dl, nn.ParamGrad)
}

// Run trains until the recipe is done or stop returns true, asking stop
// and calling report after every chunk mini-batches. It returns the final
// state.
func (t *Trainer) Run(chunk int, stop func() bool, report func(Progress)) Progress {
	if chunk < 1 {
		panic(fmt.Sprintf("train: Run in chunks of %d batches", chunk))
	}
	for !t.Done() && (stop == nil || !stop()) {
		for i := 0; i < chunk && !t.Step(); i++ {
		}
		if report != nil {
			report(t.prog)
		}
	}
	return t.prog
}
