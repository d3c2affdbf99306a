package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
	srv := httptest.NewServer(siteHandler(dir))
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
