//! The text of an input line and its cursor, and the editing keys every input line shares
//! (value, note, target, search): characters, delete back and forward, cursor left and
//! right, line start and end.

use crate::tui::action::Action;

/// A line being edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// A byte index into `text`, always on a character boundary.
    cursor: usize,
}

impl LineEditor {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: String) -> LineEditor {
        let cursor = text.len();
        LineEditor { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a byte index into [`LineEditor::text`].
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Carries out an editing action. Returns false for an action that is not one (the
    /// line is unchanged).
    pub fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::Insert(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
            }
            Action::Backspace => {
                let start = self.char_back();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::Delete => {
                let end = self.char_forward();
                self.text.replace_range(self.cursor..end, "");
            }
            Action::CursorLeft => self.cursor = self.char_back(),
            Action::CursorRight => self.cursor = self.char_forward(),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            _ => return false,
        }
        true
    }

    /// Where the character before the cursor starts.
    fn char_back(&self) -> usize {
        self.text[..self.cursor]
            .chars()
            .next_back()
            .map_or(self.cursor, |c| self.cursor - c.len_utf8())
    }

    /// Where the character under the cursor ends.
    fn char_forward(&self) -> usize {
        self.text[self.cursor..].chars().next().map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line with the cursor where `|` is.
    fn line(s: &str) -> LineEditor {
        let cursor = s.find('|').expect("a cursor mark");
        LineEditor { text: s.replacen('|', "", 1), cursor }
    }

    /// The line with `|` at the cursor.
    fn shown(l: &LineEditor) -> String {
        format!("{}|{}", &l.text[..l.cursor], &l.text[l.cursor..])
    }

    fn after(s: &str, actions: &[Action]) -> String {
        let mut l = line(s);
        for &a in actions {
            assert!(l.edit(a), "{a:?} is an editing action");
        }
        shown(&l)
    }

    #[test]
    fn characters_go_in_and_out_at_the_cursor_whatever_their_width() {
        assert_eq!(after("已完成|", &[Action::Insert('选'), Action::Insert('址')]), "已完成选址|");
        assert_eq!(after("已完|成", &[Action::Backspace]), "已|成");
        assert_eq!(after("已完|成", &[Action::Delete]), "已完|");
        assert_eq!(after("|已", &[Action::Backspace, Action::CursorLeft]), "|已");
        assert_eq!(after("已|", &[Action::Delete, Action::CursorRight]), "已|");
        assert_eq!(after("ab|c", &[Action::CursorHome]), "|abc");
        assert_eq!(after("ab|c", &[Action::CursorEnd]), "abc|");
    }

    #[test]
    fn other_actions_are_not_editing() {
        let mut l = line("ab|");
        assert!(!l.edit(Action::Submit));
        assert!(!l.edit(Action::Up));
        assert_eq!(shown(&l), "ab|");
        assert_eq!(LineEditor::new("64".into()).cursor(), 2);
    }
}
