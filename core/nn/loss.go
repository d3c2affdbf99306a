package nn

import (
	"fmt"
	"math"
)

// CrossEntropy computes the softmax cross-entropy of each example,
//
//	L_b = log Σ_j exp(z_bj) - z_b,y_b,
//
// writes scale·dL_b/dz_b = scale·(softmax(z_b) - onehot(y_b)) into dlogits
// (batch×classes; pass nil to skip the gradient) and returns Σ_b L_b.
// With scale = 1/batch the gradient is that of the mean loss (training);
// with scale = 1 each example gets its own gradient (attacks).
// It panics if a label is out of range or the sizes do not match.
func CrossEntropy(dlogits, logits []float64, labels []int, classes int, scale float64) float64 {
	batch := len(labels)
	if len(logits) != batch*classes || (dlogits != nil && len(dlogits) != len(logits)) {
		panic(fmt.Sprintf("nn: cross-entropy sizes: %d logits, %d labels, %d classes", len(logits), batch, classes))
	}
	total := 0.0
	for b, y := range labels {
		if y < 0 || y >= classes {
			panic(fmt.Sprintf("nn: label %d out of range [0,%d)", y, classes))
		}
		z := logits[b*classes : (b+1)*classes]
		m := z[0]
		for _, v := range z[1:] {
			m = max(m, v)
		}
		s := 0.0
		for _, v := range z {
			s += math.Exp(v - m)
		}
		lse := m + math.Log(s)
		total += lse - z[y]
		if dlogits != nil {
			d := dlogits[b*classes : (b+1)*classes]
			for j, v := range z {
				d[j] = scale * math.Exp(v-lse)
			}
			d[y] -= scale
		}
	}
	return total
}

// Argmax returns the index of the largest of the first classes values of
// each row of logits: the predicted class of every example. Ties go to
// the lower index. dst must hold len(logits)/classes entries.
func Argmax(dst []int, logits []float64, classes int) {
	if classes <= 0 || len(logits) != len(dst)*classes {
		panic(fmt.Sprintf("nn: argmax of %d logits into %d rows of %d", len(logits), len(dst), classes))
	}
	for b := range dst {
		z := logits[b*classes : (b+1)*classes]
		best := 0
		for j, v := range z {
			if v > z[best] {
				best = j
			}
		}
		dst[b] = best
	}
}
