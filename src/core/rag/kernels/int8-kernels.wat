;; The int8 vector index's scan kernels (src/core/rag/int8-vector-index.ts). Compiled by
;; scripts/build-int8-kernels.ts into int8-kernels-wasm.ts; edit this file, then run that script.
;; Memory is the caller's (imported); every pointer is a byte offset the caller laid out.
(module
  (memory (import "env" "memory") 1)

  ;; Hamming distance between the query's sign bits and each of `count` codes of `words`
  ;; u64s, stored as u16 at out[i]; hist[d] (u32) counts the codes at distance d.
  (func (export "hamming")
    (param $bits i32) (param $count i32) (param $words i32) (param $query i32)
    (param $out i32) (param $hist i32)
    (local $i i32) (local $w i32) (local $d i64) (local $p i32) (local $h i32)
    (if (i32.eqz (local.get $count)) (then (return)))
    (local.set $p (local.get $bits))
    (loop $codes
      (local.set $d (i64.const 0))
      (local.set $w (i32.const 0))
      (loop $word
        (local.set $d
          (i64.add (local.get $d)
            (i64.popcnt
              (i64.xor
                (i64.load (i32.add (local.get $p) (i32.shl (local.get $w) (i32.const 3))))
                (i64.load (i32.add (local.get $query) (i32.shl (local.get $w) (i32.const 3))))))))
        (local.set $w (i32.add (local.get $w) (i32.const 1)))
        (br_if $word (i32.lt_u (local.get $w) (local.get $words))))
      (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1)))
        (i32.wrap_i64 (local.get $d)))
      (local.set $h
        (i32.add (local.get $hist) (i32.shl (i32.wrap_i64 (local.get $d)) (i32.const 2))))
      (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.shl (local.get $words) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $codes (i32.lt_u (local.get $i) (local.get $count)))))

  ;; Writes (as u32) the indexes i whose u16 distance dist[i] <= limit, at most `max` of
  ;; them, in order; returns how many.
  (func (export "collect")
    (param $dist i32) (param $count i32) (param $limit i32) (param $out i32) (param $max i32)
    (result i32)
    (local $i i32) (local $n i32)
    (if (i32.or (i32.eqz (local.get $count)) (i32.eqz (local.get $max)))
      (then (return (i32.const 0))))
    (loop $scan
      (if (i32.le_u
            (i32.load16_u (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 1))))
            (local.get $limit))
        (then
          (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2)))
            (local.get $i))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (if (i32.eq (local.get $n) (local.get $max)) (then (return (local.get $n))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $scan (i32.lt_u (local.get $i) (local.get $count))))
    (local.get $n))

  ;; For each of `n` slots (the u32 list at cands, or 0..n-1 when cands is 0): the integer
  ;; dot product of its int8 code (`blocks` × 16 bytes at codes + slot × stride) with the
  ;; i16 query (blocks × 32 bytes), stored as i32 at out[j].
  (func (export "dots")
    (param $codes i32) (param $stride i32) (param $query i32) (param $blocks i32)
    (param $cands i32) (param $n i32) (param $out i32)
    (local $j i32) (local $b i32) (local $p i32) (local $q i32) (local $slot i32)
    (local $v v128) (local $acc v128)
    (if (i32.or (i32.eqz (local.get $n)) (i32.eqz (local.get $blocks))) (then (return)))
    (loop $each
      (local.set $slot
        (if (result i32) (local.get $cands)
          (then (i32.load (i32.add (local.get $cands) (i32.shl (local.get $j) (i32.const 2)))))
          (else (local.get $j))))
      (local.set $p (i32.add (local.get $codes) (i32.mul (local.get $slot) (local.get $stride))))
      (local.set $q (local.get $query))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $b (i32.const 0))
      (loop $block
        (local.set $v (v128.load (local.get $p)))
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v))
              (v128.load (local.get $q)))))
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v))
              (v128.load offset=16 (local.get $q)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $block (i32.lt_u (local.get $b) (local.get $blocks))))
      (i32.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2)))
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
          (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $j) (local.get $n)))))
)
