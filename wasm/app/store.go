//go:build js && wasm

package main

import (
	"bytes"
	"cmp"
	"slices"
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
// a model of that name, then calls done (if not nil) in a JS callback.
func keepModel(name string, weights []byte, done func()) {
	openStore(func(db js.Value) {
		arr := js.Global().Get("Uint8Array").New(len(weights))
		js.CopyBytesToJS(arr, weights)
		tx := db.Call("transaction", storeModels, "readwrite")
		tx.Call("objectStore", storeModels).Call("put", map[string]any{"name": name, "weights": arr,
			"saved": js.Global().Get("Date").Call("now")})
		var complete js.Func
		complete = js.FuncOf(func(js.Value, []js.Value) any {
			complete.Release()
			db.Call("close")
			js.Global().Get("noiseball").Set("modelsKept", name)
			if done != nil {
				done()
			}
			return nil
		})
		tx.Set("oncomplete", complete)
	})
}

// forgetModel deletes the model name from the browser, then calls done
// in a JS callback.
func forgetModel(name string, done func()) {
	openStore(func(db js.Value) {
		tx := db.Call("transaction", storeModels, "readwrite")
		tx.Call("objectStore", storeModels).Call("delete", name)
		var complete js.Func
		complete = js.FuncOf(func(js.Value, []js.Value) any {
			complete.Release()
			db.Call("close")
			done()
			return nil
		})
		tx.Set("oncomplete", complete)
	})
}

// keptModel is a model kept in the browser: its name, its weights file
// and when it was saved (ms since 1970).
type keptModel struct {
	name    string
	weights []byte
	net     *nn.Network
	saved   float64
}

// loadModels reads the visitor's models kept in the browser, the most
// recently saved first, and calls then with them in a JS callback;
// damaged records are left out (the page works without them).
func loadModels(then func([]keptModel)) {
	openStore(func(db js.Value) {
		req := db.Call("transaction", storeModels, "readonly").Call("objectStore", storeModels).Call("getAll")
		var ok js.Func
		ok = js.FuncOf(func(js.Value, []js.Value) any {
			ok.Release()
			db.Call("close")
			all := req.Get("result")
			var kept []keptModel
			for i := range all.Length() {
				rec := all.Index(i)
				name, arr := rec.Get("name").String(), rec.Get("weights")
				b := make([]byte, arr.Get("length").Int())
				js.CopyBytesToGo(b, arr)
				net, _, err := nn.Load(bytes.NewReader(b))
				if err != nil || net.Accepts(nn.MNIST, data.MNISTClasses) != nil || scene.CheckName(name) != nil {
					continue
				}
				kept = append(kept, keptModel{name, b, net, rec.Get("saved").Float()})
			}
			slices.SortFunc(kept, func(a, b keptModel) int { return cmp.Compare(b.saved, a.saved) })
			then(kept)
			return nil
		})
		req.Set("onsuccess", ok)
	})
}

// restoreModel makes the most recently saved of the visitor's models,
// if any, the visitor's model of every scene (through the game loop's
// queue, as a download would), unless one is chosen meanwhile.
func (a *app) restoreModel() {
	loadModels(func(kept []keptModel) {
		if len(kept) == 0 {
			return
		}
		m := kept[0]
		a.send(domEvent{do: func() {
			if a.lib.net(scene.UserModel) == nil {
				a.lib.setModel(scene.UserModel, m.weights, m.net)
				a.showUserModel(m.name)
			}
		}})
	})
}

// setUserModel names the visitor's freshly trained model (already in
// the library as scene.UserModel) in every model list and keeps it in
// the browser.
func (a *app) setUserModel(name string, done func()) {
	a.showUserModel(name)
	w, _ := a.lib.model(scene.UserModel)
	keepModel(name, w, done)
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
