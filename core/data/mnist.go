package data

import "fmt"

// MNIST sizes: 60,000 training and 10,000 test digits of 28×28 pixels in
// 10 classes.
const (
	MNISTTrain   = 60000
	MNISTTest    = 10000
	MNISTSide    = 28
	MNISTPixels  = MNISTSide * MNISTSide // 784, the input dimension n of every MNIST model
	MNISTClasses = 10
	// MNISTSubset is how many test digits, from the first, the page's
	// compact subset holds (split "test1k"): 0.13 MB brotli against 1.33 MB
	// for all 10,000, enough for every default view.
	MNISTSubset = 1000
	// MNISTTrainPart is how many training digits each part of the page's
	// copy of the training set holds: the page downloads only the parts a
	// training run needs (about 1.3 MB brotli each), not all 60,000.
	MNISTTrainPart = 10000
	// MaxIDXElems caps what ReadIDX allocates for MNIST files: the
	// training images, 60,000·28·28 bytes.
	MaxIDXElems = MNISTTrain * MNISTPixels
)

// MNISTTrainParts returns the split names of the parts of the training
// set that hold its first n digits, in order: "train-00k" (digits 0 to
// 9,999), "train-10k", … up to "train-50k". It panics if n is not 1 to
// MNISTTrain (a caller bug).
func MNISTTrainParts(n int) []string {
	if n < 1 || n > MNISTTrain {
		panic(fmt.Sprintf("data: MNISTTrainParts(%d)", n))
	}
	var s []string
	for first := 0; first < n; first += MNISTTrainPart {
		s = append(s, fmt.Sprintf("train-%02dk", first/1000))
	}
	return s
}

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

// MNISTFromBytes returns the MNIST-shaped set of the digits in pixels
// (MNISTPixels bytes each, 255 for 1) with their labels, one byte each,
// sharing pixels' memory. Sizes that do not match or labels outside 0 to
// 9 are a *FormatError.
func MNISTFromBytes(name string, labels, pixels []byte) (*Set, error) {
	n := len(labels)
	if len(pixels) != n*MNISTPixels {
		return nil, &FormatError{fmt.Sprintf("%s has %d labels and %d pixel bytes, not %d", name, n, len(pixels), n*MNISTPixels)}
	}
	s := &Set{Name: name, N: n, Shape: [3]int{1, MNISTSide, MNISTSide}, Classes: MNISTClasses, Bytes: pixels, Labels: make([]int, n)}
	for i, y := range labels {
		s.Labels[i] = int(y)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}
