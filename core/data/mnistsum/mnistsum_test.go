package mnistsum_test

import (
	"strings"
	"testing"

	"noiseball/core/assettest"
	"noiseball/core/data/mnistsum"
)

// TestCheck: the shipped copy passes; one relabelled digit or
// an inverted image set does not, and the sentence names the file.
func TestCheck(t *testing.T) {
	labels := assettest.Read(t, "data/mnist-test-labels.idx")
	if err := mnistsum.Check("mnist-test-labels.idx", labels); err != nil {
		t.Fatal(err)
	}
	relabelled := append([]byte(nil), labels...)
	relabelled[100] = (relabelled[100] + 1) % 10
	if err := mnistsum.Check("mnist-test-labels.idx", relabelled); err == nil || !strings.Contains(err.Error(), "mnist-test-labels.idx is not MNIST's file") {
		t.Errorf("a relabelled digit: %v", err)
	}
	images := assettest.Read(t, "data/mnist-test-images.idx")
	inverted := append([]byte(nil), images...)
	for i := 16; i < len(inverted); i++ {
		inverted[i] = 255 - inverted[i]
	}
	if err := mnistsum.Check("mnist-test-images.idx", inverted); err == nil {
		t.Error("inverted images passed")
	}
}
