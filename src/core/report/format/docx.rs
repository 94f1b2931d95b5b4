//! The period report (落实情况报告) as a Word document in the layout of official documents
//! (GB/T 9704-2012): A4, margins 37/35/28/26 mm (top/bottom/left/right), the title in
//! 小标宋 二号, body 仿宋_GB2312 三号 on an exact 28-point line, headings 黑体 (一、) and
//! 楷体 (13.) by level, page numbers "— 1 —" in 宋体 四号 centred in the footer. Every font
//! is named for East Asian, Latin and complex scripts, with a fallback (`altName`) in the
//! font table for machines without the GB fonts.
//!
//! The OOXML parts are written here as text into a zip: no template, nothing fetched, and
//! each setting GB/T 9704 needs stated where a reader can check it.

use super::{FormatError, pct};
use crate::core::model::{Status, TargetKind, fmt_num};
use crate::core::report::{Departments, Ledger, Row};
use crate::i18n::{document as words, report};
use crate::lang::Lang;
use std::fmt::Write as _;
use std::io::Write;

/// Twentieths of a point per millimetre.
fn mm(x: f64) -> i64 {
    #[expect(clippy::cast_possible_truncation, reason = "page sizes")]
    let t = (x * 1440.0 / 25.4).round() as i64;
    t
}

/// Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt.
const ERHAO: u32 = 44;
const SANHAO: u32 = 32;
const SIHAO: u32 = 28;

/// Body line: exactly 28 points, in twentieths of a point.
const LINE: u32 = 560;

/// The fonts, the ones a machine without them falls back to, and their generic family (a
/// serif for the 宋/仿宋/楷 faces, a sans for 黑体) for a reader that has neither.
const TITLE_FONT: (&str, &str) = ("方正小标宋简体", "宋体");
const BODY_FONT: (&str, &str) = ("仿宋_GB2312", "仿宋");
const H1_FONT: (&str, &str) = ("黑体", "SimHei");
const H2_FONT: (&str, &str) = ("楷体_GB2312", "楷体");
const PAGE_FONT: (&str, &str) = ("宋体", "SimSun");

fn family(font: (&str, &str)) -> &'static str {
    if font == H1_FONT { "swiss" } else { "roman" }
}

/// Escapes text for XML character data and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // characters XML 1.0 does not allow
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The document body: paragraphs, each with a style.
struct Body {
    xml: String,
}

impl Body {
    fn para(&mut self, style: &str, text: &str) {
        let _ = write!(
            self.xml,
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(text)
        );
    }
}

/// A target's figure as a sentence: "新建公共体育场地设施：完成64处，目标100处，完成率64%，
/// 本期完成6处（上期58处），正常。"
fn target_sentence(row: &Row, lang: Lang) -> String {
    let status = row.status.map_or("", |s| report::status(s).get(lang));
    let unit = &row.unit;
    let value = row.value.unwrap_or(0.0);
    let indicator = &row.indicator;
    if row.kind == Some(TargetKind::Milestone) {
        return if value >= 1.0 {
            words::MILESTONE_DONE.fill(lang, &[("indicator", indicator)])
        } else {
            words::MILESTONE_OPEN.fill(lang, &[("indicator", indicator), ("status", &status)])
        };
    }
    let goal = row.goal.map(fmt_num).unwrap_or_default();
    let period = match (row.change, row.previous) {
        (Some(c), Some(p)) => words::FIGURE_PERIOD
            .fill(lang, &[("change", &fmt_num(c)), ("previous", &fmt_num(p)), ("unit", unit)]),
        _ => String::new(),
    };
    words::FIGURE.fill(
        lang,
        &[
            ("indicator", indicator),
            ("value", &fmt_num(value)),
            ("unit", unit),
            ("goal", &goal),
            ("rate", &pct(row.rate)),
            ("period", &period),
            ("status", &status),
        ],
    )
}

/// The line naming a behind target's gap to its pace.
fn gap_sentence(row: &Row, lang: Lang) -> Option<String> {
    if row.status != Some(Status::Behind) {
        return None;
    }
    if row.kind.is_none() {
        return Some(words::GAP_TASK.get(lang).to_string());
    }
    if row.kind == Some(TargetKind::Milestone) {
        let due = row.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        return Some(words::GAP_DUE.fill(lang, &[("indicator", &row.indicator), ("due", &due)]));
    }
    let goal = row.goal?;
    let value = row.value?;
    // counted things are expected in whole numbers
    let whole = goal.fract() == 0.0 && value.fract() == 0.0;
    let expected = if whole { (goal * row.pace?).round() } else { goal * row.pace? };
    Some(words::GAP_PACE.fill(
        lang,
        &[
            ("indicator", &row.indicator),
            ("expected", &fmt_num(expected)),
            ("value", &fmt_num(value)),
            ("short", &fmt_num((expected - value).max(0.0))),
            ("unit", &row.unit),
        ],
    ))
}

/// The summary paragraph, written from the figures: overall progress against pace, how many
/// targets are done / on track / at risk / behind, and the behind ones by name.
pub(crate) fn summary(ledger: &Ledger, lang: Lang) -> String {
    let r = &ledger.total;
    // the difference of the percentages as printed, so the sentence adds up
    let diff = match (r.progress, r.pace) {
        (Some(p), Some(q)) => Some((p * 100.0).round() - (q * 100.0).round()),
        _ => None,
    };
    let behind_rows: Vec<&Row> = ledger
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .filter(|row| row.status == Some(Status::Behind) && row.parent.is_none())
        .collect();
    let mut names: Vec<String> = Vec::new();
    for row in behind_rows {
        let name = if row.indicator.is_empty() {
            format!("{} {}", row.id, row.task)
        } else {
            format!("{} {}", row.id, row.indicator)
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let mut s = words::SUMMARY.fill(
        lang,
        &[
            ("date", &words::date(ledger.as_of, lang)),
            ("title", &ledger.title),
            ("progress", &pct(r.progress)),
            ("pace", &pct(r.pace)),
        ],
    );
    match diff {
        Some(d) if d > 0.0 => s.push_str(&words::AHEAD.fill(lang, &[("points", &d)])),
        Some(d) if d < 0.0 => s.push_str(&words::BEHIND.fill(lang, &[("points", &-d)])),
        Some(_) => s.push_str(words::AT_PACE.get(lang)),
        None => {}
    }
    s.push_str(&words::COUNTS.fill(
        lang,
        &[
            ("total", &r.total()),
            ("done", &r.count(Status::Done)),
            ("on", &r.count(Status::OnTrack)),
            ("risk", &r.count(Status::AtRisk)),
            ("behind", &r.count(Status::Behind)),
        ],
    ));
    if names.is_empty() {
        s.push_str(words::NOTHING_BEHIND.get(lang));
    } else {
        let names = names.join(words::NAMES_SEP.get(lang));
        s.push_str(&words::BEHIND_ARE.fill(lang, &[("names", &names)]));
    }
    s
}

/// The body's paragraphs: title, as-of line, summary, then per group and item its targets,
/// the period's notes and, for behind items, the gap.
fn body(ledger: &Ledger, lang: Lang) -> Body {
    let mut b = Body { xml: String::new() };
    b.para("Title", &words::TITLE.fill(lang, &[("title", &ledger.title)]));
    let date = words::date(ledger.as_of, lang);
    let as_of = match &ledger.period {
        Some(p) => words::AS_OF_PERIOD.fill(lang, &[("period", &p.label), ("date", &date)]),
        None => words::AS_OF.fill(lang, &[("date", &date)]),
    };
    b.para("AsOf", &as_of);
    b.para("Body", &summary(ledger, lang));
    for (g, group) in ledger.groups.iter().enumerate() {
        let title = super::group_title(&group.title, lang);
        let title = if title.contains('、') {
            title
        } else {
            words::heading(u32::try_from(g + 1).unwrap_or(0), &title, lang)
        };
        b.para("Heading1", &title);
        // consecutive rows of one item make one block
        let mut k = 0;
        while k < group.rows.len() {
            let item = group.rows[k].item.clone();
            let mut end = k + 1;
            while end < group.rows.len() && item.is_some() && group.rows[end].item == item {
                end += 1;
            }
            item_block(&mut b, ledger, &group.rows[k..end], lang);
            k = end;
        }
    }
    b
}

/// A note as a sentence of the report: users write notes without the final stop ("莱山区新增
/// 6处"); the report's other sentences have one.
fn closed(mut line: String, lang: Lang) -> String {
    let ends = |c: char| "。！？；.!?;".contains(c);
    if !line.ends_with(ends) {
        line.push_str(words::STOP.get(lang));
    }
    line
}

fn item_block(b: &mut Body, ledger: &Ledger, rows: &[Row], lang: Lang) {
    let first = &rows[0];
    let heading = match &first.item {
        Some(id) => format!("{id}. {}", first.task),
        None => first.task.clone(),
    };
    b.para("Heading2", &heading);
    if !first.departments.is_empty() {
        b.para("Body", &departments_sentence(&first.departments, lang));
    }
    for row in rows {
        if row.kind.is_some() {
            let mut s = target_sentence(row, lang);
            if row.parent.is_some() {
                s = words::OF_WHICH.fill(lang, &[("sentence", &s)]);
            }
            b.para("Body", &s);
        } else {
            let status = row.status.map_or(words::NO_STATUS, report::status).get(lang);
            b.para("Body", &words::ITEM_STATUS.fill(lang, &[("status", &status)]));
        }
    }
    let notes = first.item.as_ref().and_then(|i| ledger.notes.get(i));
    match (notes, &ledger.period) {
        (Some(notes), _) => {
            for (day, n) in notes {
                let note = words::dated_note(*day, n, lang);
                b.para("Body", &closed(words::PERIOD_NOTE.fill(lang, &[("note", &note)]), lang));
            }
        }
        (None, Some(_)) => {
            b.para("Body", words::NO_PERIOD_NOTE.get(lang));
        }
        (None, None) if !first.note.is_empty() => {
            let line = words::NOTE.fill(lang, &[("note", &first.note)]);
            b.para("Body", &closed(line, lang));
        }
        (None, None) => {}
    }
    for row in rows.iter().filter(|r| r.parent.is_none()) {
        if let Some(gap) = gap_sentence(row, lang) {
            b.para("Gap", &gap);
        }
    }
}

/// "牵头科室：群众**科；配合科室：办公室。"
fn departments_sentence(d: &Departments, lang: Lang) -> String {
    let lead = crate::i18n::list(&d.lead, lang);
    if d.support.is_empty() {
        words::LEAD.fill(lang, &[("lead", &lead)])
    } else {
        let support = crate::i18n::list(&d.support, lang);
        words::LEAD_SUPPORT.fill(lang, &[("lead", &lead), ("support", &support)])
    }
}

/// Run properties naming a font for every script, and a size.
fn rpr(font: (&str, &str), size: u32, bold: bool) -> String {
    let f = esc(font.0);
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>{}<w:kern w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#,
        if bold { "<w:b/><w:bCs/>" } else { "" }
    )
}

fn styles() -> String {
    let line =
        format!(r#"<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>"#);
    let indent = r#"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#;
    let style = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>"#
        )
    };
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    let _ = write!(
        s,
        r#"<w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/>{line}</w:pPr></w:pPrDefault></w:docDefaults>"#,
        rpr(BODY_FONT, SANHAO, false)
    );
    let _ = write!(
        s,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{line}</w:pPr>{}</w:style>"#,
        rpr(BODY_FONT, SANHAO, false)
    );
    s.push_str(&style(
        "Title",
        "Title",
        r#"<w:jc w:val="center"/><w:spacing w:before="0" w:after="0" w:line="700" w:lineRule="exact"/>"#,
        &rpr(TITLE_FONT, ERHAO, false),
    ));
    s.push_str(&style(
        "AsOf",
        "As of",
        &format!(r#"<w:jc w:val="center"/><w:spacing w:before="0" w:after="{LINE}" w:line="{LINE}" w:lineRule="exact"/>"#),
        &rpr(H2_FONT, SANHAO, false),
    ));
    s.push_str(&style("Body", "Body Text", indent, &rpr(BODY_FONT, SANHAO, false)));
    s.push_str(&style(
        "Heading1",
        "heading 1",
        &format!(r#"<w:keepNext/><w:outlineLvl w:val="0"/>{indent}"#),
        &rpr(H1_FONT, SANHAO, false),
    ));
    s.push_str(&style(
        "Heading2",
        "heading 2",
        &format!(r#"<w:keepNext/><w:outlineLvl w:val="1"/>{indent}"#),
        &rpr(H2_FONT, SANHAO, false),
    ));
    s.push_str(&style("Gap", "Gap", indent, &rpr(BODY_FONT, SANHAO, true)));
    s.push_str(&style(
        "PageNumber",
        "Page Number Line",
        r#"<w:jc w:val="center"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#,
        &rpr(PAGE_FONT, SIHAO, false),
    ));
    s.push_str("</w:styles>");
    s
}

fn font_table() -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for font in [TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT] {
        let _ = write!(
            s,
            r#"<w:font w:name="{}"><w:altName w:val="{}"/><w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            esc(font.0),
            esc(font.1),
            family(font)
        );
    }
    s.push_str("</w:fonts>");
    s
}

/// "— 1 —": a PAGE field between two em dashes, centred.
fn footer() -> String {
    let run = |inner: &str| format!("<w:r>{}{inner}</w:r>", rpr(PAGE_FONT, SIHAO, false));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="PageNumber"/></w:pPr>{}{}{}{}{}{}</w:p></w:ftr>"#,
        run(r#"<w:t xml:space="preserve">— </w:t>"#),
        run(r#"<w:fldChar w:fldCharType="begin"/>"#),
        run(r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#),
        run(r#"<w:fldChar w:fldCharType="separate"/>"#),
        run("<w:t>1</w:t>"),
        run(r#"<w:fldChar w:fldCharType="end"/>"#) + &run(r#"<w:t xml:space="preserve"> —</w:t>"#),
    )
}

/// A4 with the GB/T 9704 margins, the footer, a 28-point line grid.
fn section() -> String {
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>"#,
        mm(37.0),
        mm(26.0),
        mm(35.0),
        mm(28.0),
        mm(22.0),
    )
}

fn document(ledger: &Ledger, lang: Lang) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}{}</w:body></w:document>"#,
        body(ledger, lang).xml,
        section()
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

fn core_props(ledger: &Ledger, lang: Lang) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>yaodian</dc:creator></cp:coreProperties>"#,
        esc(&words::TITLE.fill(lang, &[("title", &ledger.title)]))
    )
}

/// Writes the report as a .docx (a zip of OOXML parts, stored with a fixed date so the same
/// report gives the same bytes).
pub(super) fn write(out: &mut dyn Write, ledger: &Ledger, lang: Lang) -> Result<(), FormatError> {
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_props(ledger, lang)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document(ledger, lang)),
        ("word/styles.xml", styles()),
        ("word/fontTable.xml", font_table()),
    ];
    for (name, text) in parts.iter().chain(std::iter::once(&("word/footer1.xml", footer()))) {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    out.write_all(&zip.finish()?.into_inner())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_are_those_of_gbt_9704() {
        // 37 mm top, 35 bottom, 28 left, 26 right, in twentieths of a point
        assert_eq!((mm(37.0), mm(35.0), mm(28.0), mm(26.0)), (2098, 1984, 1587, 1474));
        let s = section();
        assert!(s.contains(r#"w:w="11906" w:h="16838""#), "A4");
        assert!(s.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c");
    }

    #[test]
    fn departments_read_as_a_sentence() {
        let d = |lead: &[&str], support: &[&str]| Departments {
            lead: lead.iter().map(|s| s.to_string()).collect(),
            support: support.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(
            departments_sentence(&d(&["群众**科"], &["办公室"]), Lang::Zh),
            "牵头科室：群众**科；配合科室：办公室。"
        );
        assert_eq!(departments_sentence(&d(&["办公室"], &[]), Lang::Zh), "牵头科室：办公室。");
        assert_eq!(
            departments_sentence(&d(&["办公室"], &["群众**科"]), Lang::En),
            "Lead: 办公室; supporting: 群众**科."
        );
    }
}
