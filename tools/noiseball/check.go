package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
)

// checkFloat returns a usage error unless lo < v ≤ hi, naming the flag;
// NaN and infinities are out of every range.
func checkFloat(flag string, v, lo, hi float64) error {
	if math.IsNaN(v) || !(v > lo && v <= hi) {
		return &usageError{fmt.Sprintf("-%s %v is out of range: want a number above %v and at most %v", flag, v, lo, hi)}
	}
	return nil
}

// checkInt returns a usage error unless lo ≤ v ≤ hi, naming the flag.
func checkInt(flag string, v, lo, hi int) error {
	if v < lo || v > hi {
		return &usageError{fmt.Sprintf("-%s %d is out of range: want %d to %d", flag, v, lo, hi)}
	}
	return nil
}

// firstError returns the first non-nil error.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkWritable makes sure a file can be written at path (the -out of a
// long computation) before the computation starts: it creates the
// directory and a temporary file there, then removes the file. dir says
// path is a directory to write into rather than a file.
func checkWritable(flag, path string, dir bool) error {
	d := path
	if !dir {
		d = filepath.Dir(path)
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			return fmt.Errorf("-%s %s is a directory; give a file name", flag, path)
		}
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("-%s %s cannot be written (%v): choose another place before the work starts", flag, path, err)
	}
	f, err := os.CreateTemp(d, ".check-")
	if err != nil {
		return fmt.Errorf("-%s %s cannot be written (%v): choose another place before the work starts", flag, path, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}
