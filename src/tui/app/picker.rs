//! Choice lists: an item's manual status (`s`) and the plan to show (`p`). The line in
//! force is marked; Enter on it changes nothing.

use super::{App, Effect, Overlay, Pane};
use crate::core::edit::Edit;
use crate::core::model::Status;
use crate::core::report::format::Format;
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
    Export(Format),
}

/// An open choice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub kind: PickKind,
    pub options: Vec<PickOption>,
    pub selected: usize,
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
        self.overlay =
            Overlay::Pick(Picker { kind: PickKind::ItemStatus { item }, options, selected });
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
        self.overlay = Overlay::Pick(Picker { kind: PickKind::Plan, options, selected });
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
        self.overlay = Overlay::Pick(Picker { kind: PickKind::Export, options, selected: 0 });
    }

    /// A key while a choice list is open.
    pub(super) fn update_pick(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Pick(picker) = &mut self.overlay else { return None };
        let last = picker.options.len().saturating_sub(1);
        match action {
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Down => picker.selected = (picker.selected + 1).min(last),
            Action::Cancel => self.overlay = Overlay::None,
            Action::Submit => {
                let Overlay::Pick(picker) = std::mem::take(&mut self.overlay) else { return None };
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
                    (PickKind::Export, PickValue::Export(format)) => {
                        Some(Effect::Export(Box::new(self.export_request(*format))))
                    }
                    _ => None,
                };
            }
            _ => {}
        }
        None
    }
}
