package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// compression is one quality setting of precompress.
type compression struct {
	gzipLevel, brotliQuality, brotliWindow int
}

// qualities are precompress's -quality choices. best is the smallest
// (brotli 11 with a 16 MB window shrinks the 12 MB app by 1% more than the
// default window) and takes about two minutes for app.wasm on one core;
// fast (brotli 9) takes about 7 s for 15% more bytes.
var qualities = map[string]compression{
	"best": {gzip.BestCompression, brotli.BestCompression, 24},
	"fast": {gzip.DefaultCompression, 9, 22},
}

// pageFiles are the name endings of the files the page loads: what
// precompress compresses, 'noiseball dist' publishes and 'noiseball
// offline' may carry. The whole MNIST training set is not among them:
// the page loads it in parts of 10,000 (mnist-train-00k-images.idx …).
const pageFiles = ".wasm,.js,.css,.html,.webp,.safetensors,-test-images.idx,-test-labels.idx,-test1k-images.idx,-test1k-labels.idx,0k-images.idx,0k-labels.idx,.json"

func runPrecompress(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("precompress", `Writes NAME.br (brotli) and NAME.gz (gzip) beside every file of the page
in -dir whose name ends in one of -ext, for 'noiseball serve' and any static
host that serves precompressed files, and prints raw, gzip and brotli
sizes. Files whose compressed copies are newer are skipped. Files are
compressed in parallel, one per core, the largest first; a file that takes
long is announced when it starts.`, stderr)
	dir := flags.String("dir", "site", "directory of the built page")
	exts := flags.String("ext", pageFiles, "comma-separated name endings to compress")
	quality := flags.String("quality", "best", "best (smallest files; minutes for the page) or fast (seconds; about 15% larger brotli files)")
	workers := flags.Int("workers", runtime.NumCPU(), "files compressed at once")
	if err := parse(flags, args); err != nil {
		return err
	}
	q, ok := qualities[*quality]
	if !ok {
		return &usageError{fmt.Sprintf("-quality %q: want best or fast", *quality)}
	}
	if err := checkInt("workers", *workers, 1, 64); err != nil {
		return err
	}
	return compressDir(*dir, *exts, *quality, q, *workers, stdout, stderr)
}

// listFiles returns the files under dir whose names end in one of the
// comma-separated endings exts, with their sizes, the largest first.
func listFiles(dir, exts string) ([]sizedFile, error) {
	want := strings.Split(exts, ",")
	var files []sizedFile
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.ContainsFunc(want, func(e string) bool { return strings.HasSuffix(p, e) }) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, sizedFile{p, info.Size()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %v", dir, err)
	}
	slices.SortStableFunc(files, func(a, b sizedFile) int { return int(b.size - a.size) })
	return files, nil
}

// sizedFile is a file's path and size in bytes.
type sizedFile struct {
	path string
	size int64
}

// compressDir precompresses the files under dir that end in one of exts
// at quality q (named name), workers at a time, the largest first (so
// the cores finish together). It prints one line of sizes per file and a
// total on stdout and announces on stderr each file over 1 MB it starts.
func compressDir(dir, exts, name string, q compression, workers int, stdout, stderr io.Writer) error {
	files, err := listFiles(dir, exts)
	if err != nil {
		return err
	}
	results := make([][3]int64, len(files))
	errs := make([]error, len(files))
	var mu sync.Mutex
	next := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(files) {
					return
				}
				rel, _ := filepath.Rel(dir, files[i].path)
				results[i], errs[i] = precompress(files[i].path, q, func() {
					if files[i].size > 1<<20 {
						mu.Lock()
						fmt.Fprintf(stderr, "precompress: %s (%.1f MB) at %s quality…\n", rel, float64(files[i].size)/(1<<20), name)
						mu.Unlock()
					}
				})
				mu.Lock()
				if errs[i] == nil {
					fmt.Fprintf(stdout, "%-40s %10d raw %10d gzip %10d brotli\n", rel, results[i][0], results[i][1], results[i][2])
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var total [3]int64
	for i, r := range results {
		if errs[i] != nil {
			return fmt.Errorf("precompressing %s: %v", files[i].path, errs[i])
		}
		for k := range total {
			total[k] += r[k]
		}
	}
	fmt.Fprintf(stdout, "%-40s %10d raw %10d gzip %10d brotli\n", "total", total[0], total[1], total[2])
	return nil
}

// compressedCopies returns the raw, gzip and brotli sizes of p (whose
// FileInfo is st) and whether its .gz and .br copies exist and are at
// least as new as p.
func compressedCopies(p string, st os.FileInfo) (sizes [3]int64, fresh bool) {
	sizes[0] = st.Size()
	for i, suffix := range []string{".gz", ".br"} {
		c, err := os.Stat(p + suffix)
		if err != nil || c.ModTime().Before(st.ModTime()) {
			return sizes, false
		}
		sizes[i+1] = c.Size()
	}
	return sizes, true
}

// precompress writes p.gz and p.br at quality q unless both are newer
// than p, and returns the raw, gzip and brotli sizes. starting runs when
// compression begins (not for fresh copies).
func precompress(p string, q compression, starting func()) ([3]int64, error) {
	var sizes [3]int64
	st, err := os.Stat(p)
	if err != nil {
		return sizes, err
	}
	if sizes, fresh := compressedCopies(p, st); fresh {
		return sizes, nil
	}
	sizes[0] = st.Size()
	starting()
	raw, err := os.ReadFile(p)
	if err != nil {
		return sizes, err
	}
	var gz, br bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, q.gzipLevel)
	zw.Write(raw)
	zw.Close()
	bw := brotli.NewWriterOptions(&br, brotli.WriterOptions{Quality: q.brotliQuality, LGWin: q.brotliWindow})
	bw.Write(raw)
	bw.Close()
	for _, out := range []struct {
		suffix string
		b      []byte
	}{{".gz", gz.Bytes()}, {".br", br.Bytes()}} {
		if err := writeFileAtomic(p+out.suffix, func(w io.Writer) error { _, err := w.Write(out.b); return err }); err != nil {
			return sizes, err
		}
	}
	sizes[1], sizes[2] = int64(gz.Len()), int64(br.Len())
	return sizes, nil
}
