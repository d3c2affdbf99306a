package scene

import (
	"math"
	"math/rand/v2"
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
