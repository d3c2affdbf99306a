package main

import (
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", `Serves the static page in -dir over HTTP on -addr and prints its URL.
Files precompressed by 'noiseball precompress' (NAME.br, NAME.gz) are sent
to browsers that accept them. 'make serve' builds the page first.`, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := fs.String("dir", "site", "directory to serve")
	logTo := fs.Bool("log", false, "print one line per request: method, path, status, encoding and bytes sent")
	if err := parse(fs, args); err != nil {
		return err
	}
	if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a directory; run 'make site' first", *dir)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v; pick another with -addr", *addr, err)
	}
	fmt.Fprintf(stdout, "Noise Ball is served at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	h := siteHandler(*dir)
	if *logTo {
		h = logRequests(h, stdout)
	}
	return http.Serve(ln, h)
}

// logRequests prints "GET /app.wasm 200 br 1961740" per request: the
// bytes are those of the body as sent, after compression.
func logRequests(h http.Handler, w io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		c := &countingWriter{ResponseWriter: rw, status: 200}
		h.ServeHTTP(c, r)
		enc := c.Header().Get("Content-Encoding")
		if enc == "" {
			enc = "identity"
		}
		mu.Lock()
		fmt.Fprintf(w, "%s %s %d %s %d\n", r.Method, r.URL.Path, c.status, enc, c.n)
		mu.Unlock()
	})
}

type countingWriter struct {
	http.ResponseWriter
	status int
	n      int64
}

func (c *countingWriter) WriteHeader(s int) { c.status = s; c.ResponseWriter.WriteHeader(s) }

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// encodings are the precompressed variants, best first: the suffix of
// the file and the Content-Encoding it is sent with.
var encodings = []struct{ suffix, name string }{{".br", "br"}, {".gz", "gzip"}}

// siteHandler serves dir with the right MIME types (application/wasm
// for .wasm, which instantiateStreaming requires) and content
// negotiation: a request for NAME whose Accept-Encoding allows br or gzip
// gets NAME.br or NAME.gz when present, with Content-Encoding set, Vary:
// Accept-Encoding, and the decoded size in X-Decoded-Length for the
// loader's progress bar.
func siteHandler(dir string) http.Handler {
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".safetensors", "application/octet-stream")
	mime.AddExtensionType(".idx", "application/octet-stream")
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(name, "/") || name == "/" {
			name = path.Join(name, "index.html")
		}
		local := filepath.Join(dir, filepath.FromSlash(name))
		orig, err := os.Stat(local)
		if err != nil || orig.IsDir() {
			files.ServeHTTP(w, r)
			return
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		w.Header().Set("Vary", "Accept-Encoding")
		accept := r.Header.Get("Accept-Encoding")
		for _, e := range encodings {
			if !acceptsEncoding(accept, e.name) {
				continue
			}
			f, err := os.Open(local + e.suffix)
			if err != nil {
				continue
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil || st.ModTime().Before(orig.ModTime()) {
				continue // a stale compressed copy is never served
			}
			w.Header().Set("Content-Type", ctype)
			w.Header().Set("Content-Encoding", e.name)
			w.Header().Set("X-Decoded-Length", strconv.FormatInt(orig.Size(), 10))
			http.ServeContent(w, r, name, st.ModTime(), f)
			return
		}
		w.Header().Set("Content-Type", ctype)
		files.ServeHTTP(w, r)
	})
}

// acceptsEncoding reports whether an Accept-Encoding header allows enc
// (listed without q=0).
func acceptsEncoding(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(strings.TrimSpace(part), ";")
		if strings.TrimSpace(fields[0]) != enc {
			continue
		}
		for _, p := range fields[1:] {
			if q, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
					return false
				}
			}
		}
		return true
	}
	return false
}
