//! The plan as yaodian understands it: themes, optional sections, items, targets, and the
//! state operators record against them (values, notes, the update log).
//!
//! Everything here is plain data with no terminal or storage dependency; the importer builds
//! it, the store persists it, `pace` evaluates it.
//!
//! Over 600 lines with its tests: the types are small but many, and they belong together;
//! the target line's text form is its own module (`target_text`).

mod board;
pub mod log_chain;
mod target_text;

pub use board::{Board, IndexedPlan, Touched};
pub use log_chain::LogHash;
pub use target_text::{TargetLineError, parse_target, target_line};

pub use crate::core::period::PlanSettings;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch (UTC); every timestamp in the store uses this.
pub type Millis = i64;

/// A whole 工作要点 document as imported: the structure, not the recorded progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// Short, typeable id, unique in a database (by default the year, e.g. `2023`).
    pub id: String,
    /// The document title (its first line), e.g. `市体育局2023年工作要点`.
    pub title: String,
    pub year: i32,
    /// The plan period; pace is measured against it unless a target has its own due date.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Text before the first theme, kept as written.
    pub preamble: String,
    pub themes: Vec<Theme>,
    pub items: Vec<Item>,
    pub targets: Vec<Target>,
}

/// A top-level heading: 一、二、…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// 1-based number of the heading (一 = 1).
    pub number: u32,
    /// Heading text without its numeral, e.g. `强化政治建设，推动**事业迈上新台阶`.
    pub title: String,
    /// Paragraphs between the heading and its first item or section.
    pub intro: String,
    pub sections: Vec<Section>,
    /// 1-based line of the heading in the source text.
    pub line: usize,
}

/// An optional middle level: （一）（二）… inside a theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub number: u32,
    pub title: String,
    pub intro: String,
    pub line: usize,
}

/// The role a department plays for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 责任科室 / 牵头科室 / 责任单位 / 牵头单位: answers for the item.
    Lead,
    /// 配合科室 / 配合单位: cooperates.
    Support,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
        }
    }
}

/// A department named in an item's tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Department {
    pub name: String,
    pub role: Role,
}

/// A numbered task: 1. 2. … with its owners and full text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Typeable id: the item number (`13`) where numbers are unique in the plan, otherwise
    /// qualified by theme and section (`2.1`, `2.1.3`).
    pub id: String,
    /// Theme number this item belongs to.
    pub theme: u32,
    /// Section number inside the theme, if the plan has sections.
    pub section: Option<u32>,
    /// The number as written in the document.
    pub number: u32,
    /// The lead sentence (up to the first 。), e.g. `开展场地设施补短板行动`.
    pub title: String,
    /// The full original text of the item, department tag included, so nothing is lost.
    pub text: String,
    pub departments: Vec<Department>,
    /// The item's own deadline, if the text states one.
    pub due: Option<NaiveDate>,
    /// 1-based line of the item in the source text.
    pub line: usize,
}

impl Item {
    /// Departments with the lead role, in document order.
    pub fn leads(&self) -> impl Iterator<Item = &Department> {
        self.departments.iter().filter(|d| d.role == Role::Lead)
    }

    /// Departments with the support role, in document order.
    pub fn supports(&self) -> impl Iterator<Item = &Department> {
        self.departments.iter().filter(|d| d.role == Role::Support)
    }
}

/// What kind of measure a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// A count towards a goal in a unit (100 处, 2000 人).
    Quantity,
    /// A deliverable: done (1) or not (0), e.g. 出台《…》.
    Milestone,
    /// A rate to reach, goal and value in percent (覆盖率达到90%).
    Percentage,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Quantity => "quantity",
            TargetKind::Milestone => "milestone",
            TargetKind::Percentage => "percentage",
        }
    }
}

/// A measurable goal inside an item (or, rarely, stated by a theme heading).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Typeable id: `<item id>.<n>` (`13.2`); theme-level targets use `t<theme>.<n>`.
    pub id: String,
    /// The item this target belongs to; `None` for a target stated by a theme heading.
    pub item: Option<String>,
    /// The theme the target belongs to (always set).
    pub theme: u32,
    pub kind: TargetKind,
    /// What is counted or delivered, e.g. `新建公共**场地设施` or `《**市教练员管理办法》`.
    pub name: String,
    /// The goal: a count, 1 for a milestone, a percentage for a rate.
    pub goal: f64,
    /// The unit as written (处, 人, 万人次 is normalised to 人次 with the goal multiplied).
    pub unit: String,
    /// The target's own deadline, or `None` to use the item's, then the plan's end.
    pub due: Option<NaiveDate>,
    /// For a sub-target (其中 …): the id of the target it is part of.
    pub parent: Option<String>,
    /// The phrase in the source the target was read from (empty for hand-made targets).
    pub source: String,
    /// 1-based line in the source text (0 for hand-made targets).
    pub line: usize,
    /// Up: more is better. Down (降至, 控制在, 不超过…): done at or below the goal.
    /// Records of codec format 1 predate it and read as `Up`.
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_2")]
    pub direction: Direction,
    /// What a level or range needs beyond the goal; counts leave it at its default.
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_2")]
    pub measure: Measure,
}

/// Which way a target is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// More is better: done at or above the goal (the default).
    #[default]
    Up,
    /// Less is better: done at or below the goal (降至9.3%, 控制在…以内).
    Down,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// How a target's values are read, beyond its goal.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Measure {
    /// A measured level (人均预期寿命82.4岁, 指数85, a rate): the latest value is compared
    /// with the goal; values are never summed.
    pub level: bool,
    /// The value the text starts from (由10.5%降至9.3% → 10.5).
    pub baseline: Option<f64>,
    /// How exact the goal is.
    pub band: Band,
    /// A goal stated as a change from the starting value (下降3%, 下降1个百分点): `goal`
    /// holds the change, and the value to reach is known once the start is. Records of
    /// codec formats 1 and 2 predate it and read as `None`.
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_3")]
    pub relative: Option<Relative>,
}

/// How a goal stated as a change from the start is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relative {
    /// `goal` per cent of the start (下降3%: start × 0.97).
    Percent,
    /// `goal` in the value's own unit (下降1个百分点: start − 1).
    Amount,
}

/// How exact a goal is.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Band {
    /// The goal as written (the default).
    #[default]
    Exact,
    /// 左右: about the goal.
    About,
    /// A range (90%-95%): the goal is the end that decides done (`low` going up, `high`
    /// going down).
    Range { low: f64, high: f64 },
}

impl Target {
    /// Whether values of this target may have a fractional part: rates, measured levels,
    /// and units that are naturally fractional.
    pub fn allows_decimals(&self) -> bool {
        if self.kind != TargetKind::Milestone
            && (self.measure.level || self.measure.relative.is_some())
        {
            return true;
        }
        match self.kind {
            TargetKind::Milestone => false,
            TargetKind::Percentage => true,
            TargetKind::Quantity => {
                self.goal.fract() != 0.0 || DECIMAL_UNITS.iter().any(|u| self.unit.ends_with(u))
            }
        }
    }
}

/// Why a value cannot be recorded for a target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("not a number")]
    NotANumber,
    #[error("must not be negative")]
    Negative,
    #[error("must be a whole number of {0}")]
    Fraction(String),
    #[error("a milestone is 0 (not done) or 1 (done)")]
    NotBinary,
    /// Beyond 2^53, where a stored number is no longer exact.
    #[error("too large (at most {})", MAX_EXACT)]
    TooLarge,
    /// More significant digits than a stored number keeps.
    #[error("too many digits (at most {SIGNIFICANT_DIGITS} significant)")]
    TooPrecise,
    /// More than [`PLAUSIBLE_TIMES`] the goal: a typo, not progress.
    #[error("more than {PLAUSIBLE_TIMES} times the goal (at most {limit})")]
    Implausible { limit: String },
}

/// The largest whole number a value holds exactly (2^53).
pub const MAX_EXACT: u64 = 1 << 53;

/// Significant digits a typed number may have: every decimal of up to 15 digits is stored
/// and read back exactly.
pub const SIGNIFICANT_DIGITS: usize = 15;

/// A value above this many times its target's goal is refused as absurd.
pub const PLAUSIBLE_TIMES: f64 = 1000.0;

impl Target {
    /// Checks a value before it is recorded: finite, ≥ 0, whole unless the unit allows
    /// decimals, 0 or 1 for a milestone.
    pub fn check_value(&self, v: f64) -> Result<(), ValueError> {
        if !v.is_finite() {
            return Err(ValueError::NotANumber);
        }
        if v < 0.0 {
            return Err(ValueError::Negative);
        }
        if self.kind == TargetKind::Milestone {
            return if v == 0.0 || v == 1.0 { Ok(()) } else { Err(ValueError::NotBinary) };
        }
        if v.fract() != 0.0 && !self.allows_decimals() {
            return Err(ValueError::Fraction(self.unit.clone()));
        }
        if self.goal > 0.0 && v > self.goal * PLAUSIBLE_TIMES {
            return Err(ValueError::Implausible { limit: fmt_num(self.goal * PLAUSIBLE_TIMES) });
        }
        Ok(())
    }
}

/// Parses a number typed by a person: ASCII or full-width digits, an optional sign and
/// decimal point, thousands separators (`1,200`) and surrounding spaces. Rejects anything
/// else (`abc`, `inf`, `nan`, `1e9`), and numbers a stored value would not hold exactly:
/// beyond 2^53, or with more than [`SIGNIFICANT_DIGITS`] significant digits.
pub fn parse_number(text: &str) -> Result<f64, ValueError> {
    let mut s = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '，' | ',' => continue,
            other => other,
        };
        s.push(c);
    }
    let body = s.strip_prefix(['-', '+']).unwrap_or(&s);
    let digits_ok = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    if !digits_ok {
        return Err(ValueError::NotANumber);
    }
    // A whole part beyond 2^53 is not stored exactly; nor is a fraction with more
    // significant digits than a double keeps (trailing zeros of a fraction aside).
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let whole = whole.trim_start_matches('0');
    let limit = MAX_EXACT.to_string();
    if whole.len() > limit.len() || (whole.len() == limit.len() && whole > limit.as_str()) {
        return Err(ValueError::TooLarge);
    }
    let fraction = fraction.trim_end_matches('0');
    let significant = format!("{whole}{fraction}").trim_start_matches('0').len();
    if !fraction.is_empty() && significant > SIGNIFICANT_DIGITS {
        return Err(ValueError::TooPrecise);
    }
    s.parse::<f64>().map_err(|_| ValueError::NotANumber)
}

/// Units whose amounts are naturally fractional (money, length, area, weight).
const DECIMAL_UNITS: &[&str] =
    &["元", "公里", "千米", "米", "平方米", "亩", "公顷", "吨", "%", "小时"];

/// Status of a target, item, theme or plan against the expected pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 滞后: overdue, or well below the expected pace.
    Behind,
    /// 预警: below the expected pace.
    AtRisk,
    /// 正常: at or above the expected pace.
    OnTrack,
    /// 已完成: goal reached / deliverable done.
    Done,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Done, Status::OnTrack, Status::AtRisk, Status::Behind];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Behind => "behind",
            Status::AtRisk => "at_risk",
            Status::OnTrack => "on_track",
            Status::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s.trim() {
            "behind" | "滞后" => Some(Status::Behind),
            "at_risk" | "at-risk" | "risk" | "预警" => Some(Status::AtRisk),
            "on_track" | "on-track" | "ok" | "正常" => Some(Status::OnTrack),
            "done" | "已完成" | "完成" => Some(Status::Done),
            _ => None,
        }
    }
}

/// The current recorded value of a target and who set it last.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TargetState {
    pub value: f64,
    pub updated_at: Option<Millis>,
    pub updated_by: Option<String>,
    /// Number of updates recorded for this target.
    pub updates: u32,
    /// The first value recorded: where a lower-is-better target without a stated starting
    /// value starts from. Records of codec formats 1 and 2 predate it and read as `None`;
    /// such a target takes its next recorded value as its start.
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_3")]
    pub first: Option<f64>,
    /// The day a target added by hand was added (local date): its pace runs from this day,
    /// not from the plan's start, so it is not behind the day it is made. `None` for the
    /// plan's own targets. Records of formats 1–4 read `None` (the store fills it in from
    /// the log's definition entries on its first write, `store::upgrade`).
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_5")]
    pub since: Option<NaiveDate>,
}

/// What has been recorded against a target, as the status rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reading {
    /// The latest value; `None` while nothing has been recorded.
    pub value: Option<f64>,
    /// The first value recorded.
    pub first: Option<f64>,
    /// The day the target was added, if after the plan was made ([`TargetState::since`]).
    pub since: Option<NaiveDate>,
}

impl Reading {
    /// A target with `value` recorded once.
    pub fn of(value: f64) -> Reading {
        Reading { value: Some(value), first: Some(value), since: None }
    }
}

impl TargetState {
    /// Records a value `user` set at `at` (one more update).
    pub fn record(&mut self, value: f64, at: Millis, user: &str) {
        if self.first.is_none() {
            self.first = Some(value);
        }
        self.value = value;
        self.updated_at = Some(at);
        // a replay records the same few users over and over: keep the copy it has
        if self.updated_by.as_deref() != Some(user) {
            self.updated_by = Some(user.to_string());
        }
        self.updates += 1;
    }

    /// What the status rules read: the value once one has been recorded, and the first.
    pub fn reading(&self) -> Reading {
        Reading {
            value: (self.updates > 0).then_some(self.value),
            first: self.first,
            since: self.since,
        }
    }
}

/// The operator-maintained part of an item: progress note and, for items without targets,
/// a manual status.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ItemState {
    pub note: String,
    pub status: Option<Status>,
    pub updated_at: Option<Millis>,
    pub updated_by: Option<String>,
}

impl ItemState {
    /// Records a progress note `user` wrote at `at`.
    pub fn record_note(&mut self, note: &str, at: Millis, user: &str) {
        note.clone_into(&mut self.note);
        self.updated_at = Some(at);
        // as `TargetState::record`: a replay keeps the copy it has of the same user
        if self.updated_by.as_deref() != Some(user) {
            self.updated_by = Some(user.to_string());
        }
    }
}

/// What an update changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// A target's value went from `old` to `new`.
    Value { target: String, old: f64, new: f64 },
    /// An item's progress note changed.
    Note { item: String, old: String, new: String },
    /// An item's manual status changed.
    ItemStatus { item: String, old: Option<Status>, new: Option<Status> },
    /// A target was added or its definition edited by hand.
    TargetDef { target: String, old: Option<Box<Target>>, new: Option<Box<Target>> },
    /// The plan's settings (reporting rhythm, due day, staleness) changed; an admin action.
    Settings { old: PlanSettings, new: PlanSettings },
}

impl Change {
    /// Whether the change leaves everything as it was (the same value, note, status or
    /// definition).
    pub fn changes_nothing(&self) -> bool {
        match self {
            Change::Value { old, new, .. } => old == new,
            Change::Note { old, new, .. } => old == new,
            Change::ItemStatus { old, new, .. } => old == new,
            Change::TargetDef { old, new, .. } => old == new,
            Change::Settings { old, new } => old == new,
        }
    }

    /// Whether the change only records a state (a value, a note, an item's status): the
    /// plan, its definitions and its settings stay as they were, so a reader holding the
    /// board can take it in without reading the board again.
    pub fn is_state(&self) -> bool {
        matches!(self, Change::Value { .. } | Change::Note { .. } | Change::ItemStatus { .. })
    }

    /// The target or item id the change is about.
    pub fn subject(&self) -> &str {
        match self {
            Change::Value { target, .. } | Change::TargetDef { target, .. } => target,
            Change::Note { item, .. } | Change::ItemStatus { item, .. } => item,
            Change::Settings { .. } => SETTINGS_SUBJECT,
        }
    }
}

/// The subject of a settings change in the log (`log settings` lists them).
pub const SETTINGS_SUBJECT: &str = "settings";

/// One entry of the append-only update log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    /// Position in the plan's log, starting at 1.
    pub seq: u64,
    pub at: Millis,
    /// Unix user name of the process that wrote it (from its uid).
    pub user: String,
    pub uid: u32,
    pub change: Change,
    pub note: String,
    /// For an undo: the sequence number of the update it reverts.
    pub undoes: Option<u64>,
    /// The hash of the entry before it (of the plan's id for the first): the log is a hash
    /// chain (see [`log_chain`]). `None` for entries written before the chain existed.
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_4")]
    pub prev: Option<LogHash>,
}

/// A log entry read in place: [`Update`] with its text borrowed from the stored bytes, for
/// the passes that read every entry and keep none of it (a replay of a million entries
/// then copies no user name or id). The same encoding as [`Update`], field for field, both
/// ways (so its hash in the log's chain is the entry's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateRef<'a> {
    pub seq: u64,
    pub at: Millis,
    pub user: &'a str,
    pub uid: u32,
    #[serde(borrow)]
    pub change: ChangeRef<'a>,
    pub note: &'a str,
    pub undoes: Option<u64>,
    #[serde(default, deserialize_with = "crate::core::store::codec::since_format_4")]
    pub prev: Option<LogHash>,
}

/// [`Change`] read in place (see [`UpdateRef`]); the variants in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ChangeRef<'a> {
    Value { target: &'a str, old: f64, new: f64 },
    Note { item: &'a str, old: &'a str, new: &'a str },
    ItemStatus { item: &'a str, old: Option<Status>, new: Option<Status> },
    TargetDef { target: &'a str, old: Option<Box<Target>>, new: Option<Box<Target>> },
    Settings { old: PlanSettings, new: PlanSettings },
}

impl ChangeRef<'_> {
    /// The target or item id the change is about ([`Change::subject`]).
    pub fn subject(&self) -> &str {
        match self {
            ChangeRef::Value { target, .. } | ChangeRef::TargetDef { target, .. } => target,
            ChangeRef::Note { item, .. } | ChangeRef::ItemStatus { item, .. } => item,
            ChangeRef::Settings { .. } => SETTINGS_SUBJECT,
        }
    }
}

impl Update {
    /// The entry as a pass over the log reads it ([`UpdateRef`]; a definition change's
    /// targets are copied, the rest borrowed).
    pub fn as_ref(&self) -> UpdateRef<'_> {
        let change = match &self.change {
            Change::Value { target, old, new } => ChangeRef::Value { target, old: *old, new: *new },
            Change::Note { item, old, new } => ChangeRef::Note { item, old, new },
            Change::ItemStatus { item, old, new } => {
                ChangeRef::ItemStatus { item, old: *old, new: *new }
            }
            Change::TargetDef { target, old, new } => {
                ChangeRef::TargetDef { target, old: old.clone(), new: new.clone() }
            }
            Change::Settings { old, new } => ChangeRef::Settings { old: *old, new: *new },
        };
        UpdateRef {
            seq: self.seq,
            at: self.at,
            user: &self.user,
            uid: self.uid,
            change,
            note: &self.note,
            undoes: self.undoes,
            prev: self.prev,
        }
    }
}

/// Formats a number the way people write it: no trailing zeros, as [`round_shown`] rounds
/// it.
pub fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "-".to_string();
    }
    let rounded = round_shown(v);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        #[expect(clippy::cast_possible_truncation, reason = "checked integral and in range")]
        let n = rounded as i64;
        n.to_string()
    } else {
        let s = format!("{rounded:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number as people read it: two decimals, or below 1, where two would hide it (单位GDP能耗
/// 0.4862), four. A goal worked out from a start is rounded so, so that what is shown is
/// what decides.
pub fn round_shown(v: f64) -> f64 {
    let scale = if v.abs() < 1.0 { 10_000.0 } else { 100.0 };
    (v * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fmt_num_drops_trailing_zeros() {
        assert_eq!(fmt_num(100.0), "100");
        assert_eq!(fmt_num(3.5), "3.5");
        assert_eq!(fmt_num(0.125), "0.125");
        assert_eq!(fmt_num(12.125), "12.13");
        assert_eq!(fmt_num(0.48625), "0.4863");
        assert_eq!(fmt_num(f64::NAN), "-");
        assert_eq!(fmt_num(200_000.0), "200000");
    }

    #[test]
    fn numbers_people_type() {
        assert_eq!(parse_number("64"), Ok(64.0));
        assert_eq!(parse_number(" 1,200 "), Ok(1200.0));
        assert_eq!(parse_number("６４．５"), Ok(64.5));
        assert_eq!(parse_number("-3"), Ok(-3.0));
        for bad in ["abc", "", "-", ".", "1.2.3", "inf", "NaN", "1e9", "12个"] {
            assert_eq!(parse_number(bad), Err(ValueError::NotANumber), "{bad}");
        }
    }

    /// A number that a double cannot hold exactly is refused, not stored rounded
    /// (`99999999999999999999999` would be kept as 99999999999999991611392).
    #[test]
    fn numbers_beyond_what_is_stored_exactly_are_refused() {
        assert_eq!(parse_number("99999999999999999999999"), Err(ValueError::TooLarge));
        assert_eq!(parse_number("9007199254740993"), Err(ValueError::TooLarge));
        assert_eq!(parse_number("9007199254740992"), Ok(9_007_199_254_740_992.0));
        assert_eq!(parse_number("0.1234567890123456"), Err(ValueError::TooPrecise));
        assert_eq!(parse_number("1234567.12345678"), Ok(1_234_567.123_456_78));
        assert_eq!(parse_number("0.000001"), Ok(0.000_001));
        assert_eq!(parse_number("120.50"), Ok(120.5));
    }

    #[test]
    fn values_are_checked_against_the_target() {
        let t = |kind, unit: &str, goal| Target {
            id: "1.1".into(),
            item: None,
            theme: 1,
            kind,
            name: "x".into(),
            goal,
            unit: unit.into(),
            due: None,
            parent: None,
            source: String::new(),
            line: 0,
            direction: Direction::Up,
            measure: Measure::default(),
        };
        assert_eq!(t(TargetKind::Quantity, "处", 100.0).check_value(64.0), Ok(()));
        assert_eq!(
            t(TargetKind::Quantity, "处", 100.0).check_value(-1.0),
            Err(ValueError::Negative)
        );
        assert!(t(TargetKind::Quantity, "处", 100.0).check_value(1.5).is_err());
        assert_eq!(t(TargetKind::Quantity, "公里", 100.0).check_value(1.5), Ok(()));
        assert_eq!(t(TargetKind::Percentage, "%", 90.0).check_value(88.5), Ok(()));
        assert_eq!(t(TargetKind::Milestone, "", 1.0).check_value(0.5), Err(ValueError::NotBinary));
        // absurd for the goal: more than a thousand times it
        assert_eq!(t(TargetKind::Quantity, "处", 100.0).check_value(100_000.0), Ok(()));
        assert_eq!(
            t(TargetKind::Quantity, "处", 100.0).check_value(100_001.0),
            Err(ValueError::Implausible { limit: "100000".into() })
        );
    }

    #[test]
    fn status_parses_both_languages() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(Status::parse(crate::i18n::report::status(s).zh), Some(s));
        }
        assert_eq!(Status::parse("nonsense"), None);
    }
}
