package main

import (
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", `Serves the static page in -dir over HTTP on -addr and prints its URL.
'make serve' builds the page first.`, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	dir := fs.String("dir", "site", "directory to serve")
	if err := parse(fs, args); err != nil {
		return err
	}
	if st, err := os.Stat(*dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s is not a directory; run 'make site' first", *dir)
	}
	mime.AddExtensionType(".wasm", "application/wasm")
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v; pick another with -addr", *addr, err)
	}
	fmt.Fprintf(stdout, "Noise Ball is served at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	return http.Serve(ln, http.FileServer(http.Dir(*dir)))
}
