//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"
)

// fetcher is the page's side of the asset fetcher (wasm/fetcher), a Web
// Worker started with the first download. get blocks its goroutine until
// the file arrives; progress is reported as it downloads.
type fetcher struct {
	mu      sync.Mutex
	w       js.Value
	next    int
	pending map[int]*fetchReq
	funcs   []js.Func
}

// fetchReq is one download in flight.
type fetchReq struct {
	progress func(done, total int64)
	done     chan struct{}
	data     []byte
	err      error
}

// get downloads path (the file's name in site/; fileURL says where it
// is), or unpacks it in an offline page. Call it from a goroutine other
// than the game loop's.
func (f *fetcher) get(path string, progress func(done, total int64)) ([]byte, error) {
	if offline() {
		b, err := inlined(path)
		if err != nil {
			return nil, fmt.Errorf("could not load %s: %v", path, err)
		}
		return b, nil
	}
	f.mu.Lock()
	if err := f.start(); err != nil {
		f.mu.Unlock()
		return nil, err
	}
	f.next++
	id := f.next
	d := &fetchReq{progress: progress, done: make(chan struct{})}
	f.pending[id] = d
	f.w.Call("postMessage", map[string]any{"type": "fetch", "id": id, "path": fileURL(path)})
	f.mu.Unlock()
	<-d.done
	return d.data, d.err
}

// start creates the worker once (the caller holds mu).
func (f *fetcher) start() (err error) {
	if f.w.Truthy() {
		return nil
	}
	if !js.Global().Get("Worker").Truthy() {
		return errors.New("this browser cannot download in the background (it has no Web Workers)")
	}
	defer func() {
		if recover() != nil {
			err = errors.New("the download worker could not start")
		}
	}()
	f.pending = map[int]*fetchReq{}
	f.w = js.Global().Get("Worker").New(workerURL("fetcher.wasm"))
	onMsg := js.FuncOf(func(_ js.Value, args []js.Value) any {
		m := args[0].Get("data")
		typ := m.Get("type").String()
		f.mu.Lock()
		defer f.mu.Unlock()
		if typ == "failed" {
			f.failAll(errors.New("the download worker stopped: " + m.Get("message").String()))
			return nil
		}
		id := m.Get("id")
		if id.Type() != js.TypeNumber {
			return nil // "ready"
		}
		d := f.pending[id.Int()]
		if d == nil {
			return nil
		}
		switch typ {
		case "progress":
			if d.progress != nil {
				d.progress(int64(m.Get("done").Float()), int64(m.Get("total").Float()))
			}
		case "done":
			arr := m.Get("data")
			d.data = make([]byte, arr.Get("length").Int())
			js.CopyBytesToGo(d.data, arr)
			delete(f.pending, id.Int())
			close(d.done)
		case "error":
			d.err = errors.New(m.Get("message").String())
			delete(f.pending, id.Int())
			close(d.done)
		}
		return nil
	})
	onErr := js.FuncOf(func(js.Value, []js.Value) any {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.failAll(errors.New("the download worker could not run"))
		return nil
	})
	f.w.Call("addEventListener", "message", onMsg)
	f.w.Call("addEventListener", "error", onErr)
	f.funcs = append(f.funcs, onMsg, onErr)
	return nil
}

// failAll ends every pending fetchReq with err (the caller holds mu).
func (f *fetcher) failAll(err error) {
	for id, d := range f.pending {
		d.err = err
		close(d.done)
		delete(f.pending, id)
	}
}
