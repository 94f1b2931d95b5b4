//! What the board's first frame shows, read without reading the board (issue 13): the
//! themes' and the plan's roll-ups from the theme tallies (what `status` reads), the first
//! theme's items with their roll-ups from the item tallies (found through the roster, which
//! lists the items in plan order), and the targets of that theme's first row — its own
//! (`t1.1` …) or its first item's. A few hundred small reads at any plan size; the whole
//! board is read afterwards, off the screen's thread.

use super::lookup::Lookup;
use super::schema::TARGETS;
use super::{Store, StoreError};
use crate::core::model::{Board, Target};
use crate::core::pace::Rollup;
use chrono::NaiveDate;

/// A part of the board and the roll-ups of all of it.
#[derive(Debug, Clone)]
pub struct FirstScreen {
    /// The plan's structure above its items, its first theme's items and the first row's
    /// targets, with their states.
    pub board: Board,
    /// Parallel to `board.plan.items`: each one's roll-up, from its tally.
    pub items: Vec<Rollup>,
    /// Parallel to `board.plan.themes`: each theme's roll-up, from its tally.
    pub themes: Vec<Rollup>,
    /// The plan's.
    pub overall: Rollup,
    /// How many targets the whole plan has.
    pub targets: usize,
    /// Parallel to `board.plan.items`: the item has targets (most are not read), so that
    /// an item judged by hand can be marked stale (久未更新) on the first frame.
    pub has_targets: Vec<bool>,
}

impl Store {
    /// The first screen of plan `plan_id` on `as_of`; `None` when the plan has no stored
    /// tallies or roster up to date (a file an older build wrote: read the board instead).
    pub fn first_screen(
        &self,
        plan_id: &str,
        as_of: NaiveDate,
    ) -> Result<Option<FirstScreen>, StoreError> {
        let Some(glance) = self.glance(plan_id, as_of)? else { return Ok(None) };
        let Some((_, roster)) = self.roster(plan_id)? else { return Ok(None) };
        let mut plan = glance.plan;
        let Some(first) = plan.themes.first().map(|t| t.number) else { return Ok(None) };
        let mut item_states = Vec::new();
        let mut has_targets = Vec::new();
        {
            let txn = self.read_txn()?;
            let table = txn.open_table(TARGETS)?;
            for r in &roster.items {
                // a roster naming an item that is gone is out of date: the long way
                let Some(rec) = txn.item_rec(plan_id, &r.id)? else { return Ok(None) };
                if rec.item.theme != first {
                    break;
                }
                // one seek, nothing decoded: an item's targets are `<item>.<n>`
                let (lo, hi) = (format!("{}.", r.id), format!("{}/", r.id));
                has_targets.push(
                    table.range((plan_id, lo.as_str())..(plan_id, hi.as_str()))?.next().is_some(),
                );
                plan.items.push(rec.item);
                item_states.push(rec.state);
            }
        }
        let own = |t: &Target| t.item.is_none() && t.theme == first;
        let mut targets = self.targets_under(plan_id, &format!("t{first}"), own)?;
        if targets.is_empty()
            && let Some(item) = plan.items.first()
        {
            targets = self.item_targets(plan_id, &item.id)?;
        }
        let ids: Vec<&str> = plan.items.iter().map(|i| i.id.as_str()).collect();
        let items = self.item_rollups(plan_id, plan.start, &ids, as_of)?;
        let items = items.into_iter().map(Option::unwrap_or_default).collect();
        let (defs, states) = targets.into_iter().unzip();
        plan.targets = defs;
        let board = Board::new(plan, states, item_states, glance.counter);
        let size = usize::try_from(glance.brief.targets).unwrap_or(usize::MAX);
        let (themes, overall) = (glance.themes, glance.overall);
        Ok(Some(FirstScreen { board, items, themes, overall, targets: size, has_targets }))
    }
}
