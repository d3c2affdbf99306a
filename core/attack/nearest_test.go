package attack

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/nn"
)

// TestSearchFindsExactLinearDistance: on real MNIST test digits and the
// shipped linear model, the search must come within 1% of the exact
// distance (never below it: an error it finds is an error), and the
// authors' PGD must give an upper bound.
func TestSearchFindsExactLinearDistance(t *testing.T) {
	test := assettest.TestSet(t)
	net := assettest.Model(t, "linear-clean")
	x := make([]float64, 784)
	checked, worst := 0, 1.0
	for i := 0; checked < 20; i++ {
		y := test.Example(x, i)
		exact, err := LinearNearest(net, x, y)
		if err != nil {
			t.Fatal(err)
		}
		if !misclassified(net, exact.Adv, y) {
			t.Fatalf("image %d: the exact nearest error is not misclassified", i)
		}
		if exact.Distance == 0 {
			continue // already misclassified
		}
		checked++
		got := DefaultSearch.Nearest(net, x, y)
		if !got.Found || !misclassified(net, got.Adv, y) {
			t.Fatalf("image %d: search found no error", i)
		}
		if got.Distance < exact.Distance*(1-1e-9) || got.Distance > 1.01*exact.Distance {
			t.Errorf("image %d: search distance %.5f, exact %.5f (ratio %.4f)", i, got.Distance, exact.Distance, got.Distance/exact.Distance)
		}
		worst = math.Max(worst, got.Distance/exact.Distance)
		pgd := AuthorsPGD{Eps: 2 * exact.Distance}.Nearest(net, x, y)
		if !pgd.Found || pgd.Distance < exact.Distance*(1-1e-9) {
			t.Errorf("image %d: authors' PGD %+v below the exact %.5f", i, pgd.Distance, exact.Distance)
		}
	}
	t.Logf("worst search/exact ratio over %d images: %.6f", checked, worst)
}

// TestSearchOnCNN: the search on the shipped CNN finds real errors, never
// farther than the authors' PGD from the same image.
func TestSearchOnCNN(t *testing.T) {
	test := assettest.TestSet(t)
	net := assettest.Model(t, "cnn-clean")
	x := make([]float64, 784)
	for i := range 3 {
		y := test.Example(x, i)
		s := DefaultSearch.Nearest(net, x, y)
		p := AuthorsPGD{Eps: 4}.Nearest(net, x, y)
		if !s.Found || !misclassified(net, s.Adv, y) {
			t.Fatalf("image %d: no error found", i)
		}
		t.Logf("image %d: search %.4f, authors' PGD %.4f", i, s.Distance, p.Distance)
		if p.Found && s.Distance > p.Distance*1.0001 {
			t.Errorf("image %d: search %.4f is looser than PGD %.4f", i, s.Distance, p.Distance)
		}
		if math.Abs(dist(s.Adv, x)-s.Distance) > 1e-12 {
			t.Errorf("image %d: reported distance %v, actual %v", i, s.Distance, dist(s.Adv, x))
		}
	}
}

func TestLinearNearestRefusesCNN(t *testing.T) {
	net, _ := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(1, 1)))
	if _, err := LinearNearest(net, make([]float64, 784), 0); err == nil {
		t.Fatal("LinearNearest accepted a CNN")
	}
}

// TestTopRivals: all rivals of a small model, in class order; the
// highest-scoring of a large one.
func TestTopRivals(t *testing.T) {
	z := []float64{0.5, 3, -1, 2, 7}
	if got := topRivals(z, 1, 10); !slices.Equal(got, []int{0, 2, 3, 4}) {
		t.Errorf("all rivals: %v", got)
	}
	if got := topRivals(z, 4, 2); !slices.Equal(got, []int{1, 3}) {
		t.Errorf("top two rivals of class 4: %v", got)
	}
}
