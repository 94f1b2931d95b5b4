//! The importer against a corpus of plans in the shapes offices hold (tests/data/plans/):
//! text in UTF-8, GBK, GB18030 and UTF-16, a .docx numbered by Word, a .docx task table, an
//! .xlsx task table with merged cells, a government notice around its plan, a web copy with
//! blank lines, Traditional characters. Each plan's expected reading is its `.expect` file,
//! written by hand; this test reports per-plan recall of items, responsible units and
//! quantity targets and fails below the bar: every item, ≥ 90 % of units with none
//! invented, ≥ 95 % of quantity targets, title and year without --year.

use std::collections::BTreeMap;
use std::path::Path;
use yaodian::core::import::{ImportOptions, Imported, read};
use yaodian::core::model::{Direction, Role, Target, TargetKind};

#[derive(Debug, Default)]
struct Expect {
    title: String,
    year: i32,
    items: Vec<String>,
    units: Vec<(String, String, Role)>,
    /// (item, kind, direction, goal, unit, due)
    targets: Vec<(String, TargetKind, Direction, f64, String, Option<String>)>,
    milestones: Vec<(String, String, Option<String>)>,
    dues: Vec<(String, Option<String>)>,
}

fn date(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_string())
}

fn parse(text: &str) -> Expect {
    let mut e = Expect::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[0] {
            "title" => e.title = f[1..].join(" "),
            "year" => e.year = f[1].parse().expect("year"),
            "items" => e.items = f[1..].iter().map(|s| s.to_string()).collect(),
            "unit" => e.units.push((
                f[1].into(),
                f[2].into(),
                if f[3] == "lead" { Role::Lead } else { Role::Support },
            )),
            "target" => e.targets.push((
                f[1].into(),
                if f[2] == "percentage" { TargetKind::Percentage } else { TargetKind::Quantity },
                if f[3] == "down" { Direction::Down } else { Direction::Up },
                f[4].parse().expect("goal"),
                f[5].into(),
                date(f[6]),
            )),
            "milestone" => e.milestones.push((f[1].into(), f[2].into(), date(f[3]))),
            "due" => e.dues.push((f[1].into(), date(f[2]))),
            other => panic!("unknown line {other:?}"),
        }
    }
    e
}

fn matches(t: &Target, kind: TargetKind, dir: Direction, goal: f64, unit: &str) -> bool {
    t.kind == kind && t.direction == dir && (t.goal - goal).abs() < 1e-6 && t.unit == unit
}

/// Scores of one plan.
#[derive(Debug, Default)]
struct Score {
    items: (usize, usize),
    units: (usize, usize),
    invented: Vec<String>,
    targets: (usize, usize),
    wrong_targets: Vec<String>,
    milestones: (usize, usize),
    dues: (usize, usize),
    title_ok: bool,
}

fn score(imp: &Imported, e: &Expect) -> Score {
    let p = &imp.plan;
    let mut s = Score { title_ok: p.title == e.title && p.year == e.year, ..Score::default() };
    let items: BTreeMap<&str, _> = p.items.iter().map(|i| (i.id.as_str(), i)).collect();
    s.items = (e.items.iter().filter(|i| items.contains_key(i.as_str())).count(), e.items.len());
    for (item, name, role) in &e.units {
        let found = items
            .get(item.as_str())
            .is_some_and(|i| i.departments.iter().any(|d| &d.name == name && d.role == *role));
        s.units.0 += usize::from(found);
        s.units.1 += 1;
    }
    for i in &p.items {
        for d in &i.departments {
            if !e.units.iter().any(|(it, n, _)| it == &i.id && n == &d.name) {
                s.invented.push(format!("{} {}", i.id, d.name));
            }
        }
    }
    let mut used = vec![false; p.targets.len()];
    for (item, kind, dir, goal, unit, due) in &e.targets {
        let hit = p.targets.iter().enumerate().position(|(k, t)| {
            !used[k]
                && t.item.as_deref() == Some(item.as_str())
                && matches(t, *kind, *dir, *goal, unit)
                && due.as_ref().is_none_or(|d| t.due.map(|x| x.to_string()).as_ref() == Some(d))
        });
        match hit {
            Some(k) => {
                used[k] = true;
                s.targets.0 += 1;
            }
            None => s.wrong_targets.push(format!("{item} {kind:?} {dir:?} {goal} {unit}")),
        }
        s.targets.1 += 1;
    }
    // Quantity targets read that the plan does not state are misreadings too.
    for (k, t) in p.targets.iter().enumerate() {
        if !used[k] && t.kind != TargetKind::Milestone && t.item.is_some() {
            s.wrong_targets.push(format!("extra {} {} {} {}", t.id, t.name, t.goal, t.unit));
        }
    }
    for (item, name, due) in &e.milestones {
        let hit = p.targets.iter().any(|t| {
            t.item.as_deref() == Some(item.as_str())
                && t.kind == TargetKind::Milestone
                && &t.name == name
                && due.as_ref().is_none_or(|d| t.due.map(|x| x.to_string()).as_ref() == Some(d))
        });
        s.milestones.0 += usize::from(hit);
        s.milestones.1 += 1;
    }
    for (item, due) in &e.dues {
        let got = items.get(item.as_str()).and_then(|i| i.due).map(|d| d.to_string());
        s.dues.0 += usize::from(&got == due);
        s.dues.1 += 1;
    }
    s
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 { 100.0 } else { a as f64 * 100.0 / b as f64 }
}

#[test]
fn corpus_recall() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/plans"));
    let mut expects: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "expect"))
        .collect();
    expects.sort();
    assert!(expects.len() >= 10, "the corpus has {} plans", expects.len());
    let mut failures = Vec::new();
    let mut totals = Score::default();
    println!("plan                      items   units   invented  targets  milestones  dues");
    for ex in expects {
        let stem = ex.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
        let file = ["txt", "docx", "xlsx"]
            .iter()
            .map(|x| dir.join(format!("{stem}.{x}")))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("no plan file for {stem}"));
        let e = parse(&std::fs::read_to_string(&ex).expect("expect"));
        let bytes = std::fs::read(&file).expect("plan");
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        let imp = match read(&bytes, name, &ImportOptions::default()) {
            Ok(i) => i,
            Err(err) => {
                failures.push(format!("{stem}: {err}"));
                continue;
            }
        };
        let s = score(&imp, &e);
        println!(
            "{stem:24} {:>3}/{:<3} {:>5.1}%  {:>3}      {:>5.1}%   {:>2}/{:<2}       {:>2}/{:<2}{}",
            s.items.0,
            s.items.1,
            pct(s.units.0, s.units.1),
            s.invented.len(),
            pct(s.targets.0, s.targets.1),
            s.milestones.0,
            s.milestones.1,
            s.dues.0,
            s.dues.1,
            if s.title_ok { "" } else { "  title/year wrong" },
        );
        if !s.title_ok {
            failures.push(format!("{stem}: title {:?} year {}", imp.plan.title, imp.plan.year));
        }
        if s.items.0 != s.items.1 || imp.plan.items.len() != e.items.len() {
            let ids: Vec<_> = imp.plan.items.iter().map(|i| i.id.as_str()).collect();
            failures.push(format!("{stem}: items {ids:?}"));
        }
        if !s.invented.is_empty() {
            failures.push(format!("{stem}: invented units {:?}", s.invented));
        }
        if !s.wrong_targets.is_empty() {
            println!("    targets missed or extra: {:?}", s.wrong_targets);
        }
        totals.items.0 += s.items.0;
        totals.items.1 += s.items.1;
        totals.units.0 += s.units.0;
        totals.units.1 += s.units.1;
        totals.targets.0 += s.targets.0;
        totals.targets.1 += s.targets.1;
        totals.milestones.0 += s.milestones.0;
        totals.milestones.1 += s.milestones.1;
        totals.invented.extend(s.invented);
        if pct(s.units.0, s.units.1) < 90.0 {
            failures.push(format!("{stem}: units {}/{}", s.units.0, s.units.1));
        }
        if pct(s.targets.0, s.targets.1) < 95.0 {
            failures.push(format!("{stem}: targets {}/{}", s.targets.0, s.targets.1));
        }
    }
    println!(
        "all: items {}/{}, units {:.1}% ({} invented), quantity targets {:.1}%, milestones {}/{}",
        totals.items.0,
        totals.items.1,
        pct(totals.units.0, totals.units.1),
        totals.invented.len(),
        pct(totals.targets.0, totals.targets.1),
        totals.milestones.0,
        totals.milestones.1
    );
    assert!(failures.is_empty(), "{failures:#?}");
}
