//! Quantity and percentage targets: noun-then-number (维修健身器材8000 件), number-then-noun
//! (新创建60 所篮球特色学校), lists sharing one verb (新建健身步道5条、驿站2个), sub-targets
//! (…300场，其中…100场), 万/亿 multipliers, decimals, 不少于/达到/以上 phrasing, and percentages
//! (覆盖率达到90%以上). Numbers that are not targets (years, ranges, ordinals, dates, durations,
//! names with digits like 5G or 1+N) are reported as [`NotTaken`] instead.

use super::text;
use crate::core::model::TargetKind;

/// Measure words, longest match wins.
const UNITS: &[&str] = &[
    "人次",
    "项次",
    "场次",
    "家次",
    "批次",
    "户次",
    "车次",
    "架次",
    "公里",
    "千米",
    "平方公里",
    "平方米",
    "平米",
    "立方米",
    "公顷",
    "个百分点",
    "百分点",
    "课时",
    "学时",
    "小时",
    "个",
    "所",
    "处",
    "件",
    "场",
    "人",
    "名",
    "条",
    "项",
    "家",
    "支",
    "座",
    "块",
    "片",
    "批",
    "套",
    "台",
    "户",
    "村",
    "次",
    "部",
    "篇",
    "本",
    "份",
    "队",
    "张",
    "种",
    "类",
    "节",
    "间",
    "栋",
    "幢",
    "辆",
    "位",
    "枚",
    "首",
    "册",
    "元",
    "米",
    "亩",
    "吨",
    "期",
    "道",
    "副",
    "对",
    "双",
    "棵",
    "株",
    "门",
    "轮",
    "站",
    "馆",
    "园",
    "所次",
    "块次",
];

/// Multipliers and their powers of ten.
const MULTIPLIERS: &[(&str, i32)] =
    &[("万亿", 12), ("千万", 7), ("百万", 6), ("亿", 8), ("万", 4), ("千", 3), ("百", 2)];

/// Words after a number that make it a duration, not a count.
const DURATIONS: &[&str] =
    &["分钟", "秒", "岁", "周岁", "周年", "个月", "天", "个工作日", "工作日"];

/// Leading words dropped from a target's name.
const ADVERBS: &[&str] =
    &["力争", "确保", "争取", "全年", "今年", "计划", "预计", "努力", "全年共", "年度内", "当年"];

/// Trailing phrasing dropped from a name before the number.
const PHRASING: &[&str] = &[
    "达到",
    "不少于",
    "不低于",
    "超过",
    "达",
    "突破",
    "至少",
    "共计",
    "累计",
    "总计",
    "合计",
    "约",
    "近",
    "逾",
    "为",
    "到",
    "在",
    "保持",
    "稳定在",
    "提高到",
    "提升到",
    "提升至",
    "提高至",
];

/// Verbs a list shares ("新建健身步道5条、驿站2个" → 新建驿站).
const VERBS: &[&str] = &[
    "新建",
    "改建",
    "扩建",
    "新改建",
    "改扩建",
    "新增",
    "建设",
    "建成",
    "完成",
    "维修",
    "更新",
    "培训",
    "举办",
    "组织",
    "开展",
    "创建",
    "新创建",
    "打造",
    "引进",
    "培育",
    "改造",
    "提升",
    "招募",
    "实施",
    "安装",
    "配置",
    "认定",
    "评选",
    "评定",
    "承办",
    "发放",
    "建立",
    "成立",
    "新成立",
    "创成",
    "申报",
    "命名",
    "培养",
    "输送",
    "选派",
    "推广",
    "修建",
    "铺设",
    "配建",
    "开工",
    "举行",
    "开放",
    "招引",
    "发展",
    "组建",
    "争创",
    "新创",
    "更换",
    "补充",
    "购置",
    "采购",
    "评审",
];

/// A quantity or percentage target found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    /// Where the number starts.
    pub pos: usize,
    /// `[start, end)` of the phrase it was read from.
    pub start: usize,
    pub end: usize,
    pub kind: TargetKind,
    pub name: String,
    pub goal: f64,
    pub unit: String,
    pub source: String,
    /// Index (in the returned list) of the target this one is part of (其中 …).
    pub parent: Option<usize>,
}

/// A number-like phrase that was not taken as a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotTaken {
    pub pos: usize,
    pub phrase: String,
    pub why: &'static str,
}

fn is_sep(c: char) -> bool {
    text::is_clause_end(c) || matches!(c, '、' | '（' | '(' | '）' | ')' | '“' | '”' | '"')
}

/// A number starting at `i`: `(mantissa, decimals, end)`; `None` when too long to be a count.
fn number_at(chars: &[char], i: usize) -> (Option<(u64, i32)>, usize) {
    let mut j = i;
    let mut digits = String::new();
    while chars.get(j).is_some_and(char::is_ascii_digit) {
        digits.push(chars[j]);
        j += 1;
        // Thousands separators: 10,000人.
        if chars.get(j) == Some(&',')
            && (1..=4).all(|k| chars.get(j + k).is_some_and(char::is_ascii_digit) == (k < 4))
        {
            j += 1;
        }
    }
    let mut dec = 0;
    if chars.get(j) == Some(&'.') && chars.get(j + 1).is_some_and(char::is_ascii_digit) {
        j += 1;
        while chars.get(j).is_some_and(char::is_ascii_digit) {
            digits.push(chars[j]);
            dec += 1;
            j += 1;
        }
    }
    if digits.len() > 15 {
        return (None, j);
    }
    (digits.parse::<u64>().ok().map(|m| (m, dec)), j)
}

#[expect(clippy::cast_precision_loss, reason = "mantissa has at most 15 digits")]
fn value(mantissa: u64, decimals: i32, exp: i32) -> f64 {
    let m = mantissa as f64;
    if exp >= decimals { m * 10f64.powi(exp - decimals) } else { m / 10f64.powi(decimals - exp) }
}

/// The end of a year or year range (2023年, 2021-2025年, 2024年度) starting at `p`, else `p`.
fn year_prefix(chars: &[char], p: usize) -> usize {
    let mut i = p;
    while chars
        .get(i)
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | '~' | '～' | '至'))
    {
        i += 1;
    }
    if i > p && chars.get(i) == Some(&'年') {
        i += 1;
        if chars.get(i) == Some(&'度') {
            i += 1;
        }
        while matches!(chars.get(i), Some(' ' | '，' | ',')) {
            i += 1;
        }
        i
    } else {
        p
    }
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| *c == ' ') {
        i += 1;
    }
    i
}

/// Scans `chars` for quantity and percentage targets. Numbers at `skip` positions (inside
/// 《》 titles, deadlines) are ignored; `strip` positions (deadlines) are dropped from the
/// start of a name.
pub(crate) fn scan(
    chars: &[char],
    skip: &[bool],
    strip: &[bool],
) -> (Vec<Quantity>, Vec<NotTaken>) {
    let masked = |m: &[bool], i: usize| m.get(i).copied().unwrap_or(false);
    let mut out: Vec<Quantity> = Vec::new();
    let mut not: Vec<NotTaken> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if masked(skip, i) || !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let ns = i;
        let (num, ne) = number_at(chars, i);
        i = ne.max(i + 1);
        let Some((mantissa, dec)) = num else { continue };
        let prev = ns.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(ne).copied();
        let is_name_char = |c: char| c.is_ascii_alphabetic() || c == '+';
        if prev.is_some_and(is_name_char) || after.is_some_and(is_name_char) {
            let is_tok = |c: &char| c.is_ascii_alphanumeric() || *c == '+' || *c == '.';
            let a = ns - chars[..ns].iter().rev().take_while(|c| is_tok(c)).count();
            let b = ne + chars[ne..].iter().take_while(|c| is_tok(c)).count();
            not.push(NotTaken {
                pos: a,
                phrase: text::slice(chars, a, b),
                why: "a name with digits",
            });
            i = b;
            continue;
        }
        let before = chars[..ns].iter().rev().find(|c| **c != ' ').copied();
        let k = skip_spaces(chars, ne);
        let next = chars.get(k).copied();
        let mut report = |a: usize, b: usize, why: &'static str| {
            not.push(NotTaken { pos: a, phrase: text::slice(chars, a, b), why });
        };
        // A slogan in quotes: “5个一”工程, “1+1”.
        if matches!(before, Some('“' | '"' | '「' | '‘'))
            && let Some(close) =
                chars[ne..].iter().take(8).position(|c| matches!(c, '”' | '"' | '」' | '’'))
        {
            let b = ne + close;
            report(ns, b, "a name with digits");
            i = b + 1;
            continue;
        }
        if before == Some('第') {
            let a = chars[..ns].iter().rposition(|c| *c == '第').unwrap_or(ns);
            let b =
                if next.is_some_and(|c| !is_sep(c) && !c.is_ascii_digit()) { k + 1 } else { ne };
            report(a, b, "an ordinal");
            i = b;
            continue;
        }
        // Ranges: 2021-2025年, 3~5个.
        if next.is_some_and(|c| matches!(c, '-' | '—' | '–' | '~' | '～' | '至' | '到')) {
            let mut r = k + 1;
            while chars.get(r).is_some_and(|c| matches!(c, '-' | '—' | ' ')) {
                r += 1;
            }
            if chars.get(r).is_some_and(char::is_ascii_digit) {
                let (_, r_end) = number_at(chars, r);
                let t = skip_spaces(chars, r_end);
                if chars.get(t) == Some(&'年') {
                    i = t + 1;
                } else {
                    let b = t + usize::from(chars.get(t).is_some_and(|c| !is_sep(*c)));
                    report(ns, b, "a range");
                    i = b;
                }
                continue;
            }
        }
        match next {
            Some('年') => {
                let is_year = ne - ns == 4 && dec == 0 && (1900..=2100).contains(&mantissa);
                if !is_year && !masked(strip, k) {
                    report(ns, k + 1, "a number of years");
                }
                i = k + 1;
                continue;
            }
            Some('月' | '日' | '号') => {
                let mut b = k + 1;
                if next == Some('月') {
                    let d = chars[b..].iter().take_while(|c| c.is_ascii_digit()).count();
                    if d > 0 && matches!(chars.get(b + d), Some('日' | '号')) {
                        b += d + 1;
                    }
                }
                if !masked(strip, ns) {
                    report(ns, b, "a date");
                }
                i = b;
                continue;
            }
            Some('届') => {
                report(ns, k + 1, "an ordinal");
                i = k + 1;
                continue;
            }
            _ => {}
        }
        if text::at(chars, k, "季度") {
            i = k + 2;
            continue;
        }
        if let Some(d) = text::longest_at(chars, k, DURATIONS) {
            let b = k + d.chars().count();
            report(ns, b, "a duration");
            i = b;
            continue;
        }
        // The measure: %, or [multiplier][余/多]unit.
        let (kind, exp, unit, unit_end) = if next == Some('%') {
            (TargetKind::Percentage, 0, "%".to_string(), k + 1)
        } else {
            let mut u = k;
            let mut exp = 0;
            if text::longest_at(chars, u, UNITS).is_none()
                && let Some((m, e)) = MULTIPLIERS
                    .iter()
                    .filter(|(m, _)| text::at(chars, u, m))
                    .max_by_key(|(m, _)| m.len())
            {
                u += m.chars().count();
                exp = *e;
            }
            if matches!(chars.get(u), Some('余' | '多')) {
                u += 1;
            }
            match text::longest_at(chars, u, UNITS) {
                Some(unit) => {
                    (TargetKind::Quantity, exp, unit.to_string(), u + unit.chars().count())
                }
                None => {
                    if exp > 0 || ne - ns > 1 || mantissa > 1 {
                        report(ns, u, "a number without a unit");
                    }
                    i = u.max(ne);
                    continue;
                }
            }
        };
        let goal = value(mantissa, dec, exp);
        // Qualifiers after the unit.
        let mut q = skip_spaces(chars, unit_end);
        if let Some(w) = text::longest_at(chars, q, &["以上", "以下", "左右", "余", "多"]) {
            q += w.chars().count();
        }
        let phrase_end = q;
        q = skip_spaces(chars, q);

        // Where the phrase starts: the clause start, or just after the previous target of
        // the clause (a list sharing a verb).
        let clause_start =
            chars[..ns].iter().rposition(|c| text::is_clause_end(*c)).map_or(0, |p| p + 1);
        let mut seg = clause_start;
        let mut list = false;
        if let Some(prev_q) = out.last()
            && prev_q.end > seg
            && prev_q.end <= ns
        {
            seg = prev_q.end;
            let s = skip_spaces(chars, seg);
            if let Some(w) = text::longest_at(chars, s, &["、", "和", "及", "以及", "与"]) {
                seg = s + w.chars().count();
                list = true;
            }
        }
        seg = skip_spaces(chars, seg);
        let src_start = seg;
        let mut p = seg;
        let mut sub = clause_start >= 2 && text::ends_at(chars, clause_start - 1, "其中");
        loop {
            while p < ns && (masked(strip, p) || chars[p] == ' ') {
                p += 1;
            }
            if let Some(w) = text::longest_at(chars, p, ADVERBS)
                && p + w.chars().count() <= ns
            {
                p += w.chars().count();
                continue;
            }
            // A leading year or year range (2023-2025年累计建成…) is not part of the name.
            let y = year_prefix(chars, p);
            if y > p && y <= ns {
                p = y;
                continue;
            }
            if text::at(chars, p, "其中") && p + 2 <= ns {
                sub = true;
                p += 2;
                continue;
            }
            break;
        }
        let mut e = ns;
        loop {
            while e > p && chars[e - 1] == ' ' {
                e -= 1;
            }
            match text::longest_ending(chars, e, PHRASING) {
                Some(w) if e - w.chars().count() >= p => e -= w.chars().count(),
                _ => break,
            }
        }
        let mut name = text::slice(chars, p, e);
        let mut end = phrase_end;
        // Number-then-noun: 新创建60 所篮球特色学校.
        if kind == TargetKind::Quantity && next != Some('%') {
            let mut n0 = q;
            if chars.get(n0) == Some(&'的') {
                n0 += 1;
            }
            if chars
                .get(n0)
                .is_some_and(|c| !is_sep(*c) && !c.is_ascii_digit() && !masked(skip, n0))
            {
                // "24小时自助健身房" describes a thing, it counts no hours.
                if matches!(unit.as_str(), "小时" | "学时" | "课时") {
                    not.push(NotTaken {
                        pos: ns,
                        phrase: text::slice(chars, ns, unit_end),
                        why: "a duration",
                    });
                    i = unit_end;
                    continue;
                }
                let n1 = chars[n0..]
                    .iter()
                    .position(|c| is_sep(*c) || c.is_ascii_digit())
                    .map_or(chars.len(), |x| n0 + x);
                name.push_str(&text::slice(chars, n0, n1));
                end = n1;
            }
        }
        if list
            && text::longest_at(&name.chars().collect::<Vec<_>>(), 0, VERBS).is_none()
            && let Some(prev_q) = out.last()
            && let Some(v) = text::longest_at(&prev_q.name.chars().collect::<Vec<_>>(), 0, VERBS)
        {
            name = format!("{v}{name}");
        }
        let source = text::slice(chars, src_start, end);
        if name.is_empty() {
            name.clone_from(&source);
        }
        let parent = if sub {
            let (s_start, _) = text::sentence(chars, ns);
            out.iter().rposition(|o| o.parent.is_none() && o.pos >= s_start && o.kind == kind)
        } else if list {
            // "其中市级100场、县级200场": the list goes on under the same parent.
            out.last().and_then(|o| o.parent)
        } else {
            None
        };
        out.push(Quantity {
            pos: ns,
            start: src_start,
            end,
            kind,
            name,
            goal,
            unit,
            source,
            parent,
        });
        i = end.max(ns + 1);
    }
    (out, not)
}

#[cfg(test)]
mod tests;
