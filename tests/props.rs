//! Property tests: whatever bytes or text a user opens, reading never panics, and every
//! outline is well-formed (ranges inside the text, siblings in order, texts where their
//! ranges say).

use duizhao::ingest::read_bytes;
use duizhao::model::{Document, SourceFormat};
use proptest::prelude::*;

fn check(d: &Document) -> Result<(), TestCaseError> {
    let n = d.text.chars().count();
    for s in &d.sections {
        prop_assert!(s.range.start <= s.range.end && s.range.end <= n);
        prop_assert!(s.text_range.start <= s.text_range.end && s.text_range.end <= n);
        prop_assert_eq!(d.slice(s.text_range), s.text.as_str());
        for w in s.children.windows(2) {
            prop_assert!(d.sections[w[0]].range.end <= d.sections[w[1]].range.start);
        }
        for &c in &s.children {
            prop_assert_eq!(d.sections[c].parent.map(|p| &d.sections[p].id), Some(&s.id));
            prop_assert!(d.sections[c].level == s.level + 1);
        }
    }
    let tops: Vec<_> = d.sections.iter().filter(|s| s.parent.is_none()).collect();
    for w in tops.windows(2) {
        prop_assert!(w[0].range.end <= w[1].range.start);
    }
    Ok(())
}

/// Lines that look like policy text: numbers of every style, headings, bodies, boilerplate.
fn policy_line() -> impl Strategy<Value = String> {
    let numbers = prop::sample::select(vec![
        "一、",
        "二、",
        "十一、",
        "(一)",
        "（二）",
        "( 三 )",
        "1.",
        "2、",
        "3．",
        "(1)",
        "（2）",
        "①",
        "②",
        "第一章 ",
        "第二条 ",
        "第三部分 ",
        "# ",
        "## ",
        "**",
        "——",
        "1﹒",
        "﹙一﹚",
        "二﹑",
        "---",
        "- **",
        "",
        "",
        "",
    ]);
    let words = prop::sample::select(vec![
        "总体要求",
        "在线教育。",
        "推进智慧课堂建设，",
        "到2025年培育100家企业。",
        "（责任单位：省教育厅、省经信厅）",
        "5G",
        "2.6万亿元",
        "2020年6月29日",
        "某省人民政府办公厅",
        "关于印发某方案的通知",
        "评论前必须登录!",
        "浏览量:",
        "\u{3000}",
        " ",
        "。",
        "，",
        "**",
        "\\*",
    ]);
    (numbers, prop::collection::vec(words, 0..6)).prop_map(|(n, ws)| format!("{n}{}", ws.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), fmt in 0..5usize) {
        let format = [SourceFormat::Txt, SourceFormat::Md, SourceFormat::Docx, SourceFormat::Pdf, SourceFormat::Html][fmt];
        if let Ok(raw) = read_bytes("fuzz", format, &bytes) {
            check(&duizhao::outline::build(&raw, "fuzz", ""))?;
        }
    }

    #[test]
    fn arbitrary_text_gives_a_well_formed_outline(text in "\\PC{0,400}") {
        if let Ok(raw) = read_bytes("fuzz.txt", SourceFormat::Txt, text.as_bytes()) {
            check(&duizhao::outline::build(&raw, "fuzz", ""))?;
        }
    }

    #[test]
    fn policy_like_text_gives_a_well_formed_outline(lines in prop::collection::vec(policy_line(), 0..40), blank in prop::collection::vec(any::<bool>(), 40)) {
        let mut text = String::new();
        for (i, l) in lines.iter().enumerate() {
            text.push_str(l);
            text.push('\n');
            if blank[i % blank.len()] { text.push('\n'); }
        }
        for format in [SourceFormat::Txt, SourceFormat::Md] {
            if let Ok(raw) = read_bytes("fuzz.md", format, text.as_bytes()) {
                check(&duizhao::outline::build(&raw, "fuzz", ""))?;
            }
        }
    }

    #[test]
    fn run_together_items_and_metadata_lines_give_a_well_formed_outline(
        lines in prop::collection::vec(policy_line(), 0..40),
        joins in prop::collection::vec(0..4usize, 40),
        labels in prop::collection::vec(prop::sample::select(vec![
            "索 引 号：", "主题分类：", "发文机关：", "成文日期：", "标 题：", "发文字号：", "发布日期：",
            "分类：", "【法宝引证码】 CLI.1.2", "原文链接：https://x.example/1", "附件：", "信）", "",
            "**发布机构**: 某部", "- **来源**：[a](https://x.example/2)", "来源：某部", "### 基本信息",
            "# 某办公厅印发《某市推进某事行动方案》", "## 政策全文", "文件编号：无",
        ]), 40),
    ) {
        // Items run together on one line (no break, or a label between them), as a source
        // without paragraph breaks or a print metadata block gives them.
        let mut text = String::new();
        for (i, l) in lines.iter().enumerate() {
            match joins[i % joins.len()] {
                0 => {}
                1 => text.push('\n'),
                2 => { text.push('\n'); text.push_str(labels[i % labels.len()]); text.push('\n'); }
                _ => text.push_str(labels[i % labels.len()]),
            }
            text.push_str(l);
        }
        if let Ok(raw) = read_bytes("fuzz.txt", SourceFormat::Txt, text.as_bytes()) {
            let d = duizhao::outline::build(&raw, "fuzz", "");
            check(&d)?;
            // Splitting and taking labelled lines out drop no other character.
            let kept: String = d.text.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert!(kept.chars().count() <= text.chars().filter(|c| !c.is_whitespace()).count());
        }
    }

    #[test]
    fn target_spans_always_slice_to_their_text(text in "[0-9０-９一二十百千万亿.%+“”年月日到以上左右超过每年，。、个家项 a-zA-Z\\PC]{0,200}") {
        for t in duizhao::targets::extract_text(&text, None) {
            prop_assert!(t.span.start <= t.span.end && t.span.end <= text.chars().count());
            prop_assert_eq!(duizhao::text::char_slice(&text, t.span.start, t.span.end), t.text.as_str());
            prop_assert!(t.value.is_finite());
        }
    }

    #[test]
    fn a_zip_that_is_not_a_docx_never_panics(tail in prop::collection::vec(any::<u8>(), 0..1024)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        let _ = read_bytes("fuzz.docx", SourceFormat::Docx, &bytes);
    }
}

#[test]
fn mutated_real_docx_never_panics() {
    use docx_rs::{Docx, Paragraph, Run};
    let mut buf = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("一、总体要求")))
        .build()
        .pack(&mut buf)
        .expect("pack");
    let good = buf.into_inner();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    runner
        .run(&(0..good.len(), any::<u8>(), 1..good.len()), |(at, byte, cut)| {
            let mut bytes = good.clone();
            bytes[at] = byte;
            let _ = read_bytes("m.docx", SourceFormat::Docx, &bytes);
            let _ = read_bytes("m.docx", SourceFormat::Docx, &good[..cut]);
            Ok(())
        })
        .expect("no panic");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The line lexer on any line: a marker never claims more than the line, a date line is
    /// a real ISO date, and no class panics.
    #[test]
    fn the_line_lexer_reads_any_line(line in "[一二三四五六七八九十百〇零第章条节（）()、.．0-9①⑳年月日〔〕号省市厅局 \\PC]{0,60}") {
        use duizhao::lex::{line, number};
        let chars = line.chars().count();
        for m in [number::parse_marker(&line), number::parse_marker_unbounded(&line)].into_iter().flatten() {
            prop_assert!(m.len <= chars && m.len > 0);
            prop_assert!(line.starts_with(&m.printed));
        }
        if let Some(d) = line::date_line(&line) {
            prop_assert!(d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-', "{d}");
        }
        let _ = (line::doc_number_line(&line), line::header_line(&line), line::is_front_matter(&line));
        let _ = (line::is_boilerplate(&line), line::is_table_row(&line), line::is_trailer_line(&line));
    }
}
