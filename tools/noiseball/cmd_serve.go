package main

import (
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limits of 'noiseball serve', a static server fit to put online.
const (
	// maxURL is the longest request target served; longer ones get 414.
	maxURL = 2048
	// warnUncompressed is the size above which sending a file
	// uncompressed to a browser that accepts compression is logged.
	warnUncompressed = 64 << 10
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", `Serves the static page in -dir over HTTP on -addr and prints its URL.
Files precompressed by 'noiseball precompress' (NAME.br, NAME.gz) are sent
to browsers that accept them. 'make serve' builds the page first.

It is a static server one can put online: GET and HEAD only, no
directory listings, no dotfiles, nothing outside -dir (symbolic links
included), timeouts on every stage of a connection, ETag and
Cache-Control on every file, X-Content-Type-Options: nosniff on every
response.`, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := fs.String("dir", "site", "directory to serve")
	logTo := fs.Bool("log", false, "print one line per request: method, path (escaped), status, encoding and bytes sent")
	pre := fs.String("precompress", "", "best or fast: compress the page's files in the background while serving (one core; files go out uncompressed until their copies are written)")
	if err := parse(fs, args); err != nil {
		return err
	}
	q, ok := qualities[*pre]
	if *pre != "" && !ok {
		return &usageError{fmt.Sprintf("-precompress %q: want best or fast (or leave it out)", *pre)}
	}
	h, err := siteHandler(*dir, stderr)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v; pick another with -addr", *addr, err)
	}
	fmt.Fprintf(stdout, "Noise Ball is served at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	if *pre != "" {
		h.(*site).compressInBackground(*dir, *pre, q, stdout, stderr)
	}
	if *logTo {
		h = logRequests(h, stdout)
	}
	return newServer(h).Serve(ln)
}

// newServer returns the HTTP server of h with a timeout on every stage of
// a connection, so slow or idle clients cannot hold connections open.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // 8 MB to a slow phone
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// logRequests prints "GET /app.wasm 200 br 1961740" per request: the
// path as escaped in the URL (so no request can forge a line), and the
// bytes of the body as sent, after compression.
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
		fmt.Fprintf(w, "%s %s %d %s %d\n", r.Method, logPath(r), c.status, enc, c.n)
		mu.Unlock()
	})
}

// logPath returns the request's path for a log line: URL-escaped, with
// no spaces or control characters.
func logPath(r *http.Request) string {
	p := r.URL.EscapedPath()
	if p == "" {
		p = "/"
	}
	return strings.Map(func(c rune) rune {
		if c <= ' ' || c == 0x7f {
			return '?'
		}
		return c
	}, p)
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

// hashedName matches a content-hashed asset name (app.3f9a2c1d.wasm),
// which never changes and may be cached for a year.
var hashedName = regexp.MustCompile(`\.[0-9a-f]{8,}\.[a-z0-9]+$`)

// site serves one directory.
type site struct {
	root   *os.Root // every open goes through it: nothing outside the directory, symbolic links included
	warn   io.Writer
	mu     sync.Mutex
	warned map[string]bool
	// compressing is set while serve -precompress writes the copies:
	// an uncompressed answer is expected then, not reported.
	compressing atomic.Bool
}

// siteHandler serves dir: GET and HEAD only (405 otherwise), 414 for
// request targets over maxURL bytes, no dotfiles (404) and no directory
// listings (a directory serves its index.html or 404), files opened
// through an os.Root so neither ".." nor a symbolic link leaves dir. MIME
// types are set by extension (application/wasm for .wasm, which
// instantiateStreaming requires). A request for NAME whose
// Accept-Encoding allows br or gzip gets NAME.br or NAME.gz when present
// and not older than NAME, with Content-Encoding, its Content-Length,
// Vary: Accept-Encoding and the decoded size in X-Decoded-Length (the
// loader's progress bar); a large file sent uncompressed to a browser
// that accepts compression is reported once on warn. Every file has an
// ETag (size and modification time) and Cache-Control: a year and
// immutable for content-hashed names, revalidate ("no-cache") for the
// rest, index.html included.
func siteHandler(dir string, warn io.Writer) (http.Handler, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory; run 'make site' first", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot serve %s: %v", dir, err)
	}
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".safetensors", "application/octet-stream")
	mime.AddExtensionType(".idx", "application/octet-stream")
	return &site{root: root, warn: warn, warned: map[string]bool{}}, nil
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case len(r.RequestURI) > maxURL:
		http.Error(w, "414 request URI too long", http.StatusRequestURITooLong)
		return
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") {
			http.NotFound(w, r)
			return
		}
	}
	rel := strings.TrimPrefix(name, "/")
	if rel == "" {
		rel = "index.html"
	}
	f, st, err := s.open(rel)
	if err == nil && st.IsDir() {
		f.Close()
		rel = path.Join(rel, "index.html")
		f, st, err = s.open(rel)
	}
	if err != nil || st.IsDir() {
		if f != nil {
			f.Close()
		}
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	ctype := mime.TypeByExtension(path.Ext(rel))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Vary", "Accept-Encoding")
	if hashedName.MatchString(rel) {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	accept := r.Header.Get("Accept-Encoding")
	for _, e := range encodings {
		if !acceptsEncoding(accept, e.name) {
			continue
		}
		cf, cst, err := s.open(rel + e.suffix)
		if err != nil {
			continue
		}
		defer cf.Close()
		if cst.IsDir() || cst.ModTime().Before(st.ModTime()) {
			continue // a stale compressed copy is never served
		}
		h.Set("Content-Encoding", e.name)
		h.Set("Content-Length", strconv.FormatInt(cst.Size(), 10))
		h.Set("X-Decoded-Length", strconv.FormatInt(st.Size(), 10))
		h.Set("ETag", etag(cst, e.name))
		r.Header.Del("Range") // byte ranges of a compressed stream mean nothing to the page
		http.ServeContent(w, r, rel, cst.ModTime(), cf)
		return
	}
	if accept != "" && st.Size() > warnUncompressed && (acceptsEncoding(accept, "br") || acceptsEncoding(accept, "gzip")) {
		s.warnOnce(rel, st.Size())
	}
	h.Set("ETag", etag(st, ""))
	http.ServeContent(w, r, rel, st.ModTime(), f)
}

// open opens rel inside the root.
func (s *site) open(rel string) (*os.File, fs.FileInfo, error) {
	f, err := s.root.Open(rel)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// compressInBackground precompresses the page's files in dir at quality
// q (named name) on one core while s serves them, and returns a channel
// closed when it is done. It says on stdout when it starts and ends;
// until a file's copies are written it goes out uncompressed, unreported.
func (s *site) compressInBackground(dir, name string, q compression, stdout, stderr io.Writer) <-chan struct{} {
	done := make(chan struct{})
	if !anyStale(dir) {
		close(done)
		return done
	}
	s.compressing.Store(true)
	fmt.Fprintf(stdout, "serve: compressing the page's files in the background at %s quality (a minute or two); until then they go out uncompressed\n", name)
	go func() {
		defer close(done)
		var sizes strings.Builder
		err := compressDir(dir, pageFiles, name, q, 1, &sizes, io.Discard)
		s.compressing.Store(false)
		if err != nil {
			fmt.Fprintf(stderr, "serve: background compression stopped: %v; the files go out uncompressed\n", err)
			return
		}
		lines := strings.Split(strings.TrimSpace(sizes.String()), "\n")
		fmt.Fprintf(stdout, "serve: compression done, the files now go out compressed (%s)\n", strings.Join(strings.Fields(lines[len(lines)-1]), " "))
	}()
	return done
}

// anyStale reports whether a page file in dir lacks fresh compressed
// copies (or dir cannot be listed, which compressDir then reports).
func anyStale(dir string) bool {
	files, err := listFiles(dir, pageFiles)
	if err != nil {
		return true
	}
	for _, f := range files {
		st, err := os.Stat(f.path)
		if err != nil {
			return true
		}
		if _, fresh := compressedCopies(f.path, st); !fresh {
			return true
		}
	}
	return false
}

// warnOnce reports, once per file, a large file sent uncompressed.
func (s *site) warnOnce(rel string, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.warned[rel] || s.warn == nil || s.compressing.Load() {
		return
	}
	s.warned[rel] = true
	fmt.Fprintf(s.warn, "serve: /%s (%d bytes) went out uncompressed: its .br and .gz copies are missing or older than the file; run 'make site' to precompress it\n", rel, size)
}

// etag is a strong validator from a file's size and modification time,
// tagged with the encoding of a precompressed copy.
func etag(st fs.FileInfo, enc string) string {
	t := strconv.FormatInt(st.Size(), 36) + "-" + strconv.FormatInt(st.ModTime().UnixNano(), 36)
	if enc != "" {
		t += "-" + enc
	}
	return `"` + t + `"`
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
