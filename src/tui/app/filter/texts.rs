//! The plan's texts prepared for search once per board, and the tests a search makes of
//! them: each distinct text (a plan repeats its department names, theme titles and many
//! target names) tested at most once per query.

use super::PlanText;
use crate::core::model::IndexedPlan;
use crate::core::search::{Query, TextId, Texts};
use std::collections::HashMap;

/// A plan's titles, department names and target names, prepared for matching
/// ([`Texts`]), each distinct text once.
#[derive(Debug, Clone, Default)]
pub struct PlanTexts {
    texts: Texts,
    /// Per theme (position): its title.
    themes: Vec<TextId>,
    /// Per item: its title, and its theme's title (none when its theme is not in the plan).
    items: Vec<(TextId, Option<TextId>)>,
    /// Per item: where its departments' names start in `depts`, and one more at the end.
    dept_at: Vec<usize>,
    depts: Vec<TextId>,
    /// Per target: its name.
    targets: Vec<TextId>,
}

impl PlanTexts {
    pub fn new(plan: &IndexedPlan) -> PlanTexts {
        let mut texts = Texts::default();
        let mut seen: HashMap<&str, TextId> = HashMap::new();
        let mut id = |s| *seen.entry(s).or_insert_with(|| texts.add(s));
        let themes: Vec<TextId> = plan.themes.iter().map(|t| id(&t.title)).collect();
        let mut items = Vec::with_capacity(plan.items.len());
        let mut dept_at = Vec::with_capacity(plan.items.len() + 1);
        let mut depts = Vec::new();
        for item in &plan.items {
            let theme = plan.theme_index(item.theme).map(|i| themes[i]);
            items.push((id(&item.title), theme));
            dept_at.push(depts.len());
            depts.extend(item.departments.iter().map(|d| id(&d.name)));
        }
        dept_at.push(depts.len());
        let targets = plan.targets.iter().map(|t| id(&t.name)).collect();
        PlanTexts { texts, themes, items, dept_at, depts, targets }
    }

    /// Whether these are `plan`'s texts: a board read again mostly holds the same plan, and
    /// comparing is much cheaper than preparing.
    pub fn fits(&self, plan: &IndexedPlan) -> bool {
        let same = |id: TextId, s: &str| self.texts.text(id) == s;
        self.themes.len() == plan.themes.len()
            && self.items.len() == plan.items.len()
            && self.targets.len() == plan.targets.len()
            && self.themes.iter().zip(&plan.themes).all(|(&id, t)| same(id, &t.title))
            && self.items.iter().zip(&plan.items).enumerate().all(|(k, (&(id, theme), item))| {
                let names = &self.depts[self.dept_at[k]..self.dept_at[k + 1]];
                same(id, &item.title)
                    && theme == plan.theme_index(item.theme).map(|i| self.themes[i])
                    && names.len() == item.departments.len()
                    && names.iter().zip(&item.departments).all(|(&id, d)| same(id, &d.name))
            })
            && self.targets.iter().zip(&plan.targets).all(|(&id, t)| same(id, &t.name))
    }

    /// How many distinct texts there are.
    pub fn distinct(&self) -> usize {
        self.texts.len()
    }

    fn id(&self, text: PlanText) -> Option<TextId> {
        match text {
            PlanText::Theme(i) => self.themes.get(i).copied(),
            PlanText::ItemTheme(k) => self.items.get(k).and_then(|&(_, theme)| theme),
            PlanText::Item(k) => self.items.get(k).map(|&(title, _)| title),
            PlanText::Dept(k, d) => {
                let at = self.dept_at.get(k)? + d;
                (at < *self.dept_at.get(k + 1)?).then(|| self.depts[at])
            }
            PlanText::Target(t) => self.targets.get(t).copied(),
        }
    }

    /// Whether `q` matches `text`, remembered in `memo` (per distinct text: 0 not tested
    /// yet, 1 no, 2 yes; as long as [`PlanTexts::distinct`], cleared for each query).
    pub fn matches(&self, q: &Query, text: PlanText, memo: &mut [u8]) -> bool {
        let Some(id) = self.id(text) else { return false };
        match memo.get(id.index()) {
            Some(1) => false,
            Some(2) => true,
            _ => {
                let hit = q.matches(&self.texts, id);
                if let Some(m) = memo.get_mut(id.index()) {
                    *m = 1 + u8::from(hit);
                }
                hit
            }
        }
    }
}
