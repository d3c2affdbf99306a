//go:build js && wasm

package main

import (
	"errors"
	"slices"
	"strconv"
	"sync"
	"syscall/js"
	"time"

	"noiseball/wasm/jobs"
	"noiseball/wasm/port"
	"noiseball/wasm/scene"
)

// localBudget is how long the page itself may step jobs per frame when
// there are no workers.
const localBudget = 8 * time.Millisecond

// task is one job submitted to the pool.
type task struct {
	req         jobs.Message // the MsgRun message
	onProgress  func(done, total int, partial []byte)
	onDone      func(result []byte, err error)
	worker      *worker      // running on it, or nil
	local       *jobs.Runner // running here, or nil
	canceled    bool
	paused      bool
	done, total int
	// estimate is the job's estimated seconds (0: not estimated), for
	// the time left its progress shows.
	estimate float64
}

// worker is one Web Worker running worker.wasm.
type worker struct {
	js    js.Value
	ready bool
	dead  bool
	// tasks are the jobs sent to the worker and not finished: one
	// running, and any number paused, which hold no worker (it runs
	// another job meanwhile).
	tasks []*task
}

// free reports whether w can take a job: every job it holds is paused.
func (w *worker) free() bool {
	return w.ready && !w.dead && !slices.ContainsFunc(w.tasks, func(t *task) bool { return !t.paused })
}

// workerMsg is a message from a worker, or from the page's own runner
// (w nil), as the game loop reads it. failed is a worker that stopped.
type workerMsg struct {
	w      *worker
	m      jobs.Message
	failed string
}

// pool runs jobs on Web Workers, one per spare core
// (navigator.hardwareConcurrency - 1, at least one), or, where workers
// are unavailable or fail, on the page in slices of localBudget per
// frame. Everything but the message callbacks runs in the game loop's
// Update, so no locking is needed beyond the inbox.
type pool struct {
	workers []*worker
	queue   []*task
	tasks   map[int]*task
	nextID  int
	mu      sync.Mutex
	inbox   []workerMsg
	funcs   []js.Func
	// Mode says where jobs run, for the page and its tests.
	mode string
	// kernel is the matrix kernel the workers compute with, as
	// scene.SpeedOf names it: what the first worker reported, foreseen
	// until one has (see foreseeKernel).
	kernel string
}

// newPool returns a pool that starts its workers with its first job, so
// a view that needs none (the noise ball) downloads no worker program.
func newPool() *pool {
	p := &pool{tasks: map[int]*task{}, mode: "idle", kernel: foreseeKernel()}
	publishMode(p.mode)
	return p
}

// publishMode shows where jobs run as window.noiseball.workers, for the
// page's tests.
func publishMode(mode string) {
	if nb := js.Global().Get("noiseball"); nb.Truthy() {
		nb.Set("workers", mode)
	}
}

// publishKernel shows the matrix kernel the workers compute with
// ("simd128", or "go" where the browser lacks wasm SIMD) as
// window.noiseball.kernel, for the page's tests and benchmarks.
func publishKernel(kernel string) {
	if nb := js.Global().Get("noiseball"); nb.Truthy() {
		nb.Set("kernel", kernel)
	}
}

// publishEstimate shows the estimated seconds of the job the page last
// started or offered as window.noiseball.estimate, for the benchmarks,
// which set it beside the measured time, and returns them.
func publishEstimate(seconds float64) float64 {
	if nb := js.Global().Get("noiseball"); nb.Truthy() {
		nb.Set("estimate", seconds)
	}
	return seconds
}

// wantWorkers is how many workers the pool starts: one per spare core
// (navigator.hardwareConcurrency - 1, at least 1), or N from the page
// address's query ?workers=N (1 to 16), with which the tests time jobs
// on 1, 2 or all workers.
func wantWorkers() int {
	q := js.Global().Get("URLSearchParams").New(js.Global().Get("location").Get("search")).Call("get", "workers")
	if q.Truthy() {
		if n, err := strconv.Atoi(q.String()); err == nil && n >= 1 && n <= 16 {
			return n
		}
	}
	n := 1
	if hc := js.Global().Get("navigator").Get("hardwareConcurrency"); hc.Truthy() {
		n = max(1, hc.Int()-1)
	}
	return n
}

// parallelism returns how many jobs can run at once: the live workers,
// or those the pool will start with its first job, or 1 on the page.
func (p *pool) parallelism() int {
	switch p.mode {
	case "idle":
		if workersAvailable() {
			return wantWorkers()
		}
	case "workers":
		n := 0
		for _, w := range p.workers {
			if !w.dead {
				n++
			}
		}
		return max(n, 1)
	}
	return 1
}

// speed is how fast a job runs where the pool runs it, for the page's
// time estimates: the workers' kernel, or "page" where the page steps
// jobs itself (or will, having no workers).
func (p *pool) speed() scene.Speed {
	if p.mode == "page" || p.mode == "idle" && !workersAvailable() {
		return scene.SpeedOf("page")
	}
	return scene.SpeedOf(p.kernel)
}

// simdProbe is the smallest module that uses a SIMD128 instruction,
// (module (func (result v128) i32.const 0 i8x16.splat)), assembled by
// wat2wasm: a browser that validates it has wasm SIMD.
var simdProbe = []byte{0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11}

// foreseeKernel returns the kernel the workers will compute with, before
// one has said: "go" where the page's query asks for Go's kernels
// (workerURL) or the browser lacks wasm SIMD, else "simd128".
func foreseeKernel() string {
	if kernelQuery() == "go" {
		return "go"
	}
	wa := js.Global().Get("WebAssembly")
	if !wa.Truthy() {
		return "go"
	}
	probe := js.Global().Get("Uint8Array").New(len(simdProbe))
	js.CopyBytesToJS(probe, simdProbe)
	if ok := wa.Call("validate", probe); !ok.Truthy() {
		return "go"
	}
	return "simd128"
}

// start creates the workers, or chooses the page itself where Web
// Workers are unavailable.
func (p *pool) start() {
	p.mode = "page"
	defer func() { publishMode(p.mode) }()
	if !workersAvailable() {
		return
	}
	for range wantWorkers() {
		w := &worker{}
		wv, err := newWorker()
		if err != nil {
			break
		}
		w.js = wv
		f := js.FuncOf(func(_ js.Value, args []js.Value) any {
			jm, ok, err := port.Read(args[0].Get("data"))
			m := workerMsg{w: w, m: jm}
			switch {
			case err != nil:
				m.failed = err.Error()
			case !ok:
				m.failed = jm.Error // the bootstrap's report: Go stopped
			}
			p.mu.Lock()
			p.inbox = append(p.inbox, m)
			p.mu.Unlock()
			return nil
		})
		fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
			p.mu.Lock()
			p.inbox = append(p.inbox, workerMsg{w: w, failed: "the worker could not run"})
			p.mu.Unlock()
			return nil
		})
		wv.Call("addEventListener", "message", f)
		wv.Call("addEventListener", "error", fail)
		p.funcs = append(p.funcs, f, fail)
		p.workers = append(p.workers, w)
	}
	if len(p.workers) > 0 {
		p.mode = "workers"
	}
	// Join every pair of workers with a MessageChannel, so a training
	// run in one can have its gradient shards computed by another
	// (train.Helper) without passing through this page's frames.
	if mc := js.Global().Get("MessageChannel"); mc.Truthy() {
		for i, a := range p.workers {
			for j := i + 1; j < len(p.workers); j++ {
				ch := mc.New()
				port.PostPort(a.js, jobs.Message{Type: jobs.MsgPeer, ID: j}, ch.Get("port1"))
				port.PostPort(p.workers[j].js, jobs.Message{Type: jobs.MsgPeer, ID: i}, ch.Get("port2"))
			}
		}
	}
}

// warm starts the workers ahead of their first job, if they have not
// started: a worker takes a second or more to download, compile and start
// its program, which then overlaps the job's own downloads.
func (p *pool) warm() {
	if p.mode == "idle" {
		p.start()
	}
}

// workersAvailable reports whether the page can start Web Workers: the
// browser has them and the page is not an offline file (a file:// page
// may not start a worker from its own folder).
func workersAvailable() bool {
	return js.Global().Get("Worker").Truthy() && !offline()
}

// newWorker starts worker.js, or reports why it could not.
func newWorker() (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("workers are unavailable")
		}
	}()
	return js.Global().Get("Worker").New(workerURL("worker.wasm")), nil
}

// submit runs a job of kind k with parameters params on inputs in (nil:
// none). The callbacks run in the game loop: onProgress with the work
// done and the result so far (nil when the message carried none, or it
// did not decode), onDone with the result or a sentence-long error.
func submit[P, R any](p *pool, k *jobs.Kind[P, R], params P, in *jobs.Inputs, onProgress func(done, total int, partial *R), onDone func(R, error)) *task {
	p.warm()
	p.nextID++
	t := &task{req: k.Request(p.nextID, params, in),
		onProgress: func(done, total int, b []byte) {
			var part *R
			if b != nil {
				if r, err := k.Decode(b); err == nil {
					part = &r
				}
			}
			onProgress(done, total, part)
		},
		onDone: func(b []byte, err error) {
			var r R
			if err == nil {
				r, err = k.Decode(b)
			}
			onDone(r, err)
		}}
	p.tasks[t.req.ID] = t
	p.queue = append(p.queue, t)
	return t
}

// cancel stops t; its onDone is not called.
func (p *pool) cancel(t *task) {
	if t == nil || t.canceled {
		return
	}
	t.canceled = true
	delete(p.tasks, t.req.ID)
	if t.worker != nil {
		port.Post(t.worker.js, jobs.Message{Type: jobs.MsgCancel, ID: t.req.ID})
	}
}

// pause holds t between two steps (on) or lets it go on (off); its
// state is kept, wherever it runs.
func (p *pool) pause(t *task, on bool) {
	if t == nil || t.canceled || t.paused == on {
		return
	}
	t.paused = on
	if t.worker != nil {
		typ := jobs.MsgResume
		if on {
			typ = jobs.MsgPause
		}
		port.Post(t.worker.js, jobs.Message{Type: typ, ID: t.req.ID})
	}
}

// update handles worker messages, hands queued jobs to idle workers and
// steps local jobs; it runs once per frame.
func (p *pool) update() {
	p.mu.Lock()
	msgs := p.inbox
	p.inbox = nil
	p.mu.Unlock()
	for _, m := range msgs {
		p.handle(m)
	}
	alive := false
	for _, w := range p.workers {
		alive = alive || !w.dead
	}
	if !alive && p.mode == "workers" {
		p.mode = "page"
		publishMode(p.mode)
	}
	// Dispatch.
	var rest []*task
	for _, t := range p.queue {
		if t.canceled {
			continue
		}
		if p.mode == "page" {
			if t.local == nil {
				t.local = jobs.NewRunner(t.req, time.Now)
			}
			rest = append(rest, t)
			continue
		}
		var free *worker
		for _, w := range p.workers {
			if w.free() {
				free = w
				break
			}
		}
		if free == nil {
			rest = append(rest, t)
			continue
		}
		free.tasks, t.worker = append(free.tasks, t), free
		if t.paused {
			// Before the run, so that not a slice of it runs.
			port.Post(free.js, jobs.Message{Type: jobs.MsgPause, ID: t.req.ID})
		}
		port.Post(free.js, t.req)
	}
	p.queue = rest
	// Step the first local job that is not paused; its runner reports as
	// a worker would.
	if i := slices.IndexFunc(p.queue, func(t *task) bool { return !t.paused }); p.mode == "page" && i >= 0 {
		t := p.queue[i]
		m := t.local.Run(localBudget)
		if t.local.Finished() {
			p.queue = slices.Delete(p.queue, i, i+1)
		}
		p.handle(workerMsg{m: m})
	}
}

func (p *pool) handle(m workerMsg) {
	if m.w != nil {
		switch {
		case m.failed != "":
			m.w.dead = true
			for _, t := range m.w.tasks {
				t.worker = nil
			}
			p.queue = append(m.w.tasks, p.queue...)
			m.w.tasks = nil
			return
		case m.m.Type == jobs.MsgReady:
			m.w.ready = true
			p.kernel = m.m.Kind
			publishKernel(m.m.Kind)
			return
		case m.m.Type != jobs.MsgProgress:
			m.w.tasks = slices.DeleteFunc(m.w.tasks, func(t *task) bool { return t.req.ID == m.m.ID })
		}
	}
	t := p.tasks[m.m.ID]
	if t == nil {
		return // canceled or superseded
	}
	switch m.m.Type {
	case jobs.MsgProgress:
		t.done, t.total = m.m.Done, m.m.Total
		t.onProgress(m.m.Done, m.m.Total, m.m.Partial)
	case jobs.MsgDone:
		p.finish(t, m.m.Result, nil)
	case jobs.MsgFailed:
		p.finish(t, nil, errors.New(m.m.Error))
	}
}

func (p *pool) finish(t *task, res []byte, err error) {
	delete(p.tasks, t.req.ID)
	t.onDone(res, err)
}
