// Command fmacheck keeps Noise Ball's numbers the same on every machine:
// it fails if the compiler fuses a multiply and an add anywhere in
// core/.
//
// Go's wasm back end never fuses x*y + z into one fused multiply-add
// (FMA), and neither does amd64 at its default level; but amd64 with
// GOAMD64=v3 and arm64 (Apple silicon) do, wherever the language allows
// it, and a fused result skips the product's rounding, so the CLI there
// would compute other bits than the page: another nearest error in the
// last digit (1.2424482653962838 for cnn-clean's test digit 3 against
// 1.2424482653962834 before this check existed). The Go specification's
// remedy is an explicit conversion, which rounds and so forbids fusion:
//
//	s += float64(x * y)
//
// fmacheck compiles core/... with -gcflags=-S for GOARCH=arm64 and for
// GOARCH=amd64 GOAMD64=v3 (no machine of either kind is needed: it reads
// the compiler's assembly), lists every fused instruction attributed to
// a line of this module with that line, and exits with status 1 if there
// is any. make test runs it with the linters.
//
//	go run ./tools/fmacheck
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// fused matches the fused multiply-add instructions of amd64 (VFMADD231SD
// and its kin, scalar and packed) and arm64 (FMADDD, FMSUBD, FNMADDD,
// FNMSUBD and their single-precision forms) in the compiler's listing,
// with the source position the compiler attributes them to.
var fused = regexp.MustCompile(`\(([^()]+\.go):(\d+)\)\s+(VFN?M(?:ADD|SUB)\w*|FN?M(?:ADD|SUB)[SD])\b`)

// target is one platform whose compiler fuses.
type target struct {
	name string
	env  []string
}

var targets = []target{
	{"arm64", []string{"GOOS=linux", "GOARCH=arm64"}},
	{"amd64 GOAMD64=v3", []string{"GOOS=linux", "GOARCH=amd64", "GOAMD64=v3"}},
}

// site is one fused instruction's source line.
type site struct {
	file string
	line int
}

// scan returns the lines under dir (the module's root, with a trailing
// separator) that the listing attributes fused instructions to, sorted
// and without repeats; lines of other modules and of the standard
// library are not this module's to fix.
func scan(r io.Reader, dir string) ([]site, error) {
	var out []site
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		m := fused.FindStringSubmatch(s.Text())
		if m == nil || !strings.HasPrefix(m[1], dir) {
			continue
		}
		var line int
		fmt.Sscan(m[2], &line)
		out = append(out, site{strings.TrimPrefix(m[1], dir), line})
	}
	slices.SortFunc(out, func(a, b site) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		return a.line - b.line
	})
	return slices.Compact(out), s.Err()
}

func main() {
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(os.Stderr, "fmacheck:", err)
		os.Exit(2)
	}
	dir += string(filepath.Separator)
	bad := 0
	for _, t := range targets {
		// -a: a cached package prints no listing.
		cmd := exec.Command("go", "build", "-a", "-gcflags=noiseball/core/...=-S", "-o", os.DevNull, "./core/...")
		cmd.Env = append(os.Environ(), t.env...)
		var listing bytes.Buffer
		cmd.Stdout, cmd.Stderr = &listing, &listing
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "fmacheck: compiling core/... for %s failed: %v\n%s", t.name, err, tail(listing.String()))
			os.Exit(2)
		}
		sites, err := scan(&listing, dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "fmacheck: reading the compiler's listing:", err)
			os.Exit(2)
		}
		for _, s := range sites {
			fmt.Printf("%s:%d: fused multiply-add on %s: %s\n", s.file, s.line, t.name, source(dir, s))
			bad++
		}
	}
	if bad > 0 {
		fmt.Println("fmacheck: round each product with an explicit conversion, s += float64(x * y), so that every machine computes the page's bits")
		os.Exit(1)
	}
}

// source returns the trimmed text of a site's line, or "".
func source(dir string, s site) string {
	b, err := os.ReadFile(dir + s.file)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if s.line < 1 || s.line > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[s.line-1])
}

// tail returns the last lines of a compiler's output, for an error.
func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n") + "\n"
}
