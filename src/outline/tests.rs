use super::*;
use crate::ingest::clean::split_plain;
use crate::ingest::read_bytes;
use crate::model::{SourceEncoding, SourceFormat};

fn doc(text: &str) -> Document {
    let raw = read_bytes("t.txt", SourceFormat::Txt, text.as_bytes()).expect("readable");
    build(&raw, "t", "")
}

fn paths(d: &Document) -> Vec<&str> {
    d.sections.iter().map(|s| s.path.as_str()).collect()
}

#[test]
fn conventional_nesting_and_run_in_headings() {
    let d = doc(
        "一、总体要求\n（一）指导思想。坚持创新驱动。\n（二）主要目标。到2025年，培育100家企业。\n二、重点任务\n1. 推动上云。鼓励企业上云。\n2. 发展电商。\n（1）直播电商。内容。\n三、保障措施",
    );
    assert_eq!(
        paths(&d),
        ["一", "一/(一)", "一/(二)", "二", "二/1", "二/2", "二/2/(1)", "三"]
    );
    let s = d.section("一/(二)").expect("section");
    assert_eq!(
        (s.heading.as_str(), s.text.as_str(), s.level),
        ("主要目标", "到2025年，培育100家企业。", 2)
    );
    assert_eq!(d.section("二/2").expect("2").heading, "发展电商");
    assert!(d.section("二/2").expect("2").text.is_empty());
    assert_eq!(d.section("二").expect("二").children.len(), 2);
}

#[test]
fn the_document_decides_how_kinds_nest() {
    // Unconventional: arabic items at the top, (一) beneath them.
    let d = doc("1. 第一部分\n（一）甲。内容。\n（二）乙。内容。\n2. 第二部分\n（一）丙。内容。");
    assert_eq!(paths(&d), ["1", "1/(一)", "1/(二)", "2", "2/(一)"]);
}

#[test]
fn numbering_that_continues_across_parents() {
    let d = doc("一、甲\n1、子一。内容。\n2、子二。内容。\n二、乙\n3、子三。内容。");
    assert_eq!(paths(&d), ["一", "一/1", "一/2", "二", "二/3"]);
}

#[test]
fn heading_on_its_own_line_takes_the_next_paragraphs_as_body() {
    let d = doc(
        "一、目标\n（一）行动目标\n聚焦一年，着眼三年。\n——集聚创新型企业。培育100家以上。\n——推出应用场景。\n（二）其他。内容。",
    );
    let s = d.section("一/(一)").expect("section");
    assert_eq!(s.heading, "行动目标");
    assert_eq!(
        s.text,
        "聚焦一年，着眼三年。\n——集聚创新型企业。培育100家以上。\n——推出应用场景。"
    );
    assert_eq!(d.slice(s.text_range), s.text);
}

#[test]
fn articles_chapters_and_circled_numbers() {
    let d = doc(
        "第一章 总则\n第一条 为了促进数字经济发展，制定本条例。\n第二条 本条例适用于本省。\n第二章 数据资源\n第三条 加强数据开放：\n①公共数据。\n②社会数据。",
    );
    assert_eq!(
        paths(&d),
        ["第一章", "第一章/第一条", "第一章/第二条", "第二章", "第二章/第三条"]
    );
    // An article's items (项 ①, （一）, 1.) are its text: the article is the unit.
    assert_eq!(
        d.section("第二章/第三条").expect("article").text,
        "加强数据开放：\n①公共数据。\n②社会数据。"
    );
    let a = d.section("第一章/第一条").expect("article");
    assert_eq!(a.heading, "", "articles carry no run-in heading");
    assert_eq!(a.text, "为了促进数字经济发展，制定本条例。");
    assert_eq!(d.section("第一章").expect("chapter").heading, "总则");
}

#[test]
fn markdown_heading_levels_give_way_to_printed_numbers() {
    let md = "# 某市实施方案\n\n## 一、总体要求\n\n## （二）主要目标。\n\n内容。\n\n### 二、重点领域\n\n**（一）智能制造。**推进上云。\n\n#### 三、保障措施\n\n（一）加强领导。内容。";
    let raw = RawText {
        source: "t.md".into(),
        format: SourceFormat::Md,
        encoding: SourceEncoding::Utf8,
        paras: split_plain(md, true),
        warnings: Vec::new(),
        fields: Vec::new(),
    };
    let d = build(&raw, "t", "");
    assert_eq!(paths(&d), ["一", "一/(二)", "二", "二/(一)", "三", "三/(一)"]);
    assert_eq!(d.section("二/(一)").expect("s").heading, "智能制造");
    assert_eq!(d.section("二/(一)").expect("s").text, "推进上云。");
    assert_eq!(d.meta.title.as_deref(), Some("某市实施方案"));
}

#[test]
fn unnumbered_markdown_headings_structure_a_document_without_numbers() {
    let md = "# 背景\n\n数字经济发展迅速。\n\n# 主要任务\n\n## 在线教育\n\n发展在线教育。\n\n## 在线医疗\n\n发展互联网医院。";
    let raw = RawText {
        source: "t.md".into(),
        format: SourceFormat::Md,
        encoding: SourceEncoding::Utf8,
        paras: split_plain(md, true),
        warnings: Vec::new(),
        fields: Vec::new(),
    };
    let d = build(&raw, "t", "");
    assert_eq!(
        paths(&d),
        ["背景", "主要任务", "主要任务/在线教育", "主要任务/在线医疗"]
    );
    assert_eq!(d.section("主要任务/在线医疗").expect("s").text, "发展互联网医院。");
}

#[test]
fn no_numbering_falls_back_to_paragraphs_with_a_warning() {
    let d =
        doc("数字经济是新的经济形态，发展迅速。\n要加快发展在线教育，推广智慧课堂。\n要发展互联网医院，方便群众就医。");
    assert_eq!(d.sections.len(), 3);
    assert!(d.sections.iter().all(|s| s.kind == MarkerKind::Paragraph));
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(d.sections[1].text, "要加快发展在线教育，推广智慧课堂。");
}

#[test]
fn responsible_units_are_listed() {
    assert_eq!(
        units("推进上云。（责任单位：省经信厅、省发展改革委。列第一位的为牵头单位，下同）"),
        ["省经信厅", "省发展改革委"]
    );
    assert_eq!(
        units("建设平台。(牵头单位：市发改委；配合单位：市数据局、各县区政府)"),
        ["市发改委", "市数据局", "各县区政府"]
    );
    assert!(units("（此件公开发布）").is_empty());
    let d = doc("一、任务\n（一）上云。推进上云。（责任部门：市经济信息化委、市科委）");
    assert_eq!(d.section("一/(一)").expect("s").units, ["市经济信息化委", "市科委"]);
}

#[test]
fn front_matter_goes_to_metadata_and_substance_to_the_preamble() {
    let d = doc(
        "云水市人民政府办公室\n云政办秘〔2021〕17号\n云水市人民政府办公室关于印发云水市促进线上经济发展实施方案的通知\n各县市区人民政府，市政府各部门：\n《云水市促进线上经济发展实施方案》已经市政府同意，现印发给你们，请认真贯彻落实。\n2021年3月18日\n（此件公开发布）\n云水市促进线上经济发展实施方案(2021-2023年)\n为加快发展线上经济，制订本方案。\n一、总体要求\n内容。",
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("云水市促进线上经济发展实施方案(2021-2023年)")
    );
    assert_eq!(d.meta.issuer.as_deref(), Some("云水市人民政府办公室"));
    assert_eq!(d.meta.doc_number.as_deref(), Some("云政办秘〔2021〕17号"));
    assert_eq!(d.meta.date_issued.as_deref(), Some("2021-03-18"));
    assert_eq!(d.meta.period, Some([2021, 2023]));
    assert_eq!(d.meta.region.as_deref(), Some("云水市"));
    assert_eq!(d.sections[0].path, "preamble");
    assert_eq!(d.sections[0].text, "为加快发展线上经济，制订本方案。");
    assert_eq!(paths(&d), ["preamble", "一"]);
}

#[test]
fn repeated_numbers_get_unique_ids() {
    let d = doc("一、甲\n（一）子。内容。\n（一）又一个子。内容。");
    let ids: Vec<&str> = d.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["一", "一/(一)", "一/(一)~2"]);
}

#[test]
fn ranges_cover_children_and_siblings_do_not_overlap() {
    let d = doc("一、甲\n（一）子一。内容一。\n（二）子二。内容二。\n二、乙\n正文。");
    let one = d.section("一").expect("一");
    let c1 = d.section("一/(一)").expect("c1");
    let c2 = d.section("一/(二)").expect("c2");
    assert!(one.range.start <= c1.range.start && c2.range.end <= one.range.end);
    assert!(c1.range.end <= c2.range.start);
    assert_eq!(d.slice(c2.range), "（二）子二。内容二。");
    assert_eq!(d.slice(d.section("二").expect("二").text_range), "正文。");
}

#[test]
fn a_pkulaw_export_gives_its_code_link_and_order_as_metadata_and_no_preamble() {
    let d = doc(
        "【法宝引证码】 CLI.99.7654321\r\n原文链接：https://www.example.com/lar/0123abcd.html\r\n某省数据管理办法\r\n某省人民政府令\r\n\r\n（第12号）\r\n\u{3000}\u{3000}《某省数据管理办法》已经2099年1月2日省人民政府常务会议审议通过，现予公布，自2099年3月1日起施行。\r\n省长\u{3000}张某某\r\n\r\n2099年1月9日\r\n某省数据管理办法\r\n第一章\u{3000}总则\r\n\u{3000}\u{3000}第一条\u{3000}为了规范数据管理，制定本办法。\r\n\u{3000}\u{3000}第二条\u{3000}本办法自公布之日起施行。",
    );
    assert_eq!(d.meta.citation_code.as_deref(), Some("CLI.99.7654321"));
    assert_eq!(
        d.meta.source_url.as_deref(),
        Some("https://www.example.com/lar/0123abcd.html")
    );
    assert_eq!(d.meta.doc_number.as_deref(), Some("某省人民政府令第12号"));
    assert_eq!(d.meta.title.as_deref(), Some("某省数据管理办法"));
    assert_eq!(d.meta.date_issued.as_deref(), Some("2099-01-09"));
    assert_eq!(paths(&d), ["第一章", "第一章/第一条", "第一章/第二条"]);
    assert!(!d.text.contains("法宝引证码") && !d.text.contains("原文链接"));
}

#[test]
fn an_articles_enumerations_stay_in_its_text_and_an_annex_after_it_is_a_section() {
    let d = doc(
        "某省公共数据管理办法\n第一章 总则\n第一条 为了规范公共数据管理，制定本办法。\n第二条 本办法下列用语的含义：\n（一）公共数据，是指公共管理和服务机构依法履行职责产生的数据。\n（二）数据主体，是指相关数据所指向的自然人。\n第二章 采集\n第三条 采集公共数据应当遵循下列规定：\n1. 依法采集；\n2. 一数一源。\n第四条 本办法自公布之日起施行。\n附件\n一、数据目录编制要求\n按统一标准编制。\n",
    );
    assert_eq!(
        paths(&d),
        [
            "第一章",
            "第一章/第一条",
            "第一章/第二条",
            "第二章",
            "第二章/第三条",
            "第二章/第四条",
            "附件",
            "附件/一"
        ]
    );
    let def = d.section("第一章/第二条").expect("article");
    assert!(def.is_leaf());
    assert!(
        def.text.starts_with("本办法下列用语的含义：\n（一）公共数据"),
        "{}",
        def.text
    );
    assert!(def.text.ends_with("所指向的自然人。"), "{}", def.text);
    assert!(
        d.section("第二章/第三条")
            .expect("article")
            .text
            .ends_with("2. 一数一源。")
    );
    assert_eq!(d.slice(def.text_range), def.text);
}

#[test]
fn without_numbering_a_tables_rows_stay_in_one_section() {
    let d = doc(
        "某县智慧农业发展指标\n\n为推进智慧农业发展，制定以下指标。\n指标\t单位\t2023年\t2027年\n农业物联网基地\t个\t5\t20\n益农信息社\t个\t40\t120\n各乡镇抓好落实。",
    );
    let texts: Vec<&str> = d.sections.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts[1..],
        [
            "指标\t单位\t2023年\t2027年\n农业物联网基地\t个\t5\t20\n益农信息社\t个\t40\t120",
            "各乡镇抓好落实。"
        ],
        "{:?}",
        paths(&d)
    );
    assert!(texts[0].ends_with("制定以下指标。"));
    // Read as one table: the 2027 column is the targets.
    let values: Vec<f64> = crate::targets::extract(&d)
        .iter()
        .filter(|t| t.table)
        .map(|t| t.value)
        .collect();
    assert_eq!(values, [20.0, 120.0]);
}

#[test]
fn annexes_stand_at_the_top_with_their_titles_and_items() {
    let d = doc(
        "某某行动计划\n一、总体要求\n（一）主要目标。到2025年，建成100个中心。\n二、保障措施\n（一）加强统筹联动。加强部门协同。\n附件：1.名词解释\n2.发展指标\n附件 1\n名词解释\n1. 算力中心\n是以基础设施为主要构成的设施。\n2. 算力碳效\n是兼顾碳排放量和算力性能的综合指标。\n附件2\n发展指标\n指标\t2025年\n算力规模\t300\n",
    );
    assert_eq!(
        paths(&d),
        ["一", "一/(一)", "二", "二/(一)", "附件1", "附件1/1", "附件1/2", "附件2"]
    );
    // The attachment list stays in the text of the section it ends.
    let last = d.section("二/(一)").expect("section");
    assert!(last.text.ends_with("附件：1.名词解释\n2.发展指标"), "{}", last.text);
    let annex = d.section("附件1").expect("annex");
    assert_eq!(
        (annex.heading.as_str(), annex.kind, annex.level),
        ("名词解释", MarkerKind::Annex, 1)
    );
    assert_eq!(d.section("附件1/2").expect("item").heading, "算力碳效");
    // The title of an annex holding a table is not run into the table's first row.
    let table = d.section("附件2").expect("annex");
    assert_eq!(table.heading, "发展指标");
    assert!(table.text.starts_with("指标\t2025年"), "{}", table.text);
}

#[test]
fn a_cover_line_before_the_body_and_sentences_about_an_annex_open_nothing() {
    // 附件 over the whole plan (a notice whose attachment is the plan) is not an annex.
    let d = doc("附件\n某某行动计划\n一、总体要求\n按照附件所列清单执行。\n二、保障措施\n附件所列任务由各部门落实。\n");
    assert!(paths(&d).ends_with(&["一", "二"]), "{:?}", paths(&d));
    assert!(
        d.section("二")
            .expect("二")
            .text
            .ends_with("附件所列任务由各部门落实。")
    );
    let d = doc("一、总体要求\n内容。\n附件：重点任务分工方案\n");
    assert_eq!(paths(&d), ["一"]);
}

#[test]
fn page_numbers_of_a_converted_pdf_leave_the_text() {
    // pdftotext: pages separated by form feeds, a page number at each page's foot.
    let d = doc(
        "某某行动计划\n一、总体要求\n推进算力设施建设，满足各类业务\n\n2\n\n\u{c}算力需求，推动协同发展。\n二、重点任务\n\n3\n\n\u{c}（一）深化算力赋能行业应用\n\n4\n\n\u{c}1. 构建服务体系。打造算力服务。\n\n5\n\n\u{c}",
    );
    assert_eq!(paths(&d), ["一", "二", "二/(一)", "二/(一)/1"]);
    assert_eq!(
        d.section("一").expect("一").text,
        "推进算力设施建设，满足各类业务算力需求，推动协同发展。"
    );
    assert_eq!(d.section("二/(一)").expect("(一)").text, "");
    assert!(!d.text.contains("\n3\n") && !d.text.contains("\n5"), "{}", d.text);
}

#[test]
fn a_title_over_the_first_line_of_a_text_without_numbering_stays_the_title() {
    let d = doc(
        "数字经济发展报告\n为贯彻落实国家关于数字经济的决策部署，进一步提升数字经济发展水平，现就有关事项\n报告如下。各区要加强建设。\n",
    );
    assert_eq!(d.meta.title.as_deref(), Some("数字经济发展报告"));
    assert_eq!(paths(&d), ["¶1"]);
    assert!(d.sections[0].text.starts_with("为贯彻落实"), "{}", d.sections[0].text);
    // A title broken over two lines is one title, and a line broken at the page width is
    // still rejoined with the next.
    let d = doc(
        "关于进一步扩大和升级信息消费持续释放\n内需潜力的指导意见\n一、总体要求\n信息消费是以数据为核心的消费，是创新最活跃、增长\n最快、辐射最广的新兴消费领域之一。\n",
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("关于进一步扩大和升级信息消费持续释放内需潜力的指导意见")
    );
    assert!(d.section("一").expect("一").text.contains("增长最快"));
}

#[test]
fn a_boxs_numbered_projects_stay_in_the_item_it_follows() {
    let d = doc(
        "某市十四五规划\n一、重点任务\n（一）建设数字基础设施\n1. 推进网络建设。加快5G网络部署。\n2. 推进算力建设。建设数据中心。\n专栏1 数字基础设施重大工程\n1. 5G网络工程。建成5G基站1万个。\n2. 数据中心工程。建成数据中心3个。\n3. 物联网工程。部署感知终端。\n3. 推进设施共享。推动共建共享。\n（二）发展数字产业\n1. 培育龙头企业。\n专栏2 数字产业重点项目\n（1）软件园项目。\n（2）集成电路项目。\n2. 壮大产业集群。\n",
    );
    assert_eq!(
        paths(&d),
        [
            "一",
            "一/(一)",
            "一/(一)/1",
            "一/(一)/2",
            "一/(一)/3",
            "一/(二)",
            "一/(二)/1",
            "一/(二)/2"
        ]
    );
    let item = d.section("一/(一)/2").expect("item");
    assert!(
        item.text
            .starts_with("建设数据中心。\n专栏1 数字基础设施重大工程\n1. 5G网络工程。"),
        "{}",
        item.text
    );
    // The box's 3. continues both lists and stays in the box; the next 3. ends it.
    assert!(item.text.ends_with("3. 物联网工程。部署感知终端。"), "{}", item.text);
    assert_eq!(d.section("一/(一)/3").expect("item").heading, "推进设施共享");
    assert!(
        d.section("一/(二)/1")
            .expect("item")
            .text
            .contains("（2）集成电路项目。")
    );
}

#[test]
fn a_copy_that_lost_its_title_line_takes_no_wenhao_or_date_for_a_title() {
    // Pages and attachments often open with the 文号 (or the date) where the title was.
    for first in ["（某府办发〔2020〕1号）", "某政办〔2021〕12号", "2021年3月18日"] {
        let d = doc(&format!(
            "\n{first}\n在线新经济是借助智能交互技术，与现代生产制造深度融合的新业态。为进一步顺应需求，制订本方案。\n一、总体要求\n（一）指导思想\n坚持创新驱动。\n"
        ));
        assert_eq!(d.meta.title, None, "{first}");
        assert_ne!(d.label, first, "{first}");
    }
    let d = doc("\n（某府办发〔2020〕1号）\n为进一步顺应需求，制订本方案。\n一、总体要求\n坚持创新驱动。\n");
    assert_eq!(
        d.meta.doc_number.as_deref(),
        Some("某府办发〔2020〕1号"),
        "still read as the 文号"
    );
}

#[test]
fn a_web_copy_of_a_regulation_with_its_contents_and_a_chapter_run_into_its_first_article() {
    // A page lost the line breaks after each chapter title, and prints a 目录 first.
    let d = doc("某市河道管理条例\n目 录\n第一章 总 则\n第二章 河道整治\n第三章 附 则\n\
         第一章 总 则 第一条 为了加强河道管理，制定本条例。\n\
         第二条 本条例适用于本市行政区域内的河道。\n\
         第二章 河道整治 第三条 河道整治应当符合规划。\n\
         第三章 附 则 第四条 本条例自公布之日起施行。");
    assert_eq!(
        paths(&d),
        [
            "第一章",
            "第一章/第一条",
            "第一章/第二条",
            "第二章",
            "第二章/第三条",
            "第三章",
            "第三章/第四条"
        ]
    );
    assert_eq!(d.section("第一章").expect("chapter").heading, "总 则");
    assert_eq!(
        d.section("第一章/第一条").expect("article").text,
        "为了加强河道管理，制定本条例。"
    );
}

#[test]
fn articles_after_a_notices_items_are_not_inside_them() {
    // A notice asking for comments (一、二、) followed by the draft it publishes.
    let d = doc("某市物业管理条例（草案）征求意见公告\n\
         一、公民可以通过信函提出意见。\n\
         二、征求意见截止时间为2025年3月1日。\n\
         第一条 为了规范物业管理活动，制定本条例。\n\
         第二条 本条例适用于本市。");
    assert_eq!(paths(&d), ["一", "二", "第一条", "第二条"]);
    // Titled items are a 办法's chapters: its articles stay inside them.
    let d = doc(
        "某学院科研经费管理办法\n一、总则\n第一条 为规范经费管理，制定本办法。\n\
         第二条 本办法适用于本院。\n二、经费预算\n第三条 预算应当真实。",
    );
    assert_eq!(paths(&d), ["一", "一/第一条", "一/第二条", "二", "二/第三条"]);
}

#[test]
fn a_saved_pages_title_metadata_and_part_heading_stay_out_of_the_outline() {
    // The shape crawlers save government pages in: the page's headline as `#`, its metadata
    // in bold labels, a rule, and the text under a part heading of the page.
    let md = "# 某市人民政府办公厅印发《关于推进某事高质量发展的若干意见》\n\n**发布日期**: 2099-01-02\n**发布机构**: 某市科学技术委员会\n**原文链接**: [http://a.example/x.html](http://a.example/x.html)\n**分类**: \n\n---\n\n## 政策全文\n\n各区人民政府：\n\n一、总体要求\n\n推进某事。\n\n二、主要任务\n\n（一）加强领导\n\n内容。";
    let d = doc(md);
    assert_eq!(paths(&d), ["一", "二", "二/(一)"], "no section wraps the document");
    assert_eq!(d.meta.title.as_deref(), Some("关于推进某事高质量发展的若干意见"));
    // The headline names the issuer; the page's 发布机构 is the site that carried it.
    assert_eq!(d.meta.issuer.as_deref(), Some("某市人民政府办公厅"));
    assert_eq!(d.meta.date_published.as_deref(), Some("2099-01-02"));
    assert_eq!(d.meta.source_url.as_deref(), Some("http://a.example/x.html"));
    for gone in ["政策全文", "---", "发布机构"] {
        assert!(
            !d.text.contains(gone),
            "{gone} is the page's, not the document's: {}",
            d.text
        );
    }
}

#[test]
fn a_heading_with_siblings_before_the_numbers_is_still_a_section() {
    let md = "## 前言\n\n为推进某事，制定本方案。\n\n## 一、总体要求\n\n推进某事。\n\n## 二、主要任务\n\n内容。";
    let d = doc(md);
    assert_eq!(
        paths(&d),
        ["前言", "一", "二"],
        "a numbered heading of its level is its sibling"
    );
    let d = doc("## 前言\n\n为推进某事，制定本方案。\n\n### 一、背景\n\n内容。\n\n## 二、主要任务\n\n内容。");
    assert_eq!(paths(&d), ["前言", "前言/一", "二"], "a lower heading stays inside it");
    // A lone heading that is the page's first line is its title, not a section.
    let d = doc("# 某市推进某事实施方案\n\n一、总体要求\n\n推进某事。\n\n二、主要任务\n\n内容。");
    assert_eq!(paths(&d), ["一", "二"]);
    assert_eq!(d.meta.title.as_deref(), Some("某市推进某事实施方案"));
    let d = doc("# 二〇九九年工作要点摘编\n\n一、总体要求\n\n推进某事。\n\n二、主要任务\n\n内容。");
    assert_eq!(paths(&d), ["一", "二"]);
    assert_eq!(d.meta.title.as_deref(), Some("二〇九九年工作要点摘编"));
}

#[test]
fn a_saved_pages_publisher_gives_the_issuer_only_where_the_text_names_none() {
    let page = |body: &str| {
        format!(
            "# 某市推进某事行动方案\n\n**发布日期**: 2099-01-02\n**发布机构**: 某市科学技术委员会\n**来源**: https://a.example/x.html\n\n---\n\n{body}一、总体要求\n\n推进某事。\n\n二、主要任务\n\n内容。"
        )
    };
    let d = doc(&page("某府办发〔2099〕1号\n\n某市人民政府办公厅\n\n"));
    assert_eq!(d.meta.issuer.as_deref(), Some("某市人民政府办公厅"));
    let d = doc(&page(""));
    assert_eq!(d.meta.issuer.as_deref(), Some("某市科学技术委员会"));
}

#[test]
fn a_lone_part_heading_over_numbered_items_is_kept() {
    // A notice's one part heading over its items is the document's, not the page's: no front
    // matter stands under it.
    let d = doc("# 某市关于加强某事的通知\n\n各区：\n\n## 工作要求\n\n1. 加强领导。\n\n2. 强化保障。");
    assert!(d.text.contains("工作要求"), "{}", d.text);
    assert_eq!(paths(&d), ["工作要求", "工作要求/1", "工作要求/2"]);
    // Nor is a short heading that is no title the page's title.
    let d = doc("# 前言\n\n为推进某事，制定本方案。\n\n## 一、总体要求\n\n推进某事。\n\n## 二、主要任务\n\n内容。");
    assert_ne!(d.meta.title.as_deref(), Some("前言"));
    assert!(d.text.contains("前言"), "{}", d.text);
}

#[test]
fn a_saved_pages_hidden_second_copy_is_no_second_run_of_sections() {
    let items = [
        "一、服务对象",
        "本办法所称居家社区养老服务，是指以家庭为基础、社区为依托，为居住在家的老年人提供生活照料、医疗护理等服务。",
        "二、服务内容",
        "街道综合养老服务中心应当提供助餐配餐、日间照料、康复护理、精神慰藉等服务，并向村（社区）延伸服务网点。",
        "三、扶持措施",
        "对符合条件的社区养老服务机构，按照床位数和服务人次给予运营资助，所需资金由市、区财政按规定分担。",
        "四、监督管理",
        "区民政部门应当建立服务质量评价制度，每年对辖区内社区养老服务机构开展一次等级评定，并向社会公布结果。",
    ];
    let page = format!(
        "广州市居家社区养老服务管理办法\n{}\n返回顶部\n广州市居家社区养老服务管理办法　　{}\n",
        items.join("\n"),
        items.join("　　")
    );
    let d = doc(&page);
    assert_eq!(paths(&d), ["一", "二", "三", "四"]);
    assert!(!d.text.contains("　　"), "the copy's text is not in the document");
    assert!(d.section("四").expect("四").text.ends_with("向社会公布结果。"));
    assert!(
        d.warnings
            .iter()
            .any(|w| w.starts_with("t.txt: the text ends with a second copy")),
        "{:?}",
        d.warnings
    );
}

#[test]
fn a_field_label_whose_value_went_to_the_metadata_is_no_preamble() {
    let d = doc(
        "关于加强养老服务工作的通知\n实施日期：\n2021年04月16日\n失效日期：\n2026年04月16日\n\
         发布机关：\n广州市民政局\n-\n近年来，我市养老服务体系不断完善，但仍存在供给不足等问题。\n\
         一、服务对象\n本市户籍老年人。",
    );
    let preambles: Vec<&str> = d
        .sections
        .iter()
        .filter(|s| s.kind == MarkerKind::Preamble)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        preambles,
        ["近年来，我市养老服务体系不断完善，但仍存在供给不足等问题。"]
    );
    // A label inside a run of text stays in it.
    let d = doc("本方案适用于全市。\n联系人：\n张三\n附件：\n一、总体要求\n坚持创新驱动。");
    assert!(
        d.sections
            .iter()
            .any(|s| s.kind == MarkerKind::Preamble && s.text.contains("附件："))
    );
}

#[test]
fn a_saved_pages_footer_is_not_the_last_articles_text() {
    let d = doc(
        "第一条 为规范居家养老服务，制定本办法。\n第二条 本办法自印发之日起施行，有效期5年。\n\
         广州市人民政府办公厅\n2022年9月1日\n【\n返回顶部\n】\n相关新闻\n【一图读懂】《广州市居家养老服务管理办法》\n\
         内容纠错\n关于我们\n· 市委组织部\n· 市民政局\n粤公网安备 44010602000929号",
    );
    assert_eq!(paths(&d), ["第一条", "第二条"]);
    assert_eq!(
        d.section("第二条").expect("第二条").text,
        "本办法自印发之日起施行，有效期5年。"
    );
    assert!(!d.text.contains("市委组织部") && !d.text.contains("内容纠错"));
}

#[test]
fn a_tables_cell_that_is_a_pages_tool_word_stays_and_the_tool_bar_goes() {
    let d = doc(
        "打印\n关闭\n关于淘汰落后产能的通知\n请各区按要求于年底前完成处置工作。\n附件\n企业名单\n企业名称\n\
         规模\n处置方式\n某某水泥有限公司\n大\n关闭\n某某砖瓦厂\n小\n整改\n某某钢铁厂\n中\n关闭\n",
    );
    assert!(!d.text.starts_with("打印"), "{}", d.text);
    let annex = d.text.split_once("企业名单").expect("the annex").1;
    assert_eq!(annex.lines().filter(|l| *l == "关闭").count(), 2, "{annex}");
    assert_eq!(
        annex.lines().filter(|l| ["大", "中", "小"].contains(l)).count(),
        3,
        "{annex}"
    );
}
