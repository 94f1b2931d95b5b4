//! Remembered settings: `$XDG_CONFIG_HOME/yaodian/settings` (else `~/.config/yaodian/`),
//! plain `key = value` lines. They are merged in one place, `default ← file ← command line`,
//! and `yaodian config KEY VALUE` writes them, so a terminal that draws box symbols two cells
//! wide needs `--ascii` only once.

use crate::i18n::{Tr, cli as words};
use crate::lang::Lang;
use std::path::PathBuf;
use thiserror::Error;

/// Why a setting or the settings file cannot be used (worded by `i18n::errors::settings`).
#[derive(Debug, Error)]
pub enum SettingsError {
    #[error("{0:?} is not true or false")]
    NotBool(String),
    #[error("{0:?} is not zh or en")]
    NotLang(String),
    #[error("the database path is empty")]
    EmptyDb,
    #[error("unknown setting {0:?} (known: ascii, lang, db, mouse)")]
    Unknown(String),
    #[error("line {line}: expected key = value")]
    NotKeyValue { line: usize },
    #[error("line {line}: {source}")]
    AtLine { line: usize, source: Box<SettingsError> },
    #[error("neither XDG_CONFIG_HOME nor HOME is set")]
    NoHome,
    #[error("{path}: {source}")]
    File { path: PathBuf, source: Box<SettingsError> },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

type Result<T> = std::result::Result<T, SettingsError>;

/// The settings a user may remember.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub ascii: Option<bool>,
    pub lang: Option<Lang>,
    pub db: Option<PathBuf>,
    /// False for users who select text with the mouse: the board leaves it to the terminal.
    pub mouse: Option<bool>,
}

/// Keys `config` accepts, with what they mean.
pub const KEYS: [(&str, Tr); 4] = [
    ("ascii", words::SETTING_ASCII),
    ("lang", words::SETTING_LANG),
    ("db", words::SETTING_DB),
    ("mouse", words::SETTING_MOUSE),
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
        other => Err(SettingsError::NotBool(other.to_string())),
    }
}

fn validate_lang(v: &str) -> Result<Lang> {
    Lang::parse(v.trim()).ok_or_else(|| SettingsError::NotLang(v.trim().to_string()))
}

fn validate_db(v: &str) -> Result<PathBuf> {
    let v = v.trim();
    if v.is_empty() {
        return Err(SettingsError::EmptyDb);
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
            "mouse" => self.mouse = Some(validate_bool(value)?),
            other => return Err(SettingsError::Unknown(other.to_string())),
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
                return Err(SettingsError::NotKeyValue { line: n + 1 });
            };
            s.set(k.trim(), v)
                .map_err(|e| SettingsError::AtLine { line: n + 1, source: Box::new(e) })?;
        }
        Ok(s)
    }

    /// The file's text.
    pub fn render(&self) -> String {
        let mut out = String::from("# yaodian config KEY VALUE\n");
        if let Some(a) = self.ascii {
            out.push_str(&format!("ascii = {a}\n"));
        }
        if let Some(l) = self.lang {
            out.push_str(&format!("lang = {}\n", l.code()));
        }
        if let Some(d) = &self.db {
            out.push_str(&format!("db = {}\n", d.display()));
        }
        if let Some(m) = self.mouse {
            out.push_str(&format!("mouse = {m}\n"));
        }
        out
    }

    /// Reads the settings file; a missing file is no settings.
    pub fn load() -> Result<Settings> {
        let Some(path) = path() else { return Ok(Settings::default()) };
        match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text)
                .map_err(|e| SettingsError::File { path: path.clone(), source: Box::new(e) }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(source) => Err(SettingsError::Io { path, source }),
        }
    }

    /// Writes the settings file (creating its directory).
    pub fn save(&self) -> Result<PathBuf> {
        let path = path().ok_or(SettingsError::NoHome)?;
        let io = |path: &std::path::Path| {
            let path = path.to_path_buf();
            move |source| SettingsError::Io { path, source }
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, self.render()).map_err(io(&path))?;
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
        assert_eq!(err.to_string(), "line 2: \"fr\" is not zh or en");
    }
}
