//! The PDF reader's line, column and paragraph rules.

use super::*;

fn line(text: &str, x0: f64, x1: f64, y: f64) -> Line {
    Line {
        text: text.to_owned(),
        x0,
        x1,
        y,
        em: 10.0,
    }
}

#[test]
fn radicals_fold_to_ideographs() {
    let s: String = "⾏政⻔户⼾⻓效".chars().map(fold_radical).collect();
    assert_eq!(s, "行政门户户长效");
    assert_eq!(fold_radical('a'), 'a');
}

#[test]
fn indented_lines_start_paragraphs() {
    let ls = [
        line("一、总体要求", 90.0, 150.0, 100.0),
        line("为加快发展数字经济，推动", 90.0, 500.0, 120.0),
        line("高质量发展。", 70.0, 130.0, 140.0),
        line("到2025年，全省数字经济", 90.0, 500.0, 160.0),
        line("规模达到1万亿元。", 70.0, 160.0, 180.0),
    ];
    assert_eq!(
        paragraphs(&ls),
        [
            "一、总体要求",
            "为加快发展数字经济，推动高质量发展。",
            "到2025年，全省数字经济规模达到1万亿元。"
        ]
    );
}

#[test]
fn without_indents_short_lines_end_paragraphs() {
    let ls = [
        line("为加快发展数字经济，推动高质", 70.0, 500.0, 100.0),
        line("量发展。", 70.0, 110.0, 120.0),
        line("到2025年，全省数字经济规模", 70.0, 500.0, 140.0),
        line("达到1万亿元。", 70.0, 150.0, 160.0),
    ];
    assert_eq!(
        paragraphs(&ls),
        [
            "为加快发展数字经济，推动高质量发展。",
            "到2025年，全省数字经济规模达到1万亿元。"
        ]
    );
}

#[test]
fn toc_lines_and_page_numbers_are_recognised() {
    assert!(is_toc_line("第一章 总体要求……………………3"));
    assert!(is_toc_line("一、发展基础 ........ 12"));
    assert!(!is_toc_line("到2025年达到3"));
    assert!(!is_toc_line("建设10个..."));
    for p in [
        "3",
        "- 3 -",
        "— 12 —",
        "3/15",
        "第 3 页",
        "第3页 共15页",
        "Page 3 of 15",
    ] {
        assert!(is_page_number(p), "{p}");
    }
    for p in ["2025年", "一、总体要求", "3个"] {
        assert!(!is_page_number(p), "{p}");
    }
}

#[test]
fn running_headers_repeated_across_pages_are_removed() {
    let page = |n: usize, body: &str| {
        (
            vec![
                line("2026/5/29 14:03\t某市人民政府关于印发方案的通知", 20.0, 500.0, 15.0),
                line(body, 70.0, 500.0, 300.0),
                line(
                    &format!("https://www.example.gov.cn/zhengce\t{n}/3"),
                    20.0,
                    500.0,
                    830.0,
                ),
            ],
            842.0,
        )
    };
    let mut pages = vec![page(1, "正文一。"), page(2, "正文二。"), page(3, "正文三。")];
    remove_running_lines(&mut pages);
    for (i, (lines, _)) in pages.iter().enumerate() {
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, [["正文一。", "正文二。", "正文三。"][i]]);
    }
}

#[test]
fn glyphs_printed_again_a_fraction_of_an_em_apart_are_one() {
    let g = |text: &str, x: f64| Glyph {
        text: text.to_owned(),
        x,
        y: 100.0,
        size: 10.0,
    };
    // Fake bold 索索引引号号 (copies 0.5 pt apart), then real repeats a whole em apart.
    let glyphs = vec![
        g("索", 70.0),
        g("索", 70.5),
        g("引", 80.0),
        g("引", 80.6),
        g("引", 81.2),
        g("号", 90.0),
        g("人", 100.0),
        g("人", 110.0),
        g("1", 120.0),
        g("1", 125.0),
    ];
    let ls = lines(glyphs);
    assert_eq!(ls.len(), 1);
    assert_eq!(ls[0].text, "索引号人人11");
}

#[test]
fn cells_apart_where_other_lines_start_are_kept_apart() {
    // Han glyphs 10 pt wide, advancing 10 pt; the second column starts at x = 200.
    let run = |text: &str, x0: f64, y: f64| -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x0 + 10.0 * i as f64,
                y,
                size: 10.0,
            })
            .collect()
    };
    let mut glyphs = Vec::new();
    // Three lines of the second column alone (a cell's wrapped lines).
    glyphs.extend(run("财政部", 200.0, 100.0));
    glyphs.extend(run("统计局等", 200.0, 120.0));
    glyphs.extend(run("商务部", 200.0, 140.0));
    // A first cell ending 1 em short of the column (2 em from origin to origin): apart.
    glyphs.extend(run("完善信息消费统计制", 100.0, 160.0));
    glyphs.extend(run("工信部", 200.0, 160.0));
    // Body text running through the column start with no gap: one line, no tab.
    glyphs.extend(run("推进数字化转型并加强统筹协调和组织保障", 100.0, 180.0));
    let texts: Vec<String> = lines(glyphs).into_iter().map(|l| l.text).collect();
    assert_eq!(
        texts,
        [
            "财政部",
            "统计局等",
            "商务部",
            "完善信息消费统计制\t工信部",
            "推进数字化转型并加强统筹协调和组织保障"
        ]
    );
}

#[test]
fn arbitrary_bytes_are_refused_not_panicked() {
    for bytes in [
        &b""[..],
        b"%PDF-1.4\n",
        b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        b"\xff\xfe\x00garbage",
    ] {
        assert!(read(bytes).is_err());
    }
}
