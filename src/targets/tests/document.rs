//! Targets of whole documents: what a section's place, headings and deadlines make of its
//! figures, on wordings written for these tests.

#![allow(
    clippy::float_cmp,
    reason = "values read from text are short decimals, parsed exactly; the tests compare them exactly"
)]

use super::super::*;

#[test]
fn document_targets_take_their_deadline_from_their_own_section() {
    // The parent's 到2028年 holds for its own sentence, not for the numbered items under it
    // (the gold's convention: a deadline in the same sentence or the unit's lead); it would
    // if the parent's text introduced them (目标如下：).
    let raw = crate::ingest::read_bytes("t.txt", crate::model::SourceFormat::Txt, "一、主要目标\n力争到2028年，数字经济核心产业增加值达到900亿元。\n1. 交易规模。实现年交易额3000亿元以上。\n2. 企业。到2027年，培育20家领军企业。\n".as_bytes()).expect("raw");
    let d = crate::outline::build(&raw, "t", "");
    let t = extract(&d);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!((t[0].section.as_str(), t[0].year), ("一", Some(Deadline::Year(2028))));
    assert_eq!((t[1].section.as_str(), t[1].year, t[1].value), ("一/1", None, 3e11));
    assert_eq!((t[2].section.as_str(), t[2].year), ("一/2", Some(Deadline::Year(2027))));
    let json = serde_json::to_value(&t[0]).expect("json");
    assert_eq!(json["year"], 2028);
    assert_eq!(json["comparator"], "≥");
    assert_eq!(
        json["span"],
        serde_json::json!([t[0].field_span().start, t[0].field_span().end])
    );
}

/// Targets of a plain-text document, read as the library reads a file.
fn of_document(text: &str) -> Vec<Target> {
    let (mut docs, errors) = crate::load_many([("plan.txt", crate::model::SourceFormat::Txt, text.as_bytes())]);
    assert!(errors.is_empty(), "{errors:?}");
    extract(&docs.pop().unwrap_or_else(|| unreachable!()))
}

#[test]
fn a_footnote_mark_on_its_own_line_keeps_the_sentence_and_its_deadline() {
    let t = of_document("一、主要目标\n2030 年，新建输电线路\n①\n\n3 万公里，改造变电站 500 座。\n①指跨省线路。\n");
    assert_eq!(
        t.iter().map(|t| (t.value, t.year)).collect::<Vec<_>>(),
        [(3e4, Some(Deadline::Year(2030))), (500.0, Some(Deadline::Year(2030)))]
    );
}

#[test]
fn a_plan_named_by_its_long_five_year_title_drops_the_figures_of_the_last_period() {
    let t = of_document(
        "某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n一、开启新征程\n\n（一）小康目标如期实现\n\n全县工业产值从2015年的40.5亿元增长到2020年的61.2亿元，服务业占比在“十三五”期间首次突破45%。\n\n（二）主要目标\n\n到2025年，全县工业产值达到90亿元。\n",
    );
    assert_eq!(
        t.iter().map(|t| (t.value, t.year)).collect::<Vec<_>>(),
        [(9e9, Some(Deadline::Year(2025)))]
    );
}

/// Each target's value, year and whether the year came from the title.
fn dated(text: &str) -> Vec<(f64, Option<Deadline>, bool)> {
    of_document(text)
        .iter()
        .map(|t| (t.value, t.year, t.year_from_title))
        .collect()
}

#[test]
fn an_annual_plans_undated_targets_are_due_in_its_year() {
    let items =
        "\n\n一、重点任务\n\n1．新建5G基站500个。（6月底完成）\n\n2．到2025年，政务服务事项全程网办率达到90%。\n";
    assert_eq!(
        dated(&format!("某市2023年数字政府建设工作要点{items}")),
        [
            (500.0, Some(Deadline::Year(2023)), true),
            (90.0, Some(Deadline::Year(2025)), false)
        ]
    );
    assert_eq!(
        dated(&format!("某市2023年度数字政府建设考评办法{items}"))[0],
        (500.0, Some(Deadline::Year(2023)), true)
    );
    // A year's work plan of a three-year plan is an annual plan.
    assert_eq!(
        dated(&format!("某市数字经济三年行动计划2023年工作要点{items}"))[0],
        (500.0, Some(Deadline::Year(2023)), true)
    );
    // An opinion naming a year, a plan period and an edition give no work year.
    for title in [
        "关于做好2023年数字政府建设重点工作的意见",
        "某市数字政府建设行动方案（2023—2025年）",
        "某区推动经济高质量发展若干政策（2023年版）",
        // A horizon, a start year or a multi-year plan naming its first year only.
        "2030年前碳达峰实施方案",
        "某区面向2035年的数字化转型行动计划",
        "某市数字经济三年行动计划（2021年起）",
        "某市2021年数字经济发展三年行动计划",
    ] {
        assert_eq!(dated(&format!("{title}{items}"))[0], (500.0, None, false), "{title}");
    }
}

#[test]
fn a_paragraph_introducing_a_list_gives_its_year_to_the_list_paragraphs() {
    let notice = "某县人民政府关于下达年度工作计划的通知\n\n各乡镇人民政府：\n\n今年是关键之年。2031年全县发展主要目标是：\n\n——经济类。全县工业产值增长6%以上；\n\n——民生类。新增就业岗位3000个。\n\n同时，全县再建成公园5个。\n\n——城建类。改造老旧小区20个。\n";
    assert_eq!(
        dated(notice),
        [
            (6.0, Some(Deadline::Year(2031)), false),
            (3000.0, Some(Deadline::Year(2031)), false),
            // A paragraph that introduces nothing ends the list, and its year.
            (5.0, None, false),
            (20.0, None, false),
        ]
    );
}

#[test]
fn a_heading_reporting_what_was_achieved_holds_past_figures() {
    let plan = |review: &str| {
        format!(
            "某县关于制定第十六个五年规划的建议\n\n一、总体要求\n\n1.{review}。五年来，全县工业产值达到90亿元，建成产业园区6个。\n\n2.主要目标。到2035年，全县工业产值达到200亿元。\n"
        )
    };
    for review in [
        "“十五五”时期发展取得的显著成就",
        "五年来全县发展取得新成绩",
        "五年來全縣發展取得新成績",
    ] {
        let t = of_document(&plan(review));
        assert_eq!(t.iter().map(|t| t.value).collect::<Vec<_>>(), [2e10], "{review}");
    }
    // A task heading: striving for results sets goals.
    let t = of_document(&plan("推动全县发展取得新成效"));
    assert_eq!(t.iter().map(|t| t.value).collect::<Vec<_>>(), [9e9, 6.0, 2e10]);
    // A task heading that names the results to come (取得新进展, no 的 and no period looked
    // back on) keeps its targets.
    let t = of_document(
        "某市数字经济发展规划\n\n一、重点任务\n\n（一）产业数字化取得新进展\n\n到2030年，推动1000家企业上云。\n\n（二）数字政府建设取得新成效\n\n到2030年，政务服务事项网上可办率达到100%。\n",
    );
    assert_eq!(t.iter().map(|t| t.value).collect::<Vec<_>>(), [1000.0, 100.0]);
}

#[test]
fn eligibility_conditions_are_requirements_not_targets() {
    let text = "某市需求响应实施细则\n\n一、实施规模\n\n到2026年，需求响应能力达到50万千瓦以上。\n\n二、用户参与条件\n\n参与用户年用电量不低于500万千瓦时，响应能力不低于200千瓦。\n\n三、发展条件\n\n到2026年，建成10个虚拟电厂。\n";
    let t = of_document(text);
    assert_eq!(t.iter().map(|t| t.value).collect::<Vec<_>>(), [5e5, 10.0], "{t:?}");
    // Task and goal headings that end in 条件 commit to their figures.
    let text = "某县农业农村现代化规划\n\n一、主要目标和保障条件\n\n到2025年，农村自来水普及率达到95%。\n\n二、重点任务\n\n（一）改善学校办学条件\n\n到2025年，新建中小学校30所。\n\n（二）完善基础设施条件\n\n到2025年，新建农村公路500公里。\n";
    let t = of_document(text);
    assert_eq!(
        t.iter().map(|t| t.value).collect::<Vec<_>>(),
        [95.0, 30.0, 500.0],
        "{t:?}"
    );
}
