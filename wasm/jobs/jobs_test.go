package jobs

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"noiseball/core/attack"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"

	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

func isoParams(t *testing.T, samples int) []byte {
	c := scene.NewIso(state.Defaults(scene.Find(scene.IsoperimetryID)))
	c.Samples = samples
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestMeasureSameBytesHoweverStepped: a job run in small slices (the
// page without workers) gives the bytes of one run to the end (a worker).
func TestMeasureSameBytesHoweverStepped(t *testing.T) {
	p := isoParams(t, 50000)
	a, _ := New(IsoMeasure, p, nil)
	for !RunFor(a, time.Hour) {
	}
	b, _ := New(IsoMeasure, p, nil)
	steps := 0
	for !RunFor(b, 0) {
		steps++
		if d, n := b.Progress(); d >= n {
			t.Fatal("progress reached the total before the job finished")
		}
	}
	ra, err := a.Result()
	if err != nil {
		t.Fatal(err)
	}
	rb, _ := b.Result()
	if steps < 5 || !bytes.Equal(ra, rb) {
		t.Errorf("%d steps; results equal: %v", steps, bytes.Equal(ra, rb))
	}
	var res scene.IsoResult
	if err := json.Unmarshal(ra, &res); err != nil || res.Samples != 50000 || res.Mu <= 0 {
		t.Errorf("result %+v, %v", res.Samples, err)
	}
}

func TestMatchJob(t *testing.T) {
	c := scene.NewIso(state.Defaults(scene.Find(scene.IsoperimetryID)))
	c.Shape = "halfplane"
	p, _ := json.Marshal(MatchParams{Iso: c, Target: 0.01})
	j, err := New(IsoMatch, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d, n := j.Progress(); d != 0 || n != 1 {
		t.Errorf("progress before %d/%d", d, n)
	}
	RunFor(j, 0)
	b, err := j.Result()
	var r MatchResult
	if err != nil || json.Unmarshal(b, &r) != nil || r.Param != "dist" || r.Value < 2.2 || r.Value > 2.45 {
		t.Errorf("match: %s, %v; want dist near 2.326", b, err)
	}
}

func TestNewRejectsBadParameters(t *testing.T) {
	for _, c := range []struct{ kind, params string }{
		{"nope", "{}"},
		{IsoMeasure, "{"},
		{IsoMeasure, `{"shape":"disk","sigma":0,"samples":10}`},
		{IsoMeasure, `{"shape":"cube","sigma":1,"samples":10000}`},
		{IsoMeasure, `{"shape":"disk","sigma":1,"samples":1e12}`},
		{IsoMeasure, `{"shape":"paint","sigma":1,"samples":10,"paint":"!"}`},
		{IsoMatch, `{"iso":{"shape":"disk","sigma":1},"target":2}`},
	} {
		if _, err := New(c.kind, []byte(c.params), nil); err == nil {
			t.Errorf("New(%s, %s) accepted", c.kind, c.params)
		}
	}
}

// FuzzNew: no parameters crash job construction.
func FuzzNew(f *testing.F) {
	f.Add(IsoMeasure, `{"shape":"disk","sigma":1,"r":1,"half":30,"width":0.3,"samples":1000,"seed":1}`, []byte(nil))
	f.Add(IsoMatch, `{"iso":{"shape":"wedge","sigma":1,"r":1,"half":30,"width":0.3,"samples":1000,"seed":1},"target":0.1}`, []byte(nil))
	f.Add(Slice, `{"model":"x","image":3,"sigma":0.3,"plane":"error","seed":1}`, make([]byte, 800))
	f.Add(Misclassified, `{"model":"x","first":3}`, append([]byte{0, 0, 0, 1, 7}, make([]byte, 800)...))
	f.Add(Digit, `{"model":"x","sigma":0.3,"seed":1}`, make([]byte, 900))
	f.Add(Bound, `{"model":"x","indices":[4],"settings":{"sigma":0.3,"rate_samples":10,"starts":1,"fig2_samples":5,"seed":1}}`, append([]byte{0, 0, 0, 1, 7}, make([]byte, 800)...))
	f.Fuzz(func(t *testing.T, kind, params string, data []byte) {
		j, err := New(kind, []byte(params), data)
		if err != nil {
			return
		}
		RunFor(j, 10*time.Millisecond)
	})
}

// TestSliceJob runs the slice job on the shipped linear-clean model and a
// drawn "1": the nearest error matches attack.Exact (the oracle for
// linear models), partial results fill the whole grid coarse to fine, and
// the finished grid has the clean point's class at its centre.
func TestSliceJob(t *testing.T) {
	weights, err := os.ReadFile(filepath.Join("..", "..", "site", "assets", "models", "linear-clean.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	pixels := make([]byte, 784)
	for r := 5; r < 23; r++ {
		pixels[r*28+13], pixels[r*28+14] = 255, 200
	}
	p, _ := json.Marshal(scene.Slice{Model: "linear-clean", Image: 1, Sigma: 0.8, Plane: "error", Seed: 1})
	j, err := New(Slice, p, SliceData(1, pixels, weights))
	if err != nil {
		t.Fatal(err)
	}
	pj := j.(Partial)
	sawPartial := false
	for !j.Step() {
		var r scene.SliceResult
		if err := json.Unmarshal(pj.Partial(), &r); err != nil {
			t.Fatal(err)
		}
		if r.Cells > 0 && r.Cells < scene.SliceGrid*scene.SliceGrid {
			sawPartial = true
			for _, c := range r.Classes {
				if c < 0 {
					t.Fatalf("a partial grid of %d cells has an unfilled cell", r.Cells)
				}
			}
		}
	}
	b, _ := j.Result()
	var r scene.SliceResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	net, _, _ := nn.Load(bytes.NewReader(weights))
	x := make([]float64, 784)
	for i, v := range pixels {
		x[i] = float64(v) / 255
	}
	want := attack.Exact{}.Nearest(net, x, r.Label)
	if r.Pred == r.Label && (!r.Found || math.Abs(float64(r.Distance)-want.Distance) > 1e-9) {
		t.Errorf("nearest distance %v, exact %v", r.Distance, want.Distance)
	}
	if d, n := j.Progress(); d != n || !sawPartial || r.Samples != scene.SliceNoise {
		t.Errorf("progress %d/%d, partial seen %v, %d noise samples", d, n, sawPartial, r.Samples)
	}
	// The overlay: one placed copy per sample, as many wrong as errors,
	// each at its distance ‖δ‖ ≈ σ√n from x, and μ as noise.ErrorRate
	// measures it from the same seed.
	wrong := 0
	for i, w := range r.NoiseWrong {
		if w {
			wrong++
		}
		if d := math.Hypot(float64(r.NoiseS[i]), float64(r.NoiseT[i])); math.Abs(d-r.Radius) > 0.15*r.Radius {
			t.Errorf("noisy copy %d placed %v from x; the noise radius is %v", i, d, r.Radius)
		}
	}
	rate := noise.ErrorRate(net, x, r.Label, 0.8, scene.SliceNoise, rand.New(rand.NewPCG(1, 1)))
	if len(r.NoiseS) != r.Samples || len(r.NoiseT) != r.Samples || wrong != r.Errors || rate.Errors != r.Errors {
		t.Errorf("%d/%d placed copies, %d wrong, %d errors; noise.ErrorRate finds %d", len(r.NoiseS), len(r.NoiseT), wrong, r.Errors, rate.Errors)
	}
	mid := scene.SliceGrid/2*scene.SliceGrid + scene.SliceGrid/2
	if int(r.Classes[mid]) != r.Pred {
		t.Errorf("the grid's centre has class %d, the digit is predicted %d", r.Classes[mid], r.Pred)
	}
	if _, err := New(Slice, p, SliceData(1, pixels, weights[:100])); err == nil {
		t.Error("truncated weights were accepted")
	}
	// The random plane: same numbers, a plane with no error direction in
	// it, so the nearest error is not on the horizontal axis.
	pr, _ := json.Marshal(scene.Slice{Model: "linear-clean", Image: 1, Sigma: 0.8, Plane: "random", Seed: 1})
	jr, err := New(Slice, pr, SliceData(1, pixels, weights))
	if err != nil {
		t.Fatal(err)
	}
	for !jr.Step() {
	}
	br, _ := jr.Result()
	var rr scene.SliceResult
	json.Unmarshal(br, &rr)
	if rr.Distance != r.Distance || rr.Errors != r.Errors || r.Errors == 0 {
		t.Errorf("the random plane changed the numbers: %v, %d errors; want %v, %d", rr.Distance, rr.Errors, r.Distance, r.Errors)
	}
	dot := 0.0
	for i := range rr.U {
		dot += rr.U[i] * (r.Adv[i] - x[i])
	}
	if math.Abs(dot) > 0.5*float64(r.Distance) {
		t.Errorf("the random plane's U has %.3f of the error direction's length %.3f", dot, float64(r.Distance))
	}
}

// TestMisclassifiedJob: among a drawn "1" (which linear-clean gets right
// or wrong) and blank digits labeled 5, the job finds the first digit
// whose prediction differs from its label, checked against the model.
func TestMisclassifiedJob(t *testing.T) {
	weights, err := os.ReadFile(filepath.Join("..", "..", "site", "assets", "models", "linear-clean.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	net, _, _ := nn.Load(bytes.NewReader(weights))
	const n = 70
	labels, pixels := make([]byte, n), make([]byte, n*784)
	want := -1
	for i := range n {
		labels[i] = byte(i % 10)
		for k := range 784 {
			pixels[i*784+k] = byte((i*31 + k*7) % 256 * (k % 3 / 2))
		}
		x := make([]float64, 784)
		for k := range x {
			x[k] = float64(pixels[i*784+k]) / 255
		}
		pred := []int{0}
		nn.Argmax(pred, net.Logits(x, 1), 10)
		if want < 0 && pred[0] != int(labels[i]) {
			want = 100 + i
		}
	}
	p, _ := json.Marshal(MisclassifiedParams{Model: "linear-clean", First: 100})
	j, err := New(Misclassified, p, DigitsData(labels, pixels, weights))
	if err != nil {
		t.Fatal(err)
	}
	RunFor(j, time.Hour)
	b, _ := j.Result()
	var r MisclassifiedResult
	if json.Unmarshal(b, &r) != nil || r.Index != want || want < 0 {
		t.Errorf("found %s; the model first errs at %d", b, want)
	}
	if _, err := New(Misclassified, p, DigitsData(labels, pixels[:100], weights)); err == nil {
		t.Error("short pixel data was accepted")
	}
}

// TestBoundJob: the bound job, stepped in small slices, gives for each
// digit exactly measure.Run's point (what 'noiseball bound' prints), in
// the order sent, with partial results growing one point at a time.
func TestBoundJob(t *testing.T) {
	weights, err := os.ReadFile(filepath.Join("..", "..", "site", "assets", "models", "linear-clean.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	net, _, _ := nn.Load(bytes.NewReader(weights))
	indices := []int{7, 2, 40}
	labels, pixels := make([]byte, len(indices)), make([]byte, len(indices)*784)
	for i := range indices {
		labels[i] = byte(3 * i)
		for k := 300; k < 500; k += 3 {
			pixels[i*784+k] = byte(80 * (i + 1))
		}
	}
	set := measure.Settings{Sigma: 0.4, RateSamples: 300, Starts: 4, Fig2Samples: 60, Seed: 3}
	p, _ := json.Marshal(BoundParams{Model: "linear-clean", Indices: indices, Settings: set})
	j, err := New(Bound, p, DigitsData(labels, pixels, weights))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for !RunFor(j, 0) {
		var part []measure.Point
		if err := json.Unmarshal(j.(Partial).Partial(), &part); err != nil || len(part) < seen {
			t.Fatalf("partial %d points after %d: %v", len(part), seen, err)
		}
		seen = len(part)
	}
	b, _ := j.Result()
	var got []measure.Point
	if err := json.Unmarshal(b, &got); err != nil || len(got) != len(indices) {
		t.Fatalf("result %s: %v", b, err)
	}
	for i, idx := range indices {
		x := make([]float64, 784)
		for k := range x {
			x[k] = float64(pixels[i*784+k]) / 255
		}
		if want := measure.Run(net, "linear-clean", idx, x, int(labels[i]), set); got[i] != want {
			t.Errorf("digit %d: job %+v\nRun %+v", idx, got[i], want)
		}
	}
	for _, bad := range []BoundParams{{Model: "m", Indices: indices, Settings: measure.Settings{}}, {Model: "m", Indices: indices[:2], Settings: set}} {
		p, _ := json.Marshal(bad)
		if _, err := New(Bound, p, DigitsData(labels, pixels, weights)); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}

// TestDigitJob: on the shipped linear model, the digit job's nearest
// error is attack.Exact's from the model's own reading, μ and the curve
// come from noise.ErrorRate on the documented streams, and the noisy
// grid holds DigitGrid copies with their predictions.
func TestDigitJob(t *testing.T) {
	weights, err := os.ReadFile(filepath.Join("..", "..", "site", "assets", "models", "linear-clean.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	pad := make([]bool, scene.PadSide*scene.PadSide)
	for r := 8; r < 48; r++ { // a "1"
		for c := 26; c < 31; c++ {
			pad[r*scene.PadSide+c] = true
		}
	}
	p := scene.Digit{Model: "linear-clean", Sigma: 0.5, Seed: 2, Drawn: state.EncodeBits(pad)}
	pixels, ok, err := scene.DrawnPixels(p.Drawn)
	if err != nil || !ok {
		t.Fatalf("drawn pixels: %v, %v", ok, err)
	}
	params, _ := json.Marshal(p)
	j, err := New(Digit, params, DigitData(pixels, weights))
	if err != nil {
		t.Fatal(err)
	}
	steps := 0
	for !RunFor(j, 0) {
		steps++
	}
	b, _ := j.Result()
	var r scene.DigitResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	net, _, _ := nn.Load(bytes.NewReader(weights))
	x := make([]float64, 784)
	for i, v := range pixels {
		x[i] = float64(v) / 255
	}
	want := attack.Exact{}.Nearest(net, x, r.Pred)
	if !r.Found || float64(r.Distance) != want.Distance || r.AdvPred == r.Pred {
		t.Errorf("nearest %v (found %v, a %d from a %d); exact %v", r.Distance, r.Found, r.AdvPred, r.Pred, want.Distance)
	}
	rate := noise.ErrorRate(net, x, r.Pred, 0.5, scene.SliceNoise, measure.Rand(2, "digit", "linear-clean", 0))
	if r.Errors != rate.Errors || r.Samples != scene.SliceNoise {
		t.Errorf("μ from %d/%d; noise.ErrorRate %d/%d", r.Errors, r.Samples, rate.Errors, rate.Samples)
	}
	curve := measure.Rand(2, "digit", "linear-clean", 1)
	for i, pt := range r.Curve {
		if rt := noise.ErrorRate(net, x, r.Pred, scene.DigitSigmas[i], scene.DigitCopies, curve); rt.Errors != pt.Errors || pt.Accuracy != 1-rt.Mu() {
			t.Errorf("curve at σ %v: %+v; noise.ErrorRate %+v", pt.Sigma, pt, rt)
		}
	}
	if len(r.Curve) != len(scene.DigitSigmas) || len(r.Noisy) != scene.DigitGrid*784 || len(r.NoisyPred) != scene.DigitGrid || steps < 5 {
		t.Errorf("%d curve points, %d noisy bytes, %d predictions, %d steps", len(r.Curve), len(r.Noisy), len(r.NoisyPred), steps)
	}
	if d, n := j.Progress(); d != n {
		t.Errorf("progress %d of %d at the end", d, n)
	}
	if _, err := New(Digit, params, DigitData(pixels[:700], nil)); err == nil {
		t.Error("short data was accepted")
	}
}
