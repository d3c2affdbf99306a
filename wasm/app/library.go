//go:build js && wasm

package main

import (
	"bytes"
	"fmt"
	"strings"
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
	test     *data.Set            // all 10,000 test digits
	test1k   *data.Set            // the first data.MNISTSubset
	train    map[string]*data.Set // parts of the training set, by split (data.MNISTTrainParts)
	optional map[string][]byte    // optional files by path; nil value: absent
	loading  map[string]bool
	failed   string   // a download or decoding failed: the sentence to show
	ui       []func() // page updates from downloads, for the game loop
	active   int      // downloads under way
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
	return &library{a: a, weights: map[string][]byte{}, train: map[string]*data.Set{}, nets: map[string]*nn.Network{}, optional: map[string][]byte{}, loading: map[string]bool{}}
}

// problem returns the sentence of a failed download, or "".
func (l *library) problem() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failed
}

// progress returns a download's progress callback: a "Downloading what:
// N%" line in the job panel, shown by the game loop (unknown totals show
// nothing).
func (l *library) progress(what string) func(got, total int64) {
	return func(got, total int64) {
		if total > 0 {
			l.later(func() {
				l.a.showJob(fmt.Sprintf("Downloading %s: %d%%", what, min(100, 100*got/total)), int(got), int(total))
			})
		}
	}
}

// fetch downloads path once, showing progress as what; done runs in a
// goroutine with its bytes (a download may wait for another). What the
// page shows runs in the game loop, in order: the progress lines, then
// the end, when the download's line leaves the job panel if no other
// download is under way. A failure is kept as the library's problem
// unless optional.
func (l *library) fetch(path, what string, optional bool, done func([]byte) error) {
	l.mu.Lock()
	if l.loading[path] {
		l.mu.Unlock()
		return
	}
	l.loading[path] = true
	l.active++
	l.mu.Unlock()
	go func() {
		b, err := l.a.fetch.get(path, l.progress(what))
		if err == nil {
			err = done(b)
		}
		l.mu.Lock()
		l.active--
		if err != nil && optional {
			l.optional[path] = nil
		} else if err != nil {
			l.failed = "This figure cannot be shown: " + err.Error() + ". Reload the page to try again; the other scenes keep working."
		}
		failed := l.failed
		l.ui = append(l.ui, func() {
			l.mu.Lock()
			active := l.active
			l.mu.Unlock()
			switch {
			case err != nil && !optional:
				l.a.problem(failed)
				l.a.showJob("", 0, 0)
			case active == 0 && strings.HasPrefix(l.a.jobText, "Downloading"):
				l.a.showJob("", 0, 0)
			}
		})
		l.mu.Unlock()
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
		l.a.problem("Train a model in the Train scene, or choose a safetensors file with “Load weights…”: a link cannot carry your model.")
	default:
		// A scene that needs a model computes with it: start the workers
		// while the weights download.
		l.a.pool.warm()
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

// digitCount is how many test digits the page can show: all 10,000, or
// the first 1,000 in an offline page, which carries only those.
func (l *library) digitCount() int {
	if offline() {
		return data.MNISTSubset
	}
	return scene.MNISTTest
}

// testDigits returns a set holding at least the first n MNIST test
// digits (nil until here): the first data.MNISTSubset of them (0.13 MB to
// download) when n fits and the whole set is not here yet, otherwise all
// 10,000 (1.33 MB), downloaded only when a view needs a digit beyond the
// subset.
func (l *library) testDigits(n int) *data.Set {
	l.mu.Lock()
	full, sub := l.test, l.test1k
	l.mu.Unlock()
	switch {
	case full != nil:
		return full
	case n <= data.MNISTSubset && sub != nil:
		return sub
	case n <= data.MNISTSubset:
		l.fetchSplit("test1k", "the first 1,000 MNIST test digits", data.MNISTSubset, func(s *data.Set) { l.test1k = s })
	default:
		l.fetchSplit("test", "the 10,000 MNIST test digits", scene.MNISTTest, func(s *data.Set) { l.test = s })
	}
	return nil
}

// trainDigits returns the labels and pixels (bytes, 255 for 1) of the
// first n MNIST training digits, as a train job takes them, or nil until
// the parts of the training set that hold them are here; it starts
// their downloads (about 1.3 MB each).
func (l *library) trainDigits(n int) (labels, pixels []byte) {
	parts := data.MNISTTrainParts(n)
	l.mu.Lock()
	var sets []*data.Set
	for _, p := range parts {
		if s := l.train[p]; s != nil {
			sets = append(sets, s)
		}
	}
	l.mu.Unlock()
	if len(sets) < len(parts) {
		for i, p := range parts {
			what := fmt.Sprintf("training digits %d to %d", i*data.MNISTTrainPart+1, (i+1)*data.MNISTTrainPart)
			l.fetchSplit(p, what, data.MNISTTrainPart, func(s *data.Set) { l.train[p] = s })
		}
		return nil, nil
	}
	labels, pixels = make([]byte, 0, n), make([]byte, 0, n*data.MNISTPixels)
	for _, s := range sets {
		k := min(s.N, n-len(labels))
		for _, y := range s.Labels[:k] {
			labels = append(labels, byte(y))
		}
		pixels = append(pixels, s.Bytes[:k*data.MNISTPixels]...)
	}
	return labels, pixels
}

// fetchSplit downloads the split's labels and images (what names them in
// the progress line) and keeps the set of count digits with keep, under
// the library's lock.
func (l *library) fetchSplit(split, what string, count int, keep func(*data.Set)) {
	base := "assets/data/mnist-" + split
	l.fetch(base+"-labels.idx", what, false, func(labels []byte) error {
		images, err := l.a.fetch.get(base+"-images.idx", l.progress(what))
		if err != nil {
			return err
		}
		li, err := data.ReadIDX(bytes.NewReader(labels), count)
		if err != nil {
			return fmt.Errorf("the labels of %s are unreadable (%v)", what, err)
		}
		ii, err := data.ReadIDX(bytes.NewReader(images), count*data.MNISTPixels)
		if err != nil {
			return fmt.Errorf("%s are unreadable (%v)", what, err)
		}
		set, err := data.NewMNIST(split, ii, li, count)
		if err != nil {
			return err
		}
		l.mu.Lock()
		keep(set)
		l.mu.Unlock()
		return nil
	})
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
