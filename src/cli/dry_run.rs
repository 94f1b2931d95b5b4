//! `import --dry-run`: the plan as it would be stored — themes, sections, items with their
//! departments, targets with kind, direction, goal, unit and due date — and what the importer
//! has to say, so a user can iterate on a file before anything is written.

use crate::core::import::Imported;
use crate::core::model::{Band, Direction, Role, Target, TargetKind, fmt_num};
use crate::lang::Lang;
use anyhow::Result;
use std::collections::HashMap;
use std::io::Write;

fn kind(t: &Target, lang: Lang) -> &'static str {
    match (t.kind, t.measure.level, lang) {
        (TargetKind::Milestone, _, _) => lang.pick("节点", "milestone"),
        (TargetKind::Percentage, _, _) => lang.pick("比率", "rate"),
        (TargetKind::Quantity, true, _) => lang.pick("水平", "level"),
        (TargetKind::Quantity, false, _) => lang.pick("数量", "count"),
    }
}

/// The goal as a reader checks it: ">= 5 个", "<= 9.3 %", "90-95 %", "6.2 % 左右".
fn goal(t: &Target, lang: Lang) -> String {
    if t.kind == TargetKind::Milestone {
        return String::new();
    }
    let unit = if t.unit.is_empty() { String::new() } else { format!(" {}", t.unit) };
    let mut s = match (t.measure.band, t.direction) {
        (Band::Range { low, high }, _) => format!("{}-{}{unit}", fmt_num(low), fmt_num(high)),
        (Band::About, _) => format!("{}{unit} {}", fmt_num(t.goal), lang.pick("左右", "about")),
        (Band::Exact, Direction::Up) => format!(">= {}{unit}", fmt_num(t.goal)),
        (Band::Exact, Direction::Down) => format!("<= {}{unit}", fmt_num(t.goal)),
    };
    if t.direction == Direction::Down {
        s = format!("{} {s}", lang.pick("下降", "down"));
    }
    if let Some(b) = t.measure.baseline {
        s.push_str(&format!(" ({}{})", lang.pick("起点 ", "from "), fmt_num(b)));
    }
    s
}

/// Prints the tree `import` would store.
pub fn print(out: &mut impl Write, imported: &Imported, lang: Lang) -> Result<()> {
    let p = &imported.plan;
    writeln!(
        out,
        "{} {} {} ({} {}; {}{})",
        lang.pick("计划", "plan"),
        p.id,
        p.title,
        lang.pick("年度", "year"),
        p.year,
        lang.pick("读取：", "read as "),
        imported.format.describe(lang)
    )?;
    if !p.preamble.is_empty() {
        let first: String =
            p.preamble.lines().next().unwrap_or_default().chars().take(40).collect();
        writeln!(out, "  {} {first}", lang.pick("前言", "preamble"))?;
    }
    // One pass to group targets by item (theme-level ones by theme) and items by theme.
    let mut by_item: HashMap<&str, Vec<&Target>> = HashMap::new();
    let mut by_theme: HashMap<u32, Vec<&Target>> = HashMap::new();
    for t in &p.targets {
        match t.item.as_deref() {
            Some(i) => by_item.entry(i).or_default().push(t),
            None => by_theme.entry(t.theme).or_default().push(t),
        }
    }
    let mut items: HashMap<u32, Vec<&crate::core::model::Item>> = HashMap::new();
    for i in &p.items {
        items.entry(i.theme).or_default().push(i);
    }
    for theme in &p.themes {
        writeln!(out, "{} {}", theme.number, theme.title)?;
        for t in by_theme.get(&theme.number).into_iter().flatten() {
            target(out, t, lang)?;
        }
        let mut section = None;
        for item in items.get(&theme.number).into_iter().flatten() {
            if item.section != section {
                section = item.section;
                if let Some(s) = theme.sections.iter().find(|s| Some(s.number) == section) {
                    writeln!(out, "  ({}) {}", s.number, s.title)?;
                }
            }
            let depts = |role: Role| {
                item.departments
                    .iter()
                    .filter(|d| d.role == role)
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            let mut line = format!("  {} {}", item.id, item.title);
            let (lead, support) = (depts(Role::Lead), depts(Role::Support));
            if lead.is_empty() && support.is_empty() {
                line.push_str(lang.pick("  [未写责任单位]", "  [no department]"));
            }
            if !lead.is_empty() {
                line.push_str(&format!("  [{}] {lead}", lang.pick("牵头", "lead")));
            }
            if !support.is_empty() {
                line.push_str(&format!("  [{}] {support}", lang.pick("配合", "support")));
            }
            if let Some(d) = item.due {
                line.push_str(&format!("  {} {d}", lang.pick("截止", "due")));
            }
            writeln!(out, "{line}")?;
            for t in by_item.get(item.id.as_str()).into_iter().flatten() {
                target(out, t, lang)?;
            }
        }
    }
    if !imported.diagnostics.is_empty() {
        writeln!(out, "{}", lang.pick("提示：", "notes:"))?;
        for d in &imported.diagnostics {
            writeln!(out, "  {}: {}", imported.at(d.line, lang), d.message(lang))?;
        }
    }
    writeln!(out, "{}", lang.pick("（试读，未写入数据库）", "(dry run: nothing was written)"))?;
    Ok(())
}

fn target(out: &mut impl Write, t: &Target, lang: Lang) -> Result<()> {
    let mut line = format!("      {} {} {}", t.id, kind(t, lang), t.name);
    let g = goal(t, lang);
    if !g.is_empty() {
        line.push_str(&format!("  {g}"));
    }
    if let Some(d) = t.due {
        line.push_str(&format!("  {} {d}", lang.pick("截止", "due")));
    }
    if let Some(p) = &t.parent {
        line.push_str(&format!("  ({} {p})", lang.pick("属于", "part of")));
    }
    writeln!(out, "{line}")?;
    Ok(())
}
