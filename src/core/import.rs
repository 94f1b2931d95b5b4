//! Plan files → [`Plan`], for the 工作要点 genre: themes 一、, sections （一）, items 1. / 1、,
//! department tags, quantity / percentage / milestone targets, deadlines, with diagnostics.
//!
//! Entry points: [`read_path`] / [`read`] take a file as an office keeps it (text in UTF-8,
//! UTF-16 or GB18030, a .docx, an .xlsx task table) and [`parse`] takes text. One sub-module
//! per concern: `read` (files → text or blocks, with limits), `front` (letterhead, notice,
//! title, year), `text` (normalisation and hard wraps), `structure` (themes, sections, items),
//! `table` (task tables), `departments`, `quantities`, `milestones`, `deadlines`,
//! `traditional` (Traditional characters), `diagnostic` (findings in the UI language).
//!
//! Choices worth knowing:
//! - item ids are the plain number when every number is unique in the plan, else
//!   `<theme>.<n>` when unique per theme, else `<theme>.<section>.<n>`;
//! - a flat list of items (no 一、 headings) goes under one synthetic theme 1 whose title is
//!   the plan title;
//! - an item's `text` is its normalised text (full-width digits made ASCII, lines joined,
//!   paragraphs separated by "\n") without the number marker, department tag included;
//! - a deadline that is followed only by 完成 (`12月底前完成。`) is the item's due date; a
//!   deadline in a clause with a target is that target's due date; a deadline followed only by
//!   the verb that issues a document the item produces (`制定《…》，6月底前印发`) is that
//!   document's due date; a deadline followed by any other action (`4月底前签订办赛协议`) is a
//!   dated milestone of the item, and the latest such step is the item's due date when the
//!   item states none.
//!
//! Why one file of ~700 lines: it is the importer's driver — the line-by-line state machine that
//! places each line under a theme, section and item — and splitting the machine would spread
//! one set of states over several files; the readers of each kind of line are its submodules.

mod deadlines;
mod departments;
mod diagnostic;
mod front;
mod milestones;
mod quantities;
mod read;
mod structure;
mod table;
mod text;
mod traditional;

pub use diagnostic::{Diagnostic, DiagnosticKind, Finding, NotTarget};
/// A file read whole, refused past [`LIMITS`]`.file` in bounded time (also `/dev/zero`).
pub(crate) use read::file as read_limited;
pub use read::{Encoding, Format, LIMITS, Limits, Unsupported};
pub(crate) use text::MAX_LINE;

use crate::core::model::{Department, Direction, Item, Measure, Plan, Target, TargetKind};
use crate::lang::Lang;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::path::Path;
use structure::RawItem;
use thiserror::Error;

/// Options the caller may set; everything else is read from the text.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The plan year; when `None` it is read from the title (the first 20xx年), else the
    /// document number, else the notice date, else an error.
    pub year: Option<i32>,
    /// The plan id; when `None` it is the year as text.
    pub id: Option<String>,
}

/// A plan and what the importer has to say about it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
    /// What was read: the file's format and, for text, its encoding.
    pub format: Format,
}

impl Imported {
    /// Where a diagnostic's line is, in `lang`: 第12行 (text, sheet row) or 第12段 (.docx).
    pub fn at(&self, line: usize, lang: Lang) -> String {
        crate::i18n::import::locus(self.format, line, lang)
    }

    /// A diagnostic as one line in `lang`, where it is and what was found: 第12行：….
    pub fn finding(&self, d: &Diagnostic, lang: Lang) -> String {
        let at = self.at(d.line, lang);
        crate::i18n::import::AT.fill(lang, &[("at", &at), ("finding", &d.message(lang))])
    }
}

/// Why a file could not be imported at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("no plan found: the text has no theme heading (一、…) and no numbered item (1. …)")]
    NoPlan,
    #[error("no plan year: the title names no year (20xx年); pass --year")]
    NoYear,
    #[error("year {0} is out of range (1949–2200)")]
    BadYear(i32),
    #[error("the file is {bytes} bytes, more than the {limit} a plan may have")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("{0}")]
    Unsupported(read::Unsupported),
    #[error(
        "line {line}: neither UTF-8, UTF-16 nor GB18030 (GBK) text; save the plan as UTF-8 text or .docx"
    )]
    NotText { line: usize },
    #[error(
        "the text reads as UTF-8 and as GB18030 (GBK) alike; save it as UTF-8 with a BOM (记事本: 另存为, 编码 UTF-8)"
    )]
    AmbiguousEncoding,
    #[error("line {line} has {chars} characters, more than the {limit} a plan line may have")]
    LineTooLong { line: usize, chars: usize, limit: usize },
    #[error("damaged {format} file: {detail}")]
    Damaged { format: &'static str, detail: String },
    #[error("part {part} of the file unpacks to more than {limit} bytes; refused")]
    Bomb { part: String, limit: u64 },
    /// A plan file that cannot be read (no such file, no permission), by the error's kind.
    #[error("{}: {kind}", path.display())]
    Io { path: std::path::PathBuf, kind: std::io::ErrorKind },
    #[error(
        "no task table: no sheet has a header row naming the tasks (重点任务/工作任务/任务名称/具体目标)"
    )]
    NoTaskTable,
}

/// Reads a plan file: its size is checked before a byte is read.
pub fn read_path(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let bytes = read::file(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read(&bytes, &name, options)
}

/// Reads a plan from a file's bytes; `name` is the file name (its extension is a hint, the
/// bytes decide; its stem is the title of last resort).
pub fn read(bytes: &[u8], name: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let stem = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned());
    match read::content(bytes, name)? {
        read::Content::Text(text, encoding) => {
            from_text(&text, options, stem.as_deref(), true, Format::Text(encoding))
        }
        read::Content::Blocks(blocks, format) => {
            // A task table, unless the document's own numbered items outnumber its rows (a
            // plan in text with a small table beside it).
            if let Some(found) = table::find(&blocks)
                && table::rows(&blocks, &found) >= numbered_paragraphs(&blocks)
            {
                return from_table(&blocks, &found, options, stem.as_deref(), format);
            }
            if format == Format::Xlsx {
                return Err(ImportError::NoTaskTable);
            }
            let text = read::render(&blocks);
            from_text(&text, options, stem.as_deref(), false, format)
        }
    }
}

/// Paragraphs that start like a numbered item (1. / （1）).
fn numbered_paragraphs(blocks: &[read::Block]) -> usize {
    blocks
        .iter()
        .filter(|b| match b {
            read::Block::Para { text, .. } => structure::classify(text.trim()) == text::Start::Item,
            read::Block::Table { .. } => false,
        })
        .count()
}

/// Parses plan text (UTF-8, as pasted out of Word/WPS/PDF) into a plan.
pub fn parse(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    from_text(text, options, None, true, Format::Text(Encoding::Utf8))
}

/// How a line starts, for joining hard wraps: front matter and titles stand alone.
fn join_class(s: &str) -> text::Start {
    match structure::classify(s) {
        text::Start::Text if front::stands_alone(s) => text::Start::Heading,
        k => k,
    }
}

fn from_text(
    text: &str,
    options: &ImportOptions,
    name: Option<&str>,
    wraps: bool,
    format: Format,
) -> Result<Imported, ImportError> {
    if let Some((line, chars)) = text::overlong_line(text) {
        return Err(ImportError::LineTooLong { line, chars, limit: text::MAX_LINE });
    }
    let lines = text::lines(text, join_class, wraps);
    let front = front::read(&lines, structure::classify, name);
    let sk = structure::build(&lines, &front);
    if sk.themes.is_empty() && sk.items.is_empty() {
        return Err(ImportError::NoPlan);
    }
    let year = plan_year(options, &front)?;
    let unfold = traditional::Unfold::learn(text);
    Ok(assemble(sk, year, options, format, &unfold))
}

fn from_table(
    blocks: &[read::Block],
    found: &table::Found,
    options: &ImportOptions,
    name: Option<&str>,
    format: Format,
) -> Result<Imported, ImportError> {
    // The title and year stand in the paragraphs and rows above the header.
    let above = table::lines_above(blocks, found);
    let front = front::read(&above, structure::classify, name);
    let sk = table::skeleton(blocks, found, &front);
    if sk.items.is_empty() {
        return Err(ImportError::NoPlan);
    }
    let year = plan_year(options, &front)?;
    let unfold = traditional::Unfold::learn(&table::all_text(blocks));
    Ok(assemble(sk, year, options, format, &unfold))
}

fn plan_year(options: &ImportOptions, front: &front::Front) -> Result<i32, ImportError> {
    let year = match options.year {
        Some(y) => y,
        None => front.year().ok_or(ImportError::NoYear)?,
    };
    if (1949..=2200).contains(&year) { Ok(year) } else { Err(ImportError::BadYear(year)) }
}

/// The plan from its outline: targets of theme headings and items, ids, dates.
fn assemble(
    sk: structure::Skeleton,
    year: i32,
    options: &ImportOptions,
    format: Format,
    unfold: &traditional::Unfold,
) -> Imported {
    // `plan_year` checked the range, so both dates exist.
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let mut diagnostics = sk.diagnostics.clone();
    let mut targets = Vec::new();

    for theme in &sk.themes {
        let mut k = 0;
        let headings = std::iter::once((&theme.title, theme.line))
            .chain(theme.sections.iter().map(|s| (&s.title, s.line)));
        for (title, line) in headings {
            let chars: Vec<char> = title.chars().collect();
            let (skip, strip) = masks(&chars, year);
            let (qs, _) = quantities::scan(&chars, &skip, &strip);
            let k0 = k;
            for q in qs.into_iter().take(MAX_TARGETS) {
                k += 1;
                let parent = q.parent.map(|p| format!("t{}.{}", theme.number, k0 + p + 1));
                targets.push(Target {
                    id: format!("t{}.{k}", theme.number),
                    item: None,
                    theme: theme.number,
                    kind: q.kind,
                    name: q.name,
                    goal: q.goal,
                    unit: q.unit,
                    due: None,
                    parent,
                    source: q.source,
                    line,
                    direction: q.direction,
                    measure: q.measure,
                });
            }
        }
    }

    let ids = item_ids(&sk.items, &mut diagnostics);
    let mut items = Vec::new();
    for (raw, id) in sk.items.iter().zip(ids) {
        let (item, mut ts) = read_item(raw, id, year, &mut diagnostics);
        items.push(item);
        targets.append(&mut ts);
    }
    diagnostics.sort_by_key(|d| d.line);
    let mut plan = Plan {
        id: options.id.clone().unwrap_or_else(|| year.to_string()),
        title: sk.title,
        year,
        start,
        end,
        preamble: sk.preamble,
        themes: sk.themes,
        items,
        targets,
    };
    if !unfold.is_empty() {
        unfold_plan(&mut plan, &mut diagnostics, unfold);
    }
    Imported { plan, diagnostics, format }
}

/// Puts a Traditional document's own characters back into everything kept from it.
fn unfold_plan(plan: &mut Plan, diagnostics: &mut [Diagnostic], u: &traditional::Unfold) {
    u.apply(&mut plan.title);
    u.apply(&mut plan.preamble);
    for t in &mut plan.themes {
        u.apply(&mut t.title);
        u.apply(&mut t.intro);
        for s in &mut t.sections {
            u.apply(&mut s.title);
            u.apply(&mut s.intro);
        }
    }
    for i in &mut plan.items {
        u.apply(&mut i.title);
        u.apply(&mut i.text);
        for d in &mut i.departments {
            u.apply(&mut d.name);
        }
    }
    for t in &mut plan.targets {
        u.apply(&mut t.name);
        u.apply(&mut t.unit);
        u.apply(&mut t.source);
    }
    for d in diagnostics {
        match &mut d.what {
            Finding::NotATarget { phrase, .. } => u.apply(phrase),
            Finding::DepartmentsInText { names, .. } => names.iter_mut().for_each(|n| u.apply(n)),
            Finding::UnreadableDue { text, .. } => u.apply(text),
            _ => {}
        }
    }
}

/// Masks for the quantity scanner: `skip` (titles and deadlines: numbers there are not
/// counts) and `strip` (deadlines: dropped from the start of a name).
fn masks(chars: &[char], year: i32) -> (Vec<bool>, Vec<bool>) {
    let mut skip = vec![false; chars.len()];
    let mut strip = vec![false; chars.len()];
    for (o, c) in milestones::titles(chars) {
        for s in skip.iter_mut().take(c + 1).skip(o) {
            *s = true;
        }
    }
    for d in deadlines::find(chars, year) {
        for i in d.start..d.end.min(chars.len()) {
            skip[i] = true;
            strip[i] = true;
        }
    }
    (skip, strip)
}

/// Item ids: the number when unique in the plan, else qualified by theme, else by theme and
/// section; any id still repeated gets a suffix (`-2`) and a diagnostic.
fn item_ids(items: &[RawItem], diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    fn unique<K: Eq + std::hash::Hash>(keys: &[K]) -> bool {
        let mut seen = HashSet::new();
        keys.iter().all(|k| seen.insert(k))
    }
    let plain: Vec<u32> = items.iter().map(|i| i.number).collect();
    let by_theme: Vec<(u32, u32)> = items.iter().map(|i| (i.theme, i.number)).collect();
    let mut ids: Vec<String> = if unique(&plain) {
        plain.iter().map(u32::to_string).collect()
    } else if unique(&by_theme) {
        by_theme.iter().map(|(t, n)| format!("{t}.{n}")).collect()
    } else {
        items
            .iter()
            .map(|i| match i.section {
                Some(s) => format!("{}.{s}.{}", i.theme, i.number),
                None => format!("{}.{}", i.theme, i.number),
            })
            .collect()
    };
    let mut taken: HashSet<String> = HashSet::new();
    let all: HashSet<String> = ids.iter().cloned().collect();
    for i in 0..ids.len() {
        if !taken.insert(ids[i].clone()) {
            let mut k = 2;
            while all.contains(&format!("{}-{k}", ids[i]))
                || taken.contains(&format!("{}-{k}", ids[i]))
            {
                k += 1;
            }
            let line = items[i].paras.first().map_or(0, text::Line::line);
            diagnostics.push(Diagnostic::new(
                line,
                Finding::RepeatedNumber { number: ids[i].clone(), id: format!("{}-{k}", ids[i]) },
            ));
            ids[i] = format!("{}-{k}", ids[i]);
            taken.insert(ids[i].clone());
        }
    }
    ids
}

/// The most targets one item keeps; the rest are named in a diagnostic.
pub(crate) const MAX_TARGETS: usize = 100;

/// Words that, after a deadline, make it the item's own due date (`12月底前完成`).
const DONE: &[&str] = &[
    "完成",
    "完毕",
    "全部完成",
    "基本完成",
    "完成任务",
    "完成全部任务",
    "完成各项任务",
    "落实到位",
    "办结",
    "完成工作",
    "全面完成",
    "实现",
    "到位",
];

/// Leading words dropped from a dated step's name.
const STEP_ADVERBS: &[&str] = &["确保", "力争", "争取", "务必", "要", "全面", "前", "于", "在"];

/// A target before its id is known.
struct Cand {
    pos: usize,
    kind: TargetKind,
    name: String,
    goal: f64,
    unit: String,
    source: String,
    due: Option<NaiveDate>,
    /// Index into the quantity list (for 其中 parents).
    origin: Option<usize>,
    parent: Option<usize>,
    direction: Direction,
    measure: Measure,
}

impl Cand {
    fn milestone(pos: usize, name: String, source: String, due: Option<NaiveDate>) -> Cand {
        Cand {
            pos,
            kind: TargetKind::Milestone,
            name,
            goal: 1.0,
            unit: String::new(),
            source,
            due,
            origin: None,
            parent: None,
            direction: Direction::Up,
            measure: Measure::default(),
        }
    }
}

/// An item's departments: a task table's columns, then tags in the text, then units named in
/// running text (with a diagnostic); and the char spans the tags take.
fn item_departments(
    raw: &RawItem,
    chars: &[char],
    id: &str,
    line: &text::Line,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Department>, Vec<(usize, usize)>) {
    let tags = departments::extract(chars);
    let mut deps: Vec<Department> =
        raw.given.as_ref().map(|g| g.departments.clone()).unwrap_or_default();
    for d in tags.departments {
        if !deps.iter().any(|x| x.name == d.name) {
            deps.push(d);
        }
    }
    let mut spans = tags.spans;
    if deps.is_empty()
        && let Some((found, span)) = departments::in_prose(chars)
    {
        let lead: Vec<String> = found
            .iter()
            .filter(|d| d.role == crate::core::model::Role::Lead)
            .map(|d| d.name.clone())
            .collect();
        diagnostics.push(Diagnostic::new(
            line.line_at(span.0),
            Finding::DepartmentsInText { item: id.to_string(), names: lead, lead: true },
        ));
        deps = found;
        spans.push(span);
    }
    if deps.is_empty() {
        diagnostics
            .push(Diagnostic::new(line.line(), Finding::NoDepartment { item: id.to_string() }));
    }
    (deps, spans)
}

/// Reads one item: departments, title, targets and deadlines.
fn read_item(
    raw: &RawItem,
    id: String,
    year: i32,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Item, Vec<Target>) {
    let line = raw.joined();
    let chars: Vec<char> = line.text.chars().collect();
    let (departments, spans) = item_departments(raw, &chars, &id, &line, diagnostics);
    // Tags do not take part in the rest: blank them out as paragraph breaks.
    let mut sc = chars.clone();
    for &(a, b) in &spans {
        for c in sc.iter_mut().take(b).skip(a) {
            *c = '\n';
        }
    }
    let title_end =
        sc.iter().position(|c| matches!(c, '。' | '；' | ';' | '\n')).unwrap_or(sc.len());
    let title = text::slice(&sc, 0, title_end).trim_end_matches(['，', ',', '：', ':']).to_string();

    let (skip, strip) = masks(&sc, year);
    let (qs, not) = quantities::scan(&sc, &skip, &strip);
    for n in not {
        diagnostics.push(Diagnostic::new(
            line.line_at(n.pos),
            Finding::NotATarget { item: id.clone(), phrase: n.phrase, why: n.why },
        ));
    }
    let mut cands: Vec<Cand> = qs
        .into_iter()
        .enumerate()
        .map(|(k, q)| Cand {
            pos: q.pos,
            kind: q.kind,
            name: q.name,
            goal: q.goal,
            unit: q.unit,
            source: q.source,
            due: None,
            origin: Some(k),
            parent: q.parent,
            direction: q.direction,
            measure: q.measure,
        })
        .collect();
    let (docs, carried) = milestones::documents(&sc);
    for (pos, name) in carried {
        diagnostics.push(Diagnostic::new(
            line.line_at(pos),
            Finding::NotATarget { item: id.clone(), phrase: name, why: NotTarget::CarriedOut },
        ));
    }
    cands.extend(docs.into_iter().map(|d| Cand::milestone(d.pos, d.name, d.source, None)));

    // Deadlines: the item's own, a target's, a document's issue, or a dated step.
    let mut item_due: Option<NaiveDate> = None;
    let mut step_due: Option<NaiveDate> = None;
    let mut steps = Vec::new();
    for d in deadlines::find(&sc, year) {
        let (cs, mut ce) = text::clause(&sc, d.start);
        let mut rest = text::slice(&sc, d.end, ce);
        if rest.is_empty() && matches!(sc.get(ce), Some('，' | ',')) {
            ce = text::clause(&sc, ce + 1).1;
            rest = text::slice(&sc, d.end, ce).trim_start_matches(['，', ',']).trim().to_string();
        }
        const BRACKETS: [char; 6] = ['（', '）', '(', ')', ' ', '前'];
        let rest = rest.trim_matches(BRACKETS).to_string();
        if DONE.contains(&rest.as_str()) {
            item_due = item_due.max(Some(d.date));
            continue;
        }
        let mut governed = false;
        for c in cands.iter_mut().filter(|c| c.pos >= cs && c.pos < ce) {
            governed = true;
            if c.due.is_none() {
                c.due = Some(d.date);
            }
        }
        if governed {
            continue;
        }
        if rest.is_empty() {
            // A bare deadline ("（3月底前）", "完成时限：6月底") dates the item.
            item_due = item_due.max(Some(d.date));
            continue;
        }
        // "制定《…办法》，6月底前印发": the deadline of the document, not a second step.
        if milestones::is_issue(&rest) {
            let (s_start, _) = text::sentence(&sc, d.start);
            if let Some(doc) = cands.iter_mut().rev().find(|c| {
                c.kind == TargetKind::Milestone
                    && c.due.is_none()
                    && c.pos >= s_start
                    && c.pos < d.start
            }) {
                doc.due = Some(d.date);
                continue;
            }
        }
        if rest.chars().count() < 2 {
            continue;
        }
        let mut prefix = text::slice(&sc, cs, d.start).trim_matches(BRACKETS).to_string();
        while let Some(a) = STEP_ADVERBS.iter().find(|a| prefix.starts_with(**a)) {
            prefix = prefix[a.len()..].trim().to_string();
        }
        step_due = step_due.max(Some(d.date));
        steps.push(Cand::milestone(
            d.start,
            format!("{prefix}{rest}"),
            text::slice(&sc, cs, ce),
            Some(d.date),
        ));
    }
    cands.extend(steps);
    cands.sort_by_key(|c| c.pos);
    if cands.len() > MAX_TARGETS {
        diagnostics.push(Diagnostic::new(
            line.line(),
            Finding::TooManyTargets { item: id.clone(), kept: MAX_TARGETS },
        ));
        cands.truncate(MAX_TARGETS);
    }
    if let Some(g) = &raw.given
        && let Some((cell, at)) = &g.due
    {
        match table::due_cell(cell, year) {
            table::Due::Date(d) => item_due = item_due.max(Some(d)),
            table::Due::Ongoing => {}
            table::Due::Unreadable => diagnostics.push(Diagnostic::new(
                *at,
                Finding::UnreadableDue { item: id.clone(), text: cell.clone() },
            )),
        }
    }

    let id_of = |k: usize| format!("{id}.{}", k + 1);
    let by_origin = |o: usize| cands.iter().position(|c| c.origin == Some(o));
    let targets = cands
        .iter()
        .enumerate()
        .map(|(k, c)| Target {
            id: id_of(k),
            item: Some(id.clone()),
            theme: raw.theme,
            kind: c.kind,
            name: c.name.clone(),
            goal: c.goal,
            unit: c.unit.clone(),
            due: c.due,
            parent: c.parent.and_then(by_origin).map(id_of),
            source: c.source.clone(),
            line: line.line_at(c.pos),
            direction: c.direction,
            measure: c.measure,
        })
        .collect();
    let item = Item {
        id,
        theme: raw.theme,
        section: raw.section,
        number: raw.number,
        title,
        text: line.text.clone(),
        departments,
        due: item_due.or(step_due),
        line: line.line(),
    };
    (item, targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> ImportOptions {
        ImportOptions::default()
    }

    #[test]
    fn errors() {
        assert_eq!(parse("", &opts()).err(), Some(ImportError::NoPlan));
        assert_eq!(parse("只有一段文字。\n没有结构。", &opts()).err(), Some(ImportError::NoPlan));
        assert_eq!(parse("工作要点\n一、甲\n1.乙。", &opts()).err(), Some(ImportError::NoYear));
        let o = ImportOptions { year: Some(1800), id: None };
        assert_eq!(parse("工作要点\n一、甲\n1.乙。", &o).err(), Some(ImportError::BadYear(1800)));
    }

    #[test]
    fn year_and_id() {
        let p = parse("某局2024年工作要点\n一、甲\n1.乙。", &opts()).map(|i| i.plan);
        let p = p.ok();
        assert_eq!(p.as_ref().map(|p| p.year), Some(2024));
        assert_eq!(p.as_ref().map(|p| p.id.as_str()), Some("2024"));
        assert_eq!(p.as_ref().map(|p| p.end.to_string()), Some("2024-12-31".to_string()));
        let o = ImportOptions { year: Some(2030), id: Some("x".into()) };
        let p = parse("工作要点\n一、甲\n1.乙。", &o).map(|i| i.plan).ok();
        assert_eq!(p.map(|p| (p.year, p.id)), Some((2030, "x".to_string())));
    }

    #[test]
    fn item_level_deadline_and_steps() {
        let s = "某局2025年目标\n一、甲\n1.赛事。4月底前签订协议，9月底前完成赛事运行。（责任单位：竞技体育处）\n2.新建路径60条。上半年完成。（责任单位：群众体育处）";
        let imp = parse(s, &opts()).ok();
        let Some(imp) = imp else { panic!("no plan") };
        let p = &imp.plan;
        assert_eq!(p.items[0].due.map(|d| d.to_string()).as_deref(), Some("2025-09-30"));
        let steps: Vec<_> = p.targets.iter().filter(|t| t.item.as_deref() == Some("1")).collect();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].name, "签订协议");
        assert_eq!(steps[0].due.map(|d| d.to_string()).as_deref(), Some("2025-04-30"));
        assert_eq!(p.items[1].due.map(|d| d.to_string()).as_deref(), Some("2025-06-30"));
        assert_eq!(p.items[1].title, "新建路径60条");
    }

    #[test]
    fn bracketed_and_bare_deadlines_date_the_item() {
        let s = "某局2025年目标\n一、甲\n1.做好统计（6月底前完成）。（责任单位：甲处）\n2.做好宣传。完成时限：9月底。（责任单位：甲处）\n3.做好培训（3月底前）。（责任单位：甲处）";
        let Ok(imp) = parse(s, &opts()) else { panic!("no plan") };
        let dues: Vec<_> = imp.plan.items.iter().map(|i| i.due.map(|d| d.to_string())).collect();
        let d = |s: &str| Some(s.to_string());
        assert_eq!(dues, [d("2025-06-30"), d("2025-09-30"), d("2025-03-31")]);
        assert!(imp.plan.targets.is_empty(), "{:?}", imp.plan.targets);
    }
}
