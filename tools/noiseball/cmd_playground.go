package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"noiseball/core/playground"
	"noiseball/core/region"
	"noiseball/core/step"
)

func runPlayground(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("playground", `Trains the page's playground network (two ReLU layers) on a toy set in
the plane and reads it at the point (-x, -y) under Gaussian noise of
-sigma: the error rate mu integrated exactly over a grid of the
network's regions and sampled, the nearest error, the median distance
from noisy copies to the errors and the bound -sigma*Phi^-1(mu). It
prints the reading as the page's JSON export writes it, so the two can
be compared; the same settings and seed give the same numbers.`, stderr)
	dataName := fs.String("data", "moons", "toy set: "+strings.Join(playground.Datasets, ", "))
	method := fs.String("train", "clean", "clean, gauss (Gaussian augmentation) or pgd (L2 adversarial training)")
	tsigma := fs.Float64("tsigma", 0.3, "gauss: noise added to the training points")
	eps := fs.Float64("eps", 0.3, "pgd: radius of the adversarial training points")
	width := fs.Int("width", 16, "units in each of the two ReLU layers")
	epochs := fs.Int("epochs", 40, "passes over the 400 training points")
	x := fs.Float64("x", 0, "the point: across")
	y := fs.Float64("y", 0.9, "the point: up")
	sigma := fs.Float64("sigma", 0.3, "noise around the point, per coordinate")
	seed := fs.Uint64("seed", 1, "random seed: the set, initialization, order, noise")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := firstError(checkFloat("tsigma", *tsigma, 0.05, 1), checkFloat("eps", *eps, 0.05, 1), checkInt("width", *width, 2, 64),
		checkInt("epochs", *epochs, 1, 200), checkFloat("x", *x, -5, 5), checkFloat("y", *y, -5, 5), checkFloat("sigma", *sigma, 0.02, 1)); err != nil {
		return err
	}
	switch *method {
	case "clean", "gauss", "pgd":
	default:
		return &usageError{fmt.Sprintf("-train %q: want clean, gauss or pgd", *method)}
	}
	cfg := playground.Config{Data: *dataName, Hidden: []int{*width, *width}, Recipe: playground.Recipe(*method, *epochs, *tsigma, *eps, *seed)}
	run, err := playground.New(cfg)
	if err != nil {
		return &usageError{err.Error()}
	}
	step.Run(run)
	p := region.Point{X: *x, Y: *y}
	g := run.Regions(playground.ReadGrid)
	rd := run.Read(g, p, *sigma, playground.ReadSamples, *seed)
	fmt.Fprintf(stderr, "playground: %s, %s training, last pass's accuracy %.1f%%\n", *dataName, *method, 100*run.State().Accuracy)
	b, err := json.MarshalIndent(playground.NewRecord(cfg, p, *sigma, g, rd), "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", b)
	return err
}
