//! The command line as a script uses it: the real binary, a temporary database.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("p.redb")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_yaodian"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("YAODIAN_DB")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("XDG_DATA_HOME")
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("run yaodian")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "yaodian {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }

    /// Runs a command that must fail cleanly: exit 1 or 2, no panic.
    fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let code = out.status.code().expect("exit code");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(code == 1 || code == 2, "yaodian {args:?}: exit {code}, stderr {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    }
}

fn bundled() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/2023-work-plan.txt"))
}

fn target<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array()
        .expect("array")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no target {id}"))
}

#[test]
fn import_then_status_json_shows_the_bundled_plan() {
    let env = Env::new();
    let summary = env.ok(&["import", bundled().to_str().expect("path")]);
    assert!(summary.contains("21 items"), "{summary}");
    assert!(summary.contains("11"), "diagnostic about the missing item 11: {summary}");
    let status = env.json(&["status", "--json"]);
    assert_eq!(status["plan"]["id"], "2023");
    assert_eq!(status["plan"]["year"], 2023);
    assert_eq!(status["plan"]["start"], "2023-01-01");
    assert_eq!(status["plan"]["end"], "2023-12-31");
    let themes = status["themes"].as_array().expect("themes");
    assert_eq!(themes.len(), 6);
    let items: Vec<&Value> =
        themes.iter().flat_map(|t| t["items"].as_array().expect("items")).collect();
    assert_eq!(items.len(), 21);
    let item13 = items.iter().find(|i| i["id"] == "13").expect("item 13");
    assert_eq!(item13["departments"][0]["name"], "群众**科");
    assert_eq!(item13["departments"][0]["role"], "lead");
    let goals: Vec<f64> = item13["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| t["goal"].as_f64().expect("goal"))
        .collect();
    assert_eq!(goals, vec![100.0, 8000.0, 3.0, 100.0]);
    for key in ["id", "item", "kind", "name", "goal", "unit", "value", "progress", "expected"] {
        assert!(item13["targets"][0].get(key).is_some(), "target has {key}");
    }
    for key in ["status", "due", "parent"] {
        assert!(item13["targets"][0].get(key).is_some(), "target has {key}");
    }

    let targets = env.json(&["targets", "--json"]);
    let list = targets.as_array().expect("list");
    let quantities = list.iter().filter(|t| t["kind"] == "quantity").count();
    let milestones = list.iter().filter(|t| t["kind"] == "milestone").count();
    assert_eq!((quantities, milestones), (11, 7));
    let sub = list.iter().find(|t| t["goal"] == 100.0 && t["unit"] == "场").expect("sub-target");
    let parent = target(&targets, sub["parent"].as_str().expect("parent id"));
    assert_eq!(parent["goal"], 300.0);
}

#[test]
fn writes_survive_a_restart_and_land_in_the_log() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let out = env.ok(&["set", "13.1", "64", "--note", "莱山区新增6处"]);
    assert!(out.contains("0 → 64"), "{out}");
    env.ok(&["add", "13.1", "6"]);
    env.ok(&["add", "13.1", "-2"]);
    env.ok(&["note", "13", "已完成选址"]);
    let milestone = env.json(&["targets", "--json"]);
    let m = milestone
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["kind"] == "milestone")
        .expect("a milestone");
    let mid = m["id"].as_str().expect("id").to_string();
    env.ok(&["done", &mid]);

    // a new process reads what the old ones wrote
    let targets = env.json(&["targets", "--json"]);
    assert_eq!(target(&targets, "13.1")["value"], 68.0);
    assert_eq!(target(&targets, &mid)["value"], 1.0);
    assert_eq!(target(&targets, &mid)["status"], "done");
    let log = env.json(&["log", "13.1", "--json"]);
    let log = log.as_array().expect("log");
    assert_eq!(log.len(), 3);
    assert_eq!(log[0]["old"], 0.0);
    assert_eq!(log[0]["new"], 64.0);
    assert_eq!(log[0]["note"], "莱山区新增6处");
    for key in ["at", "user", "target", "old", "new", "note"] {
        assert!(log[0].get(key).is_some(), "log entry has {key}");
    }
    let status = env.json(&["status", "--json"]);
    let note = status["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .flat_map(|t| t["items"].as_array().expect("items"))
        .find(|i| i["id"] == "13")
        .expect("item")["note"]
        .clone();
    assert_eq!(note, "已完成选址");
    let all = env.json(&["log", "--json"]);
    assert_eq!(all.as_array().expect("log").len(), 5);

    let undo = env.ok(&["undo"]);
    assert!(undo.contains("undo"), "{undo}");
    let targets = env.json(&["targets", "--json"]);
    assert_eq!(target(&targets, &mid)["value"], 0.0);
}

#[test]
fn the_user_variable_does_not_change_who_wrote() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .args(["--db"])
        .arg(env.db())
        .args(["add", "13.2", "1"])
        .env("USER", "someone-else")
        .env("LOGNAME", "someone-else")
        .output()
        .expect("run");
    assert!(out.status.success());
    let log = env.json(&["log", "--json"]);
    let user = log[0]["user"].as_str().expect("user");
    assert_ne!(user, "someone-else");
    assert!(!user.is_empty());
}

#[test]
fn first_use_imports_the_bundled_plan_and_says_so() {
    let env = Env::new();
    let out = env.run(&["status", "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bundled plan"), "{err}");
    let status: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(status["themes"].as_array().expect("themes").len(), 6);
    // the second time it says nothing
    let again = env.run(&["status"]);
    assert!(again.stderr.is_empty(), "{}", String::from_utf8_lossy(&again.stderr));
}

#[test]
fn reimport_is_refused_without_replace_and_keeps_history_with_it() {
    let env = Env::new();
    let plan = bundled().to_str().expect("path");
    env.ok(&["import", plan]);
    env.ok(&["set", "13.1", "10"]);
    let err = env.refused(&["import", plan]);
    assert!(err.contains("--replace"), "{err}");
    env.ok(&["import", plan, "--replace"]);
    assert_eq!(target(&env.json(&["targets", "--json"]), "13.1")["value"], 10.0);
    assert_eq!(env.json(&["log", "--json"]).as_array().expect("log").len(), 1);
}

#[test]
fn bad_input_is_refused_cleanly_and_writes_nothing() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let before = std::fs::read(env.db()).expect("db");
    let cases: &[&[&str]] = &[
        &["set", "99.9", "1"],
        &["set", "13.1", "abc"],
        &["set", "13.1", "-5"],
        &["set", "13.1", "1.5"],
        &["add", "13.1", "-1"],
        &["add", "13.1", "NaN"],
        &["done", "nope"],
        &["note", "77", "x"],
        &["log", "nope"],
        &["status", "--dept", "不存在的科"],
        &["--plan", "1999", "status"],
        &["import", "/nonexistent/plan.txt"],
    ];
    for args in cases {
        let err = env.refused(args);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    let dir = env.dir.path();
    std::fs::write(dir.join("latin1.txt"), [0xd2u8, 0xbb, 0xa1, 0xa2, 0xff]).expect("write");
    std::fs::write(dir.join("empty.txt"), "").expect("write");
    std::fs::write(dir.join("prose.txt"), "这只是一段没有任何结构的文字。\nhello\n")
        .expect("write");
    for f in ["latin1.txt", "empty.txt", "prose.txt"] {
        let p = dir.join(f);
        let err = env.refused(&["import", p.to_str().expect("path")]);
        assert_eq!(err.trim_end().lines().count(), 1, "{f}: {err}");
    }
    assert!(std::fs::read(env.db()).expect("db") == before, "the database changed");
}

#[test]
fn a_malformed_command_line_gets_clap_s_whole_message_and_exit_2() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let before = std::fs::read(env.db()).expect("db");
    let cases: &[(&[&str], &str)] = &[
        (&["set", "13.1"], "<VALUE>"),
        (&["stauts"], "'status'"),
        (&["frobnicate"], "frobnicate"),
        (&["status", "--as-of", "2023-02-30"], "YYYY-MM-DD"),
        (&["config", "colour", "red"], "possible values"),
    ];
    for (args, names) in cases {
        let out = env.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(names), "{args:?} does not name {names}: {err}");
        assert!(err.contains("try '--help'"), "{args:?}: not clap's whole message: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let missing = env.run(&["set", "13.1"]);
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(err.contains("Usage: yaodian set <TARGET> <VALUE>"), "{err}");
    assert!(std::fs::read(env.db()).expect("db") == before, "the database changed");
}

#[test]
fn help_lists_each_command_s_own_arguments_once_with_an_example() {
    let env = Env::new();
    let help = env.ok(&["set", "--help"]);
    for line in ["<TARGET>  Target id", "<VALUE>", "--note <TEXT>", "Example:", "Global options"] {
        assert!(help.contains(line), "set --help lacks {line:?}: {help}");
    }
    assert!(!help.contains("--readonly  "), "a global option is listed again: {help}");
    let top = env.ok(&["--help"]);
    assert_eq!(top.matches("--readonly").count(), 1, "{top}");
    let pace = env.ok(&["help", "pace"]);
    assert!(pace.contains("0.8 × the expected share") && pace.contains("5 %"), "{pace}");
    // the global options still work after the command
    env.ok(&["import", bundled().to_str().expect("path")]);
    env.ok(&["status", "--readonly", "--lang", "en"]);
    let version = env.ok(&["--version"]);
    assert!(version.contains("schema") && version.contains("redb 4.6.0"), "{version}");
}

#[test]
fn a_database_that_is_not_ours_is_refused_untouched() {
    let env = Env::new();
    let dir = env.dir.path();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "random.redb",
            (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(),
        ),
        ("empty.redb", Vec::new()),
        ("text.redb", "一、二、三".as_bytes().to_vec()),
    ];
    for (name, bytes) in cases {
        let p = dir.join(name);
        std::fs::write(&p, &bytes).expect("write");
        let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
            .arg("--db")
            .arg(&p)
            .args(["status"])
            .output()
            .expect("run");
        let code = out.status.code().expect("code");
        assert!(code != 0 && code != 101, "{name}: exit {code}");
        assert!(std::fs::read(&p).expect("read") == bytes, "{name} changed");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .arg("--db")
        .arg(dir)
        .arg("status")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("directory"));
}

#[test]
fn department_filter_and_human_status() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let status = env.json(&["status", "--json", "--dept", "产业"]);
    let ids: Vec<String> = status["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .flat_map(|t| t["items"].as_array().expect("items"))
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect();
    assert_eq!(ids, vec!["16", "17", "18", "19"]);
    let text = env.ok(&["status"]);
    assert!(text.contains("市体育局2023年工作要点"), "{text}");
    assert!(text.contains("13.1"), "{text}");
}

#[test]
fn settings_are_remembered_and_validated() {
    let env = Env::new();
    env.ok(&["config", "lang", "zh"]);
    let shown = env.ok(&["config"]);
    assert!(shown.contains("lang = zh"), "{shown}");
    // the remembered language applies when --lang is not given (LANG is en_US here)
    env.ok(&["import", bundled().to_str().expect("path")]);
    let text = env.ok(&["status"]);
    assert!(text.contains("进度"), "{text}");
    let err = env.refused(&["config", "lang", "fr"]);
    assert!(err.contains("zh or en"), "{err}");
    env.refused(&["config", "colour", "red"]);
    std::fs::write(env.dir.path().join("config/yaodian/settings"), "ascii = maybe\n")
        .expect("write");
    let err = env.refused(&["status"]);
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn import_reads_office_files_and_dry_run_writes_nothing() {
    let env = Env::new();
    let plans = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/plans/");
    let out = env.ok(&["import", "--dry-run", &format!("{plans}district-tasks.xlsx")]);
    assert!(out.contains("Excel task table"), "{out}");
    assert!(out.contains("[lead] 区发展改革局  [support] 区投资促进中心"), "{out}");
    assert!(out.contains("down <= 10 起"), "{out}");
    assert!(out.contains("nothing was written"), "{out}");
    assert!(!env.db().exists(), "a dry run creates no database");
    let out = env.ok(&["--lang", "zh", "import", &format!("{plans}education.txt")]);
    assert!(out.contains("GB18030"), "{out}");
    let targets = env.json(&["targets", "--json"]);
    let down = target(&targets, "1.1");
    assert_eq!(down["direction"], "up");
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("plan.doc");
    std::fs::write(&doc, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).expect("write");
    let err = env.refused(&["--lang", "zh", "import", doc.to_str().expect("path")]);
    assert!(err.contains("另存为"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

/// Attack 5 of docs/SECURITY.md: endless or huge input is refused in bounded time and
/// memory, and changes nothing.
#[test]
fn unbounded_input_is_refused() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("utf-8")]);
    let before = std::fs::read(env.db()).expect("read");
    for args in [&["import", "/dev/zero"][..], &["restore", "/dev/zero"]] {
        let started = std::time::Instant::now();
        let err = env.refused(args);
        assert!(err.contains("bytes"), "{args:?}: {err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "{args:?}");
    }
    // one line of 50 MB (the file that once made 2.5M targets), and one just under the
    // 32 MiB file limit: refused by size, then by line length
    for (bytes, says) in [(50 << 20, "bytes"), ((32 << 20) - 1, "line 1 has")] {
        let one_line = env.dir.path().join("one-line.txt");
        let mut text = b"1. ".to_vec();
        text.resize(bytes, b'a');
        std::fs::write(&one_line, &text).expect("write");
        let err = env.refused(&["import", "--replace", one_line.to_str().expect("utf-8")]);
        assert!(err.contains(says), "{bytes} bytes: {err}");
    }
    // a backup of a plan with an item of 101 targets: a shape the importer never makes
    let full = env.dir.path().join("full.json");
    env.ok(&["export", "--format", "json", "--full", "-o", full.to_str().expect("utf-8")]);
    let mut backup: Value =
        serde_json::from_slice(&std::fs::read(&full).expect("read")).expect("json");
    backup["plan"]["id"] = "2099".into();
    let first = backup["plan"]["targets"][0].clone();
    let targets = backup["plan"]["targets"].as_array_mut().expect("targets");
    for k in 0..101 {
        let mut t = first.clone();
        t["id"] = format!("x.{k}").into();
        targets.push(t);
    }
    backup["updates"] = Value::Array(Vec::new());
    std::fs::write(&full, serde_json::to_vec(&backup).expect("json")).expect("write");
    let err = env.refused(&["restore", full.to_str().expect("utf-8")]);
    assert!(err.contains("targets (at most 100)"), "{err}");
    assert!(std::fs::read(env.db()).expect("read") == before, "nothing written");
}

/// A refused grant is refused from a read snapshot: not one byte of the file changes.
#[test]
fn a_refused_grant_changes_no_byte() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("utf-8")]);
    env.ok(&["grant", "boss", "--admin"]);
    let before = std::fs::read(env.db()).expect("read");
    env.refused(&["grant", "someone", "--admin"]);
    env.refused(&["revoke", "boss"]);
    assert!(std::fs::read(env.db()).expect("read") == before);
}
