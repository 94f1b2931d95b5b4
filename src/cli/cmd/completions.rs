//! `yaodian completions bash|zsh|fish`: clap_complete's script for the shell, completing
//! subcommands and options, plus a small layer that completes the values the database holds
//! (target and item ids, department names, plan ids) by calling `yaodian complete KIND
//! PREFIX`. Which arguments those are comes from the clap definitions: every argument whose
//! value name is one of [`names`] (`<TARGET>`, `<ITEM>`, `<ID>`, `<DEPT>`, `<PLAN>`).

use crate::cli::args::{Cli, Completing, Shell, names};
use anyhow::{Result, anyhow};
use clap::{Arg, CommandFactory, ValueEnum};
use std::io::Write;

/// `yaodian completions SHELL`.
pub fn run(shell: Shell, out: &mut impl Write) -> Result<()> {
    out.write_all(script(shell)?.as_bytes())?;
    Ok(())
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Result<String> {
    let mut cmd = visible(Cli::command());
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut buf = Vec::new();
    clap_complete::generate(generator, &mut cmd, BIN, &mut buf);
    let generated = String::from_utf8(buf)?;
    // `generate` has built the command: the global options are in every subcommand now.
    let table = Table::of(&cmd);
    match shell {
        Shell::Bash => Ok(format!("{generated}\n{}", bash(&table))),
        Shell::Zsh => zsh(&generated, &table),
        Shell::Fish => Ok(format!("{generated}\n{}", fish(&table))),
    }
}

const BIN: &str = "yaodian";

/// The command line as the shell offers it: clap_complete lists hidden subcommands too, so
/// the root is rebuilt from its arguments and visible subcommands (`complete` is for the
/// scripts only).
fn visible(full: clap::Command) -> clap::Command {
    let mut cmd = clap::Command::new(BIN)
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    if let Some(version) = full.get_version() {
        cmd = cmd.version(version.to_string());
    }
    cmd
}

/// What the dynamic layer needs to know of the command line, for each shell's syntax.
struct Table {
    /// Every option that takes a value (its value is not a positional argument).
    value_options: Vec<String>,
    /// For each kind, the places it is completed at: `set:1` (the first positional of
    /// `set`), `status:--dept` (the value of `status --dept`), `*:--plan` (a global option,
    /// anywhere).
    places: Vec<(String, Vec<String>)>,
    /// The options whose value is completed from the database somewhere (`--dept`).
    dynamic_options: Vec<String>,
}

impl Table {
    fn of(root: &clap::Command) -> Table {
        let mut value_options: Vec<String> = Vec::new();
        let mut places: Vec<(String, Vec<String>)> = Vec::new();
        let mut dynamic_options: Vec<String> = Vec::new();
        let commands = std::iter::once(("", root))
            .chain(root.get_subcommands().filter(|c| !c.is_hide_set()).map(|c| (c.get_name(), c)));
        for (name, cmd) in commands {
            let mut position = 0;
            for arg in cmd.get_arguments().filter(|a| a.get_action().takes_values()) {
                // A global option is the same everywhere: one place, `*:--plan`, from the root.
                let name = match (arg.is_global_set(), name) {
                    (true, "") => "*",
                    (true, _) => continue,
                    (false, name) => name,
                };
                let at: Vec<String> = if arg.is_positional() {
                    position += 1;
                    vec![format!("{name}:{position}")]
                } else {
                    let flags = flags(arg);
                    for flag in &flags {
                        if !value_options.contains(flag) {
                            value_options.push(flag.clone());
                        }
                    }
                    flags.iter().map(|f| format!("{name}:{f}")).collect()
                };
                if let Some(kind) = kind_of(arg) {
                    let kind = kind_name(kind);
                    for flag in flags(arg) {
                        if !dynamic_options.contains(&flag) {
                            dynamic_options.push(flag);
                        }
                    }
                    match places.iter_mut().find(|(k, _)| *k == kind) {
                        Some((_, list)) => list.extend(at),
                        None => places.push((kind, at)),
                    }
                }
            }
        }
        Table { value_options, places, dynamic_options }
    }

    /// A `case` body (bash and zsh share the syntax) setting REPLY to the kind completed at
    /// "$1:$2".
    fn case_arms(&self) -> String {
        let mut arms = String::new();
        for (kind, at) in &self.places {
            arms.push_str(&format!("        ({}) REPLY={kind} ;;\n", at.join("|")));
        }
        arms.push_str("        (*) REPLY= ;;\n");
        arms
    }
}

/// `--long` and `-s` of an option.
fn flags(arg: &Arg) -> Vec<String> {
    let long = arg.get_long().map(|l| format!("--{l}"));
    let short = arg.get_short().map(|s| format!("-{s}"));
    long.into_iter().chain(short).collect()
}

/// The kind of database value an argument takes, by its value name.
fn kind_of(arg: &Arg) -> Option<Completing> {
    let name = arg.get_value_names()?.first()?.as_str();
    Some(match name {
        names::TARGET => Completing::Targets,
        names::ITEM => Completing::Items,
        names::TARGET_OR_ITEM => Completing::Ids,
        names::DEPT => Completing::Departments,
        names::PLAN => Completing::Plans,
        _ => return None,
    })
}

/// The kind as `yaodian complete` takes it.
fn kind_name(kind: Completing) -> String {
    kind.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}

/// The bash layer: `_yaodian_values` finds what is being completed and asks `yaodian
/// complete`, or hands over to clap_complete's `_yaodian`.
fn bash(table: &Table) -> String {
    format!(
        r#"# Values the database holds (target and item ids, departments, plans) come from
# `yaodian complete KIND PREFIX`, for the arguments named so; the rest is _yaodian above.
_yaodian_kind() {{
    case "$1:$2" in
{arms}    esac
}}

_yaodian_values() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} w sub= skip= n=0 i REPLY=
    local -a db=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${{COMP_WORDS[i]}}
        [[ $w == = ]] && continue # --option=value: bash splits the word at '='
        if [[ -n $skip ]]; then
            case $skip in --db | --plan) db+=("$skip" "$w") ;; esac
            skip=
            continue
        fi
        case $w in
            ({options}) skip=$w ;;
            (-*) ;;
            (*) if [[ -z $sub ]]; then sub=$w; else n=$((n + 1)); fi ;;
        esac
    done
    if [[ -n $skip ]]; then
        _yaodian_kind "$sub" "$skip"
    elif [[ -n $sub && $cur != -* ]]; then
        _yaodian_kind "$sub" $((n + 1))
    fi
    if [[ -z $REPLY || $cur == = ]]; then
        _yaodian "$@"
        return
    fi
    local bin=yaodian
    [[ ${{COMP_WORDS[0]}} == */* ]] && bin=${{COMP_WORDS[0]}}
    mapfile -t COMPREPLY < <("$bin" "${{db[@]}}" complete "$REPLY" -- "${{cur//\\/}}" 2>/dev/null)
    # No file names instead; quote what the shell would expand (the ** of redactions).
    compopt +o default +o bashdefault 2>/dev/null
    [[ $REPLY == departments ]] && compopt -o filenames 2>/dev/null
    return 0
}}

if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _yaodian_values -o nosort -o bashdefault -o default {BIN}
else
    complete -F _yaodian_values -o bashdefault -o default {BIN}
fi
"#,
        arms = table.case_arms(),
        options = table.value_options.join(" | "),
    )
}

/// clap_complete's zsh script ends by running or registering `_yaodian`; that function is
/// kept as `_yaodian_clap` and a `_yaodian` that completes database values first takes its
/// place.
fn zsh(generated: &str, table: &Table) -> Result<String> {
    const DISPATCH: &str = "if [ \"$funcstack[1]\" = \"_yaodian\" ]; then";
    let (body, _) = generated
        .rsplit_once(DISPATCH)
        .ok_or_else(|| anyhow!("clap_complete's zsh script no longer ends as expected"))?;
    Ok(format!(
        r#"{body}# Values the database holds (target and item ids, departments, plans) come from
# `yaodian complete KIND PREFIX`, for the arguments named so; the rest is clap's function.
functions[_yaodian_clap]=$functions[_yaodian]

_yaodian_kind() {{
    case "$1:$2" in
{arms}    esac
}}

_yaodian() {{
    local cur=${{words[CURRENT]}} w sub= skip= n=0 i REPLY=
    local -a db
    for (( i = 2; i < CURRENT; i++ )); do
        w=${{words[i]}}
        if [[ -n $skip ]]; then
            case $skip in (--db|--plan) db+=($skip $w) ;; esac
            skip=
            continue
        fi
        case $w in
            ({options}) skip=$w ;;
            (--db=*|--plan=*) db+=($w) ;;
            (-*) ;;
            (*) if [[ -z $sub ]]; then sub=$w; else (( n += 1 )); fi ;;
        esac
    done
    if [[ -n $skip ]]; then
        _yaodian_kind "$sub" "$skip"
    elif [[ -n $sub && $cur != -* ]]; then
        _yaodian_kind "$sub" $(( n + 1 ))
    fi
    if [[ -z $REPLY ]]; then
        _yaodian_clap "$@"
        return
    fi
    local bin=yaodian
    [[ ${{words[1]}} == */* ]] && bin=${{words[1]}}
    local -a values expl
    values=(${{(f)"$($bin $db complete $REPLY -- ${{(Q)cur}} 2>/dev/null)"}})
    _wanted -V $REPLY expl $REPLY compadd -a values
}}

if [ "$funcstack[1]" = "_yaodian" ]; then
    _yaodian "$@"
else
    compdef _yaodian {BIN}
fi
"#,
        arms = table.case_arms(),
        options = table.value_options.join("|"),
    ))
}

/// The fish layer: a completion, active where a database value is expected, listing
/// `yaodian complete`'s answer.
fn fish(table: &Table) -> String {
    let mut cases = String::new();
    for (kind, at) in &table.places {
        let patterns: Vec<String> = at.iter().map(|p| format!("'{p}'")).collect();
        cases.push_str(&format!("        case {}\n            echo {kind}\n", patterns.join(" ")));
    }
    // An option's value is completed only by entries for that option that take a value.
    let mut option_values = String::new();
    for flag in &table.dynamic_options {
        let spec = match flag.strip_prefix("--") {
            Some(long) => format!("-l {long}"),
            None => format!("-s {}", flag.trim_start_matches('-')),
        };
        option_values.push_str(&format!(
            "complete -c {BIN} -n '__fish_yaodian_where >/dev/null' {spec} -x -k \
             -a '(__fish_yaodian_values)'\n"
        ));
    }
    format!(
        r#"# Values the database holds (target and item ids, departments, plans) come from
# `yaodian complete KIND PREFIX`, for the arguments named so.
function __fish_yaodian_kind
    switch "$argv[1]:$argv[2]"
{cases}    end
end

# Prints the kind of value completed at the cursor (none: nothing), then --db/--plan as given.
function __fish_yaodian_where
    set -l words (commandline -opc)
    set -l sub
    set -l skip
    set -l n 0
    set -l db
    for i in (seq 2 (count $words))
        set -l w $words[$i]
        if test -n "$skip"
            contains -- $skip --db --plan; and set -a db $skip $w
            set skip
            continue
        end
        switch $w
            case {options}
                set skip $w
            case '--db=*' '--plan=*'
                set -a db $w
            case '-*'
            case '*'
                if test -z "$sub"
                    set sub $w
                else
                    set n (math $n + 1)
                end
        end
    end
    set -l kind
    if test -n "$skip"
        set kind (__fish_yaodian_kind "$sub" $skip)
    else if test -n "$sub"; and not string match -q -- '-*' (commandline -ct)
        set kind (__fish_yaodian_kind "$sub" (math $n + 1))
    end
    test -n "$kind"; or return 1
    printf '%s\n' $kind $db
end

function __fish_yaodian_values
    set -l where (__fish_yaodian_where); or return
    set -l bin {BIN}
    set -l words (commandline -opc)
    string match -q -- '*/*' $words[1]; and set bin $words[1]
    $bin $where[2..-1] complete $where[1] -- (commandline -ct) 2>/dev/null
end

complete -c {BIN} -n '__fish_yaodian_where >/dev/null' -f -k -a '(__fish_yaodian_values)'
{option_values}"#,
        options = table.value_options.join(" "),
        option_values = option_values,
    )
}
