//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

// The page finds its files (programs, weights, digits, results) by the
// names they have in site/, through the loader (site/loader.js): nbURL
// maps a name to its address (a content-hashed name in a folder made by
// 'noiseball dist', the name itself elsewhere), and in a page made by
// 'noiseball offline', which carries its files inside, nbInlined gives
// their bytes.

// fileURL returns the address of the page's file name, relative to the
// page.
func fileURL(name string) string {
	if f := js.Global().Get("nbURL"); f.Type() == js.TypeFunction {
		return f.Invoke(name).String()
	}
	return name
}

// workerURL returns the address of worker.js running program (a .wasm
// file of the page), with the SIMD kernel and its glue (simd.wasm,
// simd.js). The page's query ?kernel=go starts workers without the
// kernel, on Go's own kernels (same bits, slower), for benchmarks.
func workerURL(program string) string {
	kernel := fileURL("simd.wasm")
	if kernelQuery() == "go" {
		kernel = "none"
	}
	return fileURL("worker.js") + "?program=" + fileURL(program) + "&runtime=" + fileURL("wasm_exec.js") +
		"&glue=" + fileURL("simd.js") + "&kernel=" + kernel
}

// kernelQuery returns the page address's query parameter kernel ("go"
// asks for Go's own kernels), or "".
func kernelQuery() string {
	q := js.Global().Get("URLSearchParams").New(js.Global().Get("location").Get("search")).Call("get", "kernel")
	if q.Type() != js.TypeString {
		return ""
	}
	return q.String()
}

// offline reports whether the page is a single file made by 'noiseball
// offline': its files are inside it, there is no server to fetch from
// and no worker can start, so jobs run on the page.
func offline() bool {
	return js.Global().Get("nbInline").Truthy()
}

// errNotInline is the answer for a file an offline page does not carry.
var errNotInline = errors.New("it is not inside this offline page (it carries the zoo and the first 1,000 test digits); open the page from a server for it")

// inlined returns the bytes of a file inside an offline page, decompressed
// by the loader. Call it from a goroutine other than the game loop's.
func inlined(name string) ([]byte, error) {
	p := js.Global().Call("nbInlined", name)
	if p.IsNull() || p.IsUndefined() {
		return nil, errNotInline
	}
	type answer struct {
		b   []byte
		err error
	}
	ch := make(chan answer, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any {
		b := make([]byte, args[0].Get("length").Int())
		js.CopyBytesToGo(b, args[0])
		ch <- answer{b: b}
		return nil
	})
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- answer{err: errors.New("it could not be unpacked (" + args[0].Call("toString").String() + ")")}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	a := <-ch
	return a.b, a.err
}
