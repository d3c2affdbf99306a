package scene

import (
	"math"
	"testing"

	"noiseball/core/step"
	"noiseball/wasm/state"
)

// TestSpheresRun: a small run trains, slices (in the plane, class 1 is
// far commoner just beyond R than just inside the unit circle), measures,
// and its numbers are the meter's; progress only grows and ends at its
// total.
func TestSpheresRun(t *testing.T) {
	s, problems := state.Parse("#scene=spheres&n=20&width=64", Scenes)
	if len(problems) > 0 {
		t.Fatal(state.Sentence(problems))
	}
	var p Spheres
	p.Apply(s)
	run, err := NewSpheresRun(p)
	if err != nil {
		t.Fatal(err)
	}
	last := -1
	for !run.Step() {
		d, tot := run.Progress()
		if d < last || d > tot {
			t.Fatalf("progress %d of %d after %d", d, tot, last)
		}
		last = d
	}
	if d, tot := run.Progress(); d != tot {
		t.Errorf("done at %d of %d", d, tot)
	}
	r := run.Result()
	if r.Phase != "done" || len(r.Slice) != SpheresSlice*SpheresSlice || r.Samples != 10000 {
		t.Fatalf("result %+v", r)
	}
	// The slice: the share of class 1 in a band just inside the unit
	// circle and in one around R = 1.3.
	inner, outer, in0, out1 := 0, 0, 0, 0
	for j := range SpheresSlice {
		for i := range SpheresSlice {
			x := -r.Half + (float64(i)+0.5)/SpheresSlice*2*r.Half
			y := r.Half - (float64(j)+0.5)/SpheresSlice*2*r.Half
			switch rad := math.Hypot(x, y); {
			case rad > 0.9 && rad < 1:
				inner++
				if r.Slice[j*SpheresSlice+i] == 0 {
					in0++
				}
			case rad > 1.25 && rad < 1.35:
				outer++
				if r.Slice[j*SpheresSlice+i] == 1 {
					out1++
				}
			}
		}
	}
	if float64(out1)/float64(outer)-(1-float64(in0)/float64(inner)) < 0.3 {
		t.Errorf("slice: class 0 on %d of %d cells by the unit circle, class 1 on %d of %d by the circle of radius R", in0, inner, out1, outer)
	}
	if r.Mu > 0 && !(float64(r.Bound) > 0) {
		t.Errorf("μ %v with bound %v", r.Mu, r.Bound)
	}
	if est := p.Estimate(SpeedOf("go")); !(est > 0 && est < 60) {
		t.Errorf("estimate %v s for a small run", est)
	}
	v := SpheresView{P: p, Res: &r}
	if sum := v.Summary(); len(sum) < 80 {
		t.Errorf("summary %q", sum)
	}
	step.Run(run) // complete: a further step does nothing
}
