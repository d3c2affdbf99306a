//go:build js && wasm

// Package port carries a jobs.Message across postMessage, between the
// page and its compute workers, as one transferred Uint8Array of the
// message's binary encoding: both ends share jobs.Message and its codec,
// so no field is named twice.
package port

import (
	"syscall/js"

	"noiseball/wasm/jobs"
)

// Post sends m to target: a Worker (from the page) or the worker's global
// scope (from the worker). The bytes' buffer is transferred, not copied.
func Post(target js.Value, m jobs.Message) {
	b, err := m.MarshalBinary()
	if err != nil {
		panic("port: " + err.Error())
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	target.Call("postMessage", arr, []any{arr.Get("buffer")})
}

// PostPort sends m to target with a MessagePort transferred beside it
// (the event's ports[0]): the page joins two workers so (jobs.MsgPeer).
func PostPort(target js.Value, m jobs.Message, p js.Value) {
	b, err := m.MarshalBinary()
	if err != nil {
		panic("port: " + err.Error())
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	target.Call("postMessage", arr, []any{arr.Get("buffer"), p})
}

// Read decodes a message event's data. ok is false when the data is not
// a Uint8Array: the worker bootstrap's own {type: "failed", message}
// report (site/worker.js), whose message is returned in m.Error.
func Read(data js.Value) (m jobs.Message, ok bool, err error) {
	if !data.InstanceOf(js.Global().Get("Uint8Array")) {
		if msg := data.Get("message"); msg.Type() == js.TypeString {
			m.Error = msg.String()
		}
		return m, false, nil
	}
	b := make([]byte, data.Length())
	js.CopyBytesToGo(b, data)
	err = m.UnmarshalBinary(b)
	return m, err == nil, err
}
