//! CSV in UTF-8 with a BOM, so Excel and WPS open the Chinese correctly, and CRLF line ends:
//! a first column naming the group, a subtotal row per group and a total row.

use super::{cells, counts_text, headings, pct, subtotal_label};
use crate::core::report::{GroupBy, Ledger};
use crate::core::safe_text::csv_cell;
use crate::lang::Lang;
use std::io::{self, Write};

/// Columns (after the group column) that hold numbers: goal and value.
const NUMERIC: [usize; 2] = [4, 6];

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
        GroupBy::Theme => lang.pick("主题", "Theme"),
        GroupBy::Department => lang.pick("科室", "Department"),
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
