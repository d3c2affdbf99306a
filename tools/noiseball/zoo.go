package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"noiseball/core/train"
)

// defaultModelDir holds the shipped weights, served by the page.
const defaultModelDir = "site/assets/models"

// zooEntry is one model of the shipped zoo: an architecture and a recipe.
type zooEntry struct {
	name   string
	arch   string
	recipe train.Recipe
}

// zoo returns the shipped models. Changing an entry changes its weights:
// retrain it with 'make models' and commit the file.
func zoo() []zooEntry {
	clean := func(epochs int) train.Recipe {
		r := train.Defaults("clean")
		r.Epochs = epochs
		return r
	}
	gauss := func(sigma float64, epochs int) train.Recipe {
		r := train.Defaults("gauss")
		r.Sigma, r.Epochs = sigma, epochs
		return r
	}
	pgd := func(norm string, eps float64, epochs int) train.Recipe {
		r := train.Defaults("pgd")
		r.Norm, r.Eps, r.Epochs = norm, eps, epochs
		r.StepSize = 2.5 * eps / float64(r.Steps)
		return r
	}
	return []zooEntry{
		{"linear-clean", "linear", clean(5)},
		{"linear-gauss0.4", "linear", gauss(0.4, 5)},
		{"cnn-clean", "cnn", clean(8)},
		{"cnn-gauss0.1", "cnn", gauss(0.1, 8)},
		{"cnn-gauss0.4", "cnn", gauss(0.4, 8)},
		{"cnn-pgd-linf0.1", "cnn", pgd("linf", 0.1, 2)},
		{"cnn-pgd-l2-1.0", "cnn", pgd("l2", 1.0, 2)},
	}
}

func zooNames() string {
	var names []string
	for _, z := range zoo() {
		names = append(names, z.name)
	}
	return strings.Join(names, ", ")
}

func findZoo(name string) (zooEntry, error) {
	for _, z := range zoo() {
		if z.name == name {
			return z, nil
		}
	}
	return zooEntry{}, &usageError{fmt.Sprintf("no zoo model named %q; the zoo has %s", name, zooNames())}
}

// modelPath resolves -model: an existing path as given, else a zoo name
// in defaultModelDir.
func modelPath(model string) string {
	if strings.ContainsAny(model, `/\`) || strings.HasSuffix(model, ".safetensors") {
		return model
	}
	return filepath.Join(defaultModelDir, model+".safetensors")
}
