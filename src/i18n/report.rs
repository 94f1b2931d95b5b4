//! The words of the ledger (台账) and of the figures every view shows: statuses, progress,
//! pace, the ledger's columns, subtotals and totals.

use super::{Tr, catalogue};
use crate::core::model::Status;

catalogue! {
    BEHIND: "滞后", "behind";
    AT_RISK: "预警", "at risk";
    ON_TRACK: "正常", "on track";
    DONE: "已完成", "done";
    NO_STATUS: "未评估", "no status";
    /// Not updated for the plan's staleness period.
    STALE: "久未更新", "stale";
    /// A milestone's figure: delivered or not.
    DELIVERED: "已完成", "done";
    OPEN: "未完成", "open";
    PROGRESS: "进度", "progress";
    PACE: "序时", "pace";
    COL_ID: "序号", "No.";
    COL_TASK: "任务", "Task";
    COL_INDICATOR: "指标", "Indicator";
    COL_GOAL: "目标值", "Goal";
    COL_UNIT: "单位", "Unit";
    COL_PREVIOUS: "上期值", "Previous";
    COL_VALUE: "完成值", "Value";
    COL_CHANGE: "本期完成", "This period";
    COL_RATE: "完成率", "Done";
    COL_PACE: "序时进度", "Pace";
    COL_STATUS: "完成状态", "Status";
    COL_DUE: "截止日期", "Due";
    COL_DEPARTMENTS: "责任科室", "Departments";
    COL_NOTE: "进展情况", "Progress note";
    COL_THEME: "主题", "Theme";
    COL_DEPARTMENT: "科室", "Department";
    SUBTOTAL: "小计", "Subtotal";
    TOTAL: "合计", "Total";
    AS_OF: "截至", "as of";
    PERIOD: "本期", "period";
    FROM: "自", "from";
    OVERALL: "总体进度", "progress";
    NOTHING_MEASURED: "（无量化指标，未填报状态）", "(no measurable targets, no status given)";
    TITLE: "落实情况台账", "progress ledger";
    SHEET: "台账", "Ledger";
    /// The group of items that name no lead department.
    NO_DEPARTMENT: "（未明确科室）", "(no department)";
    /// After the lead departments of a row: those that support.
    SUPPORTED_BY: "（配合：{names}）", " (support: {names})";
}

/// The departments of a ledger row: "A、B（配合：C）" / "A, B (support: C)".
pub fn departments(d: &crate::core::report::Departments, lang: crate::lang::Lang) -> String {
    let mut s = super::list(&d.lead, lang);
    if !d.support.is_empty() {
        s.push_str(&SUPPORTED_BY.fill(lang, &[("names", &super::list(&d.support, lang))]));
    }
    s
}

/// The word for a status.
pub fn status(s: Status) -> Tr {
    match s {
        Status::Behind => BEHIND,
        Status::AtRisk => AT_RISK,
        Status::OnTrack => ON_TRACK,
        Status::Done => DONE,
    }
}

/// The ledger's column headings, in order.
pub const COLUMNS: [Tr; 14] = [
    COL_ID,
    COL_TASK,
    COL_INDICATOR,
    COL_GOAL,
    COL_UNIT,
    COL_PREVIOUS,
    COL_VALUE,
    COL_CHANGE,
    COL_RATE,
    COL_PACE,
    COL_STATUS,
    COL_DUE,
    COL_DEPARTMENTS,
    COL_NOTE,
];
