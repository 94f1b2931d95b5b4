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
fn stale_targets_are_marked_and_listed() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    // on 09-30 nothing has been updated since the year began: every open target is stale
    let today = ["--today", "2023-09-30"];
    env.ok(&["set", "13.1", "64"]);
    let all = env.json(&[today[0], today[1], "targets", "--json"]);
    let list = all.as_array().expect("list");
    assert!(list.iter().all(|t| t["stale"].is_boolean()), "every target says stale or not");
    assert_eq!(target(&all, "13.1")["stale"], false, "just updated");
    assert_eq!(target(&all, "13.2")["stale"], true, "never updated since 01-01");
    let stale = env.json(&[today[0], today[1], "targets", "--stale", "--json"]);
    let ids: Vec<&str> =
        stale.as_array().expect("list").iter().map(|t| t["id"].as_str().expect("id")).collect();
    let expected: Vec<&str> =
        list.iter().filter(|t| t["stale"] == true).map(|t| t["id"].as_str().expect("id")).collect();
    assert_eq!(ids, expected);
    assert!(!ids.contains(&"13.1"));
    let human = env.ok(&[today[0], today[1], "targets", "--stale"]);
    let marked = |l: &str| l.ends_with("久未更新") || l.ends_with(" stale");
    assert!(!human.is_empty() && human.lines().all(marked), "{human}");
    // status --json: on targets and items alike
    let status = env.json(&[today[0], today[1], "status", "--json"]);
    for theme in status["themes"].as_array().expect("themes") {
        for item in theme["items"].as_array().expect("items") {
            assert!(item["stale"].is_boolean(), "{}", item["id"]);
            for t in item["targets"].as_array().expect("targets") {
                assert!(t["stale"].is_boolean(), "{}", t["id"]);
            }
        }
    }
    // the year is over: nothing is expected, nothing is stale
    let late = env.json(&["--today", "2024-02-01", "targets", "--stale", "--json"]);
    assert_eq!(late.as_array().map(Vec::len), Some(0));
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
    // Only the default personal database is made on first use.
    let default = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_yaodian"))
            .args(args)
            .env_remove("YAODIAN_DB")
            .env("HOME", env.dir.path())
            .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
            .env_remove("XDG_DATA_HOME")
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("run yaodian")
    };
    let out = default(&["status", "--json"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bundled plan"), "{err}");
    let status: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(status["themes"].as_array().expect("themes").len(), 6);
    assert!(env.dir.path().join(".local/share/yaodian/yaodian.redb").exists());
    // the second time it says nothing
    let again = default(&["status"]);
    assert!(again.stderr.is_empty(), "{}", String::from_utf8_lossy(&again.stderr));
}

/// A database named on the command line (or by YAODIAN_DB, or the settings) that does not
/// exist is an error naming it and how to make it, for every command but those that make
/// one; nothing is created (on a shared server an update written to a mistyped path would
/// be lost to a file nobody reads). `--readonly` says the file does not exist.
#[test]
fn a_mistyped_database_path_is_an_error_not_a_new_database() {
    let env = Env::new();
    let typo = env.dir.path().join("srv/typo/yaodain.redb");
    let t = typo.to_str().expect("path");
    for args in [
        &["--db", t, "set", "13.1", "64"][..],
        &["--db", t, "status"],
        &["--db", t, "log"],
        &["--db", t, "plans"],
        &["--db", t, "grant", "wang", "--admin"],
        &["--db", t],
        &["--db", t, "--readonly", "status"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
            .args(args)
            .env_remove("YAODIAN_DB")
            .env("HOME", env.dir.path())
            .env("LANG", "en_US.UTF-8")
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(t) && err.contains("no such database"), "{args:?}: {err}");
        assert!(err.contains("yaodian init --db"), "{args:?}: {err}");
        assert!(!err.contains("read-only"), "{args:?}: {err}");
        assert!(!env.dir.path().join("srv").exists(), "{args:?} created directories");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .args(["status"])
        .env("YAODIAN_DB", &typo)
        .env("HOME", env.dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(!typo.exists());
    // the commands that make a database still do
    let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .args(["--db", t, "init"])
        .env_remove("YAODIAN_DB")
        .env("HOME", env.dir.path())
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(typo.exists());
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
        &["set", "13.1", "99999999999999999999999"],
        &["set", "13.1", "100001"],
        &["add", "13.1", "100001"],
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
        .args(["--lang", "en", "status"])
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
    // errors too: in the remembered language
    let err = env.refused(&["config", "lang", "fr"]);
    assert!(err.contains("“fr”不是 zh 或 en"), "{err}");
    env.refused(&["config", "colour", "red"]);
    std::fs::write(env.dir.path().join("config/yaodian/settings"), "ascii = maybe\n")
        .expect("write");
    let err = env.refused(&["status"]);
    assert!(err.contains("line 1"), "{err}");
}

/// Milliseconds of a local time (the binary reads periods in the same zone).
fn local(text: &str) -> i64 {
    use chrono::TimeZone;
    let t = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time");
    chrono::Local.from_local_datetime(&t).earliest().expect("local time").timestamp_millis()
}

/// Item ids a department leads in the bundled plan, in plan order.
fn led_by(env: &Env, dept: &str) -> Vec<String> {
    let status = env.json(&["status", "--json"]);
    let mut ids = Vec::new();
    for theme in status["themes"].as_array().expect("themes") {
        for item in theme["items"].as_array().expect("items") {
            let leads = item["departments"].as_array().expect("departments");
            if leads.iter().any(|d| d["name"] == dept && d["role"] == "lead") {
                ids.push(item["id"].as_str().expect("id").to_string());
            }
        }
    }
    ids
}

#[test]
fn reported_follows_the_period_rule_at_its_edges() {
    use yaodian::core::edit::Edit;
    use yaodian::core::identity::Actor;
    use yaodian::core::store::{OpenOptions, Store};
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let mass = led_by(&env, "群众**科");
    assert!(mass.len() >= 2, "{mass:?}");
    {
        let store = Store::open(&env.db(), OpenOptions::default()).expect("open");
        // li, of a supporting department, writes the notes: they count for the item
        let li = Actor { user: "li".into(), uid: 1002 };
        let (last, rest) = mass.split_last().expect("items");
        for item in rest {
            let edit = Edit::Note { item: item.clone(), text: "按计划推进".into() };
            store.apply_at("2023", &edit, "", &li, local("2023-06-25 23:59")).expect("note");
        }
        let edit = Edit::Note { item: last.clone(), text: "次日报送".into() };
        store.apply_at("2023", &edit, "", &li, local("2023-06-26 00:00")).expect("note");
    }
    let june = env.json(&["--today", "2023-06-20", "reported", "--json"]);
    assert_eq!(june["period"], "2023-06");
    assert_eq!(june["from"], "2023-05-26");
    assert_eq!(june["due"], "2023-06-25");
    assert_eq!(june["days_left"], 5);
    let dept = |v: &Value, name: &str| {
        v["departments"].as_array().expect("list").iter().find(|d| d["name"] == name).cloned()
    };
    let m = dept(&june, "群众**科").expect("群众**科");
    assert_eq!(m["reported"], false);
    let missing: Vec<&str> = m["missing"]
        .as_array()
        .expect("missing")
        .iter()
        .map(|i| i["id"].as_str().expect("id"))
        .collect();
    assert_eq!(missing, [mass.last().expect("last").as_str()], "23:59 counts, 00:00 does not");
    assert_eq!(m["items"], mass.len());
    let office = dept(&june, "办公室").expect("办公室");
    assert_eq!(office["reported"], false);
    assert_eq!(office["last_report"], Value::Null);
    // the next period has the midnight note only
    let july = env.json(&["reported", "--period", "2023-07", "--json"]);
    let m = dept(&july, "群众**科").expect("群众**科");
    assert_eq!(m["missing"].as_array().expect("missing").len(), mass.len() - 1);
    // people read it too
    let text = env.ok(&["--today", "2023-06-20", "reported"]);
    assert!(text.contains("reports 2023-06 (2023-05-26 – 2023-06-25"), "{text}");
    assert!(text.contains("due 06-25, 5 days left"), "{text}");
    assert!(text.contains("MISSING  群众**科"), "{text}");
    // a bad period is one line
    let err = env.refused(&["reported", "--period", "2023-13"]);
    assert!(err.contains("not a period"), "{err}");
}

#[test]
fn plan_settings_are_an_admins_logged_change() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    let shown = env.json(&["plan-settings", "--json"]);
    assert_eq!(shown, serde_json::json!({"rhythm": "monthly", "due_day": 25, "stale_days": 30}));
    let out = env.ok(&["plan-settings", "--rhythm", "quarterly", "--due-day", "10"]);
    assert!(out.contains("quarterly, by day 10"), "{out}");
    let shown = env.json(&["plan-settings", "--json"]);
    assert_eq!(shown["rhythm"], "quarterly");
    assert_eq!(shown["due_day"], 10);
    let log = env.json(&["log", "--json"]);
    let last = log.as_array().expect("log").last().expect("entry").clone();
    assert_eq!(last["kind"], "settings");
    assert_eq!(last["old"]["rhythm"], "monthly");
    let q = env.json(&["--today", "2023-06-05", "reported", "--json"]);
    assert_eq!(q["period"], "2023-Q2");
    assert_eq!(q["due"], "2023-06-10");
    for bad in [&["plan-settings", "--due-day", "32"][..], &["plan-settings", "--rhythm", "weekly"]]
    {
        env.refused(bad);
    }
    env.ok(&["undo"]);
    assert_eq!(env.json(&["plan-settings", "--json"])["rhythm"], "monthly");
    // once roles exist, only an admin changes them
    env.ok(&["grant", "wang", "--dept", "群众**科"]);
    env.ok(&["grant", "wang", "--admin"]);
    env.ok(&["grant", "zhao", "--viewer"]);
    env.ok(&["revoke", &current_user()]);
    let err = env.refused(&["plan-settings", "--due-day", "20"]);
    assert!(err.contains("only an admin may"), "{err}");
}

fn current_user() -> String {
    yaodian::core::identity::Actor::current().user
}

#[test]
fn brief_speaks_for_a_user_and_is_silent_otherwise() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    env.ok(&["grant", "wang", "--dept", "群众**科"]);
    let mass = led_by(&env, "群众**科");
    let brief = env.ok(&["--today", "2023-06-20", "brief", "--user", "wang"]);
    let lines: Vec<&str> = brief.lines().collect();
    assert_eq!(lines.len(), 3, "{brief}");
    assert!(lines[0].starts_with("群众**科: ") && lines[0].contains("behind"), "{brief}");
    assert!(
        lines[1].starts_with(&format!("{} reports missing for 2023-06: ", mass.len())),
        "{brief}"
    );
    assert!(lines[1].ends_with("due 06-25, 5 days left"), "{brief}");
    let worst = lines[2].strip_prefix("worst: ").expect("worst target");
    let item = worst.split('.').next().expect("item id");
    assert!(mass.iter().any(|m| m == item), "{brief}");
    assert!(worst.ends_with("behind)"), "{brief}");
    // --today moves status too, so a brief and the board agree
    assert_eq!(env.json(&["--today", "2023-06-20", "status", "--json"])["as_of"], "2023-06-20");
    // the admin (who granted) sees the whole plan
    let admin = env.ok(&["--today", "2023-06-20", "brief"]);
    assert!(admin.starts_with("whole plan: "), "{admin}");
    // no grant, or a viewer: nothing to say
    assert_eq!(env.ok(&["--today", "2023-06-20", "brief", "--user", "nobody"]), "");
    // a missing database prints nothing under --quiet-errors and creates nothing
    let missing = env.dir.path().join("none.redb");
    let brief_on = |quiet: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yaodian"));
        cmd.arg("--db").arg(&missing).arg("brief").env_remove("YAODIAN_DB");
        if quiet {
            cmd.arg("--quiet-errors");
        }
        cmd.output().expect("run")
    };
    let out = brief_on(true);
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert!(!missing.exists(), "brief never creates a database");
    assert_eq!(brief_on(false).status.code(), Some(1), "without --quiet-errors it says why");
    // garbage in place of the database: still silent
    std::fs::write(&missing, b"not a database").expect("write");
    let out = brief_on(true);
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn import_reads_office_files_and_dry_run_writes_nothing() {
    let env = Env::new();
    let plans = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/plans/");
    let out = env.ok(&["import", "--dry-run", &format!("{plans}district-tasks.xlsx")]);
    assert!(out.contains("Excel task table"), "{out}");
    assert!(out.contains("[lead] 区发展改革局  [support] 区投资促进中心"), "{out}");
    assert!(out.contains("down \u{2264}10 起"), "{out}");
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

/// `status --dept` heads the department's rows with the department's own figures, in words
/// and in JSON: its counts are those of its targets, not the whole plan's.
#[test]
fn a_department_status_is_headed_by_its_own_figures() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    env.ok(&["set", "13.1", "64"]);
    let all = env.json(&["status", "--json"]);
    let dept = env.json(&["status", "--json", "--dept", "群众"]);
    let targets = env.json(&["targets", "--json", "--dept", "群众"]);
    let counted =
        targets.as_array().expect("list").iter().filter(|t| t["parent"].is_null()).count();
    let counts = &dept["counts"];
    let total: u64 = ["done", "on_track", "at_risk", "behind"]
        .iter()
        .map(|k| counts[k].as_u64().expect("count"))
        .sum();
    assert_eq!(total as usize, counted, "{counts}");
    assert_ne!(dept["counts"], all["counts"]);
    assert_ne!(dept["progress"], all["progress"]);
    let head = env.ok(&["status", "--dept", "群众"]);
    let head = head.lines().next().expect("header");
    for (word, key) in [("behind", "behind"), ("on track", "on_track"), ("done", "done")] {
        let n = counts[key].as_u64().expect("count");
        assert!(head.contains(&format!("{word} {n}")), "{head} / {counts}");
    }
}

/// The log is a record of changes: a value set to what it is, adding nothing, a milestone
/// done again and the same note again write nothing (the file is untouched) and say so.
#[test]
fn edits_that_change_nothing_write_nothing() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    env.ok(&["set", "13.1", "64"]);
    env.ok(&["done", "12.1"]);
    env.ok(&["note", "13", "已完成选址"]);
    let before = std::fs::read(env.db()).expect("db");
    for args in [
        &["set", "13.1", "64"][..],
        &["add", "13.1", "0"],
        &["done", "12.1"],
        &["note", "13", "已完成选址"],
    ] {
        let out = env.ok(args);
        assert!(out.contains("nothing written"), "{args:?}: {out}");
    }
    assert!(std::fs::read(env.db()).expect("db") == before, "the database changed");
    assert_eq!(env.json(&["log", "--json"]).as_array().expect("log").len(), 3);
}

/// `yaodian targets | head -1`: a reader that stops early ends the command quietly, as it
/// does other Unix tools, not with "Broken pipe" and exit 1.
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    for _ in 0..3 {
        env.ok(&["set", "13.1", "64"]);
        env.ok(&["set", "13.1", "65"]);
    }
    for args in [
        &["targets"][..],
        &["status"],
        &["status", "--json"],
        &["log"],
        &["log", "--json"],
        &["export", "--format", "md"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yaodian"))
            .arg("--db")
            .arg(env.db())
            .args(args)
            .env("LANG", "en_US.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        // Nobody reads: the first write meets a closed pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.is_empty(), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

/// `--today` is honoured where it means something — the board's figures are measured on
/// that day (status, targets, export; values as they are now) — and refused elsewhere,
/// rather than silently ignored.
#[test]
fn today_is_honoured_where_it_means_something_and_refused_elsewhere() {
    let env = Env::new();
    env.ok(&["import", bundled().to_str().expect("path")]);
    env.ok(&["set", "13.1", "64"]);
    let day = "2023-06-30";
    // 181 of 365 days: the share of the year expected by the end of 30 June
    let pace = 181.0 / 365.0;
    let status = env.json(&["--today", day, "status", "--json"]);
    assert_eq!(status["as_of"], day);
    let t131 = |v: &Value| {
        v["themes"]
            .as_array()
            .expect("themes")
            .iter()
            .flat_map(|t| t["items"].as_array().expect("items"))
            .flat_map(|i| i["targets"].as_array().expect("targets"))
            .find(|t| t["id"] == "13.1")
            .expect("13.1")
            .clone()
    };
    let t = t131(&status);
    assert_eq!(t["value"], 64.0);
    assert!((t["pace"].as_f64().expect("pace") - pace).abs() < 1e-4, "{t}");
    let text = env.ok(&["status", "--today", day]);
    assert!(text.lines().next().expect("header").contains(day), "{text}");
    let listed = env.json(&["targets", "--json", "--today", day]);
    assert!((target(&listed, "13.1")["pace"].as_f64().expect("pace") - pace).abs() < 1e-4);
    let ledger: Value =
        serde_json::from_str(&env.ok(&["export", "--format", "json", "--today", day]))
            .expect("json");
    assert_eq!(ledger["as_of"], day);
    for args in [
        &["set", "13.1", "65", "--today", day][..],
        &["log", "--today", day],
        &["plans", "--today", day],
    ] {
        let out = env.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("--today"), "{err}");
    }
    assert_eq!(target(&env.json(&["targets", "--json"]), "13.1")["value"], 64.0);
}

#[test]
fn targets_that_go_down_or_are_measured_read_and_report_as_such() {
    let env = Env::new();
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/direction-plan.txt");
    env.ok(&["import", plan]);
    // A ceiling with a stated start: half way from 10.5 to 9.3, not "done 106 %".
    let said = env.ok(&["--lang", "zh", "set", "1.1", "9.9"]);
    assert!(said.contains("完成50%，目标\u{2264}9.3"), "{said}");
    env.ok(&["set", "1.2", "4.8"]);
    env.ok(&["set", "3.1", "0.52"]);
    let out = env.ok(&["--lang", "zh", "targets"]);
    for figure in [
        "9.9/\u{2264}9.3 /10万",
        "4.8/\u{2264}5 \u{2030}",
        "-/82.4 岁",
        "-/约30 %",
        "-/90\u{2013}95 %",
        "0.52/\u{2264}0.5044",
        "-/较基期下降1个百分点",
        "0/5 个",
    ] {
        assert!(out.contains(figure), "{figure} in\n{out}");
    }
    let targets = env.json(&["targets", "--json"]);
    let t = target(&targets, "1.2");
    assert_eq!((&t["direction"], &t["status"]), (&Value::from("down"), &Value::from("done")));
    let t = target(&targets, "3.1");
    assert_eq!(t["reach"], 0.5044);
    assert_eq!(t["measure"]["relative"], "percent");
    assert_eq!(t["measure"]["start"], 0.52);
    let t = target(&targets, "3.2");
    assert_eq!((&t["reach"], &t["expected"]), (&Value::Null, &Value::Null));
    let t = target(&targets, "2.2");
    assert_eq!(
        (&t["measure"]["low"], &t["measure"]["high"]),
        (&Value::from(90.0), &Value::from(95.0))
    );
    // A level is measured, not added up; a change waits for its start.
    let err = env.refused(&["add", "1.3", "1"]);
    assert!(err.contains("is a level"), "{err}");
    let err = env.refused(&["done", "3.2"]);
    assert!(err.contains("not recorded yet"), "{err}");
    assert_eq!(target(&env.json(&["targets", "--json"]), "1.3")["value"], 0.0);
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
