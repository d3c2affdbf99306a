package scene

import (
	"math"
	"strings"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/step"
	"noiseball/wasm/state"
)

// TestDrawnPixels: an empty pad is not a digit, a bad parameter is an
// error, and a digit copied onto the pad comes back close to itself.
func TestDrawnPixels(t *testing.T) {
	if _, ok, err := DrawnPixels(""); ok || err != nil {
		t.Errorf("an empty pad: ok %v, %v", ok, err)
	}
	if _, _, err := DrawnPixels("!!"); err == nil || !strings.Contains(err.Error(), "the drawing") {
		t.Errorf("a bad drawing: %v", err)
	}
	// A ring drawn on the pad, read, copied back onto the pad and read
	// again: the copy reads (nearly) the same.
	pad := make([]bool, PadSide*PadSide)
	for i := range pad {
		r, c := float64(i/PadSide)+0.5, float64(i%PadSide)+0.5
		if d := math.Hypot((r-30)/18, (c-24)/12); d > 0.7 && d <= 1 {
			pad[i] = true
		}
	}
	first, ok, err := DrawnPixels(state.EncodeBits(pad))
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	x := make([]float64, 784)
	for i, b := range first {
		x[i] = float64(b) / 255
	}
	px, ok, err := DrawnPixels(state.EncodeBits(PadFromDigit(x)))
	if !ok || err != nil {
		t.Fatal(ok, err)
	}
	var dot, nx, ny float64
	for i, b := range px {
		y := float64(b) / 255
		dot, nx, ny = dot+x[i]*y, nx+x[i]*x[i], ny+y*y
	}
	if c := dot / math.Sqrt(nx*ny); c < 0.9 {
		t.Errorf("the copied ring has cosine %v with the drawn one", c)
	}
}

// TestDigitSummary: the numbers read out, and σ at half accuracy
// interpolated on the curve.
func TestDigitSummary(t *testing.T) {
	r := DigitResult{Params: Digit{Model: "cnn-clean", Sigma: 0.3}, Pred: 3, Probs: []float64{0, 0, 0, 0.9, 0.1, 0, 0, 0, 0, 0},
		Found: true, Distance: 1.25, AdvPred: 5, InNoise: InNoise{Errors: 10, Samples: SliceNoise, Mu: 0.02, MuCI: [2]Float{0.01, 0.04}, Bound: 0.6162}}
	for _, s := range DigitSigmas {
		acc := 1.0
		if s >= 0.5 {
			acc = 0.2
		}
		r.Curve = append(r.Curve, DigitPoint{Sigma: s, Accuracy: acc})
	}
	half, ok := r.HalfSigma()
	if !ok || math.Abs(half-(0.45+0.05*0.5/0.8)) > 1e-12 {
		t.Errorf("half accuracy at %v (%v)", half, ok)
	}
	s := r.Summary()
	for _, want := range []string{"cnn-clean reads your digit as a 3 (probability 0.9)", "nearest error, a 5, is 1.25 away", "μ = 0.02", "-σΦ⁻¹(μ) = 0.6162", "below one half at σ ≈ 0.4813"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary %q lacks %q", s, want)
		}
	}
}

// TestDigitAndSliceAgreeOnMu: the same drawing, σ and seed give the same
// μ in the digit scene and the slice explorer (one noise stream).
func TestDigitAndSliceAgreeOnMu(t *testing.T) {
	net := assettest.Model(t, "linear-clean")
	bits := make([]bool, PadSide*PadSide)
	for i := range bits {
		bits[i] = i%PadSide > 20 && i%PadSide < 30 && i/PadSide > 8 && i/PadSide < 48
	}
	drawn := state.EncodeBits(bits)
	pix, ok, err := DrawnPixels(drawn)
	if err != nil || !ok {
		t.Fatal(err)
	}
	d, err := NewDigitRun(Digit{Model: "linear-clean", Sigma: 0.5, Seed: 3}, net, pix)
	if err != nil {
		t.Fatal(err)
	}
	step.Run(d)
	pred := d.res.Pred
	s, err := NewSliceRun(Slice{Model: "linear-clean", Sigma: 0.5, Seed: 3, Plane: "error", Drawn: drawn}, net, pred, pix)
	if err != nil {
		t.Fatal(err)
	}
	for s.stage < 2 {
		s.Step()
	}
	if s.res.Errors != d.res.Errors || s.res.Samples != d.res.Samples || s.res.Mu != d.res.Mu {
		t.Errorf("slice μ = %v (%d/%d), digit μ = %v (%d/%d)", s.res.Mu, s.res.Errors, s.res.Samples, d.res.Mu, d.res.Errors, d.res.Samples)
	}
	if d.res.Errors == 0 {
		t.Log("no noisy copy erred: the comparison is weak at this σ")
	}
}
