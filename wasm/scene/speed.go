package scene

// Speed is how fast one compute worker runs the engine, as the page's
// time estimates assume it. Every estimate counts its work in forward
// passes of the network (nn.Cost.FLOPs each, multiply-adds counted
// twice; a backward pass is two) and divides by one of these rates, so a
// job's estimate follows the kernel the worker computes with.
type Speed struct {
	// Kernel is the matrix kernel it describes, as gemm.Kernel names it
	// ("simd128" or "go"), or "page": Go's kernels stepped by the page
	// itself in slices between frames, where it has no workers.
	Kernel string
	// FLOPS is the rate of batched work on the cnn (training in batches
	// of 32, evaluation, PGD), in floating-point operations a second.
	FLOPS float64
	// SmallFLOPS is the rate on the spheres scene's small fully
	// connected networks, whose layers are too narrow to fill the
	// kernel's tiles.
	SmallFLOPS float64
	// SearchPasses is what one nearest-error search of the compare
	// scene costs, in forward passes at FLOPS: its gradient steps are of
	// batch 1, which fills the SIMD kernel's tiles less than a batch does.
	SearchPasses float64
	// DigitPasses is what one digit of the bound scene costs (its noisy
	// copies and nine nearest-error searches), in forward passes at
	// FLOPS.
	DigitPasses float64
}

// Speeds are the two kernels' speeds in one worker, fitted to the
// scenes' times that `NB_BENCH=scenes go test -run TestBenchBrowser
// ./tools/browsertest` measured, two runs each, from the click to the
// figure (downloads included), in headless Chromium on the project's
// 2-core AMD EPYC (README, "Speed"): training 10,000 digits (13.7 and
// 15.8 s on the SIMD kernel, 40.0 and 35.3 s on Go's) gives FLOPS, the
// spheres scene's default run (2.5, 2.7 s; 5.9, 6.8 s) SmallFLOPS,
// cnn-clean in the compare scene (6.8, 6.8 s; 21.6, 21.8 s)
// SearchPasses, and 10 digits of the bound scene (28.5, 25.7 s; 112.1,
// 102.6 s) DigitPasses. The page stepping jobs itself between frames
// (no workers: an offline file) gets Go's kernels at about 45% duty, 8 ms
// of work a 16.7 ms frame (localBudget in wasm/app), not measured. A
// slower machine finishes later than estimated: the estimates decide
// whether a job starts at once or waits for the visitor's "Measure"
// (AskAbove), and a running job's time left follows its own pace
// (TimeLeft).
var Speeds = []Speed{
	{Kernel: "simd128", FLOPS: 4.6e9, SmallFLOPS: 2.5e9, SearchPasses: 380, DigitPasses: 7900},
	{Kernel: "go", FLOPS: 1.8e9, SmallFLOPS: 1e9, SearchPasses: 690, DigitPasses: 12000},
	{Kernel: "page", FLOPS: 0.8e9, SmallFLOPS: 0.45e9, SearchPasses: 690, DigitPasses: 12000},
}

// SpeedOf returns the speed of the named kernel; an unknown name gets
// the slowest, the page's own.
func SpeedOf(kernel string) Speed {
	for _, s := range Speeds {
		if s.Kernel == kernel {
			return s
		}
	}
	return Speeds[len(Speeds)-1]
}

// TimeLeftPrior is how much of a job's work the page's estimate weighs
// as, when TimeLeft blends it with the job's own pace.
const TimeLeftPrior = 0.1

// TimeLeft returns the seconds a job should still take that has done
// done of total units of work in elapsed seconds, given the page's
// estimate of the whole job in seconds (0: none). The job's own pace is
// a poor guide at first, when its first units also pay for a worker's
// start and a model's download, so the estimate counts as if it had been
// observed over a TimeLeftPrior share of the work: with f = done/total
// and p = TimeLeftPrior, the seconds per whole job are
// (estimate·p + elapsed)/(p + f), and (1−f) of that is left. With no
// estimate it is the pace alone, elapsed·(1−f)/f; with nothing done, the
// estimate (0 if there is none).
func TimeLeft(elapsed float64, done, total int, estimate float64) float64 {
	if total <= 0 || done >= total {
		return 0
	}
	f := float64(max(done, 0)) / float64(total)
	p := TimeLeftPrior
	if !(estimate > 0) {
		estimate, p = 0, 0
	}
	if f+p == 0 {
		return 0
	}
	return (1 - f) * (estimate*p + elapsed) / (p + f)
}
