//go:build js && wasm

package main

import (
	"bytes"
	"fmt"
	"sync"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/wasm/scene"
)

// library holds the assets the model scenes share, each downloaded once
// in the background through the fetcher: the zoo's weights (and the
// visitor's own file), the MNIST test set and the precomputed results.
// Its methods return what is here and start downloading what is not;
// downloads finish in goroutines, so everything is behind mu, and what a
// download has to show (progress, a failure) waits in ui until the game
// loop runs it (update): only the game loop touches the page.
type library struct {
	a        *app
	mu       sync.Mutex
	weights  map[string][]byte
	nets     map[string]*nn.Network
	test     *data.Set
	optional map[string][]byte // optional files by path; nil value: absent
	loading  map[string]bool
	failed   string   // a download or decoding failed: the sentence to show
	ui       []func() // page updates from downloads, for the game loop
}

// later queues f for the game loop.
func (l *library) later(f func()) {
	l.mu.Lock()
	l.ui = append(l.ui, f)
	l.mu.Unlock()
}

// update runs the page updates the downloads queued; the game loop calls
// it once per frame.
func (l *library) update() {
	l.mu.Lock()
	ui := l.ui
	l.ui = nil
	l.mu.Unlock()
	for _, f := range ui {
		f()
	}
}

func newLibrary(a *app) *library {
	return &library{a: a, weights: map[string][]byte{}, nets: map[string]*nn.Network{}, optional: map[string][]byte{}, loading: map[string]bool{}}
}

// problem returns the sentence of a failed download, or "".
func (l *library) problem() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failed
}

// fetch downloads path once, showing progress as what; done runs in a
// goroutine with its bytes. A failure is kept as the library's problem
// unless optional.
func (l *library) fetch(path, what string, optional bool, done func([]byte) error) {
	l.mu.Lock()
	if l.loading[path] {
		l.mu.Unlock()
		return
	}
	l.loading[path] = true
	l.mu.Unlock()
	go func() {
		b, err := l.a.fetch.get(path, func(got, total int64) {
			if total > 0 {
				l.later(func() { l.a.showJob(fmt.Sprintf("Downloading %s: %d%%", what, 100*got/total), int(got), int(total)) })
			}
		})
		if err == nil {
			err = done(b)
		}
		if err == nil {
			return
		}
		l.mu.Lock()
		defer l.mu.Unlock()
		if optional {
			l.optional[path] = nil
			return
		}
		l.failed = "This figure cannot be shown: " + err.Error() + ". Reload the page to try again; the other scenes keep working."
		failed := l.failed
		l.ui = append(l.ui, func() {
			l.a.problem(failed)
			l.a.showJob("", 0, 0)
		})
	}()
}

// model returns the weights and network of a zoo model or of the
// visitor's file (nil until here).
func (l *library) model(name string) ([]byte, *nn.Network) {
	l.mu.Lock()
	w, net := l.weights[name], l.nets[name]
	l.mu.Unlock()
	switch {
	case w != nil:
	case name == scene.UserModel:
		l.a.problem("Choose a safetensors file with “Load weights…”: a link cannot carry your file.")
	default:
		l.fetch("assets/models/"+name+".safetensors", name, false, func(b []byte) error {
			net, _, err := nn.Load(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("the weights of %s are unusable (%v)", name, err)
			}
			l.setModel(name, b, net)
			return nil
		})
	}
	return w, net
}

// setModel keeps a model's weights and network under name.
func (l *library) setModel(name string, weights []byte, net *nn.Network) {
	l.mu.Lock()
	l.weights[name], l.nets[name] = weights, net
	l.mu.Unlock()
}

// net returns a model already here, without downloading.
func (l *library) net(name string) *nn.Network {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.nets[name]
}

// testSet returns the MNIST test set (nil until here).
func (l *library) testSet() *data.Set {
	l.mu.Lock()
	test := l.test
	l.mu.Unlock()
	if test != nil {
		return test
	}
	l.fetch("assets/data/mnist-test-labels.idx", "the MNIST test labels", false, func(labels []byte) error {
		images, err := l.a.fetch.get("assets/data/mnist-test-images.idx", func(got, total int64) {
			if total > 0 {
				l.later(func() {
					l.a.showJob(fmt.Sprintf("Downloading the MNIST test digits: %d%%", 100*got/total), int(got), int(total))
				})
			}
		})
		if err != nil {
			return err
		}
		li, err := data.ReadIDX(bytes.NewReader(labels), scene.MNISTTest)
		if err != nil {
			return fmt.Errorf("the MNIST test labels are unreadable (%v)", err)
		}
		ii, err := data.ReadIDX(bytes.NewReader(images), scene.MNISTTest*data.MNISTPixels)
		if err != nil {
			return fmt.Errorf("the MNIST test digits are unreadable (%v)", err)
		}
		set, err := data.NewMNIST("test", ii, li, scene.MNISTTest)
		if err != nil {
			return err
		}
		l.mu.Lock()
		l.test = set
		l.mu.Unlock()
		return nil
	})
	return nil
}

// optionalFile returns a file that may be absent: its bytes, or nil with
// settled false while it downloads and true once known to be absent.
func (l *library) optionalFile(path, what string) (b []byte, settled bool) {
	l.mu.Lock()
	b, settled = l.optional[path]
	l.mu.Unlock()
	if !settled {
		l.fetch(path, what, true, func(got []byte) error {
			l.mu.Lock()
			l.optional[path] = got
			l.mu.Unlock()
			return nil
		})
	}
	return b, settled
}

// packDigits returns the labels and the pixels (bytes, 255 for 1) of the
// n test digits from first on, as jobs take them.
func packDigits(test *data.Set, first, n int) (labels, pixels []byte) {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = first + i
	}
	return packIndices(test, idx)
}

// packIndices returns the labels and pixels of the test digits idx.
func packIndices(test *data.Set, idx []int) (labels, pixels []byte) {
	const d = data.MNISTPixels
	labels, pixels = make([]byte, len(idx)), make([]byte, len(idx)*d)
	x := make([]float64, d)
	for i, k := range idx {
		labels[i] = byte(test.Example(x, k))
		data.PixelsToBytes(pixels[i*d:(i+1)*d], x)
	}
	return labels, pixels
}
