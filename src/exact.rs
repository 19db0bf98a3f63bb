//! Exact decimal arithmetic. rust_decimal keeps at most 28 decimals and 96 bits of mantissa and
//! silently rounds a product or sum that needs more; money must never be rounded that way. These
//! return `None` instead (the caller reports `overflow`), except when the extra digits are
//! trailing zeros, which are dropped exactly.

use rust_decimal::Decimal;

/// Powers of ten that fit an `i64`: `POW10[k]` = 10^k.
pub const POW10: [i64; 19] = {
    let mut p = [1i64; 19];
    let mut i = 1;
    while i < 19 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// `x × y` in 64 bits, or `None`. WASM has no overflow-checked 64-bit multiply (LLVM calls the
/// 128-bit `__multi3` for `checked_mul`), so factors below 2^31, whose product always fits, take
/// a plain multiply.
#[inline]
pub fn mul64(x: i64, y: i64) -> Option<i64> {
    if x.unsigned_abs() < 1 << 31 && y.unsigned_abs() < 1 << 31 {
        Some(x * y)
    } else {
        x.checked_mul(y)
    }
}

/// `a × b`, exactly, or `None`. The common case (both mantissas and the product fit 64 bits)
/// is inlined into the callers; the rest lives in [`mul_wide`].
#[inline(always)]
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale() + b.scale();
    if let (Ok(x), Ok(y)) = (i64::try_from(a.mantissa()), i64::try_from(b.mantissa())) {
        // In 64-bit integers (128-bit multiplication is a library call in WASM).
        if let Some(p) = mul64(x, y).filter(|_| scale <= 28) {
            return Some(Decimal::new(p, scale));
        }
    }
    mul_wide(a, b)
}

/// [`mul`] when the product does not fit 64 bits.
#[inline(never)]
fn mul_wide(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale() + b.scale();
    let (Ok(x), Ok(y)) = (i64::try_from(a.mantissa()), i64::try_from(b.mantissa())) else {
        // Wide mantissas: rust_decimal's product, accepted only when it kept every digit.
        let r = rounding::mul(a, b)?;
        return (r.scale() == scale).then_some(r);
    };
    // Both mantissas fit 64 bits, so their product fits 128: exact; trailing zeros beyond 28
    // decimals are dropped (exactly); anything else that does not fit is refused.
    let mut p = i128::from(x) * i128::from(y);
    let mut scale = scale;
    while scale > 28 && p % 10 == 0 {
        p /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(p, scale).ok()
}

/// `a + b`, exactly, or `None`. The common case (both fit 64 bits aligned to the larger scale)
/// is inlined into the callers; the rest lives in [`add_wide`].
#[inline(always)]
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    let narrow = |d: Decimal| {
        i64::try_from(d.mantissa())
            .ok()
            .zip(POW10.get((scale - d.scale()) as usize))
            .and_then(|(m, p)| mul64(m, *p))
    };
    match narrow(a).zip(narrow(b)).and_then(|(x, y)| x.checked_add(y)) {
        Some(sum) => Some(Decimal::new(sum, scale)),
        None => add_wide(a, b),
    }
}

/// [`add`] when the sum does not fit 64 bits.
#[inline(never)]
fn add_wide(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    // In 128-bit integers: exact whenever it fits.
    let aligned = |d: Decimal| {
        d.mantissa()
            .checked_mul(10i128.checked_pow(scale - d.scale())?)
    };
    if let (Some(x), Some(y)) = (aligned(a), aligned(b)) {
        return Decimal::try_from_i128_with_scale(x.checked_add(y)?, scale).ok();
    }
    // Wider than 128 bits: rust_decimal's sum, accepted only when it kept every digit.
    let r = rounding::add(a, b)?;
    (r.scale() == scale).then_some(r)
}

/// `a − b`, exactly, or `None`.
pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    add(a, -b)
}

/// The sum of `items`, exactly, or `None`.
pub fn sum(items: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    items.into_iter().try_fold(Decimal::ZERO, add)
}

/// rust_decimal's own checked arithmetic (which rounds to 28 significant digits), one
/// out-of-line copy each: rust_decimal marks `checked_add`, `checked_sub` and `checked_mul`
/// `#[inline(always)]`, which put 1.5-2 KB of WASM at every call site. For code off settle's hot
/// path (solve, compare, and the wide fallbacks above).
pub mod rounding {
    use rust_decimal::Decimal;

    /// `a.checked_add(b)`.
    #[inline(never)]
    pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
        a.checked_add(b)
    }

    /// `a.checked_sub(b)`.
    #[inline(never)]
    pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
        a.checked_sub(b)
    }

    /// `a - b`: [`sub`], panicking on overflow as `a - b` does.
    pub fn minus(a: Decimal, b: Decimal) -> Decimal {
        sub(a, b).expect("Subtraction overflowed")
    }

    /// `a.checked_mul(b)`.
    #[inline(never)]
    pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
        a.checked_mul(b)
    }

    /// `a.checked_div(b)` (rust_decimal's division is out of line already; this is for uniform
    /// call sites).
    #[inline(never)]
    pub fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
        a.checked_div(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn exact_or_none() {
        assert_eq!(mul(d("2.50"), d("3000")), Some(d("7500.00")));
        // 76504104.96 × 0.8260737098753452301025390625 = 63198029.805 exactly (scale 30 → 3).
        assert_eq!(
            mul(d("76504104.96"), d("0.8260737098753452301025390625")),
            None,
            "mantissa beyond i64: refused"
        );
        assert_eq!(
            mul(d("0.5000000000000000"), d("0.0000000000000020")),
            Some(d("0.000000000000001")),
            "scale 32 of zeros"
        );
        // 57 × 0.8260737098753452301025390625 needs 30 significant digits.
        assert_eq!(mul(d("57"), d("0.8260737098753452301025390625")), None);
        assert_eq!(
            mul(d("79228162514264337593543950335"), d("2")),
            None,
            "overflow"
        );
        assert_eq!(add(d("0.1"), d("0.2")), Some(d("0.3")));
        assert_eq!(
            add(d("1000000000000"), d("0.0000000000000000000000000001")),
            None
        );
        assert_eq!(sub(d("3500"), d("3000")), Some(d("500")));
        assert_eq!(sum([d("1.10"), d("-0.10"), d("2")]), Some(d("3.00")));
        assert_eq!(sum([Decimal::MAX, Decimal::ONE]), None);
        assert_eq!(
            sub(d("0.00"), d("0.0")).map(|z| (z.is_zero(), z.scale())),
            Some((true, 2)),
            "zeros keep the scale"
        );
        assert_eq!(mul(d("0.35"), d("0")), Some(d("0.00")));
    }

    proptest::proptest! {
        /// Whenever these give a value it is rust_decimal's value; they refuse only what
        /// rust_decimal would have to round.
        #[test]
        fn exact_means_equal(x: i64, y: i64, sx in 0u32..=28, sy in 0u32..=28) {
            let (a, b) = (Decimal::new(x, sx), Decimal::new(y, sy));
            match (mul(a, b), a.checked_mul(b)) {
                (Some(m), Some(r)) => proptest::prop_assert_eq!(m, r),
                (Some(m), None) => proptest::prop_assert!(false, "{} from an overflowing product", m),
                (None, Some(r)) => proptest::prop_assert!(r.scale() < sx + sy, "refused an exact {}", r),
                (None, None) => {}
            }
            match (add(a, b), a.checked_add(b)) {
                (Some(m), Some(r)) => proptest::prop_assert_eq!(m, r),
                (Some(m), None) => proptest::prop_assert!(false, "{} from an overflowing sum", m),
                (None, Some(r)) => proptest::prop_assert!(r.scale() < sx.max(sy), "refused an exact {}", r),
                (None, None) => {}
            }
        }
    }
}
