package heavyjobs

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"noiseball/core/compare"
	"noiseball/core/compare/meter"
	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/step"
	"noiseball/core/train"
	"noiseball/wasm/jobs"
	"noiseball/wasm/scene"
)

// run runs a job message through a runner to its last message.
func run(t *testing.T, m jobs.Message) jobs.Message {
	t.Helper()
	r := jobs.NewRunner(m, time.Now)
	for {
		out := r.Run(time.Second)
		if r.Finished() {
			return out
		}
	}
}

// TestRegisteredKindsRun: once registered, the worker-only kinds start
// and give the results of the scene and core computations they wrap;
// bad inputs are sentences.
func TestRegisteredKindsRun(t *testing.T) {
	Register(nil)
	Register(nil) // twice is harmless
	r := rand.New(rand.NewPCG(1, 1))
	n := 60
	labels, pixels := make([]byte, n), make([]byte, n*data.MNISTPixels)
	for i := range labels {
		labels[i] = byte(r.IntN(10))
	}
	for i := range pixels {
		pixels[i] = byte(r.IntN(256))
	}
	net, _ := nn.New(nn.MNIST, nn.LinearArch(nn.MNIST, 10), rand.New(rand.NewPCG(2, 2)))
	var w bytes.Buffer
	nn.Save(&w, net, nil)
	s := compare.Settings{Seed: 1, CleanImages: n, NoiseImages: 20, NoiseSigmas: []float64{0.3}, CorruptImages: 2, PGDImages: 3, PGDSteps: 2,
		L2Eps: []float64{1}, NearestImages: 2}
	out := run(t, jobs.Compare.Request(1, scene.CompareParams{Model: "m", Settings: s}, &jobs.Inputs{Labels: labels, Pixels: pixels, Weights: w.Bytes()}))
	if out.Type != jobs.MsgDone {
		t.Fatalf("compare: %v %s", out.Type, out.Error)
	}
	got, _ := jobs.Compare.Decode(out.Result)
	set, _ := data.MNISTFromBytes("t", labels, pixels)
	m := meter.NewMeter("m", net, set, s)
	step.Run(m)
	if want, _ := json.Marshal(m.Result()); !bytes.Equal(want, out.Result) {
		t.Errorf("compare job %+v, meter %s", got, want)
	}

	recipe := train.Defaults("clean")
	recipe.Epochs, recipe.Batch = 1, 10
	p := scene.Train{Spec: train.Spec{Name: "t", Arch: "linear", Recipe: recipe, Limit: 40}, Test: 20}
	out = run(t, jobs.Train.Request(2, p, &jobs.Inputs{Labels: labels, Pixels: pixels}))
	res, err := jobs.Train.Decode(out.Result)
	if out.Type != jobs.MsgDone || err != nil || !res.Done || len(res.Weights) == 0 {
		t.Fatalf("train: %v %s %v", out.Type, out.Error, err)
	}
	out = run(t, jobs.Train.Request(3, p, &jobs.Inputs{Labels: labels[:50], Pixels: pixels[:50*data.MNISTPixels]}))
	if out.Type != jobs.MsgFailed || !strings.Contains(out.Error, "needs 60 labeled digits") {
		t.Errorf("train on too few digits: %v %q", out.Type, out.Error)
	}
	out = run(t, jobs.Spheres.Request(4, scene.Spheres{N: 2}, &jobs.Inputs{Pixels: pixels}))
	if out.Type != jobs.MsgFailed {
		t.Errorf("spheres with digits: %v", out.Type)
	}
}
