//! Quantity and percentage targets: noun-then-number (维修健身器材8000 件), number-then-noun
//! (新创建60 所篮球特色学校), lists sharing one verb (新建健身步道5条、驿站2个), sub-targets
//! (…300场，其中…100场), 万/亿 multipliers, decimals, 不少于/达到/以上 phrasing, and percentages
//! (覆盖率达到90%以上). Numbers that are not targets (years, ranges, ordinals, dates, durations,
//! names with digits like 5G or 1+N) are reported as [`NotTaken`] instead.

use super::diagnostic::NotTarget;
use super::text;
use crate::core::model::{Band, Direction, Measure, TargetKind};
use crate::core::numeral;

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
    "起",
    "斤",
    "微克/立方米",
    "毫克/立方米",
    "毫克/升",
    "千瓦",
    "万千瓦",
    "标准箱",
    "床",
    "张床",
    "分",
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
    pub direction: Direction,
    pub measure: Measure,
}

/// A number-like phrase that was not taken as a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotTaken {
    pub pos: usize,
    pub phrase: String,
    pub why: NotTarget,
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

/// Words before a number that make less the better (降至9.3%, 控制在…以内).
const DOWN: &[&str] = &[
    "降至",
    "降低到",
    "降低至",
    "降到",
    "下降到",
    "下降至",
    "控制在",
    "控制到",
    "不超过",
    "不高于",
    "低于",
    "小于",
    "压减至",
    "压减到",
    "压降至",
    "压降到",
    "减少到",
    "减少至",
    "压缩至",
    "压缩到",
    "缩短至",
    "缩短到",
];

/// Words between a starting value and a goal above it (从80%提高到90%); the words of
/// [`DOWN`] go between a starting value and a goal below it (由10.5%降至9.3%).
const RAISE: &[&str] = &[
    "提高到",
    "提高至",
    "提升到",
    "提升至",
    "增加到",
    "增加至",
    "增长到",
    "增长至",
    "上升到",
    "上升至",
    "达到",
];

/// Words in a name that make a target a measured level (compared, not summed).
const LEVEL: &[&str] = &[
    "人均",
    "平均",
    "指数",
    "寿命",
    "密度",
    "比例",
    "占比",
    "比重",
    "满意度",
    "得分",
    "评分",
    "分值",
    "系数",
    "增长",
    "增速",
    "增幅",
    "下降",
    "降低",
    "水平",
];

/// Nouns that give a bare 万/亿 amount its unit (体检人数达1000万 → 人).
const NOUN_UNITS: &[(&str, &str)] = &[
    ("人次", "人次"),
    ("人数", "人"),
    ("户数", "户"),
    ("家数", "家"),
    ("游客", "人次"),
    ("客流", "人次"),
    ("投资", "元"),
    ("资金", "元"),
    ("收入", "元"),
    ("产值", "元"),
    ("营收", "元"),
    ("营业额", "元"),
    ("销售额", "元"),
    ("交易额", "元"),
    ("成交额", "元"),
    ("消费额", "元"),
    ("增加值", "元"),
    ("总额", "元"),
    ("金额", "元"),
    ("税收", "元"),
    ("规模", "元"),
    ("经费", "元"),
];

/// Nouns whose bare number is a level without a unit (健康指数达85).
const UNITLESS_LEVEL: &[&str] = &["指数", "得分", "评分", "分值", "系数", "评分值"];

/// A Chinese-numeral count right after a verb of the list (新建三个球场, 建成两所学校):
/// `(value, end)`. One (一批, 一个) and slogans (三个一, “两个确立”) are not counts.
fn cn_count_at(chars: &[char], i: usize) -> Option<(u64, usize)> {
    if i == 0 || !numeral::is_part(chars[i]) || numeral::is_part(chars[i - 1]) {
        return None;
    }
    // Right after a verb (新建三个), or after the noun of a clause led by one (培育…重点村两个).
    let clause = chars[..i].iter().rposition(|c| text::is_clause_end(*c)).map_or(0, |p| p + 1);
    let mut lead = clause;
    while let Some(w) = text::longest_at(chars, lead, ADVERBS) {
        lead += w.chars().count();
    }
    if text::longest_ending(chars, i, VERBS).is_none()
        && text::longest_at(chars, lead, VERBS).is_none()
    {
        return None;
    }
    let run = chars[i..].iter().take_while(|c| numeral::is_part(**c)).take(4).count();
    if !(1..=3).contains(&run) {
        return None;
    }
    let n = numeral::parse(&chars[i..i + run]).filter(|n| *n >= 2)?;
    let u = i + run;
    let unit = text::longest_at(chars, u, UNITS)?;
    let after = chars.get(u + unit.chars().count()).copied();
    // "三个一", “两个确立”: slogans, not counts.
    if after.is_some_and(|c| c == '一' || matches!(c, '”' | '"' | '」' | '’')) {
        return None;
    }
    if chars[..i]
        .iter()
        .rev()
        .take_while(|c| !text::is_clause_end(**c))
        .any(|c| matches!(c, '“' | '"'))
        && !chars[..i].iter().rev().take_while(|c| !text::is_clause_end(**c)).any(|c| *c == '”')
    {
        return None;
    }
    Some((u64::from(n), u))
}

/// The unit a bare 万/亿 amount takes from the noun before it.
fn unit_from_noun(name: &str) -> Option<&'static str> {
    NOUN_UNITS.iter().find(|(n, _)| name.contains(n)).map(|(_, u)| *u)
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
    // A starting value (由10.5%降至…) waiting for its goal: (value, where its 由 is, goal pos,
    // whether the change lowers).
    let mut baseline: Option<(f64, usize, usize, bool)> = None;
    let mut i = 0;
    while i < chars.len() {
        if masked(skip, i) {
            i += 1;
            continue;
        }
        let ns = i;
        let (num, ne) = if chars[i].is_ascii_digit() {
            number_at(chars, i)
        } else if let Some((n, end)) = cn_count_at(chars, i) {
            (Some((n, 0)), end)
        } else {
            i += 1;
            continue;
        };
        let cn = !chars[ns].is_ascii_digit();
        i = ne.max(i + 1);
        let Some((mantissa, dec)) = num else { continue };
        let prev = ns.checked_sub(1).map(|p| chars[p]);
        let after = chars.get(ne).copied();
        let is_name_char = |c: char| c.is_ascii_alphabetic() || c == '+';
        if !cn && (prev.is_some_and(is_name_char) || after.is_some_and(is_name_char)) {
            let is_tok = |c: &char| c.is_ascii_alphanumeric() || *c == '+' || *c == '.';
            let a = ns - chars[..ns].iter().rev().take_while(|c| is_tok(c)).count();
            let b = ne + chars[ne..].iter().take_while(|c| is_tok(c)).count();
            not.push(NotTaken {
                pos: a,
                phrase: text::slice(chars, a, b),
                why: NotTarget::NameWithDigits,
            });
            i = b;
            continue;
        }
        let before = chars[..ns].iter().rev().find(|c| **c != ' ').copied();
        let k = skip_spaces(chars, ne);
        let next = chars.get(k).copied();
        let mut report = |a: usize, b: usize, why: NotTarget| {
            not.push(NotTaken { pos: a, phrase: text::slice(chars, a, b), why });
        };
        // A slogan in quotes: “5个一”工程, “1+1”.
        if matches!(before, Some('“' | '"' | '「' | '‘'))
            && let Some(close) =
                chars[ne..].iter().take(8).position(|c| matches!(c, '”' | '"' | '」' | '’'))
        {
            let b = ne + close;
            report(ns, b, NotTarget::NameWithDigits);
            i = b + 1;
            continue;
        }
        if before == Some('第') {
            let a = chars[..ns].iter().rposition(|c| *c == '第').unwrap_or(ns);
            let b =
                if next.is_some_and(|c| !is_sep(c) && !c.is_ascii_digit()) { k + 1 } else { ne };
            report(a, b, NotTarget::Ordinal);
            i = b;
            continue;
        }
        // Ranges: 2021-2025年 (years), 3~5个 and 90-95% (one target from the low end).
        let mut range_high: Option<(u64, i32)> = None;
        let mut k = k;
        let mut next = next;
        if next.is_some_and(|c| matches!(c, '-' | '—' | '–' | '~' | '～' | '至' | '到')) {
            let mut r = k + 1;
            while chars.get(r).is_some_and(|c| matches!(c, '-' | '—' | ' ')) {
                r += 1;
            }
            if chars.get(r).is_some_and(char::is_ascii_digit) {
                let (high, r_end) = number_at(chars, r);
                let t = skip_spaces(chars, r_end);
                if chars.get(t) == Some(&'年') {
                    i = t + 1;
                    continue;
                }
                let unit_follows = chars.get(t) == Some(&'%')
                    || text::longest_at(chars, t, UNITS).is_some()
                    || MULTIPLIERS.iter().any(|(m, _)| text::at(chars, t, m));
                match high {
                    Some(h) if unit_follows && text::longest_at(chars, t, DURATIONS).is_none() => {
                        range_high = Some(h);
                        k = t;
                        next = chars.get(k).copied();
                    }
                    _ => {
                        let b = t + usize::from(chars.get(t).is_some_and(|c| !is_sep(*c)));
                        report(ns, b, NotTarget::Range);
                        i = b;
                        continue;
                    }
                }
            }
        }
        match next {
            Some('年') => {
                let is_year = ne - ns == 4 && dec == 0 && (1900..=2100).contains(&mantissa);
                if !is_year && !masked(strip, k) {
                    report(ns, k + 1, NotTarget::Years);
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
                    report(ns, b, NotTarget::Date);
                }
                i = b;
                continue;
            }
            Some('届') => {
                report(ns, k + 1, NotTarget::Ordinal);
                i = k + 1;
                continue;
            }
            _ => {}
        }
        if text::at(chars, k, "季度") {
            i = k + 2;
            continue;
        }
        let clause_start =
            chars[..ns].iter().rposition(|c| text::is_clause_end(*c)).map_or(0, |p| p + 1);
        let duration = text::longest_at(chars, k, DURATIONS);
        // 人均预期寿命达82.4岁: an age is a level, not a duration.
        let age = matches!(duration, Some("岁" | "周岁"))
            && (clause_start..ns).any(|p| text::at(chars, p, "寿命") || text::at(chars, p, "年龄"));
        // 平均住院日缩短至8天, 办理时限压缩至5个工作日: a duration to bring down.
        let lowered = duration.is_some() && {
            let end = chars[..ns].iter().rposition(|c| *c != ' ').map_or(0, |p| p + 1);
            text::longest_ending(chars, end, DOWN).is_some()
        };
        if let Some(d) = duration
            && !(age && matches!(d, "岁" | "周岁"))
            && !lowered
        {
            let b = k + d.chars().count();
            report(ns, b, NotTarget::Duration);
            i = b;
            continue;
        }
        // The measure: %, ‰, /10万, or [multiplier][余/多]unit.
        let (kind, exp, unit, unit_end) = if next == Some('%') {
            (TargetKind::Percentage, 0, "%".to_string(), k + 1)
        } else if next == Some('‰') {
            (TargetKind::Quantity, 0, "‰".to_string(), k + 1)
        } else if age && text::at(chars, k, "岁") {
            (TargetKind::Quantity, 0, "岁".to_string(), k + 1)
        } else if let Some(d) = duration.filter(|_| lowered) {
            (TargetKind::Quantity, 0, d.to_string(), k + d.chars().count())
        } else if next == Some('/')
            && let (Some(_), pe) = number_at(chars, k + 1)
            && pe > k + 1
            && let Some((m, _)) = MULTIPLIERS.iter().find(|(m, _)| text::at(chars, pe, m))
        {
            let end = pe + m.chars().count();
            (TargetKind::Quantity, 0, text::slice(chars, k, end), end)
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
                    // 体检人数达1000万: the noun names the unit; 健康指数达85: a level. A
                    // number in brackets ("（3）") has no noun.
                    let noun = if matches!(before, Some('（' | '(')) {
                        String::new()
                    } else {
                        text::slice(chars, clause_start, ns)
                    };
                    let from_noun = if exp > 0 { unit_from_noun(&noun) } else { None };
                    let level_noun = exp == 0
                        && UNITLESS_LEVEL.iter().any(|w| noun.contains(w))
                        && !chars.get(u).is_some_and(|c| c.is_alphanumeric() && !is_sep(*c));
                    match (from_noun, level_noun) {
                        (Some(unit), _) => (TargetKind::Quantity, exp, unit.to_string(), u),
                        (None, true) => (TargetKind::Quantity, 0, String::new(), u),
                        (None, false) => {
                            if exp > 0 || ne - ns > 1 || mantissa > 1 {
                                report(ns, u, NotTarget::NoUnit);
                            }
                            i = u.max(ne);
                            continue;
                        }
                    }
                }
            }
        };
        let goal = value(mantissa, dec, exp);
        // 90%-95%: a range with the unit on both ends.
        let mut unit_end = unit_end;
        if range_high.is_none()
            && !unit.is_empty()
            && chars.get(unit_end).is_some_and(|c| matches!(c, '-' | '—' | '–' | '~' | '～' | '至'))
        {
            let r = skip_spaces(chars, unit_end + 1);
            let (high, r_end) = number_at(chars, r);
            if let Some(h) = high.filter(|_| r_end > r)
                && text::at(chars, r_end, &unit)
            {
                range_high = Some(h);
                unit_end = r_end + unit.chars().count();
            }
        }
        // Qualifiers after the unit.
        let mut q = skip_spaces(chars, unit_end);
        let mut direction = Direction::Up;
        let mut band = Band::Exact;
        if let Some(w) =
            text::longest_at(chars, q, &["以上", "以下", "以内", "之内", "左右", "余", "多"])
        {
            match w {
                "以下" | "以内" | "之内" => direction = Direction::Down,
                "左右" => band = Band::About,
                _ => {}
            }
            q += w.chars().count();
        }
        let phrase_end = q;
        q = skip_spaces(chars, q);

        // 由10.5%降至9.3%: this is the starting value; the goal follows.
        let from = text::ends_at(chars, ns, "由") || text::ends_at(chars, ns, "从");
        if from
            && range_high.is_none()
            && let Some(w) = text::longest_at(chars, q, RAISE).or(text::longest_at(chars, q, DOWN))
            && chars
                .get(skip_spaces(chars, q + w.chars().count()))
                .is_some_and(char::is_ascii_digit)
        {
            let goal_at = skip_spaces(chars, q + w.chars().count());
            baseline = Some((goal, ns - 1, goal_at, DOWN.contains(&w)));
            i = goal_at;
            continue;
        }
        let base = baseline.take().filter(|b| b.2 == ns);

        // Where the phrase starts: the clause start, or just after the previous target of
        // the clause (a list sharing a verb).
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
        let mut e = match base {
            Some((_, from_at, _, _)) if from_at >= p => from_at,
            _ => ns,
        };
        if base.is_some_and(|b| b.3) {
            direction = Direction::Down;
        }
        loop {
            while e > p && chars[e - 1] == ' ' {
                e -= 1;
            }
            let w = text::longest_ending(chars, e, PHRASING)
                .map(|w| (w, false))
                .into_iter()
                .chain(text::longest_ending(chars, e, DOWN).map(|w| (w, true)))
                .max_by_key(|(w, _)| w.chars().count());
            match w {
                Some((w, down)) if e - w.chars().count() >= p => {
                    if down {
                        direction = Direction::Down;
                    }
                    e -= w.chars().count();
                }
                _ => break,
            }
        }
        let mut name = text::slice(chars, p, e);
        let mut end = phrase_end;
        // Number-then-noun: 新创建60 所篮球特色学校.
        if kind == TargetKind::Quantity && next != Some('%') && !unit.is_empty() {
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
                        why: NotTarget::Duration,
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
        // "占GDP比重提高0.2个百分点，达到5.5%": the level reached is the same measure's.
        if name.is_empty()
            && let Some(prev) = out.last().filter(|o| o.pos >= text::sentence(chars, ns).0)
        {
            let mut n = prev.name.clone();
            for w in ["提高", "提升", "增加", "增长", "下降", "降低", "减少"] {
                if let Some(x) = n.strip_suffix(w) {
                    n = x.to_string();
                    break;
                }
            }
            name = n;
        }
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
        let (goal, band) = match range_high {
            Some((hm, hd)) => {
                let high = value(hm, hd, exp);
                let low = goal.min(high);
                let high = goal.max(high);
                let goal = if direction == Direction::Down { high } else { low };
                (goal, Band::Range { low, high })
            }
            None => (goal, band),
        };
        let level = kind == TargetKind::Percentage
            || matches!(unit.as_str(), "" | "岁" | "‰" | "分" | "个百分点" | "百分点")
            || unit.starts_with('/')
            || LEVEL.iter().any(|w| name.contains(w));
        let measure = Measure { level, baseline: base.map(|b| b.0), band };
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
            direction,
            measure,
        });
        i = end.max(ns + 1);
    }
    (out, not)
}

#[cfg(test)]
mod tests;
