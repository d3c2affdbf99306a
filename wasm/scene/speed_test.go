package scene

import (
	"math"
	"testing"
)

// TestSpeeds: each kernel is known by its name, an unknown one gets the
// slowest, and the SIMD kernel is the fastest at every kind of work, the
// page stepping jobs itself the slowest.
func TestSpeeds(t *testing.T) {
	for _, s := range Speeds {
		if SpeedOf(s.Kernel) != s {
			t.Errorf("SpeedOf(%q) = %+v", s.Kernel, SpeedOf(s.Kernel))
		}
		if !(s.FLOPS > 0 && s.SmallFLOPS > 0 && s.SearchPasses > 0 && s.DigitPasses > 0) {
			t.Errorf("%s: %+v", s.Kernel, s)
		}
	}
	simd, goK, page := SpeedOf("simd128"), SpeedOf("go"), SpeedOf("page")
	if SpeedOf("unknown") != page {
		t.Errorf("an unknown kernel gets %+v", SpeedOf("unknown"))
	}
	digit := func(s Speed) float64 { return s.DigitPasses / s.FLOPS }
	if !(simd.FLOPS > goK.FLOPS && goK.FLOPS > page.FLOPS && simd.SmallFLOPS > goK.SmallFLOPS &&
		goK.SmallFLOPS > page.SmallFLOPS && digit(simd) < digit(goK) && digit(goK) < digit(page)) {
		t.Errorf("speeds out of order: %+v", Speeds)
	}
}

// TestTimeLeft: with nothing done the estimate; a job a slow first step
// put behind is not projected from that step alone; the pace wins as the
// work gets done, on a machine four times slower than estimated too;
// without an estimate the pace alone.
func TestTimeLeft(t *testing.T) {
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Max(1, want) }
	if got := TimeLeft(0, 0, 100, 25); !near(got, 25) {
		t.Errorf("nothing done: %v s left, want the estimate 25", got)
	}
	// 1% done after 0.83 s of start-up: the pace says 82 s; the estimate
	// of 25 s keeps it near 30.
	if got := TimeLeft(0.83, 1, 100, 25); !near(got, 0.99*(2.5+0.83)/0.11) || got > 31 {
		t.Errorf("1%% done in 0.83 s: %v s left", got)
	}
	if pace := TimeLeft(0.83, 1, 100, 0); !near(pace, 0.83*99) {
		t.Errorf("no estimate: %v s left, want the pace's %v", pace, 0.83*99)
	}
	// Four times slower than estimated (100 s against 25): by half way the
	// answer is within 15% of the 50 s truly left, and it nears the truth.
	prev := math.Inf(1)
	for _, d := range []int{50, 80, 95} {
		truth := 100 * (1 - float64(d)/100)
		got := TimeLeft(float64(d), d, 100, 25)
		if math.Abs(got-truth) > 0.15*truth || math.Abs(got-truth) > prev {
			t.Errorf("%d%% done at a slow pace: %v s left, truly %v", d, got, truth)
		}
		prev = math.Abs(got - truth)
	}
	if TimeLeft(10, 100, 100, 25) != 0 || TimeLeft(1, 0, 0, 25) != 0 || TimeLeft(0, 0, 10, 0) != 0 {
		t.Error("a finished, empty or unestimated unstarted job has time left")
	}
}
