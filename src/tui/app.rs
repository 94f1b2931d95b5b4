//! The board's state and `update`: what an action does to it. No I/O happens here; writes
//! to the store come back as an [`Effect`] for [`super::effect`] to run.

use super::action::Action;
use super::keymap::Mode;
use super::text::{self, Tr, tr};
use crate::core::edit::Edit;
use crate::core::filter::Departments;
use crate::core::model::{
    Board, Change, Status, Target, TargetKind, TargetLineError, Update, ValueError, fmt_num,
    parse_number, parse_target, target_line,
};
use crate::core::pace::{self, Evaluation, Thresholds};
use crate::core::report::format::safe_file_name;
use crate::core::search::Query;
use crate::lang::Lang;
use chrono::NaiveDate;

/// How many rows PgUp/PgDn move.
const PAGE: isize = 10;

/// What the app asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write an edit to the store (then reload).
    Apply { edit: Edit, note: String },
    /// Load the update history of a target for the detail view.
    History(String),
    /// Read the database's plans and offer them in a choice list.
    ListPlans,
    /// Show another plan.
    SwitchPlan(String),
    /// Write the ledger of the current view to an XLSX file.
    Export(ExportRequest),
}

/// What `E` writes: the ledger of the board as shown, grouped by theme, or by department
/// when a department filter is active, with the items the filter keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub by: crate::core::report::GroupBy,
    /// Parallel to the plan's items.
    pub keep: Vec<bool>,
    /// The file name (no directory): `台账-2023-2023-09-30.xlsx`.
    pub file_name: String,
}

/// A row of the item pane: the targets a theme heading states itself, or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRow {
    /// The theme-level targets (`t4.1` …) of theme `n`, shown as the first row.
    Theme(u32),
    /// An item, by index into the plan's items.
    Item(usize),
}

/// The selection id of a theme's own targets in the item pane (`t4`); item ids never start
/// with a letter, so it cannot collide.
pub fn theme_row_id(theme: u32) -> String {
    format!("t{theme}")
}

/// What a choice list chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickKind {
    /// The manual status of an item without targets.
    ItemStatus { item: String },
    /// Which plan of the database to show.
    Plan,
}

/// One line of a choice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    pub label: String,
    pub detail: String,
    pub value: PickValue,
    /// The value in force now (marked in the list).
    pub current: bool,
}

/// What choosing a line means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickValue {
    Status(Option<Status>),
    Plan(String),
}

/// An open choice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickKind,
    pub options: Vec<PickOption>,
    pub selected: usize,
}

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
}

/// The department filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeptFilter {
    All,
    /// The departments granted to the user.
    Mine,
    One(String),
}

/// The status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    Behind,
    AtRisk,
}

/// What an input line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    Value { target: String },
    Note { item: String },
    NewTarget { item: String },
    EditTarget { target: String },
    Search,
}

/// An input line being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub kind: InputKind,
    pub text: String,
    /// Cursor position as a byte index into `text` (always on a char boundary).
    pub cursor: usize,
    /// Why the text cannot be accepted as it stands, shown under the line.
    pub error: Option<String>,
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
    pub help: bool,
    pub focus: Pane,
    /// Selected theme number, item id, target id (ids, so a reload keeps them).
    pub theme: Option<u32>,
    pub item: Option<String>,
    pub target: Option<String>,
    /// The active search text (filters the panes).
    pub query: String,
    query_parsed: Query,
    pub dept: DeptFilter,
    pub status: StatusFilter,
    pub input: Option<Input>,
    /// An open choice list (item status, plan).
    pub picker: Option<Picker>,
    pub message: Option<Message>,
    /// Newest updates first, for the live feed.
    pub recent: Vec<Update>,
    /// The detail target's updates, oldest first.
    pub history: Vec<Update>,
    /// When the board last changed under us (shown next to the live marker).
    pub changed_at: Option<String>,
    /// Where local times are read (the system's zone; fixed in tests).
    pub clock: crate::core::clock::Clock,
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
            help: false,
            focus: Pane::Themes,
            theme: None,
            item: None,
            target: None,
            query: String::new(),
            query_parsed: Query::new(""),
            dept: DeptFilter::All,
            status: StatusFilter::All,
            input: None,
            picker: None,
            message: None,
            recent,
            history: Vec::new(),
            changed_at: None,
            clock: crate::core::clock::Clock::System,
            quit: false,
        };
        app.fix_selection();
        app
    }

    /// Replaces the board (after a reload), keeping the selection on the same ids.
    pub fn set_data(&mut self, board: Board, recent: Vec<Update>) {
        self.board = board;
        self.recent = recent;
        self.eval = pace::evaluate(&self.board, self.today, &self.thresholds);
        self.fix_selection();
    }

    /// Moves "today" (at midnight, or in tests).
    pub fn set_today(&mut self, today: NaiveDate) {
        if today != self.today {
            self.today = today;
            self.eval = pace::evaluate(&self.board, today, &self.thresholds);
            self.fix_selection();
        }
    }

    /// Sets the departments granted to the user (for the "mine" filter).
    pub fn set_my_depts(&mut self, depts: Vec<String>) {
        self.my_depts = depts;
        self.fix_selection();
    }

    pub fn set_history(&mut self, history: Vec<Update>) {
        self.history = history;
    }

    /// Reports the outcome of an [`Effect::Apply`].
    pub fn applied(&mut self, result: Result<Update, String>) {
        let lang = self.look.lang;
        self.message = Some(match result {
            Ok(u) => {
                let what = match &u.change {
                    Change::Value { target, old, new } => {
                        format!("{target}: {} -> {}", fmt_num(*old), fmt_num(*new))
                    }
                    Change::Note { item, .. } => format!("{item} {}", tr(lang, text::NOTE)),
                    Change::ItemStatus { item, .. } => item.clone(),
                    Change::TargetDef { target, .. } => target.clone(),
                };
                let head = if u.undoes.is_some() { text::UNDONE } else { text::SAVED };
                Message { text: format!("{} {what}", tr(lang, head)), error: false }
            }
            Err(e) => Message {
                text: format!("{}: {e}", lang.pick("未保存", "Not saved")),
                error: true,
            },
        });
    }

    /// Shows a message (used by the event loop for errors it meets).
    pub fn say(&mut self, text: String, error: bool) {
        self.message = Some(Message { text, error });
    }

    /// An update time as the operator reads it: `MM-DD HH:MM` in local time.
    pub fn time(&self, at: crate::core::model::Millis, fmt: &str) -> String {
        self.clock.format(at, fmt)
    }

    /// The keymap mode the app is in.
    pub fn mode(&self) -> Mode {
        if self.input.is_some() {
            Mode::Input
        } else if self.picker.is_some() {
            Mode::Pick
        } else if self.help {
            Mode::Help
        } else {
            match self.screen {
                Screen::Main => Mode::Browse,
                Screen::Detail => Mode::Detail,
                Screen::Dashboard => Mode::Dashboard,
            }
        }
    }

    // ----- what is visible --------------------------------------------------------------

    /// True when any filter narrows the panes.
    pub fn filtered(&self) -> bool {
        !self.query_parsed.is_empty()
            || self.dept != DeptFilter::All
            || self.status != StatusFilter::All
    }

    fn wanted_status(&self) -> Option<Status> {
        match self.status {
            StatusFilter::All => None,
            StatusFilter::Behind => Some(Status::Behind),
            StatusFilter::AtRisk => Some(Status::AtRisk),
        }
    }

    fn target_hits_query(&self, t: &Target) -> bool {
        self.query_parsed.matches_id(&t.id) || self.query_parsed.matches_text(&t.name)
    }

    /// Whether the item (index) itself matches the search (not through its targets).
    fn item_hits_query(&self, k: usize) -> bool {
        let q = &self.query_parsed;
        if q.is_empty() {
            return true;
        }
        let item = &self.board.plan.items[k];
        let theme_hit = self
            .board
            .plan
            .theme_index(item.theme)
            .is_some_and(|t| q.matches_text(&self.board.plan.themes[t].title));
        theme_hit
            || q.matches_id(&item.id)
            || q.matches_text(&item.title)
            || item.departments.iter().any(|d| q.matches_text(&d.name))
    }

    fn item_passes(&self, k: usize) -> bool {
        let item = &self.board.plan.items[k];
        if !self.dept_filter().keeps(item) {
            return false;
        }
        if let Some(s) = self.wanted_status() {
            let own = self.eval.items[k].count(s) > 0;
            let sub = self.targets_of(k).any(|t| self.eval.targets[t].status == s);
            if !own && !sub {
                return false;
            }
        }
        self.item_hits_query(k)
            || self.targets_of(k).any(|t| self.target_hits_query(&self.board.plan.targets[t]))
    }

    /// Indices of an item's targets (sub-targets included), in plan order.
    fn targets_of(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.board.plan.item_targets(k).iter().copied()
    }

    /// Indices of the targets a theme heading states itself (`t4.1` …), in plan order.
    pub fn theme_targets(&self, theme: u32) -> impl Iterator<Item = usize> + '_ {
        let own = self.board.plan.theme_index(theme).map(|k| self.board.plan.theme_targets(k));
        own.unwrap_or_default().iter().copied()
    }

    fn theme_title_hits_query(&self, theme: u32) -> bool {
        let q = &self.query_parsed;
        q.is_empty()
            || self
                .board
                .plan
                .theme_index(theme)
                .is_some_and(|t| q.matches_text(&self.board.plan.themes[t].title))
    }

    /// Whether the theme's own targets show as a row: they exist, no department filter is
    /// active (they belong to no department), and they pass the status filter and search.
    fn theme_row_passes(&self, theme: u32) -> bool {
        if self.dept != DeptFilter::All {
            return false;
        }
        let wanted = self.wanted_status();
        let title_hit = self.theme_title_hits_query(theme);
        self.theme_targets(theme).any(|t| {
            wanted.is_none_or(|s| self.eval.targets[t].status == s)
                && (title_hit || self.target_hits_query(&self.board.plan.targets[t]))
        })
    }

    /// How many items pass the filters, over all themes.
    pub fn matching_items(&self) -> usize {
        (0..self.board.plan.items.len()).filter(|&k| self.item_passes(k)).count()
    }

    /// Indices of the themes shown (all, unless a filter hides themes without matches).
    pub fn visible_themes(&self) -> Vec<usize> {
        let themes = &self.board.plan.themes;
        if !self.filtered() {
            return (0..themes.len()).collect();
        }
        (0..themes.len())
            .filter(|&i| {
                let n = themes[i].number;
                self.theme_row_passes(n)
                    || self.board.plan.theme_items(i).iter().any(|&k| self.item_passes(k))
            })
            .collect()
    }

    /// Indices of the items shown for the selected theme.
    pub fn visible_items(&self) -> Vec<usize> {
        let Some(theme) = self.theme else {
            return Vec::new();
        };
        let Some(t) = self.board.plan.theme_index(theme) else {
            return Vec::new();
        };
        self.board.plan.theme_items(t).iter().copied().filter(|&k| self.item_passes(k)).collect()
    }

    /// The rows of the item pane: the theme's own targets first (when it has any), then
    /// its items.
    pub fn visible_rows(&self) -> Vec<ItemRow> {
        let Some(theme) = self.theme else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        if self.theme_row_passes(theme) {
            rows.push(ItemRow::Theme(theme));
        }
        rows.extend(self.visible_items().into_iter().map(ItemRow::Item));
        rows
    }

    /// The selected row of the item pane.
    pub fn selected_row(&self) -> Option<ItemRow> {
        let id = self.item.as_deref()?;
        if let Some(theme) = self.theme
            && id == theme_row_id(theme)
        {
            return Some(ItemRow::Theme(theme));
        }
        self.board.item_index(id).map(ItemRow::Item)
    }

    fn row_id(&self, row: ItemRow) -> String {
        match row {
            ItemRow::Theme(n) => theme_row_id(n),
            ItemRow::Item(k) => self.board.plan.items[k].id.clone(),
        }
    }

    /// Indices of the targets shown for the selected row of the item pane.
    pub fn visible_targets(&self) -> Vec<usize> {
        let k = match self.selected_row() {
            None => return Vec::new(),
            Some(ItemRow::Theme(n)) => {
                let title_hit = self.theme_title_hits_query(n);
                let wanted = self.wanted_status();
                return self
                    .theme_targets(n)
                    .filter(|&t| {
                        (title_hit || self.target_hits_query(&self.board.plan.targets[t]))
                            && wanted.is_none_or(|s| self.eval.targets[t].status == s)
                    })
                    .collect();
            }
            Some(ItemRow::Item(k)) => k,
        };
        let whole_item = self.item_hits_query(k);
        let wanted = self.wanted_status();
        self.targets_of(k)
            .filter(|&t| {
                let target = &self.board.plan.targets[t];
                (whole_item || self.target_hits_query(target))
                    && wanted.is_none_or(|s| self.eval.targets[t].status == s)
            })
            .collect()
    }

    pub fn theme_index(&self) -> Option<usize> {
        self.board.plan.theme_index(self.theme?)
    }

    pub fn item_index(&self) -> Option<usize> {
        self.board.item_index(self.item.as_deref()?)
    }

    pub fn target_index(&self) -> Option<usize> {
        self.board.target_index(self.target.as_deref()?)
    }

    /// Puts every selection on something visible, keeping ids that still are.
    fn fix_selection(&mut self) {
        let themes = self.visible_themes();
        if self.theme_index().is_none_or(|i| !themes.contains(&i)) {
            self.theme = themes.first().map(|&i| self.board.plan.themes[i].number);
        }
        let rows = self.visible_rows();
        if self.selected_row().is_none_or(|r| !rows.contains(&r)) {
            self.item = rows.first().map(|&r| self.row_id(r));
        }
        let targets = self.visible_targets();
        if self.target_index().is_none_or(|t| !targets.contains(&t)) {
            self.target = targets.first().map(|&t| self.board.plan.targets[t].id.clone());
        }
        if self.focus == Pane::Targets && self.target.is_none() {
            self.focus = Pane::Items;
        }
        if self.focus == Pane::Items && self.item.is_none() {
            self.focus = Pane::Themes;
        }
        if self.screen == Screen::Detail && self.target.is_none() {
            self.screen = Screen::Main;
        }
    }

    // ----- update ------------------------------------------------------------------------

    /// Carries out an action. Returns the effect to run, if any.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        self.message = None;
        if action == Action::Quit && self.mode() != Mode::Input {
            self.quit = true;
            return None;
        }
        match self.mode() {
            Mode::Input => self.update_input(action),
            Mode::Pick => self.update_pick(action),
            Mode::Help => {
                if matches!(action, Action::Help | Action::Back) {
                    self.help = false;
                }
                None
            }
            Mode::Browse | Mode::Detail | Mode::Dashboard => self.update_view(action),
        }
    }

    fn update_view(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-PAGE),
            Action::PageDown => self.move_by(PAGE),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Into => self.into(),
            Action::Back => {
                self.back();
                None
            }
            Action::NextPane => {
                self.focus = match self.focus {
                    Pane::Themes => Pane::Items,
                    Pane::Items => Pane::Targets,
                    Pane::Targets => Pane::Themes,
                };
                self.fix_selection();
                None
            }
            Action::PrevPane => {
                self.focus = match self.focus {
                    Pane::Themes => Pane::Targets,
                    Pane::Items => Pane::Themes,
                    Pane::Targets => Pane::Items,
                };
                if self.focus == Pane::Targets && self.target.is_none() {
                    self.focus = Pane::Items;
                }
                self.fix_selection();
                None
            }
            Action::Search => {
                self.input = Some(Input::new(InputKind::Search, self.query.clone()));
                None
            }
            Action::DeptFilter => {
                self.cycle_dept();
                None
            }
            Action::StatusFilter => {
                self.status = match self.status {
                    StatusFilter::All => StatusFilter::Behind,
                    StatusFilter::Behind => StatusFilter::AtRisk,
                    StatusFilter::AtRisk => StatusFilter::All,
                };
                self.fix_selection();
                None
            }
            Action::Help => {
                self.help = true;
                None
            }
            Action::Dashboard => {
                self.screen =
                    if self.screen == Screen::Dashboard { Screen::Main } else { Screen::Dashboard };
                None
            }
            Action::SetValue
            | Action::Increment
            | Action::Decrement
            | Action::MarkDone
            | Action::EditNote
            | Action::AddTarget
            | Action::EditTarget
            | Action::ItemStatus
            | Action::Undo => self.edit(action),
            Action::Export => Some(Effect::Export(self.export_request())),
            Action::Plans => Some(Effect::ListPlans),
            _ => None,
        }
    }

    /// Moves the selection of the focused pane (or of the detail view's target).
    fn move_by(&mut self, delta: isize) -> Option<Effect> {
        let pane = match self.screen {
            Screen::Main => self.focus,
            Screen::Detail => Pane::Targets,
            Screen::Dashboard => return None,
        };
        match pane {
            Pane::Themes => {
                let list = self.visible_themes();
                let cur = self.theme_index();
                if let Some(i) = step(&list, cur, delta) {
                    self.theme = Some(self.board.plan.themes[i].number);
                }
            }
            Pane::Items => {
                let list = self.visible_rows();
                if let Some(r) = step(&list, self.selected_row(), delta) {
                    self.item = Some(self.row_id(r));
                }
            }
            Pane::Targets => {
                let list = self.visible_targets();
                if let Some(t) = step(&list, self.target_index(), delta) {
                    self.target = Some(self.board.plan.targets[t].id.clone());
                }
            }
        }
        self.fix_selection();
        if self.screen == Screen::Detail {
            return self.target.clone().map(Effect::History);
        }
        None
    }

    fn into(&mut self) -> Option<Effect> {
        match self.focus {
            Pane::Themes if self.item.is_some() => self.focus = Pane::Items,
            Pane::Items if self.target.is_some() => self.focus = Pane::Targets,
            Pane::Targets if self.target.is_some() => {
                self.screen = Screen::Detail;
                self.history.clear();
                return self.target.clone().map(Effect::History);
            }
            _ => {}
        }
        None
    }

    fn back(&mut self) {
        match self.screen {
            Screen::Detail | Screen::Dashboard => self.screen = Screen::Main,
            Screen::Main => match self.focus {
                Pane::Targets => self.focus = Pane::Items,
                Pane::Items => self.focus = Pane::Themes,
                Pane::Themes => {
                    if self.filtered() {
                        self.set_query(String::new());
                        self.dept = DeptFilter::All;
                        self.status = StatusFilter::All;
                        self.fix_selection();
                    }
                }
            },
        }
    }

    fn cycle_dept(&mut self) {
        let depts = self.departments();
        self.dept = match &self.dept {
            DeptFilter::All if !self.my_depts.is_empty() => DeptFilter::Mine,
            DeptFilter::All | DeptFilter::Mine => {
                depts.first().cloned().map_or(DeptFilter::All, DeptFilter::One)
            }
            DeptFilter::One(d) => {
                let next = depts.iter().position(|x| x == d).map(|i| i + 1);
                match next.and_then(|i| depts.get(i)) {
                    Some(n) => DeptFilter::One(n.clone()),
                    None => DeptFilter::All,
                }
            }
        };
        self.fix_selection();
    }

    /// Every department named in the plan, in order of first appearance.
    pub fn departments(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for item in &self.board.plan.items {
            for d in &item.departments {
                if !out.contains(&d.name) {
                    out.push(d.name.clone());
                }
            }
        }
        out
    }

    fn set_query(&mut self, q: String) {
        self.query_parsed = Query::new(&q);
        self.query = q;
    }

    fn warn(&mut self, t: Tr) {
        self.message = Some(Message { text: tr(self.look.lang, t).to_string(), error: true });
    }

    /// The target an edit applies to: selected in the target pane or the detail view.
    fn edit_target(&self) -> Option<&Target> {
        let on_target = self.screen == Screen::Detail
            || (self.screen == Screen::Main && self.focus == Pane::Targets);
        if !on_target {
            return None;
        }
        self.target_index().map(|t| &self.board.plan.targets[t])
    }

    fn edit(&mut self, action: Action) -> Option<Effect> {
        if self.look.readonly {
            self.warn(text::IS_READONLY);
            return None;
        }
        let target = self.edit_target().cloned();
        let apply = |edit: Edit| Some(Effect::Apply { edit, note: String::new() });
        match action {
            Action::Undo => apply(Edit::Undo),
            Action::ItemStatus => {
                self.open_status_picker();
                None
            }
            Action::EditNote | Action::AddTarget => {
                let Some(k) = self.item_index().filter(|_| self.focus != Pane::Themes) else {
                    self.warn(text::SELECT_ITEM);
                    return None;
                };
                let item = self.board.plan.items[k].id.clone();
                self.input = Some(if action == Action::EditNote {
                    let note = self.board.item_states[k].note.clone();
                    Input::new(InputKind::Note { item }, note)
                } else {
                    Input::new(InputKind::NewTarget { item }, String::new())
                });
                self.revalidate();
                None
            }
            _ => {
                let Some(t) = target else {
                    self.warn(text::SELECT_TARGET);
                    return None;
                };
                let value = self.target_index().map_or(0.0, |i| self.board.target_states[i].value);
                match action {
                    Action::SetValue => {
                        self.input = Some(Input::new(
                            InputKind::Value { target: t.id.clone() },
                            String::new(),
                        ));
                        self.revalidate();
                        None
                    }
                    Action::EditTarget => {
                        let text = target_line(&t);
                        self.input =
                            Some(Input::new(InputKind::EditTarget { target: t.id.clone() }, text));
                        self.revalidate();
                        None
                    }
                    Action::MarkDone if t.kind != TargetKind::Milestone => {
                        self.warn(text::ONLY_MILESTONE);
                        None
                    }
                    Action::MarkDone => apply(Edit::Done { target: t.id }),
                    Action::Increment | Action::Decrement => {
                        let delta = if action == Action::Increment { 1.0 } else { -1.0 };
                        if let Err(e) = t.check_value(value + delta) {
                            self.message = Some(Message {
                                text: value_error(self.look.lang, &e),
                                error: true,
                            });
                            return None;
                        }
                        apply(Edit::Add { target: t.id, delta })
                    }
                    _ => None,
                }
            }
        }
    }

    /// Opens the status list for the selected item, if it is one without targets.
    fn open_status_picker(&mut self) {
        let Some(k) = self.item_index().filter(|_| self.focus != Pane::Themes) else {
            self.warn(text::SELECT_ITEM);
            return;
        };
        if self.targets_of(k).next().is_some() {
            self.warn(text::STATUS_BY_TARGETS);
            return;
        }
        let lang = self.look.lang;
        let current = self.board.item_states[k].status;
        let choices = [
            Some(Status::OnTrack),
            Some(Status::AtRisk),
            Some(Status::Behind),
            Some(Status::Done),
            None,
        ];
        let options: Vec<PickOption> = choices
            .iter()
            .map(|&s| PickOption {
                label: s.map_or_else(
                    || tr(lang, text::CLEAR_STATUS).to_string(),
                    |s| text::status(lang, s).to_string(),
                ),
                detail: String::new(),
                value: PickValue::Status(s),
                current: s == current,
            })
            .collect();
        // Start on the status in force, or on 正常 when there is none.
        let selected = options.iter().position(|o| o.current && current.is_some()).unwrap_or(0);
        let item = self.board.plan.items[k].id.clone();
        self.picker = Some(Picker { kind: PickKind::ItemStatus { item }, options, selected });
    }

    /// Offers the database's plans (from [`Effect::ListPlans`]); with only one, says so.
    pub fn open_plans(&mut self, plans: &[crate::core::store::PlanSummary]) {
        if plans.len() < 2 {
            self.warn(text::ONE_PLAN);
            return;
        }
        let lang = self.look.lang;
        let options: Vec<PickOption> = plans
            .iter()
            .map(|p| PickOption {
                label: format!("{}  {}", p.id, p.title),
                detail: format!(
                    "{} {} · {} {}",
                    p.items,
                    lang.pick("项", "items"),
                    p.targets,
                    lang.pick("个指标", "targets")
                ),
                value: PickValue::Plan(p.id.clone()),
                current: p.id == self.board.plan.id,
            })
            .collect();
        let selected = options.iter().position(|o| o.current).unwrap_or(0);
        self.picker = Some(Picker { kind: PickKind::Plan, options, selected });
    }

    /// Shows another plan: a fresh selection, no search; the department filter stays when
    /// the new plan names that department.
    pub fn switch_plan(&mut self, board: Board, recent: Vec<Update>) {
        self.theme = None;
        self.item = None;
        self.target = None;
        self.focus = Pane::Themes;
        self.screen = Screen::Main;
        self.history.clear();
        self.set_query(String::new());
        self.set_data(board, recent);
        if let DeptFilter::One(d) = &self.dept
            && !self.departments().contains(d)
        {
            self.dept = DeptFilter::All;
            self.fix_selection();
        }
        let lang = self.look.lang;
        self.message = Some(Message {
            text: format!(
                "{} {} {}",
                tr(lang, text::SWITCHED),
                self.board.plan.id,
                self.board.plan.title
            ),
            error: false,
        });
    }

    fn update_pick(&mut self, action: Action) -> Option<Effect> {
        let picker = self.picker.as_mut()?;
        let last = picker.options.len().saturating_sub(1);
        match action {
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Down => picker.selected = (picker.selected + 1).min(last),
            Action::Cancel => self.picker = None,
            Action::Submit => {
                let picker = self.picker.take()?;
                let chosen = picker.options.get(picker.selected)?;
                if chosen.current {
                    return None;
                }
                return match (&picker.kind, &chosen.value) {
                    (PickKind::ItemStatus { item }, PickValue::Status(status)) => {
                        Some(Effect::Apply {
                            edit: Edit::ItemStatus { item: item.clone(), status: *status },
                            note: String::new(),
                        })
                    }
                    (PickKind::Plan, PickValue::Plan(id)) => Some(Effect::SwitchPlan(id.clone())),
                    _ => None,
                };
            }
            _ => {}
        }
        None
    }

    /// The department filter as the core applies it.
    fn dept_filter(&self) -> Departments<'_> {
        match &self.dept {
            DeptFilter::All => Departments::All,
            DeptFilter::Mine => Departments::Named(&self.my_depts),
            DeptFilter::One(name) => Departments::Named(std::slice::from_ref(name)),
        }
    }

    /// What `E` writes: the board as shown, the department filter applied.
    pub fn export_request(&self) -> ExportRequest {
        use crate::core::report::GroupBy;
        let (by, suffix) = match &self.dept {
            DeptFilter::All => (GroupBy::Theme, String::new()),
            DeptFilter::Mine => {
                (GroupBy::Department, format!("-{}", self.look.lang.pick("我的科室", "mine")))
            }
            DeptFilter::One(name) => (GroupBy::Department, format!("-{name}")),
        };
        let keep = self.dept_filter().keep(&self.board.plan);
        let stem = self.look.lang.pick("台账", "ledger");
        let name = format!("{stem}-{}-{}{suffix}.xlsx", self.board.plan.year, self.today);
        ExportRequest { by, keep, file_name: safe_file_name(&name) }
    }

    fn update_input(&mut self, action: Action) -> Option<Effect> {
        let input = self.input.as_mut()?;
        match action {
            Action::Insert(c) => {
                input.text.insert(input.cursor, c);
                input.cursor += c.len_utf8();
            }
            Action::Backspace => {
                if let Some(c) = input.text[..input.cursor].chars().next_back() {
                    input.cursor -= c.len_utf8();
                    input.text.remove(input.cursor);
                }
            }
            Action::Delete => {
                if input.cursor < input.text.len() {
                    input.text.remove(input.cursor);
                }
            }
            Action::CursorLeft => {
                if let Some(c) = input.text[..input.cursor].chars().next_back() {
                    input.cursor -= c.len_utf8();
                }
            }
            Action::CursorRight => {
                if let Some(c) = input.text[input.cursor..].chars().next() {
                    input.cursor += c.len_utf8();
                }
            }
            Action::CursorHome => input.cursor = 0,
            Action::CursorEnd => input.cursor = input.text.len(),
            Action::Cancel => {
                if input.kind == InputKind::Search {
                    self.set_query(String::new());
                    self.fix_selection();
                }
                self.input = None;
                return None;
            }
            Action::Submit => return self.submit(),
            _ => return None,
        }
        self.revalidate();
        None
    }

    /// Re-checks the input line after every keystroke (and filters for a search).
    fn revalidate(&mut self) {
        let Some(input) = &self.input else { return };
        if input.kind == InputKind::Search {
            let q = input.text.clone();
            self.set_query(q);
            self.fix_selection();
            return;
        }
        let error = self.parse_input().err();
        if let Some(input) = &mut self.input {
            input.error = error;
        }
    }

    /// Turns the input line into the effect it asks for, or says why it cannot.
    fn parse_input(&self) -> Result<Option<Effect>, String> {
        let lang = self.look.lang;
        let Some(input) = &self.input else {
            return Ok(None);
        };
        match &input.kind {
            InputKind::Search => Ok(None),
            InputKind::Value { target } => {
                let t = self
                    .board
                    .target_index(target)
                    .map(|i| &self.board.plan.targets[i])
                    .ok_or_else(|| target.clone())?;
                let text = input.text.trim();
                let (num, note) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
                if num.is_empty() {
                    return Err(tr(lang, text::ERR_EMPTY).to_string());
                }
                let value = parse_number(num).map_err(|e| value_error(lang, &e))?;
                t.check_value(value).map_err(|e| match e {
                    // typed, a negative number is refused as "not a number of 0 or more"
                    ValueError::Negative => tr(lang, text::ERR_NUMBER).to_string(),
                    e => value_error(lang, &e),
                })?;
                Ok(Some(Effect::Apply {
                    edit: Edit::Set { target: target.clone(), value },
                    note: note.trim().to_string(),
                }))
            }
            InputKind::Note { item } => Ok(Some(Effect::Apply {
                edit: Edit::Note { item: item.clone(), text: input.text.trim().to_string() },
                note: String::new(),
            })),
            InputKind::NewTarget { item } => {
                let k = self.board.item_index(item).ok_or_else(|| item.clone())?;
                let it = &self.board.plan.items[k];
                let n = self
                    .board
                    .plan
                    .targets
                    .iter()
                    .filter_map(|t| {
                        let rest = t.id.strip_prefix(&format!("{item}."))?;
                        rest.parse::<u32>().ok()
                    })
                    .max()
                    .unwrap_or(0);
                let base = Target {
                    id: format!("{item}.{}", n + 1),
                    item: Some(item.clone()),
                    theme: it.theme,
                    kind: TargetKind::Quantity,
                    name: String::new(),
                    goal: 1.0,
                    unit: String::new(),
                    due: None,
                    parent: None,
                    source: String::new(),
                    line: 0,
                    direction: Default::default(),
                    measure: Default::default(),
                };
                let t = parse_target(&input.text, base).map_err(|e| target_line_error(lang, e))?;
                Ok(Some(Effect::Apply { edit: Edit::PutTarget(Box::new(t)), note: String::new() }))
            }
            InputKind::EditTarget { target } => {
                let base = self
                    .board
                    .target_index(target)
                    .map(|i| self.board.plan.targets[i].clone())
                    .ok_or_else(|| target.clone())?;
                let t = parse_target(&input.text, base).map_err(|e| target_line_error(lang, e))?;
                Ok(Some(Effect::Apply { edit: Edit::PutTarget(Box::new(t)), note: String::new() }))
            }
        }
    }

    fn submit(&mut self) -> Option<Effect> {
        let Some(input) = &self.input else {
            return None;
        };
        if input.kind == InputKind::Search {
            self.input = None;
            self.select_first_match();
            return None;
        }
        match self.parse_input() {
            Ok(effect) => {
                self.input = None;
                effect
            }
            Err(e) => {
                if let Some(input) = &mut self.input {
                    input.error = Some(e);
                }
                None
            }
        }
    }

    /// After a search: select the first match and focus where it is.
    fn select_first_match(&mut self) {
        let themes = self.visible_themes();
        self.theme = themes.first().map(|&i| self.board.plan.themes[i].number);
        let rows = self.visible_rows();
        self.item = rows.first().map(|&r| self.row_id(r));
        self.target = None;
        self.fix_selection();
        if self.query_parsed.is_empty() || self.item.is_none() {
            return;
        }
        self.focus = Pane::Items;
        let item_hit = match self.selected_row() {
            Some(ItemRow::Item(k)) => self.item_hits_query(k),
            Some(ItemRow::Theme(n)) => self.theme_title_hits_query(n),
            None => false,
        };
        if !item_hit && self.target.is_some() {
            self.focus = Pane::Targets;
        }
    }
}

impl Input {
    fn new(kind: InputKind, text: String) -> Input {
        let cursor = text.len();
        Input { kind, text, cursor, error: None }
    }
}

/// Moves within a list; `None` when the list is empty.
fn step<T: Copy + PartialEq>(list: &[T], cur: Option<T>, delta: isize) -> Option<T> {
    let last = list.len().checked_sub(1)?;
    let pos = cur.and_then(|c| list.iter().position(|&x| x == c)).unwrap_or(0);
    let pos = pos.saturating_add_signed(delta).min(last);
    Some(list[pos])
}

/// Why a value is refused, in the interface language.
pub fn value_error(lang: Lang, e: &ValueError) -> String {
    let t = match e {
        ValueError::NotANumber => text::ERR_NUMBER,
        ValueError::Negative => text::ERR_NEGATIVE,
        ValueError::Fraction(_) => text::ERR_FRACTION,
        ValueError::NotBinary => text::ERR_MILESTONE,
    };
    tr(lang, t).to_string()
}

/// Why a target line is refused, in the interface language.
fn target_line_error(lang: Lang, e: TargetLineError) -> String {
    let t = match e {
        TargetLineError::NoName => text::ERR_NAME,
        TargetLineError::BadGoal => text::ERR_GOAL,
        TargetLineError::NoUnit => text::ERR_UNIT,
        TargetLineError::BadDate => text::ERR_DATE,
    };
    tr(lang, t).to_string()
}
