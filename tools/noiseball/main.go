// Command noiseball is Noise Ball's command-line tool: it prepares MNIST
// from the Go module proxy, trains the model zoo, prints predictions and
// serves the page. Run it as
//
//	go run ./tools/noiseball SUBCOMMAND [flags]
//
// and see `noiseball help` or `noiseball SUBCOMMAND -h` for each.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"data", "fetch MNIST from the Go module proxy and write the dataset files", runData},
		{"train", "train a model (a zoo entry or your own recipe) and save its weights", runTrain},
		{"predict", "print a model's logits for MNIST test images as JSON", runPredict},
		{"attack", "find the nearest error from clean or noisy test images, as JSON", runAttack},
		{"bound", "measure Figs. 2 and 4 (distance against the bound) for one model, as JSON", runBound},
		{"reproduce", "run the paper's measurements on the zoo and print the tables", runReproduce},
		{"spheres", "train a network on Adversarial Spheres and measure it against the cap bound", runSpheres},
		{"playground", "train the page's 2-D playground network and read it at a point, as JSON", runPlayground},
		{"compare", "measure one model as the paper compares models (noise, corruptions, PGD, nearest error), as JSON", runCompare},
		{"precompress", "write brotli and gzip copies of the built page's files", runPrecompress},
		{"serve", "serve the page in site/ on 127.0.0.1", runServe},
		{"dist", "write the page as a folder for any static web host", runDist},
		{"offline", "write the page as one HTML file that works from disk", runOffline},
	}
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usage(w io.Writer) {
	fmt.Fprint(w, `noiseball: adversarial examples as test error in noise, on MNIST.

Usage:
  noiseball SUBCOMMAND [flags]

Subcommands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'noiseball SUBCOMMAND -h' for the flags of one. Shared flags keep one
meaning everywhere: -seed (random seed), -model (a weights file or a zoo
name such as cnn-clean), -out (where results go), -data (the directory
written by 'noiseball data').
`)
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status: 0 on
// success, 1 on failure, 2 on a usage error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := runRecovered(c, args[1:], stdout, stderr)
		var ue *usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "noiseball %s: %v\nRun 'noiseball %s -h' for usage.\n", name, err, name)
			return 2
		default:
			fmt.Fprintf(stderr, "noiseball %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "noiseball: unknown subcommand %q.\n\n", name)
	usage(stderr)
	return 2
}

// runRecovered runs c, turning a panic (a bug: every input a user can
// give should end in an error sentence) into an error that asks for a
// report, so the exit status stays 1 and no stack trace reaches the user.
func runRecovered(c command, args []string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error (%v); this is a bug in noiseball, please report it with the command line", p)
		}
	}()
	return c.run(args, stdout, stderr)
}

// newFlags returns a flag set for a subcommand that reports errors
// instead of exiting and prints its doc before the flags on -h.
func newFlags(name, doc string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("noiseball "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: noiseball %s [flags]\n\n%s\nFlags:\n", name, doc)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args into fs, turning flag errors into usage errors and
// refusing positional arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("unexpected argument %q; every option is a flag", fs.Arg(0))}
	}
	return nil
}
