//! The README says why each dependency is there: its table names exactly the crates of
//! Cargo.toml's [dependencies] and [dev-dependencies] (dev ones marked `dev:`), each with a
//! reason.

use std::collections::BTreeSet;

/// The crate names of one `[section]` of Cargo.toml.
fn manifest_section(manifest: &str, section: &str) -> BTreeSet<String> {
    let header = format!("[{section}]");
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('=').next())
        .map(|name| name.trim().to_string())
        .collect()
}

/// The rows of the README's dependency table: (dev?, crate names, why).
fn readme_rows(readme: &str) -> Vec<(bool, Vec<String>, String)> {
    let table = readme
        .split("## Why each dependency is here")
        .nth(1)
        .expect("README has a \"Why each dependency is here\" section");
    let mut rows = Vec::new();
    for line in table.lines().skip_while(|l| !l.starts_with('|')).take_while(|l| l.starts_with('|'))
    {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let [crates, why] = cells[..] else { panic!("a row of two cells: {line}") };
        if crates == "crate" || crates.starts_with("---") {
            continue;
        }
        let dev = crates.starts_with("dev:");
        // The names are the backticked words outside parentheses, which say how they are
        // used (`(=4.6.0, exact)`, `(with `wrap_help`)`).
        let mut bare = String::new();
        let mut depth = 0usize;
        for c in crates.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                c if depth == 0 => bare.push(c),
                _ => {}
            }
        }
        let names = bare
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|name| name.split_whitespace().next().unwrap_or(name).to_string())
            .collect();
        rows.push((dev, names, why.to_string()));
    }
    rows
}

#[test]
fn the_dependency_table_names_every_crate_of_cargo_toml_with_a_reason() {
    let manifest = include_str!("../Cargo.toml");
    let readme = include_str!("../README.md");
    let rows = readme_rows(readme);
    for (dev, table_side, section) in
        [(false, "runtime", "dependencies"), (true, "dev", "dev-dependencies")]
    {
        let listed: BTreeSet<String> =
            rows.iter().filter(|r| r.0 == dev).flat_map(|r| r.1.iter().cloned()).collect();
        let declared = manifest_section(manifest, section);
        assert!(!declared.is_empty(), "no [{section}] in Cargo.toml");
        assert_eq!(listed, declared, "README's {table_side} rows vs Cargo.toml [{section}]");
    }
    for (_, names, why) in &rows {
        assert!(why.split_whitespace().count() >= 2, "{names:?}: say why ({why:?})");
    }
}
