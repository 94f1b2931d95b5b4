//! Task tables (任务分解表, 重点工作任务清单) in an .xlsx or a .docx table: one row per task,
//! columns found by their header words, not by position — 序号, 类别/领域 (the theme),
//! 重点任务/工作任务/任务名称 (the item's title), 具体目标/工作措施/主要内容 (its text, where the
//! targets are), 牵头单位/责任单位 (lead), 配合单位/协办单位 (support), 完成时限/时间节点 (due);
//! 责任领导 names a person and is not read as a department. Merged cells carry down (the
//! readers fill them); a row whose one text spans the table is a theme heading.

use super::deadlines;
use super::departments;
use super::diagnostic::{Diagnostic, Finding};
use super::front::Front;
use super::read::{Block, Row};
use super::structure::{Given, RawItem, Skeleton};
use super::text::{self, Line};
use crate::core::model::{Role, Theme};
use crate::core::numeral;
use chrono::NaiveDate;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Number,
    Theme,
    Task,
    Content,
    Lead,
    Support,
    Due,
    Person,
    Note,
}

/// Header words, most specific first (责任领导 before 责任单位, 配合 before 牵头).
const HEADERS: &[(Col, &[&str])] = &[
    (Col::Person, &["责任领导", "分管领导", "牵头领导", "责任人", "联系人", "分管负责"]),
    (Col::Support, &["配合", "协办", "参与", "协同", "协助"]),
    (
        Col::Lead,
        &["牵头", "责任单位", "责任科室", "责任部门", "责任处室", "主责", "承办", "责任主体"],
    ),
    (
        Col::Due,
        &[
            "完成时限",
            "时间节点",
            "完成时间",
            "时限",
            "进度安排",
            "时间安排",
            "完成期限",
            "截止时间",
        ],
    ),
    (Col::Number, &["序号", "编号"]),
    (Col::Theme, &["类别", "领域", "板块", "类型", "分类", "方面"]),
    (
        Col::Content,
        &[
            "具体目标",
            "工作措施",
            "主要内容",
            "目标任务",
            "工作目标",
            "具体措施",
            "任务内容",
            "工作举措",
            "具体内容",
            "年度目标",
            "工作要求",
            "目标要求",
            "主要措施",
            "推进措施",
            "具体任务",
            "任务目标",
            "完成标准",
            "预期成果",
            "工作内容",
        ],
    ),
    (
        Col::Task,
        &[
            "重点任务",
            "工作任务",
            "任务名称",
            "主要任务",
            "重点工作",
            "工作事项",
            "项目名称",
            "任务",
            "事项",
        ],
    ),
    (Col::Note, &["备注", "说明"]),
];

fn header_of(cell: &str) -> Option<Col> {
    let c: String = cell.chars().filter(|c| !c.is_whitespace()).map(text::normalize_char).collect();
    if c.is_empty() || c.chars().count() > 12 {
        return None;
    }
    HEADERS.iter().find(|(_, words)| words.iter().any(|w| c.contains(w))).map(|(col, _)| *col)
}

/// A task table found in the blocks: where, and its columns.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub block: usize,
    /// Index of the header row in the table.
    pub header: usize,
    cols: Vec<Option<Col>>,
}

/// The header of a table: a row among its first ones naming a task or content column and at
/// least one other known column.
fn header(rows: &[Row]) -> Option<(usize, Vec<Option<Col>>)> {
    rows.iter().enumerate().take(15).find_map(|(k, r)| {
        let cols: Vec<Option<Col>> = r
            .cells
            .iter()
            .map(
                |c| if c.merged && c.text.chars().count() > 12 { None } else { header_of(&c.text) },
            )
            .collect();
        let has = |x: Col| cols.contains(&Some(x));
        let known = cols.iter().flatten().count();
        ((has(Col::Task) || has(Col::Content)) && known >= 2).then_some((k, cols))
    })
}

/// The first task table in `blocks`.
pub(crate) fn find(blocks: &[Block]) -> Option<Found> {
    blocks.iter().enumerate().find_map(|(b, block)| match block {
        Block::Table { rows, .. } => {
            header(rows).map(|(header, cols)| Found { block: b, header, cols })
        }
        Block::Para { .. } => None,
    })
}

/// Rows below the header of the table found (tasks and headings).
pub(crate) fn rows(blocks: &[Block], found: &Found) -> usize {
    match blocks.get(found.block) {
        Some(Block::Table { rows, .. }) => rows.len().saturating_sub(found.header + 1),
        _ => 0,
    }
}

fn line(text: &str, at: usize) -> Line {
    Line { text: text.to_string(), marks: vec![(0, at)] }
}

/// A cell's text as the importer reads text: normalised, each line trimmed, empty lines out.
fn clean(s: &str) -> String {
    let norm: String = s.chars().map(text::normalize_char).collect();
    norm.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The paragraphs before the table and the rows above its header, as lines: where the title
/// and year stand.
pub(crate) fn lines_above(blocks: &[Block], found: &Found) -> Vec<Line> {
    let mut out = Vec::new();
    for b in &blocks[..found.block] {
        match b {
            Block::Para { text, line: at } => {
                let t = clean(text);
                if !t.is_empty() {
                    out.push(line(&t.replace('\n', ""), *at));
                }
            }
            Block::Table { rows, .. } => {
                for r in rows {
                    out.push(line(&row_text(r), r.line));
                }
            }
        }
    }
    if let Some(Block::Table { rows, name }) = blocks.get(found.block) {
        for r in &rows[..found.header] {
            let t = row_text(r);
            if !t.is_empty() {
                out.push(line(&t, r.line));
            }
        }
        // A sheet's name may be the only title there is.
        if out.is_empty() && !name.is_empty() && text::year_in(name).is_some() {
            out.push(line(&clean(name), 0));
        }
    }
    out
}

fn row_text(r: &Row) -> String {
    clean(&r.joined())
}

/// Every text of the blocks, for learning a Traditional document's characters.
pub(crate) fn all_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Para { text, .. } => s.push_str(text),
            Block::Table { rows, .. } => {
                for c in rows.iter().flat_map(|r| &r.cells) {
                    s.push_str(&c.text);
                }
            }
        }
        s.push('\n');
    }
    s
}

/// A number cell: 3, 3., （三）, 三.
fn number_of(cell: &str) -> Option<u32> {
    let t: String =
        cell.chars().filter(|c| !matches!(c, '（' | '）' | '(' | ')' | '、' | '.' | ' ')).collect();
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok().filter(|n| *n > 0 && *n < 100_000);
    }
    numeral::parse(&t.chars().collect::<Vec<_>>()).filter(|n| *n > 0)
}

/// A heading row: one text across the table (merged), or alone in the number or theme
/// column and numbered like a heading (一、稳增长).
fn heading(r: &Row, cols: &[Option<Col>]) -> Option<String> {
    let texts: Vec<(usize, &str)> = r
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.text.trim().is_empty())
        .map(|(i, c)| (i, c.text.trim()))
        .collect();
    let (first, t) = *texts.first()?;
    if texts.iter().any(|(_, x)| *x != t) {
        return None;
    }
    let spans = texts.len() >= 2 && texts.len() >= cols.iter().flatten().count().min(3);
    let marked = matches!(cols.get(first), Some(Some(Col::Number | Col::Theme)))
        && super::structure::classify(&clean(t)) == text::Start::Heading;
    (spans || marked).then(|| clean(t).replace('\n', ""))
}

/// Strips a heading's numeral (一、 / （一）).
fn heading_title(t: &str) -> String {
    let c: Vec<char> = t.chars().collect();
    let run = c.iter().take_while(|x| numeral::is_part(**x)).count();
    if run > 0 && matches!(c.get(run), Some('、' | '.')) {
        return text::slice(&c, run + 1, c.len());
    }
    if matches!(c.first(), Some('（' | '(')) {
        let run = c[1..].iter().take_while(|x| numeral::is_part(**x)).count();
        if run > 0 && matches!(c.get(run + 1), Some('）' | ')')) {
            return text::slice(&c, run + 2, c.len());
        }
    }
    t.to_string()
}

/// The outline of the task tables from `found` on.
pub(crate) fn skeleton(blocks: &[Block], found: &Found, front: &Front) -> Skeleton {
    let mut sk = Skeleton { title: front.title.clone(), ..Skeleton::default() };
    let above = lines_above(blocks, found);
    let kept: Vec<&str> =
        above.iter().zip(&front.keep).filter(|(_, k)| **k).map(|(l, _)| l.text.as_str()).collect();
    sk.preamble = kept.join("\n");
    let mut last_theme_text: Option<String> = None;
    let mut counter = 0;
    for (b, block) in blocks.iter().enumerate().skip(found.block) {
        let Block::Table { rows, .. } = block else { continue };
        let (h, cols) = if b == found.block {
            (found.header, found.cols.clone())
        } else if let Some(x) = header(rows) {
            x
        } else {
            continue;
        };
        if let Some(r) = rows.get(h) {
            for (i, col) in cols.iter().enumerate() {
                let head =
                    r.cells.get(i).map(|c| clean(&c.text).replace('\n', "")).unwrap_or_default();
                match col {
                    None if !head.is_empty() && !r.cells[i].merged => sk
                        .diagnostics
                        .push(Diagnostic::new(r.line, Finding::IgnoredColumn { header: head })),
                    Some(Col::Person) => sk
                        .diagnostics
                        .push(Diagnostic::new(r.line, Finding::PersonColumn { header: head })),
                    _ => {}
                }
            }
        }
        let first = |c: Col| cols.iter().position(|x| *x == Some(c));
        let all =
            |c: Col| cols.iter().enumerate().filter(move |(_, x)| **x == Some(c)).map(|(i, _)| i);
        let cell = |r: &Row, i: Option<usize>| {
            i.and_then(|i| r.cells.get(i)).map(|c| clean(&c.text)).unwrap_or_default()
        };
        let headings = rows[h + 1..].iter().any(|r| heading(r, &cols).is_some());
        for r in &rows[h + 1..] {
            if let Some(t) = heading(r, &cols) {
                push_theme(&mut sk, heading_title(&t), r.line);
                continue;
            }
            let task = cell(r, first(Col::Task));
            let content = cell(r, first(Col::Content));
            if task.is_empty() && content.is_empty() {
                if r.cells.iter().any(|c| !c.text.trim().is_empty() && !c.merged) {
                    sk.diagnostics.push(Diagnostic::new(r.line, Finding::EmptyRow));
                }
                continue;
            }
            // The theme: a 类别 column (blank cells carry down), unless heading rows give them.
            let theme_text = cell(r, first(Col::Theme));
            if !headings {
                let t =
                    if theme_text.is_empty() { last_theme_text.clone() } else { Some(theme_text) };
                let t = t.unwrap_or_else(|| sk.title.clone());
                if last_theme_text.as_deref() != Some(t.as_str()) || sk.themes.is_empty() {
                    push_theme(&mut sk, heading_title(&t.replace('\n', "")), r.line);
                    last_theme_text = Some(t);
                }
            } else if sk.themes.is_empty() {
                let title = sk.title.clone();
                push_theme(&mut sk, title, r.line);
            }
            let Some(theme) = sk.themes.last().map(|t| t.number) else { continue };
            counter += 1;
            let number = number_of(&cell(r, first(Col::Number))).unwrap_or(counter);
            counter = counter.max(number);
            let mut deps = Vec::new();
            for (col, role) in [(Col::Lead, Role::Lead), (Col::Support, Role::Support)] {
                for i in all(col) {
                    let chars: Vec<char> = cell(r, Some(i)).chars().collect();
                    for d in departments::cell(&chars, role) {
                        if !deps.iter().any(|x: &crate::core::model::Department| x.name == d.name) {
                            deps.push(d);
                        }
                    }
                }
            }
            let due = Some(cell(r, first(Col::Due))).filter(|d| !d.is_empty()).map(|d| (d, r.line));
            let mut paras = Vec::new();
            for part in [&task, &content] {
                for l in part.lines() {
                    paras.push(line(l, r.line));
                }
            }
            // A task that is one short phrase reads as a title: end it.
            if !task.is_empty()
                && !content.is_empty()
                && !task.ends_with(['。', '；', ';'])
                && let Some(p) = paras.first_mut().filter(|_| !task.contains('\n'))
            {
                p.text.push('。');
            }
            sk.items.push(RawItem {
                theme,
                section: None,
                number,
                paras,
                given: Some(Given { departments: deps, due }),
            });
        }
    }
    sk
}

fn push_theme(sk: &mut Skeleton, title: String, at: usize) {
    let number = sk.themes.len() as u32 + 1;
    sk.themes.push(Theme { number, title, intro: String::new(), sections: Vec::new(), line: at });
}

/// What a deadline cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    Date(NaiveDate),
    /// 长期坚持, 持续推进, 每季度: no single date.
    Ongoing,
    Unreadable,
}

/// Reads a deadline cell: "2025年9月底前", "6月30日前", "全年", "长期坚持", "2025-06-30".
pub(crate) fn due_cell(cell: &str, year: i32) -> Due {
    let t: String = cell.chars().filter(|c| !c.is_whitespace()).map(text::normalize_char).collect();
    if t.is_empty() {
        return Due::Ongoing;
    }
    const ONGOING: &[&str] = &[
        "长期",
        "持续",
        "常态",
        "长效",
        "经常",
        "定期",
        "每月",
        "每季",
        "每年",
        "按要求",
        "按时",
        "随时",
    ];
    if ONGOING.iter().any(|w| t.contains(w)) {
        return Due::Ongoing;
    }
    let end = deadlines::month_end(year, 12);
    if ["全年", "年内", "年底", "年末", "本年度"].iter().any(|w| t.contains(w)) && !t.contains('月')
    {
        return end.map_or(Due::Unreadable, Due::Date);
    }
    let chars: Vec<char> = t.chars().collect();
    let found = deadlines::find(&chars, year).into_iter().map(|d| d.date).max();
    if let Some(d) = found {
        return Due::Date(d);
    }
    bare_dates(&chars, year).map_or(Due::Unreadable, Due::Date)
}

/// The latest date written without 前/底: 9月, 6月30日, 2025年6月, 2025-06-30, 2025.6.30.
fn bare_dates(c: &[char], year: i32) -> Option<NaiveDate> {
    let mut best: Option<NaiveDate> = None;
    let mut i = 0;
    let num = |i: usize| {
        let n = c[i..].iter().take_while(|x| x.is_ascii_digit()).count();
        let v: String = c[i..i + n].iter().collect();
        (v.parse::<u32>().ok(), i + n)
    };
    while i < c.len() {
        if !c[i].is_ascii_digit() || (i > 0 && c[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (a, e) = num(i);
        let Some(a) = a else {
            i = e.max(i + 1);
            continue;
        };
        let mut y = year;
        let mut j: usize;
        let mut m = a;
        // A year first: 2025年6月, 2025-06-30, 2025.6.30, 2025/6/30.
        if (1949..=2200).contains(&a) && matches!(c.get(e), Some('年' | '-' | '.' | '/')) {
            y = i32::try_from(a).unwrap_or(year);
            let (mm, e2) = num(e + 1);
            match mm {
                Some(mm) => {
                    m = mm;
                    j = e2;
                }
                None => {
                    i = e + 1;
                    continue;
                }
            }
            if c.get(j) == Some(&'月') {
                j += 1;
            }
        } else if c.get(e) == Some(&'月') {
            j = e + 1;
        } else {
            i = e.max(i + 1);
            continue;
        }
        let mut date = deadlines::month_end(y, m);
        if matches!(c.get(j - 1), Some('月' | '-' | '.' | '/'))
            || c.get(j).is_some_and(char::is_ascii_digit)
        {
            let k = if c.get(j).is_some_and(char::is_ascii_digit) {
                j
            } else if matches!(c.get(j), Some('-' | '.' | '/')) {
                j + 1
            } else {
                j
            };
            if let (Some(d), e3) = num(k)
                && e3 > k
            {
                if let Some(x) = NaiveDate::from_ymd_opt(y, m, d) {
                    date = Some(x);
                }
                j = e3;
            }
        }
        if let Some(d) = date {
            best = best.max(Some(d));
        }
        i = j.max(i + 1);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::read::Cell;

    fn d(s: &str) -> Due {
        Due::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date"))
    }

    #[test]
    fn deadline_cells() {
        assert_eq!(due_cell("2025年9月底前", 2025), d("2025-09-30"));
        assert_eq!(due_cell("6月30日前", 2025), d("2025-06-30"));
        assert_eq!(due_cell("全年", 2025), d("2025-12-31"));
        assert_eq!(due_cell("长期坚持", 2025), Due::Ongoing);
        assert_eq!(due_cell("9月", 2025), d("2025-09-30"));
        assert_eq!(due_cell("2025年6月30日", 2025), d("2025-06-30"));
        assert_eq!(due_cell("2025-06-30", 2025), d("2025-06-30"));
        assert_eq!(due_cell("2025.6", 2025), d("2025-06-30"));
        assert_eq!(due_cell("3月、6月、9月", 2025), d("2025-09-30"));
        assert_eq!(due_cell("视情况而定", 2025), Due::Unreadable);
    }

    fn row(line: usize, cells: &[&str]) -> Row {
        Row {
            line,
            cells: cells
                .iter()
                .map(|t| match t.strip_prefix('^') {
                    Some(t) => Cell { text: t.to_string(), merged: true },
                    None => Cell { text: t.to_string(), merged: false },
                })
                .collect(),
        }
    }

    #[test]
    fn headers_by_their_words() {
        let rows = vec![
            row(1, &["某区2025年重点工作任务分解表", "^某区2025年重点工作任务分解表"]),
            row(
                2,
                &[
                    "序号",
                    "类别",
                    "重点任务",
                    "具体目标",
                    "牵头单位",
                    "配合单位",
                    "完成时限",
                    "责任领导",
                ],
            ),
        ];
        let (h, cols) = header(&rows).expect("header");
        assert_eq!(h, 1);
        assert_eq!(
            cols,
            [
                Some(Col::Number),
                Some(Col::Theme),
                Some(Col::Task),
                Some(Col::Content),
                Some(Col::Lead),
                Some(Col::Support),
                Some(Col::Due),
                Some(Col::Person)
            ]
        );
        assert_eq!(
            heading(&row(3, &["一、稳增长", "^一、稳增长", "^一、稳增长"]), &cols).as_deref(),
            Some("一、稳增长")
        );
        assert_eq!(heading(&row(3, &["一、稳增长", "", ""]), &cols).as_deref(), Some("一、稳增长"));
        assert_eq!(heading(&row(3, &["1", "", "建设"]), &cols), None);
    }
}
