//go:build !js

// Command gen writes wasm/glyphs/atlas.bin from Go Regular ('go generate'
// in wasm/glyphs runs it; the tests fail when the file is stale).
package main

import (
	"fmt"
	"os"

	"golang.org/x/image/font/gofont/goregular"

	"noiseball/wasm/glyphs"
)

func main() {
	b, err := glyphs.Build(goregular.TTF)
	if err == nil {
		err = os.WriteFile("atlas.bin", b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("atlas.bin: %d bytes\n", len(b))
}
