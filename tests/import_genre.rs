//! The importer against the genre: the bundled 2023 plan, the deadline-style sample, small
//! hand-written plans in other shapes, and a property test that it never panics.

use proptest::prelude::*;
use yaodian::core::import::{DiagnosticKind, ImportError, ImportOptions, Imported, parse};
use yaodian::core::model::{Role, Target, TargetKind};
use yaodian::lang::Lang;

const SEED: &str = include_str!("../data/2023-work-plan.txt");
const DEADLINE: &str = include_str!("data/deadline-style-plan.txt");

fn import(text: &str) -> Imported {
    match parse(text, &ImportOptions::default()) {
        Ok(i) => i,
        Err(e) => panic!("import failed: {e}"),
    }
}

fn targets_of<'a>(imp: &'a Imported, item: &str) -> Vec<&'a Target> {
    imp.plan.targets.iter().filter(|t| t.item.as_deref() == Some(item)).collect()
}

fn quantities(imp: &Imported, item: &str) -> Vec<(f64, String)> {
    targets_of(imp, item)
        .into_iter()
        .filter(|t| t.kind == TargetKind::Quantity)
        .map(|t| (t.goal, t.unit.clone()))
        .collect()
}

fn qu(g: f64, u: &str) -> (f64, String) {
    (g, u.to_string())
}

fn depts(imp: &Imported, item: &str) -> Vec<(String, Role)> {
    imp.plan
        .items
        .iter()
        .find(|i| i.id == item)
        .map(|i| i.departments.iter().map(|d| (d.name.clone(), d.role)).collect())
        .unwrap_or_default()
}

fn lead(names: &[&str]) -> Vec<(String, Role)> {
    names.iter().map(|n| (n.to_string(), Role::Lead)).collect()
}

fn due(imp: &Imported, item: &str) -> Option<String> {
    imp.plan.items.iter().find(|i| i.id == item).and_then(|i| i.due).map(|d| d.to_string())
}

// ---------------------------------------------------------------- the bundled 2023 plan

#[test]
fn seed_outline() {
    let imp = import(SEED);
    let p = &imp.plan;
    assert_eq!(p.title, "市体育局2023年工作要点");
    assert_eq!(p.year, 2023);
    assert_eq!(p.id, "2023");
    assert_eq!(p.start.to_string(), "2023-01-01");
    assert_eq!(p.end.to_string(), "2023-12-31");
    assert!(p.preamble.starts_with("2023年，全市**工作"));
    assert_eq!(p.themes.len(), 6);
    assert_eq!(p.themes[0].title, "强化政治建设，推动**事业迈上新台阶");
    assert!(p.themes[1].intro.starts_with("牢固树立创新意识"));
    let numbers: Vec<u32> = p.items.iter().map(|i| i.number).collect();
    let expected: Vec<u32> = (1..=10).chain(12..=22).collect();
    assert_eq!(numbers, expected);
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    let expected_ids: Vec<String> = expected.iter().map(u32::to_string).collect();
    assert_eq!(ids, expected_ids);
    let skipped: Vec<_> =
        imp.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::SkippedNumber).collect();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].message(Lang::En).contains("11"), "{}", skipped[0].message(Lang::En));
    assert_eq!(skipped[0].line, 21);
    let item13 = &p.items[11];
    assert_eq!(item13.id, "13");
    assert_eq!(item13.theme, 4);
    assert_eq!(item13.title, "开展场地设施补短板行动");
    assert!(item13.text.starts_with("开展场地设施补短板行动。落实国家"));
    assert!(item13.text.ends_with("（责任科室：群众**科）"));
    assert_eq!(item13.line, 22);
}

#[test]
fn seed_departments() {
    let imp = import(SEED);
    for id in ["5", "6", "7", "20", "21", "22"] {
        assert_eq!(depts(&imp, id), lead(&["办公室"]), "item {id}");
    }
    assert_eq!(depts(&imp, "8"), lead(&["业余训练科"]));
    for id in ["9", "10"] {
        assert_eq!(depts(&imp, id), lead(&["业余训练科", "竞技**科"]), "item {id}");
    }
    for id in ["12", "13", "14", "15"] {
        assert_eq!(depts(&imp, id), lead(&["群众**科"]), "item {id}");
    }
    for id in ["16", "17", "18", "19"] {
        assert_eq!(depts(&imp, id), lead(&["**产业科"]), "item {id}");
    }
    let none: Vec<usize> = imp
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::NoDepartment)
        .map(|d| d.line)
        .collect();
    assert_eq!(none, [5, 6, 7, 8]);
    for id in ["1", "2", "3", "4"] {
        assert!(depts(&imp, id).is_empty());
    }
}

#[test]
fn seed_quantities() {
    let imp = import(SEED);
    let all: Vec<_> = imp.plan.targets.iter().filter(|t| t.kind == TargetKind::Quantity).collect();
    assert_eq!(all.len(), 11);
    assert_eq!(quantities(&imp, "9"), [qu(60.0, "所")]);
    assert_eq!(
        quantities(&imp, "13"),
        [qu(100.0, "处"), qu(8000.0, "件"), qu(3.0, "个"), qu(100.0, "公里")]
    );
    assert_eq!(quantities(&imp, "14"), [qu(300.0, "场"), qu(100.0, "场")]);
    assert_eq!(quantities(&imp, "15"), [qu(2000.0, "人"), qu(10.0, "场"), qu(10000.0, "人")]);
    assert_eq!(quantities(&imp, "18"), [qu(5.0, "个")]);
    let t14 = targets_of(&imp, "14");
    assert_eq!(t14[1].parent.as_deref(), Some(t14[0].id.as_str()));
    assert_eq!(t14[0].parent, None);
    let t13 = targets_of(&imp, "13");
    assert_eq!(t13[0].id, "13.1");
    assert_eq!(t13[0].name, "新建公共**场地设施");
    assert_eq!(t13[1].name, "维修健身器材");
    assert_eq!(t13[1].source, "维修健身器材8000 件");
    assert_eq!(t13[1].line, 22);
    assert_eq!(targets_of(&imp, "9")[1].name, "新创建篮球特色学校");
    assert!(imp.plan.targets.iter().all(|t| t.item.is_some()));
    assert!(imp.plan.targets.iter().all(|t| t.kind != TargetKind::Percentage));
}

#[test]
fn seed_milestones() {
    let imp = import(SEED);
    let ms: Vec<(String, String)> = imp
        .plan
        .targets
        .iter()
        .filter(|t| t.kind == TargetKind::Milestone)
        .map(|t| (t.item.clone().unwrap_or_default(), t.name.clone()))
        .collect();
    let m = |i: &str, n: &str| (i.to_string(), n.to_string());
    assert_eq!(
        ms,
        [
            m("9", "《关于深化体教融合促进青少年健康发展的实施意见》"),
            m("10", "《**市教练员管理办法》"),
            m("12", "《新建居住区配套**设施建设管理办法》"),
            m("12", "《政府购买全民健身公共服务暂行办法》"),
            m("12", "《**市公共足球场管理办法》"),
            m("12", "《星级**服务综合体建设指南》"),
            m("15", "《**市社会**指导员组织管理办法》"),
        ]
    );
    for t in imp.plan.targets.iter().filter(|t| t.kind == TargetKind::Milestone) {
        assert_eq!((t.goal, t.unit.as_str()), (1.0, ""));
    }
    // Milestones and quantities share the per-item counter, in document order.
    let ids: Vec<&str> = targets_of(&imp, "15").iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["15.1", "15.2", "15.3", "15.4"]);
    assert_eq!(targets_of(&imp, "15")[0].kind, TargetKind::Milestone);
    assert!(targets_of(&imp, "4").is_empty());
}

#[test]
fn seed_has_no_false_targets() {
    let imp = import(SEED);
    assert_eq!(imp.plan.targets.len(), 18);
    for t in &imp.plan.targets {
        for bad in ["5G", "1+N", "十四五", "第十二届", "A级", "二十大", "三个一", "二个一"]
        {
            assert!(!t.source.contains(bad), "{t:?}");
            assert!(!t.name.contains(bad), "{t:?}");
        }
    }
    let not: Vec<String> = imp
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::NotATarget)
        .map(|d| d.message(Lang::En))
        .collect();
    assert!(not.iter().any(|m| m.contains("5G")), "{not:?}");
    assert!(not.iter().any(|m| m.contains("1+N")), "{not:?}");
    assert!(!not.iter().any(|m| m.contains("2023")), "{not:?}");
}

// ---------------------------------------------------------------- the deadline-style sample

#[test]
fn deadline_sample_outline_and_departments() {
    let imp = import(DEADLINE);
    let p = &imp.plan;
    assert_eq!(p.year, 2025);
    assert_eq!(p.themes.len(), 4);
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1"]);
    assert_eq!(depts(&imp, "1.1"), lead(&["竞技体育处"]));
    assert_eq!(depts(&imp, "2.2"), lead(&["群众体育处", "市体育总会"]));
    assert_eq!(depts(&imp, "3.2"), lead(&["群众体育处", "计划财务处"]));
    assert!(!imp.diagnostics.iter().any(|d| d.kind == DiagnosticKind::NoDepartment));
    assert!(!imp.diagnostics.iter().any(|d| d.kind == DiagnosticKind::NotATarget));
}

#[test]
fn deadline_sample_targets() {
    let imp = import(DEADLINE);
    assert_eq!(quantities(&imp, "2.1"), [qu(30.0, "项次")]);
    assert_eq!(quantities(&imp, "2.2"), [qu(700.0, "项次"), qu(200_000.0, "人次")]);
    assert_eq!(quantities(&imp, "3.2"), [qu(495.0, "处")]);
    assert_eq!(quantities(&imp, "4.1"), [qu(60.0, "条")]);
    assert!(quantities(&imp, "1.1").is_empty());
    let theme: Vec<_> = imp.plan.targets.iter().filter(|t| t.item.is_none()).collect();
    assert_eq!(theme.len(), 1);
    assert_eq!(theme[0].id, "t4.1");
    assert_eq!(theme[0].theme, 4);
    assert_eq!(theme[0].kind, TargetKind::Percentage);
    assert_eq!((theme[0].goal, theme[0].unit.as_str()), (90.0, "%"));
    assert!(theme[0].name.contains("覆盖率"));
    assert_eq!(imp.plan.targets.iter().filter(|t| t.kind == TargetKind::Quantity).count(), 5);
}

#[test]
fn deadline_sample_dates() {
    let imp = import(DEADLINE);
    let steps: Vec<(String, Option<String>)> = targets_of(&imp, "1.1")
        .iter()
        .map(|t| {
            assert_eq!(t.kind, TargetKind::Milestone);
            (t.id.clone(), t.due.map(|d| d.to_string()))
        })
        .collect();
    let s = |i: &str, d: &str| (i.to_string(), Some(d.to_string()));
    assert_eq!(
        steps,
        [s("1.1.1", "2025-04-30"), s("1.1.2", "2025-08-31"), s("1.1.3", "2025-09-30")]
    );
    assert_eq!(targets_of(&imp, "1.1")[0].name, "签订办赛协议");
    assert_eq!(due(&imp, "1.1").as_deref(), Some("2025-09-30"));
    assert_eq!(due(&imp, "2.1").as_deref(), Some("2025-12-31"));
    assert_eq!(due(&imp, "2.2").as_deref(), Some("2025-12-31"));
    assert_eq!(due(&imp, "3.1").as_deref(), Some("2025-02-28"));
    assert_eq!(due(&imp, "3.2").as_deref(), Some("2025-03-31"));
    assert_eq!(due(&imp, "4.1").as_deref(), Some("2025-06-30"));
    assert_eq!(targets_of(&imp, "1.2").len(), 3);
}

// ---------------------------------------------------------------- other shapes of the genre

#[test]
fn word_export_with_bom_crlf_footer_and_wraps() {
    let text = "\u{feff}某区文化局２０２４年工作要点\r\n\r\n\u{3000}\u{3000}前言段落。\r\n\
一、完善公共设施\r\n\
1．新建公共场地设施１００\r\n处，维修健身器材８０００件。（牵头科室：办公室；配合科室：财务科、规划科）\r\n\
\r\n— 3 —\r\n\r\n\
2、完成投资3.5亿元，新建绿道不少于12.5公里，全年举办活动20万人次。（责任科室：群众体育科）\r\n";
    let imp = import(text);
    let p = &imp.plan;
    assert_eq!(p.title, "某区文化局2024年工作要点");
    assert_eq!(p.year, 2024);
    assert_eq!(p.preamble, "前言段落。");
    assert_eq!(p.items.len(), 2);
    assert_eq!(p.items[0].text.chars().filter(|c| *c == '\n').count(), 0);
    assert_eq!(
        depts(&imp, "1"),
        [
            ("办公室".to_string(), Role::Lead),
            ("财务科".to_string(), Role::Support),
            ("规划科".to_string(), Role::Support),
        ]
    );
    assert_eq!(quantities(&imp, "1"), [qu(100.0, "处"), qu(8000.0, "件")]);
    let t1 = targets_of(&imp, "1");
    assert_eq!(t1[0].line, 5);
    assert_eq!(t1[1].line, 6);
    assert_eq!(
        quantities(&imp, "2"),
        [qu(350_000_000.0, "元"), qu(12.5, "公里"), qu(200_000.0, "人次")]
    );
    assert_eq!(p.items[1].line, 10);
    assert!(imp.diagnostics.is_empty(), "{:?}", imp.diagnostics);
}

#[test]
fn sections_and_restarting_numbers() {
    let text = "某局2024年工作要点\n一、甲\n（一）子一\n1.新建足球场3个。（责任单位：一处）\n2.乙。（责任单位：一处）\n（二）子二\n1.丙。（责任单位：二处）\n二、乙\n（一）子三\n1.丁。（责任单位：三处）";
    let imp = import(text);
    let ids: Vec<&str> = imp.plan.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1.1.1", "1.1.2", "1.2.1", "2.1.1"]);
    assert_eq!(imp.plan.themes[0].sections.len(), 2);
    assert_eq!(imp.plan.items[2].section, Some(2));
    assert_eq!(targets_of(&imp, "1.1.1")[0].id, "1.1.1.1");
    assert!(!imp.diagnostics.iter().any(|d| d.kind == DiagnosticKind::SkippedNumber));
}

#[test]
fn paren_items_and_flat_lists() {
    let text = "某局2024年重点任务\n（1）新建健身步道5条、驿站2个。（牵头单位：甲）\n（2）改建3个社区市民健身中心。（牵头单位：乙）";
    let imp = import(text);
    assert_eq!(imp.plan.themes.len(), 1);
    assert_eq!(imp.plan.themes[0].title, "某局2024年重点任务");
    let names: Vec<&str> = imp.plan.targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["新建健身步道", "新建驿站", "改建社区市民健身中心"]);
    assert_eq!(imp.plan.items[1].id, "2");
}

#[test]
fn not_targets_in_context() {
    let text = "某局2024年工作要点\n一、甲\n1.举办第12届运动会，5月18日开幕，打造15分钟健身圈，落实2021-2025年规划，贯彻《条例》，推进“十四五”和“三个一”建设。（责任科室：办公室）\n2.健身器材完好率达98%，提高覆盖率到95.5%。3月底前完成。（责任科室：办公室）";
    let imp = import(text);
    assert!(targets_of(&imp, "1").is_empty(), "{:?}", targets_of(&imp, "1"));
    let t2 = targets_of(&imp, "2");
    assert_eq!(t2.len(), 2);
    assert_eq!(t2[0].kind, TargetKind::Percentage);
    assert_eq!((t2[0].name.as_str(), t2[0].goal), ("健身器材完好率", 98.0));
    assert_eq!(t2[1].goal, 95.5);
    assert_eq!(due(&imp, "2").as_deref(), Some("2024-03-31"));
    let not: Vec<_> =
        imp.diagnostics.iter().filter(|d| d.kind == DiagnosticKind::NotATarget).collect();
    assert!(not.len() >= 4, "{not:?}");
    assert!(not.iter().all(|d| d.line == 3));
}

#[test]
fn target_due_from_its_clause() {
    let text = "某局2024年工作要点\n一、甲\n1.6月底前出台《管理办法》，年底前新建场地10处，其中足球场不少于3处。（责任单位：一处）";
    let imp = import(text);
    let t = targets_of(&imp, "1");
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].name, "《管理办法》");
    assert_eq!(t[0].due.map(|d| d.to_string()).as_deref(), Some("2024-06-30"));
    assert_eq!(t[1].name, "新建场地");
    assert_eq!(t[1].due.map(|d| d.to_string()).as_deref(), Some("2024-12-31"));
    assert_eq!(t[2].parent.as_deref(), Some("1.2"));
    assert_eq!(t[2].goal, 3.0);
}

#[test]
fn errors() {
    assert_eq!(parse("", &ImportOptions::default()).err(), Some(ImportError::NoPlan));
    assert_eq!(
        parse("工作要点\n一、甲\n1.乙。", &ImportOptions::default()).err(),
        Some(ImportError::NoYear)
    );
    let o = ImportOptions { year: Some(2026), id: Some("p".into()) };
    let p = parse("工作要点\n一、甲\n1.乙。", &o).map(|i| i.plan);
    assert_eq!(p.map(|p| (p.id, p.year)).ok(), Some(("p".to_string(), 2026)));
}

// ---------------------------------------------------------------- never panics

fn genre_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "一二三四五六七八九十两〇、（）()1234567890.．０１２：:；;，,。《》万亿千%％月底前年内上半季度第届其中新建处个人场责任科室牵头配合单位办公室 \n\r\t—-~/+GA的达到不少于以上\u{feff}\u{3000}"
            .chars()
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = parse(&s, &ImportOptions::default());
    }

    #[test]
    fn never_panics_on_genre_soup(v in prop::collection::vec(genre_char(), 0..200), year in prop::option::of(1900i32..2300)) {
        let s: String = v.into_iter().collect();
        let _ = parse(&s, &ImportOptions { year, id: None });
        let with_title = format!("某局2024年工作要点\n{s}");
        if let Ok(imp) = parse(&with_title, &ImportOptions::default()) {
            for t in &imp.plan.targets {
                prop_assert!(t.goal.is_finite());
            }
        }
    }

    #[test]
    fn never_panics_on_shuffled_seed_lines(lines in prop::collection::vec(prop::sample::select(SEED.lines().chain(DEADLINE.lines()).collect::<Vec<_>>()), 0..30)) {
        let s = lines.join("\n");
        let _ = parse(&s, &ImportOptions { year: Some(2024), id: None });
    }
}

#[test]
fn county_plan_with_front_matter_and_other_tag_shapes() {
    let text = "附件1\n\n某县教育体育局\n二〇二四年工作要点\n\n今年是实施“十四五”规划的关键一年。\n\
一、推进全民健身\n（一）完善场地设施\n\
1.新建健身步道5条、驿站2个，人均体育场地面积达到2.8平方米。6月底前完成。（办公室牵头，财务科配合）\n\
（二）丰富赛事活动\n\
1.举办第3届县运会，参赛运动员不少于2,000人；全年开展健身活动300余场次，其中乡镇级活动不少于100场。（牵头股室：群体股；配合股室：竞技股）\n\
二、深化改革\n\
1.上半年召开全县体育工作会议；2023-2025年累计建成健身圈10个。（责任单位：规划建设股）\n";
    let imp = import(text);
    let p = &imp.plan;
    assert_eq!(p.title, "某县教育体育局二〇二四年工作要点");
    assert_eq!(p.year, 2024);
    assert_eq!(p.preamble, "今年是实施“十四五”规划的关键一年。");
    let ids: Vec<&str> = p.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1.1.1", "1.2.1", "2.1"]);
    assert_eq!(
        depts(&imp, "1.1.1"),
        [("办公室".to_string(), Role::Lead), ("财务科".to_string(), Role::Support)]
    );
    assert_eq!(
        depts(&imp, "1.2.1"),
        [("群体股".to_string(), Role::Lead), ("竞技股".to_string(), Role::Support)]
    );
    assert_eq!(quantities(&imp, "1.1.1"), [qu(5.0, "条"), qu(2.0, "个"), qu(2.8, "平方米")]);
    assert_eq!(due(&imp, "1.1.1").as_deref(), Some("2024-06-30"));
    assert_eq!(quantities(&imp, "1.2.1"), [qu(2000.0, "人"), qu(300.0, "场次"), qu(100.0, "场")]);
    let t = targets_of(&imp, "1.2.1");
    assert_eq!(t[2].parent.as_deref(), Some("1.2.1.2"));
    let t = targets_of(&imp, "2.1");
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].kind, TargetKind::Milestone);
    assert_eq!(t[0].due.map(|d| d.to_string()).as_deref(), Some("2024-06-30"));
    assert_eq!((t[1].name.as_str(), t[1].goal), ("累计建成健身圈", 10.0));
}
