//! Which items a department filter keeps. One rule for every view: the command line's
//! `--dept` (`status`, `targets`, `log`, `export`), the board's `d` filter and the ledger
//! its `E` writes. An item is kept when one of its departments, lead or support, matches.

use crate::core::model::{Item, Plan};
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
#[error("no department {name:?} in this plan (departments: {})", known.join("、"))]
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
    fn an_unknown_department_names_the_known_ones() {
        let err = by_query(&plan(), Some("财务")).expect_err("unknown");
        assert_eq!(err.known, ["办公室", "竞技体育科", "群众**科"]);
        assert_eq!(
            err.to_string(),
            "no department \"财务\" in this plan (departments: 办公室、竞技体育科、群众**科)"
        );
    }
}
