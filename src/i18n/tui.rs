//! The board's words: panes, headings, hints, prompts, the input lines' checks, and what
//! each key does (the footer and the `?` help).

use super::{Lang, Tr, catalogue, tr};
use crate::core::model::Status;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;

catalogue! {
    THEMES: "主题", "Themes";
    ITEMS: "事项", "Items";
    TARGETS: "指标", "Targets";
    PROGRESS: "全年进度", "Progress";
    PACE: "序时", "Pace";
    DUE: "截止", "due";
    GOAL: "目标", "goal";
    VALUE: "当前", "value";
    START: "起点", "start";
    ADDED_ON: "新增于", "added";
    LIVE: "实时", "live";
    DEMO: "演示", "DEMO";
    READONLY: "只读", "read-only";
    LEAD: "牵头", "lead";
    SUPPORT: "配合", "support";
    NOTE: "进展", "note";
    NO_TARGETS: "本事项没有量化指标", "This item has no measurable targets";
    NOTHING: "（无）", "(none)";
    NO_MATCH: "没有符合条件的事项", "Nothing matches the filters";
    HISTORY: "填报记录", "History";
    CHART: "进度", "Progress";
    ACTUAL: "实际", "actual";
    NO_HISTORY: "尚无填报", "No updates yet";
    DASHBOARD: "总览", "Dashboard";
    BY_THEME: "按主题", "By theme";
    BY_DEPT: "按科室", "By department";
    OVERDUE: "逾期", "Overdue";
    DUE_SOON: "30天内到期", "Due within 30 days";
    FEED: "最新动态", "Latest updates";
    REPORTED: "本期报送", "Reports this period";
    /// A department that has reported for the period / has not.
    REPORTED_DONE: "已报", "done";
    REPORTED_MISSING: "未报 {n} 项", "{n} missing";
    BEHIND_LIST: "滞后清单", "Behind list";
    SECTION_BEHIND: "滞后与预警 {n}", "Behind and at risk {n}";
    SECTION_STALE: "超过{days}天未更新 {n}", "Not updated for {days} days {n}";
    SECTION_MISSING: "{period}未报送科室 {n}", "Not reported for {period} {n}";
    NEVER_UPDATED: "从未更新", "never";
    NO_DEPT: "（无科室）", "(no department)";
    /// The header's deadline line, from the plan's settings and today.
    DEADLINE: "{period}报送截止 {due}，剩 {days} 天", "{period} reports due {due}, {days} days left";
    DEADLINE_TODAY: "{period}报送今天截止", "{period} reports due today";
    THIS_MONTH: "本月", "This month's";
    THIS_QUARTER: "本季度", "This quarter's";
    THIS_HALF: "本半年", "This half-year's";
    YEAR_OVER: "{year}年度已结束，显示收官情况", "{year} is over: the plan as it closed";
    EXPORT_WHAT: "导出", "Export";
    /// The first screen on an empty database, which now holds the bundled plan.
    FIRST_RUN: "首次使用，已载入内置计划。导入：yaodian import 文件  演示：yaodian demo",
        "Bundled plan loaded. Import yours: yaodian import FILE  Demo: yaodian demo";
    EXPORT_LEDGER: "台账（电子表格）", "Ledger (xlsx)";
    EXPORT_REPORT: "落实情况报告（公文）", "Period report (docx)";
    ACT_BEHIND: "滞后清单", "behind list";
    MODE_BEHIND: "滞后清单", "Behind list";
    HELP: "按键帮助", "Keys";
    HELP_CLOSE: "j 下一页  ? 或 Esc 关闭", "j next page  ? or Esc closes";
    TOO_SMALL: "终端太小", "Terminal too small";
    TOO_SMALL_NEED: "至少需要", "needs at least";
    TOO_SMALL_NOW: "当前", "now";
    SEARCH_HINT: "Enter 选中首个  Esc 清除  (编号/汉字/拼音首字母)", "Enter selects first  Esc clears  (id/text/pinyin)";
    MATCHES: "个匹配", "matches";
    FILTER_DEPT: "科室", "dept";
    FILTER_STATUS: "状态", "status";
    MINE: "我的科室", "mine";
    SEARCH: "搜索", "search";
    SELECT_TARGET: "请先选中一个指标（Enter/l 进入指标栏）", "Select a target first (Enter/l into the target pane)";
    SELECT_ITEM: "请先选中一个事项", "Select an item first";
    ONLY_MILESTONE: "x 只用于里程碑类指标；数量请用 u 填报", "x is for milestones; use u to record a quantity";
    IS_READONLY: "只读模式，不能修改", "Read-only: nothing can be changed";
    NO_MINE: "你没有被授予科室", "No department is granted to you";
    SAVED: "已保存", "Saved";
    STATUS_BY_TARGETS: "本事项有量化指标，状态按指标计算；s 只用于没有指标的事项", "This item has targets and its status is computed; s is for items without targets";
    PICK_STATUS: "事项状态", "Item status";
    CLEAR_STATUS: "（清除）", "(clear)";
    PICK_PLAN: "切换计划", "Switch plan";
    ONE_PLAN: "数据库中只有这一个计划", "This database holds only this plan";
    SWITCHED: "已切换到计划", "Now showing plan";
    EXPORTED: "台账已写入", "Ledger written to";
    NOT_EXPORTED: "台账未写入", "Ledger not written";
    THEME_TARGETS: "主题整体指标", "Theme-wide targets";
    THEME_TARGETS_NOTE: "主题标题中提出的指标，不属于具体事项", "Stated by the theme heading, not by one item";
    MANUAL_STATUS: "状态", "status";
    SET_STATUS_HINT: "s 设定状态", "s sets the status";
    UNCHANGED: "没有变化，未写入记录", "Nothing changed, nothing written";
    UNDONE: "已撤销", "Undone";
    NOT_SAVED: "未保存", "Not saved";
    OLDER_UPDATES: "条更早的记录", "older updates";
    /// The start of an exported file's name (台账-2023-….xlsx, 落实情况-2023-….docx).
    FILE_STEM_LEDGER: "台账", "ledger";
    FILE_STEM_REPORT: "落实情况", "report";
    DEFINITION: "修改定义", "definition";
    /// An opened history row (Enter in the detail view's history).
    ENTRY_WHEN: "时间", "when";
    ENTRY_WHO: "填报人", "by";
    ENTRY_CHANGE: "变更", "change";
    ENTRY_NOTE: "说明", "note";
    ENTRY_NO_NOTE: "（无说明）", "(no note)";
    ENTRY_SEQ: "第{seq}条", "entry {seq}";
    ENTRY_UNDOES: "撤销第{seq}条", "undoes entry {seq}";
    UNDO_MARK: "(撤销) ", "(undo) ";
    ITEM: "事项", "Item";
    DELIVER: "完成", "deliver";
    VIEWS: "浏览", "Views";
    IN_DETAIL: "（详情）", " (detail)";
    CLICK: "鼠标点击", "click";
    OTHER_KEYS: "其他字符", "other keys";
    Q_QUITS: "q 退出", "q quits";
    NOT_SWITCHED: "未切换计划", "Plan not switched";
    /// The confirmation of a change of a target's kind.
    KIND_CHANGE: "改变指标类型", "Change the kind of target";
    KIND_CHANGE_WHY: "类型改变后，当前数值的含义、状态和汇总都会改变。", "A new kind reads the value anew: its status and the roll-ups change.";
    KIND_CHANGE_ASK: "y 确认修改，n 返回修改", "y to confirm, n to go back to the line";
    KIND: "类型", "kind";
    STATUS: "状态", "status";
    KIND_QUANTITY: "数量", "quantity";
    KIND_MILESTONE: "里程碑", "milestone";
    KIND_PERCENTAGE: "百分比", "percentage";
    /// Prompts of the input lines.
    PROMPT_VALUE: "填报", "Set";
    PROMPT_NOTE: "进展", "Note for";
    PROMPT_NEW: "新增指标", "New target in";
    PROMPT_EDIT: "修改指标", "Edit target";
    FORMAT_TARGET: "格式：名称 目标 单位 [截止 YYYY-MM-DD]；只写名称即里程碑", "Format: name goal unit [due YYYY-MM-DD]; a name alone is a milestone";
    FORMAT_VALUE: "数值，可在空格后写备注，如：64 莱山区新增6处", "A number, optionally followed by a note: 64 six new sites";
    FORMAT_NOTE: "本事项的进展情况（台账「进展情况」一栏）", "The item's progress note (the ledger's progress column)";
    /// Validation messages of the input lines.
    ERR_EMPTY: "请输入数字", "Type a number";
    ERR_NUMBER: "请输入不小于 0 的数字", "Type a number of 0 or more";
    ERR_NEGATIVE: "不能小于 0", "Must not be below 0";
    ERR_FRACTION: "该单位只能填整数", "This unit takes whole numbers only";
    ERR_TOO_LARGE: "数字太大，无法精确保存", "Too large to be stored exactly";
    ERR_TOO_PRECISE: "位数太多，无法精确保存", "Too many digits to be stored exactly";
    ERR_IMPLAUSIBLE: "超过目标的 1000 倍，请检查是否输错", "More than 1000 times the goal: a typo?";
    ERR_MILESTONE: "里程碑只能填 0 或 1", "A milestone is 0 or 1";
    ERR_NAME: "请写指标名称", "Type the target's name";
    ERR_GOAL: "目标须为大于 0 的数字", "The goal must be a number above 0";
    ERR_UNIT: "请写单位", "Type the unit";
    ERR_DATE: "截止日期格式为 YYYY-MM-DD", "The due date is YYYY-MM-DD";
    SETUP_SIGNALS: "安装信号处理", "installing signal handlers";
    SETUP_TERMINAL: "设置终端", "setting up the terminal";
    SETUP_INPUT: "启动键盘输入", "starting the input reader";
    SETUP_WORKER: "启动数据库线程", "starting the database thread";
    ACT_UP: "上移", "up";
    ACT_DOWN: "下移", "down";
    ACT_PAGE_UP: "上一页", "page up";
    ACT_PAGE_DOWN: "下一页", "page down";
    ACT_TOP: "首行", "first row";
    ACT_BOTTOM: "末行", "last row";
    ACT_INTO: "进入", "into";
    ACT_BACK: "返回", "back";
    ACT_NEXT_PANE: "下一栏", "next pane";
    ACT_HISTORY: "选填报记录", "history rows";
    ACT_OPEN_ENTRY: "打开记录", "open a row";
    ACT_PREV_PANE: "上一栏", "previous pane";
    ACT_SEARCH: "搜索", "search";
    ACT_DEPT_FILTER: "科室", "department";
    ACT_STATUS_FILTER: "状态", "status";
    ACT_SET_VALUE: "填报", "set value";
    ACT_INCREMENT: "加一", "plus one";
    ACT_DECREMENT: "减一", "minus one";
    ACT_MARK_DONE: "里程碑完成", "milestone done";
    ACT_EDIT_NOTE: "进展", "note";
    ACT_ADD_TARGET: "新增指标", "add target";
    ACT_EDIT_TARGET: "修改指标", "edit target";
    ACT_ITEM_STATUS: "事项状态", "item status";
    ACT_UNDO: "撤销我的上一次修改", "undo my last change";
    ACT_EXPORT: "导出台账或报告", "export ledger or report";
    ACT_PLANS: "切换计划", "switch plan";
    ACT_DASHBOARD: "总览", "dashboard";
    ACT_HELP: "帮助", "help";
    ACT_QUIT: "退出", "quit";
    ACT_INSERT: "输入", "type";
    ACT_BACKSPACE: "删除前一字", "delete back";
    ACT_DELETE: "删除后一字", "delete";
    ACT_CURSOR_LEFT: "光标左移", "cursor left";
    ACT_CURSOR_RIGHT: "光标右移", "cursor right";
    ACT_CURSOR_HOME: "行首", "line start";
    ACT_CURSOR_END: "行尾", "line end";
    ACT_WORD_LEFT: "左移一词", "word left";
    ACT_WORD_RIGHT: "右移一词", "word right";
    ACT_DELETE_WORD_BACK: "删除前一词", "delete word back";
    ACT_DELETE_TO_START: "删除到行首", "delete to line start";
    ACT_DELETE_TO_END: "删除到行尾", "delete to line end";
    ACT_CONFIRM: "确认", "confirm";
    ACT_SUBMIT: "保存", "save";
    ACT_CANCEL: "取消", "cancel";
    MODE_BROWSE: "主界面", "Main view";
    MODE_DETAIL: "指标详情", "Target detail";
    MODE_DASHBOARD: "总览", "Dashboard";
    MODE_HELP: "帮助", "Help";
    MODE_INPUT: "输入行", "Input line";
    MODE_PICK: "选择框", "Choice list";
    MODE_CONFIRM: "确认框", "Confirmation";
    MODE_ENTRY: "填报记录详情", "History entry";
    STATUS_SHORT_DONE: "已完成", "done";
    STATUS_SHORT_ON_TRACK: "正常", "ok";
    STATUS_SHORT_AT_RISK: "预警", "risk";
    STATUS_SHORT_BEHIND: "滞后", "behind";
    /// The department and status filter lists (`d`, `f`).
    PICK_DEPT: "按科室筛选（输入汉字或拼音首字母缩小范围）", "Department (type to narrow: text or pinyin)";
    PICK_STATUS_FILTER: "按状态筛选", "Status";
    PICK_COUNTS: "滞后{behind} 预警{risk} 共{total}", "{behind} behind, {risk} at risk, {total} in all";
    ALL_DEPTS: "全部科室", "all departments";
    ALL_STATUSES: "全部", "all";
    MODE_FIND: "可输入筛选的选择框", "Choice list you can type into";
    /// The order of rows (`o`), as the pane titles say it.
    ORDER_WORST: "最差在前", "worst first";
    ORDER_LEAST: "进度最少在前", "least progress first";
    ORDER_OLDEST: "最久未更新在前", "oldest update first";
    ACT_ORDER: "排序", "order";
    ACT_NEXT_MATCH: "下一个匹配", "next match";
    ACT_PREV_MATCH: "上一个匹配", "previous match";
    ACT_CLICK: "选中；再点进入", "select; again to go in";
    NO_SEARCH: "没有搜索：按 / 开始", "No search: / starts one";
    /// Beside an aggregate row: how many of its parts are behind.
    PARTS_BEHIND: "滞后{n}", "{n} behind";
    /// The help's page on pace and status.
    HELP_PACE_HEAD: "序时进度与状态", "Pace and status";
    HELP_PACE: "序时进度：从年初（年中新增的指标从新增之日）到截止日，按已过天数此时应完成的比例。", "Pace: the share of the way a target should have come by today, by the days gone from its start (the plan's, or the day a target was added) to its due date.";
    HELP_STALE: "久未更新（紫色）：未完成且超过 {days} 天没有填报", "stale (magenta): not done and not updated for {days} days";
    HELP_MARK: "序时标记：进度条此时应到的位置", "pace marker: where the bar should be by today";
    HELP_FILL: "已完成部分", "the share done";
    HELP_BEHIND: "红色：完成比例不到序时进度的 {ratio}", "red: less than {ratio} of the pace done";
    HELP_AT_RISK: "黄色：落后序时进度超过目标的 {grace}", "yellow: behind the pace by more than {grace} of the goal";
    HELP_ON_TRACK: "无色：落后不超过目标的 {grace}（宽限）", "no colour: at most {grace} of the goal behind the pace (grace)";
    HELP_DONE: "绿色：达到目标", "green: the goal is reached";
    HELP_MILESTONE: "里程碑：到期前 {days} 天内未完成为预警，过期未完成为滞后。", "A milestone is at risk within {days} days of its due date, behind after it.";
    PENDING: "{target}: {value} {delta} = {new}（稍后保存为一条记录）", "{target}: {value} {delta} = {new} (saved as one entry in a moment)";
    /// The value line's reminder of what the target asks for.
    VALUE_GOAL: "目标 {goal}  序时 {pace}（应达 {expected}）", "goal {goal}  pace {pace} (expected {expected})";
}

/// How the rows are ordered, for a pane title; nothing in plan order.
pub fn order(lang: Lang, o: crate::tui::app::Order) -> Option<&'static str> {
    use crate::tui::app::Order;
    let t = match o {
        Order::Plan => return None,
        Order::Worst => ORDER_WORST,
        Order::LeastProgress => ORDER_LEAST,
        Order::OldestUpdate => ORDER_OLDEST,
    };
    Some(tr(lang, t))
}

/// A month as the chart's axis labels it: 6月, Jun.
pub fn month_label(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Zh => format!("{}月", date.month()),
        Lang::En => date.format("%b").to_string(),
    }
}

/// The word for a status.
pub fn status(lang: Lang, s: Status) -> &'static str {
    tr(lang, super::report::status(s))
}

/// The word for a target's kind.
pub fn kind(lang: Lang, k: crate::core::model::TargetKind) -> &'static str {
    use crate::core::model::TargetKind;
    let t = match k {
        TargetKind::Quantity => KIND_QUANTITY,
        TargetKind::Milestone => KIND_MILESTONE,
        TargetKind::Percentage => KIND_PERCENTAGE,
    };
    tr(lang, t)
}

/// A status word short enough for a table column header (at most 6 columns).
pub fn status_short(lang: Lang, s: Status) -> &'static str {
    let t = match s {
        Status::Done => STATUS_SHORT_DONE,
        Status::OnTrack => STATUS_SHORT_ON_TRACK,
        Status::AtRisk => STATUS_SHORT_AT_RISK,
        Status::Behind => STATUS_SHORT_BEHIND,
    };
    tr(lang, t)
}

/// What an action does, for the footer and the help.
pub fn action(lang: Lang, a: Action) -> &'static str {
    let t: Tr = match a {
        Action::Up => ACT_UP,
        Action::Down => ACT_DOWN,
        Action::PageUp => ACT_PAGE_UP,
        Action::PageDown => ACT_PAGE_DOWN,
        Action::Top => ACT_TOP,
        Action::Bottom => ACT_BOTTOM,
        Action::Into => ACT_INTO,
        Action::Back => ACT_BACK,
        Action::NextPane => ACT_NEXT_PANE,
        Action::PrevPane => ACT_PREV_PANE,
        Action::Search => ACT_SEARCH,
        Action::DeptFilter => ACT_DEPT_FILTER,
        Action::StatusFilter => ACT_STATUS_FILTER,
        Action::SetValue => ACT_SET_VALUE,
        Action::Increment => ACT_INCREMENT,
        Action::Decrement => ACT_DECREMENT,
        Action::MarkDone => ACT_MARK_DONE,
        Action::EditNote => ACT_EDIT_NOTE,
        Action::AddTarget => ACT_ADD_TARGET,
        Action::EditTarget => ACT_EDIT_TARGET,
        Action::ItemStatus => ACT_ITEM_STATUS,
        Action::Undo => ACT_UNDO,
        Action::Export => ACT_EXPORT,
        Action::Plans => ACT_PLANS,
        Action::Dashboard => ACT_DASHBOARD,
        Action::Help => ACT_HELP,
        Action::Quit => ACT_QUIT,
        Action::Insert(_) => ACT_INSERT,
        Action::Backspace => ACT_BACKSPACE,
        Action::Delete => ACT_DELETE,
        Action::CursorLeft => ACT_CURSOR_LEFT,
        Action::CursorRight => ACT_CURSOR_RIGHT,
        Action::CursorHome => ACT_CURSOR_HOME,
        Action::CursorEnd => ACT_CURSOR_END,
        Action::WordLeft => ACT_WORD_LEFT,
        Action::WordRight => ACT_WORD_RIGHT,
        Action::DeleteWordBack => ACT_DELETE_WORD_BACK,
        Action::DeleteToStart => ACT_DELETE_TO_START,
        Action::DeleteToEnd => ACT_DELETE_TO_END,
        Action::Confirm => ACT_CONFIRM,
        Action::Submit => ACT_SUBMIT,
        Action::Cancel => ACT_CANCEL,
        Action::Order => ACT_ORDER,
        Action::NextMatch => ACT_NEXT_MATCH,
        Action::PrevMatch => ACT_PREV_MATCH,
        Action::Click { .. } => ACT_CLICK,
        Action::Behind => ACT_BEHIND,
        Action::History => ACT_HISTORY,
        Action::OpenEntry => ACT_OPEN_ENTRY,
    };
    tr(lang, t)
}

/// The heading of a mode in the help.
pub fn mode(lang: Lang, m: Mode) -> &'static str {
    let t: Tr = match m {
        Mode::Browse => MODE_BROWSE,
        Mode::Detail => MODE_DETAIL,
        Mode::Dashboard => MODE_DASHBOARD,
        Mode::Help => MODE_HELP,
        Mode::Input => MODE_INPUT,
        Mode::Pick => MODE_PICK,
        Mode::Confirm => MODE_CONFIRM,
        Mode::Find => MODE_FIND,
        Mode::Behind => MODE_BEHIND,
        Mode::Entry => MODE_ENTRY,
    };
    tr(lang, t)
}
