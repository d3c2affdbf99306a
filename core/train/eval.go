package train

import (
	"noiseball/core/data"
	"noiseball/core/nn"
)

// Evaluate returns the accuracy and mean cross-entropy of m on every
// example of set, in batches of batch examples: an Evaluator run to the
// end.
func Evaluate(m nn.Model, set *data.Set, batch int) (accuracy, loss float64) {
	e := NewEvaluator(m, set, batch)
	for !e.Step() {
	}
	return e.Result()
}

// Evaluator measures the accuracy and mean cross-entropy of a model on a
// set, a batch a step (a step.Stepper).
type Evaluator struct {
	m         nn.Model
	set       *data.Set
	x         []float64
	labels    []int
	pred, idx []int
	next      int
	right     int
	total     float64
	batch     int
}

// NewEvaluator returns an evaluator of m on set in batches of batch
// examples. It panics if batch is not positive (a caller bug).
func NewEvaluator(m nn.Model, set *data.Set, batch int) *Evaluator {
	if batch <= 0 {
		panic("train: NewEvaluator with a batch of 0")
	}
	d := set.Dim()
	return &Evaluator{m: m, set: set, batch: batch, x: make([]float64, batch*d),
		labels: make([]int, batch), pred: make([]int, batch), idx: make([]int, batch)}
}

// Step classifies one batch and reports whether the whole set is done.
func (e *Evaluator) Step() bool {
	if e.next >= e.set.N {
		return true
	}
	d, k := e.set.Dim(), e.m.Classes()
	nb := min(e.batch, e.set.N-e.next)
	for i := range nb {
		e.idx[i] = e.next + i
	}
	e.set.Batch(e.x[:nb*d], e.labels[:nb], e.idx[:nb])
	logits := e.m.Logits(e.x[:nb*d], nb)
	nn.Argmax(e.pred[:nb], logits, k)
	for i := range nb {
		if e.pred[i] == e.labels[i] {
			e.right++
		}
	}
	e.total += nn.CrossEntropy(nil, logits, e.labels[:nb], k, 1)
	e.next += nb
	return e.next >= e.set.N
}

// Progress returns the examples classified and the set's size.
func (e *Evaluator) Progress() (done, total int) { return e.next, e.set.N }

// Result returns the accuracy and mean cross-entropy over the examples
// classified so far (0, 0 before the first).
func (e *Evaluator) Result() (accuracy, loss float64) {
	if e.next == 0 {
		return 0, 0
	}
	return float64(e.right) / float64(e.next), e.total / float64(e.next)
}
