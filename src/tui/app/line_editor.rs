//! The text of an input line and its cursor, and the editing keys every input line shares
//! (value, note, target, search): characters, delete back and forward, cursor by character
//! and by word, line start and end, delete a word back (C-w), to the start (C-u) or to the
//! end (C-k). A word is a run of non-blank characters, as in a shell's C-w, so a Chinese
//! note without spaces is one word.

use crate::tui::action::Action;

/// A line being edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// A byte index into `text`, always on a character boundary.
    cursor: usize,
    /// The whole text is selected: typing replaces it, deleting clears it, a cursor key
    /// keeps it and ends the selection.
    selected: bool,
}

impl LineEditor {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: String) -> LineEditor {
        let cursor = text.len();
        LineEditor { text, cursor, selected: false }
    }

    /// A line holding `text`, all of it selected (a value to keep or type over).
    pub fn selected(text: String) -> LineEditor {
        LineEditor { selected: !text.is_empty(), ..LineEditor::new(text) }
    }

    /// Whether the whole text is selected.
    pub fn is_selected(&self) -> bool {
        self.selected
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
        if std::mem::take(&mut self.selected)
            && matches!(
                action,
                Action::Insert(_)
                    | Action::Backspace
                    | Action::Delete
                    | Action::DeleteWordBack
                    | Action::DeleteToStart
            )
        {
            self.text.clear();
            self.cursor = 0;
            if !matches!(action, Action::Insert(_)) {
                return true;
            }
        }
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
            Action::WordLeft => self.cursor = self.word_back(),
            Action::WordRight => self.cursor = self.word_forward(),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = self.text.len(),
            Action::DeleteWordBack => {
                let start = self.word_back();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::DeleteToStart => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            Action::DeleteToEnd => self.text.truncate(self.cursor),
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

    /// The start of the word before the cursor (blanks before the cursor skipped first).
    fn word_back(&self) -> usize {
        let before = &self.text[..self.cursor];
        let end = before.trim_end().len();
        before[..end].rfind(char::is_whitespace).map_or(0, |i| {
            // The blank itself stays; the word starts after it.
            i + before[i..].chars().next().map_or(0, char::len_utf8)
        })
    }

    /// The end of the word after the cursor (blanks after the cursor skipped first).
    fn word_forward(&self) -> usize {
        let after = &self.text[self.cursor..];
        let start = after.len() - after.trim_start().len();
        let word = &after[start..];
        let len = word.find(char::is_whitespace).unwrap_or(word.len());
        self.cursor + start + len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line with the cursor where `|` is.
    fn line(s: &str) -> LineEditor {
        let cursor = s.find('|').expect("a cursor mark");
        LineEditor { text: s.replacen('|', "", 1), cursor, selected: false }
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
    fn c_w_deletes_the_word_before_the_cursor_and_keeps_the_blank() {
        assert_eq!(after("64 莱山区新增6处|", &[Action::DeleteWordBack]), "64 |");
        assert_eq!(after("场地 100 处  |", &[Action::DeleteWordBack]), "场地 100 |");
        assert_eq!(
            after("场地 100 处|", &[Action::DeleteWordBack, Action::DeleteWordBack]),
            "场地 |"
        );
        assert_eq!(after("场地|", &[Action::DeleteWordBack]), "|");
        assert_eq!(after("|场地", &[Action::DeleteWordBack]), "|场地");
        assert_eq!(after("场地 10|0 处", &[Action::DeleteWordBack]), "场地 |0 处");
    }

    #[test]
    fn c_u_and_c_k_delete_to_either_end() {
        assert_eq!(after("64 莱山|区", &[Action::DeleteToStart]), "|区");
        assert_eq!(after("64 莱山|区", &[Action::DeleteToEnd]), "64 莱山|");
        assert_eq!(after("|", &[Action::DeleteToStart, Action::DeleteToEnd]), "|");
    }

    #[test]
    fn word_moves_skip_blanks_then_a_word() {
        let mut l = line("新建 公共体育场地设施  100 处|");
        let mut stops = Vec::new();
        for _ in 0..5 {
            l.edit(Action::WordLeft);
            stops.push(shown(&l));
        }
        assert_eq!(
            stops,
            [
                "新建 公共体育场地设施  100 |处",
                "新建 公共体育场地设施  |100 处",
                "新建 |公共体育场地设施  100 处",
                "|新建 公共体育场地设施  100 处",
                "|新建 公共体育场地设施  100 处",
            ]
        );
        let mut stops = Vec::new();
        for _ in 0..5 {
            l.edit(Action::WordRight);
            stops.push(shown(&l));
        }
        assert_eq!(
            stops,
            [
                "新建| 公共体育场地设施  100 处",
                "新建 公共体育场地设施|  100 处",
                "新建 公共体育场地设施  100| 处",
                "新建 公共体育场地设施  100 处|",
                "新建 公共体育场地设施  100 处|",
            ]
        );
    }

    #[test]
    fn a_selected_line_is_replaced_by_typing_and_kept_by_moving() {
        let mut l = LineEditor::selected("64".into());
        assert!(l.is_selected());
        assert!(l.edit(Action::Insert('7')));
        assert_eq!((l.text(), l.is_selected()), ("7", false));
        let mut l = LineEditor::selected("64".into());
        l.edit(Action::CursorEnd);
        l.edit(Action::Insert('0'));
        assert_eq!(l.text(), "640", "a cursor key keeps the text");
        let mut l = LineEditor::selected("64".into());
        l.edit(Action::Backspace);
        assert_eq!(l.text(), "", "deleting clears the selection");
        assert!(!LineEditor::selected(String::new()).is_selected());
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
