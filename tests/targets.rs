//! Quantitative targets, on wordings written for these tests (none is taken from the bundled
//! corpus): what counts, how it is normalised, when it is due, what it measures — and every
//! kind of number that is not a target.

#![allow(
    clippy::float_cmp,
    reason = "values read from text are short decimals, parsed exactly; the tests compare them exactly"
)]

use duizhao::model::{Document, SourceFormat};
use duizhao::targets::{Comparator, Deadline, Field, Found, display_value, extract, extract_text};
use proptest::prelude::*;

fn all(text: &str) -> Vec<Found> {
    extract_text(text, None)
}

fn one(text: &str) -> Found {
    let f = all(text);
    assert_eq!(f.len(), 1, "{text}: {f:#?}");
    f.into_iter().next().expect("one target")
}

fn none(text: &str) {
    let f = all(text);
    assert!(f.is_empty(), "{text}: {f:#?}");
}

fn doc(text: &str) -> Document {
    let (mut docs, errors) = duizhao::load_many([("plan.txt", SourceFormat::Txt, text.as_bytes())]);
    assert!(errors.is_empty(), "{errors:?}");
    docs.pop().expect("a document")
}

#[test]
fn magnitudes_and_units_normalise_to_base_units() {
    let t = one("到2027年，全市软件和信息服务业业务收入达到2.6万亿元。");
    assert_eq!((t.value, t.unit.as_str()), (2.6e12, "元"));
    assert_eq!((t.text.as_str(), t.comparator), ("达到2.6万亿元", Comparator::AtLeast));
    let t = one("跨境电商进出口额力争突破850亿元");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (8.5e10, "元", Comparator::MoreThan)
    );
    let t = one("千兆宽带接入用户超过1000万户");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (1e7, "户", Comparator::MoreThan)
    );
    let t = one("开展职业技能线上培训30万人次");
    assert_eq!((t.value, t.unit.as_str()), (3e5, "人次"));
    assert_eq!(one("高新技术企业数量年均增长50%").unit, "%");
    let t = one("研发经费投入强度提高3个百分点");
    assert_eq!((t.value, t.unit.as_str()), (3.0, "个百分点"));
    let t = one("认定工业互联网示范平台不少于200家");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (200.0, "家", Comparator::AtLeast)
    );
    let t = one("新能源装机规模达到450万千瓦");
    assert_eq!((t.value, t.unit.as_str()), (4.5e6, "千瓦"));
    assert_eq!(one("推广工业机器人1,500台").value, 1500.0);
    assert_eq!(one("部署智能终端3000台（套）").text, "3000台（套）");
    assert_eq!(one("推广农机物联网设备800台套").unit, "台套");
}

#[test]
fn full_width_digits_and_signs_are_read() {
    let t = one("建成５Ｇ基站１．２万个");
    assert_eq!((t.value, t.unit.as_str(), t.text.as_str()), (1.2e4, "个", "１．２万个"));
    assert_eq!(one("覆盖率达到９５％").unit, "%");
    let t = one("形成“３００＋”特色应用");
    assert_eq!(
        (t.value, t.comparator, t.text.as_str()),
        (300.0, Comparator::AtLeast, "“３００＋”")
    );
}

#[test]
fn traditional_forms_read_like_simplified_ones() {
    let t = one("到2025年，新增城鎮就業70萬人以上");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (7e5, "人", Comparator::AtLeast)
    );
    assert_eq!(t.year, Some(Deadline::Year(2025)));
    assert_eq!(one("建成5G基站1.2萬個").value, 1.2e4);
}

#[test]
fn qualifiers_set_the_comparator() {
    assert_eq!(one("引进研发机构20个左右").comparator, Comparator::About);
    assert_eq!(one("打造“100+”数字化车间").comparator, Comparator::AtLeast);
    assert_eq!(one("打造“100+”数字化车间").text, "“100+”");
    assert_eq!(one("培育瞪羚企业200余家").comparator, Comparator::MoreThan);
    assert_eq!(one("新增规上企业约300家").comparator, Comparator::About);
    assert_eq!(one("数字化改造覆盖率为68%").comparator, Comparator::Equal);
    assert_eq!(one("新建机房PUE降至1.25以下").comparator, Comparator::AtMost);
    let t = one("企业开办时间压缩至2个工作日以内");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (2.0, "工作日", Comparator::AtMost)
    );
    let t = one("两化融合发展指数达到120");
    assert_eq!((t.value, t.unit.as_str()), (120.0, ""));
    let t = one("劳动年龄人口平均受教育年限提高到11.5年");
    assert_eq!((t.value, t.unit.as_str()), (11.5, "年"));
    assert_eq!(one("人均预期寿命达到80岁").unit, "岁");
    none("60岁以上老年人");
    // A bare amount is money when its metric names money.
    let t = one("力争实现数字贸易额5000万");
    assert_eq!((t.value, t.unit.as_str()), (5e7, "元"));
    assert_eq!(one("移动电话用户达到1.2亿").unit, "");
    // A range is one target at its lower bound.
    let t = one("电子商务交易额年均增长12%—15%");
    assert_eq!(
        (t.value, t.comparator, t.text.as_str()),
        (12.0, Comparator::AtLeast, "12%—15%")
    );
    assert_eq!(one("培育3～5家链主企业").value, 3.0);
}

#[test]
fn chinese_numeral_quantities_count_vague_words_do_not() {
    let t = one("建设十个数字乡村示范镇");
    assert_eq!((t.value, t.unit.as_str()), (10.0, "个"));
    assert_eq!(one("遴选百家“专精特新”标杆企业").value, 100.0);
    assert_eq!(one("培养两千名乡村电商带头人").value, 2000.0);
    assert_eq!(one("组建三个产业创新联合体").value, 3.0);
    none("培育一批链主企业，支持若干重大项目，建设一个平台");
    none("吸引数十家金融机构入驻，上百家企业参展");
    none("推动一二三产业融合，坚持两个毫不动摇，推进三个一批");
    none("支持三只羊等企业发展");
    none("实施“百县千企”行动和“千村万户”工程");
    none("走进千家万户");
}

#[test]
fn size_classes_count_alone_and_describe_a_count_beside_them() {
    let t = one("力争打造千亿级新材料产业集群");
    assert_eq!((t.value, t.unit.as_str(), t.text.as_str()), (1e11, "元", "千亿级"));
    let t = one("培育500亿元级龙头企业");
    assert_eq!(
        (t.value, t.comparator, t.text.as_str()),
        (5e10, Comparator::AtLeast, "500亿元级")
    );
    let f = all("培育年营收超百亿元企业12家、超十亿元企业60家，形成3个千亿级产业集群");
    let shown: Vec<(&str, f64)> = f.iter().map(|t| (t.text.as_str(), t.value)).collect();
    assert_eq!(shown, [("12家", 12.0), ("60家", 60.0), ("3个", 3.0)]);
    assert_eq!(f[2].metric.as_deref(), Some("千亿级产业集群"));
}

#[test]
fn what_only_looks_like_a_quantity_is_not_a_target() {
    for text in [
        // Dates of issue and publication.
        "发布时间：2022-09-15 16:40",
        "2024年1月8日印发",
        "发布日期：2023.11.02",
        "2021/12/30",
        // 文号.
        "某省人民政府办公厅（某政办〔2020〕54号）",
        "市委办发[2021]3号",
        // List numbering.
        "1. 提升产业链韧性",
        "2、强化要素保障",
        "（3）完善标准体系",
        "1.2 夯实数字底座",
        // Meetings, congresses, plenums.
        "经2023年6月2日市政府第84次常务会议审议通过",
        "深入贯彻党的十九大和十九届五中全会精神",
        "全面落实党的二十大和二十届三中全会部署",
        // Technology names.
        "推进5G、F5G和10G-PON网络部署",
        "发展4K/8K超高清视频和IPv6，推广Wi-Fi 6",
        "推进北斗3号应用和工业4.0",
        // Formulas, versions, codes, hotlines, phones.
        "提供7*24小时在线服务",
        "推行7×24小时不打烊服务",
        "构建“1+N+X”体系和“6+365”服务",
        "建设政务服务2.0版",
        "实施“5321”工程和“双11”促销",
        "畅通12345热线，咨询电话0551-62345678",
        // Plan periods in titles.
        "某省数字政府建设规划（2023—2027年）",
        "某市智慧城市行动计划(2021-2025年)",
        // Vague words.
        "引进一批、培育若干、储备一些重点项目",
        // Ordinals and rankings.
        "第三，强化考核",
        "数字经济总量进入全国前10名",
        // Periods and durations that are not bounded.
        "打造15分钟便民生活圈和1小时通勤圈",
        "有效期3年，3个月内完成",
    ] {
        none(text);
    }
}

#[test]
fn instruments_past_facts_and_existing_units_are_not_targets() {
    for text in [
        // Subsidies, rewards, funds and caps: instruments, not targets.
        "对新认定的国家级专精特新企业，给予最高300万元一次性奖励",
        "按设备投资额的20%给予补助，单个项目不超过500万元",
        "市财政每年安排专项资金2亿元",
        "设立5000万元数字经济发展基金",
        // Facts already achieved.
        "全省已建成5G基站8.2万个",
        "网络零售额同比增长21%",
        "“十三五”以来，累计培育上市企业45家",
        // Routine frequencies.
        "领导小组每季度召开1次调度会议",
        // Existing units, scope.
        "全省16个设区市全部纳入试点",
        "围绕8个重点产业链开展招商",
        // A bare 万 amount with no unit and no verb of achieving.
        "全市常住人口1200万",
        // A per-capita denominator.
        "每万人口高价值发明专利拥有量",
        // Thresholds that name a class, sets, rankings, authors, last year's figures.
        "支持年营业收入2000万元以上的企业开展数字化改造",
        "15项主要指标中，6项排名第一",
        "由省发改委等12个部门联合推进",
        "截至去年底，累计建成智能工厂320家",
        // Payment standards per person or household, and shares of a cost.
        "城乡居民基础养老金最低标准提高到每人每年1500元",
        "所需资金由省、市两级财政分别承担60%和40%",
        "改造资金由县、乡两级各负担50%",
    ] {
        none(text);
    }
    // A gain per household, lighter burdens and funds a body wins are goals, not payments.
    for text in [
        "带动脱贫户每户年均增收3000元以上",
        "为市场主体减轻负担超过50亿元",
        "承担国家级科研项目经费达到2亿元",
    ] {
        one(text);
    }
    // …but the target in the same sentence stays.
    let t = one("全市常住人口1200万，每万人口高价值发明专利拥有量达到15件");
    assert_eq!((t.value, t.unit.as_str()), (15.0, "件"));
}

#[test]
fn a_deadline_holds_for_its_sentence_and_a_leading_one_for_what_follows() {
    let y = |f: &[Found]| f.iter().map(|t| t.year).collect::<Vec<_>>();
    let f = all("到2027年末，建成智能工厂80家。培育上云企业5000家；新增专精特新企业300家以上。");
    assert_eq!(y(&f), [Some(Deadline::Year(2027)); 3]);
    let f = all("力争2026年底前，培育链主企业10家，引育创新团队50个。");
    assert_eq!(y(&f), [Some(Deadline::Year(2026)); 2]);
    // A goal stated before the deadline in the same paragraph.
    let f = all("重点打造三个“500+”。到2028年，将全省建成数字经济强省。");
    assert_eq!(y(&f), [Some(Deadline::Year(2028))]);
    // Each target takes the deadline of its own sentence.
    let f = all("到2025年，培育10家平台企业。到2030年，培育30家平台企业。");
    assert_eq!(y(&f), [Some(Deadline::Year(2025)), Some(Deadline::Year(2030))]);
    assert_eq!(one("2026年，智能工厂数量达到60家").year, Some(Deadline::Year(2026)));
    assert_eq!(one("到“十四五”末，建成数字车间300个").year, Some(Deadline::Year(2025)));
    assert_eq!(
        one("“十五五”期间，累计新增5G基站10万个").year,
        Some(Deadline::Year(2030))
    );
    assert_eq!(
        one("截至2025年底，累计推广应用场景200个").year,
        Some(Deadline::Year(2025))
    );
    assert_eq!(one("2024年末前完成改造企业500家").year, Some(Deadline::Year(2024)));
    // 每年 for its sentence; a cumulative stock keeps the deadline.
    assert_eq!(one("每年培育100件首版次软件产品").year, Some(Deadline::EveryYear));
    let f = all("每年新增上云企业2000家，到2026年累计达到1万家。");
    assert_eq!(y(&f), [Some(Deadline::EveryYear), Some(Deadline::Year(2026))]);
    assert_eq!(f[1].metric.as_deref(), Some("上云企业"));
    // 年均 is a rate over the period, due by the period's deadline.
    assert_eq!(
        one("到2025年，数字经济增加值年均增长12%").year,
        Some(Deadline::Year(2025))
    );
    // No deadline, or an inherited one.
    assert_eq!(one("建设20个示范项目").year, None);
    assert_eq!(
        extract_text("建设20个示范项目", Some(Deadline::Year(2029)))[0].year,
        Some(Deadline::Year(2029))
    );
    // Dates, base years and starts are not deadlines.
    assert_eq!(one("较2020年提高5个百分点").year, None);
    assert_eq!(one("自2024年起新增示范企业20家").year, None);
}

#[test]
fn a_deadline_after_a_goal_label_holds_for_the_rest_of_its_paragraph() {
    // 预期目标：到…年，… — the label and its colon do not keep the deadline from opening the
    // sentence, so it carries to the paragraph's later sentences as an opening one does.
    let f = all("主要任务：搭建行业数据平台，推动中小企业上云。\n\
        预期目标：到2027年，接入企业不少于300家。在至少6个行业完成推广；数据服务能力提升40%以上。");
    let years: Vec<_> = f.iter().map(|t| t.year).collect();
    assert_eq!(years, [Some(Deadline::Year(2027)); 3], "{f:#?}");
    // A deadline inside a longer first clause still holds for its own sentence only.
    let f = all("主要任务：搭建行业数据平台。\n推进平台建设并按照统一部署：到2027年接入企业300家。在6个行业完成推广。");
    let years: Vec<_> = f.iter().map(|t| t.year).collect();
    assert_eq!(years, [Some(Deadline::Year(2027)), None], "{f:#?}");
}

#[test]
fn a_section_reporting_achievements_holds_no_target() {
    let d = doc("某市数字经济工作报告\n\
        一、全市数字经济发展成效显著\n\
        累计建成5G基站3.2万个，上云企业达到1.5万家。\n\
        二、下一步工作\n\
        到2027年，建成5G基站6万个。\n");
    let t = extract(&d);
    let got: Vec<(&str, &str)> = t.iter().map(|t| (t.section.as_str(), t.text.as_str())).collect();
    assert_eq!(got, [("二", "6万个")], "{t:#?}");
    // The same words as a goal under 主要目标 keep its figures.
    let d = doc("某市数字化转型行动方案\n\
        一、主要目标\n\
        1. 数字化转型成效显著。到2027年，规上工业企业数字化改造覆盖率达到80%，培育标杆企业30家。\n");
    let t = extract(&d);
    let got: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(got, ["达到80%", "30家"], "{t:#?}");
}

#[test]
fn documents_hand_a_leading_deadline_down_to_their_items_and_drop_the_past() {
    let d = doc("某市数字经济倍增计划\n\
        某市人民政府\n\
        2023年4月10日\n\
        一、发展基础\n\
        2022年，全市数字经济规模达到3800亿元。\n\
        全市拥有高新技术企业1200家，培育上市公司35家。\n\
        二、主要目标\n\
        到2025年，数字经济规模实现倍增，具体目标如下：\n\
        1. 产业规模。数字经济核心产业营业收入达到4000亿元以上。\n\
        2. 企业主体。培育数字经济领军企业15家。\n\
        三、重点任务\n\
        （一）建设算力设施。建成智算中心2个。\n");
    let t = extract(&d);
    let shown: Vec<(&str, &str, Option<Deadline>)> = t
        .iter()
        .map(|t| (t.section.as_str(), t.text.as_str(), t.year))
        .collect();
    assert_eq!(
        shown,
        [
            // 倍增 is a doubling by the deadline, as 翻一番 is.
            ("二", "倍增", Some(Deadline::Year(2025))),
            ("二/1", "达到4000亿元以上", Some(Deadline::Year(2025))),
            ("二/2", "15家", Some(Deadline::Year(2025))),
            ("三/(一)", "2个", None),
        ],
        "{t:#?}"
    );
    for t in &t {
        let s = d.section(&t.section).expect("section");
        assert_eq!(t.field, Field::Text);
        assert_eq!(
            duizhao::text::char_slice(&s.text, t.field_span().start, t.field_span().end),
            t.text
        );
    }
}

#[test]
fn metrics_name_what_is_counted() {
    let m = |s: &str| one(s).metric;
    assert_eq!(m("到2026年，培育300家上云标杆企业").as_deref(), Some("上云标杆企业"));
    assert_eq!(
        m("全省常住人口电子社保卡覆盖率达到95%").as_deref(),
        Some("常住人口电子社保卡覆盖率")
    );
    assert_eq!(
        m("培育50家以上拥有核心技术、具有竞争力的创新型企业，").as_deref(),
        Some("创新型企业")
    );
    assert_eq!(m("建设30个智能工厂、数字化车间").as_deref(), Some("智能工厂"));
    assert_eq!(
        m("“三新”经济增加值占GDP比重达到30%").as_deref(),
        Some("“三新”经济增加值占GDP比重")
    );
    let f = all("数字贸易额年均增长10%，2027年达到2000亿元");
    assert_eq!(f[1].metric.as_deref(), Some("数字贸易额"));
}

#[test]
fn json_and_display_forms() {
    let d = doc("一、目标\n到2025年，全省网络零售额达到2.6万亿元，每年培育100件首版次产品。\n");
    let t = extract(&d);
    assert_eq!(t.len(), 2, "{t:#?}");
    let json = serde_json::to_value(&t).expect("json");
    assert_eq!(json[0]["year"], 2025);
    assert_eq!(json[0]["comparator"], "≥");
    assert_eq!(json[0]["value"], 2.6e12);
    assert_eq!(
        json[0]["span"],
        serde_json::json!([t[0].field_span().start, t[0].field_span().end])
    );
    assert_eq!(json[1]["year"], "every_year");
    assert_eq!(json[1]["comparator"], "=");
    assert_eq!(display_value(&t[0]), "≥ 2.6 万亿元 (2.6e12 元)");
    assert_eq!(display_value(&t[1]), "100 件");
    let back: Vec<duizhao::targets::Target> = serde_json::from_value(json.clone()).expect("round trip");
    assert_eq!(serde_json::to_value(&back).expect("json again"), json);
}

/// Every target of `text` lies inside it, slices back to its printed text, has a finite value.
fn spans_slice_back(text: &str) -> Result<(), TestCaseError> {
    let n = text.chars().count();
    for t in extract_text(text, None) {
        prop_assert!(t.span.start < t.span.end && t.span.end <= n);
        prop_assert_eq!(
            duizhao::text::char_slice(text, t.span.start, t.span.end),
            t.text.as_str()
        );
        prop_assert!(t.value.is_finite());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_always_lie_inside_the_text_and_slice_to_it(
        text in "[0-9０-９一二两十百千万亿.．,，%％+＋“”\"年月日到至以上左右超过不少于每年级个家项元—~（）()、。；: a-zA-Z\\-\\PC]{0,160}"
    ) {
        spans_slice_back(&text)?;
    }

    #[test]
    fn table_like_text_never_panics_and_spans_slice_back(
        text in "([0-9.%≥〔〕\\[\\]—一年单位主要指标属性现状基期目标值预期性约束性类别序号亿元万人个/（）()a-z]{0,8}[|\t\n ]{1,3}){0,60}"
    ) {
        spans_slice_back(&text)?;
    }

    #[test]
    fn any_text_with_table_separators_never_panics(
        text in "(\\PC{0,6}[|\t\n\u{3000}  ]{1,3}){0,50}"
    ) {
        spans_slice_back(&text)?;
    }

    #[test]
    fn documents_of_any_text_never_panic(text in "\\PC{0,300}") {
        let (docs, _) = duizhao::load_many([("any.txt", SourceFormat::Txt, text.as_bytes())]);
        for (d, t) in docs.iter().flat_map(|d| extract(d).into_iter().map(move |t| (d, t))) {
            let s = d.section(&t.section).expect("section");
            let field = if t.field == Field::Heading { &s.heading } else { &s.text };
            prop_assert_eq!(duizhao::text::char_slice(field, t.field_span().start, t.field_span().end), t.text.as_str());
        }
    }
}

// ---- Indicator tables in text form (each table invented for these tests). ----

/// The targets of a table read from a text (each must come from the table).
fn table_targets(text: &str) -> Vec<Found> {
    let found = all(text);
    assert!(found.iter().all(|t| t.table), "{found:#?}");
    found
}

#[test]
fn a_markdown_table_gives_its_target_column_with_baselines_and_attributes() {
    let text = "附表 主要指标\n\
        | 类别 | 指标名称 | 单位 | 2022年 | 2027年 | 属性 |\n\
        |---|---|---|---|---|---|\n\
        | 产业规模 | 核心产业增加值 | 亿元 | 850 | 1500 | 预期性 |\n\
        | | 规上企业数量 | 家 | 320 | ≥600 | 预期性 |\n\
        | 绿色低碳 | 单位产值能耗下降 | % | — | 〔12〕 | 约束性 |\n";
    let found = all(text);
    assert_eq!(found.len(), 3, "{found:#?}");
    let a = &found[0];
    assert_eq!((a.text.as_str(), a.value, a.unit.as_str()), ("1500", 1.5e11, "元"));
    assert_eq!(a.year, Some(Deadline::Year(2027)));
    assert_eq!(a.metric.as_deref(), Some("核心产业增加值（产业规模）"));
    assert_eq!(a.attribute.as_deref(), Some("预期性"));
    let base = a.baseline.expect("baseline");
    assert_eq!((base.value, base.year), (8.5e10, Some(2022)));
    // The merged category cell is carried down; ≥ gives the comparator.
    let b = &found[1];
    assert_eq!((b.value, b.comparator), (600.0, Comparator::AtLeast));
    assert_eq!(b.metric.as_deref(), Some("规上企业数量（产业规模）"));
    // 〔〕 is cumulative; an empty base cell is no baseline.
    let c = &found[2];
    assert_eq!(
        (c.value, c.unit.as_str(), c.attribute.as_deref()),
        (12.0, "%", Some("约束性"))
    );
    assert!(c.metric.as_deref().is_some_and(|m| m.ends_with("（累计）")), "{c:?}");
    assert_eq!(c.baseline, None);
    // Base-year values are never targets.
    assert!(found.iter().all(|t| t.text != "850" && t.text != "320"));
}

#[test]
fn tab_and_space_separated_tables_are_read_by_their_header() {
    // A .docx table read as rows of tab-separated cells; the unit in the indicator's name.
    let tabs =
        "指标\t现状值（2021年）\t目标值（2026年）\n5G基站数（万个）\t1.2\t3.5\n数据中心机架数（架）\t8000\t20000\n";
    let t = table_targets(tabs);
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(
        (t[0].value, t[0].unit.as_str(), t[0].year),
        (35000.0, "个", Some(Deadline::Year(2026)))
    );
    assert_eq!(t[0].metric.as_deref(), Some("5G基站数"));
    assert_eq!(
        (t[1].text.as_str(), t[1].value, t[1].unit.as_str()),
        ("20000", 20000.0, "架")
    );
    // pdftotext -layout: columns as runs of spaces, the year from the table's title.
    let spaces = "表1 “十四五”时期发展指标（2021—2025年）\n\
        序号   指标                    单位      基期值    目标值     属性\n\
        1      农村自来水普及率        %         92        98以上     约束性\n\
        2      培育家庭农场            个        1200      2000       预期性\n";
    let t = table_targets(spaces);
    assert_eq!(t.len(), 2, "{t:?}");
    assert_eq!(
        (t[0].text.as_str(), t[0].value, t[0].year),
        ("98以上", 98.0, Some(Deadline::Year(2025)))
    );
    assert_eq!(t[0].metric.as_deref(), Some("农村自来水普及率"));
    assert_eq!((t[1].value, t[1].unit.as_str()), (2000.0, "个"));
}

#[test]
fn a_table_with_a_cell_per_line_is_read_by_counting_its_value_columns() {
    // Web page or pdftotext text: every cell on its own line, row numbers included.
    let text = "附件\n重点指标\n序号\n指标\n2024年\n2025年\n2026年\n\
        1\n智慧工厂（个）\n10\n\n15\n\n25\n\
        2\n工业互联网平台接入率（%）\n40\n55\n70\n\
        3\n上云企业（万家）\n1.5\n2\n3\n";
    let t = table_targets(text);
    let got: Vec<(&str, f64)> = t.iter().map(|x| (x.text.as_str(), x.value)).collect();
    assert_eq!(got, [("25", 25.0), ("70", 70.0), ("3", 30000.0)], "{t:?}");
    assert!(t.iter().all(|x| x.year == Some(Deadline::Year(2026))));
    assert_eq!(t[1].unit, "%");
    assert_eq!(t[2].metric.as_deref(), Some("上云企业"));
}

#[test]
fn a_table_in_a_document_keeps_its_rows_and_spans() {
    let text = "某市数字经济发展三年行动方案（2024—2026年）\n一、发展目标\n到2026年，数字经济核心产业增加值达到800亿元。\n附件\n主要指标\n\
        指标\t单位\t2023年\t2026年\t属性\n\
        数字经济核心产业增加值\t亿元\t520\t800\t预期性\n\
        千兆光网用户数\t万户\t60\t150\t预期性\n";
    let d = doc(text);
    let ts = extract(&d);
    let table: Vec<_> = ts.iter().filter(|t| t.table).collect();
    assert_eq!(table.len(), 2, "{ts:#?}");
    for t in &table {
        let s = d.section(&t.section).expect("section");
        assert_eq!(
            duizhao::text::char_slice(&s.text, t.field_span().start, t.field_span().end),
            t.text
        );
        assert!(t.baseline.is_some());
    }
    assert_eq!(table[1].value, 1.5e6);
    // The baseline column is never a target.
    assert!(ts.iter().all(|t| t.text != "520" && t.text != "60"));
}

// ---- Regulations and normative quantities. ----

#[test]
fn a_regulation_full_of_normative_numbers_has_no_target() {
    let text = "某省养老服务设施管理办法\n\
        第一条 为了规范养老服务设施的建设和管理，制定本办法。\n\
        第二条 新建住宅小区应当按照每百户不少于30平方米的标准配套建设养老服务用房，单处建筑面积不少于800平方米。\n\
        第三条 养老机构按照每8名失能老年人配备1名护理员的比例配备护理人员。\n\
        第四条 民政部门应当自受理申请之日起10个工作日内作出决定。\n\
        第五条 对新增床位给予每张5000元的一次性建设补贴。\n\
        第六条 违反本办法第二条规定的，由主管部门责令限期改正，处二万元以上十万元以下罚款。\n\
        第七条 服务收费中用于护理人员薪酬的比例不低于60%。\n\
        第八条 本办法自2025年3月1日起施行。\n";
    let d = doc(text);
    let ts = extract(&d);
    assert!(ts.is_empty(), "{ts:#?}");
    let why = duizhao::targets::explain(&d);
    assert!(why.len() >= 5, "{why:#?}");
    assert!(why.iter().any(|r| r.reason.contains("罚款")), "{why:#?}");
    for r in &why {
        let s = d.section(&r.section).expect("section");
        assert_eq!(
            duizhao::text::char_slice(&s.text, r.field_span().start, r.field_span().end),
            r.text
        );
    }
}

#[test]
fn normative_quantities_in_a_plan_are_refused_with_their_reason() {
    // A coverage goal is a target.
    assert_eq!(one("推动智慧社区建设在9个区全覆盖").value, 9.0);
    none("逾期未改正的，处一万元以上五万元以下罚款");
    none("每5000名老年人配备1名社会工作者");
    none("社区养老服务站建筑面积不少于300平方米");
    none("申请人应当在15个工作日内补齐材料");
    none("审批部门应当在5个工作日以内办结");
    none("对上架率低于50%的地区进行通报");
    // A goal stays one: a performance target on time limits, an area to build.
    assert_eq!(one("力争将审批时限压缩至20个工作日以内").value, 20.0);
    assert_eq!(one("到2026年新建高标准农田12万亩").value, 1.2e5);
}

// ---- Numbers damaged by PDF extraction, and quantities in words. ----

#[test]
fn numbers_broken_by_pdf_extraction_keep_their_unit() {
    let t = one("累计制定地方标准125\n项，形成一批");
    assert_eq!((t.value, t.unit.as_str(), t.text.as_str()), (125.0, "项", "125\n项"));
    let t = one("到 2028 年，培育专精特新企业 300 家以上");
    assert_eq!(
        (t.value, t.comparator, t.year),
        (300.0, Comparator::AtLeast, Some(Deadline::Year(2028)))
    );
    let t = one("开展 100 个以上示范应用");
    assert_eq!((t.value, t.unit.as_str(), t.text.as_str()), (100.0, "个", "100 个以上"));
    // A blank line is a new paragraph: the number is not joined to what follows it.
    none("行动计划共7\n\n项目清单");
}

#[test]
fn quantities_in_words_are_read() {
    let t = one("培育过百家创新型企业");
    assert_eq!(
        (t.value, t.comparator, t.unit.as_str()),
        (100.0, Comparator::MoreThan, "家")
    );
    let t = one("到2027年，过百\n家企业完成改造");
    assert_eq!((t.value, t.year), (100.0, Some(Deadline::Year(2027))));
    let t = one("半数以上的规上工业企业实现数字化改造");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (50.0, "%", Comparator::AtLeast)
    );
    let t = one("县域商业设施覆盖率达到一半以上");
    assert_eq!((t.value, t.unit.as_str()), (50.0, "%"));
    let t = one("到2030年，产业规模实现翻一番");
    assert_eq!(
        (t.value, t.unit.as_str(), t.year),
        (2.0, "倍", Some(Deadline::Year(2030)))
    );
    // Not quantities: a half without a qualifier, 通过 is no qualifier.
    none("一半的时间用于调研");
    none("通过百家企业的调研");
}

// ---- Indicator tables as real documents print them (issue 15, second round). ----

#[test]
fn a_web_page_table_with_padded_headers_and_change_cells_is_read() {
    // gov.cn pages turned into text: a cell per line, blank lines between cells, two-char
    // headers padded with ideographic spaces, values stated as changes or bounds, the year
    // only in the box's title.
    let text = "专栏2　“十四五”时期水资源节约主要指标\n\n序号\n\n指　　标\n\n预期值\n\n属　性\n\n\
        1\n\n万元工业增加值用水量\n\n下降16%\n\n约束性\n\n\
        2\n\n农田灌溉水有效利用系数\n\n>0.58\n\n预期性\n\n\
        3\n\n城市公共供水管网漏损率\n\n<9%\n\n预期性\n\n";
    let t = table_targets(text);
    let got: Vec<(&str, f64, &str)> = t.iter().map(|x| (x.text.as_str(), x.value, x.unit.as_str())).collect();
    assert_eq!(
        got,
        [("下降16%", 16.0, "%"), (">0.58", 0.58, ""), ("<9%", 9.0, "%")],
        "{t:#?}"
    );
    assert!(t.iter().all(|x| x.year == Some(Deadline::Year(2025))), "{t:#?}");
    assert_eq!(
        (t[1].comparator, t[2].comparator),
        (Comparator::MoreThan, Comparator::LessThan)
    );
    assert_eq!(t[0].metric.as_deref(), Some("万元工业增加值用水量"));
    assert_eq!(t[0].attribute.as_deref(), Some("约束性"));
}

#[test]
fn columns_the_reader_does_not_use_and_empty_cells_keep_the_others_aligned() {
    // A Markdown table with a 年均增长〔累计〕 column, a 说明 column, a merged (empty)
    // category cell, an empty base cell and a footnote mark on a base value.
    let text = "| 类别 | 指标 | 2020年 | 2025年 | 年均增长〔累计〕 | 属性 | 说明 |\n\
        |---|---|---|---|---|---|---|\n\
        | 创新能力 | 研发经费投入强度（%） | 2.1* | 2.8 | 〔0.7〕 | 预期性 | 全社会 |\n\
        | | 每万人口发明专利拥有量（件） |  | 15 | — | 预期性 | |\n\
        | 民生福祉 | 城镇新增就业（万人） | 52 | 〔260〕 | — | 预期性 | 五年累计 |\n";
    let t = table_targets(text);
    assert_eq!(t.len(), 3, "{t:#?}");
    assert_eq!((t[0].text.as_str(), t[0].value, t[0].unit.as_str()), ("2.8", 2.8, "%"));
    assert_eq!(t[0].baseline.map(|b| (b.value, b.year)), Some((2.1, Some(2020))));
    assert_eq!(t[0].metric.as_deref(), Some("研发经费投入强度（创新能力）"));
    // The empty category cell carries the one above; the empty base cell is no baseline.
    assert_eq!((t[1].value, t[1].unit.as_str()), (15.0, "件"));
    assert_eq!(t[1].metric.as_deref(), Some("每万人口发明专利拥有量（创新能力）"));
    assert_eq!(t[1].baseline, None);
    assert_eq!((t[2].value, t[2].unit.as_str()), (2.6e6, "人"));
    assert!(
        t[2].metric.as_deref().is_some_and(|m| m.ends_with("（累计）")),
        "{t:#?}"
    );
    // Neither the base nor the period-rate column is a target.
    assert!(t.iter().all(|x| !["2.1*", "〔0.7〕", "52"].contains(&x.text.as_str())));
}

#[test]
fn a_row_whose_only_figure_is_over_the_period_commits_to_it_by_the_target_year() {
    // 〔〕 in a 年均增长〔累计〕 column is a sum over the plan period, a bare number there an
    // average annual rate: when the target-year cell is empty, that figure is the row's
    // commitment, due at the period's end.
    let text = "指标\t单位\t2020年\t2025年\t年均增长〔累计〕\t属性\n\
        单位地区生产总值能耗降低\t%\t—\t—\t〔14〕\t约束性\n\
        居民人均可支配收入增长\t%\t—\t—\t6.5\t预期性\n\
        城镇新增就业\t万人\t—\t—\t〔60〕\t预期性\n\
        数字经济核心产业增加值\t亿元\t300\t500\t10.8\t预期性\n";
    let t = table_targets(text);
    let got: Vec<(&str, f64, &str)> = t.iter().map(|x| (x.text.as_str(), x.value, x.unit.as_str())).collect();
    assert_eq!(
        got,
        [
            ("〔14〕", 14.0, "%"),
            ("6.5", 6.5, "%"),
            ("〔60〕", 6e5, "人"),
            ("500", 5e10, "元")
        ],
        "{t:#?}"
    );
    assert!(t.iter().all(|x| x.year == Some(Deadline::Year(2025))), "{t:#?}");
    assert_eq!(t[0].metric.as_deref(), Some("单位地区生产总值能耗降低（累计）"));
    assert_eq!(t[1].metric.as_deref(), Some("居民人均可支配收入增长（年均）"));
    assert_eq!(t[0].attribute.as_deref(), Some("约束性"));
    // A rate has no base-year value to compare with; a level keeps its baseline.
    assert_eq!(t[0].baseline, None);
    assert_eq!(t[3].baseline.map(|b| b.value), Some(3e10));
}

#[test]
fn tab_separated_rows_keep_an_empty_cell_in_its_column() {
    // Copied from a spreadsheet: two tabs stand for an empty cell.
    let text = "指标名称\t单位\t2023年\t2027年\t属性\n\
        重点产业链数量\t条\t\t12\t预期性\n\
        工业投资增速\t%\t5\t6以上\t预期性\n";
    let t = table_targets(text);
    let got: Vec<(&str, f64, &str)> = t.iter().map(|x| (x.text.as_str(), x.value, x.unit.as_str())).collect();
    assert_eq!(got, [("12", 12.0, "条"), ("6以上", 6.0, "%")], "{t:#?}");
    assert_eq!(t[0].baseline, None);
    assert_eq!(t[1].baseline.map(|b| b.value), Some(5.0));
    assert_eq!(t[1].comparator, Comparator::AtLeast);
}

/// A .docx whose body is `paras` then a table of `rows` (cells as given).
fn docx_with_table(paras: &[&str], rows: &[&[&str]]) -> Vec<u8> {
    use std::io::Write as _;
    let p = |t: &str| format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>");
    let mut body: String = paras.iter().map(|t| p(t)).collect();
    body.push_str("<w:tbl>");
    for row in rows {
        body.push_str("<w:tr>");
        for cell in *row {
            body.push_str("<w:tc>");
            body.push_str(&p(cell));
            body.push_str("</w:tc>");
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("word/document.xml", opts).expect("start");
    w.write_all(xml.as_bytes()).expect("write");
    w.start_file("[Content_Types].xml", opts).expect("start");
    w.write_all(types.as_bytes()).expect("write");
    w.finish().expect("finish").into_inner()
}

/// A Word plan with a 主要指标 table of these rows under its header (序号 指标 单位 2023年（基期）
/// 2028年（目标） 属性): the document and its table targets.
fn plan_with_table(rows: &[&[&str]]) -> (duizhao::model::Document, Vec<duizhao::targets::Target>) {
    let mut all: Vec<&[&str]> = vec![&["序号", "指标", "单位", "2023年（基期）", "2028年（目标）", "属性"]];
    all.extend_from_slice(rows);
    let bytes = docx_with_table(
        &[
            "某市智慧农业发展规划（2024—2028年）",
            "一、发展目标",
            "到2028年，智慧农业应用水平显著提升。",
            "附表 主要指标",
        ],
        &all,
    );
    let (mut docs, errors) = duizhao::load_many([("plan.docx", SourceFormat::Docx, bytes.as_slice())]);
    assert!(errors.is_empty(), "{errors:?}");
    let d = docs.pop().expect("a document");
    let ts: Vec<_> = extract(&d).into_iter().filter(|t| t.table).collect();
    (d, ts)
}

#[test]
fn a_docx_indicator_table_gives_its_target_column() {
    let (d, ts) = plan_with_table(&[
        &["1", "农业物联网应用基地", "个", "35", "120", "预期性"],
        &["2", "农产品网络零售额", "亿元", "18.5", "40", "预期性"],
    ]);
    let got: Vec<(&str, f64, &str)> = ts.iter().map(|t| (t.text.as_str(), t.value, t.unit.as_str())).collect();
    assert_eq!(got, [("120", 120.0, "个"), ("40", 4e9, "元")], "{ts:#?}");
    for t in &ts {
        assert_eq!(t.year, Some(Deadline::Year(2028)));
        assert_eq!(t.baseline.map(|b| b.year), Some(Some(2023)));
        let s = d.section(&t.section).expect("section");
        assert_eq!(
            duizhao::text::char_slice(&s.text, t.field_span().start, t.field_span().end),
            t.text
        );
    }
    assert_eq!(ts[1].baseline.map(|b| b.value), Some(1.85e9));
}

/// A cell left empty in Word (no base-year value, no unit) keeps its column: the figure
/// after it is still read under its own header.
#[test]
fn an_empty_docx_cell_does_not_shift_the_target_column() {
    let (_, ts) = plan_with_table(&[
        &["1", "农业物联网应用基地", "个", "", "120", "预期性"],
        &["2", "农产品网络零售额（亿元）", "", "18.5", "40", "预期性"],
    ]);
    let got: Vec<(&str, Option<Deadline>)> = ts.iter().map(|t| (t.text.as_str(), t.year)).collect();
    assert_eq!(
        got,
        [("120", Some(Deadline::Year(2028))), ("40", Some(Deadline::Year(2028)))],
        "{ts:#?}"
    );
    assert_eq!(ts[0].baseline, None, "no base-year value printed");
    assert_eq!(ts[1].baseline.map(|b| b.value), Some(1.85e9));
}

#[test]
fn instruments_rules_classes_and_procedures_are_refused() {
    for text in [
        // Tax incentives and caps per recipient are instruments.
        "企业研发费用加计扣除比例提高到100%，减按15%的税率征收企业所得税",
        "支持符合条件的企业申报，单个项目支持金额不超过300万元",
        // A rule stated 原则上, a provision ratio per unit, what exists.
        "原则上每个家庭医生团队签约人数不超过2000人",
        "每个社区至少配备1名专职社会工作者",
        "全市共有23个县（市、区）",
        // Thresholds that name a class, a sampling procedure, a size describing a thing.
        "就诊人数指在签约机构就诊≥1 次的签约居民",
        "长期雇用10人及以上的个体工商户，可参加社会保险",
        "每个团队抽查20份",
        "推进4.5米直径重型运载火箭研制",
        // A length limit on a form's text, and a count a subsidy grants.
        "项目简介不超过800字，附件另附",
        "符合条件的门店可补贴2次",
    ] {
        none(text);
    }
    // A minimum after a scope verb is a commitment (在不少于…个…), not the scope itself,
    // whichever side of the number says so.
    assert_eq!(one("针对不少于4个重点行业开展示范应用").value, 4.0);
    assert_eq!(one("针对4个以上重点行业开展示范应用").value, 4.0);
    // Support counts that are goals: what a programme funds each year, not what one
    // recipient may get; a text volume to reach, not a cap on a form.
    let f = all("到2027年，每年资助200名青年科技人才开展研究，奖励50家创新型企业。");
    let got: Vec<f64> = f.iter().map(|t| t.value).collect();
    assert_eq!(got, [200.0, 50.0], "{f:#?}");
    assert_eq!(one("到2025年，完成地方古籍数字化1000万字").value, 1.0e7);
    // An amount among the attributes of what a count counts describes it; the count stays.
    let f = all("到2027年，培育年产值超50亿元、具备较强国际竞争力的龙头企业3家，建设产业集聚区4个。");
    let got: Vec<&str> = f.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(got, ["3家", "4个"], "{f:#?}");
    // …while a bound before 的 that is a goal stays one.
    assert_eq!(one("到2025年，60%以上的规上工业企业完成数字化改造").value, 60.0);
}

#[test]
fn the_plan_of_a_year_gives_its_figures_that_year() {
    let t = one("落实基层卫生人才能力提升2024年培训计划，培训不少于1200名乡村医生");
    assert_eq!((t.value, t.year), (1200.0, Some(Deadline::Year(2024))));
    // A year naming anything else is no deadline.
    assert_eq!(one("按照2023年标准，建设示范项目20个").year, None);
}

#[test]
fn a_header_cut_by_a_line_break_keeps_the_years_of_its_columns() {
    // pdftotext's default mode: the year under 基期值 / 目标值 becomes a cell of its own.
    let cells = "表2 主要指标\n指标名称\n单位\n基期值\n（2022年）\n目标值\n（2026年）\n\
        智能网联汽车测试道路\n公里\n300\n1000\n";
    let t = table_targets(cells);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].value, t[0].unit.as_str()), (1000.0, "公里"));
    assert_eq!(t[0].year, Some(Deadline::Year(2026)));
    assert_eq!(t[0].baseline.map(|b| (b.value, b.year)), Some((300.0, Some(2022))));
    // pdftotext -layout: the years on the line under the header.
    let rows = "指标            单位    基期值      目标值      属性\n\
        \x20                       (2022年)    (2026年)\n\
        公共充电桩数量  万个    2.5         8           预期性\n";
    let t = table_targets(rows);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].value, t[0].unit.as_str()), (8e4, "个"));
    assert_eq!(t[0].year, Some(Deadline::Year(2026)));
    assert_eq!(t[0].baseline.map(|b| (b.value, b.year)), Some((2.5e4, Some(2022))));
}

#[test]
fn a_title_over_the_header_and_bold_headers_do_not_hide_the_columns() {
    // A title naming 目标 above a pdftotext -layout header: the header is the next line.
    let spaced = "表3  发展目标指标\n\
        序号   指标名称                  单位     2023年    2027年\n\
        1      数字化车间                个       15        45\n";
    let t = table_targets(spaced);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].value, t[0].year), (45.0, Some(Deadline::Year(2027))));
    assert_eq!(t[0].baseline.map(|b| b.value), Some(15.0));
    // Markdown with bold header cells.
    let bold =
        "| **指标** | **单位** | **2021年** | **2026年** |\n|:---|:---:|:---:|:---:|\n| 智慧社区 | 个 | 40 | 200 |\n";
    let t = table_targets(bold);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].text.as_str(), t[0].year), ("200", Some(Deadline::Year(2026))));
}

#[test]
fn a_line_of_years_over_a_cell_per_line_header_opens_the_table() {
    // pdftotext: the year columns on one line, then the rest of the header a cell per line.
    let text = "2024 年 2025 年 2026 年\n\n序号\n\n指标\n\n1\n\n数据中心机架（万架）\n\n2\n\n3\n\n4.5\n";
    let t = table_targets(text);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        (t[0].text.as_str(), t[0].value, t[0].unit.as_str()),
        ("4.5", 4.5e4, "架")
    );
    assert_eq!(t[0].year, Some(Deadline::Year(2026)));
}

#[test]
fn a_title_and_its_years_on_one_line_over_a_cell_per_line_header() {
    // The outline joins a table's title and its year line: 发展指标2024 年 2025 年 2026 年.
    let text = "数字基础设施发展指标2024 年 2025 年 2026 年\n序号\n指标\n1\n算力规模（EFLOPS）\n10\n15\n20\n";
    let t = table_targets(text);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        (t[0].text.as_str(), t[0].unit.as_str(), t[0].year),
        ("20", "EFLOPS", Some(Deadline::Year(2026)))
    );
}

#[test]
fn a_five_year_plan_named_in_the_title_makes_its_years_before_the_plan_past() {
    // No 发展基础 heading: only the title says when the plan begins.
    let text = |title: &str| {
        format!(
            "{title}\n一、工作进展\n到2020年，全省数字经济规模达到1万亿元。\n二、主要目标\n到2025年，全省数字经济规模达到2万亿元。\n"
        )
    };
    let plan = doc(&text("某省“十四五”数字经济发展规划"));
    assert_eq!(plan.meta.period, Some([2021, 2025]));
    let years: Vec<Option<Deadline>> = extract(&plan).iter().map(|t| t.year).collect();
    assert_eq!(years, [Some(Deadline::Year(2025))]);
    // A title without a plan period: both figures stand.
    assert_eq!(extract(&doc(&text("某省数字经济发展意见"))).len(), 2);
}

#[test]
fn a_long_range_vision_after_the_goal_does_not_date_what_follows() {
    let d = doc(
        "某市行动计划\n一、主要目标\n到2025年，建成数字政府基本框架。到2035年，全面建成数字政府。\n——政务服务事项网上可办率达到100%。\n",
    );
    let t = extract(&d);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(t[0].year, Some(Deadline::Year(2025)));
    // Staged goals within a plan's five years still date what follows by the last stage.
    let d = doc(
        "某市行动计划\n一、主要目标\n到2023年，初步建成数字政府。到2025年，全面建成数字政府。\n——政务服务事项网上可办率达到100%。\n",
    );
    assert_eq!(extract(&d)[0].year, Some(Deadline::Year(2025)));
}

#[test]
fn a_tables_own_title_dates_it_before_a_sentence_above_it() {
    let d = doc(
        "某省“十四五”规划\n一、主要目标\n到2025年，基本建成现代化体系。到2035年，全面建成现代化体系。\n“十四五”时期主要指标\n指标\t目标值\t属性\n数字经济核心产业增加值占比\t10%\t预期性\n",
    );
    let t = extract(&d);
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!((t[0].value, t[0].year), (10.0, Some(Deadline::Year(2025))));
}

#[test]
fn a_list_takes_the_deadline_in_force_where_it_is_introduced() {
    let d = doc(
        "某省生态规划\n一、总体要求\n坚持系统治理，推进生态保护。\n主要目标是：到2030年，生态质量稳步改善。\n具体目标是：\n——湿地保护率达到60%；\n——草原综合植被盖度达到50%以上。\n二、重点任务\n推进湿地修复。\n",
    );
    let years: Vec<Option<Deadline>> = extract(&d).iter().map(|t| t.year).collect();
    assert_eq!(years, [Some(Deadline::Year(2030)); 2]);
    // The introducing line's own deadline wins over the line before it.
    let d = doc(
        "某省生态规划\n一、总体要求\n到2030年，生态质量稳步改善。\n到2027年，主要指标如下：\n——湿地保护率达到60%。\n",
    );
    assert_eq!(extract(&d)[0].year, Some(Deadline::Year(2027)));
}

#[test]
fn a_page_without_numbering_keeps_a_barred_cell_per_line_table_whole() {
    // A web page quoting a table a cell per line, each closed by its bar, and no section
    // numbering: the paragraphs of the table stay one section, so the table is read.
    let d = doc("某区公共文化服务提升计划（摘录）\n\
        下表列出主要指标：\n\
        指标 |\n2022年 |\n2026年 |\n\
        社区文化活动中心覆盖率(%) |\n80 |\n95 |\n\
        (3) |\n\
        人均公共文化设施面积(平方米) |\n0.2 |\n0.3 |\n\
        以上为本区主要指标。\n");
    let t = extract(&d);
    let got: Vec<(&str, Option<Deadline>)> = t.iter().map(|t| (t.text.as_str(), t.year)).collect();
    let y = Some(Deadline::Year(2026));
    assert_eq!(got, [("95", y), ("0.3", y)], "{t:#?}");
}
