//! Exact decimal arithmetic. rust_decimal keeps at most 28 decimals and 96 bits of mantissa and
//! silently rounds a product or sum that needs more; money must never be rounded that way. These
//! return `None` instead (the caller reports `overflow`), except when the extra digits are
//! trailing zeros, which are dropped exactly.

use rust_decimal::Decimal;

/// `a × b`, exactly, or `None`.
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let r = a.checked_mul(b)?;
    if r.scale() == a.scale() + b.scale() {
        return Some(r);
    }
    // rust_decimal reduced the scale; the result is exact only if the dropped digits were zeros.
    let product = i128::from(i64::try_from(a.mantissa()).ok()?)
        * i128::from(i64::try_from(b.mantissa()).ok()?);
    let mut scale = a.scale() + b.scale();
    let mut p = product;
    while scale > 0 && p % 10 == 0 {
        p /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(p, scale).ok()
}

/// `a + b`, exactly, or `None`.
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let r = a.checked_add(b)?;
    (r.scale() == a.scale().max(b.scale())).then_some(r)
}

/// `a − b`, exactly, or `None`.
pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    add(a, -b)
}

/// The sum of `items`, exactly, or `None`.
pub fn sum(items: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    items.into_iter().try_fold(Decimal::ZERO, add)
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
    }
}
