package train

import (
	"noiseball/core/data"
	"noiseball/core/nn"
)

// Evaluate returns the accuracy and mean cross-entropy of m on every
// example of set, in batches of batch examples.
func Evaluate(m nn.Model, set *data.Set, batch int) (accuracy, loss float64) {
	if set.N == 0 {
		return 0, 0
	}
	d, k := set.Dim(), m.Classes()
	x := make([]float64, batch*d)
	labels := make([]int, batch)
	pred := make([]int, batch)
	idx := make([]int, batch)
	right, total := 0, 0.0
	for first := 0; first < set.N; first += batch {
		nb := min(batch, set.N-first)
		for i := range nb {
			idx[i] = first + i
		}
		set.Batch(x[:nb*d], labels[:nb], idx[:nb])
		logits := m.Logits(x[:nb*d], nb)
		nn.Argmax(pred[:nb], logits, k)
		for i := range nb {
			if pred[i] == labels[i] {
				right++
			}
		}
		total += nn.CrossEntropy(nil, logits, labels[:nb], k, 1)
	}
	return float64(right) / float64(set.N), total / float64(set.N)
}
