//! Target extraction on wordings written for these tests, not taken from the corpus.

#![allow(
    clippy::float_cmp,
    reason = "values read from text are short decimals, parsed exactly; the tests compare them exactly"
)]

use super::*;

fn one(text: &str) -> Found {
    let f = extract_text(text, None);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    f.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn none(text: &str) {
    let f = extract_text(text, None);
    assert!(f.is_empty(), "{text}: {f:?}");
}

#[test]
fn a_standard_set_as_a_multiple_of_another_is_a_norm_and_a_multiple_to_reach_a_goal() {
    none("特困人员基本生活标准按本市最低生活保障标准的1.6倍确定。");
    none("低收入家庭的认定标准，按照本市低保标准的1.5倍执行。");
    let f = one("到2025年，全市研发经费投入达到2020年的1.5倍。");
    assert_eq!((f.value, f.unit.as_str()), (1.5, "倍"));
}

#[test]
fn magnitudes_and_units_normalise_to_base_units() {
    let t = one("到2025年，全省数字经济规模达到2.6万亿元。");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator, t.year),
        (2.6e12, "元", Comparator::AtLeast, Some(Deadline::Year(2025)))
    );
    assert_eq!(t.text, "达到2.6万亿元");
    assert_eq!(t.metric.as_deref(), Some("数字经济规模"));
    let t = one("跨境电商交易额突破800亿元");
    assert_eq!((t.value, t.comparator), (8e10, Comparator::MoreThan));
    let t = one("新增宽带用户超过1000万户");
    assert_eq!((t.value, t.unit.as_str()), (1e7, "户"));
    let t = one("线上培训不少于50万人次");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (5e5, "人次", Comparator::AtLeast)
    );
    let t = one("研发投入强度提高3个百分点");
    assert_eq!((t.value, t.unit.as_str()), (3.0, "个百分点"));
    let t = one("建成５０００个５Ｇ基站以上。");
    assert_eq!((t.value, t.unit.as_str()), (5000.0, "个"));
}

#[test]
fn qualifiers_set_the_comparator() {
    assert_eq!(one("培育独角兽企业10家以上").comparator, Comparator::AtLeast);
    assert_eq!(one("引进团队20个左右").comparator, Comparator::About);
    assert_eq!(one("形成“500+”创新产品").comparator, Comparator::AtLeast);
    assert_eq!(one("形成“500+”创新产品").text, "“500+”");
    assert_eq!(one("上云率为45%").comparator, Comparator::Equal);
    assert_eq!(one("单位能耗降低约8%").comparator, Comparator::About);
    assert_eq!(one("建成近千个站点").comparator, Comparator::About);
}

#[test]
fn a_one_character_qualifier_is_not_the_end_of_a_word() {
    // 节约 "save", 最近 "recent", 发达 "developed": the 约, 近 and 达 are not "about" or "at least".
    let t = one("到2027年，年节约标准煤120万吨");
    assert_ne!(t.comparator, Comparator::About);
    assert_eq!(t.value, 1.2e6);
    assert_ne!(one("到2025年，集约利用土地50万亩").comparator, Comparator::About);
    // A longer word makes it a qualifier again: 折合约 (about), 研发达 (R&D reaches).
    assert_eq!(one("能源消费总量折合约500万吨标准煤").comparator, Comparator::About);
    assert_eq!(one("科技研发达80亿元").comparator, Comparator::AtLeast);
    let f = extract_text("最近3年内未发生重大事故", None);
    assert!(f.iter().all(|t| t.comparator != Comparator::About), "{f:?}");
}

#[test]
fn chinese_numeral_quantities_count_vague_words_do_not() {
    let t = one("建设十个智慧园区");
    assert_eq!((t.value, t.unit.as_str()), (10.0, "个"));
    assert_eq!(one("培育百家数字化服务商").value, 100.0);
    none("培育一批龙头企业，支持若干示范项目，建设一个平台");
    none("推动数十家企业上云");
    none("推进一、二、三次产业融合，推行两部制电价，坚持四个全面");
    assert_eq!(one("建设三个区域中心").value, 3.0);
}

#[test]
fn a_count_of_size_classes_in_numerals_counts_the_things() {
    // As 打造2个万亿级产业集群: the count is the target, the class describes what is counted.
    let t = one("打造两个万亿级产业集群");
    assert_eq!((t.text.as_str(), t.value, t.unit.as_str()), ("两个", 2.0, "个"));
    assert_eq!(t.metric.as_deref(), Some("万亿级产业集群"));
    none("让数字红利惠及千家万户");
    // A list of such counts: the verb before the first governs the next.
    let f = extract_text("培育两个万亿级、五个千亿级产业集群", None);
    assert_eq!(f.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["两个", "五个"]);
    none("推进一、二、三次产业融合，坚持四个全面、两个确立");
}

#[test]
fn what_only_looks_like_a_quantity_is_not_a_target() {
    for text in [
        "发布时间：2021-06-30 10:12",
        "2023年5月4日印发",
        "根据《某省人民政府办公厅关于推进数字化转型的意见》（某政办〔2021〕38号）要求",
        "经2022年4月1日市政府第12次常务会议审议通过",
        "推进5G、4K/8K超高清视频和IPv6规模部署",
        "深入贯彻党的二十大和二十届三中全会精神",
        "推行7*24小时不打烊服务",
        "某省数字经济发展规划（2023—2027年）",
        "构建“1+N+X”平台体系和“6+365”交易服务",
        "建设教育广场3.0版",
        "实施“5321”工程",
        "第三，加强协调",
    ] {
        none(text);
    }
}

#[test]
fn a_deadline_stated_once_holds_for_the_targets_it_governs() {
    let f = extract_text(
        "到2027年末，建成智能工厂50家。培育上云企业3000家；新增专精特新企业200家以上。",
        None,
    );
    assert_eq!(f.len(), 3);
    assert!(f.iter().all(|t| t.year == Some(Deadline::Year(2027))), "{f:?}");
    // A goal stated before the deadline in the same unit.
    let f = extract_text("打造四个“200+”。到2026年底，将本市建成数字经济高地。", None);
    assert_eq!((f.len(), f[0].year), (1, Some(Deadline::Year(2026))));
    // Each target takes the deadline of its own sentence.
    let f = extract_text("到2025年，培育10家平台企业。到2030年，培育30家平台企业。", None);
    assert_eq!(
        f.iter().map(|t| t.year).collect::<Vec<_>>(),
        [Some(Deadline::Year(2025)), Some(Deadline::Year(2030))]
    );
    assert_eq!(one("每年认定20个示范项目").year, Some(Deadline::EveryYear));
    assert_eq!(one("建设20个示范项目").year, None);
    assert_eq!(
        extract_text("建设20个示范项目", Some(Deadline::Year(2024)))[0].year,
        Some(Deadline::Year(2024))
    );
}

#[test]
fn metrics_name_what_is_counted() {
    assert_eq!(
        one("到2025年，培育300家上云标杆企业").metric.as_deref(),
        Some("上云标杆企业")
    );
    assert_eq!(
        one("全省常住人口电子社保卡覆盖率达到95%").metric.as_deref(),
        Some("常住人口电子社保卡覆盖率")
    );
    assert_eq!(one("完成超20万人次的线上培训").metric.as_deref(), Some("线上培训"));
    assert_eq!(
        one("培育50家以上拥有核心技术、具有竞争力的创新型企业，")
            .metric
            .as_deref(),
        Some("创新型企业")
    );
    assert_eq!(one("建设30个智能工厂、数字化车间").metric.as_deref(), Some("智能工厂"));
}

#[test]
fn spans_are_char_offsets_into_the_text() {
    let text = "（一）目标。到2025年，建设智慧学校500所以上。";
    let t = one(text);
    assert_eq!(crate::text::char_slice(text, t.span.start, t.span.end), "500所以上");
}

#[test]
fn a_doubling_word_is_a_target_as_the_verb_of_its_clause() {
    let t = one("到2030年，全省技术合同成交额倍增，创新能力显著增强。");
    assert_eq!(
        (t.value, t.unit.as_str(), t.year),
        (2.0, "倍", Some(Deadline::Year(2030)))
    );
    // Before a noun it qualifies it; in a list of effects it is a slogan.
    none("充分发挥平台的放大、倍增效应");
    none("实施城乡居民收入倍增计划");
    none("推动资源共享、效率倍增，开辟发展新空间");
}

#[test]
fn a_plan_period_after_a_comparison_word_is_a_base_not_the_deadline() {
    let t = one("到2030年，单位产值能耗较“十四五”末降低8%。");
    assert_eq!((t.value, t.year), (8.0, Some(Deadline::Year(2030))));
    let t = one("与“十三五”期末相比，到2027年新增绿色工厂50家。");
    assert_eq!((t.value, t.year), (50.0, Some(Deadline::Year(2027))));
    // The plan's end is still a deadline where nothing compares with it.
    assert_eq!(one("到“十四五”末，建成绿色工厂50家").year, Some(Deadline::Year(2025)));
}

#[test]
fn a_cost_ratio_a_goal_verb_sets_is_a_target_a_fee_is_not() {
    let t = one("到2027年，规模以上工业企业研发费用占营业收入比重达到2%。");
    assert_eq!(
        (t.value, t.unit.as_str(), t.year),
        (2.0, "%", Some(Deadline::Year(2027)))
    );
    let t = one("推动全社会物流总费用与地区生产总值的比率降至 12.5%");
    assert_eq!((t.value, t.unit.as_str()), (12.5, "%"));
    // Fees and bounded shares of money stay refused.
    none("项目管理费用占项目资金的比例不超过5%");
    none("服务费率下调至0.6%");
    none("收费标准按成本的110%核定");
}

#[test]
fn a_threshold_at_least_before_a_class_names_the_class() {
    // The figure measures members of the class (人数), it sets nothing.
    none("对从业人员50人以上的小微企业加强安全检查");
    // A verb of achieving makes the same shape a goal.
    assert_eq!(one("建成5个以上的数字化示范区").value, 5.0);
}

#[test]
fn the_size_of_a_place_is_a_description_an_area_to_reach_a_target() {
    none("核心区面积约12平方公里，协同区面积约30平方公里。");
    assert_eq!(one("到2027年，新增绿地面积约12平方公里。").value, 12.0);
}

#[test]
fn a_level_verb_counts_across_the_spaces_of_a_converted_pdf() {
    let t = one("——营商环境指数提升到 92.3；");
    assert_eq!((t.value, t.unit.as_str()), (92.3, ""));
    // The dash that marks a bulleted indicator is not part of its name.
    assert_eq!(t.metric.as_deref(), Some("营商环境指数"));
}

#[test]
fn bounds_joined_by_a_dun_before_de_name_one_class() {
    none("对从业人数超过50人、营业面积超过1000平方米的商场加强检查");
    // An item after 、 that states no bound is another goal, not the class's description.
    assert_eq!(
        extract_text("到2025年，示范企业超过100家、服务站点覆盖全部乡镇", None).len(),
        1
    );
}

#[test]
fn every_year_governs_its_own_clause_only() {
    let f = extract_text(
        "到2030年，建成标准体系。每年发布行业标准不少于30项，标准制定周期缩短20%。",
        None,
    );
    assert_eq!(
        f.iter().map(|t| t.year).collect::<Vec<_>>(),
        [Some(Deadline::EveryYear), Some(Deadline::Year(2030))]
    );
    // The counts of clauses that continue a yearly quota are yearly too.
    let f = extract_text("每年遴选10个以上示范场景，举办对接活动50场以上。", None);
    assert!(f.iter().all(|t| t.year == Some(Deadline::EveryYear)), "{f:?}");
}

#[test]
fn a_unit_before_ji_grades_a_thing_and_a_developed_length_is_its_specification() {
    none("研制3000米级深水钻井系统");
    none("攻关 15000 米智能钻机");
    assert_eq!(one("到2030年，新建油气管道2万公里").value, 2e4);
}

#[test]
fn a_number_on_its_own_line_is_the_value_its_line_asks_for() {
    // A PDF that sets every number on a line of its own.
    let t = one("预计春节期间填谷响应总规模为\n50\n万千瓦，确保电网安全。");
    assert_eq!((t.value, t.unit.as_str()), (5e5, "千瓦"));
    // A page number between two lines of a sentence is not joined to the next line.
    none("推进智慧城市建设\n12\n个人信息保护制度健全。");
}

#[test]
fn a_condition_and_what_was_done_are_not_goals() {
    // The terms of a rule: what happens if a figure is reached or missed.
    none("若实际完成量低于计划量的80%，按照标准的50%结算；若高于计划量的\n120%\n，超出部分不予结算。");
    none("如果年度考核得分达到90分以上，次年优先安排。");
    // A perfective 了 reports the past, across the line break a PDF puts before the number.
    none("从实施效果看，试点满足了超过\n1000\n万户居民的采暖需求。");
    // 若干 (several) is no condition, 为了 (in order to) no past.
    assert_eq!(
        one("关于促进消费的若干措施：到2027年，全市培育10个消费新场景。").value,
        10.0
    );
    assert_eq!(one("为了到2026年建成50个示范点，加快推进。").value, 50.0);
}

#[test]
fn a_figure_naming_who_a_subsidy_goes_to_is_no_goal() {
    none("研发投入达到或超过1亿元/年的企业，给予一次性补助800万元；");
    none("3000万元（含）至1亿元（不含）/年的企业，给予一次性补助300万元。");
    assert_eq!(
        one("到2025年，全市研发投入达到100亿元，对达标企业给予奖励。").value,
        1e10
    );
    // Counts to be reached, then support for them: goals.
    assert_eq!(
        one("到2025年，认定100家以上的专精特新企业，对新认定的企业给予一次性奖励。").value,
        100.0
    );
    assert_eq!(one("培育10个以上的示范基地，给予资金补助。").value, 10.0);
}

#[test]
fn a_per_year_capacity_bound_before_a_facility_names_a_class() {
    none("重点检查30万吨/年以下煤矿、10万吨/年及以上的化工装置");
    assert_eq!(one("到2025年，新增炼化产能500万吨/年").value, 5e6);
}

#[test]
fn a_number_in_a_cited_title_names_the_document() {
    none("根据《某市关于加快建设创新城市的十条意见》，推进改革。");
    none("贯彻《某省促进民营经济发展的20条措施》要求");
    // After the title, the document's own goal counts.
    assert_eq!(one("落实《某市创新城市建设规划》，建设10个创新园区。").value, 10.0);
}

#[test]
fn the_weights_of_a_scoring_formula_are_not_goals() {
    none("季度考核得分=日常督查（50%）+现场核查（30%）+群众评议（20%）");
    none("综合得分=自评得分×（40%）");
    // A share in brackets in prose, with no formula, stays a goal.
    assert_eq!(one("到2025年，企业上云率达到（60%）。").value, 60.0);
}

#[test]
fn a_count_of_aspects_is_not_a_goal() {
    none("统筹推进八个方面重点任务");
    none("汇总12个方面的评分，计算平均分值");
    assert_eq!(one("建设12个示范园区").value, 12.0);
}

#[test]
fn the_number_of_indicators_a_heading_lists_is_not_a_goal() {
    none("二、创新类指标（6项）");
    assert_eq!(one("——民生类目标(4个)。城镇新增就业1.2万人。").value, 1.2e4);
}

#[test]
fn a_baseline_is_not_a_goal() {
    none("在首批45项高频事项“一网通办”的基础上，持续拓展服务范围");
    none("在现有企业登记、社保查询等30项服务的基础上，继续拓展");
    assert_eq!(one("在此基础上，新增示范企业30家。").value, 30.0);
}

#[test]
fn the_people_or_firms_an_activity_reaches_are_its_quota() {
    let t = one("每年面向5000名基层干部开展数字技能培训。");
    assert_eq!((t.value, t.year), (5000.0, Some(Deadline::EveryYear)));
    assert_eq!(one("面向200家中小企业开展免费诊断服务").value, 200.0);
    // Other objects of 面向, 围绕 stay a scope.
    none("面向4个重点行业开展试点");
    none("围绕8个重点产业链开展招商");
}

#[test]
fn firms_of_a_jurisdiction_a_goal_names_count_its_divisions_do_not() {
    assert_eq!(one("推动全市200家企业完成数字化改造").value, 200.0);
    // Firms whose noun opens with a division's name are firms.
    assert_eq!(one("推动全市500家市场主体上云").value, 500.0);
    assert_eq!(one("全省100家区域性龙头企业完成数字化改造").value, 100.0);
    assert_eq!(one("推动全省1000家县域企业上云").value, 1000.0);
    none("全省16个设区市全部纳入试点");
    none("覆盖全省11座城市的监测网络");
}

#[test]
fn a_price_level_is_an_indicator_a_price_charged_is_not() {
    assert_eq!(one("居民消费价格涨幅控制在3%左右").value, 3.0);
    assert_eq!(one("居民消费价格指数涨幅2.5%左右").value, 2.5);
    none("公共停车收费价格下浮10%");
    none("物业服务收费标准上涨不超过5%");
}

#[test]
fn a_rate_set_by_an_amount_with_support_after_it_is_the_subsidy() {
    none("省级按项目合同金额的20%，给予一次性奖励，单个企业最高200万元。");
    // A rate to reach, with praise after it, stays a goal.
    assert_eq!(one("按期办结率达到95%，对成绩突出的单位给予通报表扬。").value, 95.0);
    // 按时 is on time, not a rate's basis.
    assert_eq!(one("按时办结率100%，对成绩突出的单位给予通报表扬。").value, 100.0);
}

#[test]
fn a_magnitude_in_numerals_after_a_qualifier_is_a_bare_amount() {
    let t = one("到2030年，智能网联汽车用户超千万，产业生态基本形成。");
    assert_eq!(
        (t.text.as_str(), t.value, t.comparator, t.year),
        ("超千万", 1e7, Comparator::MoreThan, Some(Deadline::Year(2030)))
    );
    assert_eq!(one("平台交易额突破百亿。").value, 1e10);
    // 千万 as an adverb, and a magnitude before a noun without a qualifier, are no amounts.
    none("千万不能放松安全生产");
    none("关系到千万家庭的切身利益");
}

#[test]
fn departments_a_goal_reaches_count_its_authors_do_not() {
    assert_eq!(one("打通市级40个部门的业务数据").value, 40.0);
    none("由省发改委等12个部门联合推进");
    none("成立由15个部门组成的工作专班");
    none("省发改委、省财政厅等8个部门共同负责");
    none("12个部门联合印发实施方案");
    // Departments a goal verb brings in are its object, counted.
    assert_eq!(one("推动全市50个部门参与数据共享").value, 50.0);
}

#[test]
fn zhao_alone_after_a_number_is_a_bandwidth() {
    let t = one("力争实现100兆宽带进村入户");
    assert_eq!((t.value, t.unit.as_str()), (100.0, "Mbps"));
    assert_eq!(one("新增装机容量50兆瓦").unit, "兆瓦");
    assert_eq!(one("新增变电容量1200兆伏安").unit, "兆伏安");
    assert_eq!(one("年供热量达到500兆焦").unit, "兆焦");
    assert_eq!(one("新增储能10兆瓦时").unit, "兆瓦时");
    // The tiers in numerals are names of a class of network, not amounts.
    none("建设千兆光网、万兆园区网络");
}

#[test]
fn a_ratio_is_one_value() {
    let t = one("城乡居民收入比缩小到1.8∶1以内");
    assert_eq!((t.value, t.comparator), (1.8, Comparator::AtMost));
    assert!(t.text.ends_with("1.8∶1以内"), "{}", t.text);
    assert_eq!(one("两地人均产值之比缩小到1.5:1").value, 1.5);
    assert_eq!(one("专兼职人员之比达到3：2").value, 1.5);
    none("会议于9:30召开");
    none("按1∶1比例配套资金");
    // A ratio of one to a two-digit number reads like a clock time; after 比 it is a ratio.
    let t = one("中小学师生比达到1:15");
    assert!((t.value - 1.0 / 15.0).abs() < 1e-9, "{}", t.value);
    assert!(t.text.ends_with("1:15"), "{}", t.text);
    assert!((one("全市医护比不低于1：12").value - 1.0 / 12.0).abs() < 1e-9);
    none("每日服务时间延长到22:00");
    none("比赛时间延长到21:30");
}

#[test]
fn figure_and_table_numbers_are_labels() {
    none("到2028年，各类场景的数字化水平明显提升（如图 2 所示）。");
    none("图 3 场景分类");
    none("到2028年，主要指标见表 4。");
    none("到2028年，重点任务详见附表1。");
    // 表 and 图 inside a word are no label: 发表, 地图.
    let t = one("到2028年，力争发表30篇以上高水平论文。");
    assert_eq!(t.value, 30.0);
    let t = one("到2028年，编制专题地图3套。");
    assert_eq!(t.value, 3.0);
    // 意见表 is a form, not 见表; OCR-spaced 地 图 and 代 表 are the words.
    let t = one("到2028年，收集征求意见表200份以上。");
    assert_eq!(t.value, 200.0);
    let t = one("到2028年，编 制 专 题 地 图 3 套。");
    assert_eq!(t.value, 3.0);
    let t = one("到2028年，选 出 代 表 20 名。");
    assert_eq!(t.value, 20.0);
    none("到 2028 年 ， 如 图 2 所 示 。");
}

#[test]
fn a_magnitude_in_chinese_numerals_measures_a_physical_unit() {
    let t = one("到2030年，废钢铁年利用量达到百万吨以上。");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (1e6, "吨", Comparator::AtLeast)
    );
    let t = one("到2030年，建成千万亩高标准农田。");
    assert_eq!((t.value, t.unit.as_str()), (1e7, "亩"));
    // A size class and a vague amount stay out.
    none("到2030年，建设一批百万吨级乙烯项目。");
    none("到2030年，数百万吨固废得到利用。");
    // The 千 of 千瓦 is the unit's: 百万千瓦 is a million kilowatts.
    let t = one("到2030年，风电装机达到百万千瓦。");
    assert_eq!((t.value, t.unit.as_str()), (1e6, "千瓦"));
    let t = one("到2030年，新能源装机突破两千万千瓦。");
    assert_eq!((t.value, t.unit.as_str()), (2e7, "千瓦"));
    let t = one("到2030年，年发电量达到千万千瓦时以上。");
    assert_eq!(
        (t.value, t.unit.as_str(), t.comparator),
        (1e7, "千瓦时", Comparator::AtLeast)
    );
    none("到2030年，建设一批百万千瓦级风电基地。");
}

#[test]
fn digits_that_ocr_set_apart_are_one_number() {
    let t = one("到2 0 2 8年，全市地区生产总值达到3 6 0 0亿元左右。");
    assert_eq!((t.value, t.year), (3.6e11, Some(Deadline::Year(2028))));
    assert_eq!(t.comparator, Comparator::About);
    assert_eq!(one("城镇登记失业率控制在4 %以内").value, 4.0);
    assert_eq!(one("森林覆盖率达到6 5 %").value, 65.0);
    assert_eq!(one("全市常住人口达到1 2.5万人").value, 1.25e5);
    // Numbers of more than one digit stay apart: cells of a row, a range written with spaces.
    let f = extract_text("到2025年，新建5G基站 12 30 个", None);
    assert!(f.iter().all(|t| t.value != 1230.0), "{f:?}");
}

mod document;
