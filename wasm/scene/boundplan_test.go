package scene

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"noiseball/core/measure"
)

func series(model string, s measure.Settings, n int) *measure.Series {
	out := &measure.Series{Model: model, Settings: s}
	for i := range n {
		out.Points = append(out.Points, measure.Point{Index: i, Label: i % 10, Fig4Point: measure.Fig4Point{Mu: 0.01 * float64(i+1)}})
	}
	return out
}

// TestBoundMeasurementShipped: a shipped series that fits shows at once
// and needs no job; one at other settings is ignored; a short one is
// extended by measuring only the further digits.
func TestBoundMeasurementShipped(t *testing.T) {
	p := Bound{Models: []string{"a", "b"}, Images: 10, Settings: measure.DefaultSettings}
	other := measure.DefaultSettings
	other.Sigma = 0.5
	b := NewBoundMeasurement(p, []*measure.Series{series("a", p.Settings, 50), series("b", other, 50)}, false)
	r := b.Result()
	if !slices.Equal(r.Source, []string{"precomputed", "partial"}) || len(r.Series[0].Points) != 10 || len(r.Series[1].Points) != 0 {
		t.Fatalf("sources %v, %d and %d points", r.Source, len(r.Series[0].Points), len(r.Series[1].Points))
	}
	sh := b.Shards(3)
	var got []int
	for _, s := range sh {
		if s.Model != 1 {
			t.Fatalf("a shard of the shipped model: %+v", s)
		}
		got = append(got, s.Indices...)
	}
	slices.Sort(got)
	if len(sh) != 3 || !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) || !slices.Equal(sh[1].Indices, []int{1, 4, 7}) {
		t.Errorf("shards %+v", sh)
	}

	short := NewBoundMeasurement(Bound{Models: []string{"a"}, Images: 12, Settings: p.Settings}, []*measure.Series{series("a", p.Settings, 10)}, false)
	sh = short.Shards(4)
	if len(sh) != 2 || !slices.Equal(sh[0].Indices, []int{10}) || !slices.Equal(sh[1].Indices, []int{11}) {
		t.Fatalf("extending 10 shipped points to 12: shards %+v", sh)
	}
	if !short.Add(0, []measure.Point{{Index: 11}}) || short.Add(0, []measure.Point{{Index: 11}}) {
		t.Error("Add did not tell a new point from a repeated one")
	}
	short.Add(0, []measure.Point{{Index: 10}})
	r = short.Result()
	if r.Source[0] != "extended" || len(r.Series[0].Points) != 12 || r.Series[0].Points[11].Index != 11 {
		t.Errorf("extended result: %v, %d points", r.Source, len(r.Series[0].Points))
	}
}

// TestBoundMeasurementRecompute: recomputing measures every digit, shows
// them as measured, and Verify compares them with the shipped ones.
func TestBoundMeasurementRecompute(t *testing.T) {
	p := Bound{Models: []string{"a"}, Images: 4, Settings: measure.DefaultSettings}
	ship := series("a", p.Settings, 4)
	b := NewBoundMeasurement(p, []*measure.Series{ship}, true)
	if r := b.Result(); r.Source[0] != "partial" || len(r.Series[0].Points) != 0 {
		t.Fatalf("before measuring: %v, %d points", r.Source, len(r.Series[0].Points))
	}
	sh := b.Shards(1)
	if len(sh) != 1 || !slices.Equal(sh[0].Indices, []int{0, 1, 2, 3}) {
		t.Fatalf("shards %+v", sh)
	}
	pts := slices.Clone(ship.Points)
	pts[2].Count++ // one digit disagrees
	slices.Reverse(pts)
	b.Add(0, pts)
	r := b.Result()
	if r.Source[0] != "measured" || !reflect.DeepEqual(r.Series[0].Points[0], ship.Points[0]) || r.Series[0].Points[3].Index != 3 {
		t.Errorf("after measuring: %v, %+v", r.Source, r.Series[0].Points)
	}
	if same, total := b.Verify(); same != 3 || total != 4 {
		t.Errorf("Verify = %d of %d, want 3 of 4", same, total)
	}
}

func TestLatchAndSame(t *testing.T) {
	var l Latch[Slice]
	a := Slice{Model: "m", Image: 3, Sigma: 0.3}
	if !l.Changed(a) {
		t.Error("an empty latch reports no change")
	}
	l.Set(a)
	b := a
	b.Sigma = 0.31
	if l.Changed(a) || !l.Changed(b) {
		t.Error("the latch does not compare values")
	}
	l.Reset()
	if !l.Changed(a) {
		t.Error("a reset latch reports no change")
	}
	p := Bound{Models: []string{"a", "b"}, Images: 5, Settings: measure.DefaultSettings, View: "fig4"}
	q := p
	q.Models = []string{"a", "b"}
	q.View, q.Smooth = "fig2", true
	if !p.Same(q) {
		t.Error("how a measurement is drawn changed its identity")
	}
	q.Models = []string{"a"}
	if p.Same(q) {
		t.Error("dropping a model kept the measurement")
	}
}

// TestBoundEstimate: a digit costs Speed.DigitPasses forward passes,
// shipped digits are free, the workers share the rest; 50 cnn digits on
// one worker must be asked for and 10 linear digits need not be, on
// either kernel.
func TestBoundEstimate(t *testing.T) {
	const cnn, linear = 1.58368e6, 15680
	for _, s := range Speeds {
		b := NewBoundMeasurement(Bound{Models: []string{"cnn-clean"}, Images: 50}, []*measure.Series{nil}, false)
		one := b.Estimate(b.Shards(1), []float64{cnn}, 1, s)
		if want := 50 * cnn * s.DigitPasses / s.FLOPS; math.Abs(one-want) > 1e-9*want || one <= AskAbove {
			t.Errorf("%s: 50 cnn digits on one worker: %v s, want %v and above AskAbove", s.Kernel, one, want)
		}
		if two := b.Estimate(b.Shards(2), []float64{cnn}, 2, s); math.Abs(two-one/2) > 1e-9*one || two <= AskAbove {
			t.Errorf("%s: on two workers: %v s, want %v and above AskAbove", s.Kernel, two, one/2)
		}
		shipped := &measure.Series{Model: "cnn-clean", Points: make([]measure.Point, 40)}
		if part := NewBoundMeasurement(Bound{Models: []string{"cnn-clean"}, Images: 50}, []*measure.Series{shipped}, false); true {
			if got := part.Estimate(part.Shards(1), []float64{cnn}, 1, s); math.Abs(got-one/5) > 1e-9*one {
				t.Errorf("%s: 10 of 50 digits to measure: %v s, want %v", s.Kernel, got, one/5)
			}
		}
		l := NewBoundMeasurement(Bound{Models: []string{"linear-clean"}, Images: 10}, []*measure.Series{nil}, false)
		if got := l.Estimate(l.Shards(1), []float64{linear}, 1, s); got > AskAbove {
			t.Errorf("%s: 10 linear digits: %v s, over AskAbove", s.Kernel, got)
		}
	}
}

// TestAbout: durations read as a person says them.
func TestAbout(t *testing.T) {
	for s, want := range map[float64]string{0.2: "about 1 s", 8.4: "about 8 s", 89: "about 89 s", 240: "about 4 min", 4136: "about 69 min", 23400: "about 6 h 30 min"} {
		if got := About(s); got != want {
			t.Errorf("About(%v) = %q, want %q", s, got, want)
		}
	}
}

// TestBoundWaitingSource: digits offered and not yet asked for read as
// waiting, not as being measured.
func TestBoundWaitingSource(t *testing.T) {
	b := NewBoundMeasurement(Bound{Models: []string{"cnn-clean"}, Images: 20}, []*measure.Series{nil}, false)
	b.Waiting = true
	r := b.Result()
	if r.Source[0] != "waiting" || !strings.Contains(r.Summary(), "0 of 20 digits shipped with the page; “Measure” measures the rest here") {
		t.Errorf("source %q, summary %q", r.Source[0], r.Summary())
	}
	b.Waiting = false
	if r := b.Result(); r.Source[0] != "partial" {
		t.Errorf("asked for: source %q", r.Source[0])
	}
}
