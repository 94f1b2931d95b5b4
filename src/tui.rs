//! The terminal board: themes | items | targets with live progress gauges, a target detail
//! view, a dashboard, input lines, search and filters.
//!
//! Shape: [`terminal`] owns the real terminal and feeds one channel; [`keymap`] turns keys
//! into [`action::Action`]s; [`app::App::update`] changes state and may return an
//! [`app::Effect`]; [`effect::run`] carries it out against the store and returns one
//! [`app::Outcome`], which [`app::App::handle`] takes in; [`view`] draws the state and only
//! reads it. [`run_loop`] is generic over the backend so tests drive it on `TestBackend`.

pub mod action;
pub mod app;
pub mod effect;
pub mod keymap;
pub mod terminal;
pub mod text;
pub mod view;

use crate::core::clock::Clock;
use crate::core::identity::Actor;
use crate::core::store::{Store, roles::Grant};
use crate::lang::Lang;
use anyhow::Context;
use app::{App, Look};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use terminal::Event;
use text::tr;

/// How often the store's change counter is read.
pub const POLL: Duration = Duration::from_millis(500);

/// How the board is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TuiOptions {
    pub lang: Lang,
    /// Only ASCII for borders, gauges and markers.
    pub ascii: bool,
    /// False under `NO_COLOR`.
    pub color: bool,
    /// The terminal has 256 colours (TERM says `256color`, or COLORTERM is set).
    pub rich: bool,
    /// The header says 演示/DEMO.
    pub demo: bool,
    pub readonly: bool,
    /// Overrides today's date (demo, tests).
    pub today: Option<NaiveDate>,
    /// Where "now" and the local zone come from.
    pub clock: Clock,
    /// Clicks and the wheel reach the board (else the terminal keeps the mouse).
    pub mouse: bool,
    /// The database was empty: the board opens saying where to go from the bundled plan.
    pub first_run: bool,
}

/// How the event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit (or SIGTERM): restore the terminal.
    Quit,
    /// The terminal is gone: do not touch it.
    Hangup,
}

/// Builds the app for a plan: reads the board, the live feed and the user's departments.
pub fn load_app(
    store: &Store,
    plan_id: &str,
    actor: &Actor,
    opts: &TuiOptions,
) -> anyhow::Result<App> {
    let now = effect::load(store, plan_id)?;
    let today = opts.today.unwrap_or_else(|| opts.clock.today());
    let mut app = App::new(now.board, now.recent, today, look(opts), actor.user.clone());
    app.mark = now.mark;
    app.clock = opts.clock;
    app.set_cycle(now.settings, now.latest);
    if opts.first_run {
        app.say(tr(opts.lang, text::FIRST_RUN).to_string(), false);
    }
    if let Some((_, Grant::Editor(depts))) =
        store.grants()?.into_iter().find(|(user, _)| user == &actor.user)
    {
        app.set_my_depts(depts);
    }
    Ok(app)
}

/// From this many targets on, the board draws its first frame from the stored tallies and
/// reads the whole board after it (below it, the whole read takes a few milliseconds).
pub const FIRST_FRAME_FROM: usize = 10_000;

/// Builds the app of a first frame drawn from the stored tallies and a part of the board
/// ([`App::first`]; the event loop then asks for the whole board): `None` for a plan under
/// `from` targets, a file without tallies, or a user the board opens filtered to their
/// departments (which themes show depends on every item).
pub fn first_app(
    store: &Store,
    plan_id: &str,
    actor: &Actor,
    opts: &TuiOptions,
    from: usize,
) -> anyhow::Result<Option<App>> {
    let grants = store.grants()?;
    if grants.iter().any(|(user, g)| user == &actor.user && matches!(g, Grant::Editor(_))) {
        return Ok(None);
    }
    let today = opts.today.unwrap_or_else(|| opts.clock.today());
    let Some(first) = store.first_screen(plan_id, today)? else { return Ok(None) };
    if first.targets < from {
        return Ok(None);
    }
    let recent = store.recent(plan_id, effect::FEED_LEN)?;
    let settings = store.plan_settings(plan_id)?;
    let mut app = App::first(first, recent, settings, today, look(opts), actor.user.clone());
    app.clock = opts.clock;
    if opts.first_run {
        app.say(tr(opts.lang, text::FIRST_RUN).to_string(), false);
    }
    Ok(Some(app))
}

/// How the options say the board is drawn.
fn look(opts: &TuiOptions) -> Look {
    Look {
        lang: opts.lang,
        ascii: opts.ascii,
        color: opts.color,
        rich: opts.rich,
        demo: opts.demo,
        readonly: opts.readonly,
    }
}

/// Runs the board on the real terminal until the user quits or the terminal goes away.
pub fn run(store: Store, plan_id: String, actor: Actor, opts: TuiOptions) -> anyhow::Result<()> {
    let mut app = match first_app(&store, &plan_id, &actor, &opts, FIRST_FRAME_FROM)? {
        Some(app) => app,
        None => load_app(&store, &plan_id, &actor, &opts)?,
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let lang = opts.lang;
    terminal::spawn_signals(tx.clone()).context(tr(lang, text::SETUP_SIGNALS))?;
    let guard = terminal::init(opts.mouse).context(tr(lang, text::SETUP_TERMINAL))?;
    terminal::spawn_input(tx.clone()).context(tr(lang, text::SETUP_INPUT))?;
    let out = terminal::Compact::new(std::io::stdout());
    let mut term = Terminal::new(CrosstermBackend::new(out))?;
    // The store's work runs on its own thread: one that blocks never holds up `q`.
    let export_dir = effect::export_dir_from_env();
    let mut worker = effect::Worker::spawn(std::sync::Arc::new(store), actor, export_dir, tx)
        .context(tr(lang, text::SETUP_WORKER))?;
    let (fixed_today, clock) = (opts.today, opts.clock);
    let result = run_loop(&mut term, &mut app, &mut worker, &rx, &|| {
        fixed_today.unwrap_or_else(|| clock.today())
    });
    match result {
        Ok((Exit::Hangup, idle)) => {
            terminal::mark_dead();
            // The backend's buffer must not be flushed to the dead terminal either.
            std::mem::forget(term);
            drop(guard);
            worker.finish(idle);
            Ok(())
        }
        Ok((Exit::Quit, idle)) => {
            drop(term);
            drop(guard);
            worker.finish(idle);
            Ok(())
        }
        Err(e) => {
            drop(term);
            drop(guard);
            worker.finish(false);
            Err(e)
        }
    }
}

/// The effects handed to the executor whose outcomes have not come back yet.
#[derive(Debug, Default)]
struct InFlight {
    count: usize,
    /// Whether one of them writes (an edit, an export): worth waiting for on the way out.
    writes: bool,
}

/// The event loop: draws when something changed, routes keys through the keymap to
/// `update`, hands effects to `exec` and takes in their outcomes as they come back, and
/// polls the store's change counter every [`POLL`] (when nothing is in flight).
///
/// Blocks on `events` between wake-ups, so an idle board writes nothing and uses no CPU.
/// A failed draw means the terminal is gone and ends the loop as a hang-up. On the way out
/// it waits a bounded time for edits in flight; it returns whether nothing was left in
/// flight.
pub fn run_loop<B: Backend>(
    term: &mut Terminal<B>,
    app: &mut App,
    exec: &mut dyn effect::Executor,
    events: &Receiver<Event>,
    today: &dyn Fn() -> NaiveDate,
) -> anyhow::Result<(Exit, bool)>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut dirty = true;
    let mut last_poll = Instant::now();
    let mut flight = InFlight::default();
    let mut load_asked = false;
    let mut held = std::collections::VecDeque::new();
    loop {
        if dirty {
            let mut drawn = None;
            if term.draw(|f| drawn = Some(view::render(f, app))).is_err() {
                return Ok((Exit::Hangup, drain(app, exec, events, &mut flight)?));
            }
            // Where the rows went, for a click to find them.
            app.drawn = drawn.unwrap_or_default();
            dirty = false;
        }
        if app.quit {
            return Ok((Exit::Quit, drain(app, exec, events, &mut flight)?));
        }
        let wait = POLL.saturating_sub(last_poll.elapsed());
        // A first frame drawn from a part of the board: the whole of it is read now.
        if app.loading && !load_asked {
            load_asked = true;
            submit(exec, app, &mut flight, app::Effect::Load);
        }
        match events.recv_timeout(wait) {
            // Keys wait for the whole board (a key on a part of it could show or export a
            // part as the whole); a quit does not.
            Ok(ev @ (Event::Key(_) | Event::Mouse(_))) if app.loading && !quits(app, &ev) => {
                held.push_back(ev);
            }
            Ok(ev @ (Event::Key(_) | Event::Mouse(_))) => {
                dirty |= input(app, exec, &mut flight, &ev);
            }
            Ok(Event::Resize) => dirty = true,
            Ok(Event::Done(outcome)) => {
                dirty |= done(exec, app, &mut flight, *outcome)?;
                while !app.loading
                    && let Some(ev) = held.pop_front()
                {
                    dirty |= input(app, exec, &mut flight, &ev);
                }
            }
            Ok(Event::Hangup) | Err(RecvTimeoutError::Disconnected) => {
                if let Some(effect) = app.flush() {
                    submit(exec, app, &mut flight, effect);
                }
                return Ok((Exit::Hangup, drain(app, exec, events, &mut flight)?));
            }
            Ok(Event::Terminate) => {
                if let Some(effect) = app.flush() {
                    submit(exec, app, &mut flight, effect);
                }
                return Ok((Exit::Quit, drain(app, exec, events, &mut flight)?));
            }
            Err(RecvTimeoutError::Timeout) => {}
        }
        if let Some(effect) = app.tick(app.clock.now()) {
            submit(exec, app, &mut flight, effect);
            dirty = true;
        }
        if last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            // A new day, and what another process wrote (the change counter moved).
            let day = today();
            dirty |= day != app.today;
            app.set_today(day);
            if flight.count == 0 {
                let seen = app.mark;
                submit(exec, app, &mut flight, app::Effect::Refresh { seen });
            }
        }
    }
}

/// The key of a key or mouse event, as the keymap reads it.
fn key_of(ev: &Event) -> Option<keymap::Key> {
    match ev {
        Event::Key(k) => keymap::Key::from_event(*k),
        Event::Mouse(m) => keymap::Key::from_mouse(*m),
        _ => None,
    }
}

/// Whether a key or mouse event quits.
fn quits(app: &App, ev: &Event) -> bool {
    let keys = key_of(ev).map(|key| keymap::keys(app.mode(), key)).unwrap_or_default();
    keys.into_iter().any(|key| keymap::action(app.mode(), key) == Some(action::Action::Quit))
}

/// Routes a key or mouse event through the keymap to `update`; whether anything happened.
fn input(
    app: &mut App,
    exec: &mut dyn effect::Executor,
    flight: &mut InFlight,
    ev: &Event,
) -> bool {
    let key = key_of(ev);
    let mut any = false;
    // each key's action is looked up in the mode the key before it left
    for key in key.map(|key| keymap::keys(app.mode(), key)).unwrap_or_default() {
        if let Some(action) = keymap::action(app.mode(), key) {
            // Presses of +/- waiting to be written go first, as one entry.
            if let Some(effect) = app.flush_before(action) {
                submit(exec, app, flight, effect);
            }
            if let Some(effect) = app.update(action) {
                submit(exec, app, flight, effect);
            }
            any = true;
        }
    }
    any
}

/// Hands an effect to the executor, for the plan shown.
fn submit(exec: &mut dyn effect::Executor, app: &App, flight: &mut InFlight, e: app::Effect) {
    flight.count += 1;
    flight.writes |= matches!(e, app::Effect::Apply { .. } | app::Effect::Export(_));
    exec.submit(app.board.plan.id.clone(), e);
}

/// Takes in an effect's outcome (and hands over the follow-up it asks for). A failure of
/// the file or the machine ends the loop, as it always has. Returns whether anything came.
fn done(
    exec: &mut dyn effect::Executor,
    app: &mut App,
    flight: &mut InFlight,
    outcome: Result<Option<app::Outcome>, crate::core::store::StoreError>,
) -> anyhow::Result<bool> {
    flight.count = flight.count.saturating_sub(1);
    if flight.count == 0 {
        flight.writes = false;
    }
    let Some(outcome) = outcome? else { return Ok(false) };
    if let Some(next) = app.handle(outcome) {
        submit(exec, app, flight, next);
    }
    Ok(true)
}

/// On the way out: takes in what is still in flight, waiting at most a writer's wait for an
/// edit (the store gives up on a held lock by then) and a second for reads — a store that
/// does not answer (a writer stopped inside its commit) never keeps the board from ending.
/// Returns whether nothing was left in flight.
fn drain(
    app: &mut App,
    exec: &mut dyn effect::Executor,
    events: &Receiver<Event>,
    flight: &mut InFlight,
) -> anyhow::Result<bool> {
    let patience = |writes: bool| {
        let extra = if writes { crate::core::store::writer::write_wait() } else { Duration::ZERO };
        Instant::now() + extra + Duration::from_secs(1)
    };
    let mut deadline = patience(flight.writes);
    while flight.count > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(Event::Done(outcome)) => {
                done(exec, app, flight, *outcome)?;
                if flight.writes {
                    deadline = deadline.max(patience(true));
                }
            }
            // keys and signals: the board is leaving already
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(flight.count == 0)
}
