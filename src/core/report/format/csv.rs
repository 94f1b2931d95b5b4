//! CSV in UTF-8 with a BOM, so Excel and WPS open the Chinese correctly, and CRLF line ends:
//! a first column naming the group, a subtotal row per group and a total row.

use super::{
    cell_texts, col, counts_text, group_title, headings, pct, subtotal_label, total_label,
};
use crate::core::report::{GroupBy, Ledger};
use crate::core::safe_text::csv_cell;
use crate::i18n::report as words;
use crate::lang::Lang;
use std::io::{self, Write};

/// Fields that hold numbers (the group column comes first): goal, 上期, value, 本期完成.
const NUMERIC: [usize; 4] = [col::GOAL + 1, col::PREVIOUS + 1, col::VALUE + 1, col::CHANGE + 1];

/// A field: safe for a spreadsheet and a terminal ([`csv_cell`]), quoted when it must be.
fn write_field(out: &mut dyn Write, s: &str, numeric: bool) -> io::Result<()> {
    let s = csv_cell(s, numeric);
    if s.contains([',', '"', '\n', '\r']) {
        write!(out, "\"{}\"", s.replace('"', "\"\""))
    } else {
        out.write_all(s.as_bytes())
    }
}

/// One line of fields, written as they come (no line built in memory: a ledger of 100k
/// rows made some 1.8M strings that way, 7.5 % of a CSV export).
fn write_line<'a>(out: &mut dyn Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    for (k, f) in fields.enumerate() {
        if k > 0 {
            out.write_all(b",")?;
        }
        write_field(out, f, NUMERIC.contains(&k))?;
    }
    out.write_all(b"\r\n")
}

pub(super) fn write(out: &mut dyn Write, ledger: &Ledger, lang: Lang) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let group = match ledger.by {
        GroupBy::Theme => words::COL_THEME.get(lang),
        GroupBy::Department => words::COL_DEPARTMENT.get(lang),
    };
    let heads = headings(lang);
    write_line(out, std::iter::once(group).chain(heads))?;
    for g in &ledger.groups {
        let title = group_title(&g.title, lang);
        for row in &g.rows {
            let cells = cell_texts(row, lang);
            write_line(out, std::iter::once(title.as_str()).chain(cells.iter().map(|c| &**c)))?;
        }
        let mut sub = vec![String::new(); heads.len() + 1];
        sub[0] = title;
        sub[1] = subtotal_label(lang).to_string();
        sub[col::RATE + 1] = pct(g.subtotal.progress);
        sub[col::PACE + 1] = pct(g.subtotal.pace);
        sub[col::STATUS + 1] = counts_text(&g.subtotal, lang);
        write_line(out, sub.iter().map(String::as_str))?;
    }
    let mut total = vec![String::new(); heads.len() + 1];
    total[1] = total_label(lang).to_string();
    total[col::RATE + 1] = pct(ledger.total.progress);
    total[col::PACE + 1] = pct(ledger.total.pace);
    total[col::STATUS + 1] = counts_text(&ledger.total, lang);
    write_line(out, total.iter().map(String::as_str))?;
    Ok(())
}
