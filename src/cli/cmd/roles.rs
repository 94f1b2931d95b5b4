//! `grant`, `revoke` and `roles`: who may edit what.

use crate::cli::CliError;
use crate::cli::Context;
use crate::cli::args::GrantArgs;
use crate::core::identity::Actor;
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
    let store = ctx.open(false)?;
    store.grant(&args.user, &grant, &Actor::current())?;
    writeln!(out, "{}: {}", args.user, words::grant(&grant, ctx.lang))?;
    Ok(())
}

/// `yaodian revoke USER`.
pub fn revoke(ctx: &Context, user: &str, out: &mut impl Write) -> Result<()> {
    let store = ctx.open(false)?;
    if !store.revoke(user, &Actor::current())? {
        return Err(CliError::NoRole { user: user.to_string() }.into());
    }
    writeln!(out, "{user}: {}", words::REVOKED.get(ctx.lang))?;
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
        writeln!(out, "{user}: {}", words::grant(&grant, ctx.lang))?;
    }
    Ok(())
}
