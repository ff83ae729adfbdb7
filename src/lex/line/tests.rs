use super::*;

proptest::proptest! {
    /// Joining two trimmed lines' counts gives the joined line's: cleaning relies on it.
    #[test]
    fn row_signs_of_a_joined_line_are_its_parts_joined(
        a in "[ 　\t|｜一二a]{0,12}",
        b in "[ 　\t|｜一二a]{0,12}",
    ) {
        let (a, b) = (crate::text::trim(&a), crate::text::trim(&b));
        let joined = format!("{a}{b}");
        proptest::prop_assert_eq!(RowSigns::of(&joined), RowSigns::of(a).joined(RowSigns::of(b)));
    }
}

#[test]
fn a_five_year_plan_is_named_short_or_long() {
    assert_eq!(five_year_period("某市“十四五”交通发展规划"), Some([2021, 2025]));
    assert_eq!(
        five_year_period("某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
        Some([2021, 2025])
    );
    assert_eq!(five_year_period("某省第十三个五年规划纲要"), Some([2016, 2020]));
    // A five-year anything else names no plan.
    assert_eq!(five_year_period("某市第五个五年普法规划"), None);
    assert_eq!(five_year_period("某市五年行动计划"), None);
}

#[test]
fn issuers() {
    assert!(looks_like_issuer("某省人民政府办公厅"));
    assert!(looks_like_issuer("中共某省委办公厅、某省人民政府办公厅"));
    assert!(looks_like_issuer("某市经济和信息化局"));
    assert!(!looks_like_issuer("关于促进线上经济发展的意见"));
    assert!(!looks_like_issuer("加强组织领导。"));
    assert!(!looks_like_issuer("数字政府"));
}

#[test]
fn a_title_run_into_its_number_is_split() {
    assert_eq!(
        title_with_number("国务院关于大力发展电子商务加快培育经济新动力的意见国发〔2015〕24号"),
        Some((
            "国务院关于大力发展电子商务加快培育经济新动力的意见".to_owned(),
            "国发〔2015〕24号".to_owned()
        ))
    );
    assert_eq!(title_with_number("某省人民政府办公厅关于印发行动计划的通知"), None);
    assert_eq!(title_with_number("皖政办秘〔2020〕54号"), None);
}

#[test]
fn a_source_that_is_the_pages_address_is_not_an_issuer() {
    let (_, issuer, _) = header_line("来源: https://www.example.gov.cn/zhengce/content_1.htm").expect("a header");
    assert_eq!(issuer, None);
    let (_, issuer, _) = header_line("发布时间：2021-03-18 来源：某市人民政府办公室").expect("a header");
    assert_eq!(issuer.as_deref(), Some("某市人民政府办公室"));
    let (date, issuer, _) = header_line("来源：某某局发布时间：2020-09-21").expect("a header");
    assert_eq!(
        (issuer.as_deref(), date.as_deref()),
        (Some("某某局"), Some("2020-09-21"))
    );
}

#[test]
fn a_labelled_date_after_a_category_is_the_pages_date() {
    let (date, _, _) = header_line("[可行性研究报告 - 规划计划] 发表于:2021-10-08 18:05:57").expect("a header");
    assert_eq!(date.as_deref(), Some("2021-10-08"));
    let (date, _, _) = header_line("首页 > 政策 发布时间：2020年6月29日 浏览次数：12").expect("a header");
    assert_eq!(date.as_deref(), Some("2020-06-29"));
    assert_eq!(
        header_line("该文章发表于2021年10月8日，引起关注。"),
        None,
        "a sentence is no header"
    );
}

#[test]
fn a_field_name_inside_a_heading_is_no_header() {
    assert_eq!(header_line("第二条（资金来源）"), None);
    assert_eq!(header_line("（三）拓宽资金来源渠道"), None);
    assert!(header_line("来源：某市发展改革委").is_some());
    assert!(header_line("来源 市发展改革委").is_some());
    assert!(header_line("信息来源 某市人民政府办公室").is_some());
    assert_eq!(header_line("（一）资金来源：市财政每年安排专项资金1000万元"), None);
}

#[test]
fn titles() {
    assert!(looks_like_title("某省促进在线新经济发展行动方案(2020-2022年)"));
    assert!(looks_like_title("关于加快推进数字经济发展的实施意见（试行）"));
    assert!(looks_like_title("某市数据条例"));
    assert!(!looks_like_title("为加快发展，制定本方案。"));
    assert!(!looks_like_title("（一）指导思想"));
    // A page's headline names the title it issued; a line that only quotes one does not.
    assert!(looks_like_title("某市人民政府办公厅印发《关于推进某事的若干意见》"));
    assert!(looks_like_title(
        "某市人民政府办公厅印发《某市推进某事行动方案（2025—2030年）》"
    ));
    assert!(!looks_like_title("【一图读懂】《某市居家社区养老服务管理办法》"));
    assert!(!looks_like_title("《美丽中国建设“十五五”规划》"));
    assert!(!looks_like_title("依据《某市国民经济和社会发展第十五个五年规划纲要》"));
    // A 建议 or 报告 is a document too; a page in traditional script names its type in it.
    assert!(looks_like_title(
        "中共某市委关于制定某市国民经济和社会发展第十五个五年规划的建议"
    ));
    assert!(looks_like_title("关于某市2025年国民经济和社会发展计划执行情况的报告"));
    assert!(looks_like_title(
        "某市人民政府關于下達2020年某市國民經濟和社會發展計劃的通知"
    ));
    assert!(looks_like_title("某市人民政府辦公室印發《某市促進消費若干措施》"));
    assert!(!looks_like_title("各區要認真落實，並及時報告。"));
    // As verbs and nouns of body text they end no title.
    assert!(!looks_like_title("对检查中发现的重大隐患和问题要及时向市政府报告"));
    assert!(!looks_like_title("各部门要认真听取企业和群众的意见建议"));
    assert!(looks_like_title("政府工作报告"));
    assert!(looks_like_title("2025年某市人民政府工作报告"));
    assert!(!looks_like_title("各单位要认真学习贯彻政府工作报告"));
}

#[test]
fn a_promulgating_orders_lines_are_front_matter() {
    assert!(order_line("某省人民政府令"));
    assert_eq!(order_number_line("（第290号）"), Some(290));
    assert_eq!(order_number_line("第 3 号"), Some(3));
    assert!(signatory_line("省长\u{3000}张某某"));
    assert!(transmittal_line(
        "《某省数据管理办法》已经省人民政府常务会议审议通过，现予公布，自2099年1月1日起施行。"
    ));
    assert!(!order_line("加强行政执法，严格执行命令"));
    assert_eq!(order_number_line("第290号文件规定"), None);
    assert!(!signatory_line("省长应当主持会议。"));
}

#[test]
fn doc_numbers_and_dates() {
    assert_eq!(
        doc_number_line("（某府办发〔2020〕1号）").as_deref(),
        Some("某府办发〔2020〕1号")
    );
    assert_eq!(
        doc_number_line("某政办秘[2021]17号").as_deref(),
        Some("某政办秘[2021]17号")
    );
    assert_eq!(doc_number_line("第84次常务会议"), None);
    assert_eq!(date_line("2020年6月29日").as_deref(), Some("2020-06-29"));
    assert_eq!(date_line("二〇二一年三月十八日").as_deref(), Some("2021-03-18"));
    assert_eq!(date_line("2020年13月1日"), None);
}

#[test]
fn every_header_label_starts_with_a_char_header_line_looks_for() {
    // `header_line` skips a line with none of these chars and no digit.
    for l in HEADER_LABELS {
        assert!(l.starts_with(LABEL_FIRSTS), "{l}");
    }
}
