//! `import`: a plan from a UTF-8 text file, with a summary and the importer's diagnostics.

use crate::cli::args::ImportArgs;
use crate::cli::{Context, human};
use crate::core::identity::Actor;
use crate::core::import::{self, ImportOptions};
use anyhow::{Context as _, Result, anyhow};
use std::io::Write;

/// `yaodian import FILE`.
pub fn run(ctx: &Context, args: &ImportArgs, out: &mut impl Write) -> Result<()> {
    let file = &args.file;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{}: not UTF-8 text (save the plan as UTF-8)", file.display()))?;
    let options = ImportOptions { year: args.year, id: args.id.clone() };
    let imported =
        import::parse(&text, &options).with_context(|| format!("importing {}", file.display()))?;
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
