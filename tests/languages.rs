//! One language at a time: the real binary, on the demo database and on bad input, speaks
//! Chinese only with `--lang zh` (no English word outside names, ids, paths and commands)
//! and English only with `--lang en` (no Chinese outside the plan's own text).

use std::path::{Path, PathBuf};
use std::process::Command;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        let env = Env { dir: tempfile::tempdir().expect("tempdir") };
        let out = env.command("zh").args(["demo", "--keep"]).arg(env.db()).output().expect("demo");
        assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
        std::fs::write(env.bad_plan(), "这不是计划\n只有两行字\n").expect("bad plan");
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("demo.redb")
    }

    fn bad_plan(&self) -> PathBuf {
        self.dir.path().join("bad-plan.txt")
    }

    fn command(&self, lang: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_yaodian"));
        c.env_remove("YAODIAN_DB")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("LANG", "C.UTF-8")
            .env("USER", "wang")
            .args(["--lang", lang]);
        c
    }

    /// Everything a command prints, standard output and error, with the paths of this test
    /// taken out (a path is a name).
    fn said(&self, lang: &str, args: &[String]) -> String {
        let mut c = self.command(lang);
        let args: Vec<String> =
            args.iter().map(|a| a.replace("DB", &self.db().display().to_string())).collect();
        if !args.iter().any(|a| a == "--db") {
            c.arg("--db").arg(self.db());
        }
        let out = c.args(&args).output().expect("run yaodian");
        let code = out.status.code().expect("exit code");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(code <= 2, "yaodian {args:?}: exit {code}: {text}");
        let mut text = text.replace(&self.dir.path().display().to_string(), " ");
        for path in [samples().display().to_string(), bundled().display().to_string()] {
            text = text.replace(&path, " ");
        }
        text
    }
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/plans/education.txt")
}

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2023-work-plan.txt")
}

/// The commands checked, each in both languages: every command a user reads from, and the
/// error paths (unknown target, bad value, missing database, bad --today, bad plan file,
/// a mistyped command).
fn commands() -> Vec<Vec<String>> {
    let sample = samples().display().to_string();
    let lines: &[&[&str]] = &[
        &["status"],
        &["status", "--dept", "办公室"],
        &["targets"],
        &["log"],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
        &["export", "--format", "csv", "--by", "department"],
        &["reported"],
        &["brief", "--user", "wang"],
        &["brief", "--user", "li"],
        &["plans"],
        &["roles"],
        &["check"],
        &["plan-settings"],
        &["config"],
        &["import", "--dry-run", &sample],
        &["import", "--dry-run", "BAD"],
        &["import", "BAD"],
        &["set", "99.9", "5"],
        &["set", "13.1", "abc"],
        &["set", "13.1", "99999999999999999999999"],
        &["status", "--dept", "没有的科室"],
        &["--db", "/nonexistent/typo/yaodian.redb", "status"],
        &["--today", "2023-13-45", "status"],
        &["--today", "2023-06-30", "log"],
        &["export", "--format", "xlsx"],
        &["stauts"],
        &["set", "13.1"],
        &["--lang", "fr", "status"],
        &["export", "--format", "pdf"],
        &["export", "--period", "2023-13"],
        &["import", "/nonexistent/plan.txt"],
        &["demo", "--keep", "DB"],
    ];
    lines.iter().map(|l| l.iter().map(|a| a.to_string()).collect()).collect()
}

/// Words a Chinese screen may hold besides the catalogue's own names: the demo's users,
/// the plan's file names, the pieces of a usage line.
const ALSO: &[&str] = &[
    "wang",
    "li",
    "zhang",
    "zhao",
    "chen",
    "root",
    "yaodian",
    "redb",
    "txt",
    "md",
    "nonexistent",
    "typo",
    "stauts",
    "abc",
    "fr",
    "pdf",
    "bad",
    "OPTIONS",
    "COMMAND",
    "KEY",
    "VALUE",
    "DATE",
    "ID",
    "NOTE",
    "BAD",
    "TARGET",
    "FORMAT",
    "PERIOD",
    "period",
    "settings",
];

/// The ASCII words of a Chinese text that are neither names nor the catalogue's names.
fn english_in(text: &str) -> Vec<String> {
    let names: Vec<&str> =
        yaodian::i18n::NAMES.split_whitespace().chain(ALSO.iter().copied()).collect();
    // a hash (the log's head, 64 hex digits) is a number, not a word
    let text: String = text
        .split_whitespace()
        .filter(|w| !(w.len() >= 16 && w.chars().all(|c| c.is_ascii_hexdigit())))
        .collect::<Vec<_>>()
        .join(" ");
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphabetic() && c != '_')
        .filter(|w| w.len() > 1 || w.chars().any(|c| c.is_ascii_uppercase()))
        .filter(|w| !names.contains(w))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff01}'..='\u{ff5e}').contains(&c)
}

/// The runs of Chinese in an English text that are not the plan's own words (or the demo's
/// notes, which its users wrote).
fn chinese_in(text: &str, plan: &str) -> Vec<String> {
    // Markdown escapes a redaction
    let text = text.replace("\\*", "*");
    let mut runs: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        // a redaction and a middle dot sit inside names; they carry no language
        if is_cjk(c) || (!run.is_empty() && (c == '*' || c == '·')) {
            run.push(c);
        } else if !run.is_empty() {
            let word = run.trim_end_matches(['*', '·']).to_string();
            if !plan.contains(&word) {
                runs.push(word);
            }
            run.clear();
        }
    }
    runs.sort();
    runs.dedup();
    runs
}

#[test]
fn each_language_alone() {
    let env = Env::new();
    let demo_notes =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core/demo.rs"))
            .expect("demo notes");
    // the plan's own text: as written, and as stored (names the importer cut from it, as
    // the JSON of the data has them)
    let mut plan = [
        std::fs::read_to_string(bundled()).expect("bundled plan"),
        // the sample is GBK; its source is the same text in UTF-8
        std::fs::read_to_string(samples().with_extension("src.txt")).expect("sample plan"),
        demo_notes,
    ]
    .concat();
    let sample_db = env.dir.path().join("sample.redb").display().to_string();
    let sample = samples().display().to_string();
    env.said("en", &["--db".into(), sample_db.clone(), "import".into(), sample]);
    for data in [
        &["targets", "--json"][..],
        &["status", "--json"],
        &["log", "--json"],
        &["--db", &sample_db, "targets", "--json"],
    ] {
        let data: Vec<String> = data.iter().map(|a| a.to_string()).collect();
        plan.push_str(&env.said("en", &data));
    }
    let mut problems = Vec::new();
    for args in commands() {
        let args: Vec<String> = args
            .iter()
            .map(|a| if a == "BAD" { env.bad_plan().display().to_string() } else { a.clone() })
            .collect();
        let zh = env.said("zh", &args);
        let words = english_in(&zh);
        if !words.is_empty() {
            problems.push(format!("--lang zh {args:?}: English {words:?} in\n{zh}"));
        }
        let en = env.said("en", &args);
        // what the user typed is theirs
        let runs = chinese_in(&en, &format!("{plan}{}", args.join(" ")));
        if !runs.is_empty() {
            problems.push(format!("--lang en {args:?}: Chinese {runs:?} in\n{en}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_checks_can_fail() {
    assert_eq!(english_in("已导入 progress imported：3 项"), ["imported", "progress"]);
    assert!(english_in("yaodian set 13.1 64：已记录").is_empty());
    assert_eq!(chinese_in("13.1 新建场地 behind, 滞后", "新建场地100处"), ["滞后"]);
    assert_eq!(chinese_in("Lead: 办公室、群众**科", "办公室 群众**科"), ["办公室、群众**科"]);
}
