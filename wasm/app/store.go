//go:build js && wasm

package main

import (
	"bytes"
	"syscall/js"

	"noiseball/core/data"
	"noiseball/core/nn"
	"noiseball/wasm/scene"
)

// The visitor's trained models are kept in the browser's IndexedDB, so
// they survive a reload: database storeDB, object store storeModels,
// keyed by the model's name, each record {name, weights (the
// safetensors file, a Uint8Array), saved (ms since 1970)}.
const (
	storeDB     = "noiseball"
	storeModels = "models"
)

// openStore opens the database (creating its store on first use) and
// calls then with it in a JS callback; it does nothing where the browser
// has no IndexedDB or refuses it (a private window may): the model then
// lasts until the page closes.
func openStore(then func(db js.Value)) {
	idb := js.Global().Get("indexedDB")
	if !idb.Truthy() {
		return
	}
	var req js.Value
	func() {
		defer func() { recover() }() // a sandboxed frame throws SecurityError
		req = idb.Call("open", storeDB, 1)
	}()
	if !req.Truthy() {
		return
	}
	var upgrade, ok, fail js.Func
	release := func() { upgrade.Release(); ok.Release(); fail.Release() }
	upgrade = js.FuncOf(func(js.Value, []js.Value) any {
		req.Get("result").Call("createObjectStore", storeModels, map[string]any{"keyPath": "name"})
		return nil
	})
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		release()
		then(req.Get("result"))
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		release()
		return nil
	})
	req.Set("onupgradeneeded", upgrade)
	req.Set("onsuccess", ok)
	req.Set("onerror", fail)
}

// keepModel stores a trained model's weights under its name, replacing
// a model of that name.
func keepModel(name string, weights []byte) {
	openStore(func(db js.Value) {
		arr := js.Global().Get("Uint8Array").New(len(weights))
		js.CopyBytesToJS(arr, weights)
		tx := db.Call("transaction", storeModels, "readwrite")
		tx.Call("objectStore", storeModels).Call("put", map[string]any{"name": name, "weights": arr,
			"saved": js.Global().Get("Date").Call("now")})
		var done js.Func
		done = js.FuncOf(func(js.Value, []js.Value) any {
			done.Release()
			db.Call("close")
			js.Global().Get("noiseball").Set("modelsKept", name)
			return nil
		})
		tx.Set("oncomplete", done)
	})
}

// restoreModel reads the most recently saved of the visitor's models, if
// any, and makes it the visitor's model of every scene (through the game
// loop's queue, as a download would).
func (a *app) restoreModel() {
	openStore(func(db js.Value) {
		req := db.Call("transaction", storeModels, "readonly").Call("objectStore", storeModels).Call("getAll")
		var ok js.Func
		ok = js.FuncOf(func(js.Value, []js.Value) any {
			ok.Release()
			db.Call("close")
			all := req.Get("result")
			best := -1
			for i := range all.Length() {
				if best < 0 || all.Index(i).Get("saved").Float() > all.Index(best).Get("saved").Float() {
					best = i
				}
			}
			if best < 0 {
				return nil
			}
			rec := all.Index(best)
			name := rec.Get("name").String()
			arr := rec.Get("weights")
			b := make([]byte, arr.Get("length").Int())
			js.CopyBytesToGo(b, arr)
			net, _, err := nn.Load(bytes.NewReader(b))
			if err != nil || net.Accepts(nn.MNIST, data.MNISTClasses) != nil || scene.CheckName(name) != nil {
				return nil // a damaged record: the page works without it
			}
			a.send(domEvent{do: func() {
				if a.lib.net(scene.UserModel) == nil {
					a.lib.setModel(scene.UserModel, b, net)
					a.showUserModel(name)
				}
			}})
			return nil
		})
		req.Set("onsuccess", ok)
	})
}

// setUserModel names the visitor's freshly trained model (already in
// the library as scene.UserModel) in every model list and keeps it in
// the browser.
func (a *app) setUserModel(name string) {
	a.showUserModel(name)
	w, _ := a.lib.model(scene.UserModel)
	keepModel(name, w)
}

// showUserModel names the visitor's model in the model lists: the
// current scene's at once, the others' when they are built.
func (a *app) showUserModel(name string) {
	userModelName = name
	if opt := document.Call("querySelector", `#p-model option[value="`+scene.UserModel+`"]`); opt.Truthy() {
		opt.Set("textContent", "yours: "+name)
	}
	js.Global().Get("noiseball").Set("userModel", name)
}
