//! The import's hash tables, keyed by 128-bit keys (fingerprints of rows and call keys, customer
//! numbers), in as little memory as their entries allow, with no growth spike: open addressing
//! with linear probing and no control bytes (an all-zero key marks a free slot; the key zero
//! itself is kept aside), at most 4/5 full, in [`SHARDS`] shards (by the key's hash) that each
//! grow by a quarter when full. So a table of n entries of `s` bytes (key and value) holds
//! between 5/4 and 25/16 × n × s bytes (plus 8 free slots per shard while small), and growing
//! moves one shard at a time (1/256 of the table), where doubling a whole table (the standard
//! `HashMap`) needs its old and new arrays at once and leaves the old one behind in a linear
//! memory that never shrinks.

use std::hash::BuildHasher;

/// A 128-bit key (a fingerprint, a customer number) as two words: 8-byte aligned, so that the
/// tables' entries stay small.
pub type Key = [u64; 2];

/// Shards of a table: a shard grows by a quarter when 4/5 full.
pub const SHARDS: usize = 256;
/// The smallest shard that holds anything.
const FIRST: usize = 8;
const FREE: Key = [0, 0];

/// A map from keys to small values (`V::default()` for a new key).
pub struct Table<V> {
    shards: Vec<Shard<V>>,
    /// The value of the key zero (which marks free slots in the shards).
    zero: Option<V>,
}

struct Shard<V> {
    slots: Vec<(Key, V)>,
    len: usize,
}

impl<V: Copy + Default> Default for Table<V> {
    fn default() -> Self {
        Table {
            shards: (0..SHARDS)
                .map(|_| Shard {
                    slots: Vec::new(),
                    len: 0,
                })
                .collect(),
            zero: None,
        }
    }
}

fn hash(key: &Key) -> u64 {
    foldhash::fast::FixedState::default().hash_one(key)
}

/// The slot of `key` in `slots`, or the free slot where it goes (`slots` has a free slot). The
/// hash's top byte chose the shard; its other bits choose the first slot.
fn place<V>(slots: &[(Key, V)], key: &Key, hash: u64) -> usize {
    let n = slots.len();
    let mut i = ((u128::from(hash << 8) * n as u128) >> 64) as usize;
    while slots[i].0 != *key && slots[i].0 != FREE {
        i = if i + 1 == n { 0 } else { i + 1 };
    }
    i
}

impl<V: Copy + Default> Table<V> {
    /// The value of `key`, a new one (`V::default()`) when the key is new, and whether it was.
    pub fn entry(&mut self, key: Key) -> (&mut V, bool) {
        if key == FREE {
            let new = self.zero.is_none();
            return (self.zero.get_or_insert_with(V::default), new);
        }
        let h = hash(&key);
        let shard = &mut self.shards[(h >> 56) as usize];
        if (shard.len + 1) * 5 > shard.slots.len() * 4 {
            shard.grow();
        }
        let i = place(&shard.slots, &key, h);
        let new = shard.slots[i].0 == FREE;
        if new {
            shard.slots[i].0 = key;
            shard.len += 1;
        }
        (&mut shard.slots[i].1, new)
    }

    /// Inserts `key`; false when it was there already.
    pub fn insert(&mut self, key: Key) -> bool {
        self.entry(key).1
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.len).sum::<usize>() + usize::from(self.zero.is_some())
    }

    /// Every value (in no particular order).
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.shards
            .iter()
            .flat_map(|s| s.slots.iter().filter(|(k, _)| *k != FREE).map(|(_, v)| v))
            .chain(&self.zero)
    }
}

impl<V: Copy + Default> Shard<V> {
    /// A quarter more slots (at least [`FIRST`]), every entry placed anew.
    fn grow(&mut self) {
        let n = self.slots.len();
        let mut slots = vec![(FREE, V::default()); (n + n / 4).max(FIRST)];
        for &(key, value) in self.slots.iter().filter(|(k, _)| *k != FREE) {
            let i = place(&slots, &key, hash(&key));
            slots[i] = (key, value);
        }
        self.slots = slots;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_again_across_growth_and_the_zero_key_too() {
        let mut t = Table::<u32>::default();
        // Customer-number keys are far from random (low bits: length; high word: zero).
        let keys: Vec<Key> = (0..20_000u64)
            .map(|k| [(13_000_000_000 + k) << 8 | 22, 0])
            .chain((1..20_000u64).map(|k| [k.wrapping_mul(0x9E37_79B9_7F4A_7C15), k]))
            .chain([FREE])
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
                let slots: usize = t.shards.iter().map(|s| s.slots.len()).sum();
                let n = t.len();
                assert!(slots * 4 >= n * 5, "{slots} slots for {n}");
                assert!(slots * 16 <= n * 25 + SHARDS * 16, "{slots} slots for {n}");
            }
        }
    }
}
