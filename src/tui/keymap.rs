//! The keymap as data: (mode, key) → action. The footer hints and the `?` help are generated
//! from this table, so they never drift from what the keys do.

use super::action::Action;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The main view: themes | items | targets.
    Browse,
    /// The detail view of one target.
    Detail,
    /// The dashboard.
    Dashboard,
    /// The help popup.
    Help,
    /// An input line (value, note, target, search).
    Input,
    /// A list to choose from (an item's status, a plan).
    Pick,
    /// An edit waiting for a yes (a change of a target's kind).
    Confirm,
    /// A long list to choose from, narrowed by typing (the departments).
    Find,
    /// The behind list.
    Behind,
    /// A history row opened in full (Enter in the detail view's history).
    Entry,
}

impl Mode {
    /// Modes in the order the help lists them.
    pub const ALL: [Mode; 10] = [
        Mode::Browse,
        Mode::Detail,
        Mode::Dashboard,
        Mode::Behind,
        Mode::Input,
        Mode::Pick,
        Mode::Find,
        Mode::Confirm,
        Mode::Entry,
        Mode::Help,
    ];
}

/// A key as the keymap knows it (crossterm's events are reduced to this).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Alt(char),
    Up,
    Down,
    Left,
    Right,
    CtrlLeft,
    CtrlRight,
    Enter,
    Esc,
    Tab,
    BackTab,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
    /// A left click at a column and row of the screen.
    Click(u16, u16),
    WheelUp,
    WheelDown,
}

impl Key {
    /// Reduces a mouse event: a left click, or a turn of the wheel.
    pub fn from_mouse(ev: MouseEvent) -> Option<Key> {
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Key::Click(ev.column, ev.row)),
            MouseEventKind::ScrollUp => Some(Key::WheelUp),
            MouseEventKind::ScrollDown => Some(Key::WheelDown),
            _ => None,
        }
    }

    /// Reduces a crossterm key event; `None` for keys the board does not use.
    pub fn from_event(ev: KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        Some(match ev.code {
            KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
            KeyCode::Char(c) if alt => Key::Alt(c),
            KeyCode::Char(c) => Key::Char(c),
            KeyCode::Left if ctrl => Key::CtrlLeft,
            KeyCode::Right if ctrl => Key::CtrlRight,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            KeyCode::Left => Key::Left,
            KeyCode::Right => Key::Right,
            KeyCode::Enter => Key::Enter,
            KeyCode::Esc => Key::Esc,
            KeyCode::Tab => Key::Tab,
            KeyCode::BackTab => Key::BackTab,
            KeyCode::PageUp => Key::PageUp,
            KeyCode::PageDown => Key::PageDown,
            KeyCode::Home => Key::Home,
            KeyCode::End => Key::End,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Delete => Key::Delete,
            _ => return None,
        })
    }

    /// How the key is written in hints (ASCII only).
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("C-{c}"),
            Key::Alt(c) => format!("Alt-{c}"),
            Key::Up => "Up".into(),
            Key::Down => "Down".into(),
            Key::Left => "Left".into(),
            Key::Right => "Right".into(),
            Key::CtrlLeft => "C-Left".into(),
            Key::CtrlRight => "C-Right".into(),
            Key::Enter => "Enter".into(),
            Key::Esc => "Esc".into(),
            Key::Tab => "Tab".into(),
            Key::BackTab => "S-Tab".into(),
            Key::PageUp => "PgUp".into(),
            Key::PageDown => "PgDn".into(),
            Key::Home => "Home".into(),
            Key::End => "End".into(),
            Key::Backspace => "Bksp".into(),
            Key::Delete => "Del".into(),
            Key::Click(..) => "Click".into(),
            Key::WheelUp => "WheelUp".into(),
            Key::WheelDown => "WheelDown".into(),
        }
    }
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    /// Shown in the footer (every binding is in the help).
    pub hint: bool,
}

use Key as K;
use Mode as M;

const VIEWS: &[Mode] = &[M::Browse, M::Detail, M::Dashboard];
const EDIT: &[Mode] = &[M::Browse, M::Detail];
const ALL: &[Mode] = &[
    M::Browse,
    M::Detail,
    M::Dashboard,
    M::Help,
    M::Input,
    M::Pick,
    M::Confirm,
    M::Find,
    M::Behind,
    M::Entry,
];

const fn b(modes: &'static [Mode], keys: &'static [Key], action: Action, hint: bool) -> Binding {
    Binding { modes, keys, action, hint }
}

/// The keymap. Earlier lines win when a key is bound twice in one mode.
pub const BINDINGS: &[Binding] = &[
    b(ALL, &[K::Ctrl('c')], Action::Quit, false),
    b(VIEWS, &[K::Char('k'), K::Up], Action::Up, true),
    b(VIEWS, &[K::Char('j'), K::Down], Action::Down, true),
    b(&[M::Browse], &[K::Char('l'), K::Right, K::Enter], Action::Into, true),
    b(VIEWS, &[K::Char('h'), K::Left, K::Esc], Action::Back, true),
    b(&[M::Browse], &[K::Tab], Action::NextPane, false),
    b(&[M::Browse], &[K::BackTab], Action::PrevPane, false),
    b(VIEWS, &[K::PageUp], Action::PageUp, false),
    b(VIEWS, &[K::PageDown], Action::PageDown, false),
    b(VIEWS, &[K::Char('g'), K::Home], Action::Top, false),
    b(VIEWS, &[K::Char('G'), K::End], Action::Bottom, false),
    b(&[M::Browse], &[K::Char('/')], Action::Search, true),
    b(&[M::Browse], &[K::Char('d')], Action::DeptFilter, true),
    b(&[M::Browse], &[K::Char('f')], Action::StatusFilter, true),
    b(EDIT, &[K::Char('u')], Action::SetValue, true),
    b(EDIT, &[K::Char('+'), K::Char('=')], Action::Increment, true),
    b(EDIT, &[K::Char('-')], Action::Decrement, false),
    b(EDIT, &[K::Char('x')], Action::MarkDone, false),
    b(EDIT, &[K::Char('c')], Action::EditNote, true),
    b(&[M::Browse], &[K::Char('s')], Action::ItemStatus, true),
    b(&[M::Browse], &[K::Char('a')], Action::AddTarget, false),
    b(EDIT, &[K::Char('e')], Action::EditTarget, false),
    b(EDIT, &[K::Char('U')], Action::Undo, false),
    b(VIEWS, &[K::Char('D')], Action::Dashboard, true),
    b(VIEWS, &[K::Char('E')], Action::Export, false),
    b(VIEWS, &[K::Char('p')], Action::Plans, false),
    b(VIEWS, &[K::Char('?')], Action::Help, true),
    b(&[M::Help], &[K::Esc, K::Char('?'), K::Char('q')], Action::Back, true),
    b(VIEWS, &[K::Char('q')], Action::Quit, true),
    b(&[M::Pick], &[K::Char('k'), K::Up], Action::Up, true),
    b(&[M::Pick], &[K::Char('j'), K::Down], Action::Down, true),
    b(&[M::Pick, M::Input], &[K::Enter], Action::Submit, true),
    b(&[M::Pick], &[K::Esc, K::Char('q')], Action::Cancel, true),
    b(&[M::Confirm], &[K::Char('y')], Action::Confirm, true),
    b(&[M::Confirm], &[K::Char('n'), K::Esc], Action::Cancel, true),
    b(&[M::Input], &[K::Esc], Action::Cancel, true),
    b(&[M::Input], &[K::Backspace], Action::Backspace, false),
    b(&[M::Input], &[K::Delete], Action::Delete, false),
    b(&[M::Input], &[K::Left], Action::CursorLeft, false),
    b(&[M::Input], &[K::Right], Action::CursorRight, false),
    b(&[M::Input], &[K::Alt('b'), K::CtrlLeft], Action::WordLeft, false),
    b(&[M::Input], &[K::Alt('f'), K::CtrlRight], Action::WordRight, false),
    b(&[M::Input], &[K::Home, K::Ctrl('a')], Action::CursorHome, false),
    b(&[M::Input], &[K::End, K::Ctrl('e')], Action::CursorEnd, false),
    b(&[M::Input], &[K::Ctrl('w')], Action::DeleteWordBack, false),
    b(&[M::Input], &[K::Ctrl('u')], Action::DeleteToStart, false),
    b(&[M::Input], &[K::Ctrl('k')], Action::DeleteToEnd, false),
    b(&[M::Browse], &[K::Char('o')], Action::Order, true),
    b(&[M::Browse], &[K::Char('n')], Action::NextMatch, true),
    b(&[M::Browse], &[K::Char('N')], Action::PrevMatch, false),
    b(&[M::Find], &[K::Up, K::Ctrl('p')], Action::Up, true),
    b(&[M::Find], &[K::Down, K::Ctrl('n')], Action::Down, true),
    b(&[M::Find], &[K::Enter], Action::Submit, true),
    b(&[M::Find], &[K::Esc], Action::Cancel, true),
    b(&[M::Find], &[K::Backspace], Action::Backspace, false),
    b(&[M::Find], &[K::Ctrl('w')], Action::DeleteWordBack, false),
    b(&[M::Find], &[K::Ctrl('u')], Action::DeleteToStart, false),
    b(&[M::Help], &[K::Char('j'), K::Down, K::PageDown, K::Tab], Action::PageDown, true),
    b(&[M::Help], &[K::Char('k'), K::Up, K::PageUp, K::BackTab], Action::PageUp, false),
    b(&[M::Browse, M::Detail, M::Dashboard, M::Pick, M::Find], &[K::WheelUp], Action::Up, false),
    b(
        &[M::Browse, M::Detail, M::Dashboard, M::Pick, M::Find],
        &[K::WheelDown],
        Action::Down,
        false,
    ),
    // The behind list, from every view; in it, moving, Enter to the board, Esc back.
    b(&[M::Browse, M::Detail, M::Dashboard, M::Behind], &[K::Char('b')], Action::Behind, true),
    b(&[M::Behind], &[K::Char('k'), K::Up], Action::Up, true),
    b(&[M::Behind], &[K::Char('j'), K::Down], Action::Down, true),
    b(&[M::Behind], &[K::PageUp], Action::PageUp, false),
    b(&[M::Behind], &[K::PageDown], Action::PageDown, false),
    b(&[M::Behind], &[K::Char('g'), K::Home], Action::Top, false),
    b(&[M::Behind], &[K::Char('G'), K::End], Action::Bottom, false),
    b(&[M::Behind, M::Dashboard], &[K::Enter, K::Char('l'), K::Right], Action::Into, true),
    b(&[M::Behind], &[K::Esc, K::Char('h'), K::Left], Action::Back, true),
    b(&[M::Behind], &[K::Char('D')], Action::Dashboard, false),
    b(&[M::Behind], &[K::Char('?')], Action::Help, true),
    b(&[M::Behind], &[K::Char('q')], Action::Quit, true),
    // The dashboard's panels.
    b(&[M::Dashboard], &[K::Tab], Action::NextPane, true),
    b(&[M::Dashboard], &[K::BackTab], Action::PrevPane, false),
    // The detail view's history: Tab selects its rows (and back), Enter opens one in full.
    b(&[M::Detail], &[K::Tab, K::BackTab], Action::History, true),
    b(&[M::Detail], &[K::Enter], Action::OpenEntry, true),
    b(&[M::Entry], &[K::Esc, K::Enter, K::Char('q')], Action::Back, true),
];

/// The action a key means in a mode. In an input line, unbound characters are typed.
pub fn action(mode: Mode, key: Key) -> Option<Action> {
    let bound = BINDINGS
        .iter()
        .find(|b| b.modes.contains(&mode) && b.keys.contains(&key))
        .map(|b| b.action);
    match (bound, mode, key) {
        (Some(a), _, _) => Some(a),
        (None, Mode::Input | Mode::Find, Key::Char(c)) => Some(Action::Insert(c)),
        // A click means the same in every view: what is under it (see `App::click`).
        (None, Mode::Browse | Mode::Detail | Mode::Dashboard, Key::Click(x, y)) => {
            Some(Action::Click { x, y })
        }
        _ => None,
    }
}

/// The keys a key event stands for in `mode`, to be looked up one after the other (the
/// first may change the mode). Terminals send Alt-x as ESC x, so an Esc typed just before
/// x arrives the same way when a slow link delivers both at once: where the mode binds no
/// Alt-x, it is Esc, then x.
pub fn keys(mode: Mode, key: Key) -> Vec<Key> {
    match key {
        Key::Alt(c) if action(mode, key).is_none() => vec![Key::Esc, Key::Char(c)],
        key => vec![key],
    }
}

/// The bindings of a mode, in table order.
pub fn bindings(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.modes.contains(&mode))
}

/// The keys of a binding as written in hints: single characters run together (`k/Up`).
pub fn keys_label(binding: &Binding, short: bool) -> String {
    let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
    if short {
        // The footer shows the first key only (`k/Up` becomes `k`).
        return keys.first().cloned().unwrap_or_default();
    }
    keys.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_actions_by_mode() {
        assert_eq!(action(Mode::Browse, Key::Char('j')), Some(Action::Down));
        assert_eq!(action(Mode::Browse, Key::Char('q')), Some(Action::Quit));
        assert_eq!(action(Mode::Input, Key::Char('q')), Some(Action::Insert('q')));
        assert_eq!(action(Mode::Input, Key::Char('中')), Some(Action::Insert('中')));
        assert_eq!(action(Mode::Input, Key::Ctrl('c')), Some(Action::Quit));
        assert_eq!(action(Mode::Help, Key::Esc), Some(Action::Back));
        assert_eq!(action(Mode::Browse, Key::Char('z')), None);
        assert_eq!(action(Mode::Input, Key::Ctrl('w')), Some(Action::DeleteWordBack));
        assert_eq!(action(Mode::Input, Key::Alt('b')), Some(Action::WordLeft));
        assert_eq!(action(Mode::Input, Key::Alt('x')), None, "Alt-x is not typed as x");
        assert_eq!(action(Mode::Confirm, Key::Char('y')), Some(Action::Confirm));
        assert_eq!(action(Mode::Confirm, Key::Enter), None, "only y says yes");
    }

    #[test]
    fn an_alt_key_a_mode_does_not_bind_is_esc_then_the_key() {
        assert_eq!(keys(Mode::Detail, Key::Alt('q')), [Key::Esc, Key::Char('q')]);
        assert_eq!(keys(Mode::Input, Key::Alt('b')), [Key::Alt('b')]);
        assert_eq!(keys(Mode::Input, Key::Char('b')), [Key::Char('b')]);
    }

    #[test]
    fn modifiers_reach_the_keymap() {
        let ev = |code, m| Key::from_event(KeyEvent::new(code, m));
        assert_eq!(ev(KeyCode::Char('b'), KeyModifiers::ALT), Some(Key::Alt('b')));
        assert_eq!(ev(KeyCode::Char('W'), KeyModifiers::CONTROL), Some(Key::Ctrl('w')));
        assert_eq!(ev(KeyCode::Left, KeyModifiers::CONTROL), Some(Key::CtrlLeft));
        assert_eq!(ev(KeyCode::Right, KeyModifiers::NONE), Some(Key::Right));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let mut seen = Vec::new();
            for b in bindings(mode) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {mode:?}");
                    seen.push(*k);
                }
            }
        }
    }
}
