//! Compiles jieba's dictionary (`assets/dict/jieba.txt`, `word freq [tag]` per line) into the
//! trie `align::segment` reads in place from the binary, so that no process pays for parsing
//! 349,000 lines and building a trie at start-up (jieba-rs: ≈ 0.15 s).
//!
//! Layout (little-endian): `DZT2`, node count N (u32), total frequency (u64), then N labels
//! (u16: the node's last char; all dictionary chars are in the BMP, checked here), then N + 1
//! pairs (first-child index u32, frequency u32: 0 for a prefix that is not a word, and for the
//! last pair). Nodes are every distinct prefix of a word, ordered by (length in chars, text):
//! the root is node 0 and the children of any node are consecutive, in char order, so node
//! `i`'s children are the nodes `first[i]..first[i + 1]`. A node's first child and frequency
//! are side by side, and next to the following node's first child: the segmenter reads all
//! three from one place in memory where the trie is walked.

use std::collections::{HashMap, HashSet};

fn main() {
    println!("cargo::rerun-if-changed=assets/dict/jieba.txt");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read_to_string("assets/dict/jieba.txt").expect("assets/dict/jieba.txt");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("jieba.trie");
    std::fs::write(out, compile(&text)).expect("write the trie");
}

fn compile(text: &str) -> Vec<u8> {
    // As jieba loads it: every line's frequency counts in the total, a repeated word keeps the
    // last frequency.
    let mut freq: HashMap<&str, u32> = HashMap::new();
    let mut total: u64 = 0;
    for line in text.lines() {
        let mut it = line.split_ascii_whitespace();
        let Some(word) = it.next() else { continue };
        let f: u32 = it.next().map_or(0, |f| f.parse().expect("a frequency"));
        // 0 marks a prefix that is not a word; jieba's own dictionary has none at 0.
        assert!(f > 0, "a dictionary word with frequency 0: {word}");
        total += u64::from(f);
        freq.insert(word, f);
    }
    let mut prefixes: Vec<(usize, &str)> = vec![(0, "")];
    let mut seen: HashSet<&str> = HashSet::new();
    for word in freq.keys() {
        for (n, (i, c)) in word.char_indices().enumerate() {
            assert!(u32::from(c) <= 0xFFFF, "a dictionary char outside the BMP: {word}");
            let p = &word[..i + c.len_utf8()];
            if seen.insert(p) {
                prefixes.push((n + 1, p));
            }
        }
    }
    prefixes.sort_unstable();
    let index: HashMap<&str, u32> = prefixes
        .iter()
        .enumerate()
        .map(|(i, &(_, p))| (p, u32::try_from(i).expect("fewer than 2^32 nodes")))
        .collect();
    let n = prefixes.len();
    // first[i]: the first child of node i; a node without children gets the next one's, so
    // that every node's children are first[i]..first[i + 1].
    let mut first = vec![u32::MAX; n + 1];
    first[n] = u32::try_from(n).expect("fewer than 2^32 nodes");
    for (i, &(_, p)) in prefixes.iter().enumerate().skip(1) {
        let last = p.char_indices().last().map_or(0, |(b, _)| b);
        let parent = index[&p[..last]] as usize;
        if first[parent] == u32::MAX {
            first[parent] = u32::try_from(i).expect("fewer than 2^32 nodes");
        }
    }
    for i in (0..n).rev() {
        if first[i] == u32::MAX {
            first[i] = first[i + 1];
        }
    }
    let mut out = Vec::with_capacity(16 + n * 10);
    out.extend_from_slice(b"DZT2");
    out.extend_from_slice(&u32::try_from(n).expect("fewer than 2^32 nodes").to_le_bytes());
    out.extend_from_slice(&total.to_le_bytes());
    for &(_, p) in &prefixes {
        let c = p.chars().last().map_or(0, u32::from);
        out.extend_from_slice(&u16::try_from(c).expect("checked above").to_le_bytes());
    }
    for (i, f) in first.iter().enumerate() {
        out.extend_from_slice(&f.to_le_bytes());
        let word = prefixes.get(i).and_then(|&(_, p)| freq.get(p)).copied().unwrap_or(0);
        out.extend_from_slice(&word.to_le_bytes());
    }
    out
}
