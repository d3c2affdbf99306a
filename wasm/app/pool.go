//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"syscall/js"
	"time"

	"noiseball/wasm/jobs"
)

// localBudget is how long the page itself may step jobs per frame when
// there are no workers.
const localBudget = 8 * time.Millisecond

// partialEvery is the shortest time between two partial results of a
// local job, as in the compute worker: each is encoded and decoded.
const partialEvery = 200 * time.Millisecond

// task is one job submitted to the pool.
type task struct {
	id          int
	kind        string
	params      []byte
	data        []byte
	onProgress  func(done, total int, partial []byte)
	onDone      func(result []byte, err error)
	worker      *worker  // running on it, or nil
	local       jobs.Job // running here, or nil
	canceled    bool
	done, total int
	partialAt   time.Time // the last partial result of a local job
}

// worker is one Web Worker running worker.wasm.
type worker struct {
	js    js.Value
	ready bool
	dead  bool
	task  *task
}

// workerMsg is a message from a worker, as the game loop reads it.
type workerMsg struct {
	w               *worker
	typ, text       string
	partial         []byte
	id, done, total int
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
}

// newPool returns a pool that starts its workers with its first job, so
// a view that needs none (the noise ball) downloads no worker program.
func newPool() *pool {
	p := &pool{tasks: map[int]*task{}, mode: "idle"}
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
		if js.Global().Get("Worker").Truthy() {
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

// start creates the workers, or chooses the page itself where Web
// Workers are unavailable.
func (p *pool) start() {
	p.mode = "page"
	defer func() { publishMode(p.mode) }()
	if !js.Global().Get("Worker").Truthy() {
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
			d := args[0].Get("data")
			m := workerMsg{w: w, typ: d.Get("type").String()}
			if id := d.Get("id"); id.Truthy() {
				m.id = id.Int()
			}
			switch m.typ {
			case "progress":
				m.done, m.total = d.Get("done").Int(), d.Get("total").Int()
				if pt := d.Get("partial"); pt.Truthy() {
					m.partial = []byte(pt.String())
				}
			case "done":
				m.text = d.Get("result").String()
			case "error", "failed":
				m.text = d.Get("message").String()
			}
			p.mu.Lock()
			p.inbox = append(p.inbox, m)
			p.mu.Unlock()
			return nil
		})
		fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
			p.mu.Lock()
			p.inbox = append(p.inbox, workerMsg{w: w, typ: "failed", text: "the worker could not run"})
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
}

// newWorker starts worker.js, or reports why it could not.
func newWorker() (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("workers are unavailable")
		}
	}()
	return js.Global().Get("Worker").New("worker.js"), nil
}

// run submits a job; params are marshaled to JSON, data (or nil) goes
// as a typed array. The callbacks run in the game loop; partial is the
// job's unfinished result, or nil.
func (p *pool) run(kind string, params any, data []byte, onProgress func(done, total int, partial []byte), onDone func([]byte, error)) *task {
	b, err := json.Marshal(params)
	if err != nil {
		panic("app: job parameters do not marshal: " + err.Error())
	}
	if p.mode == "idle" {
		p.start()
	}
	p.nextID++
	t := &task{id: p.nextID, kind: kind, params: b, data: data, onProgress: onProgress, onDone: onDone}
	p.tasks[t.id] = t
	p.queue = append(p.queue, t)
	return t
}

// cancel stops t; its onDone is not called.
func (p *pool) cancel(t *task) {
	if t == nil || t.canceled {
		return
	}
	t.canceled = true
	delete(p.tasks, t.id)
	if t.worker != nil {
		t.worker.js.Call("postMessage", map[string]any{"type": "cancel", "id": t.id})
	}
}

// busy reports whether any job is queued or running.
func (p *pool) busy() bool { return len(p.tasks) > 0 }

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
				j, err := jobs.New(t.kind, t.params, t.data)
				if err != nil {
					p.finish(t, nil, err)
					continue
				}
				t.local = j
			}
			rest = append(rest, t)
			continue
		}
		var free *worker
		for _, w := range p.workers {
			if w.ready && !w.dead && w.task == nil {
				free = w
				break
			}
		}
		if free == nil {
			rest = append(rest, t)
			continue
		}
		free.task, t.worker = t, free
		msg := map[string]any{"type": "run", "id": t.id, "kind": t.kind, "params": string(t.params)}
		if t.data != nil {
			arr := js.Global().Get("Uint8Array").New(len(t.data))
			js.CopyBytesToJS(arr, t.data)
			msg["data"] = arr
		}
		free.js.Call("postMessage", msg)
	}
	p.queue = rest
	// Step local jobs, the first in the queue first.
	if p.mode == "page" && len(p.queue) > 0 {
		t := p.queue[0]
		if jobs.RunFor(t.local, localBudget) {
			p.queue = p.queue[1:]
			res, err := t.local.Result()
			p.finish(t, res, err)
		} else {
			t.done, t.total = t.local.Progress()
			var partial []byte
			if pj, ok := t.local.(jobs.Partial); ok && time.Since(t.partialAt) >= partialEvery {
				partial, t.partialAt = pj.Partial(), time.Now()
			}
			t.onProgress(t.done, t.total, partial)
		}
	}
}

func (p *pool) handle(m workerMsg) {
	switch m.typ {
	case "ready":
		m.w.ready = true
		return
	case "failed":
		m.w.dead = true
		if t := m.w.task; t != nil {
			m.w.task, t.worker = nil, nil
			p.queue = append([]*task{t}, p.queue...)
		}
		return
	}
	if m.w.task != nil && m.w.task.id == m.id && m.typ != "progress" {
		m.w.task = nil
	}
	t := p.tasks[m.id]
	if t == nil {
		return // canceled or superseded
	}
	switch m.typ {
	case "progress":
		t.done, t.total = m.done, m.total
		t.onProgress(m.done, m.total, m.partial)
	case "done":
		p.finish(t, []byte(m.text), nil)
	case "error":
		p.finish(t, nil, errors.New(m.text))
	}
}

func (p *pool) finish(t *task, res []byte, err error) {
	delete(p.tasks, t.id)
	t.onDone(res, err)
}
