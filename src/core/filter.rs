//! Which items a department filter keeps. One rule for every view: the command line's
//! `--dept` (`status`, `targets`, `log`, `export`), the board's `d` filter and the ledger
//! its `E` writes. An item is kept when one of its departments, lead or support, matches.

use crate::core::model::{IndexedPlan, Item, Plan};
use thiserror::Error;

/// A department filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departments<'a> {
    /// Every item.
    All,
    /// Items one of these departments leads or supports (exact names: the board's choice,
    /// a user's granted departments).
    Named(&'a [String]),
    /// Items a department whose name contains this text leads or supports, as typed on the
    /// command line (`--dept 群众` finds 群众**科).
    Containing(&'a str),
}

/// A `--dept` that matches no item of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("no department {name:?} in this plan (departments: {})", known.join(", "))]
pub struct UnknownDepartment {
    pub name: String,
    /// Every department the plan names, sorted, once each.
    pub known: Vec<String>,
}

impl Departments<'_> {
    /// Whether the filter keeps this item.
    pub fn keeps(&self, item: &Item) -> bool {
        match self {
            Departments::All => true,
            Departments::Named(names) => item.departments.iter().any(|d| names.contains(&d.name)),
            Departments::Containing(part) => item.departments.iter().any(|d| d.name.contains(part)),
        }
    }

    /// Which items the filter keeps, parallel to the plan's items.
    pub fn keep(&self, plan: &Plan) -> Vec<bool> {
        plan.items.iter().map(|i| self.keeps(i)).collect()
    }
}

/// The items kept by a `--dept` as typed (surrounding blanks ignored; none keeps all). A
/// department that no item names is an error listing the plan's departments, rather than an
/// empty report that looks like a plan with nothing to do.
pub fn by_query(plan: &Plan, query: Option<&str>) -> Result<Vec<bool>, UnknownDepartment> {
    let Some(name) = query.map(str::trim) else {
        return Ok(Departments::All.keep(plan));
    };
    let keep = Departments::Containing(name).keep(plan);
    if keep.contains(&true) {
        return Ok(keep);
    }
    Err(UnknownDepartment { name: name.to_string(), known: department_names(&plan.items) })
}

/// The departments these items name, lead or support, sorted, each once.
pub fn department_names<'a>(items: impl IntoIterator<Item = &'a Item>) -> Vec<String> {
    let mut known: Vec<String> =
        items.into_iter().flat_map(|i| i.departments.iter().map(|d| d.name.clone())).collect();
    known.sort_unstable();
    known.dedup();
    known
}

/// Every department the plan names, lead or support, once each, in order of first
/// appearance (the order the board's `d` cycles through them).
pub fn departments(plan: &Plan) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for d in plan.items.iter().flat_map(|i| &i.departments) {
        if seen.insert(d.name.as_str()) {
            out.push(d.name.clone());
        }
    }
    out
}

/// Which targets a filter keeping `keep` keeps, parallel to the plan's targets: those of
/// kept items; the targets a theme heading states belong to no department, so only when
/// every item is kept.
pub fn kept_targets(plan: &IndexedPlan, keep: &[bool]) -> Vec<bool> {
    let whole = keep.iter().all(|&k| k);
    (0..plan.targets.len()).map(|k| plan.target_item(k).map_or(whole, |i| keep[i])).collect()
}

/// Each department the kept items name (lead or support), in the order the plan first
/// names them, with the kept items it leads or supports — the items its filter keeps — in
/// plan order; then the kept items that name no department. One pass over the items.
pub fn by_department(plan: &Plan, keep: &[bool]) -> (Vec<(String, Vec<usize>)>, Vec<usize>) {
    let mut named: Vec<(String, Vec<usize>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut none = Vec::new();
    for (k, item) in plan.items.iter().enumerate().filter(|&(k, _)| keep[k]) {
        if item.departments.is_empty() {
            none.push(k);
        }
        for d in &item.departments {
            let g = *at.entry(d.name.as_str()).or_insert_with(|| {
                named.push((d.name.clone(), Vec::new()));
                named.len() - 1
            });
            if named[g].1.last() != Some(&k) {
                named[g].1.push(k);
            }
        }
    }
    (named, none)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Department, Role};

    fn plan() -> Plan {
        let mut plan = crate::core::store::tests::sample_plan();
        let dept = |name: &str, role| Department { name: name.into(), role };
        plan.items[0].departments =
            vec![dept("群众**科", Role::Lead), dept("办公室", Role::Support)];
        plan.items[1].departments = vec![dept("竞技体育科", Role::Lead)];
        plan
    }

    #[test]
    fn named_departments_match_exactly_lead_or_support() {
        let plan = plan();
        let office = ["办公室".to_string()];
        assert_eq!(Departments::Named(&office).keep(&plan), [true, false]);
        assert_eq!(Departments::Named(&["办公".to_string()]).keep(&plan), [false, false]);
        assert_eq!(Departments::Named(&[]).keep(&plan), [false, false]);
        assert_eq!(Departments::All.keep(&plan), [true, true]);
    }

    #[test]
    fn a_query_needs_only_a_part_of_the_name() {
        let plan = plan();
        assert_eq!(by_query(&plan, Some(" 群众 ")), Ok(vec![true, false]));
        assert_eq!(by_query(&plan, Some("竞技体育科")), Ok(vec![false, true]));
        assert_eq!(by_query(&plan, None), Ok(vec![true, true]));
    }

    #[test]
    fn departments_once_each_in_plan_order() {
        let mut plan = plan();
        plan.items[1].departments.push(Department { name: "办公室".into(), role: Role::Lead });
        assert_eq!(departments(&plan), ["群众**科", "办公室", "竞技体育科"]);
    }

    #[test]
    fn departments_have_the_items_their_filter_keeps() {
        let plan = plan();
        let (named, none) = by_department(&plan, &[true, true]);
        for (name, items) in &named {
            let keep = Departments::Named(std::slice::from_ref(name)).keep(&plan);
            let kept: Vec<usize> = (0..keep.len()).filter(|&k| keep[k]).collect();
            assert_eq!(*items, kept, "{name}");
        }
        let names: Vec<&str> = named.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["群众**科", "办公室", "竞技体育科"]);
        assert!(none.is_empty());
        let (named, _) = by_department(&plan, &[false, true]);
        assert_eq!(named, [("竞技体育科".to_string(), vec![1])]);
    }

    #[test]
    fn an_unknown_department_names_the_known_ones() {
        let err = by_query(&plan(), Some("财务")).expect_err("unknown");
        assert_eq!(err.known, ["办公室", "竞技体育科", "群众**科"]);
        assert_eq!(
            err.to_string(),
            "no department \"财务\" in this plan (departments: 办公室, 竞技体育科, 群众**科)"
        );
    }
}
