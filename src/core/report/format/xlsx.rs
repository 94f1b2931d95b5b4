//! XLSX for printing and for the office's own sheets.

use super::{
    cells, col, counts_text, group_title, headings, ledger_title, pct, subtotal_label,
    summary_line, total_label,
};
use crate::core::clock::Clock;
use crate::core::model::{Status, TargetKind};
use crate::core::pace::Goal;
use crate::core::report::{Ledger, Row};
use crate::i18n::report as words;
use crate::lang::Lang;
use rust_xlsxwriter::XlsxError;
use std::io::Write;

/// Width in Excel's character units of a text: CJK counts double.
fn excel_width(s: &str) -> f64 {
    use unicode_width::UnicodeWidthStr;
    #[expect(clippy::cast_precision_loss, reason = "short strings")]
    let w = s.width() as f64;
    w * 1.1 + 2.0
}

/// Widest a column grows before its text wraps (task, indicator, note are long).
const MAX_WIDTH: [f64; 14] =
    [8.0, 26.0, 30.0, 9.0, 6.0, 9.0, 9.0, 9.0, 8.0, 9.0, 9.0, 11.0, 18.0, 30.0];

/// XLSX for printing and for the office's own sheets: the plan title and as-of date on top,
/// a bold header frozen and repeated on every printed page, a title row per theme (or
/// department) with its subtotal row, status cells coloured like the TUI, numbers as numbers,
/// column widths that fit Chinese text, landscape A4 one page wide.
pub(super) fn write(
    out: &mut dyn Write,
    ledger: &Ledger,
    lang: Lang,
    clock: &Clock,
) -> Result<(), XlsxError> {
    write_rows(out, ledger, lang, clock, Rows::Streamed)
}

/// Where the sheet's rows wait until the workbook is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    /// Each row to a temporary file (0600, unlinked) as soon as the next begins, its texts
    /// inline: the library's "constant memory" sheet. At 100k targets the sheet held in
    /// memory cost ~290 MB and its shared-string table ~10 % of the time.
    Streamed,
    /// All in memory, texts in a shared table (the library's default; the tests check the
    /// streamed rows hold the same cells).
    #[cfg(test)]
    Held,
}

/// Zip level of the workbook's parts: Excel's own; the library's default (6) compresses
/// the sheet's XML ~13 % smaller in twice the time (deflate was a fifth of an export at
/// 100k targets).
const ZIP_LEVEL: u8 = 3;

fn write_rows(
    out: &mut dyn Write,
    ledger: &Ledger,
    lang: Lang,
    clock: &Clock,
    rows: Rows,
) -> Result<(), XlsxError> {
    use rust_xlsxwriter::{
        Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    };
    let mut book = Workbook::new();
    // Made now by the command's clock, not the library's reading of the wall clock: a
    // pinned clock makes the same ledger the same bytes.
    let made = ExcelDateTime::from_timestamp(clock.now().div_euclid(1000))?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&made));
    book.set_zip_compression_level(ZIP_LEVEL);
    let sheet = match rows {
        Rows::Streamed => book.add_worksheet_with_constant_memory()?,
        #[cfg(test)]
        Rows::Held => book.add_worksheet(),
    };
    sheet.set_name(words::SHEET.get(lang))?;
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
    // ≤9.3 and 约6.2 (~6.2) as numbers: Excel shows the sign, sums and sorts the number.
    let at_most = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("\"\u{2264}\"0.##")
        .set_align(FormatAlign::Top);
    let about = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format(format!("\"{}\"0.##", crate::i18n::plan::ABOUT.get(lang)))
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
    let last_col = xcol(heads.len() - 1);
    sheet.write_string_with_format(0, 0, ledger_title(ledger, lang), &title)?;
    sheet.write_string(1, 0, summary_line(ledger, lang))?;
    let mut widths: Vec<f64> = heads.iter().map(|h| excel_width(h)).collect();
    const HEADER_ROW: u32 = 3;
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, xcol(c), *h, &header)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    let mut r = HEADER_ROW + 1;
    for g in &ledger.groups {
        sheet.merge_range(r, 0, r, last_col, &group_title(&g.title, lang), &group)?;
        r += 1;
        for row in &g.rows {
            for (c, text) in cells(row, lang).iter().enumerate() {
                let numeric = row.kind != Some(TargetKind::Milestone);
                let figure = |v: Option<f64>| v.filter(|_| numeric);
                match c {
                    // One number stays a number, its direction in the cell's format (≤9.3).
                    col::GOAL if numeric && row.aim.as_ref().and_then(Goal::value).is_some() => {
                        let (g, f) = match row.aim {
                            Some(Goal::AtMost(g)) => (g, &at_most),
                            Some(Goal::About(g)) => (g, &about),
                            _ => (
                                row.aim.as_ref().and_then(Goal::value).unwrap_or_default(),
                                &number,
                            ),
                        };
                        sheet.write_number_with_format(r, xcol(c), g, f)?;
                    }
                    col::PREVIOUS | col::VALUE | col::CHANGE
                        if figure(number_of(row, c)).is_some() =>
                    {
                        let v = number_of(row, c).unwrap_or_default();
                        sheet.write_number_with_format(r, xcol(c), v, &number)?;
                    }
                    col::RATE | col::PACE if number_of(row, c).is_some_and(f64::is_finite) => {
                        let v = number_of(row, c).unwrap_or_default();
                        sheet.write_number_with_format(r, xcol(c), v, &percent)?;
                    }
                    _ => {
                        let f =
                            if c == col::STATUS { status_fmt(row.status) } else { cell.clone() };
                        sheet.write_string_with_format(r, xcol(c), text, &f)?;
                    }
                }
                widths[c] =
                    widths[c].max(excel_width(text)).min(MAX_WIDTH[c].max(excel_width(heads[c])));
            }
            r += 1;
        }
        let subtotal = [
            (0, subtotal_label(lang).to_string()),
            (col::RATE, pct(g.subtotal.progress)),
            (col::PACE, pct(g.subtotal.pace)),
            (col::STATUS, counts_text(&g.subtotal, lang)),
        ];
        for c in 0..heads.len() {
            let text =
                subtotal.iter().find(|(k, _)| *k == c).map(|(_, t)| t.as_str()).unwrap_or("");
            sheet.write_string_with_format(r, xcol(c), text, &bold)?;
        }
        r += 1;
    }
    let total = [
        (0, total_label(lang).to_string()),
        (col::RATE, pct(ledger.total.progress)),
        (col::PACE, pct(ledger.total.pace)),
        (col::STATUS, counts_text(&ledger.total, lang)),
    ];
    for c in 0..heads.len() {
        let text = total.iter().find(|(k, _)| *k == c).map(|(_, t)| t.as_str()).unwrap_or("");
        sheet.write_string_with_format(r, xcol(c), text, &bold)?;
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(xcol(c), *w)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    // rust_xlsxwriter writes to a `Send` writer or a buffer; the sink is neither bound.
    out.write_all(&book.save_to_buffer()?)?;
    Ok(())
}

/// The number a numeric column holds for a row.
fn number_of(row: &Row, c: usize) -> Option<f64> {
    match c {
        col::PREVIOUS => row.previous,
        col::VALUE => row.value,
        col::CHANGE => row.change,
        col::RATE => row.rate,
        col::PACE => row.pace,
        _ => None,
    }
}

fn xcol(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Read;

    /// The ledger of a generated plan with its values recorded.
    fn ledger() -> Ledger {
        use crate::core::generate;
        let spec = generate::Spec::new(2, 4, 5, 400);
        let plan = generate::plan(&spec).expect("plan");
        let mut board = crate::core::model::Board::fresh(plan.clone());
        for u in generate::updates(&plan, &spec) {
            board.record(&u);
        }
        let eval = crate::core::pace::evaluate(&board, spec.until, &Default::default());
        let keep = vec![true; board.plan.items.len()];
        crate::core::report::ledger(&board, &eval, crate::core::report::GroupBy::Theme, &keep)
    }

    fn clock(at: crate::core::model::Millis) -> Clock {
        Clock::fixed(at, chrono::FixedOffset::east_opt(8 * 3600).expect("+8"))
    }

    fn written(ledger: &Ledger, clock: &Clock, rows: Rows) -> Vec<u8> {
        let mut out = Vec::new();
        write_rows(&mut out, ledger, Lang::Zh, clock, rows).expect("xlsx");
        out
    }

    /// Every cell of the workbook's sheet, as calamine reads it.
    fn cells(bytes: Vec<u8>) -> Vec<Vec<Data>> {
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
        let name = book.sheet_names()[0].clone();
        let sheet = book.worksheet_range(&name).expect("sheet");
        sheet.rows().map(<[Data]>::to_vec).collect()
    }

    /// The rows written to the file as they come hold the cells the sheet held in memory
    /// (the library's default, which this writer used before): every text, every number.
    #[test]
    fn rows_streamed_hold_the_cells_of_the_sheet_held_in_memory() {
        let ledger = ledger();
        let at = clock(1_700_000_000_000);
        let streamed = cells(written(&ledger, &at, Rows::Streamed));
        assert_eq!(streamed, cells(written(&ledger, &at, Rows::Held)));
        let rows: usize = ledger.groups.iter().map(|g| g.rows.len() + 2).sum();
        assert_eq!(streamed.len(), 4 + rows + 1, "title, summary, blank, header; groups; total");
        let numbers = streamed.iter().flatten().filter(|c| matches!(c, Data::Float(_))).count();
        assert!(numbers > ledger.groups.len() * 3, "numbers stay numbers ({numbers})");
    }

    /// The workbook is stamped as made by the command's clock, not the wall clock's: the
    /// same ledger at the same time is the same bytes.
    #[test]
    fn the_same_ledger_at_the_same_time_is_the_same_bytes() {
        let ledger = ledger();
        let first = written(&ledger, &clock(1_700_000_000_000), Rows::Streamed);
        assert_eq!(first, written(&ledger, &clock(1_700_000_000_000), Rows::Streamed));
        assert_ne!(first, written(&ledger, &clock(1_600_000_000_000), Rows::Streamed));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(first)).expect("zip");
        let mut core = String::new();
        zip.by_name("docProps/core.xml").expect("core.xml").read_to_string(&mut core).expect("xml");
        assert!(core.contains("2023-11-14T22:13:20Z"), "{core}");
    }
}
