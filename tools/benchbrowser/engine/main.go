//go:build js && wasm

// Command engine is the Go side of 'make bench-browser': it runs in a Web
// Worker (site/worker.js, with the SIMD kernel unless the page asked for
// none), takes MNIST test digits (IDX payloads) and the cnn-clean weights from the
// benchmark page's first message and times the engine on the workloads
// that page also gives TensorFlow.js:
//
//   - infer: the logits of every digit, in batches of 256;
//   - train: plain SGD (learning rate 0.01, no momentum) in batches of 64,
//     two passes over the digits, from He initialization (seed 1);
//   - pgd: 20-step L2 PGD (ε = 2, step 0.25, clipped to [0,1], no early
//     stop, no random start) on the first 100 digits, as one batch.
//
// Each workload first runs once untimed on its first batch (a forward
// pass, a gradient without an update, one PGD gradient), so that the
// browser has compiled the hot code with its optimizing tier, as in the
// page's long-lived workers; bench.js warms TF.js the same way.
//
// Before them it classifies the first digit and notes the time from the
// worker's creation, its cold start (first_ms).
//
// It posts {kernel, infer_ex_s, train_ex_s, pgd_s, accuracy, pgd_accuracy,
// first_ms}.
package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"syscall/js"
	"time"

	"noiseball/core/attack"
	"noiseball/core/data"
	"noiseball/core/gemm"
	"noiseball/core/nn"
	"noiseball/core/train"
)

func main() {
	got := make(chan js.Value, 1)
	handler := js.FuncOf(func(_ js.Value, args []js.Value) any {
		got <- args[0].Get("data")
		return nil
	})
	self := js.Global()
	// worker.js queues the events that arrive before Go starts.
	if q := self.Get("nbQueue"); q.Truthy() && q.Length() > 0 {
		got <- q.Index(0).Get("data")
	}
	self.Set("onmessage", handler)
	msg := <-got
	res, err := run(bytesOf(msg.Get("images")), bytesOf(msg.Get("labels")), bytesOf(msg.Get("weights")))
	if err != nil {
		self.Call("postMessage", map[string]any{"error": err.Error()})
		return
	}
	self.Call("postMessage", res)
	select {}
}

func bytesOf(v js.Value) []byte {
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b
}

func run(images, labels, weights []byte) (map[string]any, error) {
	set, err := data.MNISTFromBytes("bench", labels, images)
	if err != nil {
		return nil, err
	}
	net, _, err := nn.Load(bytes.NewReader(weights))
	if err != nil {
		return nil, err
	}
	// Cold start: the first digit's class, timed from the worker's
	// creation (where a worker's clock starts), as tfjs-worker.js does.
	if len(images) < 784 {
		return nil, fmt.Errorf("the benchmark page sent %d pixels, not a digit", len(images))
	}
	one := make([]float64, 784)
	data.BytesToPixels(one, images[:784])
	nn.Argmax(make([]int, 1), net.Logits(one, 1), 10)
	firstMS := js.Global().Get("performance").Call("now").Float()
	n, dim := set.N, set.Dim()
	x := make([]float64, n*dim)
	y := make([]int, n)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	set.Batch(x, y, idx)

	// infer
	net.Forward(x[:min(256, n)*dim], min(256, n)) // warm-up
	start := time.Now()
	correct := 0
	for b := 0; b < n; b += 256 {
		m := min(256, n-b)
		logits := net.Forward(x[b*dim:(b+m)*dim], m)
		pred := make([]int, m)
		nn.Argmax(pred, logits, 10)
		for i, p := range pred {
			if p == y[b+i] {
				correct++
			}
		}
	}
	inferS := time.Since(start).Seconds()

	// train
	fresh, err := nn.New(nn.MNIST, nn.CNNArch(), rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		return nil, err
	}
	opt := &train.SGD{}
	dl := make([]float64, 64*10)
	nn.CrossEntropy(dl, fresh.Forward(x[:64*dim], 64), y[:64], 10, 1.0/64) // warm-up, no update
	fresh.Backward(dl, nn.ParamGrad)
	start = time.Now()
	trained := 0
	for range 2 {
		for b := 0; b+64 <= n; b += 64 {
			logits := fresh.Forward(x[b*dim:(b+64)*dim], 64)
			nn.CrossEntropy(dl, logits, y[b:b+64], 10, 1.0/64)
			fresh.ZeroGrad()
			fresh.Backward(dl, nn.ParamGrad)
			opt.Update(fresh.Params(), 0.01)
			trained += 64
		}
	}
	trainS := time.Since(start).Seconds()

	// pgd
	const pgdN = 100
	adv := make([]float64, pgdN*dim)
	p := attack.PGD{Norm: attack.L2, Eps: 2, Steps: 1, Step: 0.25, Clip: true}
	p.Perturb(net, adv, x[:pgdN*dim], y[:pgdN], nil) // warm-up: one step
	p.Steps = 20
	start = time.Now()
	p.Perturb(net, adv, x[:pgdN*dim], y[:pgdN], nil)
	pgdS := time.Since(start).Seconds()
	pred := make([]int, pgdN)
	nn.Argmax(pred, net.Logits(adv, pgdN), 10)
	robust := 0
	for i, q := range pred {
		if q == y[i] {
			robust++
		}
	}
	return map[string]any{
		"kernel":       gemm.Kernel(),
		"digits":       n,
		"infer_ex_s":   float64(n) / inferS,
		"train_ex_s":   float64(trained) / trainS,
		"pgd_s":        pgdS,
		"accuracy":     float64(correct) / float64(n),
		"pgd_accuracy": float64(robust) / pgdN,
		"first_ms":     firstMS,
	}, nil
}
