//! Markdown: a heading and a summary, then per group its summary and a table with a subtotal
//! row. `*` and `|` are escaped, so the source's `**` redactions stay literal.

use super::{
    cells, col, counts_text, group_summary, group_title, headings, ledger_title, pct,
    subtotal_label, summary_line,
};
use crate::core::report::Ledger;
use crate::lang::Lang;
use std::io::{self, Write};

/// Markdown's own characters escaped, line breaks as spaces, and what is left made safe
/// for a terminal (the ledger is often read with `cat`).
fn md_escape(s: &str) -> String {
    let md = s.replace('\\', "\\\\").replace('|', "\\|").replace('*', "\\*").replace('\n', " ");
    crate::core::safe_text::escape(&md).into_owned()
}

pub(super) fn write(out: &mut dyn Write, ledger: &Ledger, lang: Lang) -> io::Result<()> {
    writeln!(out, "# {}\n", md_escape(&ledger_title(ledger, lang)))?;
    writeln!(out, "{}\n", summary_line(ledger, lang))?;
    let heads = headings(lang);
    for g in &ledger.groups {
        writeln!(
            out,
            "## {}\n\n{}\n",
            md_escape(&group_title(&g.title, lang)),
            group_summary(&g.subtotal, lang)
        )?;
        writeln!(out, "| {} |", heads.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(heads.len()))?;
        for row in &g.rows {
            let c = cells(row, lang);
            let c: Vec<String> = c.iter().map(|x| md_escape(x)).collect();
            writeln!(out, "| {} |", c.join(" | "))?;
        }
        let mut sub = vec![String::new(); heads.len()];
        sub[0] = format!("**{}**", subtotal_label(lang));
        sub[col::RATE] = pct(g.subtotal.progress);
        sub[col::PACE] = pct(g.subtotal.pace);
        sub[col::STATUS] = counts_text(&g.subtotal, lang);
        writeln!(out, "| {} |\n", sub.join(" | "))?;
    }
    Ok(())
}
