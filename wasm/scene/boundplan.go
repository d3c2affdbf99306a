package scene

import (
	"slices"

	"noiseball/core/measure"
)

// BoundMeasurement holds the bound scene's numbers for one Bound while
// they are gathered: per model, the shipped series that fits (if any) and
// the points measured in the page. It decides what remains to measure,
// shards it over the workers, merges what comes back and assembles the
// BoundResult; the page only sends the shards and draws.
type BoundMeasurement struct {
	Params Bound
	// Recompute measures every digit in the page, shipped or not, and
	// lets Verify compare the two.
	Recompute bool
	// Waiting is set while the digits still to measure wait for the
	// visitor's "Measure" (the page offers, and does not start, a long
	// measurement): their series read "waiting", not "partial".
	Waiting  bool
	shipped  []*measure.Series       // per model: the shipped series that fits, trimmed to Params.Images, or nil
	measured []map[int]measure.Point // per model: the points by test-set index
	first    []int                   // per model: the first digit to measure in the page
}

// NewBoundMeasurement starts the measurement p; shipped[i] is the series
// `noiseball bound` shipped for model i, or nil. A shipped series is used
// only if it is of that model at p's settings; if it covers fewer than
// p.Images digits, the page measures only the further ones ("extended").
func NewBoundMeasurement(p Bound, shipped []*measure.Series, recompute bool) *BoundMeasurement {
	if len(shipped) != len(p.Models) {
		panic("scene: NewBoundMeasurement with a shipped series per model")
	}
	b := &BoundMeasurement{Params: p, Recompute: recompute, shipped: make([]*measure.Series, len(p.Models)),
		measured: make([]map[int]measure.Point, len(p.Models)), first: make([]int, len(p.Models))}
	for i, m := range p.Models {
		b.measured[i] = map[int]measure.Point{}
		s := shipped[i]
		if s == nil || s.Model != m || s.Settings != p.Settings || len(s.Points) == 0 {
			continue
		}
		t := *s
		t.Points = slices.Clone(s.Points[:min(len(s.Points), p.Images)])
		b.shipped[i] = &t
		if !recompute {
			b.first[i] = len(t.Points)
			for _, pt := range t.Points {
				b.measured[i][pt.Index] = pt
			}
		}
	}
	return b
}

// BoundShard is one job of a BoundMeasurement: model Model (an index into
// Params.Models) on the test digits Indices.
type BoundShard struct {
	Model   int
	Indices []int
}

// Shards returns the jobs that measure what is not shipped, each model's
// digits dealt round-robin into at most n shards, so n workers finish
// together and a shard's partial results fill the figure evenly.
func (b *BoundMeasurement) Shards(n int) []BoundShard {
	if n < 1 {
		panic("scene: Shards of fewer than one worker")
	}
	var out []BoundShard
	for i := range b.Params.Models {
		for k := range min(n, b.Params.Images-b.first[i]) {
			sh := BoundShard{Model: i}
			for j := b.first[i] + k; j < b.Params.Images; j += n {
				sh.Indices = append(sh.Indices, j)
			}
			out = append(out, sh)
		}
	}
	return out
}

// Add merges points measured for model i and reports whether any was new
// (a redraw is due).
func (b *BoundMeasurement) Add(i int, pts []measure.Point) bool {
	before := len(b.measured[i])
	for _, pt := range pts {
		b.measured[i][pt.Index] = pt
	}
	return len(b.measured[i]) != before
}

// Result assembles the numbers so far: per model, the shipped series
// where it covers everything (and no recompute is asked), else the points
// in hand in index order, with where they came from.
func (b *BoundMeasurement) Result() *BoundResult {
	r := &BoundResult{Params: b.Params}
	for i, m := range b.Params.Models {
		if s := b.shipped[i]; s != nil && !b.Recompute && len(s.Points) == b.Params.Images {
			r.Series = append(r.Series, *s)
			r.Source = append(r.Source, "precomputed")
			continue
		}
		s := measure.Series{Model: m, Settings: b.Params.Settings}
		for _, pt := range b.measured[i] {
			s.Points = append(s.Points, pt)
		}
		slices.SortFunc(s.Points, func(a, c measure.Point) int { return a.Index - c.Index })
		src := "measured"
		switch {
		case len(s.Points) < b.Params.Images && b.Waiting:
			src = "waiting"
		case len(s.Points) < b.Params.Images:
			src = "partial"
		case b.shipped[i] != nil && !b.Recompute:
			src = "extended"
		}
		r.Series = append(r.Series, s)
		r.Source = append(r.Source, src)
	}
	return r
}

// Verify counts, after a recompute, the shipped points and how many of
// them the page measured the same (measure.Point.Agrees).
func (b *BoundMeasurement) Verify() (same, total int) {
	for i, s := range b.shipped {
		if s == nil {
			continue
		}
		for _, pt := range s.Points {
			total++
			if got, ok := b.measured[i][pt.Index]; ok && got.Agrees(pt) {
				same++
			}
		}
	}
	return same, total
}

// AskAbove is the longest job, in estimated seconds, the page starts
// without being asked: a longer one waits for the visitor's "Measure",
// with its estimate shown.
const AskAbove = 20.0

// Estimate returns the seconds shards would take on workers workers
// computing at speed s, where flops[i] is model i's floating-point
// operations per example (nn.Cost.FLOPs): each digit costs
// s.DigitPasses forward passes at s.FLOPS on one worker (its work, the
// noisy copies and the searches from them, scales with the network's
// forward pass), and Shards balances the digits over the workers.
func (b *BoundMeasurement) Estimate(shards []BoundShard, flops []float64, workers int, s Speed) float64 {
	if workers < 1 || len(flops) != len(b.Params.Models) || !(s.FLOPS > 0) {
		panic("scene: Estimate needs a FLOP count per model, a worker and a speed")
	}
	total := 0.0
	for _, sh := range shards {
		total += float64(len(sh.Indices)) * flops[sh.Model] * s.DigitPasses / s.FLOPS
	}
	return total / float64(workers)
}
