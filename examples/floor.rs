//! The floor a command cannot go under (BENCHMARKS.md, issue 13): a process that opens a
//! database read-only and reads one record (the change counter), with redb alone and
//! nothing of yaodian. `benches/scaling.sh` times it beside `yaodian status`.
//!
//!   cargo build --release --example floor && target/release/examples/floor FILE.redb

use redb::{Builder, ConcurrencyMode, ReadableDatabase, TableDefinition};

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).ok_or("usage: floor FILE.redb")?;
    // opened as a command that looks opens it (store/open.rs): shared by several processes,
    // a 2 MiB page cache (allocated as pages are read, so one record costs the same)
    let mut builder = Builder::new();
    builder.set_concurrency_mode(ConcurrencyMode::MultiWriter);
    builder.set_cache_size(2 * 1024 * 1024);
    let db = builder.open_read_only(path)?;
    let txn = db.begin_read()?;
    let meta = txn.open_table(META)?;
    let counter = meta.get("counter")?.map(|v| v.value().len()).unwrap_or(0);
    println!("{counter}");
    Ok(())
}
