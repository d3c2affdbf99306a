//go:build js && wasm

// Command worker is Noise Ball's compute worker: a core-only wasm build
// that runs in a Web Worker (site/worker.js starts it) and executes the
// jobs of package jobs for the page, so the canvas keeps drawing while
// noise is sampled, sets are measured and models are attacked.
//
// Messages, all plain objects:
//
//	page → worker  {type: "run", id, kind, params, data}
//	                 params: JSON text; data: a Uint8Array or undefined
//	               {type: "cancel", id}
//	worker → page  {type: "ready"}
//	               {type: "progress", id, done, total, partial}
//	                 partial: JSON text of the result so far, or absent
//	               {type: "done", id, result}          result: JSON text
//	               {type: "error", id, message}
//	               {type: "canceled", id}
//
// Go in wasm runs one goroutine at a time and sees messages only while
// it waits, so a job runs in slices of about sliceTime and yields to the
// worker's event loop between them, where a cancel can arrive.
package main

import (
	"sync"
	"syscall/js"
	"time"

	"noiseball/wasm/jobs"
)

// sliceTime is how long a job runs between yields and progress reports.
const sliceTime = 25 * time.Millisecond

// partialEvery is the shortest time between two partial results.
const partialEvery = 200 * time.Millisecond

type message struct {
	typ, kind, params string
	data              []byte
	id                int
}

// inbox collects messages from the event loop for the job loop.
type inbox struct {
	mu   sync.Mutex
	msgs []message
	wake chan struct{}
}

func (b *inbox) push(v js.Value) {
	m := message{typ: v.Get("type").String(), id: v.Get("id").Int()}
	if m.typ == "run" {
		m.kind, m.params = v.Get("kind").String(), v.Get("params").String()
		if d := v.Get("data"); d.Truthy() {
			m.data = make([]byte, d.Get("length").Int())
			js.CopyBytesToGo(m.data, d)
		}
	}
	b.mu.Lock()
	b.msgs = append(b.msgs, m)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

func (b *inbox) take() []message {
	b.mu.Lock()
	defer b.mu.Unlock()
	m := b.msgs
	b.msgs = nil
	return m
}

func post(fields map[string]any) { js.Global().Call("postMessage", fields) }

func main() {
	self := js.Global()
	box := &inbox{wake: make(chan struct{}, 1)}
	// worker.js queues the events that arrive before Go starts.
	if q := self.Get("nbQueue"); q.Truthy() {
		for i := range q.Length() {
			box.push(q.Index(i).Get("data"))
		}
	}
	self.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		box.push(args[0].Get("data"))
		return nil
	}))
	post(map[string]any{"type": "ready"})

	var queue []message
	canceled := map[int]bool{}
	sort := func(ms []message) {
		for _, m := range ms {
			switch m.typ {
			case "cancel":
				canceled[m.id] = true
			case "run":
				queue = append(queue, m)
			}
		}
	}
	for {
		sort(box.take())
		if len(queue) == 0 {
			<-box.wake
			continue
		}
		m := queue[0]
		queue = queue[1:]
		if canceled[m.id] {
			delete(canceled, m.id)
			post(map[string]any{"type": "canceled", "id": m.id})
			continue
		}
		j, err := jobs.New(m.kind, []byte(m.params), m.data)
		if err != nil {
			post(map[string]any{"type": "error", "id": m.id, "message": err.Error()})
			continue
		}
		var lastPartial string
		var lastSent time.Time
		for !jobs.RunFor(j, sliceTime) {
			done, total := j.Progress()
			msg := map[string]any{"type": "progress", "id": m.id, "done": done, "total": total}
			// Partial results go at most every partialEvery and only when
			// changed: the page decodes each one on its main thread.
			if pj, ok := j.(jobs.Partial); ok && time.Since(lastSent) >= partialEvery {
				if p := string(pj.Partial()); p != lastPartial {
					msg["partial"], lastPartial, lastSent = p, p, time.Now()
				}
			}
			post(msg)
			// A timer wait is a real block: the event loop runs and
			// delivers any cancel.
			time.Sleep(time.Millisecond)
			sort(box.take())
			if canceled[m.id] {
				break
			}
		}
		if canceled[m.id] {
			delete(canceled, m.id)
			post(map[string]any{"type": "canceled", "id": m.id})
			continue
		}
		res, err := j.Result()
		if err != nil {
			post(map[string]any{"type": "error", "id": m.id, "message": err.Error()})
			continue
		}
		post(map[string]any{"type": "done", "id": m.id, "result": string(res)})
	}
}
