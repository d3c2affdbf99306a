package defense

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"noiseball/core/corrupt"
	"noiseball/core/nn"
)

func cnn(t *testing.T) *nn.Network {
	net, err := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return net
}

func image(r *rand.Rand, batch int) []float64 {
	x := make([]float64, batch*784)
	for i := range x {
		x[i] = r.Float64()
	}
	return x
}

func TestBitDepthMasksGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	x := image(r, 2)
	inner := cnn(t)
	d := &Defended{Inner: inner, T: BitDepth(1)}
	z := append([]float64(nil), d.Logits(x, 2)...)
	for _, v := range d.tx {
		if v != 0 && v != 1 {
			t.Fatalf("1-bit pixel %v", v)
		}
	}
	dl := make([]float64, 20)
	dl[3], dl[15] = 1, -1
	for _, g := range d.InputGradient(dl) {
		if g != 0 {
			t.Fatal("bit-depth reduction passed a nonzero gradient")
		}
	}
	// BPDA: the inner model's gradient at T(x).
	d.BPDA = true
	d.Logits(x, 2)
	got := append([]float64(nil), d.InputGradient(dl)...)
	tx := append([]float64(nil), d.tx...)
	zi := inner.Logits(tx, 2)
	if !slices.Equal(z, zi) {
		t.Fatal("defended logits differ from the inner logits of T(x)")
	}
	if want := inner.InputGradient(dl); !slices.Equal(got, want) {
		t.Fatal("BPDA gradient differs from the inner gradient at T(x)")
	}
	q := make([]float64, 784)
	BitDepth(8).apply(q, x[:784], nil)
	for i, v := range q {
		if math.Abs(v-x[i]) > 0.5/255+1e-12 {
			t.Fatalf("8-bit quantization moved %v to %v", x[i], v)
		}
	}
}

// TestMedianGradient checks the median filter's routed gradient against
// finite differences of the defended model (random pixels: no ties).
func TestMedianGradient(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	x := image(r, 1)
	net := cnn(t)
	net.SetFloat64(true) // finite differences need the float64 forward pass
	d := &Defended{Inner: net, T: Median(3)}
	dl := make([]float64, 10)
	dl[4] = 1
	d.Logits(x, 1)
	g := append([]float64(nil), d.InputGradient(dl)...)
	const h = 1e-7
	for _, i := range r.Perm(784)[:60] {
		old := x[i]
		x[i] = old + h
		zp := d.Logits(x, 1)[4]
		x[i] = old - h
		zm := d.Logits(x, 1)[4]
		x[i] = old
		if fd := (zp - zm) / (2 * h); math.Abs(fd-g[i]) > 1e-5*(1+math.Abs(fd)) {
			t.Errorf("pixel %d: gradient %v, finite difference %v", i, g[i], fd)
		}
	}
}

func TestMedianRemovesImpulses(t *testing.T) {
	x := make([]float64, 784)
	x[10*28+10] = 1 // an isolated bright pixel
	dst := make([]float64, 784)
	Median(3).apply(dst, x, make([]int, 784))
	for _, v := range dst {
		if v != 0 {
			t.Fatal("the median filter kept an isolated pixel")
		}
	}
	j := make([]float64, 784)
	JPEG(50).apply(j, x, nil)
	want := make([]float64, 784)
	corrupt.JPEG(want, x, 50)
	if !slices.Equal(j, want) {
		t.Fatal("the JPEG defense differs from corrupt.JPEG")
	}
}
