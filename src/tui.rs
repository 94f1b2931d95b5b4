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
use effect::Ctx;
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
    /// The header says 演示/DEMO.
    pub demo: bool,
    pub readonly: bool,
    /// Overrides today's date (demo, tests).
    pub today: Option<NaiveDate>,
    /// Where "now" and the local zone come from.
    pub clock: Clock,
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
    let board = store.board(plan_id)?;
    let recent = store.recent(plan_id, effect::FEED_LEN)?;
    let today = opts.today.unwrap_or_else(|| opts.clock.today());
    let look = Look {
        lang: opts.lang,
        ascii: opts.ascii,
        color: opts.color,
        demo: opts.demo,
        readonly: opts.readonly,
    };
    let latest = store.item_latest_reports(plan_id, &board.plan)?;
    let settings = store.plan_settings(plan_id)?;
    let mut app = App::new(board, recent, today, look, actor.user.clone());
    app.clock = opts.clock;
    app.set_cycle(settings, latest);
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

/// Runs the board on the real terminal until the user quits or the terminal goes away.
pub fn run(store: Store, plan_id: String, actor: Actor, opts: TuiOptions) -> anyhow::Result<()> {
    let mut app = load_app(&store, &plan_id, &actor, &opts)?;
    let (tx, rx) = std::sync::mpsc::channel();
    let lang = opts.lang;
    terminal::spawn_signals(tx.clone()).context(tr(lang, text::SETUP_SIGNALS))?;
    let guard = terminal::init().context(tr(lang, text::SETUP_TERMINAL))?;
    terminal::spawn_input(tx).context(tr(lang, text::SETUP_INPUT))?;
    let out = terminal::Compact::new(std::io::stdout());
    let mut term = Terminal::new(CrosstermBackend::new(out))?;
    let ctx = Ctx { store: &store, actor: &actor, export_dir: effect::export_dir_from_env() };
    let (fixed_today, clock) = (opts.today, opts.clock);
    let result =
        run_loop(&mut term, &mut app, &ctx, &rx, &|| fixed_today.unwrap_or_else(|| clock.today()));
    match result {
        Ok(Exit::Hangup) => {
            terminal::mark_dead();
            // The backend's buffer must not be flushed to the dead terminal either.
            std::mem::forget(term);
            drop(guard);
            Ok(())
        }
        Ok(Exit::Quit) => {
            drop(term);
            drop(guard);
            Ok(())
        }
        Err(e) => {
            drop(term);
            drop(guard);
            Err(e)
        }
    }
}

/// The event loop: draws when something changed, routes keys through the keymap to
/// `update`, runs effects, and polls the store's change counter every [`POLL`].
///
/// Blocks on `events` between wake-ups, so an idle board writes nothing and uses no CPU.
/// A failed draw means the terminal is gone and ends the loop as a hang-up.
pub fn run_loop<B: Backend>(
    term: &mut Terminal<B>,
    app: &mut App,
    ctx: &Ctx<'_>,
    events: &Receiver<Event>,
    today: &dyn Fn() -> NaiveDate,
) -> anyhow::Result<Exit>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut dirty = true;
    let mut last_poll = Instant::now();
    loop {
        if dirty {
            if term.draw(|f| view::render(f, app)).is_err() {
                return Ok(Exit::Hangup);
            }
            dirty = false;
        }
        if app.quit {
            return Ok(Exit::Quit);
        }
        let wait = POLL.saturating_sub(last_poll.elapsed());
        match events.recv_timeout(wait) {
            Ok(Event::Key(k)) => {
                let keys = keymap::Key::from_event(k).map(|key| keymap::keys(app.mode(), key));
                for key in keys.unwrap_or_default() {
                    if let Some(action) = keymap::action(app.mode(), key) {
                        if let Some(effect) = app.update(action) {
                            effect::drive(ctx, app, effect)?;
                        }
                        dirty = true;
                    }
                }
            }
            Ok(Event::Resize) => dirty = true,
            Ok(Event::Hangup) | Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Hangup),
            Ok(Event::Terminate) => return Ok(Exit::Quit),
            Err(RecvTimeoutError::Timeout) => {}
        }
        if last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            dirty |= poll(ctx, app, today())?;
        }
    }
}

/// Moves to a new day, and reloads when another process wrote (the change counter moved).
/// Returns whether anything changed.
fn poll(ctx: &Ctx<'_>, app: &mut App, today: NaiveDate) -> anyhow::Result<bool> {
    let new_day = today != app.today;
    app.set_today(today);
    let seen = app.board.counter;
    Ok(effect::drive(ctx, app, app::Effect::Refresh { seen })? || new_day)
}
