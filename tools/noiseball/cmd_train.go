package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"noiseball/core/nn"
	"noiseball/core/train"
)

// trainOptions are the train command's flags besides the recipe.
type trainOptions struct {
	zoo, out, dataDir, arch, hidden, name string
	limit, workers                        int
}

// trainFlags returns the train command's flag set with the recipe flags
// bound to the fields of r and -arch defaulting to arch: their current
// values are the defaults, so flags given override them and the others
// keep them.
func trainFlags(stderr io.Writer, r *train.Recipe, arch string) (*flag.FlagSet, *trainOptions) {
	fs := newFlags("train", `Trains a network on the MNIST training set and writes its weights as a
safetensors file whose metadata holds the architecture, the recipe, the
test metrics and the command that regenerates it. Use -zoo NAME for a
shipped model (`+zooNames()+`);
any recipe flag given as well overrides the zoo's value. Progress (examples/s,
loss, accuracy, time left) goes to stderr.`, stderr)
	o := &trainOptions{}
	fs.StringVar(&o.zoo, "zoo", "", "train this zoo model; its file goes to "+defaultModelDir+"/NAME.safetensors unless -out is set")
	fs.StringVar(&o.out, "out", "", "weights file to write")
	fs.StringVar(&o.name, "name", "", "the model's name in the file's metadata (default: the -zoo name, or model)")
	fs.StringVar(&o.dataDir, "data", defaultDataDir, "directory written by 'noiseball data'")
	fs.StringVar(&o.arch, "arch", arch, "architecture: linear, mlp or cnn")
	fs.StringVar(&o.hidden, "hidden", "256,128", "mlp hidden layer sizes, comma separated")
	fs.IntVar(&o.limit, "limit", 0, "train on the first N training images only (0: all 60000)")
	fs.IntVar(&o.workers, "workers", runtime.NumCPU(), "goroutines per batch (changes speed, not results)")
	fs.StringVar(&r.Method, "method", r.Method, "clean, gauss (Gaussian augmentation) or pgd (adversarial training)")
	fs.Float64Var(&r.Sigma, "sigma", r.Sigma, "gauss: noise standard deviation (pixels in [0,1])")
	fs.StringVar(&r.Norm, "norm", r.Norm, "pgd: l2 or linf")
	fs.Float64Var(&r.Eps, "eps", r.Eps, "pgd: radius of the perturbation ball")
	fs.IntVar(&r.Steps, "steps", r.Steps, "pgd: steps of the attack")
	fs.Float64Var(&r.StepSize, "step-size", r.StepSize, "pgd: step length (default 2.5*eps/steps)")
	fs.BoolVar(&r.RandomStart, "random-start", r.RandomStart, "pgd: start at a random point of the ball")
	fs.IntVar(&r.Epochs, "epochs", r.Epochs, "passes over the training set")
	fs.IntVar(&r.Batch, "batch", r.Batch, "mini-batch size")
	fs.StringVar(&r.Optimizer, "optimizer", r.Optimizer, "adam or sgd")
	fs.Float64Var(&r.LR, "lr", r.LR, "peak learning rate")
	fs.Float64Var(&r.Momentum, "momentum", r.Momentum, "sgd: momentum")
	fs.StringVar(&r.Schedule, "schedule", r.Schedule, "learning-rate schedule: cosine or constant")
	fs.Uint64Var(&r.Seed, "seed", r.Seed, "random seed: initialization, order, noise, attack starts")
	return fs, o
}

// trainSetup reads the train command's flags: the recipe (the zoo's with
// -zoo, overridden by the recipe flags given), the model's name and the
// other options. It checks nothing that needs files.
func trainSetup(args []string, stderr io.Writer) (recipe train.Recipe, name string, opt *trainOptions, err error) {
	// The defaults without -zoo: a clean recipe, with pgd's settings
	// ready should -method pgd be given.
	recipe = train.Defaults("clean")
	recipe.Norm, recipe.Steps, recipe.RandomStart = "linf", 5, true
	fs, opt := trainFlags(stderr, &recipe, "cnn")
	if err := parse(fs, args); err != nil {
		return recipe, "", nil, err
	}
	name = "model"
	if opt.zoo != "" {
		// Parse again onto the zoo's recipe: the flags given override it.
		z, err := findZoo(opt.zoo)
		if err != nil {
			return recipe, "", nil, err
		}
		recipe, name = z.recipe, z.name
		fs, opt = trainFlags(io.Discard, &recipe, z.arch)
		if err := parse(fs, args); err != nil {
			return recipe, "", nil, err
		}
		if opt.out == "" {
			opt.out = modelPath(z.name)
		}
	}
	if opt.name != "" {
		name = opt.name
	}
	if recipe.Method != "pgd" {
		recipe.Norm, recipe.Eps, recipe.Steps, recipe.StepSize, recipe.RandomStart = "", 0, 0, 0, false
	} else if recipe.StepSize == 0 && recipe.Steps > 0 {
		recipe.StepSize = 2.5 * recipe.Eps / float64(recipe.Steps)
	}
	if opt.out == "" {
		return recipe, "", nil, &usageError{"-out FILE is required unless -zoo is given"}
	}
	if err := recipe.Validate(); err != nil {
		return recipe, "", nil, &usageError{err.Error()}
	}
	if err := firstError(checkInt("workers", opt.workers, 1, 256), checkInt("limit", opt.limit, 0, 60000)); err != nil {
		return recipe, "", nil, err
	}
	return recipe, name, opt, nil
}

func runTrain(args []string, stdout, stderr io.Writer) error {
	recipe, name, opt, err := trainSetup(args, stderr)
	if err != nil {
		return err
	}
	spec := train.Spec{Name: name, Arch: opt.arch, Recipe: recipe, Limit: opt.limit}
	if spec.Arch == "mlp" {
		if spec.Hidden, err = parseHidden(opt.hidden); err != nil {
			return err
		}
	}
	if _, err := archSpecs(opt.arch, opt.hidden); err != nil {
		return err
	}
	if err := checkWritable("out", opt.out, false); err != nil {
		return err
	}

	trainSet, err := loadMNIST(opt.dataDir, "train")
	if err != nil {
		return err
	}
	testSet, err := loadMNIST(opt.dataDir, "test")
	if err != nil {
		return err
	}
	s, err := train.NewSession(spec, trainSet, testSet)
	if err != nil {
		return err
	}
	s.Train.Workers = opt.workers
	rj, _ := json.Marshal(recipe)
	fmt.Fprintf(stderr, "%s: %s, %d parameters, %d training images, recipe %s\n", name, opt.arch, s.Net.NumParams(),
		s.Train.Examples(), rj)

	start := time.Now()
	last := start
	epochs, trained := 0, false
	for !s.Step() {
		r := s.Report()
		if len(r.Epochs) > epochs && len(r.Epochs[epochs].Noise) == len(train.EvalSigmas) {
			e := r.Epochs[epochs]
			epochs++
			var acc []string
			for i, sigma := range train.EvalSigmas {
				acc = append(acc, fmt.Sprintf("σ=%g %.1f%%", sigma, 100*e.Noise[i]))
			}
			fmt.Fprintf(stderr, "%s: epoch %d: training loss %.4f, accuracy %.2f%%; on %d test images: %s\n",
				name, e.Epoch, e.Loss, 100*e.Accuracy, min(train.EvalImages, testSet.N), strings.Join(acc, ", "))
		}
		if now := time.Now(); now.Sub(last) >= 5*time.Second || s.Train.Done() && !trained {
			last, trained = now, s.Train.Done()
			p := s.Train.State()
			el := now.Sub(start).Seconds()
			done, total := s.Progress()
			left := time.Duration(el*(float64(total)/float64(max(done, 1))-1)) * time.Second
			fmt.Fprintf(stderr, "%s: epoch %d/%d %5.1f%%  %6.0f ex/s  loss %.4f  acc %5.2f%%  %s left\n",
				name, min(p.Epoch+1, p.Epochs), p.Epochs, 100*float64(done)/float64(total), float64(p.Examples)/el,
				p.Loss, 100*p.Accuracy, left.Round(time.Second))
		}
	}
	r := s.Report()
	acc := r.TestAccuracy
	fmt.Fprintf(stderr, "%s: trained %d examples in %s; clean test accuracy %.2f%%, test loss %.4f\n",
		name, r.Examples, time.Since(start).Round(time.Second), 100*acc, r.TestLoss)
	meta := s.Metadata("go run ./tools/noiseball train " + strings.Join(args, " "))
	if err := writeFileAtomic(opt.out, func(w io.Writer) error { return nn.Save(w, s.Net, meta) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\t%s\ttest accuracy %.4f\n", name, opt.out, acc)
	return nil
}

// archSpecs returns the layer list of a named architecture for MNIST.
func archSpecs(arch, hidden string) ([]nn.LayerSpec, error) {
	var sizes []int
	if arch == "mlp" {
		var err error
		if sizes, err = parseHidden(hidden); err != nil {
			return nil, err
		}
	}
	specs, err := nn.MNISTArch(arch, sizes)
	if err != nil {
		return nil, &usageError{fmt.Sprintf("-arch %q is unknown; want linear, mlp or cnn", arch)}
	}
	return specs, nil
}

// parseHidden reads -hidden: an MLP's hidden layer sizes, separated by
// commas.
func parseHidden(hidden string) ([]int, error) {
	var sizes []int
	for _, f := range strings.Split(hidden, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 || n > 1<<16 {
			return nil, &usageError{fmt.Sprintf("-hidden %q must be positive layer sizes separated by commas", hidden)}
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}
