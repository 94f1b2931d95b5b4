//! Markdown: a heading and a summary, then per group its summary and a table with a subtotal
//! row. `*` and `|` are escaped, so the source's `**` redactions stay literal.

use super::{
    cell_texts, col, counts_text, group_summary, group_title, headings, ledger_title, pct,
    subtotal_label, summary_line,
};
use crate::core::report::Ledger;
use crate::lang::Lang;
use std::borrow::Cow;
use std::io::{self, Write};

/// Markdown's own characters escaped, line breaks as spaces, and what is left made safe
/// for a terminal (the ledger is often read with `cat`).
fn md_escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['\\', '|', '*', '\n']) {
        return crate::core::safe_text::escape(s);
    }
    let md = s.replace('\\', "\\\\").replace('|', "\\|").replace('*', "\\*").replace('\n', " ");
    Cow::Owned(crate::core::safe_text::escape(&md).into_owned())
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
            // cell by cell, no line built in memory
            for (k, c) in cell_texts(row, lang).iter().enumerate() {
                out.write_all(if k == 0 { b"| " } else { b" | " })?;
                out.write_all(md_escape(c).as_bytes())?;
            }
            out.write_all(b" |\n")?;
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
