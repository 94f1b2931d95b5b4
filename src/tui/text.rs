//! The interface's words in Chinese and English. Plan data stays as written.

use super::action::Action;
use crate::core::model::Status;
use crate::lang::Lang;

/// A phrase in both languages.
pub type Tr = (&'static str, &'static str);

/// Picks the phrase for a language.
pub fn tr(lang: Lang, t: Tr) -> &'static str {
    lang.pick(t.0, t.1)
}

pub const THEMES: Tr = ("主题", "Themes");
pub const ITEMS: Tr = ("事项", "Items");
pub const TARGETS: Tr = ("指标", "Targets");
pub const PROGRESS: Tr = ("全年进度", "Progress");
pub const PACE: Tr = ("序时", "Pace");
pub const DUE: Tr = ("截止", "due");
pub const GOAL: Tr = ("目标", "goal");
pub const VALUE: Tr = ("当前", "value");
pub const START: Tr = ("起点", "start");
pub const LIVE: Tr = ("实时", "live");
pub const DEMO: Tr = ("演示", "DEMO");
pub const READONLY: Tr = ("只读", "read-only");
pub const LEAD: Tr = ("牵头", "lead");
pub const SUPPORT: Tr = ("配合", "support");
pub const NOTE: Tr = ("进展", "note");
pub const NO_TARGETS: Tr = ("本事项没有量化指标", "This item has no measurable targets");
pub const NOTHING: Tr = ("（无）", "(none)");
pub const NO_MATCH: Tr = ("没有符合条件的事项", "Nothing matches the filters");
pub const HISTORY: Tr = ("填报记录", "History");
pub const CHART: Tr = ("进度", "Progress");
pub const ACTUAL: Tr = ("实际", "actual");
pub const NO_HISTORY: Tr = ("尚无填报", "No updates yet");
pub const DASHBOARD: Tr = ("总览", "Dashboard");
pub const BY_THEME: Tr = ("按主题", "By theme");
pub const BY_DEPT: Tr = ("按科室", "By department");
pub const OVERDUE: Tr = ("逾期", "Overdue");
pub const DUE_SOON: Tr = ("30天内到期", "Due within 30 days");
pub const FEED: Tr = ("最新动态", "Latest updates");
pub const HELP: Tr = ("按键帮助", "Keys");
pub const HELP_CLOSE: Tr = ("? 或 Esc 关闭", "? or Esc closes");
pub const TOO_SMALL: Tr = ("终端太小", "Terminal too small");
pub const TOO_SMALL_NEED: Tr = ("至少需要", "needs at least");
pub const TOO_SMALL_NOW: Tr = ("当前", "now");
pub const SEARCH_HINT: Tr = (
    "Enter 选中首个  Esc 清除  (编号/汉字/拼音首字母)",
    "Enter selects first  Esc clears  (id/text/pinyin)",
);
pub const MATCHES: Tr = ("个匹配", "matches");
pub const FILTER_DEPT: Tr = ("科室", "dept");
pub const FILTER_STATUS: Tr = ("状态", "status");
pub const MINE: Tr = ("我的科室", "mine");
pub const SEARCH: Tr = ("搜索", "search");
pub const SELECT_TARGET: Tr = (
    "请先选中一个指标（Enter/l 进入指标栏）",
    "Select a target first (Enter/l into the target pane)",
);
pub const SELECT_ITEM: Tr = ("请先选中一个事项", "Select an item first");
pub const ONLY_MILESTONE: Tr =
    ("x 只用于里程碑类指标；数量请用 u 填报", "x is for milestones; use u to record a quantity");
pub const IS_READONLY: Tr = ("只读模式，不能修改", "Read-only: nothing can be changed");
pub const NO_MINE: Tr = ("你没有被授予科室", "No department is granted to you");
pub const SAVED: Tr = ("已保存", "Saved");
pub const STATUS_BY_TARGETS: Tr = (
    "本事项有量化指标，状态按指标计算；s 只用于没有指标的事项",
    "This item has targets and its status is computed; s is for items without targets",
);
pub const PICK_STATUS: Tr = ("事项状态", "Item status");
pub const CLEAR_STATUS: Tr = ("（清除）", "(clear)");
pub const PICK_PLAN: Tr = ("切换计划", "Switch plan");
pub const ONE_PLAN: Tr = ("数据库中只有这一个计划", "This database holds only this plan");
pub const SWITCHED: Tr = ("已切换到计划", "Now showing plan");
pub const EXPORTED: Tr = ("台账已写入", "Ledger written to");
pub const NOT_EXPORTED: Tr = ("台账未写入", "Ledger not written");
pub const THEME_TARGETS: Tr = ("主题整体指标", "Theme-wide targets");
pub const THEME_TARGETS_NOTE: Tr =
    ("主题标题中提出的指标，不属于具体事项", "Stated by the theme heading, not by one item");
pub const MANUAL_STATUS: Tr = ("状态", "status");
pub const SET_STATUS_HINT: Tr = ("s 设定状态", "s sets the status");
pub const UNDONE: Tr = ("已撤销", "Undone");

/// Prompts of the input lines.
pub const PROMPT_VALUE: Tr = ("填报", "Set");
pub const PROMPT_NOTE: Tr = ("进展", "Note for");
pub const PROMPT_NEW: Tr = ("新增指标", "New target in");
pub const PROMPT_EDIT: Tr = ("修改指标", "Edit target");
pub const FORMAT_TARGET: Tr = (
    "格式：名称 目标 单位 [截止 YYYY-MM-DD]；只写名称即里程碑",
    "Format: name goal unit [due YYYY-MM-DD]; a name alone is a milestone",
);
pub const FORMAT_VALUE: Tr = (
    "数值，可在空格后写备注，如：64 莱山区新增6处",
    "A number, optionally followed by a note: 64 six new sites",
);

pub const FORMAT_NOTE: Tr = (
    "本事项的进展情况（台账「进展情况」一栏）",
    "The item's progress note (the ledger's progress column)",
);

/// Validation messages of the input lines.
pub const ERR_EMPTY: Tr = ("请输入数字", "Type a number");
pub const ERR_NUMBER: Tr = ("请输入不小于 0 的数字", "Type a number of 0 or more");
pub const ERR_NEGATIVE: Tr = ("不能小于 0", "Must not be below 0");
pub const ERR_FRACTION: Tr = ("该单位只能填整数", "This unit takes whole numbers only");
pub const ERR_MILESTONE: Tr = ("里程碑只能填 0 或 1", "A milestone is 0 or 1");
pub const ERR_NAME: Tr = ("请写指标名称", "Type the target's name");
pub const ERR_GOAL: Tr = ("目标须为大于 0 的数字", "The goal must be a number above 0");
pub const ERR_UNIT: Tr = ("请写单位", "Type the unit");
pub const ERR_DATE: Tr = ("截止日期格式为 YYYY-MM-DD", "The due date is YYYY-MM-DD");

/// The word for a status.
pub fn status(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.en(),
    }
}

/// A status word short enough for a table column header (at most 6 columns).
pub fn status_short(lang: Lang, s: Status) -> &'static str {
    match (lang, s) {
        (Lang::Zh, _) => s.zh(),
        (Lang::En, Status::Done) => "done",
        (Lang::En, Status::OnTrack) => "ok",
        (Lang::En, Status::AtRisk) => "risk",
        (Lang::En, Status::Behind) => "behind",
    }
}

/// What an action does, for the footer and the help.
pub fn action(lang: Lang, a: Action) -> &'static str {
    let t: Tr = match a {
        Action::Up => ("上移", "up"),
        Action::Down => ("下移", "down"),
        Action::PageUp => ("上一页", "page up"),
        Action::PageDown => ("下一页", "page down"),
        Action::Top => ("首行", "first row"),
        Action::Bottom => ("末行", "last row"),
        Action::Into => ("进入", "into"),
        Action::Back => ("返回", "back"),
        Action::NextPane => ("下一栏", "next pane"),
        Action::PrevPane => ("上一栏", "previous pane"),
        Action::Search => ("搜索", "search"),
        Action::DeptFilter => ("科室", "department"),
        Action::StatusFilter => ("状态", "status"),
        Action::SetValue => ("填报", "set value"),
        Action::Increment => ("加一", "plus one"),
        Action::Decrement => ("减一", "minus one"),
        Action::MarkDone => ("里程碑完成", "milestone done"),
        Action::EditNote => ("进展", "note"),
        Action::AddTarget => ("新增指标", "add target"),
        Action::EditTarget => ("修改指标", "edit target"),
        Action::ItemStatus => ("事项状态", "item status"),
        Action::Undo => ("撤销我的上一次修改", "undo my last change"),
        Action::Export => ("导出台账", "export ledger"),
        Action::Plans => ("切换计划", "switch plan"),
        Action::Dashboard => ("总览", "dashboard"),
        Action::Help => ("帮助", "help"),
        Action::Quit => ("退出", "quit"),
        Action::Insert(_) => ("输入", "type"),
        Action::Backspace => ("删除前一字", "delete back"),
        Action::Delete => ("删除后一字", "delete"),
        Action::CursorLeft => ("光标左移", "cursor left"),
        Action::CursorRight => ("光标右移", "cursor right"),
        Action::CursorHome => ("行首", "line start"),
        Action::CursorEnd => ("行尾", "line end"),
        Action::Submit => ("保存", "save"),
        Action::Cancel => ("取消", "cancel"),
    };
    tr(lang, t)
}

/// The heading of a mode in the help.
pub fn mode(lang: Lang, m: super::keymap::Mode) -> &'static str {
    use super::keymap::Mode;
    let t: Tr = match m {
        Mode::Browse => ("主界面", "Main view"),
        Mode::Detail => ("指标详情", "Target detail"),
        Mode::Dashboard => ("总览", "Dashboard"),
        Mode::Help => ("帮助", "Help"),
        Mode::Input => ("输入行", "Input line"),
        Mode::Pick => ("选择框", "Choice list"),
    };
    tr(lang, t)
}

/// A theme number as the panes show it: the Chinese numeral while it fits the theme pane's
/// four columns (一 … 二十), else the digits.
pub fn numeral(n: u32) -> String {
    if (1..=20).contains(&n) { crate::core::numeral::chinese(n) } else { n.to_string() }
}
