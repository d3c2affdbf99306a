//go:build js && wasm

// Command fetcher downloads the page's assets (weights, MNIST digits)
// from the page's own origin in a Web Worker, with
// github.com/syumai/tinyutil/httputil (through package assets). It is a
// program of its own because tinyutil brings net/http along, about
// 0.6 MB compressed: kept out of the page program, it is downloaded only
// by the views that load data, and the first view stays under its
// 3 MB budget. site/worker.js starts it as worker.js?program=fetcher.wasm.
//
// Messages:
//
//	page → fetcher  {type: "fetch", id, path}
//	fetcher → page  {type: "ready"}
//	                {type: "progress", id, done, total}   total -1: unknown
//	                {type: "done", id, data}               data: a Uint8Array (transferred)
//	                {type: "error", id, message}           message: a sentence
package main

import (
	"syscall/js"

	"noiseball/wasm/assets"
)

func post(msg map[string]any, transfer ...any) {
	js.Global().Call("postMessage", msg, transfer)
}

// fetch downloads one asset and answers with its bytes or a sentence.
func fetch(id int, path string) {
	b, err := assets.Fetch(path, func(done, total int64) {
		post(map[string]any{"type": "progress", "id": id, "done": done, "total": total})
	})
	if err != nil {
		post(map[string]any{"type": "error", "id": id, "message": err.Error()})
		return
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	post(map[string]any{"type": "done", "id": id, "data": arr}, arr.Get("buffer"))
}

func main() {
	self := js.Global()
	handle := func(v js.Value) {
		if v.Get("type").String() == "fetch" {
			go fetch(v.Get("id").Int(), v.Get("path").String())
		}
	}
	// worker.js queues the events that arrive before Go starts.
	if q := self.Get("nbQueue"); q.Truthy() {
		for i := range q.Length() {
			handle(q.Index(i).Get("data"))
		}
	}
	self.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		handle(args[0].Get("data"))
		return nil
	}))
	post(map[string]any{"type": "ready"})
	select {}
}
