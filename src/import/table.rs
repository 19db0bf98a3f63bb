//! The import's hash tables, keyed by 128-bit keys (fingerprints of rows and call keys, customer
//! numbers), in little memory and with no growth spike: open addressing with linear probing, a
//! tag byte per slot beside the keys and values (0: free; else 7 bits of the key's hash, so that
//! a probe reads the small tag array, and a key only when its tag matches), at most 4/5 full, in
//! [`SHARDS`] shards (by the key's hash) that each grow by a quarter when full. So a table of n
//! entries of `s` bytes (key, value and tag) holds between 5/4 and 25/16 × n × s bytes (plus 8
//! slots per shard while small), and growing moves one shard at a time (1/16 of the table), where
//! doubling a whole table (the standard `HashMap`) needs its old and new arrays at once and
//! leaves the old one behind in a linear memory that never shrinks.

/// A 128-bit key (a fingerprint, a customer number) as two words: 8-byte aligned, so that the
/// tables' entries stay small.
pub type Key = [u64; 2];

/// Shards of a table: a shard grows by a quarter when 4/5 full. (More shards would make the
/// spike of a growth smaller still, but each growth past the heap's end grows the WebAssembly
/// memory, which costs a system call and a garbage collection of the views on it.)
pub const SHARDS: usize = 16;
/// The smallest shard that holds anything.
const FIRST: usize = 8;

/// Whether two keys are equal, word by word (comparing the arrays whole is a call to a byte-wise
/// `memcmp` in WebAssembly).
#[inline(always)]
pub fn same(a: &Key, b: &Key) -> bool {
    a[0] == b[0] && a[1] == b[1]
}

/// A map from keys to small values (`V::default()` for a new key).
pub struct Table<V> {
    shards: Vec<Shard<V>>,
}

struct Shard<V> {
    /// Per slot: 0 when free, else the tag of its key ([`tag`]).
    tags: Vec<u8>,
    keys: Vec<Key>,
    values: Vec<V>,
    len: usize,
}

impl<V: Copy + Default> Default for Table<V> {
    fn default() -> Self {
        Table {
            shards: (0..SHARDS)
                .map(|_| Shard {
                    tags: Vec::new(),
                    keys: Vec::new(),
                    values: Vec::new(),
                    len: 0,
                })
                .collect(),
        }
    }
}

/// The keys are fingerprints (xxh3, already uniform) or customer numbers (digits as an
/// integer): the two words folded and mixed by SplitMix64's finalizer, whose 64-bit multiplies
/// are single WebAssembly instructions (a general hasher's 128-bit ones are library calls). No
/// defence against chosen keys is needed in a file the user chose.
#[inline(always)]
pub fn hash(key: &Key) -> u64 {
    let h = key[0] ^ key[1].rotate_left(32).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// A key's tag: the hash's low 7 bits with the top bit set (never 0, the free slot's).
#[inline(always)]
fn tag(hash: u64) -> u8 {
    hash as u8 | 0x80
}

/// The slot of `key` (and true), or the free slot where it goes (and false); the shard has a
/// free slot and fewer than 2³² slots. The hash's top bits chose the shard; bits 24–55 choose
/// the first slot, in proportion (so that growing keeps the entries nearly in order).
#[inline(always)]
fn place(tags: &[u8], keys: &[Key], key: &Key, hash: u64) -> (usize, bool) {
    let n = tags.len();
    let t = tag(hash);
    let mut i = ((((hash << 8) >> 32) * n as u64) >> 32) as usize;
    loop {
        match tags[i] {
            0 => return (i, false),
            x if x == t && same(&keys[i], key) => return (i, true),
            _ => i = if i + 1 == n { 0 } else { i + 1 },
        }
    }
}

impl<V: Copy + Default> Table<V> {
    /// The value of `key`, a new one (`V::default()`) when the key is new, and whether it was.
    #[inline(always)]
    pub fn entry(&mut self, key: Key) -> (&mut V, bool) {
        let h = hash(&key);
        let shard = &mut self.shards[(h >> 60) as usize];
        if (shard.len + 1) * 5 > shard.tags.len() * 4 {
            shard.grow();
        }
        let (i, found) = place(&shard.tags, &shard.keys, &key, h);
        if !found {
            shard.tags[i] = tag(h);
            shard.keys[i] = key;
            shard.len += 1;
        }
        (&mut shard.values[i], !found)
    }

    /// Inserts `key`; false when it was there already.
    pub fn insert(&mut self, key: Key) -> bool {
        self.entry(key).1
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.len).sum()
    }

    /// Every value (in no particular order).
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries().map(|(_, v)| v)
    }

    /// Every key and its value (in no particular order).
    pub fn entries(&self) -> impl Iterator<Item = (&Key, &V)> {
        self.shards.iter().flat_map(|s| {
            s.tags
                .iter()
                .zip(s.keys.iter().zip(&s.values))
                .filter(|(t, _)| **t != 0)
                .map(|(_, kv)| kv)
        })
    }

    /// The bytes its slots take (tags, keys and values).
    pub fn bytes(&self) -> usize {
        let slot = 1 + std::mem::size_of::<Key>() + std::mem::size_of::<V>();
        self.shards.iter().map(|s| s.tags.len() * slot).sum()
    }
}

impl<V: Copy + Default> Shard<V> {
    /// A quarter more slots (at least [`FIRST`]), every entry placed anew (tags and keys start
    /// as zeros: zeroed allocations).
    fn grow(&mut self) {
        let n = self.tags.len();
        let m = (n + n / 4).max(FIRST);
        let mut tags = vec![0; m];
        let mut keys = vec![[0, 0]; m];
        let mut values = vec![V::default(); m];
        for ((_, key), value) in self
            .tags
            .iter()
            .zip(&self.keys)
            .zip(&self.values)
            .filter(|((t, _), _)| **t != 0)
        {
            let h = hash(key);
            let (i, _) = place(&tags, &keys, key, h);
            tags[i] = tag(h);
            keys[i] = *key;
            values[i] = *value;
        }
        self.tags = tags;
        self.keys = keys;
        self.values = values;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_again_across_growth_even_the_zero_key() {
        let mut t = Table::<u32>::default();
        // Customer-number keys are far from random (low bits: length; high word: zero).
        let keys: Vec<Key> = (0..20_000u64)
            .map(|k| [(13_000_000_000 + k) << 8 | 22, 0])
            .chain((1..20_000u64).map(|k| [k.wrapping_mul(0x9E37_79B9_7F4A_7C15), k]))
            .chain([[0, 0]])
            .collect();
        for (n, key) in keys.iter().enumerate() {
            let (v, new) = t.entry(*key);
            assert!(new);
            *v = n as u32;
        }
        assert_eq!(t.len(), keys.len());
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(t.entry(*key), (&mut (n as u32), false));
            assert!(!t.insert(*key));
        }
        let mut values: Vec<u32> = t.values().copied().collect();
        values.sort_unstable();
        assert!(values.iter().enumerate().all(|(n, v)| n as u32 == *v));
    }

    #[test]
    fn slots_stay_between_five_quarters_and_twenty_five_sixteenths_of_the_entries() {
        let mut t = Table::<()>::default();
        for k in 0..300_000u64 {
            t.insert([k.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, k]);
            if k % 10_000 == 9_999 {
                let slots: usize = t.shards.iter().map(|s| s.tags.len()).sum();
                let n = t.len();
                assert!(slots * 4 >= n * 5, "{slots} slots for {n}");
                assert!(slots * 16 <= n * 25 + SHARDS * 16, "{slots} slots for {n}");
            }
        }
    }
}
