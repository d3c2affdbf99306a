package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// stableNames are the page's files that keep their names in a dist
// folder: the address visitors open, and the service worker, whose
// address must not change between versions.
var stableNames = []string{"index.html", "sw.js"}

// linkFiles are what other sites load under a stable name and the page
// itself does not: the link preview (index.html's og:image). dist copies
// them as they are (a PNG gains nothing from brotli).
var linkFiles = []string{"preview.png"}

// distMarker is what a dist folder's index.html holds (the manifest
// loader.js reads); dist replaces only a folder that has it, or an
// empty one.
const distMarker = "self.nbFiles="

func runDist(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("dist", `Writes the built page in -site as a folder any static web host can
serve: every file but index.html and sw.js under a content-hashed name
(app.3f9a2c1d0e.wasm), which never changes and may be cached for a
year; index.html, which names them (nbFiles, read by loader.js) and is
revalidated; and brotli (.br) and gzip (.gz) copies beside each file for
hosts that serve precompressed files (copied from -site when fresh,
otherwise made at -quality). The link preview (preview.png) keeps its
name; with -url, the page's address, index.html names it by its full
address, as Facebook and LinkedIn require. The MNIST training set is
there in its parts of 10,000 (the train scene loads what it needs), not
whole. -out is replaced; it must be empty,
absent or an earlier dist folder.`, stderr)
	site := flags.String("site", "site", "directory of the built page ('make page')")
	out := flags.String("out", "out/dist", "directory to write")
	quality := flags.String("quality", "best", "best or fast: how to compress files whose copies in -site are missing or stale")
	pageURL := flags.String("url", "", "the page's address (https://example.org/noiseball/), for the link preview's full address; empty: relative")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *pageURL != "" {
		u, err := url.Parse(*pageURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return &usageError{fmt.Sprintf("-url %q: want the page's address, such as https://example.org/noiseball/", *pageURL)}
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		*pageURL = u.String()
	}
	q, ok := qualities[*quality]
	if !ok {
		return &usageError{fmt.Sprintf("-quality %q: want best or fast", *quality)}
	}
	if err := replaceableDist(*out); err != nil {
		return err
	}
	files, err := listFiles(*site, pageFiles)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(files, func(f sizedFile) bool { return filepath.Base(f.path) == "app.wasm" }) {
		return fmt.Errorf("%s holds no app.wasm; build the page first ('make page')", *site)
	}
	tmp := *out + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	manifest := map[string]string{}
	var total [3]int64
	for _, f := range files {
		rel, _ := filepath.Rel(*site, f.path)
		rel = filepath.ToSlash(rel)
		if slices.Contains(stableNames, rel) {
			continue
		}
		b, err := os.ReadFile(f.path)
		if err != nil {
			return err
		}
		name := hashedPath(rel, b)
		manifest[rel] = name
		sizes, err := publish(f.path, filepath.Join(tmp, filepath.FromSlash(name)), b, q)
		if err != nil {
			return err
		}
		for k := range total {
			total[k] += sizes[k]
		}
	}
	for _, rel := range stableNames {
		b, err := os.ReadFile(filepath.Join(*site, rel))
		if err != nil {
			return fmt.Errorf("%s is missing from %s; build the page first ('make page')", rel, *site)
		}
		if rel == "index.html" {
			if b, err = distIndex(b, manifest, *pageURL); err != nil {
				return err
			}
		}
		dst := filepath.Join(tmp, rel)
		if err := writeFileAtomic(dst, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
		sizes, err := precompress(dst, q, func() {})
		if err != nil {
			return err
		}
		for k := range total {
			total[k] += sizes[k]
		}
	}
	for _, rel := range linkFiles {
		b, err := os.ReadFile(filepath.Join(*site, rel))
		if err != nil {
			return fmt.Errorf("%s is missing from %s: it is part of the repository's site/; check out a complete copy", rel, *site)
		}
		if err := writeFileAtomic(filepath.Join(tmp, rel), func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
		total[0] += int64(len(b))
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	if err := os.Rename(tmp, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "dist: %d files in %s: %.2f MB raw, %.2f MB gzip, %.2f MB brotli\n",
		len(manifest)+len(stableNames)+len(linkFiles), *out, mb(total[0]), mb(total[1]), mb(total[2]))
	return nil
}

// mb converts bytes to megabytes (10⁶ bytes, as the README's sizes).
func mb(n int64) float64 { return float64(n) / 1e6 }

// replaceableDist returns an error unless dir is absent, empty or an
// earlier dist folder, so -out never deletes anything else.
func replaceableDist(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("-out %s: %v", dir, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || !strings.Contains(string(b), distMarker) {
		return fmt.Errorf("-out %s holds files that are not an earlier dist folder; name an empty or new directory", dir)
	}
	return nil
}

// hashedPath inserts the first 10 hex digits of b's SHA-256 before the
// extension of rel: assets/models/cnn-clean.safetensors becomes
// assets/models/cnn-clean.1a2b3c4d5e.safetensors.
func hashedPath(rel string, b []byte) string {
	sum := sha256.Sum256(b)
	ext := path.Ext(rel)
	return strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// publish writes b (the content of src) to dst, with its .gz and .br
// copies: src's when they are at least as new as src, otherwise made at
// quality q. It returns the raw, gzip and brotli sizes.
func publish(src, dst string, b []byte, q compression) ([3]int64, error) {
	if err := writeFileAtomic(dst, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return [3]int64{}, err
	}
	st, err := os.Stat(src)
	if err != nil {
		return [3]int64{}, err
	}
	sizes, fresh := compressedCopies(src, st)
	if !fresh {
		return precompress(dst, q, func() {})
	}
	for _, suffix := range []string{".gz", ".br"} {
		c, err := os.ReadFile(src + suffix)
		if err != nil {
			return sizes, err
		}
		if err := writeFileAtomic(dst+suffix, func(w io.Writer) error { _, err := w.Write(c); return err }); err != nil {
			return sizes, err
		}
	}
	return sizes, nil
}

// distIndex returns index.html for a dist folder: its stylesheet and
// scripts under their hashed names, and the manifest, as nbFiles, set
// before loader.js runs; with pageURL (ending in /), the link preview by
// its full address.
func distIndex(html []byte, manifest map[string]string, pageURL string) ([]byte, error) {
	s := string(html)
	if pageURL != "" {
		var err error
		for _, name := range linkFiles {
			ref := `content="` + name + `"`
			if s, err = replaceOnce(s, ref, `content="`+pageURL+name+`"`); err != nil {
				return nil, err
			}
		}
	}
	for _, ref := range []string{`href="style.css"`, `src="wasm_exec.js"`, `src="loader.js"`} {
		name := strings.TrimSuffix(ref[strings.Index(ref, `"`)+1:], `"`)
		hashed, ok := manifest[name]
		if !ok {
			return nil, fmt.Errorf("dist: %s is missing from the page", name)
		}
		var err error
		if s, err = replaceOnce(s, ref, strings.Replace(ref, name, hashed, 1)); err != nil {
			return nil, err
		}
	}
	m, err := json.Marshal(manifest)
	if err != nil {
		return nil, err
	}
	exec := `<script src="` + manifest["wasm_exec.js"] + `"></script>`
	s, err = replaceOnce(s, exec, "<script>"+distMarker+string(m)+";</script>\n"+exec)
	return []byte(s), err
}

// replaceOnce replaces old in s by new, and fails unless old occurs
// exactly once: a page whose index.html changed shape is refused, not
// half rewritten.
func replaceOnce(s, old, new string) (string, error) {
	if n := strings.Count(s, old); n != 1 {
		return "", fmt.Errorf("site/index.html holds %s %d times, not once; the page's shape changed, so update the tool that rewrites it", old, n)
	}
	return strings.Replace(s, old, new, 1), nil
}
