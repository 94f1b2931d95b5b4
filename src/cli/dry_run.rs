//! `import --dry-run`: the plan as it would be stored — themes, sections, items with their
//! departments, targets with kind, direction, goal, unit and due date — and what the importer
//! has to say, so a user can iterate on a file before anything is written.

use crate::core::import::Imported;
use crate::core::model::{Direction, Reading, Role, Target, TargetKind, fmt_num};
use crate::core::pace::{self, Goal, Symbols};
use crate::i18n::plan as words;
use crate::lang::Lang;
use anyhow::Result;
use std::collections::HashMap;
use std::io::Write;

fn kind(t: &Target, lang: Lang) -> &'static str {
    match (t.kind, t.measure.level, lang) {
        (TargetKind::Milestone, _, _) => words::KIND_MILESTONE.get(lang),
        (TargetKind::Percentage, _, _) => words::KIND_RATE.get(lang),
        (TargetKind::Quantity, true, _) => words::KIND_LEVEL.get(lang),
        (TargetKind::Quantity, false, _) => words::KIND_COUNT.get(lang),
    }
}

/// The goal as a reader checks it, as the board shows it: "5 个", "越低越好 ≤9.3 %",
/// "90–95 %", "约6.2 %", "较基期下降3%", with a stated start "(起点 10.5)".
fn goal(t: &Target, lang: Lang) -> String {
    if t.kind == TargetKind::Milestone {
        return String::new();
    }
    let goal = pace::goal(t, Reading::default());
    let unit = pace::value_unit(t);
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    let mut s = goal.text(&unit, Symbols::Unicode, lang);
    if t.direction == Direction::Down && !matches!(goal, Goal::Change { .. }) {
        s = format!("{} {s}", words::DOWN.get(lang));
    }
    if let Some(b) = t.measure.baseline {
        s.push_str(&format!(" ({})", words::FROM.fill(lang, &[("start", &fmt_num(b))])));
    }
    s
}

/// Prints the tree `import` would store.
pub fn print(out: &mut impl Write, imported: &Imported, lang: Lang) -> Result<()> {
    let p = &imported.plan;
    writeln!(
        out,
        "{} {} {} ({} {}; {})",
        words::PLAN.get(lang),
        p.id,
        p.title,
        words::YEAR.get(lang),
        p.year,
        words::READ_AS.fill(lang, &[("format", &imported.format.describe(lang))])
    )?;
    if !p.preamble.is_empty() {
        let first: String =
            p.preamble.lines().next().unwrap_or_default().chars().take(40).collect();
        writeln!(out, "  {} {first}", words::PREAMBLE.get(lang))?;
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
                line.push_str(&format!("  {}", words::NO_DEPARTMENT.get(lang)));
            }
            if !lead.is_empty() {
                line.push_str(&format!("  [{}] {lead}", words::LEAD.get(lang)));
            }
            if !support.is_empty() {
                line.push_str(&format!("  [{}] {support}", words::SUPPORT.get(lang)));
            }
            if let Some(d) = item.due {
                line.push_str(&format!("  {} {d}", words::DUE.get(lang)));
            }
            writeln!(out, "{line}")?;
            for t in by_item.get(item.id.as_str()).into_iter().flatten() {
                target(out, t, lang)?;
            }
        }
    }
    if !imported.diagnostics.is_empty() {
        writeln!(out, "{}", words::NOTES.get(lang))?;
        for d in &imported.diagnostics {
            writeln!(out, "  {}", imported.finding(d, lang))?;
        }
    }
    writeln!(out, "{}", words::DRY_RUN.get(lang))?;
    Ok(())
}

fn target(out: &mut impl Write, t: &Target, lang: Lang) -> Result<()> {
    let mut line = format!("      {} {} {}", t.id, kind(t, lang), t.name);
    let g = goal(t, lang);
    if !g.is_empty() {
        line.push_str(&format!("  {g}"));
    }
    if let Some(d) = t.due {
        line.push_str(&format!("  {} {d}", words::DUE.get(lang)));
    }
    if let Some(p) = &t.parent {
        line.push_str(&format!("  ({} {p})", words::PART_OF.get(lang)));
    }
    writeln!(out, "{line}")?;
    Ok(())
}
