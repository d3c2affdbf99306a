package main

import (
	"io"
	"strings"
	"testing"

	"noiseball/core/train"
)

// TestTrainSetupOverridesZoo: -zoo takes the zoo's recipe and
// architecture; recipe flags given override exactly those fields.
func TestTrainSetupOverridesZoo(t *testing.T) {
	z, _ := findZoo("cnn-gauss0.4")
	r, name, opt, err := trainSetup([]string{"-zoo", "cnn-gauss0.4", "-sigma", "0.2", "-epochs", "1"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := z.recipe
	want.Sigma, want.Epochs = 0.2, 1
	if r != want || name != "cnn-gauss0.4" || opt.arch != "cnn" || opt.out != modelPath("cnn-gauss0.4") {
		t.Errorf("got %+v, %s, %+v\nwant %+v", r, name, opt, want)
	}
	z, _ = findZoo("linear-clean")
	if r, _, opt, err := trainSetup([]string{"-zoo", "linear-clean"}, io.Discard); err != nil || r != z.recipe || opt.arch != "linear" {
		t.Errorf("linear-clean: %+v, %+v, %v", r, opt, err)
	}
	// Without -zoo: the clean defaults, pgd's filled in when asked for.
	r, _, _, err = trainSetup([]string{"-out", "m.safetensors", "-method", "pgd", "-eps", "0.3"}, io.Discard)
	want = train.Defaults("pgd")
	want.Eps, want.StepSize = 0.3, 2.5*0.3/5
	if err != nil || r != want {
		t.Errorf("pgd: %+v (%v), want %+v", r, err, want)
	}
	for _, bad := range [][]string{{"-method", "gauss"}, {"-zoo", "nope"}, {"-out", "m", "-method", "gauss"}, {"-zoo", "cnn-clean", "-workers", "0"}} {
		if _, _, _, err := trainSetup(bad, io.Discard); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestSpecCommandTrainsTheSameRecipe: the command a page-trained file
// carries (train.Spec.Command) reads back through the train command's
// flags as the same recipe, architecture and limit.
func TestSpecCommandTrainsTheSameRecipe(t *testing.T) {
	pgd := train.Defaults("pgd")
	pgd.Norm, pgd.Eps, pgd.StepSize, pgd.Epochs, pgd.Seed = "l2", 1.5, 0.75, 2, 7
	gauss := train.Defaults("gauss")
	gauss.Sigma, gauss.Optimizer, gauss.Momentum, gauss.Schedule = 0.4, "sgd", 0.9, "constant"
	for _, spec := range []train.Spec{
		{Name: "mine", Arch: "cnn", Recipe: pgd, Limit: 5000},
		{Arch: "mlp", Hidden: []int{32, 16}, Recipe: gauss},
		{Arch: "linear", Recipe: train.Defaults("clean"), Limit: 1000},
	} {
		cmd := spec.Command("m.safetensors")
		args := strings.Fields(strings.TrimPrefix(cmd, "go run ./tools/noiseball train "))
		r, name, opt, err := trainSetup(args, io.Discard)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		if r != spec.Recipe || opt.arch != spec.Arch || opt.limit != spec.Limit || opt.out != "m.safetensors" {
			t.Errorf("%s\nreads back as %+v %+v", cmd, r, opt)
		}
		if spec.Name != "" && name != spec.Name || spec.Name == "" && name != "model" {
			t.Errorf("name %q", name)
		}
		if spec.Arch == "mlp" && opt.hidden != "32,16" {
			t.Errorf("hidden %q", opt.hidden)
		}
	}
}
