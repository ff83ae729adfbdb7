//! Every character of every bundled document, raw and cleaned, and a traditional-script
//! sample render with the bundled fonts: `egui_kittest` panics on any missing glyph.
#![cfg(feature = "gui")]

use std::collections::BTreeSet;

use egui_kittest::Harness;

const TRADITIONAL: &str =
    "數位經濟發展計畫，臺灣與香港的線上教育、遠距醫療與資料開放。資訊產業與數據安全；網路與雲端運算。";

fn render(text_lines: Vec<String>) {
    let mut harness = Harness::builder().with_size([1600.0, 1200.0]).build_ui(move |ui| {
        duizhao::app::theme::install_fonts(ui.ctx());
        for line in &text_lines {
            ui.label(line);
        }
    });
    harness.run();
}

fn lines_of(chars: &BTreeSet<char>) -> Vec<String> {
    let v: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| !c.is_control() && *c != '\u{FEFF}')
        .collect();
    v.chunks(60).map(|c| c.iter().collect()).collect()
}

#[test]
fn every_character_of_the_bundled_corpus_has_a_glyph() {
    let mut chars: BTreeSet<char> = BTreeSet::new();
    for b in duizhao::corpus::BUNDLED {
        chars.extend(std::str::from_utf8(b.bytes).expect("bundled files are UTF-8").chars());
    }
    for d in duizhao::corpus::load_all() {
        chars.extend(d.text.chars());
    }
    chars.extend(TRADITIONAL.chars());
    assert!(
        chars.len() > 1000,
        "the corpus has many distinct characters ({})",
        chars.len()
    );
    render(lines_of(&chars));
}

#[test]
#[should_panic(expected = "No glyph")]
fn a_character_outside_the_fonts_is_caught() {
    // U+20000 (CJK Extension B) is outside the bundled subset: the check above would catch it.
    render(vec!["\u{20000}".to_owned()]);
}
