//! Choice lists: an item's manual status (`s`), the plan to show (`p`), the department
//! filter (`d`, typed to filter) and the status filter (`f`). The line in force is marked;
//! Enter on it changes nothing.

use super::line_editor::LineEditor;
use super::{App, DeptFilter, Effect, Overlay, Pane, StatusFilter};
use crate::core::edit::Edit;
use crate::core::model::Status;
use crate::core::pace::{Rollup, overview};
use crate::core::report::format::Format;
use crate::core::search::Query;
use crate::core::store::PlanSummary;
use crate::tui::action::Action;
use crate::tui::text::{self, tr};

/// What a choice list chooses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickKind {
    /// The manual status of an item without targets.
    ItemStatus { item: String },
    /// Which plan of the database to show.
    Plan,
    /// The department filter.
    Dept,
    /// The status filter.
    StatusFilter,
    /// What `E` writes: the ledger or the period report.
    Export,
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
    Dept(DeptFilter),
    StatusFilter(StatusFilter),
    Export(Format),
}

/// An open choice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickKind,
    pub options: Vec<PickOption>,
    /// Indices of the options shown: all, or those the typed filter matches.
    pub shown: Vec<usize>,
    /// A position in `shown`.
    pub selected: usize,
    /// What has been typed to narrow a long list (departments); `None` for a short list,
    /// whose letters are keys.
    pub filter: Option<LineEditor>,
}

impl Picker {
    /// A list of every option, starting on the one in force (else the first).
    pub fn new(kind: PickKind, options: Vec<PickOption>) -> Picker {
        let selected = options.iter().position(|o| o.current).unwrap_or(0);
        Picker { kind, shown: (0..options.len()).collect(), options, selected, filter: None }
    }

    /// The same list narrowed by typing.
    fn typed(self) -> Picker {
        Picker { filter: Some(LineEditor::default()), ..self }
    }

    /// The option under the selection.
    pub fn chosen(&self) -> Option<&PickOption> {
        self.shown.get(self.selected).map(|&i| &self.options[i])
    }

    /// Shows the options whose label the typed text matches (ids, Chinese, pinyin
    /// initials, as the search does), keeping the selection on the same option if it
    /// still shows.
    fn refilter(&mut self) {
        let Some(line) = &self.filter else { return };
        let q = Query::new(line.text());
        let was = self.shown.get(self.selected).copied();
        self.shown =
            (0..self.options.len()).filter(|&i| q.matches_text(&self.options[i].label)).collect();
        self.selected = was.and_then(|w| self.shown.iter().position(|&i| i == w)).unwrap_or(0);
    }
}

/// `滞后2 预警1 共12`: how many parts of a roll-up are behind, at risk, and in all.
fn counts(lang: crate::lang::Lang, r: &Rollup) -> String {
    text::PICK_COUNTS.fill(
        lang,
        &[
            ("behind", &r.count(Status::Behind)),
            ("risk", &r.count(Status::AtRisk)),
            ("total", &r.total()),
        ],
    )
}

impl App {
    /// Opens the status list for the selected item, if it is one without targets.
    pub(super) fn open_status_picker(&mut self) {
        let Some(k) = self.item_index().filter(|_| self.focus != Pane::Themes) else {
            self.warn(text::SELECT_ITEM);
            return;
        };
        if !self.board.plan.item_targets(k).is_empty() {
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
        let picker = Picker { selected, ..Picker::new(PickKind::ItemStatus { item }, options) };
        self.overlay = Overlay::Pick(picker);
    }

    /// `d`: every department with its figures (behind, at risk, in all), after "all" and
    /// the user's own; typing narrows the list.
    pub(super) fn open_dept_picker(&mut self) {
        let lang = self.look.lang;
        let now = &self.filters.dept;
        let option = |label: String, r: &Rollup, value: DeptFilter| PickOption {
            label,
            detail: counts(lang, r),
            current: *now == value,
            value: PickValue::Dept(value),
        };
        let mut options =
            vec![option(tr(lang, text::ALL_DEPTS).to_string(), &self.eval.plan, DeptFilter::All)];
        let rollups = overview::department_rollups(&self.board.plan, &self.eval);
        if !self.my_depts.is_empty() {
            let keep: Vec<usize> = {
                let mine = crate::core::filter::Departments::Named(&self.my_depts);
                (0..self.board.plan.items.len())
                    .filter(|&k| mine.keeps(&self.board.plan.items[k]))
                    .collect()
            };
            let r = self.eval.select(&self.board.plan, &keep, false).overall;
            options.push(option(tr(lang, text::MINE).to_string(), &r, DeptFilter::Mine));
        }
        options.extend(rollups.into_iter().map(|(d, r)| option(d.clone(), &r, DeptFilter::One(d))));
        self.overlay = Overlay::Pick(Picker::new(PickKind::Dept, options).typed());
    }

    /// `f`: each status with how many parts of the plan are in it, the stale ones, and "all".
    pub(super) fn open_status_filter_picker(&mut self) {
        let lang = self.look.lang;
        let plan = &self.eval.plan;
        let choices = [Status::Behind, Status::AtRisk, Status::OnTrack, Status::Done]
            .map(|s| (text::status(lang, s).to_string(), plan.count(s), StatusFilter::Only(s)));
        // what nobody has updated for the staleness period, beside the statuses
        let stale = (
            tr(lang, crate::i18n::report::STALE).to_string(),
            self.cycle.stale.count(),
            StatusFilter::Stale,
        );
        let all = (tr(lang, text::ALL_STATUSES).to_string(), plan.total(), StatusFilter::All);
        let options = choices
            .into_iter()
            .chain([stale, all])
            .map(|(label, n, value)| PickOption {
                label,
                detail: n.to_string(),
                current: self.filters.status == value,
                value: PickValue::StatusFilter(value),
            })
            .collect();
        self.overlay = Overlay::Pick(Picker::new(PickKind::StatusFilter, options));
    }

    /// Offers the database's plans; with only one, says so.
    pub(super) fn open_plans(&mut self, plans: &[PlanSummary]) {
        if plans.len() < 2 {
            self.warn(text::ONE_PLAN);
            return;
        }
        let lang = self.look.lang;
        let options: Vec<PickOption> = plans
            .iter()
            .map(|p| PickOption {
                label: format!("{}  {}", p.id, p.title),
                detail: crate::i18n::cli::PLAN_SIZES
                    .fill(lang, &[("items", &p.items), ("targets", &p.targets)]),
                value: PickValue::Plan(p.id.clone()),
                current: p.id == self.board.plan.id,
            })
            .collect();
        self.overlay = Overlay::Pick(Picker::new(PickKind::Plan, options));
    }

    /// `E`: the ledger (xlsx) or the period report (docx).
    pub(super) fn open_export(&mut self) {
        let lang = self.look.lang;
        let option = |label: text::Tr, format: Format| PickOption {
            label: tr(lang, label).to_string(),
            detail: String::new(),
            value: PickValue::Export(format),
            current: false,
        };
        let options = vec![
            option(text::EXPORT_LEDGER, Format::Xlsx),
            option(text::EXPORT_REPORT, Format::Docx),
        ];
        self.overlay = Overlay::Pick(Picker::new(PickKind::Export, options));
    }

    /// A key while a choice list is open.
    pub(super) fn update_pick(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Pick(picker) = &mut self.overlay else { return None };
        let last = picker.shown.len().saturating_sub(1);
        match action {
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Down => picker.selected = (picker.selected + 1).min(last),
            Action::Cancel => self.overlay = Overlay::None,
            Action::Submit => {
                let Overlay::Pick(picker) = std::mem::take(&mut self.overlay) else { return None };
                let chosen = picker.chosen()?;
                if chosen.current {
                    return None;
                }
                return match (&picker.kind, &chosen.value) {
                    (PickKind::Dept, PickValue::Dept(d)) => {
                        self.filters.dept = d.clone();
                        self.fix_selection();
                        None
                    }
                    (PickKind::StatusFilter, PickValue::StatusFilter(s)) => {
                        self.filters.status = *s;
                        self.fix_selection();
                        None
                    }
                    (PickKind::ItemStatus { item }, PickValue::Status(status)) => {
                        Some(Effect::Apply {
                            edit: Edit::ItemStatus { item: item.clone(), status: *status },
                            note: String::new(),
                        })
                    }
                    (PickKind::Plan, PickValue::Plan(id)) => Some(Effect::SwitchPlan(id.clone())),
                    (PickKind::Export, PickValue::Export(format)) => {
                        Some(Effect::Export(Box::new(self.export_request(*format))))
                    }
                    _ => None,
                };
            }
            a => {
                if let Some(line) = &mut picker.filter
                    && line.edit(a)
                {
                    picker.refilter();
                }
            }
        }
        None
    }
}
