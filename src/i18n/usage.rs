//! A malformed command line in Chinese: clap's own message (what is wrong, "did you mean",
//! the usage) worded from the error's kind and context. In English clap prints its own.

use super::{Lang, catalogue};
use clap::error::{ContextKind, ContextValue, ErrorKind};

catalogue! {
    ERROR: "错误：{what}", "error: {what}";
    UNKNOWN_COMMAND: "没有“{name}”这个命令", "unrecognized subcommand '{name}'";
    UNKNOWN_OPTION: "没有“{name}”这个选项或参数", "unexpected argument '{name}' found";
    BAD_CHOICE: "{arg} 不接受“{value}”（可用：{choices}）",
        "invalid value '{value}' for '{arg}' (possible values: {choices})";
    BAD_VALUE: "{arg} 的值“{value}”无效{why}", "invalid value '{value}' for '{arg}'{why}";
    /// Why a value is invalid, when the option says (a date, a language).
    NOT_A_DATE: "：日期应写成 YYYY-MM-DD", ": a date is written YYYY-MM-DD";
    NOT_A_LANG: "：可用 zh 或 en", ": zh or en";
    MISSING: "缺少必需的参数：{args}", "the following required arguments were not provided: {args}";
    CONFLICT: "{arg} 不能与 {other} 一起用", "the argument '{arg}' cannot be used with '{other}'";
    NO_VALUE: "{arg} 需要一个值", "a value is required for '{arg}' but none was supplied";
    TOO_MANY: "多余的参数“{value}”", "unexpected value '{value}'";
    MALFORMED: "命令行有误", "the command line is malformed";
    DID_YOU_MEAN: "  提示：是不是要用 {suggestion}？", "  tip: a similar one exists: '{suggestion}'";
    USAGE: "用法：{usage}", "Usage: {usage}";
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => {
            Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        }
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The whole message for a malformed command line in `lang`, or `None` where clap's own
/// output is the answer (help, version, and every message in English).
pub fn clap_error(e: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let get = |k| text(e, k).unwrap_or_default();
    let arg = match e.kind() {
        ErrorKind::InvalidSubcommand => get(ContextKind::InvalidSubcommand),
        _ => get(ContextKind::InvalidArg),
    };
    let value = get(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => UNKNOWN_COMMAND.fill(lang, &[("name", &arg)]),
        ErrorKind::UnknownArgument => UNKNOWN_OPTION.fill(lang, &[("name", &arg)]),
        ErrorKind::InvalidValue if !value.is_empty() => {
            let choices = get(ContextKind::ValidValue);
            BAD_CHOICE.fill(lang, &[("arg", &arg), ("value", &value), ("choices", &choices)])
        }
        ErrorKind::InvalidValue => NO_VALUE.fill(lang, &[("arg", &arg)]),
        ErrorKind::ValueValidation => {
            let why = if arg.starts_with("--lang") {
                NOT_A_LANG.get(lang)
            } else if arg.contains("DATE")
                || arg.starts_with("--today")
                || arg.starts_with("--as-of")
            {
                NOT_A_DATE.get(lang)
            } else {
                ""
            };
            BAD_VALUE.fill(lang, &[("arg", &arg), ("value", &value), ("why", &why)])
        }
        ErrorKind::MissingRequiredArgument => MISSING.fill(lang, &[("args", &arg)]),
        ErrorKind::ArgumentConflict => {
            let other = get(ContextKind::PriorArg);
            CONFLICT.fill(lang, &[("arg", &arg), ("other", &other)])
        }
        ErrorKind::TooManyValues => TOO_MANY.fill(lang, &[("value", &value)]),
        _ => MALFORMED.get(lang).to_string(),
    };
    let mut out = ERROR.fill(lang, &[("what", &what)]);
    let suggestion =
        text(e, ContextKind::SuggestedSubcommand).or_else(|| text(e, ContextKind::SuggestedArg));
    if let Some(s) = suggestion {
        out.push('\n');
        out.push_str(&DID_YOU_MEAN.fill(lang, &[("suggestion", &s)]));
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str("\n\n");
        out.push_str(&USAGE.fill(lang, &[("usage", &usage)]));
    }
    out.push_str("\n\n");
    out.push_str(super::cli::TRY_HELP.get(lang));
    Some(out)
}
