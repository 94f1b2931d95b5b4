//! Plain-text output for people: aligned for CJK (two cells per character), no colour, so
//! it reads the same in a terminal, a log file and a chat message.

use crate::core::clock::Clock;
use crate::core::import::Imported;
use crate::core::model::{Board, Change, Item, Status, Theme, Update, fmt_num};
use crate::core::numeral;
use crate::core::pace::{Evaluation, Rollup};
use crate::core::safe_text::escape;
use crate::core::store::{Glance, ImportSummary, ItemGlance, PlanSummary};
use crate::lang::Lang;
use std::io::{Result, Write};

use crate::cells::pad;

fn pct(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map_or_else(|| "--".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// A 10-cell ASCII bar.
fn bar(x: Option<f64>) -> String {
    let Some(x) = x else { return " ".repeat(12) };
    let filled = (crate::core::pace::clamp01(x) * 10.0).round();
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "0..=10")]
    let filled = filled as usize;
    format!("[{}{}]", "#".repeat(filled), "-".repeat(10 - filled))
}

pub fn status_word(s: Option<Status>, lang: Lang) -> &'static str {
    match s {
        Some(s) => lang.pick(s.zh(), s.en()),
        None => lang.pick("未评估", "no status"),
    }
}

fn counts_line(r: &Rollup, lang: Lang) -> String {
    [Status::Behind, Status::AtRisk, Status::OnTrack, Status::Done]
        .iter()
        .map(|&s| format!("{} {}", status_word(Some(s), lang), r.count(s)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Plans with at most this many targets show every item and target under its theme.
pub const DETAIL_TARGETS: usize = 300;
/// Larger plans show a line per theme, and a line per item when they have at most this many.
pub const DETAIL_ITEMS: usize = 300;

fn header(
    out: &mut impl Write,
    title: &str,
    as_of: chrono::NaiveDate,
    r: &Rollup,
    lang: Lang,
) -> Result<()> {
    writeln!(
        out,
        "{} · {} · {} {} · {} {} · {}",
        escape(title),
        as_of,
        lang.pick("进度", "progress"),
        pct(r.progress),
        lang.pick("序时", "pace"),
        pct(r.pace),
        counts_line(r, lang)
    )
}

fn theme_line(out: &mut impl Write, theme: &Theme, r: &Rollup, lang: Lang) -> Result<()> {
    writeln!(
        out,
        "{} {} {} {:>4}  {}",
        numeral::chinese(theme.number),
        pad(&escape(&theme.title), 46),
        bar(r.progress),
        pct(r.progress),
        status_word(r.status, lang)
    )
}

fn theme_counts_line(out: &mut impl Write, r: &Rollup, lang: Lang) -> Result<()> {
    writeln!(out, "     {}", counts_line(r, lang))
}

fn item_line(out: &mut impl Write, item: &Item, r: &Rollup, lang: Lang) -> Result<()> {
    let depts = item.leads().map(|d| escape(&d.name)).collect::<Vec<_>>().join("、");
    let depts =
        if depts.is_empty() { lang.pick("(无科室)", "(no dept)").to_string() } else { depts };
    writeln!(
        out,
        "  {:>4} {} {} {} {:>4}  {}",
        escape(&item.id),
        pad(&escape(&item.title), 28),
        pad(&depts, 16),
        bar(r.progress),
        pct(r.progress),
        status_word(r.status, lang)
    )
}

/// The board at a glance from the stored tallies (plans above [`DETAIL_TARGETS`]): the
/// header, then per theme its gauge and counts, and its items when `items` is given.
pub fn glance(
    out: &mut impl Write,
    g: &Glance,
    items: Option<&[ItemGlance]>,
    lang: Lang,
) -> Result<()> {
    header(out, &g.plan.title, g.as_of, &g.overall, lang)?;
    sizes_line(out, g.plan.themes.len(), g.brief.items as usize, g.brief.targets as usize, lang)?;
    for (theme, r) in g.plan.themes.iter().zip(&g.themes) {
        writeln!(out)?;
        theme_line(out, theme, r, lang)?;
        theme_counts_line(out, r, lang)?;
        for i in items.unwrap_or_default().iter().filter(|i| i.item.theme == theme.number) {
            item_line(out, &i.item, &i.rollup, lang)?;
        }
    }
    Ok(())
}

fn sizes_line(
    out: &mut impl Write,
    themes: usize,
    items: usize,
    targets: usize,
    lang: Lang,
) -> Result<()> {
    match lang {
        Lang::Zh => writeln!(
            out,
            "{themes} 个主题 · {items} 项任务 · {targets} 个指标（逐项见 yaodian targets 或 status --json）"
        ),
        Lang::En => writeln!(
            out,
            "{themes} themes · {items} items · {targets} targets (each one: yaodian targets or status --json)"
        ),
    }
}

/// The board at a glance. Plans up to [`DETAIL_TARGETS`] targets show every item with its
/// targets and note; larger ones the same lines as [`glance`], from the evaluation.
pub fn status(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    keep: &[bool],
    lang: Lang,
) -> Result<()> {
    let plan = &board.plan;
    header(out, &plan.title, eval.as_of, &eval.plan, lang)?;
    let filtered = keep.iter().any(|k| !k);
    if plan.targets.len() > DETAIL_TARGETS {
        sizes_line(out, plan.themes.len(), plan.items.len(), plan.targets.len(), lang)?;
        let show_items = keep.iter().filter(|&&k| k).count() <= DETAIL_ITEMS;
        for (theme, r) in plan.themes.iter().zip(&eval.themes) {
            let items: Vec<usize> = (0..plan.items.len())
                .filter(|&k| plan.items[k].theme == theme.number && keep[k])
                .collect();
            if items.is_empty() && filtered {
                continue;
            }
            writeln!(out)?;
            theme_line(out, theme, r, lang)?;
            theme_counts_line(out, r, lang)?;
            for k in items.into_iter().filter(|_| show_items) {
                item_line(out, &plan.items[k], &eval.items[k], lang)?;
            }
        }
        return Ok(());
    }
    for (theme, r) in plan.themes.iter().zip(&eval.themes) {
        let items: Vec<usize> = (0..plan.items.len())
            .filter(|&k| plan.items[k].theme == theme.number && keep[k])
            .collect();
        if items.is_empty() && keep.iter().any(|k| !k) {
            continue;
        }
        writeln!(out)?;
        theme_line(out, theme, r, lang)?;
        for (k, target) in plan.targets.iter().enumerate() {
            if target.item.is_none() && target.theme == theme.number {
                target_line(out, board, eval, k, lang)?;
            }
        }
        for k in items {
            let item = &plan.items[k];
            item_line(out, item, &eval.items[k], lang)?;
            for (j, t) in plan.targets.iter().enumerate() {
                if t.item.as_deref() == Some(item.id.as_str()) {
                    target_line(out, board, eval, j, lang)?;
                }
            }
            let note = &board.item_states[k].note;
            if !note.is_empty() {
                writeln!(out, "       {} {}", lang.pick("进展:", "note:"), escape(note))?;
            }
        }
    }
    Ok(())
}

fn target_line(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    k: usize,
    lang: Lang,
) -> Result<()> {
    let t = &board.plan.targets[k];
    let e = &eval.targets[k];
    let v = board.target_states[k].value;
    let figure = match t.kind {
        crate::core::model::TargetKind::Milestone => {
            if v >= 1.0 { lang.pick("已完成", "done") } else { lang.pick("未完成", "open") }
                .to_string()
        }
        _ => format!("{}/{} {}", fmt_num(v), fmt_num(t.goal), escape(&t.unit)),
    };
    let indent = if t.parent.is_some() { "  " } else { "" };
    writeln!(
        out,
        "       {indent}{} {} {} {:>5} {} {:>4} {} {}",
        pad(&escape(&t.id), 6),
        pad(&escape(&t.name), 30 - indent.len()),
        pad(&figure, 16),
        format!("{:.0}%", e.progress * 100.0),
        lang.pick("序时", "pace"),
        format!("{:.0}%", e.pace * 100.0),
        status_word(Some(e.status), lang),
        e.due.format("%m-%d")
    )
}

pub fn targets(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    keep: &[bool],
    lang: Lang,
) -> Result<()> {
    for (k, t) in board.plan.targets.iter().enumerate() {
        let kept = t.item.as_deref().and_then(|i| board.item_index(i)).is_none_or(|i| keep[i]);
        if kept {
            target_line(out, board, eval, k, lang)?;
        }
    }
    Ok(())
}

/// One line saying what a change did, safe to print (see [`escape`]).
pub fn describe_change(board: &Board, change: &Change, lang: Lang) -> String {
    escape(&describe_raw(board, change, lang)).into_owned()
}

fn describe_raw(board: &Board, change: &Change, lang: Lang) -> String {
    match change {
        Change::Value { target, old, new } => {
            let unit = board
                .target_index(target)
                .map(|k| board.plan.targets[k].unit.as_str())
                .unwrap_or_default();
            format!("{target} {} → {} {unit}", fmt_num(*old), fmt_num(*new))
        }
        Change::Note { item, new, .. } => format!("{item} {} {new}", lang.pick("进展:", "note:")),
        Change::ItemStatus { item, new, .. } => format!("{item} {}", status_word(*new, lang)),
        Change::TargetDef { target, new, .. } => match new {
            Some(t) => format!("{target} {} {}{}", t.name, fmt_num(t.goal), t.unit),
            None => format!("{target} {}", lang.pick("已删除", "removed")),
        },
    }
}

pub fn applied(out: &mut impl Write, board: &Board, u: &Update, lang: Lang) -> Result<()> {
    let mut line = describe_change(board, &u.change, lang);
    if let Change::Value { target, new, .. } = &u.change
        && let Some(t) = board.target_index(target).map(|k| &board.plan.targets[k])
        && t.goal > 0.0
    {
        let share = new / t.goal * 100.0;
        line.push_str(&match lang {
            Lang::Zh => format!("（完成{share:.0}%，目标{}）", fmt_num(t.goal)),
            Lang::En => format!(" ({share:.0}% of {})", fmt_num(t.goal)),
        });
    }
    if u.undoes.is_some() {
        line.push_str(lang.pick(" (撤销)", " (undo)"));
    }
    writeln!(out, "{line}")
}

pub fn log(
    out: &mut impl Write,
    board: &Board,
    log: &[Update],
    clock: &Clock,
    lang: Lang,
) -> Result<()> {
    if log.is_empty() {
        return writeln!(out, "{}", lang.pick("(没有记录)", "(no updates)"));
    }
    for u in log {
        let at = clock.format(u.at, "%Y-%m-%d %H:%M");
        let note = if u.note.is_empty() { String::new() } else { format!("  {}", escape(&u.note)) };
        writeln!(
            out,
            "{at}  {}  {}{note}",
            pad(&escape(&u.user), 10),
            describe_change(board, &u.change, lang)
        )?;
    }
    Ok(())
}

pub fn plans(
    out: &mut impl Write,
    plans: &[PlanSummary],
    current: Option<&str>,
    lang: Lang,
) -> Result<()> {
    for p in plans {
        let mark = if Some(p.id.as_str()) == current { "*" } else { " " };
        writeln!(
            out,
            "{mark} {} {} · {} {} · {} {}",
            pad(&escape(&p.id), 8),
            escape(&p.title),
            p.items,
            lang.pick("项", "items"),
            p.targets,
            lang.pick("个指标", "targets")
        )?;
    }
    Ok(())
}

pub fn import_summary(
    out: &mut impl Write,
    imported: &Imported,
    summary: &ImportSummary,
    lang: Lang,
) -> Result<()> {
    let plan = &imported.plan;
    let milestones =
        plan.targets.iter().filter(|t| t.kind == crate::core::model::TargetKind::Milestone).count();
    writeln!(
        out,
        "{} {} ({}): {} {}, {} {}, {} {} ({} {})",
        lang.pick(
            if summary.replaced { "已替换" } else { "已导入" },
            if summary.replaced { "replaced" } else { "imported" }
        ),
        escape(&plan.id),
        escape(&plan.title),
        plan.themes.len(),
        lang.pick("个主题", "themes"),
        plan.items.len(),
        lang.pick("项任务", "items"),
        plan.targets.len(),
        lang.pick("个指标", "targets"),
        milestones,
        lang.pick("个为文件类", "milestones"),
    )?;
    if summary.replaced {
        writeln!(
            out,
            "{} {}, {} {}, {} {}",
            lang.pick("保留进度的指标", "targets kept with their history:"),
            summary.kept_targets,
            lang.pick("保留的手工指标", "hand-made targets kept:"),
            summary.kept_manual,
            lang.pick("移除的指标", "targets gone:"),
            if summary.dropped_targets.is_empty() {
                "-".to_string()
            } else {
                escape(&summary.dropped_targets.join(" ")).into_owned()
            }
        )?;
    }
    writeln!(out, "  {}{}", lang.pick("读取：", "read as "), imported.format.describe(lang))?;
    for d in &imported.diagnostics {
        let line = format!("{}: {}", imported.at(d.line, lang), d.message(lang));
        writeln!(out, "  {}", escape(&line))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{self, Spec};
    use crate::core::identity::Actor;
    use crate::core::pace::{self, Thresholds};
    use crate::core::store::{OpenOptions, Store};

    /// The large-plan view from the stored tallies prints exactly what the full evaluation
    /// prints, with item lines up to DETAIL_ITEMS items and without them above.
    #[test]
    fn a_large_plan_at_a_glance_reads_the_same_from_tallies_and_from_the_board() {
        for (themes, items, targets, with_items) in [(3, 20, 6, true), (2, 160, 2, false)] {
            let dir = tempfile::tempdir().expect("tempdir");
            let store =
                Store::open(&dir.path().join("g.redb"), OpenOptions::default()).expect("open");
            let spec = Spec::new(themes, items, targets, 2000);
            let plan = generate::plan(&spec).expect("plan");
            let me = Actor { user: "w".into(), uid: 1 };
            store.bulk_load(&plan, generate::updates(&plan, &spec), &me).expect("load");
            let day = chrono::NaiveDate::from_ymd_opt(2023, 8, 15).expect("date");
            let board = store.board("2023").expect("board");
            let eval = pace::evaluate(&board, day, &Thresholds::default());
            let keep = vec![true; board.plan.items.len()];
            let mut slow = Vec::new();
            status(&mut slow, &board, &eval, &keep, Lang::Zh).expect("status");
            let g = store.glance("2023", day).expect("glance").expect("tallies");
            let lines = if g.brief.items as usize <= DETAIL_ITEMS {
                store.item_glances("2023", day).expect("items")
            } else {
                None
            };
            assert_eq!(lines.is_some(), with_items);
            let mut fast = Vec::new();
            glance(&mut fast, &g, lines.as_deref(), Lang::Zh).expect("glance");
            let (slow, fast) =
                (String::from_utf8(slow).expect("utf8"), String::from_utf8(fast).expect("utf8"));
            assert_eq!(fast, slow);
            assert!(
                fast.lines().count() < themes * 3 + 3 + if with_items { themes * items } else { 0 }
            );
        }
    }
}
