//! Plain-text output for people: aligned for CJK (two cells per character), no colour, so
//! it reads the same in a terminal, a log file and a chat message.

use crate::core::clock::Clock;
use crate::core::edit::Edit;
use crate::core::import::Imported;
use crate::core::model::{Board, Change, Item, Reading, Status, Target, Theme, Update, fmt_num};
use crate::core::numeral;
use crate::core::pace::stale::Staleness;
use crate::core::pace::{self, Evaluation, Rollup, Symbols};
use crate::core::safe_text::escape;
use crate::core::store::{Glance, ImportSummary, ItemGlance, PlanSummary};
use crate::i18n::{cli as words, cycle, report};
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
    s.map_or(report::NO_STATUS, report::status).get(lang)
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
        report::PROGRESS.get(lang),
        pct(r.progress),
        report::PACE.get(lang),
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

fn item_line(out: &mut impl Write, item: &Item, r: &Rollup, stale: bool, lang: Lang) -> Result<()> {
    let depts = item.leads().map(|d| escape(&d.name)).collect::<Vec<_>>().join("、");
    let depts = if depts.is_empty() { words::NO_DEPT.get(lang).to_string() } else { depts };
    writeln!(
        out,
        "  {:>4} {} {} {} {:>4}  {}{}",
        escape(&item.id),
        pad(&escape(&item.title), 28),
        pad(&depts, 16),
        bar(r.progress),
        pct(r.progress),
        status_word(r.status, lang),
        stale_mark(stale, lang)
    )
}

/// ` 久未更新` after the status of a stale line, nothing otherwise.
fn stale_mark(stale: bool, lang: Lang) -> String {
    if stale { format!(" {}", report::STALE.get(lang)) } else { String::new() }
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
            item_line(out, &i.item, &i.rollup, false, lang)?;
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
    let line =
        words::SIZES.fill(lang, &[("themes", &themes), ("items", &items), ("targets", &targets)]);
    writeln!(out, "{line}")
}

/// The board at a glance. Plans up to [`DETAIL_TARGETS`] targets show every item with its
/// targets and note; larger ones the same lines as [`glance`], from the evaluation.
pub fn status(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    keep: &[bool],
    lang: Lang,
) -> Result<()> {
    let plan = &board.plan;
    // The header and the themes' figures are those of what is shown (a department's).
    let shown = eval.of_kept(plan, keep);
    header(out, &plan.title, eval.as_of, &shown.overall, lang)?;
    let filtered = keep.iter().any(|k| !k);
    if plan.targets.len() > DETAIL_TARGETS {
        sizes_line(out, plan.themes.len(), plan.items.len(), plan.targets.len(), lang)?;
        let show_items = keep.iter().filter(|&&k| k).count() <= DETAIL_ITEMS;
        for (theme, r) in plan.themes.iter().zip(&shown.themes) {
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
                item_line(out, &plan.items[k], &eval.items[k], stale.item(k), lang)?;
            }
        }
        return Ok(());
    }
    for (theme, r) in plan.themes.iter().zip(&shown.themes) {
        let items: Vec<usize> = (0..plan.items.len())
            .filter(|&k| plan.items[k].theme == theme.number && keep[k])
            .collect();
        if items.is_empty() && filtered {
            continue;
        }
        writeln!(out)?;
        theme_line(out, theme, r, lang)?;
        for (k, target) in plan.targets.iter().enumerate() {
            // Targets of a theme heading belong to no department.
            if target.item.is_none() && target.theme == theme.number && !filtered {
                target_line(out, board, eval, stale, k, lang)?;
            }
        }
        for k in items {
            let item = &plan.items[k];
            item_line(out, item, &eval.items[k], stale.item(k), lang)?;
            for (j, t) in plan.targets.iter().enumerate() {
                if t.item.as_deref() == Some(item.id.as_str()) {
                    target_line(out, board, eval, stale, j, lang)?;
                }
            }
            let note = &board.item_states[k].note;
            if !note.is_empty() {
                writeln!(out, "       {} {}", words::NOTE.get(lang), escape(note))?;
            }
        }
    }
    Ok(())
}

fn target_line(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    k: usize,
    lang: Lang,
) -> Result<()> {
    let t = &board.plan.targets[k];
    let e = &eval.targets[k];
    let reading = board.target_states[k].reading();
    let figure = match t.kind {
        crate::core::model::TargetKind::Milestone => {
            if e.status == Status::Done { report::DELIVERED } else { report::OPEN }
                .get(lang)
                .to_string()
        }
        _ => escape(&figure(t, reading, lang)).into_owned(),
    };
    let indent = if t.parent.is_some() { "  " } else { "" };
    writeln!(
        out,
        "       {indent}{} {} {} {:>5} {} {:>4} {} {}{}",
        pad(&escape(&t.id), 6),
        pad(&escape(&t.name), 30 - indent.len()),
        // the figure is never cut: a goal like 较基期下降1个百分点 is the point of the line
        pad(&figure, 16.max(crate::cells::width(&figure))),
        format!("{:.0}%", e.progress * 100.0),
        report::PACE.get(lang),
        format!("{:.0}%", e.pace * 100.0),
        status_word(Some(e.status), lang),
        e.due.format("%m-%d"),
        stale_mark(stale.target(k), lang)
    )
}

/// `value/goal unit`: `64/100 处`, `9.9/≤9.3 %`, `-/90–95 %`, `-/较基期下降3%`.
fn figure(t: &Target, r: Reading, lang: Lang) -> String {
    let value = pace::value_shown(t, r).map_or_else(|| "-".to_string(), fmt_num);
    let unit = pace::value_unit(t);
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    format!("{value}/{}", pace::goal(t, r).text(&unit, Symbols::Unicode, lang))
}

/// `shown` is parallel to the plan's targets.
pub fn targets(
    out: &mut impl Write,
    board: &Board,
    eval: &Evaluation,
    stale: &Staleness,
    shown: &[bool],
    lang: Lang,
) -> Result<()> {
    for (k, &kept) in shown.iter().enumerate() {
        if kept {
            target_line(out, board, eval, stale, k, lang)?;
        }
    }
    Ok(())
}

/// One line saying what a change did, safe to print (see [`escape`]).
pub fn describe_change(board: &Board, change: &Change, lang: Lang) -> String {
    let unit = match change {
        Change::Value { target, .. } => board
            .target_index(target)
            .map(|k| pace::value_unit(&board.plan.targets[k]))
            .unwrap_or_default(),
        _ => "",
    };
    describe(change, unit, lang)
}

/// A change in words, safe to print; `unit` is the unit of a value change's target.
fn describe(change: &Change, unit: &str, lang: Lang) -> String {
    escape(&describe_raw(change, unit, lang)).into_owned()
}

fn describe_raw(change: &Change, unit: &str, lang: Lang) -> String {
    match change {
        Change::Value { target, old, new } => {
            format!("{target} {} → {} {unit}", fmt_num(*old), fmt_num(*new))
        }
        Change::Note { item, new, .. } => format!("{item} {} {new}", words::NOTE.get(lang)),
        Change::ItemStatus { item, new, .. } => format!("{item} {}", status_word(*new, lang)),
        Change::TargetDef { target, new, .. } => match new {
            Some(t) => {
                let goal = pace::goal(t, Reading::default());
                format!("{target} {} {}", t.name, goal.text(&t.unit, Symbols::Unicode, lang))
            }
            None => format!("{target} {}", words::REMOVED.get(lang)),
        },
        Change::Settings { new, .. } => crate::i18n::cycle::SETTINGS_CHANGED
            .fill(lang, &[("settings", &settings_text(new, lang))]),
    }
}

/// "每月25日前报送 · 30天未更新为久未更新" / "monthly, by day 25 · stale after 30 days".
pub fn settings_text(s: &crate::core::model::PlanSettings, lang: Lang) -> String {
    cycle::settings(s, lang)
}

pub fn applied(out: &mut impl Write, board: &Board, u: &Update, lang: Lang) -> Result<()> {
    let mut line = describe_change(board, &u.change, lang);
    if let Change::Value { target, .. } = &u.change
        && let Some(k) = board.target_index(target)
    {
        // The share of the way done, and the goal as the target reads it now.
        let (t, r) = (&board.plan.targets[k], board.target_states[k].reading());
        let share = pace::aim::aim(t, r, &pace::Thresholds::default()).progress(r) * 100.0;
        let goal = pace::goal(t, r).text("", Symbols::Unicode, lang);
        let share = format!("{share:.0}");
        line.push_str(&words::APPLIED_SHARE.fill(lang, &[("share", &share), ("goal", &goal)]));
    }
    if u.undoes.is_some() {
        line.push_str(words::UNDO_MARK.get(lang));
    }
    writeln!(out, "{line}")
}

/// Says that an edit changed nothing, and what stands.
pub fn unchanged(out: &mut impl Write, board: &Board, edit: &Edit, lang: Lang) -> Result<()> {
    let line = match edit {
        Edit::Set { target, .. } | Edit::Add { target, .. } | Edit::Done { target } => {
            let value = board.target_index(target).map_or_else(String::new, |k| {
                let t = &board.plan.targets[k];
                let v = board.target_states[k].value;
                match t.kind {
                    crate::core::model::TargetKind::Milestone => {
                        if v >= 1.0 { report::DELIVERED } else { report::OPEN }.get(lang).into()
                    }
                    _ => format!("{} {}", fmt_num(v), t.unit),
                }
            });
            words::UNCHANGED_VALUE.fill(lang, &[("target", target), ("value", &value.trim_end())])
        }
        Edit::Note { item, .. } => words::UNCHANGED_NOTE.fill(lang, &[("item", item)]),
        Edit::ItemStatus { item, status } => words::UNCHANGED_STATUS
            .fill(lang, &[("item", item), ("status", &status_word(*status, lang))]),
        Edit::PutTarget(_) | Edit::Undo | Edit::Settings(_) => {
            words::UNCHANGED.get(lang).to_string()
        }
    };
    writeln!(out, "{line}")
}

/// Says that the log has no entries (or none the filters keep).
pub fn no_updates(out: &mut impl Write, lang: Lang) -> Result<()> {
    writeln!(out, "{}", words::NO_UPDATES.get(lang))
}

/// One line of the log; `unit` is the unit of a value change's target.
pub fn log_line(
    out: &mut impl Write,
    u: &Update,
    unit: &str,
    clock: &Clock,
    lang: Lang,
) -> Result<()> {
    let at = clock.format(u.at, "%Y-%m-%d %H:%M");
    let note = if u.note.is_empty() { String::new() } else { format!("  {}", escape(&u.note)) };
    let (user, what) = (escape(&u.user), describe(&u.change, unit, lang));
    writeln!(out, "{at}  {}  {what}{note}", pad(&user, 10))
}

pub fn plans(
    out: &mut impl Write,
    plans: &[PlanSummary],
    current: Option<&str>,
    lang: Lang,
) -> Result<()> {
    for p in plans {
        let mark = if Some(p.id.as_str()) == current { "*" } else { " " };
        let sizes = words::PLAN_SIZES.fill(lang, &[("items", &p.items), ("targets", &p.targets)]);
        writeln!(out, "{mark} {} {} · {sizes}", pad(&escape(&p.id), 8), escape(&p.title))?;
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
    let head = if summary.replaced { words::REPLACED } else { words::IMPORTED };
    let line = head.fill(
        lang,
        &[
            ("plan", &escape(&plan.id)),
            ("title", &escape(&plan.title)),
            ("themes", &plan.themes.len()),
            ("items", &plan.items.len()),
            ("targets", &plan.targets.len()),
            ("milestones", &milestones),
        ],
    );
    writeln!(out, "{line}")?;
    if summary.replaced {
        let gone = if summary.dropped_targets.is_empty() {
            "-".to_string()
        } else {
            escape(&summary.dropped_targets.join(" ")).into_owned()
        };
        let line = words::KEPT.fill(
            lang,
            &[("kept", &summary.kept_targets), ("manual", &summary.kept_manual), ("gone", &gone)],
        );
        writeln!(out, "{line}")?;
    }
    let format = imported.format.describe(lang);
    writeln!(out, "  {}", words::READ_AS.fill(lang, &[("format", &format)]))?;
    for d in &imported.diagnostics {
        writeln!(out, "  {}", escape(&imported.finding(d, lang)))?;
    }
    Ok(())
}

/// "截止 06-25，剩 3 天" / "due 06-25, 3 days left"; "今天截止", "已截止 2 天".
pub fn due_text(due: chrono::NaiveDate, today: chrono::NaiveDate, lang: Lang) -> String {
    cycle::due(due, today, lang)
}

/// `reported`: a header, then one line per department (reported or not, how many items,
/// the latest report) and, under a department that has not, its missing items.
pub fn reported(
    out: &mut impl Write,
    board: &Board,
    r: &crate::cli::cmd::cycle::PeriodReports,
    today: chrono::NaiveDate,
    clock: &Clock,
    lang: Lang,
) -> Result<()> {
    let done = r.departments.iter().filter(|d| d.reported()).count();
    let rule = r.settings.describe(lang);
    writeln!(
        out,
        "{} {} ({} – {}, {}) · {} · {}",
        cycle::REPORTS.get(lang),
        r.period,
        r.first_day,
        r.due,
        rule,
        due_text(r.due, today, lang),
        cycle::REPORTED_COUNT.fill(lang, &[("done", &done), ("all", &r.departments.len())])
    )?;
    let rows: Vec<[String; 4]> = r
        .departments
        .iter()
        .map(|d| {
            let state = if d.reported() { cycle::REPORTED } else { cycle::NOT_REPORTED }.get(lang);
            let count = if d.reported() {
                format!("{}/{}", d.items.len(), d.items.len())
            } else {
                cycle::MISSING_COUNT
                    .fill(lang, &[("missing", &d.missing.len()), ("all", &d.items.len())])
            };
            let last = d.last.map_or_else(
                || cycle::NO_REPORT.get(lang).to_string(),
                |t| cycle::LAST.fill(lang, &[("at", &clock.format(t, "%m-%d %H:%M"))]),
            );
            [state.to_string(), d.department.clone(), count, last]
        })
        .collect();
    let width = |c: usize| rows.iter().map(|row| crate::cells::width(&row[c])).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for (d, row) in r.departments.iter().zip(&rows) {
        writeln!(
            out,
            "  {}  {}  {}  {}",
            pad(&row[0], w0),
            pad(&row[1], w1),
            pad(&row[2], w2),
            row[3]
        )?;
        for &i in &d.missing {
            let item = &board.plan.items[i];
            writeln!(out, "        {}  {}", pad(&item.id, 6), item.title)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::generate::{self, Spec};
    use crate::core::pace::{self, Thresholds};

    /// The large-plan view from the stored tallies prints exactly what the full evaluation
    /// prints, with item lines up to DETAIL_ITEMS items and without them above.
    #[test]
    fn a_large_plan_at_a_glance_reads_the_same_from_tallies_and_from_the_board() {
        for (themes, items, targets, with_items) in [(3, 20, 6, true), (2, 160, 2, false)] {
            let dir = tempfile::tempdir().expect("tempdir");
            let spec = Spec::new(themes, items, targets, 2000);
            let (store, _, _) = generate::loaded_store(&dir.path().join("g.redb"), &spec);
            let day = chrono::NaiveDate::from_ymd_opt(2023, 8, 15).expect("date");
            let board = store.board("2023").expect("board");
            let eval = pace::evaluate(&board, day, &Thresholds::default());
            let keep = vec![true; board.plan.items.len()];
            let mut slow = Vec::new();
            status(&mut slow, &board, &eval, &Default::default(), &keep, Lang::Zh).expect("status");
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
