package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"time"

	"noiseball/core/nn"
	"noiseball/core/train"
)

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", `Trains a network on the MNIST training set and writes its weights as a
safetensors file whose metadata holds the architecture, the recipe, the
test metrics and the command that regenerates it. Use -zoo NAME for a
shipped model (`+zooNames()+`);
any recipe flag given as well overrides the zoo's value. Progress (examples/s,
loss, accuracy, time left) goes to stderr.`, stderr)
	zooName := fs.String("zoo", "", "train this zoo model; its file goes to "+defaultModelDir+"/NAME.safetensors unless -out is set")
	out := fs.String("out", "", "weights file to write")
	dataDir := fs.String("data", defaultDataDir, "directory written by 'noiseball data'")
	arch := fs.String("arch", "cnn", "architecture: linear, mlp or cnn")
	hidden := fs.String("hidden", "256,128", "mlp hidden layer sizes, comma separated")
	limit := fs.Int("limit", 0, "train on the first N training images only (0: all 60000)")
	workers := fs.Int("workers", runtime.NumCPU(), "goroutines per batch (changes speed, not results)")
	d := train.Defaults("clean")
	fs.StringVar(&d.Method, "method", d.Method, "clean, gauss (Gaussian augmentation) or pgd (adversarial training)")
	fs.Float64Var(&d.Sigma, "sigma", 0, "gauss: noise standard deviation (pixels in [0,1])")
	fs.StringVar(&d.Norm, "norm", "linf", "pgd: l2 or linf")
	fs.Float64Var(&d.Eps, "eps", 0, "pgd: radius of the perturbation ball")
	fs.IntVar(&d.Steps, "steps", 5, "pgd: steps of the attack")
	fs.Float64Var(&d.StepSize, "step-size", 0, "pgd: step length (default 2.5*eps/steps)")
	fs.BoolVar(&d.RandomStart, "random-start", true, "pgd: start at a random point of the ball")
	fs.IntVar(&d.Epochs, "epochs", d.Epochs, "passes over the training set")
	fs.IntVar(&d.Batch, "batch", d.Batch, "mini-batch size")
	fs.StringVar(&d.Optimizer, "optimizer", d.Optimizer, "adam or sgd")
	fs.Float64Var(&d.LR, "lr", d.LR, "peak learning rate")
	fs.Float64Var(&d.Momentum, "momentum", 0, "sgd: momentum")
	fs.StringVar(&d.Schedule, "schedule", d.Schedule, "learning-rate schedule: cosine or constant")
	fs.Uint64Var(&d.Seed, "seed", d.Seed, "random seed: initialization, order, noise, attack starts")
	if err := parse(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	recipe, name, archName := d, "model", *arch
	if *zooName != "" {
		z, err := findZoo(*zooName)
		if err != nil {
			return err
		}
		recipe, name = z.recipe, z.name
		if !set["arch"] {
			archName = z.arch
		}
		// Explicit flags override the zoo recipe.
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "method":
				recipe.Method = d.Method
			case "sigma":
				recipe.Sigma = d.Sigma
			case "norm":
				recipe.Norm = d.Norm
			case "eps":
				recipe.Eps = d.Eps
			case "steps":
				recipe.Steps = d.Steps
			case "step-size":
				recipe.StepSize = d.StepSize
			case "random-start":
				recipe.RandomStart = d.RandomStart
			case "epochs":
				recipe.Epochs = d.Epochs
			case "batch":
				recipe.Batch = d.Batch
			case "optimizer":
				recipe.Optimizer = d.Optimizer
			case "lr":
				recipe.LR = d.LR
			case "momentum":
				recipe.Momentum = d.Momentum
			case "schedule":
				recipe.Schedule = d.Schedule
			case "seed":
				recipe.Seed = d.Seed
			}
		})
		if *out == "" {
			*out = modelPath(z.name)
		}
	}
	if recipe.Method != "pgd" {
		recipe.Norm, recipe.Eps, recipe.Steps, recipe.StepSize, recipe.RandomStart = "", 0, 0, 0, false
	} else if recipe.StepSize == 0 && recipe.Steps > 0 {
		recipe.StepSize = 2.5 * recipe.Eps / float64(recipe.Steps)
	}
	if *out == "" {
		return &usageError{"-out FILE is required unless -zoo is given"}
	}
	if err := recipe.Validate(); err != nil {
		return &usageError{err.Error()}
	}
	if *workers < 1 {
		return &usageError{"-workers must be at least 1"}
	}
	specs, err := archSpecs(archName, *hidden)
	if err != nil {
		return err
	}

	trainSet, err := loadMNIST(*dataDir, "train")
	if err != nil {
		return err
	}
	testSet, err := loadMNIST(*dataDir, "test")
	if err != nil {
		return err
	}
	if *limit > 0 && *limit < trainSet.N {
		trainSet = trainSet.Slice(0, *limit)
	}
	net, err := nn.New(nn.MNIST, specs, rand.New(rand.NewPCG(recipe.Seed, 0x696e6974)))
	if err != nil {
		return err
	}
	tr, err := train.New(net, trainSet, recipe)
	if err != nil {
		return err
	}
	tr.Workers = *workers
	rj, _ := json.Marshal(recipe)
	fmt.Fprintf(stderr, "%s: %s, %d parameters, %d training images, recipe %s\n", name, archName, net.NumParams(), trainSet.N, rj)

	start := time.Now()
	last := start
	final := tr.Run(10, nil, func(p train.Progress) {
		if now := time.Now(); now.Sub(last) >= 5*time.Second || tr.Done() {
			last = now
			el := now.Sub(start).Seconds()
			rate := float64(p.Examples) / el
			left := time.Duration(el*(1/p.Fraction()-1)) * time.Second
			fmt.Fprintf(stderr, "%s: epoch %d/%d %5.1f%%  %6.0f ex/s  loss %.4f  acc %5.2f%%  %s left\n",
				name, min(p.Epoch+1, p.Epochs), p.Epochs, 100*p.Fraction(), rate, p.Loss, 100*p.Accuracy, left.Round(time.Second))
		}
	})
	net.RoundToFloat32()
	acc, loss := train.Evaluate(net, testSet, 250)
	fmt.Fprintf(stderr, "%s: trained %d examples in %s; clean test accuracy %.2f%%, test loss %.4f\n",
		name, final.Examples, time.Since(start).Round(time.Second), 100*acc, loss)

	metrics, _ := json.Marshal(map[string]float64{"test_accuracy": acc, "test_loss": loss, "train_examples": float64(final.Examples)})
	meta := map[string]string{
		"name":    name,
		"recipe":  string(rj),
		"metrics": string(metrics),
		"command": "go run ./tools/noiseball train " + strings.Join(args, " "),
		"format":  "noiseball/1: inputs 1x28x28 pixels in [0,1], no normalization; logits out",
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return nn.Save(w, net, meta) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\t%s\ttest accuracy %.4f\n", name, *out, acc)
	return nil
}

// archSpecs returns the layer list of a named architecture for MNIST.
func archSpecs(arch, hidden string) ([]nn.LayerSpec, error) {
	switch arch {
	case "linear":
		return nn.LinearArch(nn.MNIST, 10), nil
	case "cnn":
		return nn.CNNArch(), nil
	case "mlp":
		var sizes []int
		for _, f := range strings.Split(hidden, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 || n > 1<<16 {
				return nil, &usageError{fmt.Sprintf("-hidden %q must be positive layer sizes separated by commas", hidden)}
			}
			sizes = append(sizes, n)
		}
		return nn.MLPArch(nn.MNIST, sizes, 10), nil
	}
	return nil, &usageError{fmt.Sprintf("-arch %q is unknown; want linear, mlp or cnn", arch)}
}
