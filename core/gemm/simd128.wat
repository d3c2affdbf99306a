;; The WebAssembly SIMD128 twin of package gemm's kernels, for the page's
;; workers. make assembles it (wat2wasm, Debian's wabt) into site/simd.wasm;
;; site/simd.js instantiates it on the Go program's own linear memory and
;; Go calls it through //go:wasmimport (simd_js.go).
;;
;;   dgemm(c, a, b, m, k, n, ars, acs)
;;     C[i*n+j] += Σ_p A(i,p) · B[p*n+j],  p = 0, 1, …, k-1 in order,
;;     A(i,p) = a[i*ars + p*acs]   (NN: ars = k, acs = 1; TN: ars = 1, acs = m)
;;
;; c, a and b are byte addresses of float64 arrays in Go's memory. Every
;; output element has one accumulator that starts at C's value and adds
;; the rounded products in increasing p: f64x2 lanes are two neighbouring
;; columns, each computed exactly as the scalar Go loop computes it (wasm
;; has no fused multiply-add), so the result has the same bits as gemm's
;; pure-Go kernels. Tiles: 4 rows × 4 columns (eight f64x2 accumulators),
;; then 2 columns, then 1; a remainder of rows one at a time.
(module
  (import "go" "mem" (memory 1))

  (func (export "dgemm")
    (param $c i32) (param $a i32) (param $b i32)
    (param $m i32) (param $k i32) (param $n i32) (param $ars i32) (param $acs i32)
    (local $i i32)
    (local $rs i32)   ;; byte stride between rows of A: 8*ars
    (local $ps i32)   ;; byte step along p in A: 8*acs
    (local $ns i32)   ;; byte stride between rows of B and C: 8*n
    (local.set $rs (i32.shl (local.get $ars) (i32.const 3)))
    (local.set $ps (i32.shl (local.get $acs) (i32.const 3)))
    (local.set $ns (i32.shl (local.get $n) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $rows4done
      (loop $rows4
        (br_if $rows4done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (call $rows4
          (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ns)))
          (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs)))
          (local.get $b) (local.get $k) (local.get $n)
          (local.get $rs) (local.get $ps) (local.get $ns))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows4)))
    (block $rows1done
      (loop $rows1
        (br_if $rows1done (i32.ge_s (local.get $i) (local.get $m)))
        (call $row1
          (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ns)))
          (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs)))
          (local.get $b) (local.get $k) (local.get $n)
          (local.get $ps) (local.get $ns))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows1))))

  ;; $rows4: four rows of C starting at c (rows ns bytes apart), from the
  ;; four rows of A starting at a (rs bytes apart, ps bytes per step of p).
  (func $rows4
    (param $c i32) (param $a i32) (param $b i32) (param $k i32) (param $n i32)
    (param $rs i32) (param $ps i32) (param $ns i32)
    (local $j i32) (local $p i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $y0 v128) (local $y1 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64)
    (local.set $j (i32.const 0))
    ;; 4 columns at a time
    (block $done4
      (loop $cols4
        (br_if $done4 (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s00 (v128.load (local.get $pc)))
        (local.set $s01 (v128.load offset=16 (local.get $pc)))
        (local.set $s10 (v128.load (i32.add (local.get $pc) (local.get $ns))))
        (local.set $s11 (v128.load offset=16 (i32.add (local.get $pc) (local.get $ns))))
        (local.set $s20 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1)))))
        (local.set $s21 (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1)))))
        (local.set $s30 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3)))))
        (local.set $s31 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3)))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (local.get $k))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.eqz (local.get $p)))
            (local.set $y0 (v128.load (local.get $pb)))
            (local.set $y1 (v128.load offset=16 (local.get $pb)))
            (local.set $x0 (f64x2.splat (f64.load (local.get $pa))))
            (local.set $x1 (f64x2.splat (f64.load (i32.add (local.get $pa) (local.get $rs)))))
            (local.set $x2 (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1))))))
            (local.set $x3 (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3))))))
            (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y0))))
            (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y1))))
            (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y0))))
            (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y1))))
            (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $x2) (local.get $y0))))
            (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $x2) (local.get $y1))))
            (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $x3) (local.get $y0))))
            (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $x3) (local.get $y1))))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $pb (i32.add (local.get $pb) (local.get $ns)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $ploop)))
        (v128.store (local.get $pc) (local.get $s00))
        (v128.store offset=16 (local.get $pc) (local.get $s01))
        (v128.store (i32.add (local.get $pc) (local.get $ns)) (local.get $s10))
        (v128.store offset=16 (i32.add (local.get $pc) (local.get $ns)) (local.get $s11))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1))) (local.get $s20))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1))) (local.get $s21))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3))) (local.get $s30))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3))) (local.get $s31))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols4)))
    ;; 2 columns
    (if (i32.le_s (i32.add (local.get $j) (i32.const 2)) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s00 (v128.load (local.get $pc)))
        (local.set $s10 (v128.load (i32.add (local.get $pc) (local.get $ns))))
        (local.set $s20 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1)))))
        (local.set $s30 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3)))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (local.get $k))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.eqz (local.get $p)))
            (local.set $y0 (v128.load (local.get $pb)))
            (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul
              (f64x2.splat (f64.load (local.get $pa))) (local.get $y0))))
            (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul
              (f64x2.splat (f64.load (i32.add (local.get $pa) (local.get $rs)))) (local.get $y0))))
            (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul
              (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1))))) (local.get $y0))))
            (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul
              (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3))))) (local.get $y0))))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $pb (i32.add (local.get $pb) (local.get $ns)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $ploop)))
        (v128.store (local.get $pc) (local.get $s00))
        (v128.store (i32.add (local.get $pc) (local.get $ns)) (local.get $s10))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1))) (local.get $s20))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3))) (local.get $s30))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    ;; the last column
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $t0 (f64.load (local.get $pc)))
        (local.set $t1 (f64.load (i32.add (local.get $pc) (local.get $ns))))
        (local.set $t2 (f64.load (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1)))))
        (local.set $t3 (f64.load (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3)))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (local.get $k))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.eqz (local.get $p)))
            (local.set $t0 (f64.add (local.get $t0) (f64.mul
              (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
            (local.set $t1 (f64.add (local.get $t1) (f64.mul
              (f64.load (i32.add (local.get $pa) (local.get $rs))) (f64.load (local.get $pb)))))
            (local.set $t2 (f64.add (local.get $t2) (f64.mul
              (f64.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1)))) (f64.load (local.get $pb)))))
            (local.set $t3 (f64.add (local.get $t3) (f64.mul
              (f64.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3)))) (f64.load (local.get $pb)))))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $pb (i32.add (local.get $pb) (local.get $ns)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $ploop)))
        (f64.store (local.get $pc) (local.get $t0))
        (f64.store (i32.add (local.get $pc) (local.get $ns)) (local.get $t1))
        (f64.store (i32.add (local.get $pc) (i32.shl (local.get $ns) (i32.const 1))) (local.get $t2))
        (f64.store (i32.add (local.get $pc) (i32.mul (local.get $ns) (i32.const 3))) (local.get $t3)))))

  ;; $row1: one row of C at c from the row of A at a (ps bytes per step of p).
  (func $row1
    (param $c i32) (param $a i32) (param $b i32) (param $k i32) (param $n i32)
    (param $ps i32) (param $ns i32)
    (local $j i32) (local $p i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (local $x v128) (local $s0 v128) (local $s1 v128) (local $t f64)
    (local.set $j (i32.const 0))
    (block $done4
      (loop $cols4
        (br_if $done4 (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s0 (v128.load (local.get $pc)))
        (local.set $s1 (v128.load offset=16 (local.get $pc)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (local.get $k))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.eqz (local.get $p)))
            (local.set $x (f64x2.splat (f64.load (local.get $pa))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $x) (v128.load (local.get $pb)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pb)))))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $pb (i32.add (local.get $pb) (local.get $ns)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $ploop)))
        (v128.store (local.get $pc) (local.get $s0))
        (v128.store offset=16 (local.get $pc) (local.get $s1))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols4)))
    (if (i32.le_s (i32.add (local.get $j) (i32.const 2)) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s0 (v128.load (local.get $pc)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (local.get $k))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.eqz (local.get $p)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul
              (f64x2.splat (f64.load (local.get $pa))) (v128.load (local.get $pb)))))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $pb (i32.add (local.get $pb) (local.get $ns)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $ploop)))
        (v128.store (local.get $pc) (local.get $s0))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $t (f64.load (local.get $pc)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $p (local.get $k))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.eqz (local.get $p)))
            (local.set $t (f64.add (local.get $t) (f64.mul
              (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
            (local.set $pa (i32.add (local.get $pa) (local.get $ps)))
            (local.set $pb (i32.add (local.get $pb) (local.get $ns)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $ploop)))
        (f64.store (local.get $pc) (local.get $t))))))
