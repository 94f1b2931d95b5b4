//! Many processes on one file: no lost updates, nothing lost to kill -9, roles enforced,
//! bad files refused untouched. Runs the real binary.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_yaodian"));
    c.env_remove("YAODIAN_DB").env("LANG", "en_US.UTF-8");
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    bin().arg("--db").arg(db).args(args).output().expect("run yaodian")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("json")
}

fn fresh_db(dir: &Path) -> PathBuf {
    let db = dir.join("shared.redb");
    let plan = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2023-work-plan.txt");
    ok(&db, &["import", plan]);
    db
}

fn value_of(db: &Path, id: &str) -> f64 {
    json(db, &["targets", "--json"])
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["id"] == id)
        .and_then(|t| t["value"].as_f64())
        .expect("value")
}

#[test]
fn twenty_processes_fifty_adds_each_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_db(dir.path());
    let workers: Vec<_> = (0..20)
        .map(|_| {
            let db = db.clone();
            std::thread::spawn(move || {
                (0..50)
                    .map(|_| run(&db, &["add", "13.2", "1"]))
                    .filter(|o| !o.status.success())
                    .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let failures: Vec<String> =
        workers.into_iter().flat_map(|w| w.join().expect("worker")).collect();
    assert!(failures.is_empty(), "{} failed, first: {:?}", failures.len(), failures.first());
    assert_eq!(value_of(&db, "13.2"), 1000.0);
    let log = json(&db, &["log", "13.2", "--json"]);
    assert_eq!(log.as_array().expect("log").len(), 1000);
    ok(&db, &["check"]);
}

#[test]
fn kill_nine_never_loses_a_committed_update() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_db(dir.path());
    let mut committed = Vec::new();
    let mut kills = 0;
    // A cheap deterministic jitter so kills land at different moments of a command's life.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..150 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let note = format!("round-{round}");
        let mut child = bin()
            .arg("--db")
            .arg(&db)
            .args(["add", "13.1", "1", "--note", &note])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(seed % 12_000));
        match child.try_wait().expect("wait") {
            Some(status) => {
                if status.success() {
                    committed.push(note);
                }
            }
            None => {
                child.kill().expect("kill -9");
                kills += 1;
                let status = child.wait().expect("reap");
                if status.success() {
                    committed.push(note);
                }
            }
        }
    }
    assert!(kills > 5, "only {kills} kills landed; the test did not test much");
    eprintln!("kill -9: {kills} of 150 writers killed mid-run, {} exited 0", committed.len());
    // The file opens, checks clean, and every update whose command exited 0 is there.
    let check = run(&db, &["check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let log = json(&db, &["log", "13.1", "--json"]);
    let notes: Vec<&str> =
        log.as_array().expect("log").iter().filter_map(|u| u["note"].as_str()).collect();
    for n in &committed {
        assert!(notes.contains(&n.as_str()), "committed update {n} was lost");
    }
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let logged = notes.len() as f64;
    assert_eq!(value_of(&db, "13.1"), logged, "value equals the number of logged adds");
}

#[test]
fn roles_are_enforced_on_the_command_line() {
    let me = String::from_utf8(Command::new("id").arg("-un").output().expect("id").stdout)
        .expect("utf-8")
        .trim()
        .to_string();
    let dir = tempfile::tempdir().expect("tempdir");

    // editor of one department
    let db = fresh_db(dir.path());
    ok(&db, &["grant", &me, "--dept", "群众**科"]);
    ok(&db, &["add", "13.1", "1"]);
    // a refused edit changes no byte of the file
    let bytes = |db: &Path| std::fs::read(db).expect("read");
    let before = bytes(&db);
    let refused = run(&db, &["set", "18.1", "1"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("may not edit item 18") && err.contains("no one is granted it yet"),
        "{err}"
    );
    assert!(
        !run(
            &db,
            &[
                "import",
                concat!(env!("CARGO_MANIFEST_DIR"), "/data/2023-work-plan.txt"),
                "--replace"
            ]
        )
        .status
        .success()
    );
    assert!(!run(&db, &["grant", "someone", "--admin"]).status.success());
    assert!(!run(&db, &["note", "5", "no"]).status.success());
    assert!(bytes(&db) == before, "a refused edit changed the file");
    ok(&db, &["note", "13", "ok"]);

    // viewer
    let dir2 = tempfile::tempdir().expect("tempdir");
    let db2 = fresh_db(dir2.path());
    ok(&db2, &["grant", &me, "--viewer"]);
    let before = bytes(&db2);
    for args in [&["add", "13.1", "1"][..], &["note", "13", "x"], &["done", "12.1"]] {
        assert_eq!(run(&db2, args).status.code(), Some(1), "{args:?}");
    }
    assert!(bytes(&db2) == before, "a viewer's refused edit changed the file");
    assert_eq!(json(&db2, &["log", "--json"]).as_array().expect("log").len(), 0);

    // --readonly refuses writes even without roles
    let dir3 = tempfile::tempdir().expect("tempdir");
    let db3 = fresh_db(dir3.path());
    assert_eq!(run(&db3, &["--readonly", "add", "13.1", "1"]).status.code(), Some(1));
    ok(&db3, &["--readonly", "status"]);

    // admin may do everything
    ok(&db3, &["grant", &me, "--admin"]);
    ok(&db3, &["set", "18.1", "2"]);
    ok(&db3, &["grant", "wang", "--dept", "群众**科", "办公室"]);
    let roles = ok(&db3, &["roles"]);
    assert!(roles.contains("wang: editor of 群众**科, 办公室"), "{roles}");
    ok(&db3, &["revoke", "wang"]);
}

#[test]
fn bad_database_files_are_refused_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = fresh_db(dir.path());
    ok(&good, &["set", "13.1", "5"]);
    let full = std::fs::read(&good).expect("read");
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("text".into(), "一、强化政治建设\n".repeat(40).into_bytes()),
    ];
    let mut seed: u64 = 42;
    for n in [16usize, 4096, 70_000] {
        let bytes = (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                (seed >> 56) as u8
            })
            .collect();
        cases.push((format!("random-{n}"), bytes));
    }
    let pages = full.len() / 4096;
    for cut in [9usize, 512, 4096, 8192, (pages / 2) * 4096, full.len() - 1] {
        cases.push((format!("truncated-{cut}"), full[..cut].to_vec()));
    }
    let mut flipped = full.clone();
    for b in flipped.iter_mut().skip(4096).step_by(97) {
        *b ^= 0xa5;
    }
    cases.push(("corrupted".into(), flipped));
    for (name, bytes) in &cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        for args in [&["status"][..], &["add", "13.1", "1"], &["check"]] {
            let out = run(&p, args);
            let code = out.status.code().expect("exit code");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(code != 0 && code != 101, "{name} {args:?}: exit {code} {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
            assert!(std::fs::read(&p).expect("read") == *bytes, "{name} changed by {args:?}");
        }
    }
    // a directory, and a path through a file (no such directory)
    for p in [dir.path().to_path_buf(), good.join("inside")] {
        let out = run(&p, &["status"]);
        assert_eq!(out.status.code(), Some(1), "{}", p.display());
    }
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_db(dir.path());
    {
        let raw = redb::Builder::new()
            .set_concurrency_mode(redb::ConcurrencyMode::MultiWriter)
            .open(&db)
            .expect("raw open");
        let txn = raw.begin_write().expect("write");
        txn.open_table(redb::TableDefinition::<&str, &[u8]>::new("meta"))
            .expect("meta")
            .insert("schema", 99u32.to_le_bytes().as_slice())
            .expect("insert");
        txn.commit().expect("commit");
    }
    let before = std::fs::read(&db).expect("read");
    let out = run(&db, &["status"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer yaodian"), "{err}");
    assert!(std::fs::read(&db).expect("read") == before);
}

#[test]
fn backup_while_another_process_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_db(dir.path());
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for _ in 0..40 {
                ok(&db, &["add", "13.2", "1"]);
            }
        })
    };
    let start = Instant::now();
    let mut copies = Vec::new();
    for k in 0..5 {
        let copy = dir.path().join(format!("copy-{k}.redb"));
        ok(&db, &["backup", copy.to_str().expect("path")]);
        copies.push(copy);
    }
    writer.join().expect("writer");
    assert!(start.elapsed() < Duration::from_secs(60));
    for copy in copies {
        // every copy is a consistent database on its own
        ok(&copy, &["check"]);
        let v = value_of(&copy, "13.2");
        let n = json(&copy, &["log", "--json"]).as_array().expect("log").len();
        #[expect(clippy::cast_precision_loss, reason = "small counts")]
        let n = n as f64;
        assert_eq!(v, n);
    }
}

/// Runs `args` with `env`, failing the test if it has not ended within `limit`.
fn run_within(
    db: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    limit: Duration,
) -> (Output, Duration) {
    let started = Instant::now();
    let mut cmd = bin();
    cmd.arg("--db").arg(db).args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            child.kill().expect("kill");
            let _ = child.wait();
            panic!("yaodian {args:?} still waiting after {limit:?}: frozen");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child.wait_with_output().expect("output"), started.elapsed())
}

/// The pid of a stopped child of `parent`, waiting for it to stop.
fn stopped_child_of(parent: u32) -> u32 {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        for entry in std::fs::read_dir("/proc").expect("proc").flatten() {
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
            // pid (comm) state ppid …
            let Some(after) = stat.rsplit_once(") ").map(|(_, a)| a) else { continue };
            let mut f = after.split(' ');
            let (state, ppid) = (f.next(), f.next().and_then(|p| p.parse::<u32>().ok()));
            if ppid == Some(parent) && matches!(state, Some("T" | "t")) {
                return entry.file_name().to_string_lossy().parse().expect("pid");
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the writer never stopped");
}

/// Starts `add 13.1 1` on `db` under strace, which stops it (SIGSTOP) at its first
/// fdatasync, inside redb's begin_write, holding the header lock: strace, and the pid of
/// the stopped writer.
fn stop_a_writer(db: &Path) -> (std::process::Child, u32) {
    let strace = Command::new("strace")
        .args(["-f", "-o", "/dev/null", "-e", "trace=fdatasync,fsync"])
        .args(["-e", "inject=fdatasync,fsync:signal=SIGSTOP:when=1"])
        .arg(env!("CARGO_BIN_EXE_yaodian"))
        .arg("--db")
        .arg(db)
        .args(["add", "13.1", "1"])
        .env_remove("YAODIAN_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("strace (apt-get install strace)");
    let stopped = stopped_child_of(strace.id());
    (strace, stopped)
}

/// Attack 4 of docs/SECURITY.md: a writer stopped (SIGSTOP) at its first fdatasync, inside
/// redb's begin_write, holding the header lock. Readers read the last commit at once;
/// another writer waits a bounded time, names the stopped one and changes nothing.
#[test]
fn a_stopped_writer_freezes_nobody() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_db(dir.path());
    ok(&db, &["set", "13.2", "7"]);
    let (mut strace, stopped) = stop_a_writer(&db);
    let limit = Duration::from_secs(15);

    for args in [&["status"][..], &["--readonly", "status"], &["targets", "--json"]] {
        let (out, took) = run_within(&db, args, &[], limit);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        eprintln!("{args:?} with a stopped writer: {took:?}");
    }
    let (out, _) = run_within(&db, &["targets", "--json"], &[], limit);
    let targets: Value = serde_json::from_slice(&out.stdout).expect("json");
    let v = targets.as_array().expect("list").iter().find(|t| t["id"] == "13.2").expect("13.2");
    assert_eq!(v["value"], 7.0, "the last commit is what readers see");

    let (out, took) = run_within(&db, &["add", "13.2", "1"], &[("YAODIAN_WRITE_WAIT", "1")], limit);
    eprintln!("a second writer gave up after {took:?}");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("busy") && err.contains(&format!("pid {stopped}")), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let (drawn, took) = board_draws_and_quits(&db, limit);
    eprintln!("a new board with a stopped writer quit on q after {took:?}");
    assert!(drawn.contains("read-only"), "the board says why it cannot edit: {drawn}");

    // the stopped writer is killed: the file is whole, and the refused add changed nothing
    Command::new("kill").args(["-9", &stopped.to_string()]).status().expect("kill");
    let _ = strace.wait();
    ok(&db, &["check"]);
    assert_eq!(value_of(&db, "13.2"), 7.0);
    ok(&db, &["add", "13.2", "1"]);
    assert_eq!(value_of(&db, "13.2"), 8.0);
}

/// Opens the board (TUI) on `db` in a pseudo-terminal (`script`), waits for its first frame,
/// presses `q` and waits for it to end: the terminal output and how long it all took.
fn board_draws_and_quits(db: &Path, limit: Duration) -> (String, Duration) {
    let started = Instant::now();
    let board = Board::open(db, limit);
    (board.quit(limit), started.elapsed())
}

/// A board (TUI) running in a pseudo-terminal (`script`), its output collected.
struct Board {
    tui: std::process::Child,
    seen: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    reader: std::thread::JoinHandle<()>,
}

impl Board {
    /// Starts the board on `db` and waits for its first frame.
    fn open(db: &Path, limit: Duration) -> Board {
        use std::io::Read;
        use std::sync::{Arc, Mutex};
        let started = Instant::now();
        let command = format!(
            "stty cols 100 rows 30; exec {} --db {}",
            env!("CARGO_BIN_EXE_yaodian"),
            db.display()
        );
        let mut tui = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env_remove("YAODIAN_DB")
            .env("LANG", "en_US.UTF-8")
            .env("TERM", "xterm-256color")
            .env("YAODIAN_WRITE_WAIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script (util-linux)");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = tui.stdout.take().expect("stdout");
        let reader = {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stdout.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    seen.lock().expect("lock").extend_from_slice(&buf[..n]);
                }
            })
        };
        let board = Board { tui, seen, reader };
        // the first frame: the alternate screen, then the footer's last hint
        while !(board.text().contains("\u{1b}[?1049h") && board.text().contains("quit")) {
            if started.elapsed() > limit {
                let mut board = board;
                let _ = board.tui.kill();
                panic!("the board never drew within {limit:?}: {}", board.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        board
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().expect("lock")).into_owned()
    }

    /// Presses `q` and waits for the board to end; its whole output.
    fn quit(mut self, limit: Duration) -> String {
        use std::io::Write;
        let started = Instant::now();
        let mut stdin = self.tui.stdin.take().expect("stdin");
        stdin.write_all(b"q").expect("press q");
        while self.tui.try_wait().expect("wait").is_none() {
            if started.elapsed() > limit {
                let _ = self.tui.kill();
                panic!("q did not quit the board within {limit:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(self.tui.wait().expect("wait").success(), "{}", self.text());
        drop(stdin);
        let Board { seen, reader, .. } = self;
        let _ = reader.join();
        String::from_utf8_lossy(&seen.lock().expect("lock")).into_owned()
    }
}

/// The other half of attack 4: a board already open when a writer stops at its first
/// fdatasync keeps answering — its polls wait on the store's own thread — and `q` ends it.
#[test]
fn a_stopped_writer_never_freezes_an_open_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fresh_db(dir.path());
    let limit = Duration::from_secs(15);
    let board = Board::open(&db, limit);
    let (mut strace, stopped) = stop_a_writer(&db);
    // a poll or two (every 500 ms) reach the stopped writer's lock
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    board.quit(limit);
    let took = started.elapsed();
    eprintln!("an open board with a stopped writer quit on q after {took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    Command::new("kill").args(["-9", &stopped.to_string()]).status().expect("kill");
    let _ = strace.wait();
    ok(&db, &["check"]);
}
