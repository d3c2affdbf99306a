package scene

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/wasm/state"
)

// ShellSamples is how many noise samples the noise-ball scene draws.
const ShellSamples = 2000

var noiseBallScene = state.Scene{ID: NoiseBallID, Title: "The noise ball", Params: []state.Param{
	{Name: "n", Label: "Dimension n", Help: "How many coordinates the input has (MNIST: 784).",
		Kind: state.Integer, Min: 1, Max: 1e6, Step: 1, Log: true, Default: "784"},
	{Name: "sigma", Label: "Noise σ", Help: "The standard deviation of the noise in each coordinate.",
		Kind: state.Number, Min: 0.01, Max: 1, Step: 0.01, Default: "0.3"},
	{Name: "fix", Label: "Hold fixed", Help: "Which of d and μ stays put when σ changes; the other follows from μ = Φ(-d/σ).",
		Kind: state.Choice, Choices: []string{"d", "mu"}, ChoiceLabels: []string{"distance d", "error rate μ"}, Default: "d"},
	{Name: "d", Label: "Distance d to the boundary", Help: "How far the clean point is from the nearest error.",
		Kind: state.Number, Min: 0, Max: 5, Step: 0.001, Default: "0.7"},
	{Name: "mu", Label: "Error rate μ in noise", Help: "The share of noisy copies on the error side.",
		Kind: state.Number, Min: 1e-9, Max: 0.5, Log: true, Default: "0.00982"},
	seedParam,
}}

// NoiseBall is the model of the paper's Fig. 1: a linear classifier whose
// boundary is at distance D from a clean point x, and noise
// x + δ, δ ~ N(0, σ²I_n), drawn as ShellSamples points in the plane of
// (component along the boundary normal, norm of the other n-1
// components). Error rate and distance are tied by μ = Φ(-D/σ) (Eq. 1).
type NoiseBall struct {
	N     int
	Sigma float64
	D, Mu float64
	Fix   string // "d" or "mu": which one the user set
	Seed  uint64
	// Unit are the samples at σ = 1; the drawn points are σ·Unit, so
	// changing σ moves the same draws.
	Unit []noise.ShellPoint
	// drawn records what Unit was drawn for.
	drawnN    int
	drawnSeed uint64
}

// Apply reads the scene's parameters from s, derives whichever of D and
// Mu is not fixed, writes it back into s, and redraws the samples when
// the dimension or seed changed.
func (b *NoiseBall) Apply(s state.State) {
	sc := Find(NoiseBallID)
	b.N, b.Sigma, b.Fix, b.Seed = int(s.Float("n")), s.Float("sigma"), s.Values["fix"], uint64(s.Float("seed"))
	if b.Fix == "mu" {
		b.Mu = s.Float("mu")
		b.D = stats.LinearDistance(b.Mu, b.Sigma)
		s.SetFloat(sc, "d", b.D)
	} else {
		b.D = s.Float("d")
		b.Mu = stats.LinearErrorRate(b.D, b.Sigma)
		s.Set(sc, "mu", state.FormatNumber(math.Max(math.Min(roundSig(b.Mu), 0.5), 1e-9)))
	}
	if b.Unit == nil || b.N != b.drawnN || b.Seed != b.drawnSeed {
		b.Unit = make([]noise.ShellPoint, ShellSamples)
		noise.Shell(b.Unit, b.N, rand.New(rand.NewPCG(b.Seed, 0x6e6f697365)))
		b.drawnN, b.drawnSeed = b.N, b.Seed
	}
}

// roundSig rounds to three significant digits, for a derived value
// written into the URL.
func roundSig(x float64) float64 {
	if x == 0 {
		return 0
	}
	p := math.Pow(10, 2-math.Floor(math.Log10(math.Abs(x))))
	return math.Round(x*p) / p
}

// Radius returns σ√n, where the noise concentrates.
func (b *NoiseBall) Radius() float64 { return b.Sigma * math.Sqrt(float64(b.N)) }

// Errors returns how many drawn samples are on the error side
// (σU ≥ D).
func (b *NoiseBall) Errors() int {
	k := 0
	for _, p := range b.Unit {
		if b.Sigma*p.U >= b.D {
			k++
		}
	}
	return k
}

// Histogram counts the signed distances D - σU of the samples to the
// boundary (negative: an error) in bins equal bins over [lo, hi);
// values outside go to the end bins.
func (b *NoiseBall) Histogram(lo, hi float64, bins int) []int {
	h := make([]int, bins)
	for _, p := range b.Unit {
		i := int(math.Floor((b.D - b.Sigma*p.U - lo) / (hi - lo) * float64(bins)))
		h[min(max(i, 0), bins-1)]++
	}
	return h
}

// NoiseBallNumbers are the live numbers of the scene.
type NoiseBallNumbers struct {
	N        int        `json:"n"`
	Sigma    float64    `json:"sigma"`
	Radius   float64    `json:"noise_radius"`
	D        float64    `json:"d"`
	Mu       float64    `json:"mu"`
	Ratio    float64    `json:"d_over_radius"`
	Errors   int        `json:"sample_errors"`
	Samples  int        `json:"samples"`
	Measured float64    `json:"sample_error_rate"`
	CI       [2]float64 `json:"sample_error_rate_ci95"` // [lo, hi], as every interval the page exports
	Seed     uint64     `json:"seed"`
}

// Numbers returns the live numbers.
func (b *NoiseBall) Numbers() NoiseBallNumbers {
	k := b.Errors()
	return NoiseBallNumbers{N: b.N, Sigma: b.Sigma, Radius: b.Radius(), D: b.D, Mu: b.Mu, Ratio: b.D / b.Radius(),
		Errors: k, Samples: len(b.Unit), Measured: float64(k) / float64(len(b.Unit)),
		CI: ci(stats.ClopperPearson(k, len(b.Unit), 0.95)), Seed: b.Seed}
}

// Summary is the one-paragraph reading of the numbers for the page's
// aria-live region.
func (b *NoiseBall) Summary() string {
	m := b.Numbers()
	return fmt.Sprintf("In %d dimensions with σ = %s the noise has norm about σ√n = %s, while the error is d = %s away: d/(σ√n) = %s. Error rate in noise μ = Φ(-d/σ) = %s; %d of %d drawn samples (%s) are errors.",
		m.N, Num(m.Sigma), Num(m.Radius), Num(m.D), Num(m.Ratio), Num(m.Mu), m.Errors, m.Samples, Num(m.Measured))
}

// WriteCSV writes one row per drawn sample: its coordinates in the
// figure's plane, its signed distance to the boundary and whether it is
// an error.
func (b *NoiseBall) WriteCSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "sample,along_normal,other_norm,signed_distance,error"); err != nil {
		return err
	}
	for i, p := range b.Unit {
		u := b.Sigma * p.U
		if _, err := fmt.Fprintf(w, "%d,%g,%g,%g,%t\n", i, u, b.Sigma*p.R, b.D-u, u >= b.D); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the live numbers.
func (b *NoiseBall) WriteJSON(w io.Writer) error {
	return writeJSON(w, NoiseBallID, b.Numbers(), true)
}
