//! Terminal-escape injection: any editor can put escapes (`\e]0;…\a`, `\e[2J`, OSC 52 that
//! writes the viewer's clipboard), C1 controls and bidi overrides into a plan, a note or an
//! update's note. Every human output (status, targets, log, the edit's own receipt, plans,
//! the ledger as Markdown and CSV, errors) shows them escaped; JSON keeps the exact text,
//! spelled as `\u` escapes; CSV cells never start a formula.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const HOSTILE: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{9b}31m\u{202e}gpj.exe";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .arg("--db")
        .arg(dir.join("h.redb"))
        .args(args)
        .env_remove("YAODIAN_DB")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run yaodian")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// No control, C1 or bidi character: the bytes are harmless on any terminal.
fn assert_clean(what: &str, text: &str) {
    let bad: Vec<String> = text
        .chars()
        .filter(|&c| yaodian::core::safe_text::is_unsafe(c) && !matches!(c, '\n' | '\r'))
        .map(|c| format!("{:?}", c))
        .collect();
    assert!(bad.is_empty(), "{what} prints raw {bad:?}:\n{text}");
}

#[test]
fn every_human_output_shows_escapes_and_json_keeps_the_exact_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.txt");
    let text = format!(
        "测试{HOSTILE}2023年工作要点\n一、主题{HOSTILE}\n1.任务{HOSTILE}。新建场地100处。（责任科室：群众{HOSTILE}科）\n"
    );
    std::fs::write(&plan, text).expect("plan");
    let import = ok(dir.path(), &["import", plan.to_str().expect("utf-8")]);
    assert_clean("import", &import);
    let set = ok(dir.path(), &["set", "1.1", "5", "--note", HOSTILE]);
    assert_clean("set", &set);
    let note = ok(dir.path(), &["note", "1", HOSTILE]);
    assert_clean("note", &note);
    assert!(note.contains("\\e]0;pwned\\u{7}"), "escapes are visible: {note}");
    for args in [
        &["status"][..],
        &["targets"],
        &["log"],
        &["plans"],
        &["export", "--format", "md"],
        &["export", "--format", "csv"],
        &["status", "--json"],
        &["log", "--json"],
        &["export", "--format", "json"],
        &["export", "--format", "json", "--full"],
    ] {
        assert_clean(&format!("{args:?}"), &ok(dir.path(), args));
    }
    // user and department names, as `roles` lists them
    let me = ok(dir.path(), &["roles"]);
    let dept = format!("群众{HOSTILE}科");
    ok(dir.path(), &["grant", HOSTILE, "--dept", &dept]);
    let roles = ok(dir.path(), &["roles"]);
    assert_clean("roles", &roles);
    assert!(roles.contains("\\e]0;pwned") && roles.len() > me.len(), "{roles}");
    // an error that echoes the user's input
    let err = run(dir.path(), &["set", HOSTILE, "1"]);
    assert!(!err.status.success());
    assert_clean("an error", &String::from_utf8_lossy(&err.stderr));

    // JSON keeps the exact text
    let log: Value = serde_json::from_str(&ok(dir.path(), &["log", "--json"])).expect("json");
    assert_eq!(log[0]["note"], HOSTILE);
    let status: Value = serde_json::from_str(&ok(dir.path(), &["status", "--json"])).expect("json");
    assert_eq!(status["themes"][0]["items"][0]["note"], HOSTILE);
}

#[test]
fn csv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.txt");
    std::fs::write(
        &plan,
        "测试2023年工作要点\n一、主题\n1.任务。新建场地100处。（责任科室：群众科）\n",
    )
    .expect("plan");
    ok(dir.path(), &["import", plan.to_str().expect("utf-8")]);
    ok(dir.path(), &["note", "1", "=HYPERLINK(\"http://evil.example/\",\"点此\")"]);
    ok(dir.path(), &["set", "1.1", "5"]);
    let csv = ok(dir.path(), &["export", "--format", "csv"]);
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    for line in csv.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"').trim_start_matches('\u{feff}');
            assert!(!cell.starts_with(['=', '@']), "formula cell {cell:?} in {line}");
        }
    }
}
