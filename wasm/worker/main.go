//go:build js && wasm

// Command worker is Noise Ball's compute worker: a core-only wasm build
// that runs in a Web Worker (site/worker.js starts it) and executes the
// jobs of package jobs for the page, so the canvas keeps drawing while
// noise is sampled, sets are measured and models are attacked.
//
// Messages are jobs.Message values carried by package port. The worker
// says MsgReady once, then runs one job at a time with a jobs.Runner:
// slices of about sliceTime, each answered with the runner's message,
// with a yield to the event loop between them, where a MsgCancel can
// arrive (Go in wasm runs one goroutine at a time and sees messages only
// while it waits). A MsgPause holds a job between two slices, keeping
// its state, and the next job runs meanwhile; MsgResume lets it go on.
package main

import (
	"slices"
	"sync"
	"syscall/js"
	"time"

	"noiseball/core/gemm"
	"noiseball/wasm/heavyjobs"
	"noiseball/wasm/jobs"
	"noiseball/wasm/port"
)

// sliceTime is how long a job runs between yields and progress reports.
const sliceTime = 25 * time.Millisecond

// inbox collects messages from the event loop for the job loop.
type inbox struct {
	mu   sync.Mutex
	msgs []jobs.Message
	wake chan struct{}
	mesh *mesh
}

// push reads a message event from the page; a port to another worker
// (MsgPeer) goes to the mesh.
func (b *inbox) push(e js.Value) {
	m, ok, err := port.Read(e.Get("data"))
	if !ok || err != nil {
		return // nothing the page sends
	}
	if m.Type == jobs.MsgPeer {
		if ports := e.Get("ports"); ports.Truthy() && ports.Length() == 1 {
			b.mesh.add(ports.Index(0))
		}
		return
	}
	b.mu.Lock()
	b.msgs = append(b.msgs, m)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

func (b *inbox) take() []jobs.Message {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.msgs
	b.msgs = nil
	return m
}

func main() {
	box := &inbox{wake: make(chan struct{}, 1), mesh: newMesh()}
	heavyjobs.Register(box.mesh.helper)
	self := js.Global()
	// worker.js queues the events that arrive before Go starts.
	if q := self.Get("nbQueue"); q.Truthy() {
		for i := range q.Length() {
			box.push(q.Index(i))
		}
	}
	self.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		box.push(args[0])
		return nil
	}))
	port.Post(self, jobs.Message{Type: jobs.MsgReady, Kind: gemm.Kernel()})

	// Runners are cheap until their first Run starts the job. They run
	// in the order they came, each to its end, but a paused one lets the
	// next run meanwhile.
	var runners []*jobs.Runner
	canceled, paused := map[int]bool{}, map[int]bool{}
	sort := func(ms []jobs.Message) {
		for _, m := range ms {
			switch m.Type {
			case jobs.MsgCancel:
				canceled[m.ID] = true
			case jobs.MsgPause:
				paused[m.ID] = true
			case jobs.MsgResume:
				delete(paused, m.ID)
			case jobs.MsgRun:
				runners = append(runners, jobs.NewRunner(m, time.Now))
			}
		}
	}
	for {
		sort(box.take())
		i := slices.IndexFunc(runners, func(r *jobs.Runner) bool { return !paused[r.ID()] || canceled[r.ID()] })
		if i < 0 {
			<-box.wake
			continue
		}
		r := runners[i]
		if canceled[r.ID()] {
			delete(canceled, r.ID())
			delete(paused, r.ID())
			r.Cancel()
		}
		port.Post(self, r.Run(sliceTime))
		if r.Finished() {
			runners = slices.Delete(runners, i, i+1)
		}
		// A timer wait is a real block: the event loop runs and delivers
		// any cancel or pause.
		time.Sleep(time.Millisecond)
	}
}
