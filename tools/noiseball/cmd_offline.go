package main

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// offlineFiles are the files an offline page carries, by name prefix: the
// page program, the zoo, its shipped results and the first 1,000 test
// digits. Not the workers (a page opened from disk cannot start them, so
// its jobs run on the page) and not the full test set (1.3 MB more; the
// page says which view needs it).
var offlineFiles = []string{"app.wasm", "assets/models/", "assets/results/", "assets/data/mnist-test1k-"}

func runOffline(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("offline", `Writes the built page in -site as one HTML file that works when opened
from disk (file://), with no server and no network: the stylesheet and
scripts inline, and the page program, the zoo's weights and results and
the first 1,000 MNIST test digits inside it, gzip-compressed and base64
encoded, unpacked in the browser with DecompressionStream. Jobs run on
the page (a page from disk cannot start Web Workers). Prints the file's
size and what it carries.`, stderr)
	site := flags.String("site", "site", "directory of the built page ('make page')")
	out := flags.String("out", "out/noiseball.html", "file to write")
	if err := parse(flags, args); err != nil {
		return err
	}
	if err := checkWritable("out", *out, false); err != nil {
		return err
	}
	read := func(rel string) (string, error) {
		b, err := os.ReadFile(filepath.Join(*site, rel))
		if err != nil {
			return "", fmt.Errorf("%s is missing from %s; build the page first ('make page')", rel, *site)
		}
		return string(b), nil
	}
	html, err := read("index.html")
	if err != nil {
		return err
	}
	files, err := listFiles(*site, pageFiles)
	if err != nil {
		return err
	}
	inline := map[string]string{}
	var raw, packed int64
	for _, f := range files {
		rel, _ := filepath.Rel(*site, f.path)
		rel = filepath.ToSlash(rel)
		if !slices.ContainsFunc(offlineFiles, func(p string) bool { return strings.HasPrefix(rel, p) }) {
			continue
		}
		b, err := os.ReadFile(f.path)
		if err != nil {
			return err
		}
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		inline[rel] = base64.StdEncoding.EncodeToString(z.Bytes())
		raw += int64(len(b))
		packed += int64(z.Len())
	}
	if _, ok := inline["app.wasm"]; !ok {
		return fmt.Errorf("%s holds no app.wasm; build the page first ('make page')", *site)
	}
	table, err := json.Marshal(inline)
	if err != nil {
		return err
	}
	for _, inl := range []struct{ ref, tag, file string }{
		{`<link rel="stylesheet" href="style.css">`, "style", "style.css"},
		{`<script src="wasm_exec.js"></script>`, "script", "wasm_exec.js"},
		{`<script src="loader.js"></script>`, "script", "loader.js"},
	} {
		body, err := read(inl.file)
		if err != nil {
			return err
		}
		if strings.Contains(strings.ToLower(body), "</"+inl.tag) {
			return fmt.Errorf("%s holds </%s, which would end its inline copy early; it cannot be inlined as it is", inl.file, inl.tag)
		}
		if inl.file == "loader.js" {
			body = "self.nbInline=" + string(table) + ";\n" + body
		}
		if html, err = replaceOnce(html, inl.ref, "<"+inl.tag+">\n"+body+"</"+inl.tag+">"); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error { _, err := io.WriteString(w, html); return err }); err != nil {
		return fmt.Errorf("cannot write %s: %v", *out, err)
	}
	fmt.Fprintf(stdout, "offline: %s, %.2f MB: %d files inside (%.2f MB, %.2f MB gzip), opens from disk with no server\n",
		*out, mb(int64(len(html))), len(inline), mb(raw), mb(packed))
	return nil
}
