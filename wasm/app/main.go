//go:build js && wasm

// Command app is Noise Ball's page program: an Ebiten game that draws
// the current scene's figure into the page's #figure rectangle, while
// the DOM holds the controls and live numbers and Web Workers (wasm/
// worker) do the long computations. The scenes' numbers come from
// package scene; this program draws them, reads the pointer and keeps
// the URL, the controls and the figure in step.
package main

import (
	"github.com/hajimehoshi/ebiten/v2"
)

func main() {
	ebiten.SetWindowTitle("Noise Ball")
	ebiten.SetRunnableOnUnfocused(true)
	ebiten.SetScreenClearedEveryFrame(false)
	// The canvas does not take focus on arrival: focus starts with the
	// page, and Tab walks it (see keepCanvasOutOfTabOrder).
	if err := ebiten.RunGameWithOptions(newApp(), &ebiten.RunGameOptions{InitUnfocused: true}); err != nil {
		panic(err)
	}
}
