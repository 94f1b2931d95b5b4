//! The reporting cycle (报送周期): a plan's rhythm and the day reports are due (its settings),
//! the periods they cut the year into, and the one rule that says whether a department has
//! reported for a period.
//!
//! A period is named by the month (quarter, half-year) whose due day closes it: `2023-06`
//! with reports due by the 25th is the window from 2023-05-26 00:00 to the end of 2023-06-25,
//! local days of the clock's zone (the office's 统计周期 "上月26日至本月25日"). A report on
//! 06-26 already counts for `2023-07`. A due day past a month's end is that month's last day,
//! so a due day of 31 makes the periods calendar months.

use crate::core::clock::Clock;
use crate::core::model::{Change, IndexedPlan, Item, Millis, Update};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use thiserror::Error;

/// How often departments report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Rhythm {
    #[default]
    Monthly,
    Quarterly,
    HalfYearly,
}

impl Rhythm {
    pub const ALL: [Rhythm; 3] = [Rhythm::Monthly, Rhythm::Quarterly, Rhythm::HalfYearly];

    /// The name the command line takes and JSON prints.
    pub fn name(self) -> &'static str {
        match self {
            Rhythm::Monthly => "monthly",
            Rhythm::Quarterly => "quarterly",
            Rhythm::HalfYearly => "half-yearly",
        }
    }

    pub fn parse(s: &str) -> Option<Rhythm> {
        match s.trim() {
            "monthly" | "month" | "每月" | "月" => Some(Rhythm::Monthly),
            "quarterly" | "quarter" | "每季度" | "季度" => Some(Rhythm::Quarterly),
            "half-yearly" | "halfyearly" | "half" | "每半年" | "半年" => {
                Some(Rhythm::HalfYearly)
            }
            _ => None,
        }
    }

    /// Months in one period.
    fn months(self) -> u32 {
        match self {
            Rhythm::Monthly => 1,
            Rhythm::Quarterly => 3,
            Rhythm::HalfYearly => 6,
        }
    }
}

/// A plan's settings, kept in the database and changed by an admin (`plan-settings`): the
/// reporting rhythm, the day reports are due, and after how many days without an update a
/// target counts as stale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSettings {
    pub rhythm: Rhythm,
    /// Day of the period's last month by which reports are due (1–31; past the month's end
    /// it is the month's last day).
    pub due_day: u8,
    /// Days without an update after which a target is stale.
    pub stale_days: u16,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings { rhythm: Rhythm::Monthly, due_day: 25, stale_days: 30 }
    }
}

/// Why a setting or a period was not understood.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error("{0:?} is not a rhythm (monthly, quarterly, half-yearly)")]
    Rhythm(String),
    #[error("the due day must be 1 to 31, not {0}")]
    DueDay(u32),
    #[error("the stale period must be 1 to 3650 days, not {0}")]
    StaleDays(u32),
    #[error("{0:?} is not a period (2023-06, 2023-Q2, 2023-H1)")]
    Period(String),
}

impl PlanSettings {
    /// Checks the values an admin typed.
    pub fn check(due_day: u32, stale_days: u32) -> Result<(u8, u16), PeriodError> {
        let due = u8::try_from(due_day).ok().filter(|d| (1..=31).contains(d));
        let stale = u16::try_from(stale_days).ok().filter(|d| (1..=3650).contains(d));
        Ok((
            due.ok_or(PeriodError::DueDay(due_day))?,
            stale.ok_or(PeriodError::StaleDays(stale_days))?,
        ))
    }

    /// When reports are due, in `lang`: "每月25日前" / "monthly, by day 25".
    pub fn describe(&self, lang: crate::lang::Lang) -> String {
        crate::i18n::cycle::due_rule(self, lang)
    }
}

/// One reporting period: a month, quarter or half-year of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub rhythm: Rhythm,
    pub year: i32,
    /// 1-based: the month (1–12), quarter (1–4) or half (1–2).
    pub index: u32,
}

impl Period {
    fn count(rhythm: Rhythm) -> u32 {
        12 / rhythm.months()
    }

    /// The period of `rhythm` whose calendar span holds `month` of `year`.
    fn of_month(rhythm: Rhythm, year: i32, month: u32) -> Period {
        Period { rhythm, year, index: (month - 1) / rhythm.months() + 1 }
    }

    /// The month whose due day closes the period.
    fn last_month(self) -> u32 {
        self.index * self.rhythm.months()
    }

    /// The day reports for this period are due.
    pub fn due(self, due_day: u8) -> NaiveDate {
        let month = self.last_month();
        let first = NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or_default();
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        first.with_day(u32::from(due_day)).map_or(last, |d| d.min(last))
    }

    pub fn prev(self) -> Period {
        if self.index > 1 {
            Period { index: self.index - 1, ..self }
        } else {
            Period { year: self.year - 1, index: Period::count(self.rhythm), ..self }
        }
    }

    pub fn next(self) -> Period {
        if self.index < Period::count(self.rhythm) {
            Period { index: self.index + 1, ..self }
        } else {
            Period { year: self.year + 1, index: 1, ..self }
        }
    }

    /// The first day of the period's window: the day after the previous period's due day.
    pub fn first_day(self, due_day: u8) -> NaiveDate {
        let prev_due = self.prev().due(due_day);
        prev_due.succ_opt().unwrap_or(prev_due)
    }

    /// The period whose window holds `day`.
    pub fn containing(day: NaiveDate, settings: &PlanSettings) -> Period {
        let p = Period::of_month(settings.rhythm, day.year(), day.month());
        if day > p.due(settings.due_day) { p.next() } else { p }
    }

    /// The window as instants: from the first millisecond of its first day to the end of
    /// its due day (exclusive), in the clock's zone.
    pub fn window(self, settings: &PlanSettings, clock: &Clock) -> Window {
        Window {
            from: clock.midnight(self.first_day(settings.due_day)),
            to: clock.end_of_day(self.due(settings.due_day)),
        }
    }

    /// Parses `2023-06` (the period holding that month), `2023-Q2`, `2023-H1`.
    pub fn parse(text: &str, rhythm: Rhythm) -> Result<Period, PeriodError> {
        let bad = || PeriodError::Period(text.to_string());
        let (year, rest) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = year.parse().ok().filter(|y| (1900..=9999).contains(y)).ok_or_else(bad)?;
        let upper = rest.to_ascii_uppercase();
        let period = if let Some(q) = upper.strip_prefix('Q') {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q)).ok_or_else(bad)?;
            Period::of_month(rhythm, year, q * 3)
        } else if let Some(h) = upper.strip_prefix('H') {
            let h: u32 = h.parse().ok().filter(|h| (1..=2).contains(h)).ok_or_else(bad)?;
            Period::of_month(rhythm, year, h * 6)
        } else {
            let m: u32 = upper.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?;
            Period::of_month(rhythm, year, m)
        };
        Ok(period)
    }

    /// How people write it: `2023年6月`, `2023年第2季度`, `2023年上半年` (in English `2023-06`,
    /// `2023 Q2`, `2023 H1`).
    pub fn label(self, lang: crate::lang::Lang) -> String {
        crate::i18n::cycle::period(self, lang)
    }
}

/// `2023-06`, `2023-Q2`, `2023-H1`: what `--period` takes.
impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.rhythm {
            Rhythm::Monthly => write!(f, "{}-{:02}", self.year, self.index),
            Rhythm::Quarterly => write!(f, "{}-Q{}", self.year, self.index),
            Rhythm::HalfYearly => write!(f, "{}-H{}", self.year, self.index),
        }
    }
}

/// A span of time, `from` inclusive, `to` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: Millis,
    pub to: Millis,
}

impl Window {
    pub fn holds(&self, at: Millis) -> bool {
        self.from <= at && at < self.to
    }
}

/// The item a log entry reports on: a value of one of its targets, its progress note, or
/// its status. Other entries (definitions, settings) report nothing.
pub fn report_item(plan: &IndexedPlan, change: &Change) -> Option<usize> {
    match change {
        Change::Value { target, .. } => plan.target_index(target).and_then(|k| plan.target_item(k)),
        Change::Note { item, .. } | Change::ItemStatus { item, .. } => plan.item_index(item),
        Change::TargetDef { .. } | Change::Settings { .. } => None,
    }
}

/// The reports in a stretch of the log, as (item position, time).
pub fn log_reports<'a>(
    plan: &'a IndexedPlan,
    log: impl IntoIterator<Item = &'a Update> + 'a,
) -> impl Iterator<Item = (usize, Millis)> + 'a {
    log.into_iter().filter_map(|u| Some((report_item(plan, &u.change)?, u.at)))
}

/// The names of each item's lead departments, in plan order: what [`reported`] reads.
pub fn leads_of(items: &[Item]) -> Vec<Vec<&str>> {
    items.iter().map(|i| i.leads().map(|d| d.name.as_str()).collect()).collect()
}

/// Where one department stands in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptReport {
    pub department: String,
    /// Positions of the items it leads, in plan order.
    pub items: Vec<usize>,
    /// Those without a report in the period.
    pub missing: Vec<usize>,
    /// Its latest report in the period.
    pub last: Option<Millis>,
}

impl DeptReport {
    /// Every item it leads has a report in the period.
    pub fn reported(&self) -> bool {
        self.missing.is_empty()
    }
}

/// The rule: a department has reported for a period when every item it leads has, within
/// the period's window, a new value of one of its targets or a progress note (an item
/// without targets: its status or note). Who wrote the entry does not matter (a supporting
/// department's note counts for the item); an item with two lead departments counts for
/// both. `leads` are the lead departments of the plan's items ([`leads_of`]); `reports` are
/// (item position, time) pairs, from the log or from the store's index of each item's
/// latest report. Departments in order of their first lead item.
pub fn reported(
    leads: &[Vec<&str>],
    reports: impl IntoIterator<Item = (usize, Millis)>,
    window: Window,
) -> Vec<DeptReport> {
    let mut last: Vec<Option<Millis>> = vec![None; leads.len()];
    for (i, at) in reports {
        if window.holds(at)
            && let Some(slot) = last.get_mut(i)
        {
            *slot = Some(slot.map_or(at, |t| t.max(at)));
        }
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<DeptReport> = Vec::new();
    for (i, names) in leads.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for &name in names {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let k = *index.entry(name).or_insert_with(|| {
                out.push(DeptReport {
                    department: name.to_string(),
                    items: Vec::new(),
                    missing: Vec::new(),
                    last: None,
                });
                out.len() - 1
            });
            let r = &mut out[k];
            r.items.push(i);
            match last[i] {
                Some(at) => r.last = Some(r.last.map_or(at, |t| t.max(at))),
                None => r.missing.push(i),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
