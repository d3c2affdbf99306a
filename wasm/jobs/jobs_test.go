package jobs

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"noiseball/core/assettest"
	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/wasm/scene"
	"noiseball/wasm/state"
)

// clock is a fake time source that advances by tick at every reading.
type clock struct {
	t    time.Time
	tick time.Duration
}

func (c *clock) now() time.Time {
	c.t = c.t.Add(c.tick)
	return c.t
}

// runAll runs m to its last message with a Runner of the given budget on
// a clock that advances a millisecond per reading, and returns every
// message reported.
func runAll(t *testing.T, m Message, budget time.Duration) []Message {
	t.Helper()
	c := &clock{tick: time.Millisecond}
	r := NewRunner(m, c.now)
	var out []Message
	for !r.Finished() {
		out = append(out, r.Run(budget))
		if len(out) > 1e6 {
			t.Fatal("the job never finished")
		}
	}
	return out
}

// result runs m to the end and returns its result, failing on anything
// but MsgDone.
func result(t *testing.T, m Message) []byte {
	t.Helper()
	msgs := runAll(t, m, time.Hour)
	last := msgs[len(msgs)-1]
	if last.Type != MsgDone {
		t.Fatalf("%s ended with %v: %s", m.Kind, last.Type, last.Error)
	}
	return last.Result
}

func isoParams(samples int) scene.Iso {
	c := scene.NewIso(state.Defaults(scene.Find(scene.IsoperimetryID)))
	c.Samples = samples
	return c
}

// TestSameBytesHoweverRun: a job run in the smallest slices (the page
// without workers) ends with the bytes of one run to the end (a worker),
// and its progress climbs to the total only at the end.
func TestSameBytesHoweverRun(t *testing.T) {
	m := IsoMeasure.Request(1, isoParams(50000), nil)
	whole := result(t, m)
	msgs := runAll(t, m, 0)
	last := msgs[len(msgs)-1]
	if len(msgs) < 5 || last.Type != MsgDone || !bytes.Equal(last.Result, whole) {
		t.Fatalf("%d messages, the last %v; same bytes %v", len(msgs), last.Type, bytes.Equal(last.Result, whole))
	}
	prev := -1
	for _, p := range msgs[:len(msgs)-1] {
		if p.Type != MsgProgress || p.ID != 1 || p.Done >= p.Total || p.Done < prev || p.Partial != nil {
			t.Fatalf("progress %+v after %d", p, prev)
		}
		prev = p.Done
	}
	res, err := IsoMeasure.Decode(whole)
	if err != nil || res.Samples != 50000 || res.Mu <= 0 {
		t.Errorf("result %+v, %v", res.Samples, err)
	}
}

// TestRunnerThrottlesPartials: partial results go at most every
// PartialEvery of the runner's clock and only when changed.
func TestRunnerThrottlesPartials(t *testing.T) {
	weights := assettest.Weights(t, "linear-clean")
	in := &Inputs{Labels: []byte{1}, Pixels: drawnOne(), Weights: weights}
	m := Slice.Request(5, scene.Slice{Model: "linear-clean", Image: 1, Sigma: 0.8, Plane: "error", Seed: 1}, in)
	c := &clock{tick: 10 * time.Millisecond}
	r := NewRunner(m, c.now)
	var sent []time.Time
	var last []byte
	for !r.Finished() {
		p := r.Run(0)
		if p.Partial != nil {
			if bytes.Equal(p.Partial, last) {
				t.Fatal("an unchanged partial result was sent again")
			}
			last = p.Partial
			sent = append(sent, c.t)
		}
	}
	if len(sent) < 3 {
		t.Fatalf("%d partial results", len(sent))
	}
	for i := 1; i < len(sent); i++ {
		if d := sent[i].Sub(sent[i-1]); d < PartialEvery {
			t.Errorf("partial results %v apart", d)
		}
	}
}

// TestRunnerCancelAndFailure: a canceled job reports MsgCanceled without
// another step; one that cannot start reports MsgFailed with a sentence;
// both carry the job's id.
func TestRunnerCancelAndFailure(t *testing.T) {
	c := &clock{tick: time.Millisecond}
	r := NewRunner(IsoMeasure.Request(3, isoParams(4_000_000), nil), c.now)
	if m := r.Run(0); m.Type != MsgProgress {
		t.Fatalf("first message %v", m.Type)
	}
	r.Cancel()
	if m := r.Run(time.Hour); m.Type != MsgCanceled || m.ID != 3 || !r.Finished() {
		t.Errorf("after cancel: %+v, finished %v", m, r.Finished())
	}
	bad := IsoMeasure.Request(4, isoParams(4_000_000), nil)
	bad.Params = []byte(`{"shape":"cube"}`)
	if m := NewRunner(bad, c.now).Run(0); m.Type != MsgFailed || m.ID != 4 || m.Error == "" {
		t.Errorf("a bad job: %+v", m)
	}
	unknown := Message{Type: MsgRun, ID: 6, Kind: "nope"}
	if m := NewRunner(unknown, c.now).Run(0); m.Type != MsgFailed {
		t.Errorf("an unknown kind: %+v", m)
	}
}

func TestMatchJob(t *testing.T) {
	c := isoParams(1000)
	c.Shape = "halfplane"
	msgs := runAll(t, IsoMatch.Request(1, MatchParams{Iso: c, Target: 0.01}, nil), 0)
	if len(msgs) != 1 {
		t.Errorf("%d messages for a one-step job", len(msgs))
	}
	r, err := IsoMatch.Decode(msgs[0].Result)
	if err != nil || r.Param != "dist" || r.Value < 2.2 || r.Value > 2.45 {
		t.Errorf("match: %+v, %v; want dist near 2.326", r, err)
	}
}

func TestStartRejectsBadParameters(t *testing.T) {
	weights := assettest.Weights(t, "linear-clean")
	one := &Inputs{Labels: []byte{1}, Pixels: drawnOne(), Weights: weights}
	for _, c := range []struct {
		kind, params string
		in           *Inputs
	}{
		{"nope", "{}", nil},
		{IsoMeasure.Name, "{", nil},
		{IsoMeasure.Name, `{"shape":"disk","sigma":0,"samples":10}`, nil},
		{IsoMeasure.Name, `{"shape":"cube","sigma":1,"samples":10000}`, nil},
		{IsoMeasure.Name, `{"shape":"disk","sigma":1,"samples":1e12}`, nil},
		{IsoMeasure.Name, `{"shape":"paint","sigma":1,"samples":10,"paint":"!"}`, nil},
		{IsoMeasure.Name, `{"shape":"disk","sigma":1,"r":1,"samples":1000}`, one},
		{IsoMatch.Name, `{"iso":{"shape":"disk","sigma":1},"target":2}`, nil},
		{Slice.Name, `{"model":"m","image":1,"sigma":0.3,"plane":"sideways","seed":1}`, one},
		{Slice.Name, `{"model":"m","image":1,"sigma":0.3,"plane":"error","seed":1}`, &Inputs{Pixels: one.Pixels, Weights: weights}},
		{Slice.Name, `{"model":"m","image":1,"sigma":0.3,"plane":"error","seed":1}`, &Inputs{Labels: []byte{1}, Pixels: one.Pixels, Weights: weights[:100]}},
		{Slice.Name, `{"model":"m","image":1,"sigma":0.3,"plane":"error","seed":1}`, &Inputs{Labels: []byte{11}, Pixels: one.Pixels, Weights: weights}},
		{Digit.Name, `{"model":"m","sigma":3,"seed":1}`, one},
		{Misclassified.Name, `{"model":"m","first":9999}`, &Inputs{Labels: []byte{1, 1}, Pixels: append(one.Pixels, one.Pixels...), Weights: weights}},
		{Bound.Name, `{"model":"m","indices":[1,2],"settings":{"sigma":0.3,"rate_samples":10,"starts":1,"fig2_samples":5,"seed":1}}`, one},
		{Bound.Name, `{"model":"m","indices":[1],"settings":{"sigma":0,"rate_samples":10,"starts":1,"fig2_samples":5,"seed":1}}`, one},
	} {
		m := Message{Type: MsgRun, Kind: c.kind, Params: []byte(c.params)}
		if c.in != nil {
			m.Inputs = c.in.Encode()
		}
		if _, err := Start(m); err == nil {
			t.Errorf("Start(%s, %s) accepted", c.kind, c.params)
		} else {
			t.Logf("%s: %v", c.kind, err)
		}
	}
}

// FuzzStart: no parameters or inputs crash a job's start or first steps.
func FuzzStart(f *testing.F) {
	one := Inputs{Labels: []byte{7}, Pixels: make([]byte, data.MNISTPixels), Weights: []byte("not weights")}.Encode()
	f.Add(IsoMeasure.Name, `{"shape":"disk","sigma":1,"r":1,"half":30,"width":0.3,"samples":1000,"seed":1}`, []byte(nil))
	f.Add(IsoMatch.Name, `{"iso":{"shape":"wedge","sigma":1,"r":1,"half":30,"width":0.3,"samples":1000,"seed":1},"target":0.1}`, []byte(nil))
	f.Add(Slice.Name, `{"model":"x","image":3,"sigma":0.3,"plane":"error","seed":1}`, one)
	f.Add(Misclassified.Name, `{"model":"x","first":3}`, one)
	f.Add(Digit.Name, `{"model":"x","sigma":0.3,"seed":1}`, one)
	f.Add(Bound.Name, `{"model":"x","indices":[4],"settings":{"sigma":0.3,"rate_samples":10,"starts":1,"fig2_samples":5,"seed":1}}`, one)
	f.Fuzz(func(t *testing.T, kind, params string, inputs []byte) {
		r := NewRunner(Message{Type: MsgRun, Kind: kind, Params: []byte(params), Inputs: inputs}, time.Now)
		r.Run(10 * time.Millisecond)
	})
}

// drawnOne returns the pixels of a drawn "1".
func drawnOne() []byte {
	pixels := make([]byte, data.MNISTPixels)
	for r := 5; r < 23; r++ {
		pixels[r*28+13], pixels[r*28+14] = 255, 200
	}
	return pixels
}

// TestSliceJob runs the slice job on the shipped linear-clean model and a
// drawn "1": the nearest error matches attack.Exact (the oracle for
// linear models), partial results fill the whole grid coarse to fine, and
// the finished grid has the clean point's class at its centre.
func TestSliceJob(t *testing.T) {
	weights := assettest.Weights(t, "linear-clean")
	pixels := drawnOne()
	in := &Inputs{Labels: []byte{1}, Pixels: pixels, Weights: weights}
	msgs := runAll(t, Slice.Request(1, scene.Slice{Model: "linear-clean", Image: 1, Sigma: 0.8, Plane: "error", Seed: 1}, in), 0)
	sawPartial := false
	for _, m := range msgs[:len(msgs)-1] {
		if m.Partial == nil {
			continue
		}
		r, err := Slice.Decode(m.Partial)
		if err != nil {
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
	r, err := Slice.Decode(msgs[len(msgs)-1].Result)
	if err != nil {
		t.Fatal(err)
	}
	net, _, _ := nn.Load(bytes.NewReader(weights))
	x := make([]float64, data.MNISTPixels)
	data.BytesToPixels(x, pixels)
	want := attack.Exact{}.Nearest(net, x, r.Label)
	if r.Pred == r.Label && (!r.Found || math.Abs(float64(r.Distance)-want.Distance) > 1e-9) {
		t.Errorf("nearest distance %v, exact %v", r.Distance, want.Distance)
	}
	if !sawPartial || r.Samples != scene.SliceNoise || r.Cells != scene.SliceGrid*scene.SliceGrid {
		t.Errorf("partial seen %v, %d noise samples, %d cells", sawPartial, r.Samples, r.Cells)
	}
	rate := noise.ErrorRate(net, x, r.Label, 0.8, scene.SliceNoise, rand.New(rand.NewPCG(1, 1)))
	if rate.Errors != r.Errors {
		t.Errorf("%d errors; noise.ErrorRate finds %d", r.Errors, rate.Errors)
	}
	mid := scene.SliceGrid/2*scene.SliceGrid + scene.SliceGrid/2
	if int(r.Classes[mid]) != r.Pred {
		t.Errorf("the grid's centre has class %d, the digit is predicted %d", r.Classes[mid], r.Pred)
	}
	// The random plane: same numbers, a plane with no error direction in
	// it, so the nearest error is not on the horizontal axis.
	rr, _ := Slice.Decode(result(t, Slice.Request(2, scene.Slice{Model: "linear-clean", Image: 1, Sigma: 0.8, Plane: "random", Seed: 1}, in)))
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

// TestMisclassifiedJob: among patterned digits with labels 0 to 9, the
// job finds the first whose prediction differs from its label, checked
// against the model.
func TestMisclassifiedJob(t *testing.T) {
	weights := assettest.Weights(t, "linear-clean")
	net, _, _ := nn.Load(bytes.NewReader(weights))
	const n = 70
	labels, pixels := make([]byte, n), make([]byte, n*data.MNISTPixels)
	want := -1
	for i := range n {
		labels[i] = byte(i % 10)
		for k := range data.MNISTPixels {
			pixels[i*data.MNISTPixels+k] = byte((i*31 + k*7) % 256 * (k % 3 / 2))
		}
		x := make([]float64, data.MNISTPixels)
		data.BytesToPixels(x, pixels[i*data.MNISTPixels:(i+1)*data.MNISTPixels])
		pred := []int{0}
		nn.Argmax(pred, net.Logits(x, 1), 10)
		if want < 0 && pred[0] != int(labels[i]) {
			want = 100 + i
		}
	}
	m := Misclassified.Request(1, MisclassifiedParams{Model: "linear-clean", First: 100}, &Inputs{Labels: labels, Pixels: pixels, Weights: weights})
	r, err := Misclassified.Decode(result(t, m))
	if err != nil || r.Index != want || want < 0 {
		t.Errorf("found %+v (%v); the model first errs at %d", r, err, want)
	}
}

// TestBoundJob: the bound job, run in small slices, gives for each digit
// exactly measure.Run's point (what 'noiseball bound' prints), in the
// order sent, with partial results that only grow.
func TestBoundJob(t *testing.T) {
	weights := assettest.Weights(t, "linear-clean")
	net, _, _ := nn.Load(bytes.NewReader(weights))
	indices := []int{7, 2, 40}
	labels, pixels := make([]byte, len(indices)), make([]byte, len(indices)*data.MNISTPixels)
	for i := range indices {
		labels[i] = byte(3 * i)
		for k := 300; k < 500; k += 3 {
			pixels[i*data.MNISTPixels+k] = byte(80 * (i + 1))
		}
	}
	set := measure.Settings{Sigma: 0.4, RateSamples: 300, Starts: 4, Fig2Samples: 60, Seed: 3}
	msgs := runAll(t, Bound.Request(1, BoundParams{Model: "linear-clean", Indices: indices, Settings: set}, &Inputs{Labels: labels, Pixels: pixels, Weights: weights}), 0)
	seen := 0
	for _, m := range msgs[:len(msgs)-1] {
		if m.Partial == nil {
			continue
		}
		part, err := Bound.Decode(m.Partial)
		if err != nil || len(part) < seen {
			t.Fatalf("partial %d points after %d: %v", len(part), seen, err)
		}
		seen = len(part)
	}
	got, err := Bound.Decode(msgs[len(msgs)-1].Result)
	if err != nil || len(got) != len(indices) {
		t.Fatalf("result %+v: %v", got, err)
	}
	for i, idx := range indices {
		x := make([]float64, data.MNISTPixels)
		data.BytesToPixels(x, pixels[i*data.MNISTPixels:(i+1)*data.MNISTPixels])
		if want := measure.Run(net, "linear-clean", idx, x, int(labels[i]), set); got[i] != want {
			t.Errorf("digit %d: job %+v\nRun %+v", idx, got[i], want)
		}
	}
}

// TestDigitJob: on the shipped linear model, the digit job's nearest
// error is attack.Exact's from the model's own reading, μ and the curve
// come from noise.ErrorRate on the documented streams, and the noisy
// grid holds DigitGrid copies with their predictions.
func TestDigitJob(t *testing.T) {
	weights := assettest.Weights(t, "linear-clean")
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
	msgs := runAll(t, Digit.Request(1, p, &Inputs{Pixels: pixels, Weights: weights}), 0)
	r, err := Digit.Decode(msgs[len(msgs)-1].Result)
	if err != nil {
		t.Fatal(err)
	}
	net, _, _ := nn.Load(bytes.NewReader(weights))
	x := make([]float64, data.MNISTPixels)
	data.BytesToPixels(x, pixels)
	want := attack.Exact{}.Nearest(net, x, r.Pred)
	if !r.Found || float64(r.Distance) != want.Distance || r.AdvPred == r.Pred {
		t.Errorf("nearest %v (found %v, a %d from a %d); exact %v", r.Distance, r.Found, r.AdvPred, r.Pred, want.Distance)
	}
	rate := noise.ErrorRate(net, x, r.Pred, 0.5, scene.SliceNoise, scene.NoiseStream(2, 0, true))
	if r.Errors != rate.Errors || r.Samples != scene.SliceNoise {
		t.Errorf("μ from %d/%d; noise.ErrorRate %d/%d", r.Errors, r.Samples, rate.Errors, rate.Samples)
	}
	curve := measure.Rand(2, measure.KeyDigit, "linear-clean", 1)
	for i, pt := range r.Curve {
		if rt := noise.ErrorRate(net, x, r.Pred, scene.DigitSigmas[i], scene.DigitCopies, curve); rt.Errors != pt.Errors || pt.Accuracy != 1-rt.Mu() {
			t.Errorf("curve at σ %v: %+v; noise.ErrorRate %+v", pt.Sigma, pt, rt)
		}
	}
	if len(r.Curve) != len(scene.DigitSigmas) || len(r.Noisy) != scene.DigitGrid*data.MNISTPixels || len(r.NoisyPred) != scene.DigitGrid || len(msgs) < 5 {
		t.Errorf("%d curve points, %d noisy bytes, %d predictions, %d messages", len(r.Curve), len(r.Noisy), len(r.NoisyPred), len(msgs))
	}
}

// TestResultJSONKeepsKinds: every kind's result survives Decode, as the
// page reads it (the JSON field names are declared once, on the types).
func TestResultJSONKeepsKinds(t *testing.T) {
	b, _ := json.Marshal([]measure.Point{{Index: 3}})
	if pts, err := Bound.Decode(b); err != nil || len(pts) != 1 || pts[0].Index != 3 {
		t.Errorf("%+v, %v", pts, err)
	}
	if _, err := Slice.Decode([]byte("{")); err == nil {
		t.Error("a broken result decoded")
	}
}

// TestWorkerOnlyKinds: without package heavyjobs (the page's program),
// a worker-only kind does not start, and says why in a sentence.
func TestWorkerOnlyKinds(t *testing.T) {
	for _, m := range []Message{Train.Request(1, scene.Train{}, nil), Spheres.Request(2, scene.Spheres{}, nil), Compare.Request(3, scene.CompareParams{}, nil)} {
		if _, err := Start(m); err == nil || !strings.Contains(err.Error(), "needs a Web Worker") {
			t.Errorf("%s: %v", m.Kind, err)
		}
	}
}
