//go:build js && wasm

// Command app is Noise Ball's page program: an Ebiten game that draws
// the current scene's figure into the page's #figure rectangle, while
// the DOM holds the controls and live numbers and Web Workers (wasm/
// worker) do the long computations. The scenes' numbers come from
// package scene; this program draws them, reads the pointer and keeps
// the URL, the controls and the figure in step.
package main

import (
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	ebiten.SetWindowTitle("Noise Ball")
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetScreenClearedEveryFrame(false)
	// The canvas does not take focus on arrival: focus starts with the
	// page, and Tab walks it (see keepCanvasOutOfTabOrder).
	a := newApp()
	// Let the browser lay out and paint the controls newApp made, and
	// handle input, before Ebiten starts (its start-up and first frame
	// are a few hundred milliseconds more).
	afterPaint()
	if err := ebiten.RunGameWithOptions(a, &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		panic(err)
	}
}

// afterPaint returns after the browser has painted the next frame: Go
// hands the thread back to the browser while main waits.
func afterPaint() {
	done := make(chan struct{})
	var painted, next js.Func
	next = js.FuncOf(func(js.Value, []js.Value) any {
		// For the page's tests: the page painted before Ebiten's first
		// frame.
		nb := js.Global().Get("noiseball")
		nb.Set("paintedBeforeFigure", nb.Get("frames").Int() == 0)
		close(done)
		return nil
	})
	painted = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Call("setTimeout", next, 0)
		return nil
	})
	js.Global().Call("requestAnimationFrame", painted)
	<-done
	painted.Release()
	next.Release()
}
