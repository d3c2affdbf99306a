package train_test

import (
	"fmt"
	"math/rand/v2"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/core/step"
	"noiseball/core/train"
)

func Example() {
	// Fit two moons with a small MLP under Gaussian augmentation, in
	// bounded steps as the browser does.
	set := data.TwoMoons(rand.New(rand.NewPCG(1, 1)), 500, 0.1)
	in := nn.Vector(2)
	net, _ := nn.New(in, nn.MLPArch(in, []int{32, 32}, 2), rand.New(rand.NewPCG(2, 2)))
	recipe := train.Recipe{Method: "gauss", Sigma: 0.05, Epochs: 40, Batch: 25,
		Optimizer: "adam", LR: 0.01, Schedule: "cosine", Seed: 3}
	tr, err := train.New(net, set, recipe)
	if err != nil {
		panic(err)
	}
	step.Run(tr) // one mini-batch a step
	acc, _ := train.Evaluate(net, set, 100)
	fmt.Printf("%d examples seen, accuracy above 95%%: %v\n", tr.State().Examples, acc > 0.95)
	// Output: 20000 examples seen, accuracy above 95%: true
}
