package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

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
