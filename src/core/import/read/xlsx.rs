//! An Excel workbook (.xlsx): every sheet as a table, cells streamed (never a dense range
//! sized by what a sheet claims), merged regions filled from their first cell so a 类别
//! spanning rows carries down. Every XML part is unpacked once through the bounded reader
//! before calamine reads the archive.

use super::zipped::Archive;
use super::{Block, Cell, LIMITS, Row};
use crate::core::import::ImportError;
use calamine::{DataRef, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use std::collections::BTreeMap;
use std::io::Cursor;

fn damaged(e: impl std::fmt::Display) -> ImportError {
    ImportError::Damaged { format: ".xlsx", detail: e.to_string() }
}

/// A cell as text: numbers without a trailing ".0", dates as 2025年6月30日.
fn text(v: &DataRef) -> String {
    match v {
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => crate::core::model::fmt_num(*f),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            #[expect(clippy::cast_possible_truncation, reason = "checked range")]
            let days = d.as_f64().floor().clamp(0.0, 2_958_465.0) as i64;
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|b| b.checked_add_signed(Duration::days(days)))
                .map(|d| d.format("%Y年%-m月%-d日").to_string())
                .unwrap_or_default()
        }
        DataRef::DateTimeIso(s) => s.split('T').next().unwrap_or_default().to_string(),
        _ => String::new(),
    }
}

/// Reads every sheet of the workbook in `bytes` (already opened as `zip`).
pub(crate) fn read(bytes: &[u8], zip: &mut Archive) -> Result<Vec<Block>, ImportError> {
    zip.check_xml_parts()?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut blocks = Vec::new();
    let mut budget = LIMITS.cells;
    let too_many = || ImportError::Bomb { part: "cells".into(), limit: LIMITS.cells as u64 };
    for name in wb.sheet_names() {
        let merges = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut grid: BTreeMap<u32, BTreeMap<u32, Cell>> = BTreeMap::new();
        {
            let Ok(mut cells) = wb.worksheet_cells_reader(&name) else { continue };
            while let Some(cell) = cells.next_cell().map_err(damaged)? {
                budget = budget.checked_sub(1).ok_or_else(too_many)?;
                let (r, c) = cell.get_position();
                if c >= LIMITS.columns {
                    continue;
                }
                let t = text(cell.get_value());
                if !t.is_empty() {
                    grid.entry(r).or_default().insert(c, Cell { text: t, merged: false });
                }
            }
        }
        for m in merges {
            let (r0, c0) = m.start;
            let Some(first) = grid.get(&r0).and_then(|r| r.get(&c0)).map(|c| c.text.clone()) else {
                continue;
            };
            let (r1, c1) = (m.end.0.max(r0), m.end.1.min(LIMITS.columns - 1));
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if (r, c) == (r0, c0) {
                        continue;
                    }
                    budget = budget.checked_sub(1).ok_or_else(too_many)?;
                    grid.entry(r)
                        .or_default()
                        .insert(c, Cell { text: first.clone(), merged: true });
                }
            }
        }
        let rows: Vec<Row> = grid
            .into_iter()
            .map(|(r, cells)| {
                let width = cells.keys().next_back().map_or(0, |c| c + 1) as usize;
                let mut dense = vec![Cell::default(); width];
                for (c, cell) in cells {
                    dense[c as usize] = cell;
                }
                Row { line: r as usize + 1, cells: dense }
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Table { name, rows });
        }
    }
    Ok(blocks)
}
