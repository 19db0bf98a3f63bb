//! The crate's one sort. Each element type given to core's `sort`/`sort_unstable` instantiates
//! its quicksort, small-sort and fallback afresh, 2.5–4 KB of wasm apiece; the crate sorts a few
//! short lists (a scenario's months, a solve's breakpoints and hits), where a heapsort is as fast
//! and a fraction of the size.

/// Sorts `v` by `key` in place: heapsort, O(n log n) comparisons whatever the order. Not stable:
/// a caller that must keep the input order of equal keys puts the index in the key.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    // Moves v[root] down the max-heap v[..end] to where it belongs.
    let sift_down = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && key(&v[child]) < key(&v[child + 1]) {
            child += 1;
        }
        if key(&v[root]) >= key(&v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for root in (0..v.len() / 2).rev() {
        sift_down(v, root, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::sort_by_key;

    proptest::proptest! {
        /// The same order as core's stable sort, ties kept in input order when the index is in
        /// the key.
        #[test]
        fn agrees_with_core(v in proptest::collection::vec(0u8..8, 0..200)) {
            let mut ours: Vec<(usize, u8)> = v.iter().copied().enumerate().collect();
            sort_by_key(&mut ours, |&(i, x)| (x, i));
            let mut theirs: Vec<(usize, u8)> = v.iter().copied().enumerate().collect();
            theirs.sort_by_key(|&(_, x)| x);
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
