//! What the filters leave visible, and where the selection goes when rows come and go:
//! pure functions of the board, its evaluation, the filters and the operator's departments
//! ([`Scope`]), so they are tested without an app, a store or a terminal.

use crate::core::filter::Departments;
use crate::core::model::{Board, IndexedPlan, Millis, Status};
use crate::core::pace::Evaluation;
use crate::core::pace::stale::Staleness;
use crate::core::search::Query;

mod texts;
pub use texts::PlanTexts;

/// The department filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeptFilter {
    All,
    /// The departments granted to the user.
    Mine,
    One(String),
}

/// The status filter: everything, the rows in one status, or those not updated for the
/// staleness period (久未更新).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    Only(Status),
    Stale,
}

/// The order of the rows of the item and target panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As the plan lists them.
    #[default]
    Plan,
    /// Behind first, then at risk, on track, unmeasured, done; within a status the widest
    /// gap between pace and progress first.
    Worst,
    /// The smallest share done first (unmeasured last).
    LeastProgress,
    /// The longest without an update first (never updated first of all).
    OldestUpdate,
}

impl Order {
    /// The order the order key moves to.
    pub fn next(self) -> Order {
        match self {
            Order::Plan => Order::Worst,
            Order::Worst => Order::LeastProgress,
            Order::LeastProgress => Order::OldestUpdate,
            Order::OldestUpdate => Order::Plan,
        }
    }
}

/// What an ordering reads of a row: its status, progress, pace and latest update.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RowFacts {
    pub status: Option<Status>,
    pub progress: Option<f64>,
    pub pace: Option<f64>,
    pub updated: Option<Millis>,
}

impl RowFacts {
    /// How bad a status is, worst first.
    fn severity(&self) -> u8 {
        match self.status {
            Some(Status::Behind) => 0,
            Some(Status::AtRisk) => 1,
            Some(Status::OnTrack) => 2,
            None => 3,
            Some(Status::Done) => 4,
        }
    }

    /// How far behind its pace the row is (0 when unmeasured).
    fn gap(&self) -> f64 {
        match (self.progress, self.pace) {
            (Some(p), Some(q)) => q - p,
            _ => 0.0,
        }
    }
}

/// Sorts rows by `order`, reading each row's facts once (n log n comparisons of cached
/// facts); equal rows keep plan order. `Order::Plan` leaves them as they are.
pub fn sort_rows<T: Copy>(rows: &mut Vec<T>, order: Order, facts: impl Fn(T) -> RowFacts) {
    if order == Order::Plan {
        return;
    }
    let mut keyed: Vec<(RowFacts, T)> = rows.iter().map(|&r| (facts(r), r)).collect();
    keyed.sort_by(|(a, _), (b, _)| match order {
        Order::Plan => std::cmp::Ordering::Equal,
        Order::Worst => a.severity().cmp(&b.severity()).then(b.gap().total_cmp(&a.gap())),
        Order::LeastProgress => match (a.progress, b.progress) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (a, b) => a.is_none().cmp(&b.is_none()),
        },
        Order::OldestUpdate => a.updated.cmp(&b.updated),
    });
    *rows = keyed.into_iter().map(|(_, r)| r).collect();
}

/// The search, the two filters and the order of rows.
#[derive(Debug, Clone)]
pub struct Filters {
    query: String,
    parsed: Query,
    pub dept: DeptFilter,
    pub status: StatusFilter,
    /// Not a filter: kept when the filters are cleared.
    pub order: Order,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            query: String::new(),
            parsed: Query::new(""),
            dept: DeptFilter::All,
            status: StatusFilter::All,
            order: Order::Plan,
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

    /// Back to everything (in the same order).
    pub fn clear(&mut self) {
        *self = Filters { order: self.order, ..Filters::default() };
    }

    /// The search as matching reads it.
    pub fn parsed(&self) -> &Query {
        &self.parsed
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
    /// Which items pass, worked out once for these filters and this board (`None`: each
    /// question is answered from the board).
    pub matches: Option<&'a Matches>,
    /// What is stale (the 久未更新 filter).
    pub stale: &'a Staleness,
}

/// What the filters keep, worked out once per change of the filters or the board instead
/// of once per question (the theme pane, the item pane and the match count each asked for
/// it, every item each time): which items pass, and which themes show.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// What this was worked out for: the board's generation and the filters.
    key: Option<(u64, Query, DeptFilter, StatusFilter)>,
    /// Per item: it passes the filters.
    passes: Vec<bool>,
    /// The items that pass, in plan order.
    items: Vec<usize>,
    /// Positions of the themes shown.
    themes: Vec<usize>,
    /// Characters of the board's ids (ASCII, lower case; `true` at 128 for any other), for
    /// the board generation of `key`: a query with a character outside it matches no id.
    id_chars: Option<(u64, Box<[bool; 129]>)>,
    /// The plan's texts prepared for search, checked against the board of this generation;
    /// made when a search first needs them.
    texts: Option<(u64, PlanTexts)>,
    /// Per distinct text of `texts`: what the query of `key` made of it (see
    /// [`PlanTexts::matches`]).
    memo: Vec<u8>,
    /// How many items the last update tested (the work a keystroke did).
    tested: usize,
    /// How many times the texts were prepared here, on the key path (see [`Matches::set_texts`]).
    prepared: usize,
}

impl Matches {
    /// Whether these were worked out for board generation `generation` and `filters`.
    pub fn fits(&self, generation: u64, filters: &Filters) -> bool {
        self.key.as_ref().is_some_and(|(g, q, d, s)| {
            *g == generation && q == &filters.parsed && d == &filters.dept && *s == filters.status
        })
    }

    /// How many items the last update tested.
    pub fn tested(&self) -> usize {
        self.tested
    }

    /// Whether `q` could match an id of the board by id: false when it holds a character
    /// no id holds (the characters of the ids are gathered once per board generation).
    fn may_match_an_id(&mut self, plan: &IndexedPlan, generation: u64, q: &Query) -> bool {
        let slot = |c: char| if c.is_ascii() { usize::from(c as u8) } else { 128 };
        if self.id_chars.as_ref().is_none_or(|(g, _)| *g != generation) {
            let mut chars = Box::new([false; 129]);
            let ids = plan.items.iter().map(|i| &i.id).chain(plan.targets.iter().map(|t| &t.id));
            for id in ids {
                // as `Query::matches_id` compares them: lower case (a few non-ASCII
                // letters lower-case to ASCII ones)
                if id.is_ascii() {
                    id.bytes().for_each(|b| chars[usize::from(b.to_ascii_lowercase())] = true);
                } else {
                    id.to_lowercase().chars().for_each(|c| chars[slot(c)] = true);
                }
            }
            self.id_chars = Some((generation, chars));
        }
        self.id_chars.as_ref().is_none_or(|(_, chars)| q.text().chars().all(|c| chars[slot(c)]))
    }

    /// How many times a search had to prepare the plan's texts itself (they did not come
    /// prepared with the board).
    pub fn prepared_here(&self) -> usize {
        self.prepared
    }

    /// Takes the texts of board generation `generation`, prepared off the key path (where
    /// the board was read): a search then starts at once instead of preparing them first
    /// (~20 ms at 100k targets).
    pub fn set_texts(&mut self, generation: u64, texts: PlanTexts) {
        self.texts = Some((generation, texts));
    }

    /// The prepared texts, when they are those of the board these matches were worked out
    /// for.
    fn prepared(&self) -> Option<&PlanTexts> {
        let (g, texts) = self.texts.as_ref()?;
        self.key.as_ref().is_some_and(|(key, ..)| key == g).then_some(texts)
    }

    /// The plan's texts prepared for search, for board generation `generation`: those
    /// prepared before when the plan's texts are the same, else prepared again.
    fn texts(&mut self, plan: &IndexedPlan, generation: u64) -> &PlanTexts {
        let fresh = match self.texts.take() {
            Some((g, texts)) if g == generation || texts.fits(plan) => texts,
            _ => {
                self.prepared += 1;
                PlanTexts::new(plan)
            }
        };
        &self.texts.insert((generation, fresh)).1
    }

    /// Works out what `scope`'s filters keep of board generation `generation`, from these
    /// (the previous ones) when the query only grew: a longer query keeps a part of what
    /// the shorter one kept, so only those items are tested again, and typing a search
    /// costs what still matches, not the board.
    pub fn update(&mut self, scope: &Scope<'_>, generation: u64) {
        if self.fits(generation, scope.filters) {
            return;
        }
        let plan = &scope.board.plan;
        let f = scope.filters;
        let q = &f.parsed;
        let grew = self.key.as_ref().is_some_and(|(g, old, d, s)| {
            *g == generation && d == &f.dept && *s == f.status && q.narrows(old)
        });
        let ids = q.is_empty() || self.may_match_an_id(plan, generation, q);
        let narrower = grew && !ids;
        let unfiltered = Scope { matches: None, ..*scope };
        let candidates: Vec<usize> = if narrower {
            std::mem::take(&mut self.items)
        } else {
            (0..plan.items.len()).collect()
        };
        let tested = candidates.len();
        let mut memo = std::mem::take(&mut self.memo);
        let mut passes = std::mem::take(&mut self.passes);
        let texts = if q.is_empty() {
            None // nothing is tested: everything matches
        } else {
            let texts = self.texts(plan, generation);
            memo.clear();
            memo.resize(texts.distinct(), 0);
            Some(texts)
        };
        let mut tests = Tests { q, texts, memo: &mut memo, ids };
        let (items, themes) = unfiltered.keep(candidates, &mut passes, &mut tests);
        self.memo = memo;
        self.passes = passes;
        self.themes = themes;
        self.tested = tested;
        self.items = items;
        self.key = Some((generation, q.clone(), f.dept.clone(), f.status));
    }
}

/// A text of the plan a search tests.
#[derive(Debug, Clone, Copy)]
pub enum PlanText {
    /// The title of the theme at this position.
    Theme(usize),
    /// The title of item `k`'s theme.
    ItemTheme(usize),
    /// The title of item `k`.
    Item(usize),
    /// The name of item `k`'s `d`th department.
    Dept(usize, usize),
    /// The name of target `t`.
    Target(usize),
}

/// How a search tests the plan's ids and texts: through the texts prepared once per board
/// when there are some, each distinct text tested once per query when there is a `memo`;
/// else each text prepared as it is tested (a few rows, or tests without an app). Which
/// texts and ids make a row pass is said once, in [`Scope`], for both.
struct Tests<'a> {
    q: &'a Query,
    texts: Option<&'a PlanTexts>,
    /// Per distinct text of `texts`, as [`PlanTexts::matches`] keeps it (empty: nothing kept).
    memo: &'a mut [u8],
    /// False when the query holds a character no id of the board holds.
    ids: bool,
}

impl Tests<'_> {
    fn id(&self, id: &str) -> bool {
        self.ids && self.q.matches_id(id)
    }

    fn text(&mut self, plan: &IndexedPlan, text: PlanText) -> bool {
        if let Some(texts) = self.texts {
            return texts.matches(self.q, text, self.memo);
        }
        let s = match text {
            PlanText::Theme(i) => plan.themes.get(i).map(|t| &t.title),
            PlanText::ItemTheme(k) => plan
                .items
                .get(k)
                .and_then(|item| plan.theme_index(item.theme))
                .map(|i| &plan.themes[i].title),
            PlanText::Item(k) => plan.items.get(k).map(|i| &i.title),
            PlanText::Dept(k, d) => {
                plan.items.get(k).and_then(|i| i.departments.get(d)).map(|d| &d.name)
            }
            PlanText::Target(t) => plan.targets.get(t).map(|t| &t.name),
        };
        s.is_some_and(|s| self.q.matches_text(s))
    }
}

impl Scope<'_> {
    /// How this scope tests texts: through the prepared texts of its matches when it has
    /// them, else one at a time.
    fn tests(&self) -> Tests<'_> {
        let texts = self.matches.and_then(Matches::prepared);
        Tests { q: &self.filters.parsed, texts, memo: &mut [], ids: true }
    }

    /// Whether target `t` passes the status filter.
    fn target_wanted(&self, t: usize) -> bool {
        match self.filters.status {
            StatusFilter::All => true,
            StatusFilter::Only(s) => self.eval.targets[t].status == s,
            StatusFilter::Stale => self.stale.target(t),
        }
    }

    /// Whether item `k` passes the status filter by itself (its roll-up, or for an item
    /// without targets its own status or staleness), not through its targets.
    fn item_wanted(&self, k: usize) -> bool {
        match self.filters.status {
            StatusFilter::All => true,
            StatusFilter::Only(s) => self.eval.items[k].count(s) > 0,
            StatusFilter::Stale => self.stale.item(k),
        }
    }

    /// Whether target `t`'s id or name matches the search.
    pub fn target_hits_query(&self, t: usize) -> bool {
        self.target_hits(t, &mut self.tests())
    }

    fn target_hits(&self, t: usize, tests: &mut Tests<'_>) -> bool {
        let plan = &self.board.plan;
        self.filters.parsed.is_empty()
            || tests.id(&plan.targets[t].id)
            || tests.text(plan, PlanText::Target(t))
    }

    /// Whether the item (index) itself matches the search (not through its targets).
    pub fn item_hits_query(&self, k: usize) -> bool {
        self.item_hits(k, &mut self.tests())
    }

    fn item_hits(&self, k: usize, tests: &mut Tests<'_>) -> bool {
        if self.filters.parsed.is_empty() {
            return true;
        }
        let plan = &self.board.plan;
        let item = &plan.items[k];
        tests.text(plan, PlanText::ItemTheme(k))
            || tests.id(&item.id)
            || tests.text(plan, PlanText::Item(k))
            || (0..item.departments.len()).any(|d| tests.text(plan, PlanText::Dept(k, d)))
    }

    /// Whether the item (index) passes every filter, itself or through one of its targets.
    pub fn item_passes(&self, k: usize) -> bool {
        if let Some(m) = self.matches {
            return m.passes.get(k).copied().unwrap_or(false);
        }
        self.item_passes_by(k, &mut self.tests())
    }

    fn item_passes_by(&self, k: usize, tests: &mut Tests<'_>) -> bool {
        let item = &self.board.plan.items[k];
        if !self.filters.departments(self.mine).keeps(item) {
            return false;
        }
        if !self.item_wanted(k) && !self.targets_of(k).any(|t| self.target_wanted(t)) {
            return false;
        }
        self.item_hits(k, tests) || self.targets_of(k).any(|t| self.target_hits(t, tests))
    }

    /// Of `candidates` (item indices in plan order), those that pass the filters (also
    /// marked in `passes`, per item), and the positions of the themes shown.
    fn keep(
        &self,
        candidates: Vec<usize>,
        passes: &mut Vec<bool>,
        tests: &mut Tests<'_>,
    ) -> (Vec<usize>, Vec<usize>) {
        let plan = &self.board.plan;
        passes.clear();
        passes.resize(plan.items.len(), false);
        let mut items = candidates;
        items.retain(|&k| self.item_passes_by(k, tests));
        for &k in &items {
            passes[k] = true;
        }
        let themes = (0..plan.themes.len())
            .filter(|&i| {
                !self.filters.active()
                    || self.theme_row_passes_by(plan.themes[i].number, tests)
                    || plan.theme_items(i).iter().any(|&k| passes[k])
            })
            .collect();
        (items, themes)
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
        self.theme_title_hits(theme, &mut self.tests())
    }

    fn theme_title_hits(&self, theme: u32, tests: &mut Tests<'_>) -> bool {
        let plan = &self.board.plan;
        self.filters.parsed.is_empty()
            || plan.theme_index(theme).is_some_and(|i| tests.text(plan, PlanText::Theme(i)))
    }

    /// Whether the theme's own targets show as a row: they exist, no department filter is
    /// active (they belong to no department), and they pass the status filter and search.
    pub fn theme_row_passes(&self, theme: u32) -> bool {
        self.theme_row_passes_by(theme, &mut self.tests())
    }

    fn theme_row_passes_by(&self, theme: u32, tests: &mut Tests<'_>) -> bool {
        if self.filters.dept != DeptFilter::All {
            return false;
        }
        let title_hit = self.theme_title_hits(theme, tests);
        self.theme_targets(theme)
            .any(|t| self.target_wanted(t) && (title_hit || self.target_hits(t, tests)))
    }

    /// How many items pass the filters, over all themes.
    pub fn matching_items(&self) -> usize {
        if let Some(m) = self.matches {
            return m.items.len();
        }
        (0..self.board.plan.items.len()).filter(|&k| self.item_passes(k)).count()
    }

    /// Indices of the themes shown (all, unless a filter hides themes without matches).
    pub fn visible_themes(&self) -> Vec<usize> {
        if let Some(m) = self.matches {
            return m.themes.clone();
        }
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
        let items = self.board.plan.theme_items(t).iter().copied();
        let mut items: Vec<usize> = items.filter(|&k| self.item_passes(k)).collect();
        sort_rows(&mut items, self.filters.order, |k| self.item_facts(k));
        // The theme's own targets stay the first row whatever the order.
        let own = self.theme_row_passes(theme).then_some(ItemRow::Theme(theme));
        own.into_iter().chain(items.into_iter().map(ItemRow::Item)).collect()
    }

    /// What the order of rows reads of an item: its roll-up and its latest update (its
    /// note's or any of its targets').
    pub fn item_facts(&self, k: usize) -> RowFacts {
        let r = &self.eval.items[k];
        let targets = self.targets_of(k).map(|t| self.board.target_states[t].updated_at);
        let updated = targets.chain([self.board.item_states[k].updated_at]).flatten().max();
        RowFacts { status: r.status, progress: r.progress, pace: r.pace, updated }
    }

    /// What the order of rows reads of a target.
    pub fn target_facts(&self, t: usize) -> RowFacts {
        let e = &self.eval.targets[t];
        RowFacts {
            status: Some(e.status),
            progress: Some(e.progress),
            pace: Some(e.pace),
            updated: self.board.target_states[t].updated_at,
        }
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
        let shown = |whole: bool| {
            move |&t: &usize| (whole || self.target_hits_query(t)) && self.target_wanted(t)
        };
        let mut list: Vec<usize> = match row {
            None => Vec::new(),
            Some(ItemRow::Theme(n)) => {
                self.theme_targets(n).filter(shown(self.theme_title_hits_query(n))).collect()
            }
            Some(ItemRow::Item(k)) => {
                self.targets_of(k).filter(shown(self.item_hits_query(k))).collect()
            }
        };
        sort_rows(&mut list, self.filters.order, |t| self.target_facts(t));
        list
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
        const NONE: &Staleness = &Staleness { targets: Vec::new(), items: Vec::new() };
        Scope { board: &b.0, eval: &b.1, filters: f, mine: &[], matches: None, stale: NONE }
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
        let f = Filters { status: StatusFilter::Only(Status::Behind), ..Filters::default() };
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
        let f = Filters { status: StatusFilter::Only(Status::Behind), ..Filters::default() };
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
    fn each_order_sorts_by_its_fact_and_keeps_plan_order_on_ties() {
        let f = |status, progress: Option<f64>, pace: Option<f64>, updated| RowFacts {
            status,
            progress,
            pace,
            updated,
        };
        let rows = [
            f(Some(Status::Done), Some(1.0), Some(0.7), Some(5)),
            f(Some(Status::Behind), Some(0.2), Some(0.7), None),
            f(None, None, None, Some(1)),
            f(Some(Status::Behind), Some(0.5), Some(0.7), Some(9)),
            f(Some(Status::AtRisk), Some(0.6), Some(0.7), Some(1)),
        ];
        let sorted = |order| {
            let mut v: Vec<usize> = (0..rows.len()).collect();
            sort_rows(&mut v, order, |i| rows[i]);
            v
        };
        assert_eq!(sorted(Order::Plan), [0, 1, 2, 3, 4]);
        assert_eq!(sorted(Order::Worst), [1, 3, 4, 2, 0], "the wider gap first among behind");
        assert_eq!(sorted(Order::LeastProgress), [1, 3, 4, 0, 2], "unmeasured last");
        assert_eq!(sorted(Order::OldestUpdate), [1, 2, 4, 0, 3], "never updated first");
        let mut o = Order::Plan;
        for _ in 0..4 {
            o = o.next();
        }
        assert_eq!(o, Order::Plan, "four presses come round");
    }

    /// Typing a search letter by letter gives what a fresh look at the board gives, and
    /// a keystroke that only narrows tests only the items the previous one kept.
    #[test]
    fn a_growing_query_tests_only_what_it_kept() {
        let b = board();
        let typed =
            ["t", "ti", "tiy", "tiyu", "q", "qz", "qzk", "篮", "篮球", "1", "13", "13.", "13.2"];
        let mut m = Matches::default();
        let mut f = Filters::default();
        let mut generation = 0;
        for (n, q) in typed.iter().enumerate() {
            let previous = m.items.len();
            let before = f.parsed().clone();
            f.set_query((*q).to_string());
            m.update(&scope(&b, &f), generation);
            let fresh = scope(&b, &f);
            let cached = Scope { matches: Some(&m), ..fresh };
            assert_eq!(cached.matching_items(), fresh.matching_items(), "{q}");
            assert_eq!(cached.visible_themes(), fresh.visible_themes(), "{q}");
            for k in 0..b.0.plan.items.len() {
                assert_eq!(cached.item_passes(k), fresh.item_passes(k), "{q}: item {k}");
            }
            let narrows = f.parsed().narrows(&before) && !q.contains(|c: char| c.is_ascii_digit());
            if n > 0 && narrows {
                assert_eq!(m.tested(), previous, "{q}: only the previous matches tested");
            }
            if q.starts_with('1') {
                assert_eq!(m.tested(), b.0.plan.items.len(), "{q} may match ids: all tested");
            }
        }
        assert!(m.fits(generation, &f));
        generation += 1;
        assert!(!m.fits(generation, &f), "a new board generation needs a new look");
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
