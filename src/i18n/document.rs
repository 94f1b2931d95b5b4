//! The sentences of the period report as a Word document (`export --format docx`): its
//! title, the summary, a target's figure, a gap to pace, the departments of an item.

use super::{Lang, catalogue};
use chrono::NaiveDate;

catalogue! {
    /// After the plan's title.
    TITLE: "{title}落实情况", "{title} — progress report";
    AS_OF_PERIOD: "（{period}报送期 · 截至{date}）", "(period {period} · as of {date})";
    AS_OF: "（截至{date}）", "(as of {date})";
    /// A date as the report writes it (a chrono format).
    DATE_FORMAT: "%Y年%-m月%-d日", "%Y-%m-%d";
    /// A day of the year as a dated note starts (a chrono format).
    DAY_FORMAT: "%-m月%-d日", "%m-%d";
    /// A theme heading without its own number: 一、{title}.
    HEADING: "{number}、{title}", "{number}. {title}";
    MILESTONE_DONE: "{indicator}：已完成。", "{indicator}: done.";
    MILESTONE_OPEN: "{indicator}：未完成，{status}。", "{indicator}: not done, {status}.";
    FIGURE: "{indicator}：完成值{value}{unit}/目标值{goal}{unit}，完成率{rate}{period}，{status}。",
        "{indicator}: {value} of {goal} {unit}, {rate} done{period}, {status}.";
    FIGURE_PERIOD: "，本期完成{change}{unit}（上期{previous}{unit}）",
        ", {change} {unit} this period (previously {previous} {unit})";
    /// Before a sub-target's sentence.
    OF_WHICH: "其中，{sentence}", "of which, {sentence}";
    ITEM_STATUS: "推进状态：{status}。", "Status: {status}.";
    NO_STATUS: "未填报状态", "no status given";
    PERIOD_NOTE: "本期进展：{note}", "This period: {note}";
    /// A note of the period, with the day it was written.
    DATED_NOTE: "{day}：{note}", "{day}: {note}";
    NO_PERIOD_NOTE: "本期进展：本期未报送进展情况。", "This period: no progress note.";
    NOTE: "进展情况：{note}", "Progress: {note}";
    /// The stop a note gets when it has none.
    STOP: "。", ".";
    GAP_TASK: "差距：该项工作滞后，需加快推进。", "Gap: this task is behind and needs to speed up.";
    GAP_DUE: "差距：{indicator}未按期（{due}）完成。", "Gap: {indicator} was due {due} and is not done.";
    GAP_PACE: "差距：{indicator}按序时进度应完成{expected}{unit}，实际完成{value}{unit}，相差{short}{unit}。",
        "Gap: {indicator} should be at {expected} {unit} by pace, is at {value} {unit}: {short} {unit} short.";
    LEAD: "牵头科室：{lead}。", "Lead: {lead}.";
    LEAD_SUPPORT: "牵头科室：{lead}；配合科室：{support}。", "Lead: {lead}; supporting: {support}.";
    SUMMARY: "截至{date}，{title}总体完成进度为{progress}，序时进度为{pace}",
        "As of {date}, {title} stands at {progress} against a pace of {pace}";
    AHEAD: "，快于序时进度{points}个百分点", ", {points} points ahead of pace";
    BEHIND: "，慢于序时进度{points}个百分点", ", {points} points behind pace";
    AT_PACE: "，与序时进度持平", ", at pace";
    COUNTS: "。纳入统计的{total}项中，已完成{done}项，正常推进{on}项，预警{risk}项，滞后{behind}项。",
        ". Of {total} counted, {done} are done, {on} on track, {risk} at risk and {behind} behind.";
    NOTHING_BEHIND: "无滞后事项。", " Nothing is behind.";
    BEHIND_ARE: "滞后的有：{names}。", " Behind: {names}.";
    /// Between the names of the behind targets.
    NAMES_SEP: "；", "; ";
}

/// A date as the report writes it: 2023年6月25日 / 2023-06-25.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    d.format(DATE_FORMAT.get(lang)).to_string()
}

/// A note of the period with the day it was written: 6月12日：… / 06-12: ….
pub fn dated_note(day: NaiveDate, note: &str, lang: Lang) -> String {
    let day = day.format(DAY_FORMAT.get(lang)).to_string();
    DATED_NOTE.fill(lang, &[("day", &day), ("note", &note)])
}

/// A theme heading numbered as the document numbers it: 一、… / 1. ….
pub fn heading(number: u32, title: &str, lang: Lang) -> String {
    let number = match lang {
        Lang::Zh => crate::core::numeral::chinese(number),
        Lang::En => number.to_string(),
    };
    HEADING.fill(lang, &[("number", &number), ("title", &title)])
}
