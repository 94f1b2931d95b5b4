//! `config`: show or remember a setting in the settings file.

use crate::cli::Context;
use crate::i18n::cli as words;
use crate::settings;
use anyhow::Result;
use std::io::Write;

/// `yaodian config [KEY [VALUE]]`: everything, one key, or remember a value.
pub fn run(
    ctx: &Context,
    key: Option<&str>,
    value: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    let mut saved = ctx.settings.clone();
    match (key, value) {
        (Some(key), Some(value)) => {
            saved.set(key, value)?;
            let path = saved.save()?;
            writeln!(out, "{key} = {value}  ({})", path.display())?;
        }
        (Some(key), None) => {
            if !settings::KEYS.iter().any(|(k, _)| *k == key) {
                return Err(settings::SettingsError::Unknown(key.to_string()).into());
            }
            let text = saved.render();
            let line = text.lines().find(|l| l.split('=').next().map(str::trim) == Some(key));
            writeln!(out, "{}", line.unwrap_or(words::NOT_SET.get(ctx.lang)))?;
        }
        _ => {
            let path = settings::path().map(|p| p.display().to_string()).unwrap_or_default();
            write!(out, "# {path}\n{}", saved.render())?;
            for (k, what) in settings::KEYS {
                writeln!(out, "#   {k}: {}", what.get(ctx.lang))?;
            }
        }
    }
    Ok(())
}
