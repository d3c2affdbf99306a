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
