package mnistsum_test

import (
	"fmt"

	"noiseball/core/data/mnistsum"
)

func Example() {
	// A copy that is not MNIST's is named in a sentence.
	err := mnistsum.Check("mnist-test-labels.idx", []byte("not the labels"))
	fmt.Println(err != nil)
	fmt.Println(len(mnistsum.SHA256), "files")
	// Output:
	// true
	// 18 files
}
