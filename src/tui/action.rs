//! Everything a user can ask the board to do. Keys map to these through [`super::keymap`];
//! [`super::app::App::update`] carries them out.

/// One user intention, independent of the key that expressed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Go one level deeper (themes → items → targets → detail).
    Into,
    /// Go one level back; on the theme list, clear the search.
    Back,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Start typing a search (filters as you type).
    Search,
    /// Choose the department filter from a list (all, mine, each department).
    DeptFilter,
    /// Choose the status filter from a list (each status, or all).
    StatusFilter,
    /// Record a new value for the selected target.
    SetValue,
    /// Add one to the selected target's value.
    Increment,
    /// Subtract one from the selected target's value.
    Decrement,
    /// Mark the selected milestone done.
    MarkDone,
    /// Edit the selected item's progress note.
    EditNote,
    /// Add a target to the selected item by hand.
    AddTarget,
    /// Edit the selected target's definition by hand.
    EditTarget,
    /// Set or clear the manual status of an item without targets.
    ItemStatus,
    /// Revert your own last change (a new, corrective update).
    Undo,
    /// Write the ledger (台账, XLSX) or the period report (落实情况报告, DOCX) of the current
    /// view: a choice between the two.
    Export,
    /// Choose another plan of the database.
    Plans,
    /// Show or leave the dashboard.
    Dashboard,
    /// Show or hide the key help.
    Help,
    /// Leave the program.
    Quit,
    /// Input line: insert a character at the cursor.
    Insert(char),
    /// Input line: delete the character before the cursor.
    Backspace,
    /// Input line: delete the character under the cursor.
    Delete,
    /// Input line: cursor one character left.
    CursorLeft,
    /// Input line: cursor one character right.
    CursorRight,
    /// Input line: cursor to the start of the word before it.
    WordLeft,
    /// Input line: cursor to the end of the word after it.
    WordRight,
    /// Input line: cursor to the start.
    CursorHome,
    /// Input line: cursor to the end.
    CursorEnd,
    /// Input line: delete the word before the cursor.
    DeleteWordBack,
    /// Input line: delete from the start to the cursor.
    DeleteToStart,
    /// Input line: delete from the cursor to the end.
    DeleteToEnd,
    /// Input line: accept (only when valid).
    Submit,
    /// Input line, choice list, confirmation: cancel, changing nothing.
    Cancel,
    /// Confirmation: yes, do it.
    Confirm,
    /// Cycle the order of rows: plan order, worst first, least progress, oldest update.
    Order,
    /// Select the next row or target the search matches.
    NextMatch,
    /// Select the previous row or target the search matches.
    PrevMatch,
    /// A click at a column and row of the screen: focus the pane there and select the row;
    /// a click on the selected row goes into it.
    Click { x: u16, y: u16 },
    /// Open the behind list (滞后清单): behind, at risk, stale, missing reports.
    Behind,
    /// In the detail view: move the selection into the history (and back to the target).
    History,
    /// In the detail view: open the selected history row (else the newest) in full.
    OpenEntry,
}
