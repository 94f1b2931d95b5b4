//! The real terminal: raw mode and the alternate screen behind a guard that restores them
//! (also from a panic), an input thread, a signal thread, and the one channel both feed.
//!
//! After a hang-up (SIGHUP, or the input reader failing because the terminal is gone) the
//! terminal is marked dead and nothing is written to it again, not even the restore
//! sequence: a dead tty can block or error, and there is no one to see it.

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event as CtEvent, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

/// What the main thread waits for.
#[derive(Debug)]
pub enum Event {
    Key(event::KeyEvent),
    /// The terminal changed size.
    Resize,
    /// SSH dropped or the terminal went away: leave without touching it.
    Hangup,
    /// SIGTERM / SIGINT: leave, restoring the terminal.
    Terminate,
    /// A click or a turn of the wheel (only while the board has the mouse).
    Mouse(event::MouseEvent),
    /// What came of an effect the loop handed to its executor (see
    /// [`crate::tui::effect::Executor`]): `None` when there is nothing to tell.
    Done(Box<Result<Option<crate::tui::app::Outcome>, crate::core::store::StoreError>>),
}

/// The terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The terminal reports the mouse to us (to be turned off on restore).
static MOUSE: AtomicBool = AtomicBool::new(false);
/// The terminal is gone: never write to it again.
static DEAD: AtomicBool = AtomicBool::new(false);

/// Marks the terminal as gone.
pub fn mark_dead() {
    DEAD.store(true, Ordering::SeqCst);
}

/// Restores the terminal once, unless it is dead. Safe to call from a panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) || DEAD.load(Ordering::SeqCst) {
        return;
    }
    let mut out = std::io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal when dropped (normal exit, error, or unwinding).
pub struct Guard(());

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters raw mode and the alternate screen (and asks for the mouse with `mouse`), and
/// chains a panic hook that restores the terminal before the panic message is printed.
pub fn init(mouse: bool) -> std::io::Result<Guard> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard(());
    execute!(std::io::stdout(), EnterAlternateScreen)?;
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(std::io::stdout(), EnableMouseCapture)?;
    }
    Ok(guard)
}

/// Reads terminal input on its own thread. A read error means the terminal is gone: the
/// thread reports a hang-up and ends (it never retries, so it cannot spin).
pub fn spawn_input(tx: Sender<Event>) -> std::io::Result<()> {
    std::thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let ev = match event::read() {
                Ok(CtEvent::Key(k)) if k.kind != KeyEventKind::Release => Event::Key(k),
                Ok(CtEvent::Resize(..)) => Event::Resize,
                // Presses and the wheel only: moves and drags would wake the loop for
                // nothing.
                Ok(CtEvent::Mouse(m))
                    if matches!(
                        m.kind,
                        MouseEventKind::Down(_)
                            | MouseEventKind::ScrollUp
                            | MouseEventKind::ScrollDown
                    ) =>
                {
                    Event::Mouse(m)
                }
                Ok(_) => continue,
                Err(_) => {
                    mark_dead();
                    let _ = tx.send(Event::Hangup);
                    return;
                }
            };
            if tx.send(ev).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// Turns SIGHUP into [`Event::Hangup`] (marking the terminal dead at once) and SIGTERM /
/// SIGINT into [`Event::Terminate`].
pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for sig in signals.forever() {
            let ev = if sig == SIGHUP {
                mark_dead();
                Event::Hangup
            } else {
                Event::Terminate
            };
            if tx.send(ev).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// The terminal writer: buffers a frame and, when it is flushed, drops cursor moves to
/// where the cursor already is. ratatui moves the cursor before every cell that does not
/// directly follow the previous one, and the cell after a wide (CJK) character never does,
/// so a line of Chinese costs a move (`ESC[r;cH`, 7–8 bytes) per 3-byte character. Only
/// moves are removed, and only when the cursor position is known from what was written
/// since the last move (printable text advanced by its display width, colours and
/// attributes not moving it); anything else makes the position unknown and the next move
/// is kept.
pub struct Compact<W: Write> {
    inner: W,
    buf: Vec<u8>,
    out: Vec<u8>,
}

impl<W: Write> Compact<W> {
    pub fn new(inner: W) -> Compact<W> {
        Compact { inner, buf: Vec::with_capacity(64 * 1024), out: Vec::with_capacity(64 * 1024) }
    }
}

impl<W: Write> Write for Compact<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.clear();
        compact(&self.buf, &mut self.out);
        self.buf.clear();
        self.inner.write_all(&self.out)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Compact<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Copies `data` to `out` without the cursor moves (`ESC[row;colH`) to the position the
/// cursor is known to be at.
pub fn compact(data: &[u8], out: &mut Vec<u8>) {
    // (row, column), 1-based as in the escape sequence; None when unknown
    let mut pos: Option<(u32, u32)> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == 0x1b && data.get(i + 1) == Some(&b'[') {
            // a CSI sequence: parameters, then one final byte in 0x40..=0x7e
            let mut j = i + 2;
            while j < data.len() && !(0x40..=0x7e).contains(&data[j]) {
                j += 1;
            }
            let end = (j + 1).min(data.len());
            let seq = &data[i..end];
            match data.get(j) {
                Some(b'H') => {
                    let target = parse_move(&seq[2..seq.len() - 1]);
                    if target.is_none() || target != pos {
                        out.extend_from_slice(seq);
                    }
                    pos = target;
                }
                // colours and attributes do not move the cursor
                Some(b'm') => out.extend_from_slice(seq),
                _ => {
                    out.extend_from_slice(seq);
                    pos = None;
                }
            }
            i = end;
            continue;
        }
        if b < 0x20 || b == 0x7f {
            out.push(b);
            pos = None;
            i += 1;
            continue;
        }
        // printable text: one UTF-8 character
        let len = match b {
            0xf0..=0xf7 => 4,
            0xe0..=0xef => 3,
            0xc0..=0xdf => 2,
            _ => 1,
        };
        let end = (i + len).min(data.len());
        let ch = std::str::from_utf8(&data[i..end]).ok().and_then(|s| s.chars().next());
        out.extend_from_slice(&data[i..end]);
        pos = match (pos, ch.and_then(unicode_width::UnicodeWidthChar::width)) {
            (Some((r, c)), Some(w)) => Some((r, c + u32::try_from(w).unwrap_or(0))),
            _ => None,
        };
        i = end;
    }
}

/// `row;col` of a cursor move; None for anything else (`ESC[H` alone, odd forms).
fn parse_move(params: &[u8]) -> Option<(u32, u32)> {
    let s = std::str::from_utf8(params).ok()?;
    let (r, c) = s.split_once(';')?;
    Some((r.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn run(s: &str) -> String {
        let mut out = Vec::new();
        compact(s.as_bytes(), &mut out);
        String::from_utf8(out).expect("utf8")
    }

    #[test]
    fn drops_moves_to_where_the_cursor_is() {
        assert_eq!(run("\x1b[3;84H体\x1b[3;86H育\x1b[3;88H局"), "\x1b[3;84H体育局");
        assert_eq!(run("\x1b[1;1Hab\x1b[1;3Hc"), "\x1b[1;1Habc");
        // colours between do not matter
        assert_eq!(run("\x1b[2;5H中\x1b[38;5;1m\x1b[2;7H文"), "\x1b[2;5H中\x1b[38;5;1m文");
    }

    #[test]
    fn keeps_moves_elsewhere_or_when_unknown() {
        assert_eq!(run("\x1b[3;84H体\x1b[3;87H育"), "\x1b[3;84H体\x1b[3;87H育");
        assert_eq!(run("\x1b[4;1H\x1b[2J\x1b[4;1Hx"), "\x1b[4;1H\x1b[2J\x1b[4;1Hx");
        assert_eq!(run("a\r\n\x1b[1;1Hb"), "a\r\n\x1b[1;1Hb");
        assert_eq!(run("\x1b[Hx\x1b[1;2Hy"), "\x1b[Hx\x1b[1;2Hy");
    }
}
