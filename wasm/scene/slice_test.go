package scene

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/data"
	"noiseball/core/noise"
	"noiseball/core/step"
)

// TestSliceNoiseOverlay recomputes the slice's noise overlay from its
// definition: copy i is x + δ_i with δ_i drawn in order from
// PCG(seed, image), placed across at ⟨δ_i, U⟩ and up at
// sign(⟨δ_i, V⟩)·√(‖δ_i‖² − ⟨δ_i, U⟩²), and marked wrong when the model
// misreads it; the wrong ones are μ's errors.
func TestSliceNoiseOverlay(t *testing.T) {
	net := assettest.Model(t, "linear-clean")
	test := assettest.TestSet(t)
	const image, sigma = 3, 0.6
	x := make([]float64, data.MNISTPixels)
	y := test.Example(x, image)
	pixels := make([]byte, data.MNISTPixels)
	data.PixelsToBytes(pixels, x)
	data.BytesToPixels(x, pixels)
	p := Slice{Model: "linear-clean", Image: image, Sigma: sigma, Plane: "error", Seed: 4}
	run, err := NewSliceRun(p, net, y, pixels)
	if err != nil {
		t.Fatal(err)
	}
	step.Run(run)
	res := run.Result()
	if len(res.NoiseS) != SliceNoise || len(res.NoiseT) != SliceNoise || len(res.NoiseWrong) != SliceNoise {
		t.Fatalf("%d, %d and %d overlay entries for %d copies", len(res.NoiseS), len(res.NoiseT), len(res.NoiseWrong), SliceNoise)
	}
	r := rand.New(rand.NewPCG(p.Seed, image))
	v := make([]float64, len(x))
	wrong := 0
	up, down := 0, 0
	for i := range SliceNoise {
		noise.Noisy(v, x, sigma, r)
		var su, sv, rr float64
		for k := range x {
			d := v[k] - x[k]
			su += d * res.U[k]
			sv += d * res.V[k]
			rr += d * d
		}
		tt := math.Copysign(math.Sqrt(rr-su*su), sv)
		if math.Abs(float64(res.NoiseS[i])-su) > 1e-5*math.Sqrt(rr) || math.Abs(float64(res.NoiseT[i])-tt) > 1e-5*math.Sqrt(rr) {
			t.Fatalf("copy %d placed at (%v, %v), want (%v, %v)", i, res.NoiseS[i], res.NoiseT[i], su, tt)
		}
		z := net.Logits(v, 1)
		pred := 0
		for c := range z {
			if z[c] > z[pred] {
				pred = c
			}
		}
		if res.NoiseWrong[i] != (pred != y) {
			t.Fatalf("copy %d marked wrong %v; the model reads %d for a %d", i, res.NoiseWrong[i], pred, y)
		}
		if res.NoiseWrong[i] {
			wrong++
		}
		if tt > 0 {
			up++
		} else {
			down++
		}
	}
	if wrong != res.Errors || up == 0 || down == 0 {
		t.Errorf("%d copies wrong, %d errors; %d up, %d down", wrong, res.Errors, up, down)
	}
}

// TestSliceSummarySaysOnlyWhatIsMeasured: while the search runs and
// before all noisy copies are in, the summary says it is measuring (no
// "μ = ∞ … from 0 noisy copies"); a misread digit is its own nearest
// error, said in words; μ = 0 has no bound, not "∞".
func TestSliceSummarySaysOnlyWhatIsMeasured(t *testing.T) {
	r := SliceResult{Params: Slice{Model: "cnn-clean", Image: 3, Sigma: 0.3}, Label: 0, Pred: 0,
		Distance: Float(math.Inf(1)), InNoise: newInNoise(), Radius: 8.4}
	for _, c := range []struct {
		setup        func()
		want, absent string
	}{
		{func() {}, "searching for the nearest error", "∞"},
		{func() {}, "measuring 500 noisy copies", "from 0 noisy copies"},
		{func() { r.U = []float64{1}; r.Found, r.Distance = true, 1.25 }, "the nearest error found is 1.25 away", "searching"},
		{func() { r.add(0, SliceNoise, 0.3) }, "μ = 0 (95%: 0 to", "∞"},
		{func() {}, "unbounded", "= ∞"},
		{func() { r.Pred, r.Distance = 6, 0 }, "already misreads it (as a 6)", "nearest error found is 0"},
	} {
		c.setup()
		got := r.Summary()
		if !strings.Contains(got, c.want) || strings.Contains(got, c.absent) {
			t.Errorf("summary %q: want %q, not %q", got, c.want, c.absent)
		}
	}
}

// TestNumNegativeZero: -0 reads "0".
func TestNumNegativeZero(t *testing.T) {
	if got := Num(math.Copysign(0, -1)); got != "0" {
		t.Errorf("Num(-0) = %q", got)
	}
}

// TestSliceProgressWeighsTheSearch: on the cnn the nearest-error search
// (one step) counts as much as the whole grid, so that the time left
// that the page reads from Progress holds from the first report; on a
// linear model, whose nearest error is exact, it counts one step. After
// the search step the cnn run is about half done.
func TestSliceProgressWeighsTheSearch(t *testing.T) {
	test := assettest.TestSet(t)
	x := make([]float64, data.MNISTPixels)
	pixels := make([]byte, data.MNISTPixels)
	y := test.Example(x, 0)
	data.PixelsToBytes(pixels, x)
	grid := SliceGrid * SliceGrid / gridBatch
	for _, c := range []struct {
		model  string
		search int
	}{{"linear-clean", 1}, {"cnn-clean", grid}} {
		run, err := NewSliceRun(Slice{Model: c.model, Sigma: 0.3, Seed: 1, Plane: "error"}, assettest.Model(t, c.model), y, pixels)
		if err != nil {
			t.Fatal(err)
		}
		done, total := run.Progress()
		if want := c.search + SliceNoise/noiseBatch + grid; done != 0 || total != want {
			t.Fatalf("%s: progress %d of %d before any step, want 0 of %d", c.model, done, total, want)
		}
		run.Step()
		if done, total = run.Progress(); done != c.search {
			t.Errorf("%s: progress %d of %d after the search, want %d", c.model, done, total, c.search)
		}
	}
}
