package nn

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks of each architecture at batch 1 and 64: forward (logits),
// forward+backward as in training (parameter gradients), and the input
// gradient as in attacks. ex/s is examples per second; GFLOP/s counts two
// flops per multiply-add of the forward pass (×3 for training, ×2 for the
// input gradient, the usual estimates).

type benchArch struct {
	name  string
	specs []LayerSpec
}

func benchArchs() []benchArch {
	return []benchArch{
		{"linear", LinearArch(MNIST, 10)},
		{"mlp", MLPArch(MNIST, []int{256, 128}, 10)},
		{"cnn", CNNArch()},
	}
}

// forwardMACs counts multiply-adds of one example's forward pass.
func forwardMACs(n *Network) float64 {
	macs := 0.0
	for _, l := range n.Layers() {
		switch l := l.(type) {
		case *Dense:
			macs += float64(l.in.Size() * l.out)
		case *Conv2D:
			macs += float64(l.out * l.ho * l.wo * l.in.C * l.k * l.k)
		}
	}
	return macs
}

func benchNet(b *testing.B, specs []LayerSpec, batch int, mode string) {
	r := rand.New(rand.NewPCG(1, 1))
	net, err := New(MNIST, specs, r)
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, batch*784)
	for i := range x {
		x[i] = r.Float64()
	}
	labels := make([]int, batch)
	dl := make([]float64, batch*10)
	factor := 1.0
	for b.Loop() {
		logits := net.Forward(x, batch)
		switch mode {
		case "train":
			factor = 3
			CrossEntropy(dl, logits, labels, 10, 1/float64(batch))
			net.Backward(dl, ParamGrad)
		case "inputgrad":
			factor = 2
			CrossEntropy(dl, logits, labels, 10, 1)
			net.InputGradient(dl)
		}
	}
	ex := float64(b.N*batch) / b.Elapsed().Seconds()
	b.ReportMetric(ex, "ex/s")
	b.ReportMetric(ex*2*factor*forwardMACs(net)/1e9, "GFLOP/s")
}

func BenchmarkNetworks(b *testing.B) {
	for _, a := range benchArchs() {
		for _, batch := range []int{1, 64} {
			for _, mode := range []string{"forward", "train", "inputgrad"} {
				b.Run(a.name+"/"+mode+"/batch"+itoa(batch), func(b *testing.B) { benchNet(b, a.specs, batch, mode) })
			}
		}
	}
}

func itoa(n int) string {
	if n == 1 {
		return "1"
	}
	return "64"
}
