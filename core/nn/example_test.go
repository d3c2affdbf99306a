package nn_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"noiseball/core/nn"
)

func Example() {
	// Build ConvNetJS's MNIST network, save it as safetensors, load it
	// back and classify a blank image with both copies.
	net, _ := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(1, 2)))
	net.RoundToFloat32() // the precision of a weights file
	var file bytes.Buffer
	nn.Save(&file, net, map[string]string{"name": "demo"})
	loaded, meta, err := nn.Load(&file)
	if err != nil {
		panic(err)
	}
	x := make([]float64, 784)
	a := append([]float64(nil), net.Logits(x, 1)...)
	b := loaded.Logits(x, 1)
	fmt.Println(meta["name"], net.NumParams(), "parameters; same logits:", fmt.Sprint(a) == fmt.Sprint(b))
	// Output: demo 11274 parameters; same logits: true
}
