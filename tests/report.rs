//! The ledger (台账) of the bundled plan with a scripted log, in md, csv and json at three
//! as-of dates, against golden files (`UPDATE_GOLDEN=1 cargo test --test report` rewrites
//! them; read the diff before committing). Also xlsx read back, backup → restore, bad input.

use chrono::{Local, NaiveDate, TimeZone};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yaodian::core::edit::Edit;
use yaodian::core::identity::Actor;
use yaodian::core::import::{ImportOptions, parse};
use yaodian::core::store::{OpenOptions, Store};

const PLAN: &str = include_str!("../data/2023-work-plan.txt");

fn at(date: &str, hour: u32) -> i64 {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let t = d.and_hms_opt(hour, 0, 0).expect("time");
    Local.from_local_datetime(&t).earliest().expect("local time").timestamp_millis()
}

/// A database with the bundled plan and values written at fixed dates.
fn scripted(dir: &Path) -> PathBuf {
    let db = dir.join("ledger.redb");
    let store = Store::open(&db, OpenOptions::default()).expect("open");
    let plan = parse(PLAN, &ImportOptions::default()).expect("plan").plan;
    let wang = Actor { user: "wang".into(), uid: 1001 };
    let li = Actor { user: "li".into(), uid: 1002 };
    store.import(&plan, false, &wang).expect("import");
    let set = |id: &str, v: f64, date: &str, who: &Actor| {
        let edit = Edit::Set { target: id.into(), value: v };
        store.apply_at("2023", &edit, "", who, at(date, 10)).expect("set");
    };
    let done = |id: &str, date: &str, who: &Actor| {
        let edit = Edit::Done { target: id.into() };
        store.apply_at("2023", &edit, "印发", who, at(date, 11)).expect("done");
    };
    let note = |item: &str, text: &str, date: &str| {
        let edit = Edit::Note { item: item.into(), text: text.into() };
        store.apply_at("2023", &edit, "", &li, at(date, 16)).expect("note");
    };
    set("13.1", 20.0, "2023-03-15", &wang);
    set("13.2", 2500.0, "2023-03-20", &wang);
    done("12.1", "2023-04-10", &wang);
    set("9.2", 15.0, "2023-04-30", &li);
    note("5", "召开理念创新专题会", "2023-05-08");
    set("13.1", 58.0, "2023-06-28", &wang);
    set("14.1", 140.0, "2023-06-30", &li);
    set("14.2", 40.0, "2023-06-30", &li);
    set("15.2", 800.0, "2023-07-15", &wang);
    done("9.1", "2023-08-01", &li);
    set("13.1", 64.0, "2023-09-28", &wang);
    set("13.2", 6020.0, "2023-09-28", &wang);
    set("18.1", 2.0, "2023-09-29", &li);
    note("13", "莱山区新增6处", "2023-09-28");
    db
}

fn yaodian(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("YAODIAN_DB")
        .output()
        .expect("run yaodian")
}

fn stdout(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = yaodian(db, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|_| panic!("missing golden {name}"));
    assert!(
        expected == actual,
        "{name} differs from the golden file:\n{}",
        String::from_utf8_lossy(actual)
    );
}

#[test]
fn ledgers_match_the_golden_files_at_three_dates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    for date in ["2023-03-31", "2023-06-30", "2023-09-30"] {
        for (format, ext) in [("md", "md"), ("csv", "csv"), ("json", "json")] {
            let out = stdout(&db, &["--lang", "zh", "export", "--format", format, "--as-of", date]);
            golden(&format!("ledger-{date}.{ext}"), &out);
        }
    }
    let by_dept = stdout(
        &db,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "md",
            "--as-of",
            "2023-09-30",
            "--by",
            "department",
        ],
    );
    golden("ledger-2023-09-30-by-department.md", &by_dept);
}

#[test]
fn csv_starts_with_a_bom_and_values_follow_the_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    let early = stdout(&db, &["export", "--format", "csv", "--as-of", "2023-03-31"]);
    assert_eq!(&early[..3], b"\xEF\xBB\xBF");
    let early = String::from_utf8(early).expect("utf-8");
    let late =
        String::from_utf8(stdout(&db, &["export", "--format", "csv", "--as-of", "2023-09-30"]))
            .expect("utf-8");
    let row = |text: &str| text.lines().find(|l| l.contains(",13.1,")).expect("13.1").to_string();
    assert!(row(&early).contains(",100,处,20,"), "{}", row(&early));
    assert!(row(&late).contains(",100,处,64,"), "{}", row(&late));
    // status --as-of shows the same past
    let status = stdout(&db, &["status", "--json", "--as-of", "2023-06-30"]);
    let v: serde_json::Value = serde_json::from_slice(&status).expect("json");
    assert_eq!(v["as_of"], "2023-06-30");
    let t131 = v["themes"][3]["items"]
        .as_array()
        .expect("items")
        .iter()
        .flat_map(|i| i["targets"].as_array().expect("targets"))
        .find(|t| t["id"] == "13.1")
        .expect("13.1")
        .clone();
    assert_eq!(t131["value"], 58.0);
}

/// Reads one file out of the xlsx (a zip) without a zip library: the central directory
/// gives each entry's offset; entries written by rust_xlsxwriter are deflated.
fn xlsx_entry(path: &Path, name: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
        ])
        .arg(path)
        .arg(name)
        .output()
        .expect("python3 reads the xlsx");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn xlsx_has_title_header_statuses_and_chinese_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    let file = dir.path().join("ledger.xlsx");
    let out = yaodian(
        &db,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "xlsx",
            "--as-of",
            "2023-09-30",
            "-o",
            file.to_str().expect("path"),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut magic = [0u8; 2];
    std::fs::File::open(&file).expect("xlsx").read_exact(&mut magic).expect("read");
    assert_eq!(&magic, b"PK");
    let strings = xlsx_entry(&file, "xl/sharedStrings.xml");
    for text in [
        "市体育局2023年工作要点 · 落实情况台账",
        "截至 2023-09-30",
        "序号",
        "完成状态",
        "新建公共**场地设施",
        "莱山区新增6处",
        "预警",
        "小计",
    ] {
        assert!(strings.contains(text), "missing {text}");
    }
    let sheet = xlsx_entry(&file, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<pane ") && sheet.contains("state=\"frozen\""), "frozen header");
    assert!(sheet.contains("<v>64</v>"), "13.1's value as a number");
    let styles = xlsx_entry(&file, "xl/styles.xml");
    assert!(styles.contains("FFFFEB9C") && styles.contains("FFFFC7CE"), "status fills");
    // xlsx needs a file
    let refused = yaodian(&db, &["export", "--format", "xlsx"]);
    assert_eq!(refused.status.code(), Some(1));
}

#[test]
fn full_backup_restores_identical_status_and_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    let backup = dir.path().join("full.json");
    let b = backup.to_str().expect("path");
    stdout(&db, &["export", "--format", "json", "--full", "-o", b]);
    let restored = dir.path().join("restored.redb");
    stdout(&restored, &["restore", b]);
    for args in [
        &["status", "--json"][..],
        &["log", "--json"],
        &["targets", "--json"],
        &["status", "--json", "--as-of", "2023-06-30"],
    ] {
        assert!(stdout(&db, args) == stdout(&restored, args), "{args:?} differs after restore");
    }
    // restoring twice is refused
    let again = yaodian(&restored, &["restore", b]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn bad_dates_and_formats_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    for args in [
        &["export", "--format", "md", "--as-of", "2023-02-30"][..],
        &["export", "--format", "md", "--as-of", "yesterday"],
        &["export", "--format", "pdf"],
        &["export", "--format", "md", "--full"],
        &["status", "--as-of", "2023-13-01"],
        &["export", "--format", "md", "--by", "colour"],
    ] {
        let out = yaodian(&db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        // A malformed command line (2) gets clap's whole message; any other refusal (1), one line.
        match out.status.code().expect("code") {
            1 => assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}"),
            2 => assert!(err.contains("try '--help'"), "{args:?}: {err}"),
            code => panic!("{args:?}: exit {code}: {err}"),
        }
    }
    let not_backup = dir.path().join("x.json");
    std::fs::write(&not_backup, "{\"a\":1}").expect("write");
    let out =
        yaodian(&dir.path().join("new.redb"), &["restore", not_backup.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
}
