//! `grant`, `revoke` and `roles`: who may edit what.

use crate::cli::Context;
use crate::cli::args::GrantArgs;
use crate::core::identity::Actor;
use crate::core::safe_text::escape;
use crate::core::store::roles::Grant;
use crate::i18n::cli as words;
use anyhow::Result;
use std::io::Write;

/// `yaodian grant USER --admin | --dept NAME… | --viewer`.
pub fn grant(ctx: &Context, args: &GrantArgs, out: &mut impl Write) -> Result<()> {
    let grant = if args.admin {
        Grant::Admin
    } else if args.viewer {
        Grant::Viewer
    } else {
        Grant::Editor(args.dept.iter().map(|d| d.trim().to_string()).collect())
    };
    let actor = Actor::current();
    // Refuse from a read-only handle first: a refused grant leaves the file untouched.
    ctx.open_for_checking()?.0.preflight_grant(&actor)?;
    let store = ctx.open(false)?;
    store.grant(&args.user, &grant, &actor)?;
    writeln!(out, "{}: {}", escape(&args.user), escape(&words::grant(&grant, ctx.lang)))?;
    Ok(())
}

/// `yaodian revoke USER`.
pub fn revoke(ctx: &Context, user: &str, out: &mut impl Write) -> Result<()> {
    let actor = Actor::current();
    ctx.open_for_checking()?.0.preflight_revoke(user, &actor)?;
    let store = ctx.open(false)?;
    store.revoke(user, &actor)?;
    writeln!(out, "{}: {}", escape(user), words::REVOKED.get(ctx.lang))?;
    Ok(())
}

/// `yaodian roles`.
pub fn list(ctx: &Context, out: &mut impl Write) -> Result<()> {
    let store = ctx.open_readonly()?;
    let grants = store.grants()?;
    if grants.is_empty() {
        writeln!(out, "{}", words::NO_ROLES.get(ctx.lang))?;
    }
    for (user, grant) in grants {
        writeln!(out, "{}: {}", escape(&user), escape(&words::grant(&grant, ctx.lang)))?;
    }
    Ok(())
}
