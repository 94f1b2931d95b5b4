//! The reporting cycle's words: a plan's rhythm and due day, the periods, how far off the
//! due day is, who has reported (`reported`), and the lines of the login brief (`brief`).

use super::{Lang, Tr, catalogue};
use crate::core::model::PlanSettings;
use crate::core::period::{Period, Rhythm};

catalogue! {
    MONTHLY: "每月", "monthly";
    QUARTERLY: "每季度", "quarterly";
    HALF_YEARLY: "每半年", "half-yearly";
    DUE_MONTHLY: "每月{day}日前", "monthly, by day {day}";
    DUE_QUARTERLY: "每季度末月{day}日前", "quarterly, by day {day} of the last month";
    DUE_HALF_YEARLY: "每半年末月{day}日前", "half-yearly, by day {day} of the last month";
    SETTINGS: "{rule}报送 · {stale}天未更新为久未更新", "{rule} · stale after {stale} days";
    SETTINGS_CHANGED: "计划设置：{settings}", "plan settings: {settings}";
    MONTH: "{year}年{index}月", "{year}-{index}";
    QUARTER: "{year}年第{index}季度", "{year} Q{index}";
    FIRST_HALF: "{year}年上半年", "{year} H1";
    SECOND_HALF: "{year}年下半年", "{year} H2";
    DUE_TODAY: "截止 {day}，今天截止", "due {day}, today";
    DUE_IN: "截止 {day}，剩 {days} 天", "due {day}, {days} days left";
    DUE_PAST: "截止 {day}，已过 {days} 天", "due {day}, {days} days ago";
    REPORTS: "报送情况", "reports";
    REPORTED_COUNT: "已报 {done} / {all} 个科室", "{done} of {all} departments reported";
    REPORTED: "已报", "done";
    NOT_REPORTED: "未报", "MISSING";
    MISSING_COUNT: "缺 {missing}/{all} 项", "{missing} of {all} missing";
    NO_REPORT: "本期无报送", "no report this period";
    LAST: "最近 {at}", "last {at}";
    WHOLE_PLAN: "全局", "whole plan";
    BRIEF_COUNTS: "{who}：滞后 {behind} · 预警 {risk}（共 {total} 项）",
        "{who}: {behind} behind · {risk} at risk (of {total})";
    BRIEF_MISSING: "本期（{period}）未报送 {count} 项：{items}；{due}",
        "{count} reports missing for {period}: {items}; {due}";
    BRIEF_LATE: "本期（{period}）{count} 个科室未报送：{departments}；{due}",
        "{count} departments have not reported for {period}: {departments}; {due}";
    /// Up to three names, then how many in all.
    AND_MORE: "{names}等{count}项", "{names} and others ({count} in all)";
    BRIEF_WORST: "最需关注：{id} {name} {figure}（完成 {done}%，序时 {pace}%，{status}）",
        "worst: {id} {name} {figure} ({done}% done, pace {pace}%, {status})";
}

/// A rhythm as people say it: 每月 / monthly.
pub fn rhythm(r: Rhythm) -> Tr {
    match r {
        Rhythm::Monthly => MONTHLY,
        Rhythm::Quarterly => QUARTERLY,
        Rhythm::HalfYearly => HALF_YEARLY,
    }
}

/// When reports are due: 每月25日前 / monthly, by day 25.
pub fn due_rule(s: &PlanSettings, lang: Lang) -> String {
    let t = match s.rhythm {
        Rhythm::Monthly => DUE_MONTHLY,
        Rhythm::Quarterly => DUE_QUARTERLY,
        Rhythm::HalfYearly => DUE_HALF_YEARLY,
    };
    t.fill(lang, &[("day", &s.due_day)])
}

/// A plan's settings: 每月25日前报送 · 30天未更新为久未更新 / monthly, by day 25 · stale after
/// 30 days.
pub fn settings(s: &PlanSettings, lang: Lang) -> String {
    SETTINGS.fill(lang, &[("rule", &due_rule(s, lang)), ("stale", &s.stale_days)])
}

/// A period as people write it: 2023年6月, 2023年第2季度, 2023年上半年 / 2023-06, 2023 Q2,
/// 2023 H1.
pub fn period(p: Period, lang: Lang) -> String {
    let index = match p.rhythm {
        // two digits in a month's English form, as dates write it
        Rhythm::Monthly if lang == Lang::En => format!("{:02}", p.index),
        _ => p.index.to_string(),
    };
    let t = match (p.rhythm, p.index) {
        (Rhythm::Monthly, _) => MONTH,
        (Rhythm::Quarterly, _) => QUARTER,
        (Rhythm::HalfYearly, 1) => FIRST_HALF,
        (Rhythm::HalfYearly, _) => SECOND_HALF,
    };
    t.fill(lang, &[("year", &p.year), ("index", &index)])
}

/// How far off a due day is: 截止 06-25，剩 3 天 / due 06-25, 3 days left.
pub fn due(due: chrono::NaiveDate, today: chrono::NaiveDate, lang: Lang) -> String {
    let days = (due - today).num_days();
    let day = due.format("%m-%d");
    let t = match days {
        0 => DUE_TODAY,
        d if d > 0 => DUE_IN,
        _ => DUE_PAST,
    };
    t.fill(lang, &[("day", &day), ("days", &days.abs())])
}

/// Up to three names, then how many in all: 13、14、15等5项 / 13, 14, 15 and others (5 in all).
pub fn first_names(names: &[&str], lang: Lang) -> String {
    let shown = super::list(&names[..names.len().min(3)], lang);
    if names.len() > 3 {
        AND_MORE.fill(lang, &[("names", &shown), ("count", &names.len())])
    } else {
        shown
    }
}
