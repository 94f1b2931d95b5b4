//! redb trusts the pages of a file that was shut down cleanly and panics on some damage
//! found later while reading. Such a panic is a fact about the file, not a bug of ours: this
//! hook recognises panics raised inside redb, keeps their message instead of printing it, and
//! lets the caller (one `catch_unwind` at the top of the program) report one clear line.

use std::sync::Mutex;

static DAMAGE: Mutex<Option<String>> = Mutex::new(None);

/// Installs the hook, chained in front of the current one (which still prints every other
/// panic, so our own bugs stay loud).
pub fn install_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_redb = info.location().is_some_and(|l| is_redb_source(l.file()));
        if in_redb {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unreadable page".to_string());
            if let Ok(mut slot) = DAMAGE.lock() {
                *slot = Some(msg);
            }
        } else {
            previous(info);
        }
    }));
}

fn is_redb_source(file: &str) -> bool {
    file.contains("/redb-") || file.contains("\\redb-")
}

/// The message of a panic raised inside redb since the last call, if any.
pub fn take() -> Option<String> {
    DAMAGE.lock().ok().and_then(|mut slot| slot.take())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_redb_sources() {
        assert!(is_redb_source(
            "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/redb-4.6.0/src/tree_store/btree_base.rs"
        ));
        assert!(!is_redb_source("src/core/store.rs"));
    }
}
