//! The language of the interface: Chinese or English, from `LANG`/`LC_ALL`, overridable.

/// Interface language. The plan data stays Chinese either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the language from `LC_ALL`, `LC_MESSAGES`, then `LANG`: `zh*` is Chinese, any
    /// other set locale English; unset (or `C`/`POSIX`) falls back to Chinese, the users'
    /// language.
    pub fn from_env() -> Lang {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty());
        Lang::from_locale(var.as_deref())
    }

    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            None => Lang::Zh,
            Some(l) if l.starts_with("zh") => Lang::Zh,
            Some(l) if l == "C" || l == "POSIX" || l.starts_with("C.") => Lang::Zh,
            Some(_) => Lang::En,
        }
    }

    /// Parses `--lang` values.
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "cn" | "zh_CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The name `--lang` and the settings file take: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Picks the string for this language (the board's words until they move to the
    /// catalogue; new words go to [`crate::i18n`]).
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_language() {
        assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale(None), Lang::Zh);
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
