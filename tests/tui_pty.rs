//! End-to-end: the real binary in a pseudo-terminal, keys typed, the parsed screen read.
//! Every wait polls the screen against a deadline, so a loaded machine only makes the
//! tests slower, not flaky.

#[path = "support/fixture.rs"]
mod fixture;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use yaodian::core::edit::Edit;
use yaodian::core::store::{OpenOptions, Store};

const WAIT: Duration = Duration::from_secs(10);
const TITLE: &str = "市体育局2023年工作要点";

struct Tui {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Asks the reader thread to let go of its end of the pty after its next read.
    stop_reading: Arc<AtomicBool>,
    /// Bytes the program has written to the terminal so far.
    bytes: Arc<AtomicUsize>,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

impl Tui {
    fn start(db: &Path, cols: u16, rows: u16) -> Tui {
        Tui::start_with(db, cols, rows, &[])
    }

    /// Starts the board with extra arguments after the usual ones.
    fn start_with(db: &Path, cols: u16, rows: u16, extra: &[&str]) -> Tui {
        let pty = native_pty_system();
        let pair = pty.openpty(size(cols, rows)).expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_yaodian"));
        cmd.args(["--db", db.to_str().expect("path"), "--lang", "zh"]);
        cmd.args(["--today", "2023-09-30"]);
        cmd.args(extra);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let bytes = Arc::new(AtomicUsize::new(0));
        let (p, stop, count) = (parser.clone(), stop_reading.clone(), bytes.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        count.fetch_add(n, Ordering::SeqCst);
                        p.lock().expect("parser").process(&buf[..n]);
                    }
                }
                if stop.load(Ordering::SeqCst) {
                    return;
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Tui { master: Some(pair.master), writer: Some(writer), child, parser, stop_reading, bytes }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen after the deadline.
    fn wait_for(&self, text: &str) {
        let end = Instant::now() + WAIT;
        loop {
            let s = self.screen();
            if s.contains(text) {
                return;
            }
            assert!(Instant::now() < end, "waited for {text:?}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `pred` holds for the screen.
    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let end = Instant::now() + WAIT;
        loop {
            let s = self.screen();
            if pred(&s) {
                return;
            }
            assert!(Instant::now() < end, "waited for {what}; screen:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("writer");
        w.write_all(keys.as_bytes()).expect("write");
        w.flush().expect("flush");
    }

    /// Types keys one at a time, waiting for the screen to settle between them.
    fn type_slowly(&mut self, keys: &str) {
        for c in keys.chars() {
            self.keys(&c.to_string());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.as_ref().expect("master").resize(size(cols, rows)).expect("resize");
        self.parser.lock().expect("parser").screen_mut().set_size(rows, cols);
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Waits for the process to end and returns its exit status.
    fn wait_status(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(start.elapsed() < within, "still running after {within:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self, within: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if self.child.try_wait().expect("try_wait").is_some() {
                return start.elapsed();
            }
            assert!(start.elapsed() < within, "still running after {within:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn db() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.redb");
    let (store, plan) = fixture::create_db(&path);
    fixture::record_values(&store, &plan);
    drop(store);
    (dir, path, plan)
}

/// From the start screen to the targets of item 13 (theme 四).
fn to_item_13(t: &mut Tui) {
    t.wait_for(TITLE);
    t.type_slowly("jjjl");
    t.wait_for("开展场地设施补短板行动");
    t.type_slowly("jl");
    t.wait_for("新建公共**场地设施");
}

#[test]
fn navigate_and_quit() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    t.wait_for("64/100处");
    t.keys("l");
    t.wait_for("填报记录");
    t.keys("\x1b");
    t.wait_for("牵头 群众**科");
    t.keys("q");
    t.wait_exit(WAIT);
}

#[test]
fn search_by_pinyin_initials() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    t.wait_for(TITLE);
    t.type_slowly("/qzk");
    t.wait_for("个匹配");
    t.wait_for("/qzk");
    t.keys("\r");
    // The first match is selected in the item pane: item 12 of theme 四.
    t.wait_until("item 12 selected", |s| s.contains(">12"));
    t.keys("q");
    t.wait_exit(WAIT);
}

#[test]
fn record_a_value_and_find_it_in_the_database() {
    let (_d, path, plan) = db();
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    t.keys("u");
    t.wait_for("填报 13.1");
    t.type_slowly("6.5");
    t.wait_for("该单位只能填整数");
    t.keys("\r");
    // Bad input changes nothing: still typing.
    t.wait_for("填报 13.1");
    t.keys("\x7f\x7f\x7f");
    t.type_slowly("71");
    t.keys("\r");
    t.wait_for("71/100处");
    t.keys("q");
    t.wait_exit(WAIT);
    let store = Store::open(&path, OpenOptions::default()).expect("open");
    let board = store.board(&plan).expect("board");
    let i = board.target_index("13.1").expect("13.1");
    assert_eq!(board.target_states[i].value, 71.0);
}

#[test]
fn a_change_of_kind_is_confirmed_with_y_after_editing_the_line_with_control_keys() {
    let (_d, path, plan) = db();
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    t.keys("e");
    t.wait_for("修改指标 13.1");
    // C-u clears the line; C-w deletes the word typed after the name; Alt-b (ESC b) moves.
    t.keys("\x15");
    t.type_slowly("新建场地 多余");
    t.wait_for("多余");
    t.keys("\x17");
    t.wait_until("the last word is gone", |s| !s.contains("多余"));
    t.keys("\x1bb");
    t.keys("\r");
    t.wait_for("改变指标类型 13.1");
    t.wait_for("数量 -> 里程碑");
    t.keys("n");
    t.wait_for("修改指标 13.1");
    t.keys("\r");
    t.wait_for("改变指标类型 13.1");
    t.keys("y");
    t.wait_for("已保存 13.1");
    t.keys("q");
    t.wait_exit(WAIT);
    let store = Store::open(&path, OpenOptions::default()).expect("open");
    let board = store.board(&plan).expect("board");
    let i = board.target_index("13.1").expect("13.1");
    assert_eq!(board.plan.targets[i].name, "新建场地");
    assert_eq!(board.plan.targets[i].kind, yaodian::core::model::TargetKind::Milestone);
}

#[test]
fn another_process_write_shows_without_a_key() {
    let (_d, path, plan) = db();
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    let store = Store::open(&path, OpenOptions::default()).expect("open");
    let start = Instant::now();
    store
        .apply(
            &plan,
            &Edit::Set { target: "13.2".into(), value: 7777.0 },
            "",
            &fixture::actor("zhao"),
        )
        .expect("apply");
    t.wait_for("7777/8000件");
    // Polling is every 500 ms; allow for a loaded machine but not for a key press.
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    t.keys("q");
    t.wait_exit(WAIT);
}

#[test]
fn too_small_and_back() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    t.wait_for(TITLE);
    t.resize(70, 20);
    t.wait_for("终端太小");
    t.resize(80, 24);
    t.wait_until("the board again", |s| s.contains(TITLE) && !s.contains("终端太小"));
    t.keys("q");
    t.wait_exit(WAIT);
}

#[test]
fn closing_the_terminal_ends_the_process() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    t.wait_for(TITLE);
    // Every handle on the master side must go for the kernel to hang up the terminal:
    // stop the reader (after one more read), then drop the writer and the master.
    t.stop_reading.store(true, Ordering::SeqCst);
    t.keys("j");
    std::thread::sleep(Duration::from_millis(300));
    t.writer = None;
    t.master = None;
    let took = t.wait_exit(Duration::from_secs(3));
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn idle_board_writes_nothing() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    std::thread::sleep(Duration::from_millis(800));
    let before = t.bytes.load(Ordering::SeqCst);
    // Several poll periods with nothing changing: not one byte.
    std::thread::sleep(Duration::from_millis(2000));
    assert_eq!(t.bytes.load(Ordering::SeqCst), before);
    // A key that changes nothing visible costs few bytes; one that moves costs some.
    t.keys("j");
    t.wait_until("selection on 13.2", |s| s.contains(">13.2"));
    let moved = t.bytes.load(Ordering::SeqCst) - before;
    assert!(moved < 2000, "{moved} bytes for one row move");
    t.keys("q");
    t.wait_exit(WAIT);
}

/// Runs the command-line binary on `db`; panics with its stderr unless it succeeds.
fn cli(db: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("YAODIAN_DB")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run yaodian");
    assert!(out.status.success(), "yaodian {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Unix user the tests run as (the TUI records and checks this one).
fn me() -> String {
    let out = std::process::Command::new("id").arg("-un").output().expect("id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A process's state letter and CPU time used so far (utime + stime, in clock ticks), from
/// `/proc/<pid>/stat`; `None` once it is gone.
fn proc_stat(pid: u32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((state, utime + stime))
}

#[test]
fn three_boards_and_two_writers_all_show_the_final_value() {
    let (_d, path, _) = db();
    let mut boards: Vec<Tui> = (0..3).map(|_| Tui::start(&path, 80, 24)).collect();
    for t in &mut boards {
        to_item_13(t);
        t.wait_for("64/100处");
    }
    const ADDS: usize = 10;
    let writers: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                for _ in 0..ADDS {
                    cli(&path, &["add", "13.1", "1"]);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    // 64 + 2 x 10, on every board, with no key pressed.
    for t in &boards {
        t.wait_for("84/100处");
    }
    for t in &mut boards {
        t.keys("q");
        t.wait_exit(WAIT);
    }
    let json = cli(&path, &["targets", "--json"]);
    assert!(json.contains("\"value\": 84"), "{json}");
}

#[test]
fn closed_terminal_exits_within_a_second_without_spinning_and_the_file_checks() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    let pid = t.pid();
    // Idle first: a measuring window, not a wait for something to happen.
    let (_, idle_start) = proc_stat(pid).expect("running");
    std::thread::sleep(Duration::from_secs(1));
    let (_, idle_end) = proc_stat(pid).expect("running");
    assert!(
        idle_end - idle_start <= 5,
        "{} ticks of CPU in one idle second",
        idle_end - idle_start
    );

    // Let the reader thread go after one more read, then drop every master handle.
    let before = t.bytes.load(Ordering::SeqCst);
    t.stop_reading.store(true, Ordering::SeqCst);
    t.keys("j");
    let end = Instant::now() + WAIT;
    while t.bytes.load(Ordering::SeqCst) == before {
        assert!(Instant::now() < end, "no redraw after a key");
        std::thread::sleep(Duration::from_millis(10));
    }
    let (_, at_close) = proc_stat(pid).expect("running");
    let closed = Instant::now();
    t.writer = None;
    t.master = None;
    let mut last = at_close;
    loop {
        match proc_stat(pid) {
            Some(('Z', ticks)) => {
                last = ticks;
                break;
            }
            Some((_, ticks)) => last = ticks,
            None => break,
        }
        if t.child.try_wait().expect("try_wait").is_some() {
            break;
        }
        assert!(closed.elapsed() < Duration::from_secs(5), "still running after 5 s");
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = closed.elapsed();
    assert!(took < Duration::from_secs(1), "took {took:?} to exit after the hang-up");
    assert!(last - at_close <= 20, "{} ticks of CPU between hang-up and exit", last - at_close);
    let report = cli(&path, &["check"]);
    assert!(report.contains("0 个问题") || report.contains("0 problems"), "{report}");
}

#[test]
fn a_viewer_is_refused_on_the_board() {
    let (_d, path, _) = db();
    cli(&path, &["grant", &me(), "--viewer"]);
    let mut t = Tui::start(&path, 80, 24);
    to_item_13(&mut t);
    t.keys("u");
    t.wait_for("填报 13.1");
    t.type_slowly("70");
    t.keys("\r");
    t.wait_for("无权修改第 13 项");
    assert!(t.screen().contains("64/100处"), "the value is unchanged");
    // + takes the same path through the store.
    t.keys("+");
    t.wait_for("无权修改第 13 项");
    t.keys("q");
    t.wait_exit(WAIT);
    let json = cli(&path, &["targets", "--json"]);
    assert!(json.contains("\"value\": 64"), "{json}");
}

#[test]
fn an_editor_edits_their_items_and_is_told_who_may_edit_others() {
    let (_d, path, _) = db();
    // The first grant makes its granter an admin, who then narrows their own role.
    cli(&path, &["grant", "zhang", "--dept", "**产业科"]);
    cli(&path, &["grant", &me(), "--dept", "群众**科"]);
    let mut t = Tui::start(&path, 120, 40);
    // The board opens on the editor's own departments, a filter they can clear.
    t.wait_for("科室:我的科室");
    t.keys("\x1b");
    t.wait_until("the filter cleared", |s| !s.contains("科室:我的科室"));
    t.keys("g");
    t.wait_for(">一");
    to_item_13(&mut t);
    t.keys("u");
    t.wait_for("填报 13.1");
    t.type_slowly("70");
    t.keys("\r");
    t.wait_for("70/100处");
    // Item 18 belongs to **产业科.
    t.type_slowly("hh/18");
    t.keys("\r");
    t.wait_until("item 18 selected", |s| s.contains(">18"));
    t.type_slowly("l");
    t.wait_for("18.1");
    t.keys("u");
    t.wait_for("填报 18.1");
    t.type_slowly("1");
    t.keys("\r");
    t.wait_for("无权修改第 18 项（**产业科）：只有 zhang 可以");
    t.keys("q");
    t.wait_exit(WAIT);
}

/// The screen's row `y` (0-based), as text.
fn row(t: &Tui, y: usize) -> String {
    t.screen().lines().nth(y).unwrap_or_default().to_string()
}

#[test]
fn pick_a_department_by_its_initials_then_click_a_row() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 120, 40);
    t.wait_for(TITLE);
    t.keys("d");
    t.wait_for("按科室筛选");
    t.wait_for("全部科室");
    t.type_slowly("qzk");
    t.wait_until("the list narrowed", |s| s.contains("/ qzk") && !s.contains("全部科室"));
    t.keys("\r");
    t.wait_for("科室:群众**科");
    // The item pane starts at column 31; its second row's first line is screen row 5.
    t.wait_until("two items", |s| s.lines().nth(5).is_some_and(|l| l.len() > 40));
    assert!(!row(&t, 5).contains('>'), "{}", t.screen());
    // A left click there (SGR mouse report, 1-based), then the button's release.
    t.keys("\x1b[<0;41;6M\x1b[<0;41;6m");
    t.wait_until("the clicked row selected", |s| s.lines().nth(5).is_some_and(|l| l.contains('>')));
    t.keys("q");
    t.wait_exit(WAIT);
}

#[test]
fn a_dumb_terminal_gets_the_status_lines() {
    let (_d, path, _) = db();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yaodian"))
        .args(["--db", path.to_str().expect("path"), "--lang", "zh", "--today", "2023-09-30"])
        .env("TERM", "dumb")
        .output()
        .expect("run");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("TERM=dumb"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(TITLE) && !text.contains('\x1b'), "{text}");
}

#[test]
fn sigterm_restores_the_terminal_and_exits_cleanly() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 80, 24);
    t.wait_for(TITLE);
    assert!(t.parser.lock().expect("parser").screen().alternate_screen());
    let status = std::process::Command::new("kill")
        .args(["-TERM", &t.pid().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let exit = t.wait_status(WAIT);
    assert!(exit.success(), "{exit:?}");
    // The restore sequence reaches the screen: main buffer back, cursor shown.
    let end = Instant::now() + WAIT;
    loop {
        let (alt, hidden) = {
            let p = t.parser.lock().expect("parser");
            (p.screen().alternate_screen(), p.screen().hide_cursor())
        };
        if !alt && !hidden {
            break;
        }
        assert!(Instant::now() < end, "alternate screen {alt}, cursor hidden {hidden}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_behind_list_opens_jumps_with_enter_and_esc_comes_back() {
    let (_d, path, _) = db();
    let mut t = Tui::start(&path, 120, 40);
    t.wait_for(TITLE);
    t.keys("b");
    t.wait_for("滞后清单");
    t.wait_for("滞后与预警");
    t.keys("\r");
    // on the board: the target pane of the first line's item, the list gone
    t.wait_until("the board", |s| !s.contains("滞后清单") && s.contains("序时"));
    t.keys("\x1b");
    t.wait_for("滞后清单");
    t.keys("\x1b");
    t.wait_until("the board again", |s| !s.contains("滞后清单"));
    t.keys("q");
    t.wait_exit(WAIT);
}

#[test]
fn a_first_run_on_an_empty_database_points_to_import_and_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.redb");
    // a database with no plan in it
    let store = yaodian::core::store::Store::open(&path, Default::default()).expect("create");
    drop(store);
    let mut t = Tui::start(&path, 120, 40);
    t.wait_for(TITLE);
    t.wait_for("yaodian demo");
    t.wait_for("yaodian import");
    // the next key clears it
    t.keys("j");
    t.wait_until("the hint gone", |s| !s.contains("yaodian demo"));
    t.keys("q");
    t.wait_exit(WAIT);
}
