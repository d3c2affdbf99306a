package main

import (
	"reflect"
	"strings"
	"testing"
)

// TestScan reads listings of both compilers: fused instructions in the
// module are found, other instructions and other modules' lines are not.
func TestScan(t *testing.T) {
	listing := `
	0x0237 00567 (/m/core/attack/pgd.go:182)	VFMADD231SD	X0, X2, X1
	0x023c 00572 (/m/core/attack/pgd.go:182)	MOVSD	$f64.3ff0000000000000(SB), X0
	0x0244 00580 (/m/core/attack/pgd.go:183)	SUBSD	X0, X1
	0x0010 00016 (/m/core/gemm/nn.go:34)	FMADDD	F1, F2, F3, F4
	0x0014 00020 (/m/core/gemm/nn.go:34)	FMADDD	F5, F6, F7, F8
	0x0018 00024 (/m/core/stats/chi.go:53)	FNMSUBD	F1, F2, F3, F4
	0x0020 00032 (/m/core/train/optim.go:35)	VFNMADD231PD	Y0, Y1, Y2
	0x0024 00036 (/usr/local/go/src/math/exp.go:12)	FMADDD	F1, F2, F3, F4
	0x0028 00040 (/m/core/gemm/nn.go:30)	FMULD	F1, F2, F3
	0x002c 00044 (/m/core/gemm/nn.go:31)	FADDD	F1, F2, F3
`
	got, err := scan(strings.NewReader(listing), "/m/")
	if err != nil {
		t.Fatal(err)
	}
	want := []site{{"core/attack/pgd.go", 182}, {"core/gemm/nn.go", 34}, {"core/stats/chi.go", 53}, {"core/train/optim.go", 35}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scan found %v, want %v", got, want)
	}
}
