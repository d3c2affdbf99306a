package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckFlagsEveryRule(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "fetch.go"), []byte("package x\nimport _ \"github.com/syumai/tinyutil/httputil\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "fetch_js.go"), []byte("package x\nimport _ \"github.com/syumai/tinyutil/httputil\"\n"), 0o644)
	mod := &struct{ Path string }{"noiseball"}
	pkgs := []pkg{
		{ImportPath: "noiseball/core/a", Module: mod, Imports: []string{"os", "fmt"}, Deps: []string{"fmt", "os"}},
		{ImportPath: "noiseball/core/b", Module: mod, Deps: []string{"gonum.org/v1/gonum/mat", "noiseball/tools/x"}},
		{ImportPath: "noiseball/core/c", Module: mod, Deps: []string{"github.com/hajimehoshi/ebiten/v2"}, Imports: []string{"syscall/js"}},
		{ImportPath: "noiseball/tools/t", Module: mod, Deps: []string{"noiseball/wasm/app"}},
		{ImportPath: "noiseball/wasm/w", Module: mod, Dir: dir, GoFiles: []string{"fetch.go", "fetch_js.go"}, Deps: []string{"noiseball/tools/noiseball"}},
		{ImportPath: "noiseball/core/ok", Module: mod, Imports: []string{"math", "gonum.org/v1/gonum/mathext"}, Deps: []string{"math", "syscall/js", "gonum.org/v1/gonum/mathext"}},
	}
	got := strings.Join(check(pkgs, ""), "\n")
	for _, want := range []string{
		"core/a (native): core imports os",
		"core/b (native): core depends on gonum.org/v1/gonum/mat",
		"core/b (native): core depends on noiseball/tools/x",
		"core/c (native): core depends on Ebiten",
		"core/c (native): core imports syscall/js",
		"tools/t (native): tools depends on noiseball/wasm/app",
		"wasm/w (native): wasm depends on noiseball/tools/noiseball",
		"wasm/w (native): fetch.go imports tinyutil",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing violation %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "core/ok") || strings.Contains(got, "fetch_js.go") {
		t.Errorf("false positive in:\n%s", got)
	}
}
