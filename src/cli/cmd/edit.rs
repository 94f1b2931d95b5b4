//! `set`, `add`, `done`, `note` and `undo`: one edit each, one write transaction.

use crate::cli::CliError;
use crate::cli::{Context, human};
use crate::core::edit::Edit;
use crate::core::identity::Actor;
use crate::core::model::parse_number;
use anyhow::Result;
use std::io::Write;

/// `yaodian set ID VALUE`.
pub fn set(ctx: &Context, id: &str, value: &str, note: &str, out: &mut impl Write) -> Result<()> {
    let value = number_arg(value)?;
    apply(ctx, Edit::Set { target: id.to_string(), value }, note, out)
}

/// `yaodian add ID DELTA`.
pub fn add(ctx: &Context, id: &str, delta: &str, note: &str, out: &mut impl Write) -> Result<()> {
    let delta = number_arg(delta)?;
    apply(ctx, Edit::Add { target: id.to_string(), delta }, note, out)
}

/// `yaodian done ID`.
pub fn done(ctx: &Context, id: &str, note: &str, out: &mut impl Write) -> Result<()> {
    apply(ctx, Edit::Done { target: id.to_string() }, note, out)
}

/// `yaodian note ITEM TEXT`.
pub fn note(ctx: &Context, item: &str, text: &str, out: &mut impl Write) -> Result<()> {
    apply(ctx, Edit::Note { item: item.to_string(), text: text.to_string() }, "", out)
}

/// `yaodian undo`.
pub fn undo(ctx: &Context, out: &mut impl Write) -> Result<()> {
    apply(ctx, Edit::Undo, "", out)
}

fn number_arg(text: &str) -> Result<f64> {
    Ok(parse_number(text)
        .map_err(|reason| CliError::NotANumber { text: text.to_string(), reason })?)
}

/// Checks an edit on a read-only handle, then applies it and prints the receipt.
pub(super) fn apply(ctx: &Context, edit: Edit, note: &str, out: &mut impl Write) -> Result<()> {
    // Refuse bad input from a read-only handle: a refused edit leaves the file untouched,
    // and so does one that changes nothing.
    let actor = Actor::current();
    let (look, plan) = ctx.open_for_checking()?;
    if !look.preflight(&plan, &edit, &actor)? {
        human::unchanged(out, &look.board(&plan)?, &edit, ctx.lang)?;
        return Ok(());
    }
    drop(look);
    let store = ctx.open(false)?;
    match store.apply(&plan, &edit, note, &actor)? {
        Some(update) => {
            let board = store.board_with(&plan, &[update.change.subject()])?;
            human::applied(out, &board, &update, ctx.lang)?;
        }
        // Someone else made the same change in between.
        None => human::unchanged(out, &store.board(&plan)?, &edit, ctx.lang)?,
    }
    Ok(())
}
