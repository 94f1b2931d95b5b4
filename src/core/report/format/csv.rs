//! CSV in UTF-8 with a BOM, so Excel and WPS open the Chinese correctly, and CRLF line ends:
//! a first column naming the group, a subtotal row per group and a total row.

use super::{cells, col, counts_text, group_title, headings, pct, subtotal_label, total_label};
use crate::core::report::{GroupBy, Ledger};
use crate::core::safe_text::csv_cell;
use crate::i18n::report as words;
use crate::lang::Lang;
use std::io::{self, Write};

/// Fields that hold numbers (the group column comes first): goal, 上期, value, 本期完成.
const NUMERIC: [usize; 4] = [col::GOAL + 1, col::PREVIOUS + 1, col::VALUE + 1, col::CHANGE + 1];

/// A field: safe for a spreadsheet and a terminal ([`csv_cell`]), quoted when it must be.
fn csv_field(s: &str, numeric: bool) -> String {
    let s = csv_cell(s, numeric);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn write(out: &mut dyn Write, ledger: &Ledger, lang: Lang) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let group = match ledger.by {
        GroupBy::Theme => words::COL_THEME.get(lang),
        GroupBy::Department => words::COL_DEPARTMENT.get(lang),
    };
    let heads = headings(lang);
    let line = |fields: &[String]| {
        let field = |(k, f): (usize, &String)| csv_field(f, NUMERIC.contains(&k));
        fields.iter().enumerate().map(field).collect::<Vec<_>>().join(",")
    };
    let mut header = vec![group.to_string()];
    header.extend(heads.iter().map(|h| (*h).to_string()));
    write!(out, "{}\r\n", line(&header))?;
    for g in &ledger.groups {
        for row in &g.rows {
            let mut fields = vec![group_title(&g.title, lang)];
            fields.extend(cells(row, lang));
            write!(out, "{}\r\n", line(&fields))?;
        }
        let mut sub = vec![String::new(); heads.len() + 1];
        sub[0] = group_title(&g.title, lang);
        sub[1] = subtotal_label(lang).to_string();
        sub[col::RATE + 1] = pct(g.subtotal.progress);
        sub[col::PACE + 1] = pct(g.subtotal.pace);
        sub[col::STATUS + 1] = counts_text(&g.subtotal, lang);
        write!(out, "{}\r\n", line(&sub))?;
    }
    let mut total = vec![String::new(); heads.len() + 1];
    total[1] = total_label(lang).to_string();
    total[col::RATE + 1] = pct(ledger.total.progress);
    total[col::PACE + 1] = pct(ledger.total.pace);
    total[col::STATUS + 1] = counts_text(&ledger.total, lang);
    write!(out, "{}\r\n", line(&total))?;
    Ok(())
}
