//! The shell side of the command line: the completion scripts as bash, zsh and fish run
//! them (the database values come from the real binary's hidden `complete`), and the man
//! pages. zsh and fish are used when installed (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_yaodian");

fn bundled() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/data/2023-work-plan.txt")
}

/// A temporary home with a database holding the bundled plan.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home { dir: tempfile::tempdir().expect("tempdir") };
        let out = home.yaodian(&["import", bundled()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        home
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("y.redb")
    }

    fn command(&self, program: &str) -> Command {
        let bin_dir = Path::new(BIN).parent().expect("bin dir");
        let path = format!("{}:/usr/bin:/bin", bin_dir.display());
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", path)
            .env("HOME", self.dir.path())
            .env("LANG", "C.UTF-8")
            .env("YAODIAN_DB", self.db());
        cmd
    }

    fn yaodian(&self, args: &[&str]) -> Output {
        self.command(BIN).args(args).output().expect("run yaodian")
    }

    fn script(&self, shell: &str) -> PathBuf {
        let out = self.yaodian(&["completions", shell]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let path = self.dir.path().join(format!("completion.{shell}"));
        std::fs::write(&path, out.stdout).expect("write script");
        path
    }
}

fn text(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// A home and the completion script for `shell`, when the shell is installed.
fn with_shell(shell: &str) -> Option<(Home, PathBuf)> {
    if !installed(shell) {
        return None;
    }
    let home = Home::new();
    let script = home.script(shell);
    Some((home, script))
}

fn installed(program: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("{program} is not installed: skipped (.ci/run installs it)");
    }
    found
}

/// The visible commands, as `yaodian --help` lists them.
fn commands(home: &Home) -> Vec<String> {
    let help = text(&home.yaodian(&["--help"]));
    let list =
        help.split("Commands:").nth(1).expect("commands").split("\n\n").next().expect("list");
    // A command's line is indented two spaces; its description may wrap onto lines indented
    // further (clap wraps to the terminal's width, which CI and a developer's shell differ in).
    let command_line = |l: &&str| l.starts_with("  ") && !l[2..].starts_with(' ');
    list.lines()
        .filter(command_line)
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn complete_lists_ids_departments_and_plans_and_never_creates_a_database() {
    let home = Home::new();
    let targets = text(&home.yaodian(&["complete", "targets", "13."]));
    assert_eq!(targets, "13.1\n13.2\n13.3\n13.4\n");
    let departments = text(&home.yaodian(&["complete", "departments"]));
    assert!(departments.lines().any(|d| d == "群众**科"), "{departments}");
    assert_eq!(text(&home.yaodian(&["complete", "plans"])), "2023\n");
    let ids = text(&home.yaodian(&["complete", "ids", "13"]));
    assert!(ids.starts_with("13\n13.1\n"), "{ids}");
    // No database: nothing at all, and still no database.
    let missing = home.dir.path().join("none.redb");
    let out = home.yaodian(&["--db", missing.to_str().expect("path"), "complete", "targets"]);
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert!(!missing.exists());
    // Not a database: nothing either, and the file is untouched.
    let junk = home.dir.path().join("junk.redb");
    std::fs::write(&junk, "not a database").expect("write");
    let out = home.yaodian(&["--db", junk.to_str().expect("path"), "complete", "items"]);
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert_eq!(std::fs::read(&junk).expect("read"), b"not a database");
}

/// Runs bash's completion for `words` (the last is completed) and returns the candidates.
fn bash_complete(home: &Home, script: &Path, words: &[&str]) -> Vec<String> {
    let program = r#"
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        fn=$(complete -p yaodian | sed -E 's/.*-F ([^ ]+).*/\1/')
        "$fn" yaodian "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    "#;
    let out = home
        .command("bash")
        .args(["--norc", "--noprofile", "-c", program, "bash"])
        .arg(script)
        .args(words)
        .output()
        .expect("bash");
    assert!(out.stderr.is_empty(), "bash said: {}", String::from_utf8_lossy(&out.stderr));
    text(&out).lines().filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn bash_completes_commands_options_ids_and_departments() {
    let home = Home::new();
    let script = home.script("bash");
    assert_eq!(bash_complete(&home, &script, &["yaodian", "st"]), ["status"]);
    assert_eq!(
        bash_complete(&home, &script, &["yaodian", "set", "13."]),
        ["13.1", "13.2", "13.3", "13.4"]
    );
    assert_eq!(bash_complete(&home, &script, &["yaodian", "status", "--dept", "群"]), ["群众**科"]);
    assert_eq!(bash_complete(&home, &script, &["yaodian", "note", "1"])[..2], ["1", "10"]);
    assert_eq!(bash_complete(&home, &script, &["yaodian", "log", "--plan", ""]), ["2023"]);
    assert!(bash_complete(&home, &script, &["yaodian", "set", "--n"]).contains(&"--note".into()));
    // --db on the line is the database asked
    let other = home.dir.path().join("other.redb");
    let words = ["yaodian", "--db", other.to_str().expect("path"), "set", "1"];
    assert!(bash_complete(&home, &script, &words).is_empty());
    let all = bash_complete(&home, &script, &["yaodian", ""]);
    for command in commands(&home) {
        assert!(all.contains(&command), "{command} is not completed: {all:?}");
    }
    assert!(!all.contains(&"complete".into()), "the hidden helper is offered");
}

#[test]
fn zsh_loads_the_script_and_its_helpers_answer() {
    let Some((home, script)) = with_shell("zsh") else { return };
    let syntax = home.command("zsh").arg("-n").arg(&script).output().expect("zsh");
    assert!(syntax.status.success(), "{}", String::from_utf8_lossy(&syntax.stderr));
    // Loaded as compinit loads it: `_yaodian` is the layer, clap's function is kept, and
    // the layer's table finds the kinds.
    let program = r#"
        autoload -U compinit && compinit -u -d "$HOME/.zcompdump"
        source "$1"
        whence -w _yaodian _yaodian_clap
        print -r -- ${_comps[yaodian]}
        _yaodian_kind set 1 && print -r -- $REPLY
        _yaodian_kind status --dept && print -r -- $REPLY
        _yaodian_kind log --plan && print -r -- $REPLY
    "#;
    let out = home.command("zsh").args(["-f", "-c", program, "zsh"]).arg(&script).output();
    let out = out.expect("zsh");
    assert!(out.stderr.is_empty(), "zsh said: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        text(&out),
        "_yaodian: function\n_yaodian_clap: function\n_yaodian\ntargets\ndepartments\nplans\n"
    );
}

#[test]
fn fish_completes_ids_and_departments() {
    let Some((home, script)) = with_shell("fish") else { return };
    let complete = |line: &str| -> Vec<String> {
        let program = format!("source {}; complete -C '{line}'", script.display());
        let out = home.command("fish").args(["--no-config", "-c", &program]).output();
        let out = out.expect("fish");
        assert!(out.stderr.is_empty(), "fish said: {}", String::from_utf8_lossy(&out.stderr));
        text(&out).lines().map(|l| l.split('\t').next().unwrap_or(l).to_string()).collect()
    };
    assert_eq!(complete("yaodian st"), ["status"]);
    assert_eq!(complete("yaodian set 13."), ["13.1", "13.2", "13.3", "13.4"]);
    assert_eq!(complete("yaodian status --dept 群"), ["群众**科"]);
    assert_eq!(complete("yaodian --plan "), ["2023"]);
}

#[test]
fn man_writes_a_page_per_command_with_the_hand_written_sections() {
    let home = Home::new();
    let dir = home.dir.path().join("man1");
    text(&home.yaodian(&["man", dir.to_str().expect("path")]));
    let main = std::fs::read_to_string(dir.join("yaodian.1")).expect("yaodian.1");
    for section in ["PACE AND STATUS", "FILES", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES"] {
        assert!(
            main.contains(&format!(".SH \"{section}\""))
                || main.contains(&format!(".SH {section}")),
            "no {section}"
        );
    }
    for word in ["YAODIAN_DB", "NO_COLOR", "LANG", "XDG_DATA_HOME", "0.8", "101"] {
        assert!(main.contains(word), "yaodian.1 does not mention {word}");
    }
    for command in commands(&home).iter().filter(|c| *c != "help") {
        let page = dir.join(format!("yaodian-{command}.1"));
        let page =
            std::fs::read_to_string(&page).unwrap_or_else(|_| panic!("no page for {command}"));
        assert!(page.contains(".SH SYNOPSIS") && page.contains("yaodian"), "{command}");
        assert!(
            main.contains(&format!("yaodian\\-{command}(1)")),
            "yaodian.1 does not list {command}"
        );
    }
    assert_eq!(text(&home.yaodian(&["man"])), main, "standard output holds yaodian.1");
    if installed("man") {
        let out = home
            .command("man")
            .env("MANWIDTH", "80")
            .args(["--warnings", "-l"])
            .arg(dir.join("yaodian.1"))
            .output()
            .expect("man");
        let shown = text(&out);
        assert!(shown.contains("PACE AND STATUS") && shown.contains("序时进度"), "{shown}");
        assert!(out.stderr.is_empty(), "man warns: {}", String::from_utf8_lossy(&out.stderr));
    }
}
