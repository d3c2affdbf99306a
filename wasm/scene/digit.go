package scene

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/wasm/state"
)

// DigitID is the id of the scene "your own digit".
const DigitID = "digit"

// PadSide is the side of the drawing pad, in cells: a drawing is a
// PadSide×PadSide bitmap, normalized to 28×28 by data.CenterDigit.
const PadSide = 56

// The digit scene's sampling: the accuracy curve at DigitSigmas with
// DigitCopies noisy copies each, and DigitGrid noisy copies shown.
var DigitSigmas = []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1}

// DigitCopies and DigitGrid: see DigitSigmas.
const (
	DigitCopies = 100
	DigitGrid   = 16
)

var digitScene = state.Scene{ID: DigitID, Title: "Your own digit", Params: []state.Param{
	{Name: "model", Label: "Model", Help: "The model that reads your digit: one of the shipped zoo or your own safetensors file (loaded in the slice explorer).",
		Kind: state.Choice, Choices: append(ZooModels[:len(ZooModels):len(ZooModels)], UserModel),
		ChoiceLabels: append(ZooModels[:len(ZooModels):len(ZooModels)], "your model"), Default: "cnn-clean"},
	{Name: "sigma", Label: "Noise σ", Help: "The noise of the noisy copies and of μ.",
		Kind: state.Number, Min: 0.05, Max: 1, Step: 0.01, Default: "0.3"},
	{Name: "start", Label: "Test digit to copy", Help: "Which MNIST test digit “Copy test digit” puts on the pad, to edit with the pointer or the keyboard.",
		Kind: state.Integer, Min: 0, Max: MNISTTest - 1, Step: 1, Default: "0"},
	{Name: "digit", Label: "Drawing", Kind: state.Bits, Bits: PadSide * PadSide, Default: "", Hidden: true},
	seedParam,
}}

// Digit is what the digit job computes for: a model, a drawing (the
// digit parameter as in the URL), σ and the seed.
type Digit struct {
	Model string  `json:"model"`
	Sigma float64 `json:"sigma"`
	Seed  uint64  `json:"seed"`
	Drawn string  `json:"digit"`
}

// NewDigit reads the job's parameters from s.
func NewDigit(s state.State) Digit {
	return Digit{Model: s.Values["model"], Sigma: s.Float("sigma"), Seed: uint64(s.Float("seed")), Drawn: s.Values["digit"]}
}

// DrawnPixels returns the 28×28 input a drawing (a digit parameter)
// becomes: data.CenterDigit of the pad, quantized to bytes (255 for 1)
// as MNIST's pixels are, so the page, its jobs and a link all see the
// same digit. ok is false for an empty pad; a parameter that does not
// decode is an error.
func DrawnPixels(drawn string) (pixels []byte, ok bool, err error) {
	bits, err := state.DecodeBits(drawn, PadSide*PadSide)
	if err != nil {
		return nil, false, fmt.Errorf("the drawing %v", err)
	}
	pixels, ok = PadPixels(bits)
	return pixels, ok, nil
}

// PadPixels is DrawnPixels for the pad's cells themselves (PadSide²,
// row-major).
func PadPixels(bits []bool) (pixels []byte, ok bool) {
	if len(bits) != PadSide*PadSide {
		panic(fmt.Sprintf("scene: PadPixels of %d cells", len(bits)))
	}
	pad := make([]float64, len(bits))
	for i, on := range bits {
		if on {
			pad[i] = 1
		}
	}
	x := make([]float64, data.MNISTPixels)
	ok = data.CenterDigit(x, pad, PadSide, PadSide)
	pixels = make([]byte, data.MNISTPixels)
	data.PixelsToBytes(pixels, x)
	return pixels, ok
}

// PadFromDigit returns the pad showing a 28×28 digit: each pixel becomes
// 2×2 cells, inked where the pixel is at least 0.5.
func PadFromDigit(x []float64) []bool {
	if len(x) != data.MNISTPixels {
		panic(fmt.Sprintf("scene: PadFromDigit of %d values", len(x)))
	}
	pad := make([]bool, PadSide*PadSide)
	for i := range pad {
		r, c := i/PadSide, i%PadSide
		pad[i] = x[(r/2)*28+c/2] >= 0.5
	}
	return pad
}

// DigitPoint is the accuracy at one σ of the digit's noisy copies
// (agreeing with the clean prediction).
type DigitPoint struct {
	Sigma    float64 `json:"sigma"`
	Errors   int     `json:"errors"`
	Samples  int     `json:"samples"`
	Accuracy float64 `json:"accuracy"`
}

// DigitResult is everything the scene shows about a drawn digit x. With
// no true label, the model's clean prediction is the reference: an error
// is any input it classifies otherwise.
type DigitResult struct {
	Params   Digit     `json:"params"`
	Pixels   []byte    `json:"pixels"` // the 784 input pixels, 255 for 1
	Pred     int       `json:"pred"`
	Probs    []float64 `json:"probabilities"`
	Found    bool      `json:"found"`
	Distance Float     `json:"nearest_distance"` // ‖Adv - x‖ (L2), null if none found
	AdvPred  int       `json:"nearest_pred"`
	Adv      []float64 `json:"adversarial,omitempty"`
	InNoise
	Curve []DigitPoint `json:"curve"`
	// DigitGrid noisy copies at σ (784 bytes each, clipped to [0,1]) and
	// their predictions.
	Noisy     []byte `json:"noisy"`
	NoisyPred []int  `json:"noisy_pred"`
}

// DigitRun computes a DigitResult in steps: the prediction, the nearest
// error (attack.Best, as the slice explorer and `noiseball attack`), μ
// from SliceNoise copies, the accuracy curve one σ per step, then the
// grid of noisy copies. Its three random streams: μ's is the slice
// explorer's for a drawing (NoiseStream), the curve's and the grid's come
// from measure.Rand(seed, measure.KeyDigit, model, 1 and 2).
type DigitRun struct {
	p     Digit
	net   *nn.Network
	x     []float64
	rs    [3]*rand.Rand
	res   DigitResult
	stage int
}

// NewDigitRun prepares a run of the model net on the digit's pixels
// (bytes, 255 for 1); a model that does not map the digit to 10 classes
// is an error.
func NewDigitRun(p Digit, net *nn.Network, pixels []byte) (*DigitRun, error) {
	if net.InShape().Size() != len(pixels) || net.Classes() != 10 {
		return nil, fmt.Errorf("%s maps %v to %d classes, not a %d-pixel digit to 10", p.Model, net.InShape(), net.Classes(), len(pixels))
	}
	x := make([]float64, len(pixels))
	data.BytesToPixels(x, pixels)
	r := &DigitRun{p: p, net: net, x: x}
	r.rs[0] = NoiseStream(p.Seed, 0, true) // μ: the slice explorer's stream for a drawing
	for k := 1; k < len(r.rs); k++ {
		r.rs[k] = measure.Rand(p.Seed, measure.KeyDigit, p.Model, k)
	}
	r.res = DigitResult{Params: p, Pixels: pixels, Distance: Float(math.Inf(1)), InNoise: newInNoise()}
	return r, nil
}

// Step does one bounded piece of work and reports whether all is done.
func (r *DigitRun) Step() bool {
	d := len(r.x)
	switch {
	case r.stage == 0:
		z := r.net.Logits(r.x, 1)
		pred := []int{0}
		nn.Argmax(pred, z, 10)
		r.res.Pred, r.res.Probs = pred[0], Softmax(z)
		r.stage++
	case r.stage == 1:
		if f := attack.Best(r.net).Nearest(r.net, r.x, r.res.Pred); f.Found {
			r.res.Found, r.res.Distance, r.res.Adv = true, Float(f.Distance), f.Adv
			pred := []int{0}
			nn.Argmax(pred, r.net.Logits(f.Adv, 1), 10)
			r.res.AdvPred = pred[0]
		}
		r.stage++
	case r.res.Samples < SliceNoise:
		rate := noise.ErrorRate(r.net, r.x, r.res.Pred, r.p.Sigma, noiseBatch, r.rs[0])
		r.res.add(rate.Errors, rate.Samples, r.p.Sigma)
	case len(r.res.Curve) < len(DigitSigmas):
		s := DigitSigmas[len(r.res.Curve)]
		rate := noise.ErrorRate(r.net, r.x, r.res.Pred, s, DigitCopies, r.rs[1])
		r.res.Curve = append(r.res.Curve, DigitPoint{Sigma: s, Errors: rate.Errors, Samples: rate.Samples,
			Accuracy: 1 - rate.Mu()})
	case r.res.Noisy == nil:
		buf := make([]float64, DigitGrid*d)
		for i := range DigitGrid {
			noise.Noisy(buf[i*d:(i+1)*d], r.x, r.p.Sigma, r.rs[2])
		}
		r.res.NoisyPred = make([]int, DigitGrid)
		nn.Argmax(r.res.NoisyPred, r.net.Logits(buf, DigitGrid), 10)
		r.res.Noisy = make([]byte, len(buf))
		data.PixelsToBytes(r.res.Noisy, buf)
		r.stage++
	}
	return r.stage == 3
}

// Progress counts steps: prediction, search, the noise batches, the
// curve's σs and the grid.
func (r *DigitRun) Progress() (done, total int) {
	total = 2 + SliceNoise/noiseBatch + len(DigitSigmas) + 1
	done = min(r.stage, 2) + r.res.Samples/noiseBatch + len(r.res.Curve)
	if r.stage == 3 {
		done++
	}
	return done, total
}

// Result returns the result so far.
func (r *DigitRun) Result() DigitResult { return r.res }

// Summary reads the numbers for the aria-live region.
func (r *DigitResult) Summary() string {
	model := r.Params.Model
	if model == UserModel {
		model = "your model"
	}
	if len(r.Probs) == 0 {
		return "Reading your digit…"
	}
	s := fmt.Sprintf("%s reads your digit as a %d (probability %s).", model, r.Pred, Num(r.Probs[r.Pred]))
	if r.Found {
		s += fmt.Sprintf(" Its nearest error, a %d, is %s away (L2).", r.AdvPred, Num(float64(r.Distance)))
	} else if r.Adv == nil && r.Samples > 0 {
		s += " No error was found within the search radius."
	}
	if r.Samples == SliceNoise {
		s += fmt.Sprintf(" In noise of σ = %s, μ = %s (95%%: %s to %s) of %d noisy copies are read otherwise; %s.",
			Num(r.Params.Sigma), Num(float64(r.Mu)), Num(float64(r.MuCI[0])), Num(float64(r.MuCI[1])), r.Samples, r.InNoise.boundPhrase())
	}
	if half, ok := r.HalfSigma(); ok {
		s += fmt.Sprintf(" Accuracy in noise falls below one half at σ ≈ %s.", Num(half))
	} else if len(r.Curve) == len(DigitSigmas) {
		s += " Accuracy in noise stays above one half up to σ = 1."
	}
	return s
}

// HalfSigma returns the first σ of the finished curve at which accuracy
// falls below one half, interpolated linearly between neighbours.
func (r *DigitResult) HalfSigma() (float64, bool) {
	if len(r.Curve) < len(DigitSigmas) {
		return 0, false
	}
	prevS, prevA := 0.0, 1.0
	for _, p := range r.Curve {
		if p.Accuracy < 0.5 {
			return prevS + (prevA-0.5)/(prevA-p.Accuracy)*(p.Sigma-prevS), true
		}
		prevS, prevA = p.Sigma, p.Accuracy
	}
	return 0, false
}

// WriteCSV writes the accuracy curve.
func (r *DigitResult) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "sigma,errors,samples,accuracy"); err != nil {
		return err
	}
	for _, p := range r.Curve {
		if _, err := fmt.Fprintf(w, "%g,%d,%d,%g\n", p.Sigma, p.Errors, p.Samples, p.Accuracy); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes everything with the parameters.
func (r *DigitResult) WriteJSON(w io.Writer) error {
	return writeJSON(w, DigitID, r, false)
}

// Softmax returns the probabilities exp(z_c)/Σ exp(z_k) of logits z.
func Softmax(z []float64) []float64 {
	m := math.Inf(-1)
	for _, v := range z {
		m = math.Max(m, v)
	}
	p := make([]float64, len(z))
	sum := 0.0
	for i, v := range z {
		p[i] = math.Exp(v - m)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}
