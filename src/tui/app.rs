//! The board's state: the board and its evaluation, what is selected and filtered, which
//! overlay is open. No I/O happens in `app`: what an action asks of the store comes back
//! as an [`Effect`]; its result comes in as one [`Outcome`] through [`App::handle`].
//!
//! By concern: [`filter`] what the filters leave visible and where the selection goes (pure
//! functions of the board), [`navigate`] `update` and moving about, [`edit`] the keys that
//! change figures and the input lines they open, [`line_editor`] the editing keys of every
//! input line, [`picker`] the choice lists, [`confirm`] edits held for a yes, [`outcome`]
//! effects out and outcomes in.

pub mod behind;
pub mod confirm;
pub mod dashboard;
pub mod edit;
pub mod filter;
pub mod history;
pub mod line_editor;
pub mod navigate;
pub mod outcome;
pub mod picker;

pub use behind::Cycle;
pub use confirm::{Confirm, KindChange};
pub use dashboard::{DashFocus, Panel};
pub use edit::{COALESCE_MS, Input, InputKind, Pending, value_error};
pub use filter::{
    DeptFilter, Filters, ItemRow, Matches, Order, PlanTexts, RowFacts, Scope, Selection,
    StatusFilter, sort_rows, theme_row_id,
};
pub use line_editor::LineEditor;
pub use outcome::{Effect, ExportRequest, Loaded, Outcome};
pub use picker::{PickKind, PickOption, PickValue, Picker};

use super::keymap::Mode;
use super::text::{Tr, tr};
use crate::core::clock::Clock;
use crate::core::model::{Board, Update};
use crate::core::pace::{self, Evaluation, Thresholds};
use crate::core::store::{FirstScreen, LogMark};
use crate::lang::Lang;
use chrono::NaiveDate;

/// How many updates the live feed keeps.
pub const FEED_LEN: usize = 30;

/// The three panes of the main view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Themes,
    Items,
    Targets,
}

/// Which full screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Main,
    Detail,
    Dashboard,
    /// The behind list.
    Behind,
}

/// What is open over the screen: at most one thing, so no two can fight for the keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Overlay {
    #[default]
    None,
    /// The key help.
    Help,
    /// An input line being typed.
    Input(Input),
    /// A choice list.
    Pick(Picker),
    /// An edit waiting for a yes.
    Confirm(Box<Confirm>),
    /// The selected history row of the detail view, in full.
    Entry,
}

/// Where the last frame drew a pane's rows, as the view reports it: a click is resolved
/// against this, so the layout is worked out once, by the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrawnPane {
    pub pane: Pane,
    /// The pane with its border.
    pub area: ratatui::layout::Rect,
    /// The screen row of the first row of the list.
    pub top: u16,
    /// Which row of the list is drawn first (the list is scrolled).
    pub first: usize,
    /// Screen rows per row of the list.
    pub per_row: u16,
}

/// What the last frame drew that keys and clicks need: the panes of the main view, and how
/// many pages the help has at this size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    pub panes: Vec<DrawnPane>,
    pub help_pages: usize,
}

/// A one-line message in the footer until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// How the board is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub lang: Lang,
    pub ascii: bool,
    pub color: bool,
    /// 256 colours (else the 16 a theme defines): the palette's own mid-tones.
    pub rich: bool,
    pub demo: bool,
    pub readonly: bool,
}

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct App {
    pub board: Board,
    pub eval: Evaluation,
    pub today: NaiveDate,
    pub thresholds: Thresholds,
    pub look: Look,
    /// The operator's user name.
    pub user: String,
    /// Departments the operator is granted (for the "mine" filter).
    pub my_depts: Vec<String>,
    pub screen: Screen,
    pub focus: Pane,
    /// Selected theme, item and target, by id, so a reload keeps them.
    pub sel: Selection,
    /// Search, department and status filters.
    pub filters: Filters,
    pub overlay: Overlay,
    pub message: Option<Message>,
    /// Newest updates first, for the live feed.
    pub recent: Vec<Update>,
    /// The detail target's updates, oldest first.
    pub history: Vec<Update>,
    /// The selected row of the detail view's history, by its sequence number, so a reload
    /// that brings newer rows keeps it (`None`: the keys move between targets).
    pub hist_sel: Option<u64>,
    /// When the board last changed under us (shown next to the live marker).
    pub changed_at: Option<String>,
    /// Where local times are read (the system's zone; fixed in tests).
    pub clock: Clock,
    /// `+`/`-` presses not written yet (one log entry for a run of presses).
    pub pending: Option<Pending>,
    /// What the last frame drew (nothing until drawn).
    pub drawn: Drawn,
    /// The page of the `?` help shown.
    pub help_page: usize,
    /// The reporting cycle and what follows from it: the plan's settings, the period, who
    /// has reported, staleness and the behind list (derived again on every change).
    pub cycle: Cycle,
    /// The selected line of the behind list.
    pub behind_sel: usize,
    /// The screens Esc goes back to, the latest last (a view stack).
    pub stack: Vec<Screen>,
    /// The dashboard's selected panel and row.
    pub dash: DashFocus,
    /// Where in the store's history the board stands (the read it came from, and the log
    /// entries taken in since).
    pub mark: LogMark,
    /// Sequence numbers of the edits this board wrote that it has not taken in yet (what
    /// comes in otherwise was written by someone else).
    pub own: Vec<u64>,
    /// Moves whenever the board, its evaluation or the operator's departments change:
    /// what `matches` was worked out for.
    pub generation: u64,
    /// What the filters keep of the board (see [`Matches`]).
    pub matches: Matches,
    /// Drawn from a part of the board and the stored tallies ([`App::first`]) while the
    /// whole board is read; the event loop holds keys until it comes.
    pub loading: bool,
    pub quit: bool,
}

impl App {
    pub fn new(
        board: Board,
        recent: Vec<Update>,
        today: NaiveDate,
        look: Look,
        user: String,
    ) -> App {
        let thresholds = Thresholds::default();
        let eval = pace::evaluate(&board, today, &thresholds);
        let mut app = App {
            board,
            eval,
            today,
            thresholds,
            look,
            user,
            my_depts: Vec::new(),
            screen: Screen::Main,
            focus: Pane::Themes,
            sel: Selection::default(),
            filters: Filters::default(),
            overlay: Overlay::None,
            message: None,
            recent,
            history: Vec::new(),
            hist_sel: None,
            changed_at: None,
            clock: Clock::System,
            pending: None,
            drawn: Drawn::default(),
            help_page: 0,
            cycle: Cycle::default(),
            behind_sel: 0,
            stack: Vec::new(),
            dash: DashFocus::default(),
            mark: LogMark::default(),
            own: Vec::new(),
            generation: 0,
            matches: Matches::default(),
            loading: false,
            quit: false,
        };
        app.fix_selection();
        app.derive();
        app
    }

    /// The board's first frame from what [`FirstScreen`] read: the themes', the first
    /// theme's items' and the plan's roll-ups from the stored tallies (the figures a full
    /// evaluation gives), the first row's targets measured, the period from the settings.
    /// What it cannot know without the whole board (stale marks, who has reported, the
    /// behind list) waits for it: [`Outcome::Loaded`] brings it, and until then the app is
    /// `loading`.
    pub fn first(
        first: FirstScreen,
        recent: Vec<Update>,
        settings: crate::core::model::PlanSettings,
        today: NaiveDate,
        look: Look,
        user: String,
    ) -> App {
        let has_targets = first.has_targets;
        let mut app = App::new(first.board, recent, today, look, user);
        app.eval.items = first.items;
        app.eval.themes = first.themes;
        app.eval.plan = first.overall;
        app.loading = true;
        app.generation += 1;
        app.fix_selection();
        app.first_cycle(settings, &has_targets);
        app
    }

    /// Moves "today" (at midnight, or in tests).
    pub fn set_today(&mut self, today: NaiveDate) {
        if today != self.today && !self.loading {
            self.today = today;
            self.eval = pace::evaluate(&self.board, today, &self.thresholds);
            // staleness first: the 久未更新 filter reads it
            self.derive();
            self.generation += 1;
            self.fix_selection();
        }
    }

    /// Sets the departments granted to the user (for the "mine" filter) and, when there
    /// are any, shows them first: the board opens filtered to them (a filter shown in the
    /// header, cleared with Esc or `d`).
    pub fn set_my_depts(&mut self, depts: Vec<String>) {
        if !depts.is_empty() {
            self.filters.dept = DeptFilter::Mine;
        }
        self.my_depts = depts;
        self.generation += 1;
        self.fix_selection();
    }

    /// Replaces the board (after a reload), keeping the selection on the same ids.
    /// `texts`: the board's texts prepared for search, when they came with it.
    fn set_data(&mut self, board: Board, recent: Vec<Update>, texts: Option<PlanTexts>) {
        self.board = board;
        self.recent = recent;
        self.eval = pace::evaluate(&self.board, self.today, &self.thresholds);
        // staleness first: the 久未更新 filter reads it
        self.derive();
        self.generation += 1;
        if let Some(texts) = texts {
            self.matches.set_texts(self.generation, texts);
        }
        self.fix_selection();
    }

    /// An update time as the operator reads it, in local time.
    pub fn time(&self, at: crate::core::model::Millis, fmt: &str) -> String {
        self.clock.format(at, fmt)
    }

    /// The keymap mode the app is in.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::Input(_) => Mode::Input,
            Overlay::Pick(Picker { filter: Some(_), .. }) => Mode::Find,
            Overlay::Pick(_) => Mode::Pick,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Help => Mode::Help,
            Overlay::Entry => Mode::Entry,
            Overlay::None => match self.screen {
                Screen::Main => Mode::Browse,
                Screen::Detail => Mode::Detail,
                Screen::Dashboard => Mode::Dashboard,
                Screen::Behind => Mode::Behind,
            },
        }
    }

    /// The input line being typed, if one is open.
    pub fn input(&self) -> Option<&Input> {
        match &self.overlay {
            Overlay::Input(i) => Some(i),
            _ => None,
        }
    }

    /// The open choice list, if any.
    pub fn picker(&self) -> Option<&Picker> {
        match &self.overlay {
            Overlay::Pick(p) => Some(p),
            _ => None,
        }
    }

    /// The edit waiting for a yes, if any.
    pub fn confirm(&self) -> Option<&Confirm> {
        match &self.overlay {
            Overlay::Confirm(c) => Some(c),
            _ => None,
        }
    }

    /// What the filters leave visible of the board.
    pub fn scope(&self) -> Scope<'_> {
        Scope {
            board: &self.board,
            eval: &self.eval,
            filters: &self.filters,
            mine: &self.my_depts,
            matches: Some(&self.matches).filter(|m| m.fits(self.generation, &self.filters)),
            stale: &self.cycle.stale,
        }
    }

    /// True when any filter narrows the panes.
    pub fn filtered(&self) -> bool {
        self.filters.active()
    }

    /// How many items pass the filters, over all themes.
    pub fn matching_items(&self) -> usize {
        self.scope().matching_items()
    }

    /// Indices of the themes shown.
    pub fn visible_themes(&self) -> Vec<usize> {
        self.scope().visible_themes()
    }

    /// The rows of the item pane for the selected theme.
    pub fn visible_rows(&self) -> Vec<ItemRow> {
        self.scope().visible_rows(self.sel.theme)
    }

    /// Indices of the targets shown for the selected row of the item pane.
    pub fn visible_targets(&self) -> Vec<usize> {
        let scope = self.scope();
        scope.visible_targets(scope.selected_row(&self.sel))
    }

    /// The selected row of the item pane.
    pub fn selected_row(&self) -> Option<ItemRow> {
        self.scope().selected_row(&self.sel)
    }

    pub fn theme_index(&self) -> Option<usize> {
        self.board.plan.theme_index(self.sel.theme?)
    }

    pub fn item_index(&self) -> Option<usize> {
        self.board.item_index(self.sel.item.as_deref()?)
    }

    pub fn target_index(&self) -> Option<usize> {
        self.board.target_index(self.sel.target.as_deref()?)
    }

    /// Every department named in the plan, in order of first appearance.
    pub fn departments(&self) -> Vec<String> {
        crate::core::filter::departments(&self.board.plan)
    }

    /// Puts every selection on something visible, keeping ids that still are, and the
    /// focus and screen on something selected.
    fn fix_selection(&mut self) {
        let mut matches = std::mem::take(&mut self.matches);
        matches.update(&self.scope(), self.generation);
        self.matches = matches;
        self.sel = self.scope().fix(&self.sel);
        if self.focus == Pane::Targets && self.sel.target.is_none() {
            self.focus = Pane::Items;
        }
        if self.focus == Pane::Items && self.sel.item.is_none() {
            self.focus = Pane::Themes;
        }
        if self.screen == Screen::Detail && self.sel.target.is_none() {
            self.screen = Screen::Main;
        }
    }

    /// Shows a message on the status line.
    pub fn say(&mut self, text: String, error: bool) {
        self.message = Some(Message { text, error });
    }

    /// Shows a warning in the interface language.
    fn warn(&mut self, t: Tr) {
        self.say(tr(self.look.lang, t).to_string(), true);
    }
}
