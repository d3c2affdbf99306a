package nn

import (
	"math/rand/v2"
	"os"
	"testing"
)

// BenchmarkCNNLayers times each layer of the zoo's cnn alone, forward and
// backward (parameter and input gradients), at batch 64, on the
// activations a random input gives, so a profile of the network can be
// read layer by layer. ns/ex is nanoseconds per example. NB_F64=1 times
// the convolutions' forward pass summed in float64 (SetFloat64) instead
// of float32.
func BenchmarkCNNLayers(b *testing.B) {
	const batch = 64
	r := rand.New(rand.NewPCG(1, 1))
	net, err := New(MNIST, CNNArch(), r)
	if err != nil {
		b.Fatal(err)
	}
	net.SetFloat64(os.Getenv("NB_F64") != "")
	x := make([]float64, batch*784)
	for i := range x {
		x[i] = r.Float64()
	}
	acts := [][]float64{x}
	for _, l := range net.Layers() {
		acts = append(acts, append([]float64(nil), l.Forward(acts[len(acts)-1], batch)...))
	}
	for i, l := range net.Layers() {
		name := itoa2(i) + "-" + l.Spec().Type
		in := acts[i]
		dy := make([]float64, len(acts[i+1]))
		for j := range dy {
			if r.IntN(4) == 0 {
				dy[j] = r.NormFloat64()
			}
		}
		b.Run(name+"/forward", func(b *testing.B) {
			for b.Loop() {
				l.Forward(in, batch)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch), "ns/ex")
		})
		b.Run(name+"/backward", func(b *testing.B) {
			l.Forward(in, batch)
			for b.Loop() {
				l.Backward(dy, ParamGrad|InputGrad)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batch), "ns/ex")
		})
	}
}

func itoa2(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }
