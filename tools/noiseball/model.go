package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"noiseball/core/data"
	"noiseball/core/nn"
)

// loadModel reads the weights named by -model (a path or a zoo name).
func loadModel(model string) (*nn.Network, map[string]string, error) {
	if model == "" {
		return nil, nil, &usageError{"-model is required: a .safetensors file or a zoo name (" + zooNames() + ")"}
	}
	path := modelPath(model)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("model %q: %s does not exist; train it with 'go run ./tools/noiseball train -zoo NAME' or 'make models'", model, path)
	}
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	net, meta, err := nn.Load(f)
	if err != nil {
		return nil, nil, fmt.Errorf("model %q: %s is not a usable weights file: %w", model, path, err)
	}
	return net, meta, nil
}

// loadForTestImages checks that -first and -n select MNIST test images,
// then loads the model and the test set and checks that they fit.
func loadForTestImages(model, dataDir string, first, n int) (*nn.Network, *data.Set, error) {
	if first < 0 || n < 1 || first >= data.MNISTTest || n > data.MNISTTest-first {
		return nil, nil, &usageError{fmt.Sprintf("-first %d -n %d is outside the %d test images", first, n, data.MNISTTest)}
	}
	net, _, err := loadModel(model)
	if err != nil {
		return nil, nil, err
	}
	test, err := loadMNIST(dataDir, "test")
	if err != nil {
		return nil, nil, err
	}
	if err := net.Accepts(nn.MNIST, data.MNISTClasses); err != nil {
		return nil, nil, fmt.Errorf("model %q cannot read MNIST's digits: %v", model, err)
	}
	return net, test, nil
}
