//! The ledger (台账) of the bundled plan with a scripted log, in md, csv and json at three
//! as-of dates, against golden files (`UPDATE_GOLDEN=1 cargo test --test report` rewrites
//! them; read the diff before committing). Also xlsx read back, backup → restore, bad input,
//! the period report (docx) read back, and the reporting cycle on the demo.

use chrono::{FixedOffset, NaiveDate, TimeZone};
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
    china().from_local_datetime(&t).earliest().expect("local time").timestamp_millis()
}

/// The zone the scripted times are written in, and the one the binary runs in (`TZ`).
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("offset")
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
        .env("TZ", "Asia/Shanghai")
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
    // 目标值, 单位, 上期值 (at the start of the period the date falls in), 完成值, 本期完成:
    // 03-31 is in 2023-04 (from 03-26), after 13.1's 20 on 03-15; 09-30 is in 2023-10
    // (from 09-26), before its 64 on 09-28
    assert!(row(&early).contains(",100,处,20,20,0,"), "{}", row(&early));
    assert!(row(&late).contains(",100,处,58,64,6,"), "{}", row(&late));
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
    // the texts written inline in the sheet (its rows are streamed, with no shared table)
    let sheet = xlsx_entry(&file, "xl/worksheets/sheet1.xml");
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
        assert!(sheet.contains(text), "missing {text}");
    }
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
            2 => assert!(err.contains("'--help'"), "{args:?}: {err}"),
            code => panic!("{args:?}: exit {code}: {err}"),
        }
    }
    let not_backup = dir.path().join("x.json");
    std::fs::write(&not_backup, "{\"a\":1}").expect("write");
    let out =
        yaodian(&dir.path().join("new.redb"), &["restore", not_backup.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
}

/// Two roll-ups agree when their counts and statuses are equal and their shares agree to
/// the 4 decimals `status --json` prints.
fn same_rollup(a: &serde_json::Value, b: &serde_json::Value, what: &str) {
    for key in ["progress", "pace"] {
        match (a[key].as_f64(), b[key].as_f64()) {
            (Some(x), Some(y)) => assert!((x - y).abs() < 1e-4, "{what} {key}: {x} vs {y}"),
            (x, y) => assert_eq!(x, y, "{what} {key}"),
        }
    }
    assert_eq!(a["counts"], b["counts"], "{what} counts");
    assert_eq!(a["status"], b["status"], "{what} status");
}

/// The ledger's total and subtotals are the board's roll-ups (`status --json`): by theme,
/// by department (whose total is the plan's: an item of two departments counts once), and
/// for one department.
#[test]
fn ledger_totals_and_subtotals_are_the_boards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&stdout(&db, args)).expect("json")
    };
    let day = "2023-09-30";
    let status = json(&["status", "--json", "--as-of", day]);
    let ledger = json(&["export", "--format", "json", "--as-of", day]);
    same_rollup(&ledger["total"], &status, "total");
    let groups = ledger["groups"].as_array().expect("groups");
    let themes = status["themes"].as_array().expect("themes");
    assert_eq!(groups.len(), themes.len());
    for (g, t) in groups.iter().zip(themes) {
        let title = t["title"].as_str().expect("title");
        assert!(g["title"].as_str().expect("title").ends_with(title), "{title}");
        same_rollup(&g["subtotal"], t, title);
    }
    let by_dept = json(&["export", "--format", "json", "--as-of", day, "--by", "department"]);
    same_rollup(&by_dept["total"], &status, "total by department");
    for g in by_dept["groups"].as_array().expect("groups") {
        let name = g["title"].as_str().expect("title");
        if name.starts_with('（') {
            continue; // the items that name no department
        }
        let one = json(&["status", "--json", "--as-of", day, "--dept", name]);
        same_rollup(&g["subtotal"], &one, name);
    }
    for dept in ["群众", "训练"] {
        let one = json(&["status", "--json", "--as-of", day, "--dept", dept]);
        let ledger = json(&["export", "--format", "json", "--as-of", day, "--dept", dept]);
        same_rollup(&ledger["total"], &one, dept);
        let shown: Vec<&serde_json::Value> = one["themes"]
            .as_array()
            .expect("themes")
            .iter()
            .filter(|t| !t["items"].as_array().expect("items").is_empty())
            .collect();
        let groups = ledger["groups"].as_array().expect("groups");
        assert_eq!(groups.len(), shown.len(), "{dept}");
        for (g, t) in groups.iter().zip(shown) {
            same_rollup(&g["subtotal"], t, dept);
        }
    }
}

/// The ledger of targets that go down, are measured, have a band or a change from their
/// start, at two dates: the goal with its direction, values only where recorded, the start
/// of a change once it is known (replayed from the log as of the date).
#[test]
fn ledger_shows_each_goal_with_its_direction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("direction.redb");
    let store = Store::open(&db, OpenOptions::default()).expect("open");
    let text = include_str!("data/direction-plan.txt");
    let plan = parse(text, &ImportOptions::default()).expect("plan").plan;
    let wang = Actor { user: "wang".into(), uid: 1001 };
    store.import(&plan, false, &wang).expect("import");
    for (id, v, date) in [
        ("1.1", 10.2, "2023-03-31"),
        ("1.1", 9.9, "2023-06-30"),
        ("1.2", 4.8, "2023-06-30"),
        ("2.2", 97.0, "2023-06-30"),
        ("3.1", 0.52, "2023-05-10"),
        ("3.2", 52.0, "2023-07-10"),
    ] {
        let edit = Edit::Set { target: id.into(), value: v };
        store.apply_at(&plan.id, &edit, "", &wang, at(date, 10)).expect("set");
    }
    drop(store);
    let csv = |date: &str| {
        let out = stdout(&db, &["--lang", "zh", "export", "--format", "csv", "--as-of", date]);
        String::from_utf8(out).expect("utf-8")
    };
    // (序号, 目标值, 单位, 完成值, 完成率) of each row
    let rows = |text: &str| -> Vec<[String; 5]> {
        text.lines()
            .filter_map(|l| {
                let c: Vec<&str> = l.split(',').collect();
                (c.len() > 10 && c[1].contains('.')).then(|| {
                    [c[1], c[4], c[5], c[7], c[9]].map(|s| s.trim_matches('"').to_string())
                })
            })
            .collect()
    };
    let june = rows(&csv("2023-06-30"));
    let want = [
        ["1.1", "\u{2264}9.3", "/10万", "9.9", "50%"],
        ["1.2", "\u{2264}5", "\u{2030}", "4.8", "100%"],
        ["1.3", "82.4", "岁", "", "0%"],
        ["2.1", "约30", "%", "", "0%"],
        ["2.2", "90\u{2013}95", "%", "97", "108%"],
        ["3.1", "\u{2264}0.5044", "", "0.52", "0%"],
        ["3.2", "较基期下降1个百分点", "%", "", "0%"],
        ["3.3", "5", "个", "0", "0%"],
    ];
    assert_eq!(june, want.map(|r| r.map(String::from)), "{}", csv("2023-06-30"));
    // By the end of July 3.2 has its start (52 %), so its goal is ≤51; in March 1.1 was a
    // quarter of the way and 3.1 had no value yet.
    let july = rows(&csv("2023-07-31"));
    assert_eq!(july[6][1..4], ["\u{2264}51", "%", "52"].map(String::from));
    let march = rows(&csv("2023-03-31"));
    assert_eq!(march[0][3..], ["10.2", "25%"].map(String::from));
    assert_eq!(march[5][1..4], ["较基期下降3%", "", ""].map(String::from));
}

/// The paragraphs of a .docx's body as (style, text), read with the zip crate and a small
/// scan of the XML (each `<w:p>`'s `w:pStyle` and the text of its `<w:t>` runs).
fn docx_part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    zip.by_name(name).expect("part").read_to_string(&mut text).expect("utf-8");
    text
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for chunk in xml.split("</w:p>") {
        let Some(start) = chunk.rfind("<w:p>").or_else(|| chunk.rfind("<w:p ")) else { continue };
        let p = &chunk[start..];
        let style = p
            .split_once("<w:pStyle w:val=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map_or("", |(s, _)| s)
            .to_string();
        let mut text = String::new();
        for run in p.split("<w:t").skip(1) {
            if let Some((_, rest)) = run.split_once('>')
                && let Some((t, _)) = rest.split_once("</w:t>")
            {
                text.push_str(&unescape(t));
            }
        }
        out.push((style, text));
    }
    out
}

/// The report's summary paragraph states `status --json`'s figures: progress, pace, and the
/// counts of done / on track / at risk / behind out of the targets counted.
fn assert_summary_is_status(summary: &str, status: &serde_json::Value) {
    let share = |v: &serde_json::Value| format!("{:.0}%", v.as_f64().expect("share") * 100.0);
    assert!(
        summary.contains(&format!("总体完成进度为{}", share(&status["progress"]))),
        "{summary}"
    );
    assert!(summary.contains(&format!("序时进度为{}", share(&status["pace"]))), "{summary}");
    let c = &status["counts"];
    let counted = ["done", "on_track", "at_risk", "behind"]
        .iter()
        .map(|k| c[k].as_u64().expect("count"))
        .sum::<u64>();
    assert!(
        summary.contains(&format!(
            "纳入统计的{counted}项中，已完成{}项，正常推进{}项，预警{}项，滞后{}项",
            c["done"], c["on_track"], c["at_risk"], c["behind"]
        )),
        "{summary}"
    );
}

#[test]
fn the_period_report_reads_back_as_an_official_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    let file = dir.path().join("report.docx");
    let f = file.to_str().expect("path");
    stdout(&db, &["--lang", "zh", "export", "--format", "docx", "--period", "2023-10", "-o", f]);
    let doc = docx_part(&file, "word/document.xml");
    let paras = paragraphs(&doc);
    let dump: String = paras.iter().map(|(s, t)| format!("{s:<10} {t}\n")).collect();
    golden("report-2023-10.txt", dump.as_bytes());
    assert_eq!(paras[0], ("Title".to_string(), "市体育局2023年工作要点落实情况".to_string()));
    assert_eq!(paras[1].1, "（2023年10月报送期 · 截至2023年10月25日）");
    // the summary's figures are status --json's on the same date
    let status: serde_json::Value =
        serde_json::from_slice(&stdout(&db, &["status", "--json", "--as-of", "2023-10-25"]))
            .expect("json");
    assert_summary_is_status(&paras[2].1, &status);
    // the period's figures and notes: 2023-10 runs from 09-26 to 10-25; 13.1 went from 58
    // to 64 on 09-28, with item 13's note that day
    assert!(dump.contains("完成值64处/目标值100处，完成率64%，本期完成6处（上期58处）"), "{dump}");
    assert!(dump.contains("本期进展：9月28日：莱山区新增6处"), "{dump}");
    // styles: body 仿宋 三号 on an exact 28-point line, headings 黑体/楷体, title 二号
    let styles = docx_part(&file, "word/styles.xml");
    for needle in [
        r#"w:eastAsia="仿宋_GB2312""#,
        r#"w:line="560" w:lineRule="exact""#,
        r#"w:eastAsia="黑体""#,
        r#"w:eastAsia="楷体_GB2312""#,
        r#"w:eastAsia="方正小标宋简体""#,
        r#"<w:sz w:val="44"/>"#,
        r#"<w:sz w:val="32"/>"#,
    ] {
        assert!(styles.contains(needle), "styles lack {needle}");
    }
    for (style, _) in &paras {
        assert!(styles.contains(&format!(r#"w:styleId="{style}""#)), "undefined style {style}");
    }
    let fonts = docx_part(&file, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    // page: A4, margins 37/35/28/26 mm, the footer's "— PAGE —"
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    let footer = docx_part(&file, "word/footer1.xml");
    assert!(footer.contains(" PAGE ") && footer.contains("— ") && footer.contains(" —"));
    // the same report twice is the same bytes
    let again = dir.path().join("again.docx");
    stdout(
        &db,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "docx",
            "--period",
            "2023-10",
            "-o",
            again.to_str().expect("path"),
        ],
    );
    assert!(std::fs::read(&file).expect("read") == std::fs::read(&again).expect("read"));
    // docx needs a file; a bad period is one line
    assert_eq!(yaodian(&db, &["export", "--format", "docx"]).status.code(), Some(1));
    let bad = yaodian(&db, &["export", "--format", "docx", "--period", "2023-13", "-o", f]);
    assert_eq!(bad.status.code(), Some(1));
}

/// The reporting cycle on `yaodian demo` at its simulated date: `reported` gives each lead
/// department's state for the month, `brief` speaks for wang's two departments, and the
/// period report's summary states `status --json`'s figures.
#[test]
fn the_demo_runs_the_reporting_cycle() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.redb");
    let out = Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .args(["--today", "2023-11-22", "demo", "--keep"])
        .arg(&db)
        .env_remove("YAODIAN_DB")
        .output()
        .expect("run yaodian");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let today = ["--today", "2023-11-22"];
    let json = |args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&stdout(&db, &[&today[..], args].concat())).expect("json")
    };
    // every lead department of the plan, reported or not, for the month 11-22 falls in
    let reported = json(&["reported", "--json"]);
    assert_eq!(reported["period"], "2023-11");
    assert_eq!(reported["days_left"], 3);
    let departments = reported["departments"].as_array().expect("departments");
    let mut names: Vec<&str> =
        departments.iter().map(|d| d["name"].as_str().expect("name")).collect();
    names.sort_unstable();
    assert_eq!(names, ["**产业科", "业余训练科", "办公室", "竞技**科", "群众**科"]);
    for d in departments {
        let missing = d["missing"].as_array().expect("missing");
        assert_eq!(d["reported"], missing.is_empty(), "{d}");
        assert!(missing.len() <= d["items"].as_u64().expect("items") as usize, "{d}");
    }
    assert!(departments.iter().any(|d| d["reported"] == true), "{reported}");
    assert!(departments.iter().any(|d| d["reported"] == false), "{reported}");
    // wang edits 群众**科 and 业余训练科: his line names them, then his missing reports
    let brief = String::from_utf8(stdout(
        &db,
        &[&today[..], &["--lang", "en", "brief", "--user", "wang"]].concat(),
    ))
    .expect("utf-8");
    let lines: Vec<&str> = brief.lines().collect();
    assert!(lines[0].starts_with("群众**科, 业余训练科: "), "{brief}");
    let theirs: usize = departments
        .iter()
        .filter(|d| d["name"] == "群众**科" || d["name"] == "业余训练科")
        .flat_map(|d| d["missing"].as_array().expect("missing"))
        .map(|i| i["id"].as_str().expect("id"))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(
        brief.contains(&format!("{theirs} reports missing for 2023-11: ")),
        "{brief} / {reported}"
    );
    // the period report's summary is status --json's, on the same day
    let file = dir.path().join("demo.docx");
    let f = file.to_str().expect("path");
    stdout(&db, &[&today[..], &["export", "--format", "docx", "-o", f]].concat());
    let paras = paragraphs(&docx_part(&file, "word/document.xml"));
    assert_eq!(paras[1].1, "（2023年11月报送期 · 截至2023年11月22日）");
    assert_summary_is_status(&paras[2].1, &json(&["status", "--json"]));
}

/// The first object with this `id` anywhere in a JSON document.
fn find_id<'a>(v: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    match v {
        serde_json::Value::Object(m) if m.get("id").and_then(|x| x.as_str()) == Some(id) => Some(v),
        serde_json::Value::Object(m) => m.values().find_map(|x| find_id(x, id)),
        serde_json::Value::Array(a) => a.iter().find_map(|x| find_id(x, id)),
        _ => None,
    }
}

/// A target added on 07-01 is on pace that day in `status`, `targets` and the ledger alike,
/// and a restore of the full backup gives it the same start.
#[test]
fn a_target_added_mid_year_is_paced_alike_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = scripted(dir.path());
    {
        let mut store = Store::open(&db, OpenOptions::default()).expect("open");
        store.set_clock(yaodian::core::clock::Clock::fixed(at("2023-07-01", 9), china()));
        let board = store.board("2023").expect("board");
        let mut t = board.plan.targets[board.target_index("13.1").expect("13.1")].clone();
        (t.id, t.name, t.goal, t.source, t.line) =
            ("13.9".into(), "新增口袋公园".into(), 20.0, String::new(), 0);
        let wang = Actor { user: "wang".into(), uid: 1001 };
        let put = Edit::PutTarget(Box::new(t));
        store.apply_at("2023", &put, "", &wang, at("2023-07-01", 9)).expect("add");
    }
    let json = |db: &Path, args: &[&str]| -> serde_json::Value {
        serde_json::from_slice(&stdout(db, args)).expect("json")
    };
    for day in ["2023-07-01", "2023-09-30"] {
        let status = json(&db, &["status", "--json", "--as-of", day]);
        let ledger = json(&db, &["export", "--format", "json", "--as-of", day]);
        same_rollup(&ledger["total"], &status, day);
        for (g, t) in ledger["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .zip(status["themes"].as_array().expect("themes"))
        {
            same_rollup(&g["subtotal"], t, day);
        }
    }
    let on = |db: &Path, day: &str| {
        let status = json(db, &["status", "--json", "--as-of", day]);
        find_id(&status, "13.9").expect("13.9 in status")["status"].clone()
    };
    assert_eq!(on(&db, "2023-07-01"), "on_track", "not behind the day it is added");
    assert_eq!(on(&db, "2023-09-30"), "behind", "nothing recorded for three months");
    let targets = json(&db, &["--today", "2023-07-01", "targets", "--json"]);
    let added = find_id(&targets, "13.9").expect("13.9");
    assert_eq!((&added["status"], &added["added"]), (&"on_track".into(), &"2023-07-01".into()));
    assert_eq!(find_id(&targets, "13.1").expect("13.1")["added"], serde_json::Value::Null);
    let backup = dir.path().join("full.json");
    let b = backup.to_str().expect("path");
    stdout(&db, &["export", "--format", "json", "--full", "-o", b]);
    let restored = dir.path().join("restored.redb");
    stdout(&restored, &["restore", b]);
    let args = ["status", "--json", "--as-of", "2023-07-01"];
    assert!(stdout(&db, &args) == stdout(&restored, &args), "differs after restore");
}
