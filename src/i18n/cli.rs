//! The command line's words: what its commands print for people, and its own errors
//! ([`CliError`], worded by [`error`]).

use super::{Lang, catalogue, errors};
use crate::cli::CliError;
use crate::core::model::ValueError;
use crate::core::store::roles::Grant;

catalogue! {
    NO_DEPT: "(无科室)", "(no dept)";
    BOARD_READ_ONLY: "看板以只读方式打开（显示最近一次保存的内容）",
        "the board opens read-only (showing what was last saved)";
    SNAPSHOT: "另一进程正在写入数据库，显示的是最近一次保存的内容",
        "another process is writing the database; showing what was last saved";
    UNCHAINED: "日志前 {count} 条早于哈希链（只核对数值与序号）",
        "log: the first {count} entries predate the hash chain (checked for sequence and values only)";
    LOG_HEAD: "日志链头", "log head";
    /// Under a malformed command line, as clap ends its own messages.
    TRY_HELP: "更多信息请用 '--help'", "For more information, try '--help'.";
    SIZES: "{themes} 个主题 · {items} 项任务 · {targets} 个指标（逐项见 yaodian targets 或 status --json）",
        "{themes} themes · {items} items · {targets} targets (each one: yaodian targets or status --json)";
    NOTE: "进展:", "note:";
    REMOVED: "已删除", "removed";
    APPLIED_SHARE: "（完成{share}%，目标{goal}）", " ({share}% of {goal})";
    UNCHANGED_VALUE: "{target} 未改变：已是 {value}，没有写入记录",
        "{target} unchanged: {value} already; nothing written";
    UNCHANGED_NOTE: "{item} 的进展未改变，没有写入记录", "{item}: the note is unchanged; nothing written";
    UNCHANGED_STATUS: "{item} 的状态未改变（{status}），没有写入记录",
        "{item}: the status is unchanged ({status}); nothing written";
    UNCHANGED: "没有变化，没有写入记录", "nothing changed; nothing written";
    UNDO_MARK: " (撤销)", " (undo)";
    NO_UPDATES: "(没有记录)", "(no updates)";
    PLAN_SIZES: "{items} 项 · {targets} 个指标", "{items} items · {targets} targets";
    IMPORTED: "已导入 {plan} ({title})：{themes} 个主题，{items} 项任务，{targets} 个指标（{milestones} 个为文件类）",
        "imported {plan} ({title}): {themes} themes, {items} items, {targets} targets ({milestones} milestones)";
    REPLACED: "已替换 {plan} ({title})：{themes} 个主题，{items} 项任务，{targets} 个指标（{milestones} 个为文件类）",
        "replaced {plan} ({title}): {themes} themes, {items} items, {targets} targets ({milestones} milestones)";
    KEPT: "保留进度的指标 {kept}，保留的手工指标 {manual}，移除的指标 {gone}",
        "targets kept with their history: {kept}, hand-made targets kept: {manual}, targets gone: {gone}";
    READ_AS: "读取：{format}", "read as {format}";
    RESTORED: "已恢复 {plan} ({title})：{updates} 条记录", "restored {plan} ({title}): {updates} updates";
    CHECKED: "{path}：{plans} 个计划，{targets} 个指标，{updates} 条记录，{problems} 个问题",
        "{path}: {plans} plans, {targets} targets, {updates} updates, {problems} problems";
    REVOKED: "已撤销", "revoked";
    NO_ROLES: "(未设置角色：所有能打开文件的人都可编辑)",
        "(no roles: everyone who can open the file may edit)";
    ADMIN: "管理员", "admin";
    EDITOR: "编辑：{departments}", "editor of {departments}";
    VIEWER: "只读用户", "viewer";
    CREATED: "已创建：{path}（计划 {plan}）", "created: {path} (plan {plan})";
    READY: "已就绪：{path}（计划 {plan}）", "ready: {path} (plan {plan})";
    CREATED_SHARED: "已创建：{path}（计划 {plan}，共享：组内可读写，其他用户无权限）",
        "created: {path} (plan {plan}, shared: group read/write, others nothing)";
    SHARED_ADMIN: "共享组：{group}；管理员：{admin}", "shared with group {group}; admin: {admin}";
    READY_SHARED: "已就绪：{path}（计划 {plan}，共享：组内可读写，其他用户无权限）",
        "ready: {path} (plan {plan}, shared: group read/write, others nothing)";
    NOT_SET: "(未设置)", "(not set)";
    DUMB_TERMINAL: "TERM=dumb：这个终端无法显示看板，以下是 yaodian status 的内容",
        "TERM=dumb: this terminal cannot show the board; here is yaodian status instead";
    SETTING_ASCII: "true | false：只用 ASCII 字符画边框和进度条",
        "true | false: draw borders and gauges with ASCII only";
    SETTING_LANG: "zh | en：界面语言", "zh | en: the language of the interface";
    SETTING_MOUSE: "true | false：看板响应鼠标（false：鼠标留给终端选取文字）",
        "true | false: the board answers the mouse (false: the terminal keeps it for selecting text)";
    SETTING_DB: "PATH：未给出 --db 或 YAODIAN_DB 时使用的数据库",
        "PATH: the database used when neither --db nor YAODIAN_DB is given";
    GENERATED: "{path}：计划 {plan} · {themes} 个主题 · {items} 项任务 · {targets} 个指标 · {updates} 条记录，截至 {until}（{seconds} 秒）",
        "{path}: plan {plan} · {themes} themes · {items} items · {targets} targets · {updates} updates up to {until} ({seconds} s)";
    BUNDLED_IMPORTED: "已把内置计划 {plan}（{title}，{file}）导入 {path}",
        "imported the bundled plan {plan} ({title}, {file}) into {path}";
    NO_HOME: "XDG_DATA_HOME 和 HOME 都没有设置；请用 --db PATH 指定数据库",
        "neither XDG_DATA_HOME nor HOME is set; pass --db PATH";
    NO_DATABASE: "{path}：没有这个数据库；新建请用 yaodian init --db {path}，或 yaodian import FILE --db {path}",
        "{path}: no such database; create it with `yaodian init --db {path}` or `yaodian import FILE --db {path}`";
    NOT_A_NUMBER: "“{text}”不是数字", "\"{text}\" is not a number";
    BAD_NUMBER: "“{text}”：{reason}", "\"{text}\": {reason}";
    TODAY_NOT_HERE: "--today 只用于看板和 demo、status、targets、export、reported、brief 命令",
        "--today goes with the board, demo, status, targets, export, reported and brief";
    FULL_NEEDS_JSON: "--full 只能与 --format json 一起用", "--full goes with --format json";
    NEEDS_OUTPUT: "{format} 需要输出文件：-o ledger.{format}",
        "{format} needs an output file: -o ledger.{format}";
    NO_ROLE: "{user} 没有角色", "{user} has no role";
    PROBLEMS: "发现 {count} 个问题", "{count} problems found";
    GENERATE_NEEDS_DB: "--generate 需要 --db FILE", "--generate needs --db FILE";
    WRITE: "写入 {path}：{reason}", "writing {path}: {reason}";
    BUNDLED_PLAN: "导入内置计划：{reason}", "importing the bundled plan: {reason}";
    IMPORT: "{path}：{reason}", "{path}: {reason}";
    DEMO_DATABASE: "创建演示数据库 {path}：{reason}", "creating the demo database {path}: {reason}";
    GENERATE: "生成计划：{reason}", "generating the plan: {reason}";
    OUT_OF_SEQUENCE: "日志第{seq}条的序号错位", "log entry {seq} out of sequence";
    VALUE_DIFFERS: "存储的值为{stored}，而日志重放为{replayed}", "value {stored} but its log replays to {replayed}";
    COUNT_DIFFERS: "记录了{counted}次更新，日志中有{logged}次", "{counted} updates counted, {logged} in the log";
    NOTE_DIFFERS: "进展与日志中最后一条不同", "progress note differs from the last one logged";
    KEPT_DEMO: "{path}：演示数据库（计划 {plan}，模拟到 {today}）；试试：yaodian --db {path} --today {today} reported",
        "{path}: the demo (plan {plan}, simulated up to {today}); try: yaodian --db {path} --today {today} reported";
    EXISTS: "{path} 已存在；请另取一个文件名", "{path} exists already; name a new file";
    BRIEF_TIMEOUT: "数据库 {ms} 毫秒内没有应答（有人正在写入，或者太慢）",
        "no answer from the database within {ms} ms (a writer holds it, or it is slow)";
    BRIEF_FAILED: "未能生成登录提示", "brief failed";
    MAN_PAGES: "{dir}：{count} 个 man 手册页（yaodian.1 和每个命令一页）",
        "{dir}: {count} man pages (yaodian.1 and one per command)";
}

/// A role as `grant` and `roles` print it.
pub fn grant(g: &Grant, lang: Lang) -> String {
    match g {
        Grant::Admin => ADMIN.get(lang).to_string(),
        Grant::Editor(d) => EDITOR.fill(lang, &[("departments", &super::list(d, lang))]),
        Grant::Viewer => VIEWER.get(lang).to_string(),
    }
}

/// What `check` found wrong with a subject.
pub fn problem(w: &crate::core::store::Wrong, lang: Lang) -> String {
    use crate::core::store::Wrong;
    match w {
        Wrong::OutOfSequence { seq } => OUT_OF_SEQUENCE.fill(lang, &[("seq", seq)]),
        Wrong::Value { stored, replayed } => {
            VALUE_DIFFERS.fill(lang, &[("stored", stored), ("replayed", replayed)])
        }
        Wrong::Count { counted, logged } => {
            COUNT_DIFFERS.fill(lang, &[("counted", counted), ("logged", logged)])
        }
        Wrong::Note => NOTE_DIFFERS.get(lang).to_string(),
        Wrong::Log(w) => errors::log_wrong(w, lang),
    }
}

/// The command line's own errors, in `lang`.
pub fn error(e: &CliError, lang: Lang) -> String {
    let path = |p: &std::path::Path| p.display().to_string();
    match e {
        CliError::NoHome => NO_HOME.get(lang).to_string(),
        CliError::NoDatabase { path: p } => NO_DATABASE.fill(lang, &[("path", &path(p))]),
        CliError::NotANumber { text, reason: ValueError::NotANumber } => {
            NOT_A_NUMBER.fill(lang, &[("text", text)])
        }
        CliError::NotANumber { text, reason } => {
            BAD_NUMBER.fill(lang, &[("text", text), ("reason", &errors::value(reason, lang))])
        }
        CliError::TodayNotHere => TODAY_NOT_HERE.get(lang).to_string(),
        CliError::FullNeedsJson => FULL_NEEDS_JSON.get(lang).to_string(),
        CliError::NeedsOutput { format } => NEEDS_OUTPUT.fill(lang, &[("format", format)]),
        CliError::NoRole { user } => NO_ROLE.fill(lang, &[("user", user)]),
        CliError::Problems { count } => PROBLEMS.fill(lang, &[("count", count)]),
        CliError::GenerateNeedsDb => GENERATE_NEEDS_DB.get(lang).to_string(),
        CliError::Write { path: p, source } => {
            WRITE.fill(lang, &[("path", &path(p)), ("reason", &errors::io(source, lang))])
        }
        CliError::BundledPlan(e) => {
            BUNDLED_PLAN.fill(lang, &[("reason", &errors::import(e, lang))])
        }
        CliError::Import { path: p, source } => {
            IMPORT.fill(lang, &[("path", &path(p)), ("reason", &errors::import(source, lang))])
        }
        CliError::DemoDatabase { path: p, source } => DEMO_DATABASE
            .fill(lang, &[("path", &path(p)), ("reason", &errors::store(source, lang))]),
        CliError::Generate(e) => GENERATE.fill(lang, &[("reason", &errors::import(e, lang))]),
        CliError::Exists { path: p } => EXISTS.fill(lang, &[("path", &path(p))]),
        CliError::BriefTimeout { ms } => BRIEF_TIMEOUT.fill(lang, &[("ms", ms)]),
        CliError::BriefFailed => BRIEF_FAILED.get(lang).to_string(),
    }
}
