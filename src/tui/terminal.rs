//! The real terminal: raw mode and the alternate screen behind a guard that restores them
//! (also from a panic), an input thread, a signal thread, and the one channel both feed.
//!
//! After a hang-up (SIGHUP, or the input reader failing because the terminal is gone) the
//! terminal is marked dead and nothing is written to it again, not even the restore
//! sequence: a dead tty can block or error, and there is no one to see it.

use ratatui::crossterm::event::{self, Event as CtEvent, KeyEventKind};
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(event::KeyEvent),
    /// The terminal changed size.
    Resize,
    /// SSH dropped or the terminal went away: leave without touching it.
    Hangup,
    /// SIGTERM / SIGINT: leave, restoring the terminal.
    Terminate,
}

/// The terminal is in raw mode on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
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

/// Enters raw mode and the alternate screen, and chains a panic hook that restores the
/// terminal before the panic message is printed.
pub fn init() -> std::io::Result<Guard> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard(());
    execute!(std::io::stdout(), EnterAlternateScreen)?;
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
