// Command depcheck enforces Noise Ball's dependency direction, as gonum
// and Ebiten check theirs. Data flows core → tools and core → wasm:
//
//   - core/... depends (even transitively) on nothing in tools/ or wasm/,
//     on no Ebiten and no tinyutil, and on none of gonum's heavy packages
//     mat, stat, lapack and blas, which would bloat the browser build; it
//     imports syscall/js neither (the standard library reaches it under
//     GOOS=js on its own, which is allowed);
//   - core/... imports directly none of os, flag, log, net and time
//     (tests may, and so may core/assettest, their helper for reading
//     site/assets, which only tests import): core computes, the programs
//     around it do I/O;
//   - tools/... and wasm/... do not import each other;
//   - wasm/state, wasm/scene and wasm/jobs are plain Go (no syscall/js);
//     wasm/port, which carries jobs' messages across postMessage, is the
//     one shared package besides the programs that calls the browser;
//     only wasm/app links Ebiten; neither it nor the compute worker links
//     net/http (tinyutil's), which only the asset fetcher may, or
//     crypto/sha256;
//   - github.com/syumai/tinyutil, which imports syscall/js without build
//     tags, is imported only from files named *_js.go.
//
// It runs 'go list' for the native platform and for GOOS=js GOARCH=wasm
// and prints every violation; the exit status is 1 if there is any.
//
//	go run ./tools/depcheck
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// pkg is the part of 'go list -json' output the rules read.
type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
	Deps       []string
	Module     *struct{ Path string }
}

func main() {
	var problems []string
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		pkgs, err := list(env)
		if err != nil {
			fmt.Fprintln(os.Stderr, "depcheck:", err)
			os.Exit(1)
		}
		problems = append(problems, check(pkgs, strings.Join(env, " "))...)
	}
	seen := map[string]bool{}
	for _, p := range problems {
		if !seen[p] {
			seen[p] = true
			fmt.Println(p)
		}
	}
	if len(seen) > 0 {
		fmt.Fprintf(os.Stderr, "depcheck: %d dependency-direction violations\n", len(seen))
		os.Exit(1)
	}
	fmt.Println("depcheck: dependency direction ok (native and js/wasm)")
}

// list runs 'go list -json ./...' under the extra environment env.
func list(env []string) ([]pkg, error) {
	cmd := exec.Command("go", "list", "-e", "-json", "./...")
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", strings.Join(env, " "), err, errb.String())
	}
	var pkgs []pkg
	dec := json.NewDecoder(&out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// check applies the rules to the packages listed for one platform.
func check(pkgs []pkg, platform string) []string {
	if platform == "" {
		platform = "native"
	}
	var bad []string
	report := func(p pkg, format string, a ...any) {
		bad = append(bad, fmt.Sprintf("%s (%s): %s", p.ImportPath, platform, fmt.Sprintf(format, a...)))
	}
	mod := "noiseball"
	for _, p := range pkgs {
		if p.Module != nil {
			mod = p.Module.Path
			break
		}
	}
	under := func(path, dir string) bool {
		return path == mod+"/"+dir || strings.HasPrefix(path, mod+"/"+dir+"/")
	}
	heavy := []string{"gonum.org/v1/gonum/mat", "gonum.org/v1/gonum/stat", "gonum.org/v1/gonum/lapack", "gonum.org/v1/gonum/blas"}
	for _, p := range pkgs {
		switch {
		case under(p.ImportPath, "core"):
			for _, d := range p.Deps {
				switch {
				case under(d, "tools") || under(d, "wasm"):
					report(p, "core depends on %s; data flows core → tools and core → wasm only", d)
				case strings.HasPrefix(d, "github.com/hajimehoshi/ebiten"):
					report(p, "core depends on Ebiten (%s); drawing belongs in wasm/", d)
				case strings.HasPrefix(d, "github.com/syumai/tinyutil"):
					report(p, "core depends on %s, a syscall/js user; browser calls belong in wasm/", d)
				}
				for _, h := range heavy {
					if d == h || strings.HasPrefix(d, h+"/") {
						report(p, "core depends on %s, which bloats the browser build; use it in tools/ or tests", d)
					}
				}
			}
			for _, i := range p.Imports {
				switch i {
				case "syscall/js":
					report(p, "core imports syscall/js; browser calls belong in wasm/")
				case "os", "flag", "log", "net", "time":
					if !under(p.ImportPath, "core/assettest") {
						report(p, "core imports %s; core computes, the programs in tools/ and wasm/ do I/O", i)
					}
				}
			}
		case under(p.ImportPath, "tools"):
			for _, d := range p.Deps {
				if under(d, "wasm") {
					report(p, "tools depends on %s; share code through core/", d)
				}
			}
		case under(p.ImportPath, "wasm"):
			// The page's logic (state, scene, jobs) is plain Go, testable
			// natively. Only the page program draws, and only the asset
			// fetcher brings net/http (through tinyutil): the page program
			// and the compute worker stay small for the first view.
			program := under(p.ImportPath, "wasm/app") || under(p.ImportPath, "wasm/worker") ||
				under(p.ImportPath, "wasm/fetcher") || under(p.ImportPath, "wasm/assets") ||
				under(p.ImportPath, "wasm/port")
			for _, d := range p.Deps {
				switch {
				case under(d, "tools"):
					report(p, "wasm depends on %s; share code through core/", d)
				case !under(p.ImportPath, "wasm/app") && strings.HasPrefix(d, "github.com/hajimehoshi/ebiten"):
					report(p, "depends on Ebiten (%s); only wasm/app draws", d)
				case under(d, "wasm/app") || under(d, "wasm/worker") || under(d, "wasm/fetcher"):
					report(p, "depends on the program %s", d)
				case d == "net/http" && platform != "native" && (under(p.ImportPath, "wasm/app") || under(p.ImportPath, "wasm/worker")):
					report(p, "links net/http, 0.6 MB of the first view's 3 MB; fetch assets through wasm/fetcher")
				case d == "crypto/sha256" && platform != "native" && (under(p.ImportPath, "wasm/app") || under(p.ImportPath, "wasm/worker")):
					report(p, "links crypto/sha256, 50 KB of the first view; MNIST's checksums belong to the CLI (core/data/mnistsum)")
				}
			}
			if !program && slices.Contains(p.Imports, "syscall/js") {
				report(p, "imports syscall/js; keep it plain Go so it tests natively, and call the browser from wasm/app, wasm/worker or wasm/fetcher")
			}
		}
		if slices.Contains(p.Imports, mod+"/core/assettest") {
			report(p, "imports core/assettest, which is for tests only")
		}
		for _, f := range p.GoFiles {
			if strings.HasSuffix(f, "_js.go") {
				continue
			}
			if imports(filepath.Join(p.Dir, f), "github.com/syumai/tinyutil") {
				report(p, "%s imports tinyutil, which needs syscall/js; import it only from *_js.go files", f)
			}
		}
	}
	return bad
}

// imports reports whether the Go file at path imports a package under
// prefix.
func imports(path, prefix string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, s := range f.Imports {
		if p, _ := strconv.Unquote(s.Path.Value); p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}
