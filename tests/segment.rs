//! duizhao's segmenter (jieba's dictionary compiled by the build script, read in place) cuts
//! every text exactly as jieba-rs does with the same words added: the alignment's features and
//! the model trained on them depend on it token for token.

use duizhao::align::segment::Segmenter;
use duizhao::align::{Taxonomy, fold::matching_form};
use proptest::prelude::*;
use std::sync::LazyLock;

/// jieba-rs and ours, both with the built-in taxonomy's terms added, in the same order.
static BOTH: LazyLock<(jieba_rs::Jieba, Segmenter)> = LazyLock::new(|| {
    let taxonomy = Taxonomy::builtin();
    let mut jieba = jieba_rs::Jieba::new();
    for t in taxonomy.all_terms() {
        if t.chars().count() >= 2 {
            jieba.add_word(t, None, None);
        }
    }
    (jieba, Segmenter::new(taxonomy.all_terms()))
});

fn jieba_cut(text: &str) -> Vec<(u32, u32)> {
    BOTH.0
        .cut(text, false)
        .iter()
        .map(|t| {
            let at = |b: usize| u32::try_from(b).expect("short text");
            (at(t.byte_start), at(t.byte_start + t.word.len()))
        })
        .collect()
}

fn assert_same(text: &str) {
    let ours = BOTH.1.cut(text);
    let theirs = jieba_cut(text);
    if ours != theirs {
        let words = |c: &[(u32, u32)]| -> Vec<String> {
            c.iter()
                .map(|&(a, b)| text[a as usize..b as usize].to_owned())
                .collect()
        };
        panic!("{text:?}\nours:  {:?}\njieba: {:?}", words(&ours), words(&theirs));
    }
}

fn texts_of(docs: &[duizhao::model::Document]) -> Vec<String> {
    docs.iter()
        .flat_map(|d| {
            d.sections
                .iter()
                .flat_map(|s| [matching_form(&s.heading), matching_form(&s.text)])
        })
        .chain(docs.iter().map(|d| d.text.clone()))
        .collect()
}

#[test]
fn the_bundled_corpus_is_cut_as_jieba_cuts_it() {
    for t in texts_of(&duizhao::corpus::load_all()) {
        assert_same(&t);
    }
}

#[test]
fn the_gold_documents_are_cut_as_jieba_cuts_them() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/train");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let (docs, _) = duizhao::load_paths(&paths);
    assert!(docs.len() >= 20, "{} gold documents read", docs.len());
    for t in texts_of(&docs) {
        assert_same(&t);
    }
}

#[test]
fn added_words_are_single_tokens_as_in_jieba() {
    let taxonomy = Taxonomy::builtin();
    for t in taxonomy.all_terms().filter(|t| t.chars().count() >= 2) {
        let folded = matching_form(t);
        assert_same(&folded);
        assert_same(&format!("推进{folded}建设"));
    }
}

/// Chars that make dictionary words, numbers, Latin words and the separators between them.
const ALPHABET: &[char] = &[
    '数', '字', '经', '济', '发', '展', '在', '线', '教', '育', '医', '疗', '智', '慧', '城', '市', '产', '业', '互',
    '联', '网', '平', '台', '建', '设', '推', '进', '中', '国', '人', '民', '政', '府', '工', '作', '的', '和', '5',
    'G', 'a', 'I', '0', '.', '%', '-', '+', '#', '，', '。', '、', '（', '）', ' ', '\r', '\n', '·', '亿', '元', '年',
];

proptest! {
    #[test]
    fn arbitrary_strings_are_cut_as_jieba_cuts_them(
        ix in proptest::collection::vec(0..ALPHABET.len(), 0..80),
        noise in proptest::collection::vec(any::<char>(), 0..4),
    ) {
        let mut s: String = ix.iter().map(|&i| ALPHABET[i]).collect();
        s.extend(noise);
        assert_same(&s);
    }
}
