package data

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// IDX is a decoded IDX file (the format of the MNIST distribution files):
// a big-endian header of two zero bytes, a type code, a dimension count
// and that many uint32 sizes, followed by the elements in row-major order.
// Only unsigned bytes (type 0x08) are supported, the only type MNIST uses.
type IDX struct {
	Dims []int // sizes, outermost first; e.g. [60000 28 28]
	Data []byte
}

// IDX type code for unsigned bytes.
const idxUbyte = 0x08

// FormatError reports input that is not a valid IDX file or not the
// dataset it claims to be.
type FormatError struct{ Msg string }

// Error returns the message with the package prefix.
func (e *FormatError) Error() string { return "data: " + e.Msg }

// ReadIDX decodes an unsigned-byte IDX file from r. It reads the header,
// checks that the element count is at most maxElems before allocating, and
// fails with a *FormatError on a bad magic number, an unsupported type, a
// zero dimension, a short body or trailing bytes; I/O errors are returned
// as they come.
func ReadIDX(r io.Reader, maxElems int) (*IDX, error) {
	br := bufio.NewReader(r)
	var head [4]byte
	if _, err := io.ReadFull(br, head[:]); err != nil {
		return nil, short(err, "header")
	}
	if head[0] != 0 || head[1] != 0 {
		return nil, &FormatError{fmt.Sprintf("not an IDX file: magic number starts %#02x %#02x, want 0x00 0x00", head[0], head[1])}
	}
	if head[2] != idxUbyte {
		return nil, &FormatError{fmt.Sprintf("IDX element type %#02x is not supported; want 0x08 (unsigned byte)", head[2])}
	}
	nd := int(head[3])
	if nd < 1 || nd > 4 {
		return nil, &FormatError{fmt.Sprintf("IDX file has %d dimensions; want 1 to 4", nd)}
	}
	dims := make([]int, nd)
	total := 1
	for i := range dims {
		var b [4]byte
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return nil, short(err, "dimension sizes")
		}
		d := binary.BigEndian.Uint32(b[:])
		if d == 0 {
			return nil, &FormatError{fmt.Sprintf("IDX dimension %d is zero", i)}
		}
		if uint64(d) > uint64(maxElems) || total > maxElems/int(d) {
			return nil, &FormatError{fmt.Sprintf("IDX file holds more than %d elements", maxElems)}
		}
		dims[i] = int(d)
		total *= int(d)
	}
	buf := make([]byte, total)
	if _, err := io.ReadFull(br, buf); err != nil {
		return nil, short(err, fmt.Sprintf("body of %d bytes", total))
	}
	if _, err := br.ReadByte(); err == nil {
		return nil, &FormatError{"IDX file has bytes after its last element"}
	} else if err != io.EOF {
		return nil, err
	}
	return &IDX{Dims: dims, Data: buf}, nil
}

// short turns an early end of input into a FormatError naming the part
// that was cut off.
func short(err error, part string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &FormatError{"IDX file is truncated in its " + part}
	}
	return err
}

// WriteIDX encodes an unsigned-byte IDX file with the given dimensions.
// It panics if the product of dims is not len(data).
func WriteIDX(w io.Writer, dims []int, data []byte) error {
	n := 1
	for _, d := range dims {
		n *= d
	}
	if len(dims) == 0 || len(dims) > 4 || n != len(data) {
		panic(fmt.Sprintf("data: WriteIDX dims %v do not match %d bytes", dims, len(data)))
	}
	head := []byte{0, 0, idxUbyte, byte(len(dims))}
	for _, d := range dims {
		head = binary.BigEndian.AppendUint32(head, uint32(d))
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}
