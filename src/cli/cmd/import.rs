//! `import`: a plan from a file as offices keep it (text in any common encoding, .docx,
//! .xlsx), with a summary and the importer's diagnostics; `--dry-run` prints what it would
//! store and writes nothing.

use crate::cli::CliError;
use crate::cli::args::ImportArgs;
use crate::cli::{Context, dry_run, human};
use crate::core::identity::Actor;
use crate::core::import::{self, ImportOptions};
use anyhow::Result;
use std::io::Write;

/// `yaodian import FILE`.
pub fn run(ctx: &Context, args: &ImportArgs, out: &mut impl Write) -> Result<()> {
    let file = &args.file;
    let options = ImportOptions { year: args.year, id: args.id.clone() };
    let imported = import::read_path(file, &options)
        .map_err(|source| CliError::Import { path: file.clone(), source })?;
    if args.dry_run {
        return dry_run::print(out, &imported, ctx.lang);
    }
    let actor = Actor::current();
    // Refuse from a read-only handle first: a refused import leaves the file untouched.
    if ctx.db_exists()? {
        let look = ctx.open_readonly()?;
        look.preflight_import(&imported.plan, args.replace, &actor)?;
    }
    let store = ctx.open(true)?;
    let summary = store.import(&imported.plan, args.replace, &actor)?;
    human::import_summary(out, &imported, &summary, ctx.lang)?;
    Ok(())
}
