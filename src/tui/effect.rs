//! Runs the [`Effect`]s the app asks for against the store and returns what came of each
//! as one [`Outcome`]. The only place the TUI reads or writes the database (and the one
//! place it writes a file: the exported ledger).
//!
//! [`run`] needs the store and the plan id, never the app: it runs on the board's
//! [`Worker`] thread, and its outcome comes back on the event loop's channel as
//! [`Event::Done`], to be fed to [`App::handle`] when it arrives. A store that blocks (a
//! writer stopped inside its commit holds redb's lock, and a reader waits without a
//! deadline) holds up that thread only: keys, drawing and `q` go on. [`drive`] runs an
//! effect and its follow-ups on the caller's thread (tests).

use super::terminal::Event;
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};

use super::app::{App, Effect, ExportRequest, Loaded, Outcome, PlanTexts};
use crate::core::clock::Clock;
use crate::core::identity::Actor;
use crate::core::report::{self, PeriodPass};
use crate::core::store::{LogFilter, Since, Store, StoreError};
use crate::i18n::errors;
use std::path::{Path, PathBuf};

pub use super::app::FEED_LEN;

/// The store, who is writing to it, and where exported ledgers go. The plan shown is the
/// app's (`app.board.plan.id`), so switching plans needs no new context.
pub struct Ctx<'a> {
    pub store: &'a Store,
    pub actor: &'a Actor,
    /// `$YAODIAN_EXPORT_DIR`, else the directory the board was started in.
    pub export_dir: PathBuf,
}

/// Where `E` writes by default: `$YAODIAN_EXPORT_DIR`, else the current directory.
pub fn export_dir_from_env() -> PathBuf {
    std::env::var_os("YAODIAN_EXPORT_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs one effect on plan `plan`. `None` when there is nothing to tell (a refresh that
/// found no change). A refusal of the store is an outcome; only a failure of the file or
/// the machine is an error.
pub fn run(ctx: &Ctx<'_>, plan: &str, effect: Effect) -> Result<Option<Outcome>, StoreError> {
    let outcome = match effect {
        Effect::Apply { edit, note } => match ctx.store.apply(plan, &edit, &note, ctx.actor) {
            // the board then takes in what was written since it was read, this included
            Ok(Some(update)) => Outcome::Applied { update },
            Ok(None) => Outcome::Unchanged,
            Err(StoreError::Refused(r)) => Outcome::Refused(r),
            // another process kept the database past a writer's wait: nothing changed
            Err(e @ StoreError::Busy { .. }) => Outcome::Busy(std::sync::Arc::new(e)),
            Err(e) => return Err(e),
        },
        Effect::Refresh { seen } => match ctx.store.since(plan, seen)? {
            Since::Same => return Ok(None),
            Since::Appended { mark, updates } => {
                Outcome::Appended { plan: plan.to_string(), mark, updates }
            }
            Since::Other => Outcome::Changed(Box::new(load(ctx.store, plan)?)),
        },
        Effect::History(target) => {
            let filter = LogFilter { subject: Some(target.clone()), ..LogFilter::default() };
            Outcome::History { updates: ctx.store.log(plan, &filter)?, target }
        }
        Effect::ListPlans => Outcome::Plans(ctx.store.plans()?),
        Effect::Load => Outcome::Loaded(Box::new(load(ctx.store, plan)?)),
        Effect::SwitchPlan(id) => match load(ctx.store, &id) {
            Ok(now) => Outcome::Switched(Ok(Box::new(now))),
            Err(StoreError::Refused(r)) => Outcome::Switched(Err(r)),
            Err(e) => return Err(e),
        },
        Effect::Export(mut req) => {
            if let Some((period, as_of)) = req.period {
                // the period report: the period's figures from one pass over the log,
                // streamed (each entry read in place, none kept), as `export` adds them
                let board = ctx.store.board(plan)?;
                let clock = ctx.store.clock();
                let mut figures = PeriodPass::new(&board.plan, period, as_of, &clock, req.lang);
                report::for_each_subject(ctx.store, &board.plan, |subject, u| {
                    figures.apply(subject, u, &clock)
                })?;
                figures.finish(&mut req.ledger, &board);
            }
            Outcome::Exported(
                export(&ctx.export_dir, ctx.store.file_mode(), &ctx.store.clock(), &req)
                    .map_err(|e| errors::chain(&e, req.lang)),
            )
        }
    };
    Ok(Some(outcome))
}

/// Where the event loop hands its effects: each outcome comes back on the loop's channel as
/// [`Event::Done`], in the order the effects were handed over.
pub trait Executor {
    fn submit(&mut self, plan: String, effect: Effect);
}

/// Runs each effect at once on the caller's thread (tests, and anything that may wait).
pub struct Inline<'a> {
    pub ctx: &'a Ctx<'a>,
    pub events: Sender<Event>,
}

impl Executor for Inline<'_> {
    fn submit(&mut self, plan: String, effect: Effect) {
        let _ = self.events.send(Event::Done(Box::new(run(self.ctx, &plan, effect))));
    }
}

/// Runs effects one after another on a thread of its own.
pub struct Worker {
    jobs: Option<Sender<(String, Effect)>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread; outcomes go to `events`.
    pub fn spawn(
        store: Arc<Store>,
        actor: Actor,
        export_dir: PathBuf,
        events: Sender<Event>,
    ) -> std::io::Result<Worker> {
        let (jobs, todo) = channel::<(String, Effect)>();
        let thread = std::thread::Builder::new().name("yaodian-store".into()).spawn(move || {
            let ctx = Ctx { store: &store, actor: &actor, export_dir };
            for (plan, effect) in todo {
                let done = Event::Done(Box::new(run(&ctx, &plan, effect)));
                if events.send(done).is_err() {
                    break;
                }
            }
        })?;
        Ok(Worker { jobs: Some(jobs), thread: Some(thread) })
    }

    /// Ends the thread: waits for it when `idle` (it has nothing left and closes the
    /// database cleanly); otherwise leaves it behind, blocked in the store, to end with the
    /// process.
    pub fn finish(mut self, idle: bool) {
        drop(self.jobs.take());
        if let (true, Some(thread)) = (idle, self.thread.take()) {
            let _ = thread.join();
        }
    }
}

impl Executor for Worker {
    fn submit(&mut self, plan: String, effect: Effect) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send((plan, effect));
        }
    }
}

/// Runs an effect and every follow-up the app asks for, feeding each outcome to the app.
/// Returns whether anything came back.
pub fn drive(ctx: &Ctx<'_>, app: &mut App, effect: Effect) -> Result<bool, StoreError> {
    let mut next = Some(effect);
    let mut any = false;
    while let Some(effect) = next.take() {
        let plan = app.board.plan.id.clone();
        if let Some(outcome) = run(ctx, &plan, effect)? {
            any = true;
            next = app.handle(outcome);
        }
    }
    Ok(any)
}

/// Writes the ledger to `dir/<req.file_name>` and returns the path.
/// The file gets permission bits `mode` (the database's); `clock` stamps when it was made.
pub fn export(
    dir: &Path,
    mode: u32,
    clock: &Clock,
    req: &ExportRequest,
) -> anyhow::Result<PathBuf> {
    let path = dir.join(&req.file_name);
    req.format.save(&req.ledger, req.lang, clock, &path, mode)?;
    Ok(path)
}

/// Reads a plan's board and live feed.
pub fn load(store: &Store, plan: &str) -> Result<Loaded, StoreError> {
    let (board, mark) = store.board_marked(plan)?;
    let latest = store.item_latest_reports(plan, &board.plan)?;
    // here, on the store's thread, rather than on the first keystroke of a search
    let texts = Some(PlanTexts::new(&board.plan));
    Ok(Loaded {
        settings: store.plan_settings(plan)?,
        latest,
        recent: store.recent(plan, FEED_LEN)?,
        board,
        mark,
        texts,
    })
}
