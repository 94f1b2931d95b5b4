//! Large, realistic, deterministic plans and update logs, for benchmarks and
//! `yaodian demo --generate`: plan text in the 工作要点 genre (so the importer is exercised as
//! it is in real use) and a log of value updates spread over the year.
//!
//! Everything is a pure function of the [`Spec`]: the same spec gives the same bytes.

use crate::core::clock::Clock;
use crate::core::import::{self, ImportError, ImportOptions};
use crate::core::model::{Change, Millis, Plan, TargetKind, Update};
use crate::core::numeral;
use chrono::{FixedOffset, NaiveDate, Offset, Utc};
use std::fmt::Write;

/// The shape of a generated plan and its history.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub themes: usize,
    pub items_per_theme: usize,
    pub targets_per_item: usize,
    /// Value updates, spread evenly over the plan year up to `until`.
    pub updates: usize,
    pub year: i32,
    /// The last day with updates (clamped to the plan year).
    pub until: NaiveDate,
    /// The zone the updates' times of day are read in (China time unless set).
    pub clock: Clock,
}

impl Spec {
    /// A spec for `year` with updates up to `until`.
    pub fn new(themes: usize, items: usize, targets: usize, updates: usize) -> Spec {
        Spec {
            themes,
            items_per_theme: items,
            targets_per_item: targets,
            updates,
            year: 2023,
            until: NaiveDate::from_ymd_opt(2023, 12, 31).unwrap_or_default(),
            clock: Clock::fixed(0, FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())),
        }
    }

    pub fn targets(&self) -> usize {
        self.themes * self.items_per_theme * self.targets_per_item
    }
}

/// Departments that lead items (realistic names, one of them redacted as the source is).
const DEPTS: [&str; 8] = [
    "办公室",
    "群众**科",
    "竞技**科",
    "业余训练科",
    "**产业科",
    "政策法规科",
    "计划财务科",
    "人事科",
];
const USERS: [&str; 8] = ["wang", "li", "zhang", "zhao", "chen", "liu", "yang", "huang"];

/// (verb, what, unit, base goal) for quantity targets.
const QUANTITIES: [(&str, &str, &str, u32); 12] = [
    ("新建", "公共**场地设施", "处", 100),
    ("维修", "健身器材", "件", 8000),
    ("完成", "智慧**公园建设项目", "个", 3),
    ("新建", "健身步道、慢道", "公里", 100),
    ("培训", "社会**指导员", "人", 2000),
    ("组织", "全民健身志愿宣讲活动", "场", 10),
    ("举办", "各类**赛事活动", "场", 300),
    ("新创建", "篮球特色学校", "所", 60),
    ("开展", "国民体质监测", "人", 10000),
    ("新增", "省级**产业品牌", "个", 5),
    ("建设", "村级健身广场", "个", 40),
    ("发放", "**消费券", "万元", 500),
];

/// Names for milestone documents (出台《…》).
const DOCUMENTS: [&str; 6] = [
    "**市教练员管理办法",
    "公共足球场管理办法",
    "社会**指导员组织管理办法",
    "星级**服务综合体建设指南",
    "**设施建设管理办法",
    "全民健身公共服务暂行办法",
];

const THEME_WORDS: [&str; 6] = ["强化", "坚持", "推动", "深化", "提升", "加快"];
const THEME_TOPICS: [&str; 6] =
    ["政治建设", "改革创新", "强基固本", "惠民便民", "扩面增效", "传承提升"];
const ITEM_TOPICS: [&str; 8] = [
    "场地设施补短板行动",
    "群众**赛事活动",
    "健身指导服务水平",
    "青少年**工作",
    "**产业统计",
    "**文化宣传",
    "竞技**后备人才培养",
    "**社会组织建设",
];

/// A small deterministic hash (splitmix64).
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A number in [0, 1) drawn from the hash of `x`.
fn unit(x: u64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a 53-bit fraction")]
    let u = (mix(x) >> 11) as f64 / (1u64 << 53) as f64;
    u
}

fn pick<T: Copy>(list: &[T], x: u64) -> T {
    list[usize::try_from(mix(x) % list.len() as u64).unwrap_or(0)]
}

/// The plan text: a title, a preamble, `themes` headings 一、…, each with a short intro and
/// `items_per_theme` numbered items (numbered through the plan, as real plans are), each
/// stating `targets_per_item` targets (one in six a document to issue) and its departments.
pub fn plan_text(spec: &Spec) -> String {
    let mut s = String::with_capacity(spec.targets() * 40 + 1024);
    let _ = writeln!(s, "市体育局{}年工作要点", spec.year);
    s.push('\n');
    let _ = writeln!(
        s,
        "{}年，全市**工作要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动**事业高质量发展。",
        spec.year
    );
    let mut number = 0u64;
    for th in 0..spec.themes {
        let t = th as u64;
        let _ = writeln!(
            s,
            "{}、{}{}，推动**事业迈上新台阶",
            numeral::chinese(u32::try_from(th + 1).unwrap_or(u32::MAX)),
            pick(&THEME_WORDS, t),
            pick(&THEME_TOPICS, t * 7 + 1)
        );
        let _ = writeln!(s, "立足新发展阶段，以问题为导向，持续用力抓好各项工作落实。");
        for _ in 0..spec.items_per_theme {
            number += 1;
            let _ = write!(
                s,
                "{number}.{}{}。",
                pick(&["开展", "抓好", "加强", "推进"], number),
                { pick(&ITEM_TOPICS, number * 3) }
            );
            let _ = write!(s, "按照年度部署，统筹推进，");
            for k in 0..spec.targets_per_item {
                let seed = number * 1000 + k as u64;
                if k > 0 {
                    s.push('，');
                }
                if k % 6 == 5 {
                    let _ = write!(s, "出台《{}（第{}号）》", pick(&DOCUMENTS, seed), k + 1);
                } else {
                    let (verb, what, unit_name, base) = pick(&QUANTITIES, seed);
                    let goal = (f64::from(base) * (0.5 + unit(seed ^ 0x55))).round().max(1.0);
                    let _ = write!(s, "{verb}{what}（{k}）{goal}{unit_name}");
                }
            }
            let lead = pick(&DEPTS, number);
            let support = pick(&DEPTS, number + 3);
            if lead == support {
                let _ = writeln!(s, "。（责任科室：{lead}）");
            } else {
                let _ = writeln!(s, "。（牵头科室：{lead}；配合科室：{support}）");
            }
        }
    }
    s
}

/// The generated plan, read by the importer from [`plan_text`].
pub fn plan(spec: &Spec) -> Result<Plan, ImportError> {
    let opts = ImportOptions { year: Some(spec.year), id: None };
    Ok(import::parse(&plan_text(spec), &opts)?.plan)
}

/// A time on `day` between 08:00 and 18:00 in the clock's zone.
fn millis_at(clock: &Clock, day: NaiveDate, seconds: u32) -> Millis {
    let of_day = (8 * 3600 + seconds % (10 * 3600)) % 86_400;
    clock.midnight(day) + Millis::from(of_day) * 1000
}

/// `spec.updates` value updates to the targets of `plan`, oldest first, numbered from 1,
/// spread evenly from the plan's start to `spec.until`: each target moves towards
/// goal × (elapsed share) × a factor of its own (0.45–1.25), so at the end most targets are
/// near pace, some lag, a few are done. Milestones switch to done once, late or early.
pub fn updates(plan: &Plan, spec: &Spec) -> impl Iterator<Item = Update> + use<> {
    let n = plan.targets.len();
    let targets: Vec<(String, TargetKind, f64, bool)> =
        plan.targets.iter().map(|t| (t.id.clone(), t.kind, t.goal, t.allows_decimals())).collect();
    let mut values = vec![0.0f64; n];
    let until = spec.until.clamp(plan.start, plan.end);
    let span = (until - plan.start).num_days().max(0) + 1;
    let start = plan.start;
    let total = spec.updates;
    let clock = spec.clock;
    // a stride coprime with n visits every target before repeating one
    let stride = (1..).map(|s: usize| n / 2 + s).find(|s| gcd(*s, n.max(1)) == 1).unwrap_or(1);
    (0..if n == 0 { 0 } else { total }).map(move |k| {
        let j = (k * stride) % n;
        let (id, kind, goal, decimals) = &targets[j];
        #[expect(clippy::cast_precision_loss, reason = "counts below 2^53")]
        let frac = (k + 1) as f64 / total as f64;
        #[expect(clippy::cast_precision_loss, reason = "counts below 2^53")]
        let at = k as f64 / total as f64 * span as f64;
        #[expect(clippy::cast_possible_truncation, reason = "within the span of a year")]
        let day = start + chrono::Duration::days((at as i64).min(span - 1));
        let factor = 0.45 + unit(j as u64) * 0.8;
        let old = values[j];
        let new = match kind {
            TargetKind::Milestone => {
                if frac * factor > 0.55 {
                    1.0
                } else {
                    0.0
                }
            }
            _ => {
                let v = (goal * frac * factor).min(goal * 1.08).max(old);
                if *decimals { (v * 100.0).round() / 100.0 } else { v.round() }
            }
        };
        values[j] = new;
        // the time of day moves on with the share of the day gone, so times never go back
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..36000")]
        let seconds = (at.fract() * 36_000.0) as u32;
        let user = pick(&USERS, j as u64);
        Update {
            seq: k as u64 + 1,
            at: millis_at(&clock, day, seconds),
            user: user.to_string(),
            uid: 1000 + u32::try_from(j % USERS.len()).unwrap_or(0),
            change: Change::Value { target: id.clone(), old, new },
            note: if k % 10 == 0 { "月度填报".to_string() } else { String::new() },
            undoes: None,
            prev: None,
        }
    })
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A new store at `path` holding `spec`'s generated plan and log, loaded by user `w` (the
/// set-up of tests that count a command's work on a plan of some size): the store, the plan
/// and how many log entries were written.
#[cfg(test)]
pub(crate) fn loaded_store(
    path: &std::path::Path,
    spec: &Spec,
) -> (crate::core::store::Store, Plan, usize) {
    use crate::core::store::{OpenOptions, Store};
    let store = Store::open(path, OpenOptions::default()).expect("open");
    let plan = plan(spec).expect("plan");
    let me = crate::core::identity::Actor { user: "w".into(), uid: 1 };
    let written = store.bulk_load(&plan, updates(&plan, spec), &me).expect("load");
    (store, plan, written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_importer_reads_every_generated_target() {
        let spec = Spec::new(3, 4, 7, 100);
        let plan = plan(&spec).expect("plan");
        assert_eq!(plan.themes.len(), 3);
        assert_eq!(plan.items.len(), 12);
        assert_eq!(plan.targets.len(), spec.targets());
        let milestones = plan.targets.iter().filter(|t| t.kind == TargetKind::Milestone).count();
        assert_eq!(milestones, 12);
        assert!(plan.items.iter().all(|i| i.leads().count() == 1), "{:?}", plan.items[0]);
    }

    #[test]
    fn updates_are_deterministic_ordered_and_chain_values() {
        let spec = Spec::new(2, 3, 4, 500);
        let plan = plan(&spec).expect("plan");
        let a: Vec<Update> = updates(&plan, &spec).collect();
        let b: Vec<Update> = updates(&plan, &spec).collect();
        assert_eq!(a, b);
        assert_eq!(a.len(), 500);
        assert!(a.windows(2).all(|w| w[0].at <= w[1].at && w[0].seq + 1 == w[1].seq));
        let mut last = std::collections::HashMap::new();
        for u in &a {
            let Change::Value { target, old, new } = &u.change else { panic!("value") };
            assert_eq!(*last.get(target).unwrap_or(&0.0), *old);
            let t = plan.targets.iter().find(|t| &t.id == target).expect("target");
            assert_eq!(t.check_value(*new), Ok(()), "{t:?} {new}");
            last.insert(target.clone(), *new);
        }
        assert_eq!(last.len(), plan.targets.len());
    }
}
