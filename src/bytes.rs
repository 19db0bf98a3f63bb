//! Equality of short byte strings compared in place. `==` on slices calls `memcmp`, which in the
//! wasm is a byte loop behind a call; these are that loop without the call, measured faster on
//! settle's hot paths (object keys, expression inputs, the tape's string cache).

/// Whether `a` and `b` are equal, byte by byte (keys and names of a few bytes).
pub fn equal(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Whether `a` and `b` are equal, eight bytes at a time (strings of tens of bytes; for keys of a
/// few bytes this was slower than [`equal`]).
pub fn equal_words(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |w: &[u8]| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    (&mut x).zip(&mut y).all(|(p, q)| word(p) == word(q))
        && x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_agree_with_slice_equality() {
        let texts: [&[u8]; 7] = [
            b"",
            b"p",
            b"s0",
            b"unit_price",
            b"7500.00",
            b"2026-03-05 x",
            b"2026-03-05 y",
        ];
        let long = [b'x'; 40];
        let mut other = long;
        other[39] = b'y';
        for a in texts.iter().copied().chain([&long[..], &other[..]]) {
            for b in texts.iter().copied().chain([&long[..], &other[..]]) {
                assert_eq!(equal(a, b), a == b, "{a:?} {b:?}");
                assert_eq!(equal_words(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
