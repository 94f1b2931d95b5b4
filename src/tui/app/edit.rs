//! Edits: the keys that change a figure, a note, a status or a target (`u + - x n s a e U`),
//! the input lines they open, and what a submitted line asks of the store. Every line is
//! checked on each keystroke, so the reason it cannot be accepted shows before Enter.

use super::line_editor::LineEditor;
use super::{App, Confirm, Effect, Overlay, Pane, Screen};
use crate::core::edit::Edit;
use crate::core::model::{
    Millis, Target, TargetKind, TargetLineError, ValueError, fmt_num, parse_number, parse_target,
    target_line,
};
use crate::lang::Lang;
use crate::tui::action::Action;
use crate::tui::text::{self, tr};

/// What an input line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    Value { target: String },
    Note { item: String },
    NewTarget { item: String },
    EditTarget { target: String },
    Search,
}

/// How long `+`/`-` on one target wait for the next press before they are written as one
/// log entry.
pub const COALESCE_MS: Millis = 2000;

/// Presses of `+`/`-` not written yet: their sum, on one target, and when the last came.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub target: String,
    pub delta: f64,
    pub at: Millis,
}

/// An input line being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub kind: InputKind,
    pub line: LineEditor,
    /// Why the text cannot be accepted as it stands, shown under the line.
    pub error: Option<String>,
}

impl App {
    /// Opens an input line holding `text` and checks it at once.
    pub(super) fn open_input(&mut self, kind: InputKind, text: String) {
        self.open_line(kind, LineEditor::new(text));
    }

    fn open_line(&mut self, kind: InputKind, line: LineEditor) {
        self.overlay = Overlay::Input(Input { kind, line, error: None });
        self.revalidate();
    }

    /// Before an action: the `+`/`-` presses not yet written, as one edit, unless the
    /// action is another press on the same target (which adds to them).
    pub fn flush_before(&mut self, action: Action) -> Option<Effect> {
        let same = matches!(action, Action::Increment | Action::Decrement)
            && self.mode() != crate::tui::keymap::Mode::Input
            && self.edit_target().map(|t| &t.id) == self.pending.as_ref().map(|p| &p.target);
        if same { None } else { self.flush() }
    }

    /// On a tick: the pending presses, once none has come for [`COALESCE_MS`].
    pub fn tick(&mut self, now: Millis) -> Option<Effect> {
        let quiet = self.pending.as_ref().is_some_and(|p| now - p.at >= COALESCE_MS);
        if quiet { self.flush() } else { None }
    }

    /// The pending presses as one edit (none when they cancel out).
    pub fn flush(&mut self) -> Option<Effect> {
        let p = self.pending.take()?;
        (p.delta != 0.0).then(|| Effect::Apply {
            edit: Edit::Add { target: p.target, delta: p.delta },
            note: String::new(),
        })
    }

    /// `+`/`-`: adds to the pending presses on the target and says so; they are written
    /// after a quiet interval or before any other key.
    fn press(&mut self, t: &Target, delta: f64) {
        let value = self.target_index().map_or(0.0, |i| self.board.target_states[i].value);
        let before = self.pending.as_ref().filter(|p| p.target == t.id).map_or(0.0, |p| p.delta);
        let total = before + delta;
        if let Err(e) = t.check_value(value + total) {
            self.say(value_error(self.look.lang, &e), true);
            return;
        }
        self.pending = Some(Pending { target: t.id.clone(), delta: total, at: self.clock.now() });
        let sign = if total >= 0.0 { "+" } else { "" };
        let text = text::PENDING.fill(
            self.look.lang,
            &[
                ("target", &t.id),
                ("value", &fmt_num(value)),
                ("delta", &format!("{sign}{}", fmt_num(total))),
                ("new", &fmt_num(value + total)),
            ],
        );
        self.say(text, false);
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

    /// An edit key: opens the line or list it needs, or asks for the edit at once.
    pub(super) fn edit(&mut self, action: Action) -> Option<Effect> {
        if self.look.readonly {
            self.warn(text::IS_READONLY);
            return None;
        }
        let apply = |edit: Edit| Some(Effect::Apply { edit, note: String::new() });
        match action {
            Action::Undo => return apply(Edit::Undo),
            Action::ItemStatus => {
                self.open_status_picker();
                return None;
            }
            Action::EditNote | Action::AddTarget => {
                let Some(k) = self.item_index().filter(|_| self.focus != Pane::Themes) else {
                    self.warn(text::SELECT_ITEM);
                    return None;
                };
                let item = self.board.plan.items[k].id.clone();
                if action == Action::EditNote {
                    let note = self.board.item_states[k].note.clone();
                    self.open_input(InputKind::Note { item }, note);
                } else {
                    self.open_input(InputKind::NewTarget { item }, String::new());
                }
                return None;
            }
            _ => {}
        }
        let Some(t) = self.edit_target().cloned() else {
            self.warn(text::SELECT_TARGET);
            return None;
        };
        match action {
            Action::SetValue => {
                // The current value, selected: Enter keeps it, typing replaces it.
                let state = self.target_index().map(|i| &self.board.target_states[i]);
                let now = state.filter(|s| s.updates > 0).map(|s| fmt_num(s.value));
                let line = LineEditor::selected(now.unwrap_or_default());
                self.open_line(InputKind::Value { target: t.id }, line);
            }
            Action::EditTarget => {
                let line = target_line(&t);
                self.open_input(InputKind::EditTarget { target: t.id }, line);
            }
            Action::MarkDone if t.kind != TargetKind::Milestone => self.warn(text::ONLY_MILESTONE),
            Action::MarkDone => return apply(Edit::Done { target: t.id }),
            Action::Increment | Action::Decrement => {
                self.press(&t, if action == Action::Increment { 1.0 } else { -1.0 });
            }
            _ => {}
        }
        None
    }

    /// A key while an input line is open.
    pub(super) fn update_input(&mut self, action: Action) -> Option<Effect> {
        let Overlay::Input(input) = &mut self.overlay else { return None };
        match action {
            Action::Cancel => {
                if input.kind == InputKind::Search {
                    self.filters.set_query(String::new());
                    self.fix_selection();
                }
                self.overlay = Overlay::None;
                None
            }
            Action::Submit => self.submit(),
            a => {
                if input.line.edit(a) {
                    self.revalidate();
                }
                None
            }
        }
    }

    /// Re-checks the input line after every keystroke (and filters for a search).
    fn revalidate(&mut self) {
        let Some(input) = self.input() else { return };
        if input.kind == InputKind::Search {
            let q = input.line.text().to_string();
            self.filters.set_query(q);
            self.fix_selection();
            return;
        }
        let error = self.parse_input().err();
        if let Overlay::Input(input) = &mut self.overlay {
            input.error = error;
        }
    }

    /// Turns the input line into the effect it asks for, or says why it cannot.
    fn parse_input(&self) -> Result<Option<Effect>, String> {
        let lang = self.look.lang;
        let Some(input) = self.input() else {
            return Ok(None);
        };
        let text = input.line.text();
        let put =
            |t: Target| Effect::Apply { edit: Edit::PutTarget(Box::new(t)), note: String::new() };
        match &input.kind {
            InputKind::Search => Ok(None),
            InputKind::Value { target } => {
                let t = self
                    .board
                    .target_index(target)
                    .map(|i| &self.board.plan.targets[i])
                    .ok_or_else(|| target.clone())?;
                let text = text.trim();
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
                edit: Edit::Note { item: item.clone(), text: text.trim().to_string() },
                note: String::new(),
            })),
            InputKind::NewTarget { item } => {
                let base = self.new_target(item).ok_or_else(|| item.clone())?;
                let t = parse_target(text, base).map_err(|e| target_line_error(lang, e))?;
                Ok(Some(put(t)))
            }
            InputKind::EditTarget { target } => {
                let base = self
                    .board
                    .target_index(target)
                    .map(|i| self.board.plan.targets[i].clone())
                    .ok_or_else(|| target.clone())?;
                let t = parse_target(text, base).map_err(|e| target_line_error(lang, e))?;
                Ok(Some(put(t)))
            }
        }
    }

    /// A new target of `item` with the next free id (`13.5` after `13.4`), for a typed line
    /// to fill in.
    fn new_target(&self, item: &str) -> Option<Target> {
        let k = self.board.item_index(item)?;
        let prefix = format!("{item}.");
        let n = self
            .board
            .plan
            .item_targets(k)
            .iter()
            .filter_map(|&t| {
                self.board.plan.targets[t].id.strip_prefix(&prefix)?.parse::<u32>().ok()
            })
            .max()
            .unwrap_or(0);
        Some(Target {
            id: format!("{item}.{}", n + 1),
            item: Some(item.to_string()),
            theme: self.board.plan.items[k].theme,
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
        })
    }

    /// Enter on an input line: the edit it asks for, held for a yes when it changes a
    /// target's kind; or the reason it cannot be accepted, under the line.
    fn submit(&mut self) -> Option<Effect> {
        let input = self.input()?;
        if input.kind == InputKind::Search {
            self.overlay = Overlay::None;
            self.select_first_match();
            return None;
        }
        match self.parse_input() {
            Ok(effect) => {
                let Overlay::Input(input) = std::mem::take(&mut self.overlay) else { return None };
                if let Some(Effect::Apply { edit: Edit::PutTarget(new), .. }) = &effect
                    && let Some(change) = self.kind_change(new)
                {
                    let effect = effect?;
                    self.overlay =
                        Overlay::Confirm(Box::new(Confirm { change, effect, back: input }));
                    return None;
                }
                effect
            }
            Err(e) => {
                if let Overlay::Input(input) = &mut self.overlay {
                    input.error = Some(e);
                }
                None
            }
        }
    }
}

/// Why a value is refused, in the interface language.
pub fn value_error(lang: Lang, e: &ValueError) -> String {
    let t = match e {
        ValueError::NotANumber => text::ERR_NUMBER,
        ValueError::Negative => text::ERR_NEGATIVE,
        ValueError::Fraction(_) => text::ERR_FRACTION,
        ValueError::NotBinary => text::ERR_MILESTONE,
        ValueError::TooLarge => text::ERR_TOO_LARGE,
        ValueError::TooPrecise => text::ERR_TOO_PRECISE,
        ValueError::Implausible { .. } => text::ERR_IMPLAUSIBLE,
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
