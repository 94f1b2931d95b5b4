//! `yaodian man [DIR]`: the man pages, from the clap definitions (clap_mangen) and a few
//! hand-written sections: yaodian(1), with pace and status, files, environment, exit codes
//! and examples, and yaodian-COMMAND(1) for each command.

use crate::cli::args;
use crate::cli::{CliError, topics, version};
use crate::i18n::cli as words;
use crate::lang::Lang;
use anyhow::{Context as _, Result};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

/// `yaodian man`: yaodian(1) on standard output; with a directory, every page into it.
pub fn run(dir: Option<&Path>, lang: Lang, out: &mut impl Write) -> Result<()> {
    let pages = pages()?;
    let Some(dir) = dir else {
        let (_, main) = pages.first().context("no man page")?;
        out.write_all(main)?;
        return Ok(());
    };
    std::fs::create_dir_all(dir)
        .map_err(|source| CliError::Write { path: dir.to_path_buf(), source })?;
    for (name, page) in &pages {
        let path = dir.join(name);
        std::fs::write(&path, page).map_err(|source| CliError::Write { path, source })?;
    }
    let (dir, count) = (dir.display(), pages.len());
    writeln!(out, "{}", words::MAN_PAGES.fill(lang, &[("dir", &dir), ("count", &count)]))?;
    Ok(())
}

/// Every page as (file name, roff): yaodian.1 first, then yaodian-COMMAND.1.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    // `help` has no page of its own: each command's page is its help.
    let mut root =
        args::command().disable_help_subcommand(true).subcommand_help_heading("COMMANDS");
    root.build();
    let mut pages = vec![("yaodian.1".to_string(), main_page(&root)?)];
    for sub in root.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_long_about().or(sub.get_about()).map(|s| s.to_string());
        let (man, mut page) = head(sub, &about.unwrap_or_default())?;
        man.render_options_section(&mut page)?;
        let mut roff = Roff::new();
        if let Some(after) = sub.get_after_help() {
            after_help(&mut roff, &after.to_string());
        }
        roff.control("SH", ["SEE ALSO"]);
        roff.text([bold("yaodian"), roman("(1)")]);
        roff.to_writer(&mut page)?;
        pages.push((man.get_filename(), page));
    }
    Ok(pages)
}

const MANUAL: &str = "yaodian manual";

/// The footer's source: the program and its version, on every page.
fn source() -> String {
    format!("yaodian {}", env!("CARGO_PKG_VERSION"))
}

/// yaodian(1): clap's name, synopsis, options and command list around the hand-written
/// sections.
fn main_page(root: &clap::Command) -> Result<Vec<u8>> {
    let (man, mut page) = head(root, DESCRIPTION)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    let mut roff = Roff::new();
    for (title, text) in [
        ("PACE AND STATUS", topics::PACE.split_once("\n\n").map_or(topics::PACE, |(_, rest)| rest)),
        ("FILES", FILES),
        ("ENVIRONMENT", ENVIRONMENT),
        ("EXIT STATUS", EXIT_STATUS),
        ("EXAMPLES", EXAMPLES),
        ("SEE ALSO", SEE_ALSO),
    ] {
        roff.control("SH", [title]);
        prose(&mut roff, text);
    }
    roff.control("SH", ["VERSION"]);
    prose(&mut roff, &format!("yaodian {}", version::long()).replace('\n', "\n\n"));
    roff.to_writer(&mut page)?;
    Ok(page)
}

/// A page's title, name, synopsis (clap's) and description (`description` as [`prose`]).
fn head(cmd: &clap::Command, description: &str) -> Result<(Man, Vec<u8>)> {
    let man = Man::new(cmd.clone()).manual(MANUAL).source(source());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    let mut roff = Roff::new();
    roff.control("SH", ["DESCRIPTION"]);
    prose(&mut roff, description);
    roff.to_writer(&mut page)?;
    Ok((man, page))
}

/// Text in paragraphs: a paragraph whose lines are all indented keeps its lines (formulas,
/// tables, commands); a term followed by indented lines is a tagged paragraph (FILES,
/// ENVIRONMENT); any other is filled.
fn prose(roff: &mut Roff, text: &str) {
    for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let lines: Vec<&str> = para.lines().collect();
        let indented = |l: &&str| l.starts_with("  ");
        if let [term, body @ ..] = lines.as_slice()
            && !body.is_empty()
            && !indented(term)
            && body.iter().all(indented)
        {
            roff.control("TP", []).text([bold(*term)]);
            roff.text([roman(body.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "))]);
        } else if lines.iter().all(indented) {
            let indent = lines.iter().map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
            roff.control("PP", []).control("RS", ["4"]).control("nf", []);
            for line in lines {
                roff.text([roman(&line[indent..])]);
            }
            roff.control("fi", []).control("RE", []);
        } else {
            roff.control("PP", []);
            roff.text([roman(lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "))]);
        }
    }
}

/// A command's after-help: its examples as an EXAMPLES section, the rest as NOTES.
fn after_help(roff: &mut Roff, text: &str) {
    for para in text.split("\n\n") {
        match para.split_once('\n') {
            Some((head, rest)) if head.starts_with("Example") => {
                roff.control("SH", ["EXAMPLES"]);
                prose(roff, rest);
            }
            _ => {
                roff.control("SH", ["NOTES"]);
                prose(roff, para);
            }
        }
    }
}

const DESCRIPTION: &str = "\
yaodian turns a government annual work plan (工作要点) into a live progress board shared by
the staff of a bureau: themes (一、), sections （一）, numbered items owned by departments
（责任科室：…） and the measurable targets inside them, each with its value against the
expected pace (序时进度).

With no command, yaodian opens the board (a TUI) on the database, importing the bundled 2023
plan on first use. Several operators may have it open on one shared file at once; every
change is one short, durable write, and every open board shows it within half a second.
Press ? on the board for its keys.

The commands below serve quick checks, login lines and scripts. Target ids are short and
stable: 13.2 is the second target of item 13; where item numbers restart under each theme,
ids are qualified by the theme (2.1.1); targets stated by a theme heading are t4.1. Output
is for people unless --json is given. Each command has its own page, yaodian-COMMAND(1), and
its own --help.";

const FILES: &str = "\
~/.local/share/yaodian/yaodian.redb
  The personal database ($XDG_DATA_HOME/yaodian/yaodian.redb), created 0600 on first use.

~/.config/yaodian/settings
  Remembered settings ($XDG_CONFIG_HOME/yaodian/settings): ascii, lang, db (yaodian config).

/srv/yaodian/yaodian.redb
  A shared database, by the convention of yaodian init --shared /srv/yaodian --group GROUP:
  the directory setgid 2770, the file 0660, nothing for others.

/etc/profile.d/yaodian.sh
  Installed by the Debian package, all commented out: uncomment its export of YAODIAN_DB to
  point every login shell at the shared database.

$TMPDIR/yaodian-demo-PID.redb
  The throwaway database of yaodian demo, removed when the board closes.";

const ENVIRONMENT: &str = "\
YAODIAN_DB
  The database file when --db is not given; it overrides the db setting.

XDG_DATA_HOME, XDG_CONFIG_HOME, HOME
  Where the personal database and the settings file live (see FILES).

LC_ALL, LC_MESSAGES, LANG
  The interface language: the first one set decides; English unless it names a Chinese
  locale (zh_*) or C/POSIX, which give Chinese. --lang and the lang setting override it.

NO_COLOR
  When set and not empty, the board draws no colours (status words carry the meaning).

YAODIAN_EXPORT_DIR
  Where the board's E writes the ledger (default: the current directory).

TMPDIR
  Where yaodian demo puts its throwaway database.";

const EXIT_STATUS: &str = "  0    success.
  1    an error, said in one line on standard error; nothing was changed.
  2    a malformed command line; clap says what is wrong, with the usage.
  101  a bug in yaodian (an internal panic); please report it.";

const EXAMPLES: &str = "  yaodian                                       # the board
  yaodian status                                # the board at a glance
  yaodian set 13.1 64 --note \"莱山区新增6处\"    # record a value
  yaodian add 13.1 6                            # add to it
  yaodian log 13.1                              # its history
  yaodian export --format xlsx -o 台账.xlsx     # the monthly ledger
  yaodian init --shared /srv/yaodian --group tiyu # a shared database
  export YAODIAN_DB=/srv/yaodian/yaodian.redb   # for every later command
  yaodian grant wang --dept 群众**科            # wang edits that department
  yaodian backup /srv/backup/yaodian-$(date +%F).redb";

const SEE_ALSO: &str = "\
yaodian-COMMAND(1) for each command; yaodian help pace; the README of the source, which also
says how to install yaodian on a server.";
