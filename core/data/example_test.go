package data_test

import (
	"bytes"
	"fmt"

	"noiseball/core/data"
)

func ExampleReadIDX() {
	// Two 1×2 "images" as an IDX file: magic 0x00000803 (unsigned bytes,
	// three dimensions), the sizes [2 1 2], then four pixels.
	var buf bytes.Buffer
	data.WriteIDX(&buf, []int{2, 1, 2}, []byte{0, 255, 51, 102})
	f, err := data.ReadIDX(&buf, 1<<20)
	fmt.Println(f.Dims, f.Data, err)
	// Output: [2 1 2] [0 255 51 102] <nil>
}
