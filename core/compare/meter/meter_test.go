package meter

import (
	"math"
	"math/rand/v2"
	"noiseball/core/compare"
	"reflect"
	"testing"

	"noiseball/core/attack"
	"noiseball/core/corrupt"
	"noiseball/core/data"
	"noiseball/core/measure"
	"noiseball/core/nn"
	"noiseball/core/noise"
	"noiseball/core/stats"
	"noiseball/core/step"
	"noiseball/core/train"
)

// digits returns n random 28×28 byte images with random labels.
func digits(r *rand.Rand, n int) *data.Set {
	s := &data.Set{Name: "random", N: n, Shape: [3]int{1, 28, 28}, Classes: 10, Bytes: make([]byte, n*784), Labels: make([]int, n)}
	for i := range s.Bytes {
		s.Bytes[i] = byte(r.IntN(256))
	}
	for i := range s.Labels {
		s.Labels[i] = r.IntN(10)
	}
	return s
}

var tiny = compare.Settings{Seed: 3, CleanImages: 300, NoiseImages: 130, NoiseSigmas: []float64{0.1, 0.5}, CorruptImages: 12,
	PGDImages: 13, PGDSteps: 3, L2Eps: []float64{1}, LinfEps: []float64{0.1}, NearestImages: 5}

// TestMeterAgainstDirectComputations: every number is what the plain
// computation gives in one call (train.Evaluate, noise.AccuracyCurve,
// PGD on one batch, the finder on each digit), and stepping it equals
// running it on two goroutines.
func TestMeterAgainstDirectComputations(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	test := digits(r, 300)
	for _, arch := range []string{"linear", "cnn"} {
		specs, _ := nn.MNISTArch(arch, nil)
		net, _ := nn.New(nn.MNIST, specs, rand.New(rand.NewPCG(2, 2)))
		m := NewMeter("m", net, test, tiny)
		fr := []float64{}
		for !m.Step() {
			fr = append(fr, step.Fraction(m))
		}
		got := m.Result()
		if fr[0] <= 0 || fr[len(fr)-1] > 1 || step.Fraction(m) != 1 {
			t.Errorf("%s: progress %v … %v", arch, fr[0], fr[len(fr)-1])
		}

		acc, _ := train.Evaluate(net, test.Slice(0, 300), 300)
		if want := compare.NewRate(int(math.Round(acc*300)), 300); got.Clean != want {
			t.Errorf("%s clean: %+v, want %+v", arch, got.Clean, want)
		}
		curve := noise.AccuracyCurve(net, test.Slice(0, 130), tiny.NoiseSigmas, 1, measure.Rand(3, measure.KeyNoise, "m", 0))
		for _, c := range curve {
			if got.Noise[compare.Key(c.Sigma)] != compare.NewRate(c.Correct, 130) {
				t.Errorf("%s noise at σ %v: %+v, want %d of 130", arch, c.Sigma, got.Noise[compare.Key(c.Sigma)], c.Correct)
			}
		}
		for _, job := range []struct {
			norm attack.Norm
			eps  float64
			got  compare.Rate
		}{{attack.L2, 1, got.L2["1"]}, {attack.LInf, 0.1, got.Linf["0.1"]}} {
			x, adv := make([]float64, 13*784), make([]float64, 13*784)
			labels, idx, pred := make([]int, 13), make([]int, 13), make([]int, 13)
			for i := range idx {
				idx[i] = i
			}
			test.Batch(x, labels, idx)
			attack.PGD{Norm: job.norm, Eps: job.eps, Steps: 3, Step: job.eps / 25}.Perturb(net, adv, x, labels, nil)
			nn.Argmax(pred, net.Logits(adv, 13), 10)
			k := 0
			for i := range pred {
				if pred[i] == labels[i] {
					k++
				}
			}
			if job.got != compare.NewRate(k, 13) {
				t.Errorf("%s PGD %v %v: %+v, want %d of 13", arch, job.norm, job.eps, job.got, k)
			}
		}
		var dists []float64
		f := attack.Fast(net)
		x := make([]float64, 784)
		for i := range 5 {
			y := test.Example(x, i)
			d := math.Inf(1)
			if res := f.Nearest(net, x, y); res.Found {
				d = res.Distance
			}
			dists = append(dists, d)
		}
		q, _, _ := stats.QuantileCI(dists, 0.5, 0.95)
		if got.Nearest.Median != finiteOr(q) || (arch == "linear") != (got.Nearest.Method == "exact") {
			t.Errorf("%s nearest: %+v, want median %v", arch, got.Nearest, q)
		}
		// The suite: every corruption measured, means by group.
		if len(got.Corruption) != len(corrupt.Suite()) || got.Corruption["gaussian_noise"].N != 12*corrupt.Severities {
			t.Errorf("%s corruptions: %v", arch, got.Corruption)
		}

		par := NewMeter("m", net.Clone(), test, tiny).RunParallel(2)
		if len(corrupt.Suite()) != compare.Corruptions || corrupt.Severities != compare.Severities {
			t.Errorf("the suite has %d corruptions at %d severities; package compare says %d and %d", len(corrupt.Suite()), corrupt.Severities, compare.Corruptions, compare.Severities)
		}
		if !reflect.DeepEqual(par, got) {
			t.Errorf("%s: two goroutines gave %+v\nstepping %+v", arch, par, got)
		}
	}
}
