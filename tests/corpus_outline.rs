//! The bundled corpus read into outlines: section counts per level, exact headings, and
//! metadata read from the text — the figures a researcher would check against the printed
//! documents.

use duizhao::corpus;
use duizhao::model::{Document, MarkerKind};

fn load(id: &str) -> Document {
    let b = corpus::BUNDLED.iter().find(|b| b.id == id).expect("bundled id");
    corpus::load_bundled(b).expect("bundled file loads")
}

/// Numbered sections per level (the preamble is not numbered).
fn per_level(d: &Document) -> Vec<usize> {
    let max = d.sections.iter().map(|s| usize::from(s.level)).max().unwrap_or(0);
    (1..=max)
        .map(|l| {
            d.sections
                .iter()
                .filter(|s| usize::from(s.level) == l && s.kind != MarkerKind::Preamble)
                .count()
        })
        .collect()
}

fn heading(d: &Document, path: &str) -> String {
    d.section(path)
        .unwrap_or_else(|| panic!("{}: no section {path}", d.id))
        .heading
        .clone()
}

#[test]
fn anhui_2020_four_parts_twenty_five_items() {
    let d = load("anhui-2020");
    assert_eq!(per_level(&d), [4, 25]);
    assert_eq!(heading(&d, "二/(三)"), "在线教育");
    assert_eq!(heading(&d, "二/(十一)"), "在线科技服务");
    assert_eq!(heading(&d, "四/(五)"), "强化人才引进培育");
    assert!(d.sections[0].text.starts_with("线上经济是基于互联网产生的新经济形态"));
    let m = &d.meta;
    assert_eq!(m.title.as_deref(), Some("关于促进线上经济发展的意见"));
    assert_eq!(m.issuer.as_deref(), Some("安徽省人民政府办公厅"));
    assert_eq!(m.date_issued.as_deref(), Some("2020-06-29"));
    assert_eq!(m.date_published.as_deref(), Some("2020-07-10"));
    assert_eq!(m.region.as_deref(), Some("安徽省"));
    assert!(!d.text.contains("发布时间"), "the web date line is metadata, not text");
    assert!(
        !d.text.ends_with("2020年6月29日"),
        "the signature is not part of the last section"
    );
}

#[test]
fn shanghai_23_numbered_items_under_four_parts() {
    let d = load("shanghai-2020");
    assert_eq!(per_level(&d), [4, 25]);
    let items: Vec<&str> = d
        .sections
        .iter()
        .filter(|s| s.kind == MarkerKind::Arabic)
        .map(|s| s.path.as_str())
        .collect();
    assert_eq!(items.len(), 23);
    assert_eq!(items[0], "二/1");
    assert_eq!(items[12], "三/13");
    assert_eq!(items[22], "四/23");
    assert_eq!(heading(&d, "二/8"), "加速发展 “无接触” 配送");
    assert_eq!(heading(&d, "一/(一)"), "指导思想");
    // The —— bullets stay inside their item.
    let goals = d.section("一/(二)").expect("行动目标");
    assert_eq!(goals.heading, "行动目标");
    assert_eq!(goals.text.matches("——").count(), 4);
    assert_eq!(
        d.section("四/23").expect("23").units,
        ["市经济信息化委", "市科委", "市发展改革委", "上海科创办"]
    );
    assert!(!d.text.contains("评论前必须登录"));
    let m = &d.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("上海市促进在线新经济发展行动方案(2020-2022年)")
    );
    assert_eq!(m.doc_number.as_deref(), Some("沪府办发〔2020〕1号"));
    assert_eq!(m.period, Some([2020, 2022]));
    assert_eq!(m.region.as_deref(), Some("上海市"));
}

#[test]
fn anhui_2024_six_actions_twenty_four_items() {
    let d = load("anhui-2024");
    assert_eq!(per_level(&d), [3, 9, 24]);
    assert_eq!(heading(&d, "二/(三)/13"), "大力培育引进人才");
    assert_eq!(heading(&d, "二/(六)"), "数字基础设施建设提速攻坚行动");
    assert!(
        d.section("一").expect("一").is_leaf(),
        "总体要求 has no numbered items, so it is a unit itself"
    );
    let m = &d.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("加快推进数字经济高质量发展行动方案(2024—2026年)")
    );
    assert_eq!(m.issuer.as_deref(), Some("中共安徽省委办公厅、安徽省人民政府办公厅"));
    assert_eq!(m.period, Some([2024, 2026]));
    assert_eq!(m.region.as_deref(), Some("安徽省"));
    assert!(
        d.sections[0].text.starts_with("为加快数字经济高质量发展"),
        "the news lead is not the preamble"
    );
}

#[test]
fn wuhu_fourteen_key_domains_despite_broken_lines() {
    let d = load("wuhu-2021");
    assert_eq!(per_level(&d), [4, 28, 4]);
    let domains: Vec<String> = d
        .section("二")
        .expect("二")
        .children
        .iter()
        .map(|&c| d.sections[c].heading.clone())
        .collect();
    assert_eq!(
        domains,
        [
            "智能制造",
            "线上零售",
            "线上贸易",
            "线上教育",
            "智慧医养",
            "智慧旅游",
            "线上文娱",
            "线上设计",
            "智慧出行",
            "智慧金融",
            "智能办公",
            "智慧政务",
            "智慧农业",
            "智慧体育"
        ]
    );
    // Lines the PDF conversion broke are one paragraph again.
    let sports = d.section("二/(十四)").expect("体育");
    assert!(sports.text.contains("全面提升智慧化全民健身公共服务能力"));
    assert!(sports.text.contains("智慧健身馆（房）"));
    assert!(!sports.text.contains('\n'));
    assert!(
        d.section("一/(二)")
            .expect("目标")
            .text
            .contains("配套支撑体系完善、产业规模明显壮大")
    );
    // Markdown bold run-in headings and escapes.
    assert_eq!(heading(&d, "四/(三)"), "创新优质服务和环境");
    assert!(!d.text.contains("**") && !d.text.contains("\\*"));
    assert!(d.section("二/(十二)").expect("政务").text.contains("7*24"));
    assert_eq!(
        d.section("二/(一)").expect("制造").units,
        ["市经信局", "市发改委", "市科技局"]
    );
    assert!(!d.text.contains("抄送"), "the distribution list is not text");
    let m = &d.meta;
    assert_eq!(m.title.as_deref(), Some("芜湖市关于促进线上经济发展的实施方案"));
    assert_eq!(m.doc_number.as_deref(), Some("芜政办秘〔2021〕17号"));
    assert_eq!(m.issuer.as_deref(), Some("芜湖市人民政府办公室"));
    assert_eq!(m.date_issued.as_deref(), Some("2021-03-18"));
    assert_eq!(m.region.as_deref(), Some("芜湖市"));
}

#[test]
fn zhejiang_26_items_and_web_page_cleaned() {
    let d = load("zhejiang-2020");
    assert_eq!(per_level(&d), [3, 9, 26]);
    assert_eq!(heading(&d, "二/(一)/1"), "推动企业深度上云");
    assert_eq!(heading(&d, "二/(六)/26"), "加快数字乡村发展");
    assert_eq!(heading(&d, "二/(三)"), "数字生活场景推广行动");
    assert_eq!(
        d.section("二/(一)/1").expect("1").units[..2],
        ["省经信厅".to_owned(), "省发展改革委".to_owned()]
    );
    // The web page's summary above the notice is kept, as a preamble of its own.
    assert_eq!(d.sections[0].path, "preamble");
    assert!(d.sections[0].text.starts_with("深入实施数字经济“一号工程”"));
    assert_eq!(d.sections[1].id, "preamble~2");
    assert!(d.sections[1].text.starts_with("为进一步深化数字浙江建设"));
    assert!(!d.text.contains("微信扫描二维码") && !d.text.contains("浏览量"));
    assert!(
        d.text.contains("加快二维码、生物识别"),
        "a policy about QR-code payment keeps its words"
    );
    let m = &d.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("浙江省数字赋能促进新业态新模式发展行动计划(2020—2022年)")
    );
    assert!(m.notice_title.as_deref().is_some_and(|t| t.starts_with("关于印发")));
    assert_eq!(m.issuer.as_deref(), Some("浙江省人民政府办公厅"));
    assert_eq!(m.date_issued.as_deref(), Some("2020-11-12"));
    assert_eq!(m.date_published.as_deref(), Some("2020-12-28"));
    assert_eq!(m.keywords, ["浙江", "数字赋能", "新业态新模式"]);
    assert_eq!(m.period, Some([2020, 2022]));
}

#[test]
fn every_section_range_is_consistent() {
    for d in corpus::load_all() {
        let n = d.text.chars().count();
        for s in &d.sections {
            assert!(s.range.start <= s.range.end && s.range.end <= n, "{} {}", d.id, s.id);
            assert_eq!(d.slice(s.text_range), s.text, "{} {}", d.id, s.id);
            assert!(
                s.range.start <= s.text_range.start && s.text_range.end <= s.range.end,
                "{} {}",
                d.id,
                s.id
            );
            for w in s.children.windows(2) {
                assert!(d.sections[w[0]].range.end <= d.sections[w[1]].range.start);
            }
        }
        let ids: std::collections::HashSet<&str> = d.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), d.sections.len(), "{}: ids unique", d.id);
    }
}

#[test]
fn bundled_files_are_the_raw_files() {
    // The corpus is embedded raw; cleaning happens at load. The raw files still carry the
    // web boilerplate that the loaded documents do not.
    let zj = corpus::BUNDLED.iter().find(|b| b.id == "zhejiang-2020").expect("zj");
    assert!(std::str::from_utf8(zj.bytes).expect("utf-8").contains("微信扫描二维码"));
    assert_eq!(corpus::load_all().len(), corpus::BUNDLED.len());
}

/// Every section's heading and text are runs of the document's text, where their ranges say:
/// what lets every span (targets, shared passages, search hits) be counted in chars of
/// `Document::text`, a heading's included.
#[test]
fn headings_and_texts_stand_where_their_ranges_say() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files: Vec<std::path::PathBuf> = ["heldout", "heldout2", "fixtures/doc"]
        .iter()
        .flat_map(|d| std::fs::read_dir(dir.join(d)).expect("fixture folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "doc" || e == "html"))
        .collect();
    files.sort();
    let (mut docs, errors) = duizhao::load_paths(&files);
    assert!(errors.is_empty(), "{errors:?}");
    docs.extend(
        corpus::BUNDLED
            .iter()
            .map(|b| corpus::load_bundled(b).expect("bundled")),
    );
    let mut headings = 0;
    for d in &docs {
        for s in &d.sections {
            assert_eq!(d.slice(s.heading_range), s.heading, "{} {}", d.id, s.id);
            assert_eq!(d.slice(s.text_range), s.text, "{} {}", d.id, s.id);
            assert!(
                s.heading_range.end <= s.text_range.start.max(s.heading_range.end),
                "{} {}",
                d.id,
                s.id
            );
            headings += usize::from(!s.heading.is_empty());
        }
    }
    assert!(headings > 100, "{headings} headings read");
}
