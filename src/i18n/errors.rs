//! Errors worded for people: the store's failures ([`StoreError`]), values, departments,
//! files, backups, formats, shared set-up, settings and the command line's own errors, one
//! function per error type taking the language; and [`chain`], which words any error a
//! command ends with, the way `main` prints it.

use super::{Lang, Tr, catalogue, cli, refusals};
use crate::core::filter::UnknownDepartment;
use crate::core::import::ImportError;
use crate::core::model::{MAX_EXACT, PLAUSIBLE_TIMES, SIGNIFICANT_DIGITS, ValueError};
use crate::core::report::format::FormatError;
use crate::core::report::format::full::BackupError;
use crate::core::secure_fs::FsError;
use crate::core::shared::SharedError;
use crate::core::store::StoreError;
use crate::core::store::codec::CodecError;
use crate::settings::SettingsError;
use std::io::ErrorKind;

catalogue! {
    MISSING: "{path}：没有这个数据库", "{path}: no such database";
    NOT_A_FILE: "{path}：是目录，不是数据库文件", "{path}: is a directory, not a database file";
    EMPTY: "{path}：空文件，不是 yaodian 数据库", "{path}: empty file, not a yaodian database";
    FOREIGN: "{path}：不是 yaodian 数据库", "{path}: not a yaodian database";
    DAMAGED: "{path}：数据库已损坏（{detail}）", "{path}: damaged database ({detail})";
    NEWER_SCHEMA: "{path}：由更新版本的 yaodian 写入（结构版本 {found}，本程序最高读取 {supported}）；请升级 yaodian",
        "{path}: written by a newer yaodian (schema {found}, this build reads up to {supported}); upgrade yaodian";
    FILE: "{path}：{reason}", "{path}: {reason}";
    LOCK_PROTOCOL: "{path}：正被另一种 redb 锁协议的程序打开；请关闭它或升级 yaodian",
        "{path}: opened by a program with another redb lock protocol; close it or upgrade";
    DATABASE: "数据库错误：{detail}", "database error: {detail}";
    CODEC: "{table} 表中有无法解码的记录：{detail}", "undecodable record in {table}: {detail}";
    NOT_BULK: "批量载入只接受数值和进展记录", "bulk loading takes value and note updates only";
    EXISTS: "{path}：已存在；请换一个文件名", "{path}: exists already; choose a new file name";
    CODEC_EMPTY: "空记录", "empty record";
    CODEC_NEWER: "记录格式版本 {found} 比本程序能读的更新", "record format version {found} is newer than this build understands";
    CODEC_UNKNOWN: "未知的记录格式版本 {found}", "record format version {found} is unknown";
    DATABASE_OPEN: "数据库已被本进程打开", "the database is already open in this process";
    UPGRADE_REDB: "数据库文件格式需要升级", "the database file format needs an upgrade";
    REPAIR_ABORTED: "修复被中止", "repair aborted";
    IO_NOT_FOUND: "没有这个文件或目录", "no such file or directory";
    IO_DENIED: "没有权限", "permission denied";
    IO_EXISTS: "已存在", "exists already";
    IO_IS_DIR: "是目录", "is a directory";
    IO_NOT_DIR: "路径中有一段不是目录", "not a directory";
    IO_FULL: "磁盘空间已满", "no space left on the device";
    IO_READ_ONLY_FS: "文件系统只读", "read-only file system";
    IO_BUSY: "文件正忙", "resource busy";
    IO_TOO_LARGE: "文件太大", "file too large";
    IO_EOF: "文件意外结束", "unexpected end of file";
    IO_INVALID: "数据无效", "invalid data";
    IO_TIMED_OUT: "超时", "timed out";
    IO_OTHER: "系统错误（{code}）", "system error ({code})";
    NOT_A_NUMBER: "不是数字", "not a number";
    NEGATIVE: "不能小于 0", "must not be negative";
    FRACTION: "只能是整数（单位：{unit}）", "must be a whole number of {unit}";
    NOT_BINARY: "里程碑只能是 0（未完成）或 1（已完成）", "a milestone is 0 (not done) or 1 (done)";
    TOO_LARGE: "数字太大（最大 {max}）", "too large (at most {max})";
    TOO_PRECISE: "位数太多（有效数字最多 {digits} 位）", "too many digits (at most {digits} significant)";
    IMPLAUSIBLE: "超过目标的 {times} 倍（最多 {limit}），请检查是否输错",
        "more than {times} times the goal (at most {limit})";
    UNKNOWN_DEPARTMENT: "本计划中没有科室“{name}”（现有科室：{known}）",
        "no department \"{name}\" in this plan (departments: {known})";
    BACKUP_READ: "读取 {path}：{reason}", "reading {path}: {reason}";
    BACKUP_NOT_JSON: "{path}：不是 yaodian 完整备份（第 {line} 行第 {column} 列无法读取）",
        "{path}: not a yaodian full backup (unreadable at line {line}, column {column})";
    BACKUP_FOREIGN: "{path}：不是 yaodian 完整备份", "{path}: not a yaodian full backup";
    BACKUP_NEWER: "{path}：备份版本 {version} 比本程序能读的更新",
        "{path}: backup version {version} is newer than this yaodian reads";
    WRITE_FAILED: "写入 {path}：{reason}", "writing {path}: {reason}";
    FS_SYMLINK: "{path} 是符号链接，拒绝跟随", "{path} is a symbolic link; refusing to follow it";
    FS_FOREIGN_OWNER: "{path} 属于 uid {owner}，既不是 root 也不是你，拒绝使用",
        "{path} belongs to uid {owner}, not to root or you; refusing to use it";
    FS_WRITABLE: "{path} 对其他用户可写（权限 {mode}），任何人都能替换其中内容",
        "{path} is writable by others (mode {mode}); anyone could swap what is inside it";
    FS_NOT_A_FILE: "{path} 不是普通文件", "{path} is not a regular file";
    BUSY: "{path}：{who} 自 {since} 起一直在写入；没有做任何修改，请稍后再试",
        "{path}: busy: {who} has been writing since {since}; nothing was changed, try again";
    HOLDER: "{user}（pid {pid}）", "{user} (pid {pid})";
    ANOTHER_PROCESS: "另一进程", "another process";
    A_WHILE: "一段时间前", "a while";
    BACKUP_TOO_LARGE: "{path}：{bytes} 字节，超过备份文件的上限（{limit}）",
        "{path}: {bytes} bytes, more than a backup may have ({limit})";
    BACKUP_SHAPE: "{path}：不是 yaodian 可恢复的备份（{why}）", "{path}: not a backup yaodian restores ({why})";
    NOT_OUR_DATABASE: "{path} 已存在，但不是 yaodian 自己的数据库（是链接或其他文件）",
        "{path} exists and is not a yaodian database of its own (a link, or another file)";
    LOG_OUT_OF_SEQUENCE: "第 {seq} 条记录序号不连续", "log entry {seq} out of sequence";
    LOG_CHAIN_BROKEN: "第 {seq} 条记录：哈希链断开（其前的记录被修改、删除或插入）",
        "log entry {seq}: the hash chain is broken (an entry before it was changed, removed or inserted)";
    LOG_NO_LINK: "第 {seq} 条记录没有哈希链接", "log entry {seq} has no link in the hash chain";
    LOG_NO_TARGET: "第 {seq} 条记录：当时没有指标 {target}", "log entry {seq}: no target {target} at that point";
    LOG_INVALID: "第 {seq} 条记录：{value} 不是有效数值：{why}", "log entry {seq}: {value} is not a valid value: {why}";
    LOG_DISCONTINUOUS: "第 {seq} 条记录：称 {target} 原为 {old}，但记录中已为 {reached}",
        "log entry {seq}: says {target} was {old}, but the log had it at {reached}";
    XLSX: "无法生成 XLSX 文件：{detail}", "cannot make the XLSX file: {detail}";
    JSON: "无法生成 JSON：{detail}", "cannot make the JSON: {detail}";
    ZIP: "无法生成 DOCX 文件：{detail}", "cannot make the Word file: {detail}";
    NO_GROUP: "本机没有用户组“{group}”（先用 groupadd 创建，再把操作员加入）",
        "no group \"{group}\" on this machine (create it with groupadd, then add the operators)";
    NETWORK_FS: "{path} 在 {fstype} 网络文件系统上，文件锁不可靠；请使用本地磁盘",
        "{path} is on a {fstype} filesystem, whose file locks cannot be trusted; use a local disk";
    OPEN_TO_OTHERS: "{path} 对其他用户开放（权限 {mode}）；请先去掉其他用户的权限（chmod o-rwx）",
        "{path} is open to others (mode {mode}); remove the permissions of others first (chmod o-rwx)";
    SETTING_BOOL: "“{value}”不是 true 或 false", "\"{value}\" is not true or false";
    SETTING_LANG: "“{value}”不是 zh 或 en", "\"{value}\" is not zh or en";
    SETTING_EMPTY_DB: "数据库路径为空", "the database path is empty";
    SETTING_UNKNOWN: "没有设置项“{key}”（可用：ascii、lang、db、mouse）",
        "unknown setting \"{key}\" (known: ascii, lang, db, mouse)";
    SETTING_LINE: "第 {line} 行：应为 key = value", "line {line}: expected key = value";
    SETTING_AT_LINE: "第 {line} 行：{reason}", "line {line}: {reason}";
    SETTING_NO_HOME: "XDG_CONFIG_HOME 和 HOME 都没有设置", "neither XDG_CONFIG_HOME nor HOME is set";
}

/// A store failure or refusal as one line in `lang`.
pub fn store(e: &StoreError, lang: Lang) -> String {
    let path = |t: Tr, p: &std::path::Path| t.fill(lang, &[("path", &p.display())]);
    match e {
        StoreError::Missing { path: p } => path(MISSING, p),
        StoreError::NotAFile { path: p } => path(NOT_A_FILE, p),
        StoreError::Empty { path: p } => path(EMPTY, p),
        StoreError::Foreign { path: p } => path(FOREIGN, p),
        StoreError::Exists { path: p } => path(EXISTS, p),
        StoreError::Damaged { path: p, detail } => {
            DAMAGED.fill(lang, &[("path", &p.display()), ("detail", detail)])
        }
        StoreError::NewerSchema { path: p, found, supported } => NEWER_SCHEMA
            .fill(lang, &[("path", &p.display()), ("found", found), ("supported", supported)]),
        StoreError::Io { path: p, source } => file(p, source, lang),
        StoreError::LockProtocol { path: p } => path(LOCK_PROTOCOL, p),
        StoreError::Database(e) => database(&database_error(e, lang), lang),
        StoreError::Transaction(e) => match e {
            redb::TransactionError::Storage(s) => database(&storage(s, lang), lang),
            other => database(&other.to_string(), lang),
        },
        StoreError::Table(e) => match e {
            redb::TableError::Storage(s) => database(&storage(s, lang), lang),
            other => database(&other.to_string(), lang),
        },
        StoreError::Storage(s) => database(&storage(s, lang), lang),
        StoreError::Commit(e) => match e {
            redb::CommitError::Storage(s) => database(&storage(s, lang), lang),
            other => database(&other.to_string(), lang),
        },
        StoreError::Codec { table, source } => {
            CODEC.fill(lang, &[("table", table), ("detail", &codec(source, lang))])
        }
        StoreError::NotBulk => NOT_BULK.get(lang).to_string(),
        StoreError::Busy { path: p, holder, since } => {
            let who = holder.as_ref().map_or_else(
                || ANOTHER_PROCESS.get(lang).to_string(),
                |h| HOLDER.fill(lang, &[("user", &h.user), ("pid", &h.pid)]),
            );
            let since = since.clone().unwrap_or_else(|| A_WHILE.get(lang).to_string());
            BUSY.fill(lang, &[("path", &p.display()), ("who", &who), ("since", &since)])
        }
        StoreError::Refused(r) => refusals::refusal(r, lang),
    }
}

fn database(detail: &str, lang: Lang) -> String {
    DATABASE.fill(lang, &[("detail", &detail)])
}

fn database_error(e: &redb::DatabaseError, lang: Lang) -> String {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => DATABASE_OPEN.get(lang).to_string(),
        redb::DatabaseError::RepairAborted => REPAIR_ABORTED.get(lang).to_string(),
        redb::DatabaseError::UpgradeRequired(_) => UPGRADE_REDB.get(lang).to_string(),
        redb::DatabaseError::Storage(s) => storage(s, lang),
        other => other.to_string(),
    }
}

/// redb's storage errors: the machine's own (input/output) in words, the rest as redb says.
fn storage(e: &redb::StorageError, lang: Lang) -> String {
    match e {
        redb::StorageError::Io(io) => self::io(io, lang),
        other => other.to_string(),
    }
}

fn codec(e: &CodecError, lang: Lang) -> String {
    match e {
        CodecError::Empty => CODEC_EMPTY.get(lang).to_string(),
        CodecError::NewerFormat(v) => CODEC_NEWER.fill(lang, &[("found", v)]),
        CodecError::UnknownFormat(v) => CODEC_UNKNOWN.fill(lang, &[("found", v)]),
        CodecError::Decode(d) | CodecError::Encode(d) => d.clone(),
    }
}

/// A failure of the machine (a file that cannot be read, a full disk), by its kind.
pub fn io(e: &std::io::Error, lang: Lang) -> String {
    let t = match e.kind() {
        ErrorKind::NotFound => IO_NOT_FOUND,
        ErrorKind::PermissionDenied => IO_DENIED,
        ErrorKind::AlreadyExists => IO_EXISTS,
        ErrorKind::IsADirectory => IO_IS_DIR,
        ErrorKind::NotADirectory => IO_NOT_DIR,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => IO_FULL,
        ErrorKind::ReadOnlyFilesystem => IO_READ_ONLY_FS,
        ErrorKind::ResourceBusy => IO_BUSY,
        ErrorKind::FileTooLarge => IO_TOO_LARGE,
        ErrorKind::UnexpectedEof => IO_EOF,
        ErrorKind::InvalidData => IO_INVALID,
        ErrorKind::TimedOut => IO_TIMED_OUT,
        _ => {
            let code = e
                .raw_os_error()
                .map_or_else(|| format!("{:?}", e.kind()), |c| format!("os error {c}"));
            return IO_OTHER.fill(lang, &[("code", &code)]);
        }
    };
    t.get(lang).to_string()
}

/// A file and what went wrong with it.
pub fn file(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    FILE.fill(lang, &[("path", &path.display()), ("reason", &io(e, lang))])
}

/// Why a value cannot be recorded.
pub fn value(e: &ValueError, lang: Lang) -> String {
    match e {
        ValueError::NotANumber => NOT_A_NUMBER.get(lang).to_string(),
        ValueError::Negative => NEGATIVE.get(lang).to_string(),
        ValueError::Fraction(unit) => FRACTION.fill(lang, &[("unit", unit)]),
        ValueError::NotBinary => NOT_BINARY.get(lang).to_string(),
        ValueError::TooLarge => TOO_LARGE.fill(lang, &[("max", &MAX_EXACT)]),
        ValueError::TooPrecise => TOO_PRECISE.fill(lang, &[("digits", &SIGNIFICANT_DIGITS)]),
        ValueError::Implausible { limit } => {
            IMPLAUSIBLE.fill(lang, &[("times", &PLAUSIBLE_TIMES), ("limit", limit)])
        }
    }
}

/// A `--dept` that matches nothing, with the departments the plan names.
pub fn unknown_department(e: &UnknownDepartment, lang: Lang) -> String {
    UNKNOWN_DEPARTMENT.fill(lang, &[("name", &e.name), ("known", &super::list(&e.known, lang))])
}

/// A file that is not a full backup this build reads.
pub fn backup(e: &BackupError, lang: Lang) -> String {
    match e {
        BackupError::Read { path, source } => {
            BACKUP_READ.fill(lang, &[("path", &path.display()), ("reason", &io(source, lang))])
        }
        BackupError::NotJson { path, reason } => BACKUP_NOT_JSON.fill(
            lang,
            &[("path", &path.display()), ("line", &reason.line()), ("column", &reason.column())],
        ),
        BackupError::Foreign { path } => BACKUP_FOREIGN.fill(lang, &[("path", &path.display())]),
        BackupError::Newer { path, version } => {
            BACKUP_NEWER.fill(lang, &[("path", &path.display()), ("version", version)])
        }
        BackupError::TooLarge { path, bytes, limit } => BACKUP_TOO_LARGE
            .fill(lang, &[("path", &path.display()), ("bytes", bytes), ("limit", limit)]),
        BackupError::Shape { path, why } => {
            BACKUP_SHAPE.fill(lang, &[("path", &path.display()), ("why", why)])
        }
    }
}

/// One thing wrong with a plan's log (`check`, a refused `restore`).
pub fn log_wrong(w: &crate::core::store::LogWrong, lang: Lang) -> String {
    use crate::core::store::LogWrong;
    match w {
        LogWrong::OutOfSequence { seq } => LOG_OUT_OF_SEQUENCE.fill(lang, &[("seq", seq)]),
        LogWrong::ChainBroken { seq } => LOG_CHAIN_BROKEN.fill(lang, &[("seq", seq)]),
        LogWrong::NoLink { seq } => LOG_NO_LINK.fill(lang, &[("seq", seq)]),
        LogWrong::NoTarget { seq, target } => {
            LOG_NO_TARGET.fill(lang, &[("seq", seq), ("target", target)])
        }
        LogWrong::Invalid { seq, value, why } => LOG_INVALID
            .fill(lang, &[("seq", seq), ("value", value), ("why", &self::value(why, lang))]),
        LogWrong::Discontinuous { seq, target, old, reached } => LOG_DISCONTINUOUS
            .fill(lang, &[("seq", seq), ("target", target), ("old", old), ("reached", reached)]),
    }
}

/// A ledger that could not be written.
pub fn format(e: &FormatError, lang: Lang) -> String {
    match e {
        FormatError::Io(e) => io(e, lang),
        FormatError::Xlsx(e) => XLSX.fill(lang, &[("detail", e)]),
        FormatError::Json(e) => JSON.fill(lang, &[("detail", e)]),
        FormatError::Zip(e) => ZIP.fill(lang, &[("detail", e)]),
        FormatError::Save(e) => fs(e, lang),
    }
}

/// A file that could not be written safely (see `core::secure_fs`).
pub fn fs(e: &FsError, lang: Lang) -> String {
    match e {
        FsError::Io { path, source } => {
            WRITE_FAILED.fill(lang, &[("path", &path.display()), ("reason", &io(source, lang))])
        }
        FsError::Symlink { path } => FS_SYMLINK.fill(lang, &[("path", &path.display())]),
        FsError::ForeignOwner { path, owner } => {
            FS_FOREIGN_OWNER.fill(lang, &[("path", &path.display()), ("owner", owner)])
        }
        FsError::Writable { path, mode } => {
            let mode = format!("{mode:o}");
            FS_WRITABLE.fill(lang, &[("path", &path.display()), ("mode", &mode)])
        }
        FsError::NotAFile { path } => FS_NOT_A_FILE.fill(lang, &[("path", &path.display())]),
    }
}

/// A shared database that cannot be set up safely.
pub fn shared(e: &SharedError, lang: Lang) -> String {
    match e {
        SharedError::NoGroup(group) => NO_GROUP.fill(lang, &[("group", group)]),
        SharedError::NetworkFs { path, fstype } => {
            NETWORK_FS.fill(lang, &[("path", &path.display()), ("fstype", fstype)])
        }
        SharedError::OpenToOthers { path, mode } => {
            OPEN_TO_OTHERS.fill(lang, &[("path", &path.display()), ("mode", &format!("{mode:o}"))])
        }
        SharedError::Io { path, source } => file(path, source, lang),
        SharedError::NotADatabase { path } => {
            NOT_OUR_DATABASE.fill(lang, &[("path", &path.display())])
        }
        SharedError::Fs(e) => fs(e, lang),
        SharedError::Store(e) => store(e, lang),
    }
}

/// A settings file or value that cannot be used.
pub fn settings(e: &SettingsError, lang: Lang) -> String {
    match e {
        SettingsError::NotBool(value) => SETTING_BOOL.fill(lang, &[("value", value)]),
        SettingsError::NotLang(value) => SETTING_LANG.fill(lang, &[("value", value)]),
        SettingsError::EmptyDb => SETTING_EMPTY_DB.get(lang).to_string(),
        SettingsError::Unknown(key) => SETTING_UNKNOWN.fill(lang, &[("key", key)]),
        SettingsError::NotKeyValue { line } => SETTING_LINE.fill(lang, &[("line", line)]),
        SettingsError::AtLine { line, source } => {
            SETTING_AT_LINE.fill(lang, &[("line", line), ("reason", &settings(source, lang))])
        }
        SettingsError::NoHome => SETTING_NO_HOME.get(lang).to_string(),
        SettingsError::File { path, source } => {
            FILE.fill(lang, &[("path", &path.display()), ("reason", &settings(source, lang))])
        }
        SettingsError::Io { path, source } => file(path, source, lang),
    }
}

/// A plan file that cannot be imported.
pub fn import(e: &ImportError, lang: Lang) -> String {
    super::import::error(e, lang)
}

/// Words any error a command ends with: the first error of the chain this catalogue knows
/// is worded whole (it says what its sources add); text before it (contexts) is kept.
pub fn chain(e: &anyhow::Error, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        if let Some(words) = known(cause, lang) {
            parts.push(words);
            break;
        }
        let text = cause.to_string();
        // A foreign error often repeats its source in its own message: say each part once.
        if !parts.last().is_some_and(|prev| prev.ends_with(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

/// The words for an error of a type this catalogue knows.
fn known(e: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    if let Some(e) = e.downcast_ref::<StoreError>() {
        return Some(store(e, lang));
    }
    if let Some(e) = e.downcast_ref::<crate::core::store::Refusal>() {
        return Some(refusals::refusal(e, lang));
    }
    if let Some(e) = e.downcast_ref::<crate::cli::CliError>() {
        return Some(cli::error(e, lang));
    }
    if let Some(e) = e.downcast_ref::<ValueError>() {
        return Some(value(e, lang));
    }
    if let Some(e) = e.downcast_ref::<UnknownDepartment>() {
        return Some(unknown_department(e, lang));
    }
    if let Some(e) = e.downcast_ref::<BackupError>() {
        return Some(backup(e, lang));
    }
    if let Some(e) = e.downcast_ref::<FormatError>() {
        return Some(format(e, lang));
    }
    if let Some(e) = e.downcast_ref::<SharedError>() {
        return Some(shared(e, lang));
    }
    if let Some(e) = e.downcast_ref::<SettingsError>() {
        return Some(settings(e, lang));
    }
    if let Some(e) = e.downcast_ref::<ImportError>() {
        return Some(import(e, lang));
    }
    if let Some(e) = e.downcast_ref::<std::io::Error>() {
        return Some(io(e, lang));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::CliError;
    use std::path::PathBuf;

    /// Chinese words, but for the names and paths the errors carry.
    fn chinese_only(text: &str) {
        let words = super::super::english_words(text);
        assert!(words.iter().all(|w| ["srv", "plan"].contains(&w.as_str())), "{text}: {words:?}");
    }

    #[test]
    fn errors_read_in_chinese_and_in_english() {
        let path = || PathBuf::from("/srv/yaodian.redb");
        let io = |kind| std::io::Error::from(kind);
        let stores = [
            StoreError::Missing { path: path() },
            StoreError::NotAFile { path: path() },
            StoreError::Empty { path: path() },
            StoreError::Foreign { path: path() },
            StoreError::Exists { path: path() },
            StoreError::NewerSchema { path: path(), found: 9, supported: 3 },
            StoreError::Io { path: path(), source: io(ErrorKind::PermissionDenied) },
            StoreError::Io { path: path(), source: std::io::Error::from_raw_os_error(5) },
            StoreError::LockProtocol { path: path() },
            StoreError::Codec { table: "targets", source: CodecError::NewerFormat(9) },
            StoreError::NotBulk,
        ];
        for e in &stores {
            chinese_only(&store(e, Lang::Zh));
            assert!(!super::super::has_chinese(&store(e, Lang::En)), "{e}");
        }
        assert_eq!(store(&stores[0], Lang::En), stores[0].to_string());
        for e in [
            ValueError::NotANumber,
            ValueError::Negative,
            ValueError::NotBinary,
            ValueError::TooLarge,
            ValueError::TooPrecise,
            ValueError::Implausible { limit: "100000".into() },
        ] {
            chinese_only(&value(&e, Lang::Zh));
            assert_eq!(value(&e, Lang::En), e.to_string());
        }
        let dept = UnknownDepartment { name: "财务".into(), known: vec!["办公室".into()] };
        chinese_only(&unknown_department(&dept, Lang::Zh));
        assert_eq!(unknown_department(&dept, Lang::En), dept.to_string());
        for e in [
            BackupError::Foreign { path: path() },
            BackupError::Newer { path: path(), version: 9 },
            BackupError::Read { path: path(), source: io(ErrorKind::NotFound) },
        ] {
            chinese_only(&backup(&e, Lang::Zh));
        }
        for e in [
            SharedError::NoGroup("tiyu".into()),
            SharedError::OpenToOthers { path: path(), mode: 0o755 },
        ] {
            let zh = shared(&e, Lang::Zh);
            assert!(zh.contains("tiyu") || zh.contains("755"), "{zh}");
            chinese_only(&zh.replace("tiyu", ""));
        }
        for e in [
            SettingsError::NotKeyValue { line: 2 },
            SettingsError::AtLine { line: 1, source: Box::new(SettingsError::EmptyDb) },
            SettingsError::NoHome,
        ] {
            chinese_only(&settings(&e, Lang::Zh));
            assert_eq!(settings(&e, Lang::En), e.to_string());
        }
        for e in [
            CliError::NoHome,
            CliError::FullNeedsJson,
            CliError::NeedsOutput { format: "xlsx" },
            CliError::Problems { count: 2 },
            CliError::NotANumber { text: "12".into(), reason: ValueError::NotANumber },
            CliError::Write { path: path(), source: io(ErrorKind::StorageFull) },
        ] {
            chinese_only(&cli::error(&e, Lang::Zh));
            assert!(!super::super::has_chinese(&cli::error(&e, Lang::En)), "{e}");
        }
    }

    #[test]
    fn a_chain_is_worded_from_its_first_known_error() {
        let e = anyhow::Error::from(StoreError::Missing { path: "/srv/y.redb".into() })
            .context("opening");
        assert_eq!(chain(&e, Lang::Zh), "opening: /srv/y.redb：没有这个数据库");
        let e = anyhow::anyhow!("plain words");
        assert_eq!(chain(&e, Lang::Zh), "plain words");
    }
}
