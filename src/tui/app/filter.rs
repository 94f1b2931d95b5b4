//! What the filters leave visible, and where the selection goes when rows come and go:
//! pure functions of the board, its evaluation, the filters and the operator's departments
//! ([`Scope`]), so they are tested without an app, a store or a terminal.

use crate::core::filter::Departments;
use crate::core::model::{Board, Status, Target};
use crate::core::pace::Evaluation;
use crate::core::search::Query;

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

/// The search and the two filters.
#[derive(Debug, Clone)]
pub struct Filters {
    query: String,
    parsed: Query,
    pub dept: DeptFilter,
    pub status: StatusFilter,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            query: String::new(),
            parsed: Query::new(""),
            dept: DeptFilter::All,
            status: StatusFilter::All,
        }
    }
}

impl Filters {
    /// The search as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn set_query(&mut self, q: String) {
        self.parsed = Query::new(&q);
        self.query = q;
    }

    /// True when any filter narrows the panes.
    pub fn active(&self) -> bool {
        !self.parsed.is_empty() || self.dept != DeptFilter::All || self.status != StatusFilter::All
    }

    /// Back to everything.
    pub fn clear(&mut self) {
        *self = Filters::default();
    }

    fn wanted_status(&self) -> Option<Status> {
        match self.status {
            StatusFilter::All => None,
            StatusFilter::Behind => Some(Status::Behind),
            StatusFilter::AtRisk => Some(Status::AtRisk),
        }
    }

    /// The department filter as the core applies it; `mine` are the user's departments.
    pub fn departments<'a>(&'a self, mine: &'a [String]) -> Departments<'a> {
        match &self.dept {
            DeptFilter::All => Departments::All,
            DeptFilter::Mine => Departments::Named(mine),
            DeptFilter::One(name) => Departments::Named(std::slice::from_ref(name)),
        }
    }
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

/// What is selected: a theme by number, an item-pane row and a target by id, so a reload
/// keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub theme: Option<u32>,
    /// An item id, or a theme's own targets (`t4`, [`theme_row_id`]).
    pub item: Option<String>,
    pub target: Option<String>,
}

/// A board as the filters show it.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub board: &'a Board,
    pub eval: &'a Evaluation,
    pub filters: &'a Filters,
    /// The operator's departments (the "mine" filter).
    pub mine: &'a [String],
}

impl Scope<'_> {
    fn target_hits_query(&self, t: &Target) -> bool {
        let q = &self.filters.parsed;
        q.matches_id(&t.id) || q.matches_text(&t.name)
    }

    /// Whether the item (index) itself matches the search (not through its targets).
    pub fn item_hits_query(&self, k: usize) -> bool {
        let q = &self.filters.parsed;
        if q.is_empty() {
            return true;
        }
        let item = &self.board.plan.items[k];
        self.theme_title_hits_query(item.theme)
            || q.matches_id(&item.id)
            || q.matches_text(&item.title)
            || item.departments.iter().any(|d| q.matches_text(&d.name))
    }

    /// Whether the item (index) passes every filter, itself or through one of its targets.
    pub fn item_passes(&self, k: usize) -> bool {
        let item = &self.board.plan.items[k];
        if !self.filters.departments(self.mine).keeps(item) {
            return false;
        }
        if let Some(s) = self.filters.wanted_status() {
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

    /// Whether the theme's title matches the search (true without a search).
    pub fn theme_title_hits_query(&self, theme: u32) -> bool {
        let q = &self.filters.parsed;
        q.is_empty()
            || self
                .board
                .plan
                .theme_index(theme)
                .is_some_and(|t| q.matches_text(&self.board.plan.themes[t].title))
    }

    /// Whether the theme's own targets show as a row: they exist, no department filter is
    /// active (they belong to no department), and they pass the status filter and search.
    pub fn theme_row_passes(&self, theme: u32) -> bool {
        if self.filters.dept != DeptFilter::All {
            return false;
        }
        let wanted = self.filters.wanted_status();
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
        if !self.filters.active() {
            return (0..themes.len()).collect();
        }
        (0..themes.len())
            .filter(|&i| {
                self.theme_row_passes(themes[i].number)
                    || self.board.plan.theme_items(i).iter().any(|&k| self.item_passes(k))
            })
            .collect()
    }

    /// The rows of the item pane for `theme`: its own targets first (when it has any that
    /// pass), then its items that pass.
    pub fn visible_rows(&self, theme: Option<u32>) -> Vec<ItemRow> {
        let Some(theme) = theme else {
            return Vec::new();
        };
        let Some(t) = self.board.plan.theme_index(theme) else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        if self.theme_row_passes(theme) {
            rows.push(ItemRow::Theme(theme));
        }
        let items = self.board.plan.theme_items(t).iter().copied();
        rows.extend(items.filter(|&k| self.item_passes(k)).map(ItemRow::Item));
        rows
    }

    /// The item-pane row a selection names.
    pub fn selected_row(&self, sel: &Selection) -> Option<ItemRow> {
        let id = sel.item.as_deref()?;
        if let Some(theme) = sel.theme
            && id == theme_row_id(theme)
        {
            return Some(ItemRow::Theme(theme));
        }
        self.board.item_index(id).map(ItemRow::Item)
    }

    /// The selection id of an item-pane row.
    pub fn row_id(&self, row: ItemRow) -> String {
        match row {
            ItemRow::Theme(n) => theme_row_id(n),
            ItemRow::Item(k) => self.board.plan.items[k].id.clone(),
        }
    }

    /// Indices of the targets shown for a row of the item pane: all of them when the item
    /// (or theme) itself matches the search, else those that do; always those that pass
    /// the status filter.
    pub fn visible_targets(&self, row: Option<ItemRow>) -> Vec<usize> {
        let wanted = self.filters.wanted_status();
        let shown = |whole: bool| {
            move |&t: &usize| {
                (whole || self.target_hits_query(&self.board.plan.targets[t]))
                    && wanted.is_none_or(|s| self.eval.targets[t].status == s)
            }
        };
        match row {
            None => Vec::new(),
            Some(ItemRow::Theme(n)) => {
                self.theme_targets(n).filter(shown(self.theme_title_hits_query(n))).collect()
            }
            Some(ItemRow::Item(k)) => {
                self.targets_of(k).filter(shown(self.item_hits_query(k))).collect()
            }
        }
    }

    /// The selection moved onto what is visible: each id kept while it is, else the first
    /// visible theme, row and target (none when nothing is visible).
    pub fn fix(&self, sel: &Selection) -> Selection {
        let plan = &self.board.plan;
        let mut out = sel.clone();
        let themes = self.visible_themes();
        if out.theme.and_then(|n| plan.theme_index(n)).is_none_or(|i| !themes.contains(&i)) {
            out.theme = themes.first().map(|&i| plan.themes[i].number);
        }
        let rows = self.visible_rows(out.theme);
        if self.selected_row(&out).is_none_or(|r| !rows.contains(&r)) {
            out.item = rows.first().map(|&r| self.row_id(r));
        }
        let targets = self.visible_targets(self.selected_row(&out));
        if out
            .target
            .as_deref()
            .and_then(|t| self.board.target_index(t))
            .is_none_or(|t| !targets.contains(&t))
        {
            out.target = targets.first().map(|&t| plan.targets[t].id.clone());
        }
        out
    }

    /// After a search: the first match selected, and whether the match is the item (or
    /// theme) itself rather than one of its targets.
    pub fn first_match(&self) -> (Selection, bool) {
        let plan = &self.board.plan;
        let theme = self.visible_themes().first().map(|&i| plan.themes[i].number);
        let item = self.visible_rows(theme).first().map(|&r| self.row_id(r));
        let sel = self.fix(&Selection { theme, item, target: None });
        let row_hit = match self.selected_row(&sel) {
            Some(ItemRow::Item(k)) => self.item_hits_query(k),
            Some(ItemRow::Theme(n)) => self.theme_title_hits_query(n),
            None => false,
        };
        (sel, row_hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::{ImportOptions, parse};
    use crate::core::pace::{Thresholds, evaluate};
    use chrono::NaiveDate;

    /// The bundled plan with 13.1 behind and 13.2 done, measured on 2023-09-30.
    fn board() -> (Board, Evaluation) {
        let text = include_str!("../../../data/2023-work-plan.txt");
        let plan = parse(text, &ImportOptions::default()).expect("bundled plan").plan;
        let mut board = Board::fresh(plan);
        for (id, v) in [("13.1", 30.0), ("13.2", 8000.0)] {
            let k = board.target_index(id).expect(id);
            board.target_states[k].value = v;
            board.target_states[k].updates = 1;
        }
        let day = NaiveDate::from_ymd_opt(2023, 9, 30).expect("date");
        let eval = evaluate(&board, day, &Thresholds::default());
        (board, eval)
    }

    fn scope<'a>(b: &'a (Board, Evaluation), f: &'a Filters) -> Scope<'a> {
        Scope { board: &b.0, eval: &b.1, filters: f, mine: &[] }
    }

    fn ids(b: &Board, targets: &[usize]) -> Vec<String> {
        targets.iter().map(|&t| b.plan.targets[t].id.clone()).collect()
    }

    #[test]
    fn without_filters_everything_shows() {
        let b = board();
        let f = Filters::default();
        let s = scope(&b, &f);
        assert_eq!(s.visible_themes().len(), b.0.plan.themes.len());
        assert_eq!(s.matching_items(), b.0.plan.items.len());
        let sel = s.fix(&Selection::default());
        assert_eq!(sel.theme, Some(1));
        assert_eq!(sel.item.as_deref(), Some("1"));
        assert_eq!(sel.target, None, "item 1 has no targets");
    }

    #[test]
    fn a_search_shows_the_item_and_only_matching_targets() {
        let b = board();
        let mut f = Filters::default();
        f.set_query("13.2".into());
        let s = scope(&b, &f);
        let k = b.0.item_index("13").expect("13");
        assert!(s.item_passes(k));
        assert!(!s.item_hits_query(k), "the item matches through its target");
        assert_eq!(ids(&b.0, &s.visible_targets(Some(ItemRow::Item(k)))), ["13.2"]);
        assert_eq!(s.matching_items(), 1);
        let (sel, row_hit) = s.first_match();
        assert_eq!((sel.item.as_deref(), sel.target.as_deref()), (Some("13"), Some("13.2")));
        assert!(!row_hit);
    }

    #[test]
    fn the_status_filter_keeps_items_and_targets_in_that_status() {
        let b = board();
        let f = Filters { status: StatusFilter::Behind, ..Filters::default() };
        let s = scope(&b, &f);
        let k = b.0.item_index("13").expect("13");
        let shown = ids(&b.0, &s.visible_targets(Some(ItemRow::Item(k))));
        assert!(shown.contains(&"13.1".to_string()));
        assert!(!shown.contains(&"13.2".to_string()), "13.2 is done");
        for &i in &s.visible_themes() {
            assert!(b.1.themes[i].count(Status::Behind) > 0);
        }
    }

    #[test]
    fn a_department_filter_hides_other_items_and_theme_rows() {
        let b = board();
        let mut f = Filters { dept: DeptFilter::One("办公室".into()), ..Filters::default() };
        let s = scope(&b, &f);
        for i in s.visible_themes() {
            for row in s.visible_rows(Some(b.0.plan.themes[i].number)) {
                let ItemRow::Item(k) = row else { panic!("a theme row under a department filter") };
                assert!(b.0.plan.items[k].departments.iter().any(|d| d.name == "办公室"));
            }
        }
        f.dept = DeptFilter::Mine;
        let none = scope(&b, &f);
        assert!(none.visible_themes().is_empty(), "no departments granted: nothing is mine");
        assert_eq!(none.fix(&Selection::default()), Selection::default());
    }

    #[test]
    fn the_selection_keeps_visible_ids_and_moves_off_hidden_ones() {
        let b = board();
        let f = Filters::default();
        let s = scope(&b, &f);
        let on_13_2 =
            Selection { theme: Some(4), item: Some("13".into()), target: Some("13.2".into()) };
        assert_eq!(s.fix(&on_13_2), on_13_2);
        let f = Filters { status: StatusFilter::Behind, ..Filters::default() };
        let s = scope(&b, &f);
        let fixed = s.fix(&on_13_2);
        assert_eq!(fixed.item.as_deref(), Some("13"), "item 13 still shows (13.1 is behind)");
        assert_eq!(fixed.target.as_deref(), Some("13.1"), "13.2 is hidden: the first visible");
        let gone = Selection { theme: Some(99), item: Some("99".into()), target: None };
        assert_eq!(
            s.fix(&gone).theme,
            s.visible_themes().first().map(|&i| b.0.plan.themes[i].number)
        );
    }

    #[test]
    fn a_theme_row_id_is_not_an_item_id() {
        let b = board();
        let f = Filters::default();
        let s = scope(&b, &f);
        let sel = Selection { theme: Some(4), item: Some(theme_row_id(4)), target: None };
        assert_eq!(s.selected_row(&sel), Some(ItemRow::Theme(4)));
        assert!(b.0.item_index(&theme_row_id(4)).is_none());
    }
}
