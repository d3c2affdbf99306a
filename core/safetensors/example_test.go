package safetensors_test

import (
	"bytes"
	"fmt"

	"noiseball/core/safetensors"
)

func Example() {
	var buf bytes.Buffer
	safetensors.Write(&buf, &safetensors.File{
		Metadata: map[string]string{"arch": "toy"},
		Tensors:  []safetensors.Tensor{{Name: "fc.bias", Shape: []int{2}, Values: []float64{0.5, -1}}},
	})
	f, err := safetensors.Read(&buf, 1<<20)
	fmt.Println(f.Metadata["arch"], f.Tensors[0].Name, f.Tensors[0].Shape, f.Tensors[0].Values, err)
	// Output: toy fc.bias [2] [0.5 -1] <nil>
}
