//! What `yaodian --version` says: the program's version and the versions of the database
//! file it reads and writes. Processes of two versions sharing one file is the first thing to
//! rule out on a server, so these are printed, not just the crate version.

use crate::core::store::schema::SCHEMA_VERSION;

/// The redb release this build is linked with. Cargo.toml pins it exactly (`=4.6.0`, checked
/// by a test below): every process sharing a file must speak the same multi-process lock
/// protocol (another one is refused with "another redb lock protocol") and write the same
/// file format, and redb does not promise either across minor releases. Upgrading it is a
/// deliberate change that every operator's binary makes at once.
pub const REDB_VERSION: &str = "4.6.0";

/// redb's on-disk file format: the version byte of each commit slot in the file's header.
/// redb 4.6 keeps it private (`FILE_FORMAT_VERSION3`); a test reads it from a new file.
pub const REDB_FILE_FORMAT: u8 = 3;

/// The generation of redb's multi-process lock protocol: redb 4.6 holds the first byte of its
/// `PROTOCOL_GENERATION_BYTES` range (crate-private, in `db.rs`), and takes the next byte
/// with each change an older release cannot follow. Not observable in the file; it moves
/// only with [`REDB_VERSION`].
pub const REDB_LOCK_PROTOCOL: u8 = 1;

/// The text of `yaodian --version` after the program's name.
pub fn long() -> String {
    format!(
        "{}\ndatabase: schema {SCHEMA_VERSION}, redb {REDB_VERSION} (file format \
         {REDB_FILE_FORMAT}, lock protocol generation {REDB_LOCK_PROTOCOL})",
        env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::store::{OpenOptions, Store};

    #[test]
    fn the_redb_version_is_the_one_cargo_toml_pins() {
        let manifest = include_str!("../../Cargo.toml");
        let pin = format!("redb = \"={REDB_VERSION}\"");
        assert!(manifest.lines().any(|l| l.trim() == pin), "Cargo.toml does not pin {pin}");
        let lock = include_str!("../../Cargo.lock");
        let locked = format!("name = \"redb\"\nversion = \"{REDB_VERSION}\"");
        assert!(lock.contains(&locked), "Cargo.lock does not hold redb {REDB_VERSION}");
    }

    #[test]
    fn a_new_database_has_the_file_format_we_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v.redb");
        drop(Store::open(&path, OpenOptions::default()).expect("create"));
        let bytes = std::fs::read(&path).expect("read");
        // redb's header: magic (9 bytes), the god byte (bit 0: which commit slot is
        // primary), then two 128-byte commit slots at 64 and 192, each starting with its
        // file format version.
        let primary = if bytes[9] & 1 == 0 { 64 } else { 192 };
        assert_eq!(bytes[primary], REDB_FILE_FORMAT);
    }

    #[test]
    fn the_version_names_the_schema_and_redb() {
        let text = long();
        assert!(text.starts_with(env!("CARGO_PKG_VERSION")), "{text}");
        assert!(text.contains(&format!("schema {SCHEMA_VERSION}")), "{text}");
        assert!(text.contains("redb 4.6.0 (file format 3"), "{text}");
    }
}
