package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSiteHandlerNegotiates: browsers that accept brotli get NAME.br
// with the original MIME type; others gzip or the plain file; a stale
// compressed copy is never served.
func TestSiteHandlerNegotiates(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string, age time.Duration) {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		old := time.Now().Add(-age)
		os.Chtimes(p, old, old)
	}
	write("app.wasm", "plain", time.Hour)
	write("app.wasm.br", "brotli", 0)
	write("app.wasm.gz", "gzip", 0)
	write("index.html", "<p>hi", time.Hour)
	write("index.html.br", "stale", 2*time.Hour)
	h, err := siteHandler(dir, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path, accept string) (string, *http.Response) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", accept)
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b), resp
	}
	cases := []struct{ path, accept, body, enc, ctype string }{
		{"/app.wasm", "gzip, deflate, br", "brotli", "br", "application/wasm"},
		{"/app.wasm", "gzip", "gzip", "gzip", "application/wasm"},
		{"/app.wasm", "br;q=0, gzip;q=0.5", "gzip", "gzip", "application/wasm"},
		{"/app.wasm", "", "plain", "", "application/wasm"},
		{"/", "br", "<p>hi", "", "text/html; charset=utf-8"},
	}
	for _, c := range cases {
		body, resp := get(c.path, c.accept)
		if body != c.body || resp.Header.Get("Content-Encoding") != c.enc || resp.Header.Get("Content-Type") != c.ctype {
			t.Errorf("%s with %q: %q, encoding %q, type %q; want %q, %q, %q", c.path, c.accept, body,
				resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), c.body, c.enc, c.ctype)
		}
		if c.enc != "" && resp.Header.Get("X-Decoded-Length") != "5" {
			t.Errorf("%s: X-Decoded-Length %q, want 5", c.path, resp.Header.Get("X-Decoded-Length"))
		}
	}
	if _, resp := get("/missing.js", "br"); resp.StatusCode != 404 {
		t.Errorf("missing file: status %d", resp.StatusCode)
	}
}

// serveDir starts the site handler on a fresh directory holding files
// (name → body; names may have directories), all with one modification
// time (so no compressed copy is stale whatever order they were written
// in), and returns the server and what it warned.
func serveDir(t *testing.T, files map[string]string) (*httptest.Server, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	when := time.Now().Add(-time.Hour)
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	var warn bytes.Buffer
	h, err := siteHandler(dir, &warn)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, &warn
}

func do(t *testing.T, method, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestServeRefuses: only GET and HEAD, no dotfiles, no listings, nothing
// outside the directory (by .., by an encoded .., or by a symbolic link),
// 414 for an over-long URL; every answer says nosniff.
func TestServeRefuses(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644)
	srv, _ := serveDir(t, map[string]string{"index.html": "<p>hi", ".env": "KEY=1", ".git/config": "x", "assets/models/m.safetensors": "w", "docs/index.html": "docs"})
	dir := srv.Config.Handler.(*site).root.Name()
	os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt"))
	os.Symlink(outside, filepath.Join(dir, "linkdir"))
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"POST", "/index.html", 405}, {"PUT", "/x", 405}, {"DELETE", "/index.html", 405}, {"OPTIONS", "/", 405},
		{"GET", "/.env", 404}, {"GET", "/.git/config", 404}, {"GET", "/assets/.hidden", 404},
		{"GET", "/assets/", 404}, {"GET", "/assets/models/", 404}, {"GET", "/docs/", 200},
		{"GET", "/../secret.txt", 404}, {"GET", "/%2e%2e/secret.txt", 404},
		{"GET", "/link.txt", 404}, {"GET", "/linkdir/secret.txt", 404},
		{"GET", "/" + strings.Repeat("a", 3000), 414},
		{"GET", "/index.html", 200}, {"HEAD", "/index.html", 200},
	} {
		resp, body := do(t, c.method, srv.URL+c.path, nil)
		if resp.StatusCode != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.status)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no nosniff", c.method, c.path)
		}
		if strings.Contains(body, "secret") || strings.Contains(body, "KEY=") || strings.Contains(body, "m.safetensors") {
			t.Errorf("%s %s leaked %q", c.method, c.path, body)
		}
		if c.status == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: Allow %q", c.method, resp.Header.Get("Allow"))
		}
	}
}

// TestServeHeaders: Content-Length on precompressed files, ETags that
// revalidate to 304, a year's caching for content-hashed names and
// revalidation for the rest.
func TestServeHeaders(t *testing.T) {
	srv, _ := serveDir(t, map[string]string{"index.html": "<p>hi", "app.wasm": "plain wasm", "app.wasm.br": "br!", "app.3f9a2c1d.wasm": "hashed"})
	resp, body := do(t, "GET", srv.URL+"/app.wasm", map[string]string{"Accept-Encoding": "br"})
	if body != "br!" || resp.Header.Get("Content-Length") != "3" || resp.Header.Get("Content-Encoding") != "br" || resp.Header.Get("X-Decoded-Length") != "10" {
		t.Errorf("brotli copy: %q, headers %v", body, resp.Header)
	}
	tag := resp.Header.Get("ETag")
	resp, body = do(t, "GET", srv.URL+"/app.wasm", map[string]string{"Accept-Encoding": "br", "If-None-Match": tag})
	if tag == "" || resp.StatusCode != 304 || body != "" {
		t.Errorf("revalidating %s: %d %q", tag, resp.StatusCode, body)
	}
	plain, _ := do(t, "GET", srv.URL+"/app.wasm", nil)
	if plain.Header.Get("ETag") == tag || plain.Header.Get("Content-Length") != "10" {
		t.Errorf("the plain file shares the brotli copy's ETag %q, or lacks its length: %v", tag, plain.Header)
	}
	resp, body = do(t, "HEAD", srv.URL+"/app.wasm", map[string]string{"Accept-Encoding": "br"})
	if resp.StatusCode != 200 || body != "" || resp.Header.Get("Content-Length") != "3" {
		t.Errorf("HEAD: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	for path, want := range map[string]string{"/": "no-cache", "/index.html": "no-cache", "/app.wasm": "no-cache", "/app.3f9a2c1d.wasm": "public, max-age=31536000, immutable"} {
		if resp, _ := do(t, "GET", srv.URL+path, nil); resp.Header.Get("Cache-Control") != want {
			t.Errorf("%s: Cache-Control %q, want %q", path, resp.Header.Get("Cache-Control"), want)
		}
	}
}

// TestServeWarnsUncompressed: a large file that goes out uncompressed to
// a browser that accepts brotli is reported, once.
func TestServeWarnsUncompressed(t *testing.T) {
	srv, warn := serveDir(t, map[string]string{"big.wasm": strings.Repeat("x", 100<<10), "small.js": "x"})
	for range 3 {
		do(t, "GET", srv.URL+"/big.wasm", map[string]string{"Accept-Encoding": "gzip, br"})
		do(t, "GET", srv.URL+"/small.js", map[string]string{"Accept-Encoding": "gzip, br"})
	}
	if got := warn.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "/big.wasm (102400 bytes) went out uncompressed") {
		t.Errorf("warnings %q", got)
	}
}

// TestServeCompressesInBackground: with -precompress, a file goes out
// uncompressed (and unreported) until its copies are written, then
// compressed.
func TestServeCompressesInBackground(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("noise ball ", 20<<10)
	if err := os.WriteFile(filepath.Join(dir, "big.wasm"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	var warn, out bytes.Buffer
	h, err := siteHandler(dir, &warn)
	if err != nil {
		t.Fatal(err)
	}
	s := h.(*site)
	srv := httptest.NewServer(h)
	defer srv.Close()
	s.compressing.Store(true) // as compressInBackground sets it before it starts
	if resp, _ := do(t, "GET", srv.URL+"/big.wasm", map[string]string{"Accept-Encoding": "br"}); resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("before compression: Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	<-s.compressInBackground(dir, "fast", qualities["fast"], &out, &out)
	resp, _ := do(t, "GET", srv.URL+"/big.wasm", map[string]string{"Accept-Encoding": "br"})
	if enc := resp.Header.Get("Content-Encoding"); enc != "br" {
		t.Errorf("after compression: Content-Encoding %q, want br", enc)
	}
	if warn.Len() != 0 {
		t.Errorf("warned while compressing: %q", warn.String())
	}
	if !strings.Contains(out.String(), "compression done") || !strings.Contains(out.String(), "raw") {
		t.Errorf("output %q", out.String())
	}
	// A second serve finds the copies fresh and says nothing.
	before := out.String()
	<-s.compressInBackground(dir, "fast", qualities["fast"], &out, &out)
	if out.String() != before || s.compressing.Load() {
		t.Errorf("with fresh copies: output %q, compressing %v", strings.TrimPrefix(out.String(), before), s.compressing.Load())
	}
}

// TestLogLinesCannotBeForged: a request path with an encoded newline is
// logged escaped, on one line.
func TestLogLinesCannotBeForged(t *testing.T) {
	srv, _ := serveDir(t, map[string]string{"index.html": "x"})
	var log bytes.Buffer
	srv.Config.Handler = logRequests(srv.Config.Handler, &log)
	do(t, "GET", srv.URL+"/a%0aGET%20/index.html%20200%20br%201", nil)
	do(t, "GET", srv.URL+"/index.html", nil)
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 || len(strings.Fields(lines[0])) != 5 || !strings.Contains(strings.ToLower(lines[0]), "%0a") {
		t.Errorf("log %q", log.String())
	}
}

// TestServerTimeouts: the server times out every stage of a connection.
func TestServerTimeouts(t *testing.T) {
	s := newServer(http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("server %+v lacks a timeout or a header limit", s)
	}
	// A client that opens a connection and sends nothing is dropped
	// after ReadHeaderTimeout (shortened here).
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ReadHeaderTimeout = 50 * time.Millisecond
	srv.Start()
	defer srv.Close()
	c, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(time.Minute))
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Error("a silent client kept its connection")
	}
}
