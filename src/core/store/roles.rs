//! Roles: admin, editor of given departments, viewer. Until the first grant everyone who can
//! open the file may edit (the single-user default); after it, every write is checked here.

use super::lookup::Lookup;
use super::schema::ROLES;
use super::{Attempt, Refusal, StoreError, enc};
use crate::core::identity::Actor;
use redb::WriteTransaction;
use serde::{Deserialize, Serialize};

/// What a user may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grant {
    /// Everything: values, notes, targets, plans, grants.
    Admin,
    /// Values and notes of items whose lead or support departments include one of these.
    Editor(Vec<String>),
    /// Reads only.
    Viewer,
}

impl std::fmt::Display for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Grant::Admin => f.write_str("admin"),
            Grant::Editor(d) => write!(f, "editor of {}", d.join("、")),
            Grant::Viewer => f.write_str("viewer"),
        }
    }
}

fn grant_of(txn: &impl Lookup, user: &str) -> Result<Option<Grant>, StoreError> {
    Ok(txn.grant_list()?.into_iter().find(|(u, _)| u == user).map(|(_, g)| g))
}

fn any_grant(txn: &impl Lookup) -> Result<bool, StoreError> {
    Ok(!txn.grant_list()?.is_empty())
}

/// Users holding a grant that satisfies `pred`, for "who may do it" messages.
fn holders(txn: &impl Lookup, pred: impl Fn(&Grant) -> bool) -> Result<Vec<String>, StoreError> {
    Ok(txn.grant_list()?.into_iter().filter(|(_, g)| pred(g)).map(|(u, _)| u).collect())
}

/// Requires admin rights once roles exist.
pub(super) fn require_admin(
    txn: &impl Lookup,
    actor: &Actor,
    attempt: Attempt,
) -> Result<(), StoreError> {
    if !any_grant(txn)? || grant_of(txn, &actor.user)? == Some(Grant::Admin) {
        return Ok(());
    }
    let may = holders(txn, |g| *g == Grant::Admin)?;
    Err(Refusal::Denied { user: actor.user.clone(), attempt, may }.into())
}

/// Requires the right to edit values and notes of `item` (or of a theme-level target).
pub(super) fn require_editor(
    txn: &impl Lookup,
    plan_id: &str,
    item: Option<&str>,
    actor: &Actor,
) -> Result<(), StoreError> {
    if !any_grant(txn)? {
        return Ok(());
    }
    let departments: Vec<String> = match item {
        Some(id) => txn
            .item_rec(plan_id, id)?
            .map(|rec| rec.item.departments.into_iter().map(|d| d.name).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let allowed = |g: &Grant| match g {
        Grant::Admin => true,
        Grant::Editor(ds) => ds.iter().any(|d| departments.contains(d)),
        Grant::Viewer => false,
    };
    if grant_of(txn, &actor.user)?.is_some_and(|g| allowed(&g)) {
        return Ok(());
    }
    let may = holders(txn, allowed)?;
    let attempt = match item {
        Some(id) => Attempt::EditItem { item: id.to_string(), departments },
        None => Attempt::EditThemeTarget,
    };
    Err(Refusal::Denied { user: actor.user.clone(), attempt, may }.into())
}

/// Whether `actor` may grant roles: anyone before the first grant, then admins only.
pub(super) fn may_grant(txn: &impl Lookup, actor: &Actor) -> Result<(), StoreError> {
    if any_grant(txn)? { require_admin(txn, actor, Attempt::GrantRoles) } else { Ok(()) }
}

/// Whether `actor` may revoke `user`'s role, and `user` has one to revoke.
pub(super) fn may_revoke(txn: &impl Lookup, user: &str, actor: &Actor) -> Result<(), StoreError> {
    require_admin(txn, actor, Attempt::RevokeRoles)?;
    match grant_of(txn, user)? {
        Some(_) => Ok(()),
        None => Err(Refusal::NoRole(user.to_string()).into()),
    }
}

pub(super) fn grant(
    txn: &WriteTransaction,
    user: &str,
    grant: &Grant,
    actor: &Actor,
) -> Result<(), StoreError> {
    may_grant(txn, actor)?;
    if !any_grant(txn)? && *grant != Grant::Admin && user != actor.user {
        // The first grant turns enforcement on: make sure someone can still administer.
        let mut table = txn.open_table(ROLES)?;
        table.insert(actor.user.as_str(), enc("roles", &Grant::Admin)?.as_slice())?;
    }
    let mut table = txn.open_table(ROLES)?;
    table.insert(user, enc("roles", grant)?.as_slice())?;
    Ok(())
}

pub(super) fn revoke(txn: &WriteTransaction, user: &str, actor: &Actor) -> Result<(), StoreError> {
    may_revoke(txn, user, actor)?;
    let mut table = txn.open_table(ROLES)?;
    table.remove(user)?;
    Ok(())
}
