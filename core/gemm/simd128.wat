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
;;
;;   convfwd(y, w, xpad, out, C, K, Hp, Wp, Ho, Wo)
;;     gemm.Conv.Forward for stride 1: NN(y, w, im2col(x)) with each
;;     right-hand row read in place from the input with its zero border
;;     (xpad, C planes of Hp×Wp), through the same tiles and in the same
;;     order as dgemm, so with the same bits, and no column matrix.
;;
;;   convfwd32(y, w, xpad, out, C, K, Hp, Wp, Ho, Wo)
;;     gemm.Conv.Forward32 for stride 1: convfwd with float32 filters and
;;     input and float32 sums (f32x4, four columns a lane group; tiles of
;;     4 rows × 8, 4, 2 and 1 columns), each started at float32(y) and
;;     stored widened to float64: the same bits as Forward32's pure-Go
;;     twin, NN32 on the float32 column matrix.
;;
;;   convwgrad(dwt, dyt, xpad, out, C, K, Hp, Wp, Ho, Wo)
;;     gemm.Conv.WeightGrad for stride 1, transposed: NT's filter gradient
;;     on im2col's matrix with the left rows read in place from xpad.
;;
;;   im2col(col, x, C, H, W, K, pad, Ho, Wo)
;;   col2im(dx, dcol, C, H, W, K, pad, Ho, Wo)
;;     gemm.Conv's lowering for stride 1 (conv.go): the same lines of
;;     zeros and copied runs, and the same additions in the same order.
;;
;;   relu(y, x, n)          y[i] = x[i] <= 0 ? +0 : x[i]
;;   relugrad(dx, dy, y, n) dx[i] = y[i] > 0 ? dy[i] : +0
;;     package nn's rectifier and its gradient (nn/relu.go, nn/simd_js.go),
;;     bit for bit: a comparison's mask clears or keeps the value's bits,
;;     so -0 gives +0 and a NaN input stays itself, with no branch on the
;;     data.
;;
;;   maxpool2(y, x, planes, H, W)
;;   maxpool2grad(dx, dy, x, planes, H, W)
;;     package nn's 2×2, stride-2 max-pooling over planes H×W planes
;;     (nn/pool.go, pool2Go and pool2GradGo), bit for bit: each window
;;     a b / c d is reduced as bv = a, then b, c, d each replacing bv when
;;     greater (f64x2.pmax is exactly that comparison); the gradient goes
;;     to the window's winner under the same comparisons, kept by a mask,
;;     and +0 to its other three positions. Two windows a step, even and
;;     odd columns split by a shuffle; a last odd window alone.
(module
  (import "go" "mem" (memory 1))

;; dgemm: C (m×n) += A·B, B row-major (k×n): one loop level of k rows
  ;; ns bytes apart.
  (func (export "dgemm")
    (param $c i32) (param $a i32) (param $b i32)
    (param $m i32) (param $k i32) (param $n i32) (param $ars i32) (param $acs i32)
    (local $ns i32)
    (local.set $ns (i32.shl (local.get $n) (i32.const 3)))
    (call $gemm (local.get $c) (local.get $a) (local.get $b) (local.get $m) (local.get $n)
      (i32.shl (local.get $ars) (i32.const 3)) (local.get $ns)
      (local.get $k) (i32.shl (local.get $acs) (i32.const 3)) (local.get $ns)
      (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0)))

  ;; convfwd: one example's stride-1 convolution without its column
  ;; matrix, y[o, i·Wo+j] += Σ_p w[o,p] · xpad[c, i+u, j+v], p = (c,u,v)
  ;; in gemm.Conv's row order, xpad being the input with its zero border
  ;; (C planes of Hp×Wp). Output row i is a GEMM whose right operand's
  ;; row p starts at xpad + (c·Hp·Wp + (i+u)·Wp + v)·8: the loop nest
  ;; v, u, c of $gemm walks those rows, so each sum is NN's on im2col's
  ;; matrix, term for term.
  (func (export "convfwd")
    (param $y i32) (param $w i32) (param $xpad i32) (param $out i32)
    (param $C i32) (param $K i32) (param $Hp i32) (param $Wp i32) (param $Ho i32) (param $Wo i32)
    (local $i i32) (local $rows i32) (local $ws i32) (local $plane i32)
    (local.set $rows (i32.mul (local.get $C) (i32.mul (local.get $K) (local.get $K))))
    (local.set $ws (i32.shl (local.get $Wp) (i32.const 3)))
    (local.set $plane (i32.mul (local.get $Hp) (local.get $ws)))
    (block $done
      (loop $rowloop
        (br_if $done (i32.ge_s (local.get $i) (local.get $Ho)))
        (call $gemm
          (i32.add (local.get $y) (i32.shl (i32.mul (local.get $i) (local.get $Wo)) (i32.const 3)))
          (local.get $w)
          (i32.add (local.get $xpad) (i32.mul (local.get $i) (local.get $ws)))
          (local.get $out) (local.get $Wo)
          (i32.shl (local.get $rows) (i32.const 3))
          (i32.shl (i32.mul (local.get $Ho) (local.get $Wo)) (i32.const 3))
          (local.get $K) (i32.const 8) (i32.const 8)
          (local.get $K) (i32.const 0) (i32.sub (local.get $ws) (i32.shl (local.get $K) (i32.const 3)))
          (local.get $C) (i32.const 0) (i32.sub (local.get $plane) (i32.mul (local.get $K) (local.get $ws))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowloop))))

;; convwgrad: one example's stride-1 filter gradient without its column
  ;; matrix, transposed: dwt[r, o] += Σ_j col[r, j] · dyt[j, o], j =
  ;; (i, jj) increasing, col[r, j] = xpad[c, i+u, jj+v] for r = (c,u,v).
  ;; Each kernel row block (c, u) is a GEMM of K rows v, 8 bytes apart in
  ;; xpad, whose left operand walks the nest jj (Wo steps of 8 bytes),
  ;; then i (Wp−Wo more); dyt (Cols×out) is read along rows. Each sum is
  ;; NT's on im2col's matrix, term for term.
  (func (export "convwgrad")
    (param $dwt i32) (param $dyt i32) (param $xpad i32) (param $out i32)
    (param $C i32) (param $K i32) (param $Hp i32) (param $Wp i32) (param $Ho i32) (param $Wo i32)
    (local $ch i32) (local $u i32) (local $ws i32) (local $os i32) (local $blk i32)
    (local.set $ws (i32.shl (local.get $Wp) (i32.const 3)))
    (local.set $os (i32.shl (local.get $out) (i32.const 3)))
    (block $done
      (loop $chs
        (br_if $done (i32.ge_s (local.get $ch) (local.get $C)))
        (local.set $u (i32.const 0))
        (loop $us
          ;; rows (ch·K + u)·K .. +K of dwt
          (local.set $blk (i32.mul (i32.add (i32.mul (local.get $ch) (local.get $K)) (local.get $u)) (local.get $K)))
          (call $gemm
            (i32.add (local.get $dwt) (i32.mul (local.get $blk) (local.get $os)))
            (i32.add (local.get $xpad) (i32.add
              (i32.mul (local.get $ch) (i32.mul (local.get $Hp) (local.get $ws)))
              (i32.mul (local.get $u) (local.get $ws))))
            (local.get $dyt) (local.get $K) (local.get $out)
            (i32.const 8) (local.get $os)
            (local.get $Wo) (i32.const 8) (local.get $os)
            (local.get $Ho) (i32.sub (local.get $ws) (i32.shl (local.get $Wo) (i32.const 3))) (i32.const 0)
            (i32.const 1) (i32.const 0) (i32.const 0))
          (local.set $u (i32.add (local.get $u) (i32.const 1)))
          (br_if $us (i32.lt_s (local.get $u) (local.get $K))))
        (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
        (br $chs))))

  ;; convfwd32: convfwd in float32 (gemm.Conv.Forward32): the filters w
  ;; (out×Rows) and the input with its zero border xpad (C planes of
  ;; Hp×Wp) are float32, y (out×Ho·Wo) is float64. Every output's sum
  ;; starts at float32(y), adds the float32 products in convfwd's order
  ;; and is stored widened. out is a multiple of 4 (the Go side sends
  ;; other counts to its twin).
  (func (export "convfwd32")
    (param $y i32) (param $w i32) (param $xpad i32) (param $out i32)
    (param $C i32) (param $K i32) (param $Hp i32) (param $Wp i32) (param $Ho i32) (param $Wo i32)
    (local $i i32) (local $o i32) (local $rs i32) (local $cs i32) (local $ws i32) (local $plane i32)
    (local.set $rs (i32.shl (i32.mul (local.get $C) (i32.mul (local.get $K) (local.get $K))) (i32.const 2)))
    (local.set $cs (i32.shl (i32.mul (local.get $Ho) (local.get $Wo)) (i32.const 3)))
    (local.set $ws (i32.shl (local.get $Wp) (i32.const 2)))
    (local.set $plane (i32.mul (local.get $Hp) (local.get $ws)))
    (block $done
      (loop $rowloop
        (br_if $done (i32.ge_s (local.get $i) (local.get $Ho)))
        (local.set $o (i32.const 0))
        (block $odone
          (loop $os
            (br_if $odone (i32.gt_s (i32.add (local.get $o) (i32.const 4)) (local.get $out)))
            (call $rows4s
              (i32.add (local.get $y) (i32.add (i32.mul (local.get $o) (local.get $cs))
                (i32.shl (i32.mul (local.get $i) (local.get $Wo)) (i32.const 3))))
              (i32.add (local.get $w) (i32.mul (local.get $o) (local.get $rs)))
              (i32.add (local.get $xpad) (i32.mul (local.get $i) (local.get $ws)))
              (local.get $Wo) (local.get $rs) (local.get $cs)
              (local.get $K) (i32.const 4) (i32.const 4)
              (local.get $K) (i32.const 0) (i32.sub (local.get $ws) (i32.shl (local.get $K) (i32.const 2)))
              (local.get $C) (i32.const 0) (i32.sub (local.get $plane) (i32.mul (local.get $K) (local.get $ws))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (br $os)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowloop))))

  ;; $rows4s: $rows4 in float32: four rows of C (float64, rows cs bytes
  ;; apart) starting at c, each element's sum started at its value
  ;; rounded to float32 and stored back widened; A's four rows (float32,
  ;; rs bytes apart) from a, B's rows (float32) walked by the nest from b.
  ;; Columns 8 at a time (two f32x4 a row), then 4, then 2 (the low lanes
  ;; of an 8-byte load), then 1.
  (func $rows4s
    (param $c i32) (param $a i32) (param $b i32) (param $n i32)
    (param $rs i32) (param $cs i32)
    (param $n1 i32) (param $sa1 i32) (param $sb1 i32) (param $n2 i32) (param $sa2 i32) (param $sb2 i32) (param $n3 i32) (param $sa3 i32) (param $sb3 i32)
    (local $j i32) (local $p i32) (local $q2 i32) (local $q3 i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $y0 v128) (local $y1 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $t0 f32) (local $t1 f32) (local $t2 f32) (local $t3 f32)
    ;; 8 columns at a time
    (block $done8
      (loop $cols8
        (br_if $done8 (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s00 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (local.get $pc))) (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $pc)))))
        (local.set $s01 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.const 32)))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (i32.const 32))))))
        (local.set $s10 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (local.get $cs)))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (local.get $cs))))))
        (local.set $s11 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (i32.add (local.get $pc) (local.get $cs)) (i32.const 32)))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (i32.add (local.get $pc) (local.get $cs)) (i32.const 32))))))
        (local.set $s20 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1)))))))
        (local.set $s21 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (i32.const 32)))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (i32.const 32))))))
        (local.set $s30 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3)))))))
        (local.set $s31 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (i32.const 32)))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (i32.const 32))))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $y0 (v128.load (local.get $pb)))
                (local.set $y1 (v128.load offset=16 (local.get $pb)))
                (local.set $x0 (f32x4.splat (f32.load (local.get $pa))))
                (local.set $x1 (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $rs)))))
                (local.set $x2 (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1))))))
                (local.set $x3 (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3))))))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x0) (local.get $y0))))
                (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x0) (local.get $y1))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x1) (local.get $y0))))
                (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x1) (local.get $y1))))
                (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x2) (local.get $y0))))
                (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x2) (local.get $y1))))
                (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x3) (local.get $y0))))
                (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x3) (local.get $y1))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (f64x2.promote_low_f32x4 (local.get $s00))) (v128.store offset=16 (local.get $pc) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s00) (local.get $s00))))
        (v128.store (i32.add (local.get $pc) (i32.const 32)) (f64x2.promote_low_f32x4 (local.get $s01))) (v128.store offset=16 (i32.add (local.get $pc) (i32.const 32)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s01) (local.get $s01))))
        (v128.store (i32.add (local.get $pc) (local.get $cs)) (f64x2.promote_low_f32x4 (local.get $s10))) (v128.store offset=16 (i32.add (local.get $pc) (local.get $cs)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s10) (local.get $s10))))
        (v128.store (i32.add (i32.add (local.get $pc) (local.get $cs)) (i32.const 32)) (f64x2.promote_low_f32x4 (local.get $s11))) (v128.store offset=16 (i32.add (i32.add (local.get $pc) (local.get $cs)) (i32.const 32)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s11) (local.get $s11))))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (f64x2.promote_low_f32x4 (local.get $s20))) (v128.store offset=16 (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s20) (local.get $s20))))
        (v128.store (i32.add (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (i32.const 32)) (f64x2.promote_low_f32x4 (local.get $s21))) (v128.store offset=16 (i32.add (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (i32.const 32)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s21) (local.get $s21))))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (f64x2.promote_low_f32x4 (local.get $s30))) (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s30) (local.get $s30))))
        (v128.store (i32.add (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (i32.const 32)) (f64x2.promote_low_f32x4 (local.get $s31))) (v128.store offset=16 (i32.add (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (i32.const 32)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s31) (local.get $s31))))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $cols8)))
    ;; 4 columns
    (if (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s00 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (local.get $pc))) (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $pc)))))
        (local.set $s10 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (local.get $cs)))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (local.get $cs))))))
        (local.set $s20 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1)))))))
        (local.set $s30 (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))))) (f32x4.demote_f64x2_zero (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3)))))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $y0 (v128.load (local.get $pb)))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (f32x4.splat (f32.load (local.get $pa))) (local.get $y0))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $rs)))) (local.get $y0))))
                (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1))))) (local.get $y0))))
                (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3))))) (local.get $y0))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (f64x2.promote_low_f32x4 (local.get $s00))) (v128.store offset=16 (local.get $pc) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s00) (local.get $s00))))
        (v128.store (i32.add (local.get $pc) (local.get $cs)) (f64x2.promote_low_f32x4 (local.get $s10))) (v128.store offset=16 (i32.add (local.get $pc) (local.get $cs)) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s10) (local.get $s10))))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (f64x2.promote_low_f32x4 (local.get $s20))) (v128.store offset=16 (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s20) (local.get $s20))))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (f64x2.promote_low_f32x4 (local.get $s30))) (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s30) (local.get $s30))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))))
    ;; 2 columns, in the low lanes
    (if (i32.le_s (i32.add (local.get $j) (i32.const 2)) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s00 (f32x4.demote_f64x2_zero (v128.load (local.get $pc))))
        (local.set $s10 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (local.get $cs)))))
        (local.set $s20 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))))))
        (local.set $s30 (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $y0 (v128.load64_zero (local.get $pb)))
                (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (f32x4.splat (f32.load (local.get $pa))) (local.get $y0))))
                (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $rs)))) (local.get $y0))))
                (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1))))) (local.get $y0))))
                (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3))))) (local.get $y0))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (f64x2.promote_low_f32x4 (local.get $s00)))
        (v128.store (i32.add (local.get $pc) (local.get $cs)) (f64x2.promote_low_f32x4 (local.get $s10)))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (f64x2.promote_low_f32x4 (local.get $s20)))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (f64x2.promote_low_f32x4 (local.get $s30)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    ;; the last column
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $t0 (f32.demote_f64 (f64.load (local.get $pc))))
        (local.set $t1 (f32.demote_f64 (f64.load (i32.add (local.get $pc) (local.get $cs)))))
        (local.set $t2 (f32.demote_f64 (f64.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))))))
        (local.set $t3 (f32.demote_f64 (f64.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $t0 (f32.add (local.get $t0) (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
                (local.set $t1 (f32.add (local.get $t1) (f32.mul (f32.load (i32.add (local.get $pa) (local.get $rs))) (f32.load (local.get $pb)))))
                (local.set $t2 (f32.add (local.get $t2) (f32.mul (f32.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1)))) (f32.load (local.get $pb)))))
                (local.set $t3 (f32.add (local.get $t3) (f32.mul (f32.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3)))) (f32.load (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (f64.store (local.get $pc) (f64.promote_f32 (local.get $t0)))
        (f64.store (i32.add (local.get $pc) (local.get $cs)) (f64.promote_f32 (local.get $t1)))
        (f64.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (f64.promote_f32 (local.get $t2)))
        (f64.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (f64.promote_f32 (local.get $t3))))))

  ;; $gemm: C (m×n, rows cs bytes apart) += A·B, A(i,p) at a + i·rs +
  ;; offA(p) and B's row p at b + offB(p), where both offsets walk one
  ;; loop nest: n1 steps of sa1 and sb1 bytes, then sa2 and sb2 bytes on,
  ;; n2 times, then sa3 and sb3 bytes on, n3 times (k = n1·n2·n3 ≥ 1 in
  ;; all). A plain GEMM has one level; a convolution's rows are the nest.
  (func $gemm
    (param $c i32) (param $a i32) (param $b i32) (param $m i32) (param $n i32)
    (param $rs i32) (param $cs i32)
    (param $n1 i32) (param $sa1 i32) (param $sb1 i32) (param $n2 i32) (param $sa2 i32) (param $sb2 i32) (param $n3 i32) (param $sa3 i32) (param $sb3 i32)
    (local $i i32)
    (block $rows4done
      (loop $rows4
        (br_if $rows4done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
        (call $rows4
          (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cs)))
          (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs)))
          (local.get $b) (local.get $n) (local.get $rs) (local.get $cs)
          (local.get $n1) (local.get $sa1) (local.get $sb1) (local.get $n2) (local.get $sa2) (local.get $sb2) (local.get $n3) (local.get $sa3) (local.get $sb3))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows4)))
    (block $rows1done
      (loop $rows1
        (br_if $rows1done (i32.ge_s (local.get $i) (local.get $m)))
        (call $row1
          (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $cs)))
          (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rs)))
          (local.get $b) (local.get $n) (local.get $cs)
          (local.get $n1) (local.get $sa1) (local.get $sb1) (local.get $n2) (local.get $sa2) (local.get $sb2) (local.get $n3) (local.get $sa3) (local.get $sb3))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows1))))

  ;; $rows4: four rows of C starting at c (rows cs bytes apart), from the
  ;; four rows of A starting at a (rs bytes apart, ps bytes per step of p)
  ;; and the rows of B that $gemm's loop nest (n1, s1, n2, s2, n3, s3)
  ;; walks from b.
  (func $rows4
    (param $c i32) (param $a i32) (param $b i32) (param $n i32)
    (param $rs i32) (param $cs i32)
    (param $n1 i32) (param $sa1 i32) (param $sb1 i32) (param $n2 i32) (param $sa2 i32) (param $sb2 i32) (param $n3 i32) (param $sa3 i32) (param $sb3 i32)
    (local $j i32) (local $p i32) (local $q2 i32) (local $q3 i32) (local $pa i32) (local $pb i32) (local $pc i32)
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
        (local.set $s10 (v128.load (i32.add (local.get $pc) (local.get $cs))))
        (local.set $s11 (v128.load offset=16 (i32.add (local.get $pc) (local.get $cs))))
        (local.set $s20 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1)))))
        (local.set $s21 (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1)))))
        (local.set $s30 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3)))))
        (local.set $s31 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3)))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
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
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (local.get $s00))
        (v128.store offset=16 (local.get $pc) (local.get $s01))
        (v128.store (i32.add (local.get $pc) (local.get $cs)) (local.get $s10))
        (v128.store offset=16 (i32.add (local.get $pc) (local.get $cs)) (local.get $s11))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (local.get $s20))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (local.get $s21))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (local.get $s30))
        (v128.store offset=16 (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (local.get $s31))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols4)))
    ;; 2 columns
    (if (i32.le_s (i32.add (local.get $j) (i32.const 2)) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $s00 (v128.load (local.get $pc)))
        (local.set $s10 (v128.load (i32.add (local.get $pc) (local.get $cs))))
        (local.set $s20 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1)))))
        (local.set $s30 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3)))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $y0 (v128.load (local.get $pb)))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul
                  (f64x2.splat (f64.load (local.get $pa))) (local.get $y0))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul
                  (f64x2.splat (f64.load (i32.add (local.get $pa) (local.get $rs)))) (local.get $y0))))
                (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul
                  (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1))))) (local.get $y0))))
                (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul
                  (f64x2.splat (f64.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3))))) (local.get $y0))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (local.get $s00))
        (v128.store (i32.add (local.get $pc) (local.get $cs)) (local.get $s10))
        (v128.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (local.get $s20))
        (v128.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (local.get $s30))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    ;; the last column
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $t0 (f64.load (local.get $pc)))
        (local.set $t1 (f64.load (i32.add (local.get $pc) (local.get $cs))))
        (local.set $t2 (f64.load (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1)))))
        (local.set $t3 (f64.load (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3)))))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $t0 (f64.add (local.get $t0) (f64.mul
                  (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
                (local.set $t1 (f64.add (local.get $t1) (f64.mul
                  (f64.load (i32.add (local.get $pa) (local.get $rs))) (f64.load (local.get $pb)))))
                (local.set $t2 (f64.add (local.get $t2) (f64.mul
                  (f64.load (i32.add (local.get $pa) (i32.shl (local.get $rs) (i32.const 1)))) (f64.load (local.get $pb)))))
                (local.set $t3 (f64.add (local.get $t3) (f64.mul
                  (f64.load (i32.add (local.get $pa) (i32.mul (local.get $rs) (i32.const 3)))) (f64.load (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (f64.store (local.get $pc) (local.get $t0))
        (f64.store (i32.add (local.get $pc) (local.get $cs)) (local.get $t1))
        (f64.store (i32.add (local.get $pc) (i32.shl (local.get $cs) (i32.const 1))) (local.get $t2))
        (f64.store (i32.add (local.get $pc) (i32.mul (local.get $cs) (i32.const 3))) (local.get $t3)))))

  ;; $row1: one row of C at c from the row of A at a (ps bytes per step of
  ;; p), B walked as in $rows4.
  (func $row1
    (param $c i32) (param $a i32) (param $b i32) (param $n i32)
    (param $cs i32)
    (param $n1 i32) (param $sa1 i32) (param $sb1 i32) (param $n2 i32) (param $sa2 i32) (param $sb2 i32) (param $n3 i32) (param $sa3 i32) (param $sb3 i32)
    (local $j i32) (local $p i32) (local $q2 i32) (local $q3 i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (local $x v128) (local $u0 v128) (local $u1 v128) (local $t f64)
    (local.set $j (i32.const 0))
    (block $done4
      (loop $cols4
        (br_if $done4 (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $u0 (v128.load (local.get $pc)))
        (local.set $u1 (v128.load offset=16 (local.get $pc)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $x (f64x2.splat (f64.load (local.get $pa))))
                (local.set $u0 (f64x2.add (local.get $u0) (f64x2.mul (local.get $x) (v128.load (local.get $pb)))))
                (local.set $u1 (f64x2.add (local.get $u1) (f64x2.mul (local.get $x) (v128.load offset=16 (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (local.get $u0))
        (v128.store offset=16 (local.get $pc) (local.get $u1))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols4)))
    (if (i32.le_s (i32.add (local.get $j) (i32.const 2)) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $u0 (v128.load (local.get $pc)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $u0 (f64x2.add (local.get $u0) (f64x2.mul
                  (f64x2.splat (f64.load (local.get $pa))) (v128.load (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (v128.store (local.get $pc) (local.get $u0))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $t (f64.load (local.get $pc)))
        (local.set $pa (local.get $a))
        (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $q3 (local.get $n3))
        (loop $l3
          (local.set $q2 (local.get $n2))
          (loop $l2
            (local.set $p (local.get $n1))
            (loop $l1
                (local.set $t (f64.add (local.get $t) (f64.mul
                  (f64.load (local.get $pa)) (f64.load (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sa1)))
                (local.set $pb (i32.add (local.get $pb) (local.get $sb1)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br_if $l1 (local.get $p)))
            (local.set $pa (i32.add (local.get $pa) (local.get $sa2)))
            (local.set $pb (i32.add (local.get $pb) (local.get $sb2)))
            (local.set $q2 (i32.sub (local.get $q2) (i32.const 1)))
            (br_if $l2 (local.get $q2)))
          (local.set $pa (i32.add (local.get $pa) (local.get $sa3)))
          (local.set $pb (i32.add (local.get $pb) (local.get $sb3)))
          (local.set $q3 (i32.sub (local.get $q3) (i32.const 1)))
          (br_if $l3 (local.get $q3)))
        (f64.store (local.get $pc) (local.get $t)))))
  ;; $zero stores n zeros from address d.
  (func $zero (param $d i32) (param $n i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (v128.store (local.get $d) (v128.const i64x2 0 0))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $pairs)))
    (if (local.get $n) (then (f64.store (local.get $d) (f64.const 0)))))

  ;; $copy copies n float64 values from s to d (no overlap).
  (func $copy (param $d i32) (param $s i32) (param $n i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (v128.store (local.get $d) (v128.load (local.get $s)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $pairs)))
    (if (local.get $n) (then (f64.store (local.get $d) (f64.load (local.get $s))))))

  ;; $addto adds n float64 values at s to those at d, elementwise.
  (func $addto (param $d i32) (param $s i32) (param $n i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (v128.store (local.get $d) (f64x2.add (v128.load (local.get $d)) (v128.load (local.get $s))))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $pairs)))
    (if (local.get $n)
      (then (f64.store (local.get $d) (f64.add (f64.load (local.get $d)) (f64.load (local.get $s)))))))

  ;; $lower walks the column matrix line by line, in gemm.Conv's order
  ;; (channel, kernel row u, kernel column v, output row i), pairing each
  ;; line of Wo values at address line with the input run it reads: the
  ;; output columns [lo, hi) from the input row yy starting at column
  ;; lo-pad+v. With add = 0 it is im2col (zero head, copied run, zero
  ;; tail; all zeros where yy is outside); with add = 1 it is col2im (the
  ;; run added into the input, nothing else).
  (func $lower (param $col i32) (param $x i32)
    (param $C i32) (param $H i32) (param $W i32) (param $K i32) (param $pad i32)
    (param $Ho i32) (param $Wo i32) (param $add i32)
    (local $ch i32) (local $u i32) (local $v i32) (local $i i32) (local $yy i32)
    (local $lo i32) (local $hi i32) (local $plane i32) (local $line i32) (local $src i32)
    (local.set $line (local.get $col))
    (local.set $plane (local.get $x))
    (local.set $ch (i32.const 0))
    (loop $chs
      (local.set $u (i32.const 0))
      (loop $us
        (local.set $v (i32.const 0))
        (loop $vs
          ;; lo = clamp(pad-v, 0, hi), hi = clamp(W+pad-v, 0, Wo)
          (local.set $hi (i32.sub (i32.add (local.get $W) (local.get $pad)) (local.get $v)))
          (if (i32.gt_s (local.get $hi) (local.get $Wo)) (then (local.set $hi (local.get $Wo))))
          (if (i32.lt_s (local.get $hi) (i32.const 0)) (then (local.set $hi (i32.const 0))))
          (local.set $lo (i32.sub (local.get $pad) (local.get $v)))
          (if (i32.lt_s (local.get $lo) (i32.const 0)) (then (local.set $lo (i32.const 0))))
          (if (i32.gt_s (local.get $lo) (local.get $hi)) (then (local.set $lo (local.get $hi))))
          (local.set $i (i32.const 0))
          (loop $is
            (local.set $yy (i32.add (i32.sub (local.get $i) (local.get $pad)) (local.get $u)))
            (if (i32.or (i32.or (i32.lt_s (local.get $yy) (i32.const 0)) (i32.ge_s (local.get $yy) (local.get $H)))
                        (i32.ge_s (local.get $lo) (local.get $hi)))
              (then
                (if (i32.eqz (local.get $add)) (then (call $zero (local.get $line) (local.get $Wo)))))
              (else
                ;; src = plane + 8*(yy*W + lo - pad + v)
                (local.set $src (i32.add (local.get $plane) (i32.shl
                  (i32.add (i32.mul (local.get $yy) (local.get $W))
                    (i32.add (i32.sub (local.get $lo) (local.get $pad)) (local.get $v)))
                  (i32.const 3))))
                (if (local.get $add)
                  (then
                    (call $addto (local.get $src)
                      (i32.add (local.get $line) (i32.shl (local.get $lo) (i32.const 3)))
                      (i32.sub (local.get $hi) (local.get $lo))))
                  (else
                    (call $zero (local.get $line) (local.get $lo))
                    (call $copy (i32.add (local.get $line) (i32.shl (local.get $lo) (i32.const 3)))
                      (local.get $src) (i32.sub (local.get $hi) (local.get $lo)))
                    (call $zero (i32.add (local.get $line) (i32.shl (local.get $hi) (i32.const 3)))
                      (i32.sub (local.get $Wo) (local.get $hi)))))))
            (local.set $line (i32.add (local.get $line) (i32.shl (local.get $Wo) (i32.const 3))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $is (i32.lt_s (local.get $i) (local.get $Ho))))
          (local.set $v (i32.add (local.get $v) (i32.const 1)))
          (br_if $vs (i32.lt_s (local.get $v) (local.get $K))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br_if $us (i32.lt_s (local.get $u) (local.get $K))))
      (local.set $plane (i32.add (local.get $plane) (i32.shl (i32.mul (local.get $H) (local.get $W)) (i32.const 3))))
      (local.set $ch (i32.add (local.get $ch) (i32.const 1)))
      (br_if $chs (i32.lt_s (local.get $ch) (local.get $C)))))

  (func (export "im2col") (param $col i32) (param $x i32)
    (param $C i32) (param $H i32) (param $W i32) (param $K i32) (param $pad i32)
    (param $Ho i32) (param $Wo i32)
    (call $lower (local.get $col) (local.get $x) (local.get $C) (local.get $H) (local.get $W)
      (local.get $K) (local.get $pad) (local.get $Ho) (local.get $Wo) (i32.const 0)))

  (func (export "col2im") (param $dx i32) (param $dcol i32)
    (param $C i32) (param $H i32) (param $W i32) (param $K i32) (param $pad i32)
    (param $Ho i32) (param $Wo i32)
    (call $lower (local.get $dcol) (local.get $dx) (local.get $C) (local.get $H) (local.get $W)
      (local.get $K) (local.get $pad) (local.get $Ho) (local.get $Wo) (i32.const 1)))
;; relu: y[i] = x[i] <= 0 ? +0 : x[i], pairs then the odd one.
  (func (export "relu") (param $y i32) (param $x i32) (param $n i32)
    (local $v v128) (local $s f64)
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $y)
          (v128.andnot (local.get $v) (f64x2.le (local.get $v) (v128.const f64x2 0 0))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $pairs)))
    (if (local.get $n)
      (then
        (local.set $s (f64.load (local.get $x)))
        (f64.store (local.get $y)
          (select (f64.const 0) (local.get $s) (f64.le (local.get $s) (f64.const 0)))))))

  ;; relugrad: dx[i] = y[i] > 0 ? dy[i] : +0, pairs then the odd one.
  (func (export "relugrad") (param $dx i32) (param $dy i32) (param $y i32) (param $n i32)
    (block $done
      (loop $pairs
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (v128.store (local.get $dx)
          (v128.and (v128.load (local.get $dy))
            (f64x2.gt (v128.load (local.get $y)) (v128.const f64x2 0 0))))
        (local.set $dx (i32.add (local.get $dx) (i32.const 16)))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $pairs)))
    (if (local.get $n)
      (then
        (f64.store (local.get $dx)
          (select (f64.load (local.get $dy)) (f64.const 0)
            (f64.gt (f64.load (local.get $y)) (f64.const 0)))))))
;; maxpool2: y = the maximum of each 2×2 window, two windows a step.
  (func (export "maxpool2") (param $y i32) (param $x i32) (param $planes i32) (param $H i32) (param $W i32)
    (local $wo i32) (local $rows i32) (local $rowbytes i32) (local $j i32)
    (local $r0 i32) (local $r1 i32) (local $u v128) (local $v v128) (local $bv v128) (local $s f64)
    (local.set $wo (i32.shr_u (local.get $W) (i32.const 1)))
    (local.set $rowbytes (i32.shl (local.get $W) (i32.const 3)))
    ;; planes·(H/2) output rows; with H odd a plane's last input row is skipped.
    (local.set $rows (i32.mul (local.get $planes) (i32.shr_u (local.get $H) (i32.const 1))))
    (local.set $r0 (local.get $x))
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $r1 (i32.add (local.get $r0) (local.get $rowbytes)))
        (local.set $j (local.get $wo))
        (block $pairsdone
          (loop $pairs
            (br_if $pairsdone (i32.lt_u (local.get $j) (i32.const 2)))
            (local.set $u (v128.load (local.get $r0)))
            (local.set $v (v128.load offset=16 (local.get $r0)))
            (local.set $bv (f64x2.pmax
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v))))
            (local.set $u (v128.load (local.get $r1)))
            (local.set $v (v128.load offset=16 (local.get $r1)))
            (local.set $bv (f64x2.pmax (local.get $bv)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v))))
            (v128.store (local.get $y) (f64x2.pmax (local.get $bv)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v))))
            (local.set $y (i32.add (local.get $y) (i32.const 16)))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
            (local.set $r1 (i32.add (local.get $r1) (i32.const 32)))
            (local.set $j (i32.sub (local.get $j) (i32.const 2)))
            (br $pairs)))
        (if (local.get $j)
          (then
            (local.set $s (f64.load (local.get $r0)))
            (local.set $s (call $maxf (local.get $s) (f64.load offset=8 (local.get $r0))))
            (local.set $s (call $maxf (local.get $s) (f64.load (local.get $r1))))
            (f64.store (local.get $y) (call $maxf (local.get $s) (f64.load offset=8 (local.get $r1))))
            (local.set $y (i32.add (local.get $y) (i32.const 8)))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))))
        ;; r0 is 2·wo columns into its row: on to the next pair of rows,
        ;; and past a plane's odd last row after its last pair.
        (local.set $r0 (i32.add (local.get $r0)
          (i32.sub (i32.shl (local.get $rowbytes) (i32.const 1)) (i32.shl (local.get $wo) (i32.const 4)))))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (if (i32.and (local.get $H) (i32.const 1))
          (then
            (if (i32.eqz (i32.rem_u (local.get $rows) (i32.shr_u (local.get $H) (i32.const 1))))
              (then (local.set $r0 (i32.add (local.get $r0) (local.get $rowbytes)))))))
        (br $row))))

  ;; $maxf: b > a ? b : a, pool2Go's step for one window.
  (func $maxf (param $a f64) (param $b f64) (result f64)
    (select (local.get $b) (local.get $a) (f64.gt (local.get $b) (local.get $a))))

  ;; maxpool2grad: dy to each window's winner, +0 to the rest.
  (func (export "maxpool2grad") (param $dx i32) (param $dy i32) (param $x i32)
    (param $planes i32) (param $H i32) (param $W i32)
    (local $wo i32) (local $rows i32) (local $rowbytes i32) (local $j i32) (local $delta i32)
    (local $r0 i32) (local $r1 i32) (local $u v128) (local $v v128)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128) (local $bv v128)
    (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $g v128) (local $p i32) (local $q i32)
    (local $sa f64) (local $sb f64) (local $sc f64) (local $sd f64) (local $sv f64) (local $sg f64)
    (local $k1 i32) (local $k2 i32) (local $k3 i32)
    (local.set $wo (i32.shr_u (local.get $W) (i32.const 1)))
    (local.set $rowbytes (i32.shl (local.get $W) (i32.const 3)))
    (local.set $rows (i32.mul (local.get $planes) (i32.shr_u (local.get $H) (i32.const 1))))
    (local.set $delta (i32.sub (local.get $dx) (local.get $x)))
    (local.set $r0 (local.get $x))
    (block $done
      (loop $row
        (br_if $done (i32.eqz (local.get $rows)))
        (local.set $r1 (i32.add (local.get $r0) (local.get $rowbytes)))
        (local.set $j (local.get $wo))
        (block $pairsdone
          (loop $pairs
            (br_if $pairsdone (i32.lt_u (local.get $j) (i32.const 2)))
            (local.set $u (v128.load (local.get $r0)))
            (local.set $v (v128.load offset=16 (local.get $r0)))
            (local.set $a (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v)))
            (local.set $b (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v)))
            (local.set $u (v128.load (local.get $r1)))
            (local.set $v (v128.load offset=16 (local.get $r1)))
            (local.set $c (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u) (local.get $v)))
            (local.set $d (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u) (local.get $v)))
            (local.set $w1 (f64x2.gt (local.get $b) (local.get $a)))
            (local.set $bv (v128.bitselect (local.get $b) (local.get $a) (local.get $w1)))
            (local.set $w2 (f64x2.gt (local.get $c) (local.get $bv)))
            (local.set $bv (v128.bitselect (local.get $c) (local.get $bv) (local.get $w2)))
            (local.set $w3 (f64x2.gt (local.get $d) (local.get $bv)))
            (local.set $g (v128.load (local.get $dy)))
            ;; the winner's mask keeps dy's bits; the other masks give +0
            (local.set $a (v128.andnot (local.get $g)
              (v128.or (local.get $w1) (v128.or (local.get $w2) (local.get $w3)))))
            (local.set $b (v128.andnot (v128.andnot (v128.and (local.get $g) (local.get $w1)) (local.get $w2)) (local.get $w3)))
            (local.set $c (v128.andnot (v128.and (local.get $g) (local.get $w2)) (local.get $w3)))
            (local.set $d (v128.and (local.get $g) (local.get $w3)))
            (local.set $p (i32.add (local.get $r0) (local.get $delta)))
            (local.set $q (i32.add (local.get $r1) (local.get $delta)))
            (v128.store (local.get $p) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
            (v128.store offset=16 (local.get $p) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b)))
            (v128.store (local.get $q) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c) (local.get $d)))
            (v128.store offset=16 (local.get $q) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c) (local.get $d)))
            (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 32)))
            (local.set $r1 (i32.add (local.get $r1) (i32.const 32)))
            (local.set $j (i32.sub (local.get $j) (i32.const 2)))
            (br $pairs)))
        (if (local.get $j)
          (then
            (local.set $sa (f64.load (local.get $r0)))
            (local.set $sb (f64.load offset=8 (local.get $r0)))
            (local.set $sc (f64.load (local.get $r1)))
            (local.set $sd (f64.load offset=8 (local.get $r1)))
            (local.set $k1 (f64.gt (local.get $sb) (local.get $sa)))
            (local.set $sv (select (local.get $sb) (local.get $sa) (local.get $k1)))
            (local.set $k2 (f64.gt (local.get $sc) (local.get $sv)))
            (local.set $sv (select (local.get $sc) (local.get $sv) (local.get $k2)))
            (local.set $k3 (f64.gt (local.get $sd) (local.get $sv)))
            (local.set $sg (f64.load (local.get $dy)))
            (f64.store (i32.add (local.get $r0) (local.get $delta))
              (select (local.get $sg) (f64.const 0)
                (i32.eqz (i32.or (local.get $k1) (i32.or (local.get $k2) (local.get $k3))))))
            (f64.store offset=8 (i32.add (local.get $r0) (local.get $delta))
              (select (local.get $sg) (f64.const 0)
                (i32.and (local.get $k1) (i32.eqz (i32.or (local.get $k2) (local.get $k3))))))
            (f64.store (i32.add (local.get $r1) (local.get $delta))
              (select (local.get $sg) (f64.const 0)
                (i32.and (local.get $k2) (i32.eqz (local.get $k3)))))
            (f64.store offset=8 (i32.add (local.get $r1) (local.get $delta))
              (select (local.get $sg) (f64.const 0) (local.get $k3)))
            (local.set $dy (i32.add (local.get $dy) (i32.const 8)))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 16)))))
        (local.set $r0 (i32.add (local.get $r0)
          (i32.sub (i32.shl (local.get $rowbytes) (i32.const 1)) (i32.shl (local.get $wo) (i32.const 4)))))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (if (i32.and (local.get $H) (i32.const 1))
          (then
            (if (i32.eqz (i32.rem_u (local.get $rows) (i32.shr_u (local.get $H) (i32.const 1))))
              (then (local.set $r0 (i32.add (local.get $r0) (local.get $rowbytes)))))))
        (br $row))))
)
