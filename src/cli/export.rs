//! `yaodian export`: the ledger (台账) as Markdown, CSV (UTF-8 with BOM), XLSX or JSON, and
//! the full JSON backup (plan + whole log) that `restore` reads back.

use crate::core::model::{Plan, Status, TargetKind, Update, fmt_num};
use crate::core::pace::Rollup;
use crate::core::report::{GroupBy, Ledger, Row};
use crate::lang::Lang;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Xlsx,
    Json,
}

/// Column headings of the ledger.
fn headings(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Zh => [
            "序号",
            "任务",
            "指标",
            "目标值",
            "单位",
            "完成值",
            "完成率",
            "序时进度",
            "完成状态",
            "截止日期",
            "责任科室",
            "进展情况",
        ],
        Lang::En => [
            "No.",
            "Task",
            "Indicator",
            "Goal",
            "Unit",
            "Value",
            "Done",
            "Pace",
            "Status",
            "Due",
            "Departments",
            "Progress note",
        ],
    }
}

fn pct(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite()).map_or_else(String::new, |v| format!("{:.0}%", v * 100.0))
}

fn status_text(s: Option<Status>, lang: Lang) -> &'static str {
    s.map_or("", |s| lang.pick(s.zh(), s.en()))
}

/// A row's cells as text, in heading order.
fn cells(row: &Row, lang: Lang) -> [String; 12] {
    let milestone = row.kind == Some(TargetKind::Milestone);
    let value = match (row.kind, row.value) {
        (Some(TargetKind::Milestone), Some(v)) => lang
            .pick(
                if v >= 1.0 { "已完成" } else { "未完成" },
                if v >= 1.0 { "done" } else { "open" },
            )
            .to_string(),
        (_, Some(v)) => fmt_num(v),
        (_, None) => String::new(),
    };
    [
        row.id.clone(),
        row.task.clone(),
        row.indicator.clone(),
        if milestone { String::new() } else { row.goal.map(fmt_num).unwrap_or_default() },
        row.unit.clone(),
        value,
        pct(row.rate),
        pct(row.pace),
        status_text(row.status, lang).to_string(),
        row.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        row.departments.clone(),
        row.note.clone(),
    ]
}

fn counts_text(r: &Rollup, lang: Lang) -> String {
    [Status::Behind, Status::AtRisk, Status::OnTrack, Status::Done]
        .iter()
        .filter(|&&s| r.count(s) > 0)
        .map(|&s| format!("{} {}", lang.pick(s.zh(), s.en()), r.count(s)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn subtotal_label(lang: Lang) -> &'static str {
    lang.pick("小计", "Subtotal")
}

fn summary_line(ledger: &Ledger, lang: Lang) -> String {
    format!(
        "{} {} · {} {} · {} {} · {}",
        lang.pick("截至", "as of"),
        ledger.as_of,
        lang.pick("总体进度", "progress"),
        pct(ledger.total.progress),
        lang.pick("序时进度", "pace"),
        pct(ledger.total.pace),
        counts_text(&ledger.total, lang)
    )
}

fn group_summary(r: &Rollup, lang: Lang) -> String {
    if r.total() == 0 {
        return lang
            .pick("（无量化指标，未填报状态）", "(no measurable targets, no status given)")
            .into();
    }
    format!(
        "{} {} · {} {} · {}",
        lang.pick("进度", "progress"),
        pct(r.progress),
        lang.pick("序时", "pace"),
        pct(r.pace),
        counts_text(r, lang)
    )
}

fn ledger_title(ledger: &Ledger, lang: Lang) -> String {
    format!("{} · {}", ledger.title, lang.pick("落实情况台账", "progress ledger"))
}

/// Markdown: `*` and `|` are escaped, so the source's `**` redactions stay literal.
fn md_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace('*', "\\*").replace('\n', " ")
}

pub fn markdown(out: &mut impl Write, ledger: &Ledger, lang: Lang) -> Result<()> {
    writeln!(out, "# {}\n", md_escape(&ledger_title(ledger, lang)))?;
    writeln!(out, "{}\n", summary_line(ledger, lang))?;
    let heads = headings(lang);
    for g in &ledger.groups {
        writeln!(out, "## {}\n\n{}\n", md_escape(&g.title), group_summary(&g.subtotal, lang))?;
        writeln!(out, "| {} |", heads.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(heads.len()))?;
        for row in &g.rows {
            let c = cells(row, lang);
            let c: Vec<String> = c.iter().map(|x| md_escape(x)).collect();
            writeln!(out, "| {} |", c.join(" | "))?;
        }
        let mut sub = vec![String::new(); heads.len()];
        sub[0] = format!("**{}**", subtotal_label(lang));
        sub[6] = pct(g.subtotal.progress);
        sub[7] = pct(g.subtotal.pace);
        sub[8] = counts_text(&g.subtotal, lang);
        writeln!(out, "| {} |\n", sub.join(" | "))?;
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV in UTF-8 with a BOM, so Excel and WPS open the Chinese correctly.
pub fn csv(out: &mut impl Write, ledger: &Ledger, lang: Lang) -> Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let group = match ledger.by {
        GroupBy::Theme => lang.pick("主题", "Theme"),
        GroupBy::Department => lang.pick("科室", "Department"),
    };
    let heads = headings(lang);
    let line =
        |fields: &[String]| fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    let mut header = vec![group.to_string()];
    header.extend(heads.iter().map(|h| (*h).to_string()));
    write!(out, "{}\r\n", line(&header))?;
    for g in &ledger.groups {
        for row in &g.rows {
            let mut fields = vec![g.title.clone()];
            fields.extend(cells(row, lang));
            write!(out, "{}\r\n", line(&fields))?;
        }
        let mut sub = vec![String::new(); heads.len() + 1];
        sub[0] = g.title.clone();
        sub[1] = subtotal_label(lang).to_string();
        sub[7] = pct(g.subtotal.progress);
        sub[8] = pct(g.subtotal.pace);
        sub[9] = counts_text(&g.subtotal, lang);
        write!(out, "{}\r\n", line(&sub))?;
    }
    let mut total = vec![String::new(); heads.len() + 1];
    total[1] = lang.pick("合计", "Total").to_string();
    total[7] = pct(ledger.total.progress);
    total[8] = pct(ledger.total.pace);
    total[9] = counts_text(&ledger.total, lang);
    write!(out, "{}\r\n", line(&total))?;
    Ok(())
}

fn rollup_json(r: &Rollup) -> Value {
    json!({
        "progress": r.progress,
        "pace": r.pace,
        "status": r.status.map(Status::as_str),
        "counts": {"done": r.counts[0], "on_track": r.counts[1], "at_risk": r.counts[2], "behind": r.counts[3]},
    })
}

/// The ledger as JSON: the same rows and subtotals, numbers as numbers.
pub fn json(ledger: &Ledger) -> Value {
    json!({
        "plan": {"id": ledger.plan_id, "title": ledger.title},
        "as_of": ledger.as_of.format("%Y-%m-%d").to_string(),
        "by": match ledger.by { GroupBy::Theme => "theme", GroupBy::Department => "department" },
        "total": rollup_json(&ledger.total),
        "groups": ledger.groups.iter().map(|g| json!({
            "title": g.title,
            "subtotal": rollup_json(&g.subtotal),
            "rows": g.rows.iter().map(|r| json!({
                "id": r.id,
                "task": r.task,
                "indicator": r.indicator,
                "kind": r.kind.map(TargetKind::as_str),
                "goal": r.goal,
                "unit": r.unit,
                "value": r.value,
                "rate": r.rate,
                "pace": r.pace,
                "status": r.status.map(Status::as_str),
                "due": r.due.map(|d| d.format("%Y-%m-%d").to_string()),
                "departments": r.departments,
                "note": r.note,
                "parent": r.parent,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// The full backup: the plan's structure and its whole update log.
#[derive(Debug, Serialize, Deserialize)]
pub struct FullBackup {
    pub format: String,
    pub version: u32,
    pub plan: Plan,
    pub updates: Vec<Update>,
}

/// Name in the `format` field of a full backup.
pub const FULL_FORMAT: &str = "yaodian-full-backup";

pub fn full(plan: &Plan, updates: Vec<Update>) -> FullBackup {
    FullBackup { format: FULL_FORMAT.into(), version: 1, plan: plan.clone(), updates }
}

/// Reads a full backup, refusing anything else.
pub fn read_full(path: &Path) -> Result<FullBackup> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let backup: FullBackup = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: not a yaodian full backup ({e})", path.display()))?;
    if backup.format != FULL_FORMAT {
        bail!("{}: not a yaodian full backup", path.display());
    }
    if backup.version > 1 {
        bail!(
            "{}: backup version {} is newer than this yaodian reads",
            path.display(),
            backup.version
        );
    }
    Ok(backup)
}

/// Width in Excel's character units of a text: CJK counts double.
fn excel_width(s: &str) -> f64 {
    use unicode_width::UnicodeWidthStr;
    #[expect(clippy::cast_precision_loss, reason = "short strings")]
    let w = s.width() as f64;
    w * 1.1 + 2.0
}

/// Widest a column grows before its text wraps (task, indicator, note are long).
const MAX_WIDTH: [f64; 12] = [8.0, 26.0, 30.0, 9.0, 6.0, 9.0, 8.0, 9.0, 9.0, 11.0, 18.0, 30.0];

/// XLSX for printing and for the office's own sheets: the plan title and as-of date on top,
/// a bold header frozen and repeated on every printed page, a title row per theme (or
/// department) with its subtotal row, status cells coloured like the TUI, numbers as numbers,
/// column widths that fit Chinese text, landscape A4 one page wide.
pub fn xlsx(path: &Path, ledger: &Ledger, lang: Lang) -> Result<()> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(lang.pick("台账", "Ledger"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold().set_border(FormatBorder::Thin);
    let group = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00F2_F2F2))
        .set_border(FormatBorder::Thin);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00D9_E1F2))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell =
        Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.##")
        .set_align(FormatAlign::Top);
    let percent = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0%")
        .set_align(FormatAlign::Top);
    let status_fmt = |s: Option<Status>| {
        let f = Format::new().set_border(FormatBorder::Thin).set_bold().set_align(FormatAlign::Top);
        let (fill, font) = match s {
            Some(Status::Done) => (0x00C6_EFCE, 0x0000_6100),
            Some(Status::OnTrack) => (0x00DD_EBF7, 0x001F_4E79),
            Some(Status::AtRisk) => (0x00FF_EB9C, 0x009C_5700),
            Some(Status::Behind) => (0x00FF_C7CE, 0x009C_0006),
            None => return f,
        };
        f.set_background_color(Color::RGB(fill)).set_font_color(Color::RGB(font))
    };
    let heads = headings(lang);
    let last_col = col(heads.len() - 1);
    sheet.write_string_with_format(0, 0, ledger_title(ledger, lang), &title)?;
    sheet.write_string(1, 0, summary_line(ledger, lang))?;
    let mut widths: Vec<f64> = heads.iter().map(|h| excel_width(h)).collect();
    const HEADER_ROW: u32 = 3;
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col(c), *h, &header)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    let mut r = HEADER_ROW + 1;
    for g in &ledger.groups {
        sheet.merge_range(r, 0, r, last_col, &g.title, &group)?;
        r += 1;
        for row in &g.rows {
            for (c, text) in cells(row, lang).iter().enumerate() {
                let numeric = row.kind != Some(TargetKind::Milestone);
                match c {
                    3 if numeric && row.goal.is_some() => {
                        sheet.write_number_with_format(
                            r,
                            col(c),
                            row.goal.unwrap_or_default(),
                            &number,
                        )?;
                    }
                    5 if numeric && row.value.is_some() => {
                        sheet.write_number_with_format(
                            r,
                            col(c),
                            row.value.unwrap_or_default(),
                            &number,
                        )?;
                    }
                    6 if row.rate.is_some_and(f64::is_finite) => {
                        sheet.write_number_with_format(
                            r,
                            col(c),
                            row.rate.unwrap_or_default(),
                            &percent,
                        )?;
                    }
                    7 if row.pace.is_some() => {
                        sheet.write_number_with_format(
                            r,
                            col(c),
                            row.pace.unwrap_or_default(),
                            &percent,
                        )?;
                    }
                    _ => {
                        let f = if c == 8 { status_fmt(row.status) } else { cell.clone() };
                        sheet.write_string_with_format(r, col(c), text, &f)?;
                    }
                }
                widths[c] =
                    widths[c].max(excel_width(text)).min(MAX_WIDTH[c].max(excel_width(heads[c])));
            }
            r += 1;
        }
        let subtotal = [
            (0, subtotal_label(lang).to_string()),
            (6, pct(g.subtotal.progress)),
            (7, pct(g.subtotal.pace)),
            (8, counts_text(&g.subtotal, lang)),
        ];
        for c in 0..heads.len() {
            let text =
                subtotal.iter().find(|(k, _)| *k == c).map(|(_, t)| t.as_str()).unwrap_or("");
            sheet.write_string_with_format(r, col(c), text, &bold)?;
        }
        r += 1;
    }
    let total = [
        (0, lang.pick("合计", "Total").to_string()),
        (6, pct(ledger.total.progress)),
        (7, pct(ledger.total.pace)),
        (8, counts_text(&ledger.total, lang)),
    ];
    for c in 0..heads.len() {
        let text = total.iter().find(|(k, _)| *k == c).map(|(_, t)| t.as_str()).unwrap_or("");
        sheet.write_string_with_format(r, col(c), text, &bold)?;
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(col(c), *w)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    book.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
