package data_test

import (
	"math"
	"strings"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/data"
)

// TestCenterDigitKeepsMNIST: MNIST's own test digits are already
// normalized, so normalizing them again changes little.
func TestCenterDigitKeepsMNIST(t *testing.T) {
	set := assettest.TestSet(t)
	x, y := make([]float64, 784), make([]float64, 784)
	var worst float64
	for i := range 200 {
		set.Example(x, i)
		data.CenterDigit(y, x, 28, 28)
		var dot, nx, ny float64
		for k := range x {
			dot, nx, ny = dot+x[k]*y[k], nx+x[k]*x[k], ny+y[k]*y[k]
		}
		if c := 1 - dot/math.Sqrt(nx*ny); c > worst {
			worst = c
		}
	}
	if worst > 0.05 {
		t.Errorf("a renormalized MNIST digit has cosine distance %v from itself", worst)
	}
	t.Logf("largest cosine distance of a renormalized MNIST digit: %.3f", worst)
}

// TestCheckMNISTFile: the shipped copy passes; one relabelled digit or
// an inverted image set does not, and the sentence names the file.
func TestCheckMNISTFile(t *testing.T) {
	labels := assettest.Read(t, "data/mnist-test-labels.idx")
	if err := data.CheckMNISTFile("mnist-test-labels.idx", labels); err != nil {
		t.Fatal(err)
	}
	relabelled := append([]byte(nil), labels...)
	relabelled[100] = (relabelled[100] + 1) % 10
	if err := data.CheckMNISTFile("mnist-test-labels.idx", relabelled); err == nil || !strings.Contains(err.Error(), "mnist-test-labels.idx is not MNIST's file") {
		t.Errorf("a relabelled digit: %v", err)
	}
	images := assettest.Read(t, "data/mnist-test-images.idx")
	inverted := append([]byte(nil), images...)
	for i := 16; i < len(inverted); i++ {
		inverted[i] = 255 - inverted[i]
	}
	if err := data.CheckMNISTFile("mnist-test-images.idx", inverted); err == nil {
		t.Error("inverted images passed")
	}
}
