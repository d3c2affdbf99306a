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

// A vertical bar drawn on a 56×56 pad becomes a 20-pixel-tall digit
// "1" with its center of mass on pixel (14, 14), as MNIST's are.
func ExampleCenterDigit() {
	pad := make([]float64, 56*56)
	for y := 10; y < 50; y++ {
		pad[y*56+40], pad[y*56+41] = 1, 1
	}
	x := make([]float64, 784)
	data.CenterDigit(x, pad, 56, 56)
	for _, row := range []int{4, 5, 14, 24, 25} {
		fmt.Println(row, x[row*28+13:row*28+16])
	}
	// Output:
	// 4 [0 0 0]
	// 5 [0 1 0]
	// 14 [0 1 0]
	// 24 [0 1 0]
	// 25 [0 0 0]
}
