//! Remembered settings: `$XDG_CONFIG_HOME/yaodian/settings` (else `~/.config/yaodian/`),
//! plain `key = value` lines. They are merged in one place, `default ← file ← command line`,
//! and `yaodian config KEY VALUE` writes them, so a terminal that draws box symbols two cells
//! wide needs `--ascii` only once.

use crate::lang::Lang;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;

/// The settings a user may remember.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub ascii: Option<bool>,
    pub lang: Option<Lang>,
    pub db: Option<PathBuf>,
}

/// Keys `config` accepts, with what they mean.
pub const KEYS: [(&str, &str); 3] = [
    ("ascii", "true | false: draw borders and gauges with ASCII only"),
    ("lang", "zh | en: the language of the interface"),
    ("db", "PATH: the database used when neither --db nor YAODIAN_DB is given"),
];

/// Where the settings file lives.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(base.join("yaodian").join("settings"))
}

fn validate_bool(v: &str) -> Result<bool> {
    match v.trim() {
        "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        other => bail!("{other:?} is not true or false"),
    }
}

fn validate_lang(v: &str) -> Result<Lang> {
    Lang::parse(v.trim()).with_context(|| format!("{:?} is not zh or en", v.trim()))
}

fn validate_db(v: &str) -> Result<PathBuf> {
    let v = v.trim();
    if v.is_empty() {
        bail!("the database path is empty");
    }
    Ok(PathBuf::from(v))
}

impl Settings {
    /// Sets one key from text, validating it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        match key {
            "ascii" => self.ascii = Some(validate_bool(value)?),
            "lang" => self.lang = Some(validate_lang(value)?),
            "db" => self.db = Some(validate_db(value)?),
            other => bail!("unknown setting {other:?} (known: ascii, lang, db)"),
        }
        Ok(())
    }

    /// Parses the file's text; a bad line is an error naming its line number.
    pub fn parse(text: &str) -> Result<Settings> {
        let mut s = Settings::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                bail!("line {}: expected key = value", n + 1);
            };
            s.set(k.trim(), v).with_context(|| format!("line {}", n + 1))?;
        }
        Ok(s)
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::from("# yaodian settings (yaodian config KEY VALUE)\n");
        if let Some(a) = self.ascii {
            out.push_str(&format!("ascii = {a}\n"));
        }
        if let Some(l) = self.lang {
            out.push_str(&format!("lang = {}\n", if l == Lang::En { "en" } else { "zh" }));
        }
        if let Some(d) = &self.db {
            out.push_str(&format!("db = {}\n", d.display()));
        }
        out
    }

    /// Reads the settings file; a missing file is no settings.
    pub fn load() -> Result<Settings> {
        let Some(path) = path() else { return Ok(Settings::default()) };
        match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text).with_context(|| format!("{}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Writes the settings file (creating its directory).
    pub fn save(&self) -> Result<PathBuf> {
        let path = path().context("neither XDG_CONFIG_HOME nor HOME is set")?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&path, self.render())
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_validation() {
        let s = Settings::parse("# c\nascii = on\nlang=en\n db = /srv/y.redb \n").expect("parse");
        assert_eq!(s.ascii, Some(true));
        assert_eq!(s.lang, Some(Lang::En));
        assert_eq!(s.db, Some(PathBuf::from("/srv/y.redb")));
        assert_eq!(Settings::parse(&s.render()).expect("again"), s);
        for bad in ["ascii = maybe", "lang = fr", "colour = red", "just words", "db = "] {
            assert!(Settings::parse(bad).is_err(), "{bad}");
        }
        let err = Settings::parse("\nlang = fr").expect_err("bad");
        assert!(format!("{err:#}").contains("line 2"), "{err:#}");
    }
}
