package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeSite writes a minimal built page (index.html as site/ has it, the
// scripts, a program and a model) into a temporary directory.
func fakeSite(t *testing.T) string {
	t.Helper()
	index, err := os.ReadFile("site/index.html") // TestMain runs in the repository root
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":                             string(index),
		"style.css":                              "body { margin: 0 }",
		"loader.js":                              "self.loaded = true;",
		"wasm_exec.js":                           "class Go {}",
		"worker.js":                              "importScripts('x');",
		"sw.js":                                  "// service worker",
		"preview.png":                            "\x89PNG preview",
		"app.wasm":                               "\x00asm program",
		"assets/models/linear-clean.safetensors": "weights",
		"assets/data/mnist-train-images.idx":     "not for the page",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestDist: every page file but index.html and sw.js is published under
// its content hash with .br and .gz copies; index.html names the hashed
// files and carries the manifest; the training set stays out; a second
// run replaces the folder; a folder that is not a dist is refused.
func TestDist(t *testing.T) {
	site := fakeSite(t)
	out := filepath.Join(t.TempDir(), "dist")
	for range 2 {
		if code, _, stderr := runCLI(t, "dist", "-site", site, "-out", out, "-quality", "fast"); code != 0 {
			t.Fatalf("dist: exit %d: %s", code, stderr)
		}
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The files index.html loads (not its links, such as "Open in Noise
	// Ball", which goes to the page itself).
	refs := regexp.MustCompile(`<(?:script|link)[^>]*?(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(index), -1)
	if len(refs) < 3 {
		t.Fatalf("index.html refers to %d files", len(refs))
	}
	for _, r := range refs {
		if strings.HasPrefix(r[1], "data:") {
			continue
		}
		if !regexp.MustCompile(`\.[0-9a-f]{10}\.(js|css)$`).MatchString(r[1]) {
			t.Errorf("index.html refers to %s, not a hashed name", r[1])
		}
		if _, err := os.Stat(filepath.Join(out, r[1])); err != nil {
			t.Errorf("index.html refers to %s, which dist lacks", r[1])
		}
	}
	want := hashedPath("app.wasm", []byte("\x00asm program"))
	if !strings.Contains(string(index), `"app.wasm":"`+want+`"`) {
		t.Errorf("index.html's manifest lacks app.wasm → %s:\n%s", want, index)
	}
	for _, name := range []string{want, want + ".br", want + ".gz", "sw.js", "sw.js.br", "index.html.gz",
		hashedPath("assets/models/linear-clean.safetensors", []byte("weights")) + ".br"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("dist lacks %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "assets", "data")); err == nil {
		t.Error("dist published the training set")
	}
	// The link preview keeps its name, and -url gives index.html its full
	// address; an address that is not one is refused.
	if b, err := os.ReadFile(filepath.Join(out, "preview.png")); err != nil || string(b) != "\x89PNG preview" {
		t.Errorf("dist's preview.png: %q, %v", b, err)
	}
	if !strings.Contains(string(index), `<meta property="og:image" content="preview.png">`) {
		t.Error("without -url, index.html should name the preview by its relative address")
	}
	if code, _, stderr := runCLI(t, "dist", "-site", site, "-out", out, "-quality", "fast", "-url", "https://example.org/nb"); code != 0 {
		t.Fatalf("dist -url: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(b), `<meta property="og:image" content="https://example.org/nb/preview.png">`) {
		t.Errorf("with -url, index.html should name the preview by its full address")
	}
	for _, bad := range []string{"example.org/nb", "ftp://example.org/", "https://example.org/?x=1"} {
		if code, _, stderr := runCLI(t, "dist", "-site", site, "-out", out, "-url", bad); code != 2 || !strings.Contains(stderr, "want the page's address") {
			t.Errorf("dist -url %s: exit %d, %q", bad, code, stderr)
		}
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if code, _, stderr := runCLI(t, "dist", "-site", site, "-out", other); code != 1 || !strings.Contains(stderr, "not an earlier dist folder") {
		t.Errorf("dist into a folder of other files: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(other, "notes.txt")); err != nil {
		t.Error("dist deleted a folder that was not its own")
	}
}

// TestHashedPath: the hash goes before the extension and follows the
// content.
func TestHashedPath(t *testing.T) {
	a := hashedPath("assets/models/cnn-clean.safetensors", []byte("a"))
	if !regexp.MustCompile(`^assets/models/cnn-clean\.[0-9a-f]{10}\.safetensors$`).MatchString(a) {
		t.Errorf("hashed name %s", a)
	}
	if a == hashedPath("assets/models/cnn-clean.safetensors", []byte("b")) {
		t.Error("two contents, one name")
	}
}

// TestOffline: the offline file inlines the stylesheet and the scripts
// and carries the program and the model (not the workers, not the
// training set); a script that would end its inline copy is refused.
func TestOffline(t *testing.T) {
	site := fakeSite(t)
	out := filepath.Join(t.TempDir(), "nb.html")
	if code, stdout, stderr := runCLI(t, "offline", "-site", site, "-out", out); code != 0 || !strings.Contains(stdout, "2 files inside") {
		t.Fatalf("offline: exit %d: %s %s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(out)
	html := string(b)
	for _, want := range []string{"<style>\nbody { margin: 0 }</style>", "class Go {}", "self.loaded = true;", `"app.wasm":"H4sI`, `"assets/models/linear-clean.safetensors":"H4sI`} {
		if !strings.Contains(html, want) {
			t.Errorf("the offline file lacks %q", want)
		}
	}
	for _, absent := range []string{`src="`, `href="style.css"`, "worker.js", "mnist-train"} {
		if strings.Contains(html, absent) {
			t.Errorf("the offline file holds %q", absent)
		}
	}
	os.WriteFile(filepath.Join(site, "loader.js"), []byte("document.write('</script>')"), 0o644)
	if code, _, stderr := runCLI(t, "offline", "-site", site, "-out", out); code != 1 || !strings.Contains(stderr, "</script") {
		t.Errorf("a script holding </script>: exit %d, %q", code, stderr)
	}
}
