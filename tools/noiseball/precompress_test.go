package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestPrecompress: every matching file gets .br and .gz copies that
// decode to it, in parallel; fresh copies are kept; a bad -quality is a
// usage error.
func TestPrecompress(t *testing.T) {
	dir := t.TempDir()
	bodies := map[string]string{"app.wasm": strings.Repeat("wasm bytes ", 5000), "sub/a.js": "let a = 1;", "notes.txt": "skip me"}
	for name, body := range bodies {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	code, out, stderr := runCLI(t, "precompress", "-dir", dir, "-quality", "fast", "-workers", "2")
	if code != 0 || !strings.Contains(out, "total") {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	for _, name := range []string{"app.wasm", "sub/a.js"} {
		p := filepath.Join(dir, name)
		br, _ := os.ReadFile(p + ".br")
		gz, _ := os.ReadFile(p + ".gz")
		b1, err1 := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		b2, err2 := io.ReadAll(zr)
		if err1 != nil || err2 != nil || string(b1) != bodies[name] || string(b2) != bodies[name] {
			t.Errorf("%s: the copies do not decode to the file (%v, %v)", name, err1, err2)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt.br")); err == nil {
		t.Error("a .txt file was compressed")
	}
	before, _ := os.Stat(filepath.Join(dir, "app.wasm.br"))
	runCLI(t, "precompress", "-dir", dir, "-quality", "fast")
	if after, _ := os.Stat(filepath.Join(dir, "app.wasm.br")); !after.ModTime().Equal(before.ModTime()) {
		t.Error("a fresh copy was compressed again")
	}
	if code, _, _ := runCLI(t, "precompress", "-dir", dir, "-quality", "max"); code != 2 {
		t.Errorf("-quality max: exit %d, want 2", code)
	}
}
