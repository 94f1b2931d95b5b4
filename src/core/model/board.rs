//! The board: a plan with every operator-maintained value, and the plan's indexes (ids to
//! positions, each item's targets, each theme's items and heading-level targets), built once
//! when the board is made so that screens and reports resolve ids through maps instead of
//! scanning the plan per row or per log entry.

use super::{Change, ItemState, Plan, TargetState, Update};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::ops::Deref;

/// A plan with its indexes. It is read-only (it dereferences to the [`Plan`]; there is no
/// way to change the plan inside), so the indexes can never go stale: a changed plan is a
/// new `IndexedPlan`.
#[derive(Clone)]
pub struct IndexedPlan {
    plan: Plan,
    /// Target id → position in `plan.targets` (the first, should an id repeat).
    target_ix: IdIndex,
    /// Item id → position in `plan.items`.
    item_ix: IdIndex,
    /// Theme number → position in `plan.themes`.
    theme_ix: HashMap<u32, usize>,
    /// Per target: the position of its item, when it names one that exists.
    target_item: Vec<Option<usize>>,
    /// Per item: its targets (sub-targets included), in plan order.
    item_targets: Groups,
    /// Per theme (by the position of the first theme with its number): its items and the
    /// targets its heading states itself (`item` is `None`), in plan order.
    theme_items: Groups,
    theme_targets: Groups,
}

impl IndexedPlan {
    /// Indexes `plan` (linear in its size).
    pub fn new(plan: Plan) -> IndexedPlan {
        let target_ix = IdIndex::new(plan.targets.len(), |k| &plan.targets[k].id);
        let item_ix = IdIndex::new(plan.items.len(), |k| &plan.items[k].id);
        let mut theme_ix = HashMap::with_capacity(plan.themes.len());
        for (k, t) in plan.themes.iter().enumerate() {
            theme_ix.entry(t.number).or_insert(k);
        }
        let target_item: Vec<Option<usize>> =
            plan.targets.iter().map(|t| item_ix.get(t.item.as_deref()?)).collect();
        let item_targets = Groups::new(
            plan.items.len(),
            target_item.iter().enumerate().filter_map(|(k, i)| Some(((*i)?, k))),
        );
        let theme_items = Groups::new(
            plan.themes.len(),
            plan.items.iter().enumerate().filter_map(|(k, i)| Some((*theme_ix.get(&i.theme)?, k))),
        );
        let theme_targets = Groups::new(
            plan.themes.len(),
            plan.targets
                .iter()
                .enumerate()
                .filter(|(_, t)| t.item.is_none())
                .filter_map(|(k, t)| Some((*theme_ix.get(&t.theme)?, k))),
        );
        IndexedPlan {
            plan,
            target_ix,
            item_ix,
            theme_ix,
            target_item,
            item_targets,
            theme_items,
            theme_targets,
        }
    }

    /// The plan, without its indexes.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    /// Position of the target with this id in `targets`.
    pub fn target_index(&self, id: &str) -> Option<usize> {
        self.target_ix.get(id)
    }

    /// Position of the item with this id in `items`.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.item_ix.get(id)
    }

    /// [`IndexedPlan::target_index`], given the position `k` the target is likely at (a
    /// row made from this plan): without a lookup where it is there.
    pub fn target_index_near(&self, k: usize, id: &str) -> Option<usize> {
        let there = self.plan.targets.get(k).is_some_and(|t| t.id == id);
        if there && !self.target_ix.repeats { Some(k) } else { self.target_index(id) }
    }

    /// [`IndexedPlan::item_index`], given the position `k` the item is likely at.
    pub fn item_index_near(&self, k: usize, id: &str) -> Option<usize> {
        let there = self.plan.items.get(k).is_some_and(|i| i.id == id);
        if there && !self.item_ix.repeats { Some(k) } else { self.item_index(id) }
    }

    /// Position of the theme with this number in `themes`.
    pub fn theme_index(&self, number: u32) -> Option<usize> {
        self.theme_ix.get(&number).copied()
    }

    /// Position of target `k`'s item in `items`, if it names one that exists.
    pub fn target_item(&self, k: usize) -> Option<usize> {
        self.target_item.get(k).copied().flatten()
    }

    /// Positions of item `k`'s targets (sub-targets included), in plan order.
    pub fn item_targets(&self, k: usize) -> &[usize] {
        self.item_targets.get(k)
    }

    /// Positions of theme `k`'s items, in plan order.
    pub fn theme_items(&self, k: usize) -> &[usize] {
        self.theme_items.get(self.bucket(k))
    }

    /// Positions of the targets theme `k`'s heading states itself (`t4.1` …, sub-targets
    /// included), in plan order.
    pub fn theme_targets(&self, k: usize) -> &[usize] {
        self.theme_targets.get(self.bucket(k))
    }

    /// Themes that repeat a number share the first one's items and targets, as a filter
    /// by number would give them.
    fn bucket(&self, k: usize) -> usize {
        self.plan.themes.get(k).and_then(|t| self.theme_index(t.number)).unwrap_or(k)
    }
}

impl Deref for IndexedPlan {
    type Target = Plan;

    fn deref(&self) -> &Plan {
        &self.plan
    }
}

impl From<Plan> for IndexedPlan {
    fn from(plan: Plan) -> IndexedPlan {
        IndexedPlan::new(plan)
    }
}

/// Compares the plans: the indexes follow from them.
impl PartialEq for IndexedPlan {
    fn eq(&self, other: &IndexedPlan) -> bool {
        self.plan == other.plan
    }
}

/// Shows the plan: the indexes follow from it.
impl std::fmt::Debug for IndexedPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.plan.fmt(f)
    }
}

/// Ids → positions: each id's hash → the first position with that hash, checked against
/// the id at that position on lookup. An id whose hash another id already has (a 64-bit
/// collision: practically never) is kept whole in `collided`. An id of up to
/// [`Slot::INLINE`] bytes (every id a plan has in practice: `13.2`, `20.500.10`) is checked
/// against a copy held in the map's own slot, so a lookup touches one slot: at 100k targets
/// each log entry replayed costs one cache miss, where checking against the ids end to end
/// (`text`, `starts`, still there for longer ids) cost two more and following each target
/// to its id on the heap two more again. (A map keyed by copied ids, one allocation per id,
/// cost three times as much to build, and a board is built on every read.)
#[derive(Clone, Default)]
struct IdIndex<S = RandomState> {
    hasher: S,
    by_hash: HashMap<u64, Slot, BuildHasherDefault<Passthrough>>,
    collided: Vec<(String, usize)>,
    /// The ids end to end; id `k` is `text[starts[k]..starts[k + 1]]`.
    text: String,
    starts: Vec<usize>,
    /// Whether an id is given more than once (then only its first position is found).
    repeats: bool,
}

/// A position in [`IdIndex::by_hash`], with its id when the id is short enough to keep here.
#[derive(Clone, Copy)]
struct Slot {
    k: usize,
    /// The id's length, or [`Slot::LONG`] for an id longer than [`Slot::INLINE`].
    len: u8,
    /// The id, padded with zeros.
    head: [u8; Slot::INLINE],
}

impl Slot {
    /// Ids up to this many bytes are kept in the slot (a slot and its hash fill 32 bytes).
    const INLINE: usize = 15;
    const LONG: u8 = u8::MAX;

    /// `id`'s length and padded bytes, if it is short enough to be kept in a slot.
    fn short(id: &[u8]) -> Option<(u8, [u8; Slot::INLINE])> {
        let mut head = [0u8; Slot::INLINE];
        head.get_mut(..id.len())?.copy_from_slice(id);
        Some((u8::try_from(id.len()).ok()?, head))
    }

    fn new(k: usize, id: &str) -> Slot {
        let (len, head) = Slot::short(id.as_bytes()).unwrap_or((Slot::LONG, [0; Slot::INLINE]));
        Slot { k, len, head }
    }
}

impl<S: BuildHasher + Default> IdIndex<S> {
    /// Indexes the `n` ids `id_at(0)` … `id_at(n - 1)`.
    fn new<'a>(n: usize, id_at: impl Fn(usize) -> &'a str) -> IdIndex<S> {
        let hasher = S::default();
        let mut by_hash = HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
        let mut collided: Vec<(String, usize)> = Vec::new();
        let mut text = String::with_capacity((0..n).map(|k| id_at(k).len()).sum());
        let mut starts = Vec::with_capacity(n + 1);
        let mut repeats = false;
        for k in 0..n {
            let id = id_at(k);
            starts.push(text.len());
            text.push_str(id);
            match by_hash.entry(hasher.hash_one(id)) {
                Entry::Vacant(e) => {
                    e.insert(Slot::new(k, id));
                }
                Entry::Occupied(e) => {
                    // a repeated id keeps its first position
                    if id_at(e.get().k) == id || collided.iter().any(|(c, _)| c == id) {
                        repeats = true;
                    } else {
                        collided.push((id.to_string(), k));
                    }
                }
            }
        }
        starts.push(text.len());
        IdIndex { hasher, by_hash, collided, text, starts, repeats }
    }

    /// The position of `id`.
    fn get(&self, id: &str) -> Option<usize> {
        let slot = self.by_hash.get(&self.hasher.hash_one(id))?;
        let k = slot.k;
        let same = if slot.len == Slot::LONG {
            let known = self.text.as_bytes().get(*self.starts.get(k)?..*self.starts.get(k + 1)?);
            known == Some(id.as_bytes())
        } else {
            Slot::short(id.as_bytes()) == Some((slot.len, slot.head))
        };
        if same {
            return Some(k);
        }
        self.collided.iter().find(|(c, _)| c == id).map(|&(_, k)| k)
    }
}

/// The hasher of [`IdIndex::by_hash`], whose keys are hashes already: it takes the key as
/// it is instead of hashing it again (a lookup per log entry is one string hash, not two).
#[derive(Default)]
struct Passthrough(u64);

impl Hasher for Passthrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Members grouped by a dense group number, each group in member order: one flat list and
/// where each group starts (two allocations, whatever the number of groups).
#[derive(Debug, Clone, Default)]
struct Groups {
    /// Group `g` is `members[start[g]..start[g + 1]]`.
    start: Vec<usize>,
    members: Vec<usize>,
}

impl Groups {
    /// Groups `(group, member)` pairs given in member order; groups ≥ `n` are dropped.
    fn new(n: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Groups {
        let mut start = vec![0usize; n + 1];
        for (g, _) in pairs.clone().filter(|&(g, _)| g < n) {
            start[g + 1] += 1;
        }
        for g in 0..n {
            start[g + 1] += start[g];
        }
        let mut next = start.clone();
        let mut members = vec![0usize; start[n]];
        for (g, m) in pairs.filter(|&(g, _)| g < n) {
            members[next[g]] = m;
            next[g] += 1;
        }
        Groups { start, members }
    }

    fn get(&self, g: usize) -> &[usize] {
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.members[a..b],
            _ => &[],
        }
    }
}

/// A plan with every operator-maintained value: what a screen or a report needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    /// The plan and its indexes (read-only).
    pub plan: IndexedPlan,
    /// Parallel to `plan.targets`.
    pub target_states: Vec<TargetState>,
    /// Parallel to `plan.items`.
    pub item_states: Vec<ItemState>,
    /// The store's change counter when this snapshot was read.
    pub counter: u64,
}

impl Board {
    /// A board of `plan` with these states, indexing the plan.
    pub fn new(
        plan: Plan,
        target_states: Vec<TargetState>,
        item_states: Vec<ItemState>,
        counter: u64,
    ) -> Board {
        Board { plan: IndexedPlan::new(plan), target_states, item_states, counter }
    }

    /// A board with nothing recorded yet.
    pub fn fresh(plan: Plan) -> Board {
        let target_states = vec![TargetState::default(); plan.targets.len()];
        let item_states = vec![ItemState::default(); plan.items.len()];
        Board::new(plan, target_states, item_states, 0)
    }

    /// Position of the target with this id in `plan.targets`.
    pub fn target_index(&self, id: &str) -> Option<usize> {
        self.plan.target_index(id)
    }

    /// Position of the item with this id in `plan.items`.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.plan.item_index(id)
    }

    /// Takes in a log entry that records a state (a value, a note, an item's status) as
    /// the store recorded it when it was written, and says what it touched; other changes,
    /// and ids the board does not hold, touch nothing (one map lookup either way).
    pub fn record(&mut self, u: &Update) -> Option<Touched> {
        match &u.change {
            Change::Value { target, new, .. } => {
                let k = self.target_index(target)?;
                self.target_states.get_mut(k)?.record(*new, u.at, &u.user);
                Some(Touched::Target(k))
            }
            Change::Note { item, new, .. } => {
                let k = self.item_index(item)?;
                self.item_states.get_mut(k)?.record_note(new, u.at, &u.user);
                Some(Touched::Item(k))
            }
            Change::ItemStatus { item, new, .. } => {
                let k = self.item_index(item)?;
                let state = self.item_states.get_mut(k)?;
                state.status = *new;
                state.updated_at = Some(u.at);
                state.updated_by = Some(u.user.clone());
                Some(Touched::Item(k))
            }
            Change::TargetDef { .. } | Change::Settings { .. } => None,
        }
    }
}

/// What [`Board::record`] changed: a target's or an item's state (by position).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    Target(usize),
    Item(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Item, Target, TargetKind, Theme};
    use chrono::NaiveDate;

    fn plan() -> Plan {
        let theme = |number| Theme {
            number,
            title: format!("主题{number}"),
            intro: String::new(),
            sections: vec![],
            line: 1,
        };
        let item = |id: &str, theme| Item {
            id: id.into(),
            theme,
            section: None,
            number: 1,
            title: String::new(),
            text: String::new(),
            departments: vec![],
            due: None,
            line: 1,
        };
        let target = |id: &str, item: Option<&str>, theme, parent: Option<&str>| Target {
            id: id.into(),
            item: item.map(Into::into),
            theme,
            kind: TargetKind::Quantity,
            name: id.into(),
            goal: 1.0,
            unit: "个".into(),
            due: None,
            parent: parent.map(Into::into),
            source: String::new(),
            line: 1,
            direction: Default::default(),
            measure: Default::default(),
        };
        let day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default();
        Plan {
            id: "p".into(),
            title: String::new(),
            year: 2023,
            start: day,
            end: day,
            preamble: String::new(),
            themes: vec![theme(1), theme(2), theme(3)],
            items: vec![item("1", 1), item("2", 2), item("3", 1), item("4", 9)],
            targets: vec![
                target("3.1", Some("3"), 1, None),
                target("1.1", Some("1"), 1, None),
                target("t2.1", None, 2, None),
                target("3.2", Some("3"), 1, None),
                target("3.2.1", Some("3"), 1, Some("3.2")),
                target("x.1", Some("gone"), 1, None),
                target("t2.2", None, 2, None),
                target("t9.1", None, 9, None),
            ],
        }
    }

    #[test]
    fn ids_resolve_to_positions() {
        let b = Board::fresh(plan());
        assert_eq!(b.target_index("3.2.1"), Some(4));
        assert_eq!(b.target_index("nope"), None);
        assert_eq!(b.item_index("3"), Some(2));
        assert_eq!(b.item_index("gone"), None);
        assert_eq!(b.plan.theme_index(2), Some(1));
        assert_eq!(b.plan.theme_index(9), None);
        assert_eq!(b.plan.target_item(0), Some(2));
        assert_eq!(b.plan.target_item(2), None, "a theme-level target");
        assert_eq!(b.plan.target_item(5), None, "an item that does not exist");
        assert_eq!(b.plan.target_item(99), None);
    }

    #[test]
    fn groups_keep_plan_order() {
        let b = Board::fresh(plan());
        let p = &b.plan;
        assert_eq!(p.item_targets(2), [0, 3, 4], "sub-targets included");
        assert_eq!(p.item_targets(0), [1]);
        assert!(p.item_targets(1).is_empty());
        assert!(p.item_targets(99).is_empty());
        assert_eq!(p.theme_items(0), [0, 2]);
        assert_eq!(p.theme_items(1), [1]);
        assert!(p.theme_items(2).is_empty());
        assert_eq!(p.theme_targets(1), [2, 6]);
        assert!(p.theme_targets(0).is_empty(), "targets of items are not the theme's own");
    }

    #[test]
    fn themes_repeating_a_number_share_its_parts() {
        let mut twice = plan();
        let mut again = twice.themes[0].clone();
        again.title = "重复".into();
        twice.themes.push(again);
        let p = IndexedPlan::new(twice);
        assert_eq!(p.theme_items(3), p.theme_items(0));
        assert_eq!(p.theme_index(1), Some(0));
    }

    /// Every id hashes alike: lookups must still find each id, the first of a repeated one.
    #[derive(Default)]
    struct Same;

    impl std::hash::Hasher for Same {
        fn finish(&self) -> u64 {
            7
        }

        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn ids_whose_hashes_collide_are_still_told_apart() {
        let ids = ["1.1", "1.2", "1.1", "t3.1", "1.2"];
        let ix: IdIndex<std::hash::BuildHasherDefault<Same>> = IdIndex::new(ids.len(), |k| ids[k]);
        assert_eq!(ix.get("1.1"), Some(0));
        assert_eq!(ix.get("1.2"), Some(1));
        assert_eq!(ix.get("t3.1"), Some(3));
        assert_eq!(ix.get("9.9"), None);
        assert_eq!(ix.get("1.1.2"), None, "an id that starts with another is not it");
        assert_eq!(ix.get("1.1\0"), None, "the padding of a slot is not part of an id");
        assert_eq!(ix.collided.len(), 2, "each colliding id once");
        // ids kept in their slot, ids too long for it, and those that differ past its end
        let long = ["123456789012345", "1234567890123456", "12345678901234567", "1234567890123457"];
        let ix: IdIndex = IdIndex::new(long.len(), |k| long[k]);
        for (k, id) in long.iter().enumerate() {
            assert_eq!(ix.get(id), Some(k), "{id}");
        }
        assert_eq!(ix.get("12345678901234"), None);
        let ix: IdIndex<std::hash::BuildHasherDefault<Same>> =
            IdIndex::new(long.len(), |k| long[k]);
        for (k, id) in long.iter().enumerate() {
            assert_eq!(ix.get(id), Some(k), "{id}, colliding");
        }
        assert_eq!(ix.get("12345678901234567890"), None);
        let plain: IdIndex = IdIndex::new(ids.len(), |k| ids[k]);
        assert_eq!((plain.get("1.2"), plain.get("9.9")), (Some(1), None));
        assert!(plain.repeats, "1.1 and 1.2 are given twice");
        assert!(!IdIndex::<RandomState>::new(long.len(), |k| long[k]).repeats);
    }

    /// A position given as a hint is taken where the id is there and no id repeats, and
    /// otherwise the id is looked up: the answer is always `target_index`'s.
    #[test]
    fn a_position_near_an_id_finds_what_the_lookup_finds() {
        let p = IndexedPlan::new(plan());
        for (k, t) in p.targets.iter().enumerate() {
            for guess in [k, k + 1, 0, usize::MAX] {
                assert_eq!(p.target_index_near(guess, &t.id), p.target_index(&t.id));
            }
        }
        for (i, item) in p.items.iter().enumerate() {
            assert_eq!(p.item_index_near(i + 1, &item.id), Some(i));
            assert_eq!(p.item_index_near(i, &item.id), Some(i));
        }
        let mut twice = plan();
        let again = twice.targets[0].clone();
        twice.targets.push(again);
        let p = IndexedPlan::new(twice);
        let last = p.targets.len() - 1;
        assert_eq!(
            p.target_index_near(last, &p.targets[last].id),
            Some(0),
            "the first of a repeated id"
        );
    }

    #[test]
    fn the_board_compares_and_shows_its_plan() {
        let a = Board::fresh(plan());
        assert_eq!(a, a.clone());
        assert_eq!(*a.plan, plan());
        assert_eq!(format!("{:?}", a.plan), format!("{:?}", plan()));
        assert_eq!(a.plan.clone().into_plan(), plan());
    }
}
