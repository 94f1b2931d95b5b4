use super::*;

fn run(s: &str) -> (Vec<Quantity>, Vec<NotTaken>) {
    let c: Vec<char> = s.chars().collect();
    let none = vec![false; c.len()];
    scan(&c, &none, &none)
}

fn q(s: &str) -> Vec<(String, f64, String)> {
    run(s).0.into_iter().map(|q| (q.name, q.goal, q.unit)).collect()
}

fn t(n: &str, g: f64, u: &str) -> (String, f64, String) {
    (n.to_string(), g, u.to_string())
}

#[test]
fn noun_then_number() {
    assert_eq!(
        q(
            "新建公共**场地设施100 处，维修健身器材8000 件， 完成智慧**公园建设项目3 个，新建健身步道、慢道100 公里， 持续完善"
        ),
        [
            t("新建公共**场地设施", 100.0, "处"),
            t("维修健身器材", 8000.0, "件"),
            t("完成智慧**公园建设项目", 3.0, "个"),
            t("新建健身步道、慢道", 100.0, "公里"),
        ]
    );
    assert_eq!(q("开展国民体质监测达到10000人。"), [t("开展国民体质监测", 10000.0, "人")]);
}

#[test]
fn number_then_noun() {
    assert_eq!(
        q("对现有学校开展复评，新创建60 所篮球特色学校。"),
        [t("新创建篮球特色学校", 60.0, "所")]
    );
    assert_eq!(q("改建3个社区市民健身中心"), [t("改建社区市民健身中心", 3.0, "个")]);
}

#[test]
fn lists_share_a_verb() {
    assert_eq!(
        q("新建健身步道5条、驿站2个。"),
        [t("新建健身步道", 5.0, "条"), t("新建驿站", 2.0, "个")]
    );
    assert_eq!(
        q("新建3个足球场、5个篮球场。"),
        [t("新建足球场", 3.0, "个"), t("新建篮球场", 5.0, "个")]
    );
}

#[test]
fn sub_targets() {
    let (qs, _) = run("全年举办各类**赛事活动300场，其中市级以上赛事活动100场。");
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].name, "举办各类**赛事活动");
    assert_eq!(qs[1].name, "市级以上赛事活动");
    assert_eq!(qs[1].parent, Some(0));
    assert_eq!(qs[0].parent, None);
    let (qs, _) = run("举办活动300场，其中市级100场、县级200场，新建场地5处。");
    let parents: Vec<_> = qs.iter().map(|q| q.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(0), None]);
}

#[test]
fn multipliers_and_decimals() {
    assert_eq!(q("参与健身活动人数达20万人次以上。"), [t("参与健身活动人数", 200_000.0, "人次")]);
    assert_eq!(q("完成投资3.5亿元。"), [t("完成投资", 350_000_000.0, "元")]);
    assert_eq!(q("新建绿道12.5公里"), [t("新建绿道", 12.5, "公里")]);
    assert_eq!(q("举办活动不少于50场次"), [t("举办活动", 50.0, "场次")]);
    assert_eq!(q("举办赛事300余场"), [t("举办赛事", 300.0, "场")]);
    assert_eq!(q("2023-2025年累计建成健身圈10个"), [t("累计建成健身圈", 10.0, "个")]);
    assert_eq!(q("培训10,000人，新建3处"), [t("培训", 10000.0, "人"), t("新建", 3.0, "处")]);
}

#[test]
fn percentages() {
    let (qs, _) = run("社区健身工程覆盖率达到90%以上");
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].kind, TargetKind::Percentage);
    assert_eq!(
        (qs[0].name.as_str(), qs[0].goal, qs[0].unit.as_str()),
        ("社区健身工程覆盖率", 90.0, "%")
    );
    assert_eq!(q("器材完好率达98%"), [t("器材完好率", 98.0, "%")]);
}

#[test]
fn not_targets() {
    for s in [
        "2023年",
        "2021-2025年",
        "第12届运动会",
        "第 26 届",
        "5月18日举办",
        "15分钟健身圈",
        "5G、云计算",
        "“1+N”模式",
        "A级机构",
        "十四五规划",
        "3~5，",
        "编号1234",
        "打造“5个一”工程",
        "建设24小时自助健身房",
    ] {
        assert!(run(s).0.is_empty(), "{s}");
    }
    let (_, not) = run("第12届，5G，15分钟，5月18日，3~5；");
    let whys: Vec<_> = not.iter().map(|n| n.why).collect();
    assert_eq!(
        whys,
        [
            NotTarget::Ordinal,
            NotTarget::NameWithDigits,
            NotTarget::Duration,
            NotTarget::Date,
            NotTarget::Range
        ]
    );
    assert_eq!(not[1].phrase, "5G");
    assert!(run("2023年").1.is_empty());
}

fn one(s: &str) -> Quantity {
    let (qs, not) = run(s);
    assert_eq!(qs.len(), 1, "{s}: {qs:?} {not:?}");
    qs.into_iter().next().expect("one target")
}

#[test]
fn lower_is_better() {
    for s in [
        "孕产妇死亡率降至9.3%",
        "婴儿死亡率控制在5‰以内",
        "个人卫生支出占比不超过27%",
        "万元GDP能耗低于0.5吨",
        "事故起数控制在30起以下",
    ] {
        let q = one(&s.replace("起", "次"));
        assert_eq!(q.direction, Direction::Down, "{s}");
    }
    let q = one("孕产妇死亡率由10.5%降至9.3%");
    assert_eq!((q.name.as_str(), q.goal, q.direction), ("孕产妇死亡率", 9.3, Direction::Down));
    assert_eq!(q.measure.baseline, Some(10.5));
    let q = one("孕产妇死亡率控制在10/10万以下");
    assert_eq!((q.goal, q.unit.as_str(), q.direction), (10.0, "/10万", Direction::Down));
    assert!(q.measure.level);
    // A decrease of at least 3% is reached going up.
    let q = one("单位GDP能耗下降3%");
    assert_eq!((q.direction, q.measure.level), (Direction::Up, true));
    assert_eq!(one("新建学校5所").direction, Direction::Up);
}

#[test]
fn levels_ranges_and_tolerances() {
    let q = one("人均预期寿命达82.4岁");
    assert_eq!((q.name.as_str(), q.goal, q.unit.as_str()), ("人均预期寿命", 82.4, "岁"));
    assert!(q.measure.level);
    let q = one("居民健康指数达85");
    assert_eq!((q.goal, q.unit.as_str(), q.measure.level), (85.0, "", true));
    let q = one("地区生产总值增长6.2%左右");
    assert_eq!((q.goal, q.measure.band), (6.2, Band::About));
    let q = one("优良天数比例达到90%-95%");
    assert_eq!((q.goal, q.measure.band), (90.0, Band::Range { low: 90.0, high: 95.0 }));
    let q = one("培育品牌赛事3-5个");
    assert_eq!((q.goal, q.unit.as_str()), (3.0, "个"));
    assert_eq!(q.measure.band, Band::Range { low: 3.0, high: 5.0 });
    let q = one("覆盖率保持100%");
    assert_eq!((q.kind, q.measure.level), (TargetKind::Percentage, true));
    assert!(!one("新建学校5所").measure.level);
}

#[test]
fn units_from_nouns_and_chinese_numerals() {
    assert_eq!(q("体检人数达1000万以上"), [t("体检人数", 10_000_000.0, "人")]);
    assert_eq!(q("完成投资2.5亿"), [t("完成投资", 250_000_000.0, "元")]);
    assert_eq!(q("新建三个球场"), [t("新建球场", 3.0, "个")]);
    assert_eq!(q("建成两所学校"), [t("建成学校", 2.0, "所")]);
    assert_eq!(q("改建十二处公园"), [t("改建公园", 12.0, "处")]);
    for s in ["宣传一批典型", "持续完善“三个一”", "做好四个方面工作", "建设三个一工程"]
    {
        assert!(run(s).0.is_empty(), "{s}");
    }
}

#[test]
fn masked_numbers_are_skipped() {
    let c: Vec<char> = "印发《2023年计划》，3月底前新建场地10处".chars().collect();
    let mut skip = vec![false; c.len()];
    for s in skip.iter_mut().take(10).skip(2) {
        *s = true;
    }
    for s in skip.iter_mut().take(16).skip(11) {
        *s = true;
    }
    let strip = skip.clone();
    let (qs, not) = scan(&c, &skip, &strip);
    assert!(not.is_empty(), "{not:?}");
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].name, "新建场地");
}
