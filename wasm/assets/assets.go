// Package assets fetches the page's files (weights, data) from the
// page's own origin. In the browser it uses github.com/syumai/tinyutil's
// fetch-based HTTP client (fetch_js.go); natively, for tests, it reads
// the same paths from a directory (fetch_other.go).
package assets

import (
	"fmt"
	"io"
	"strconv"
)

// MaxBytes caps one asset; the MNIST training images, the largest, are
// 47 MB.
const MaxBytes = 64 << 20

// Progress is called while an asset downloads with the bytes received
// so far and the total, or -1 when the server did not say.
type Progress func(done, total int64)

// decodedTotal returns how many bytes the body of an answer will read
// as: X-Decoded-Length (sent by 'noiseball serve' with a precompressed
// file) when present, Content-Length when the answer is not compressed,
// and -1 otherwise, since a compressed answer's Content-Length counts
// compressed bytes while the body yields decoded ones.
func decodedTotal(contentLength int64, contentEncoding, decodedLength string) int64 {
	if n, err := strconv.ParseInt(decodedLength, 10, 64); err == nil && n >= 0 {
		return n
	}
	if contentEncoding != "" && contentEncoding != "identity" {
		return -1
	}
	return contentLength
}

// readAll reads r to the end, reporting progress every 256 KiB and
// refusing more than MaxBytes.
func readAll(r io.Reader, total int64, progress Progress) ([]byte, error) {
	var buf []byte
	chunk := make([]byte, 256<<10)
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if len(buf) > MaxBytes {
			return nil, fmt.Errorf("the file is larger than %d MB", MaxBytes>>20)
		}
		if progress != nil && n > 0 {
			progress(int64(len(buf)), total)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
