//! A reader's way past a stopped writer: a private copy of the file's last commit.
//!
//! While a writer holds redb's header lock (it syncs the file inside `begin_write`), every
//! open and every read transaction of every other process waits on it, with no timeout. The
//! file's last commit cannot change meanwhile — committing needs that lock — so a copy of
//! the bytes, opened and repaired privately, is a consistent snapshot of it. The copy is
//! checked against a commit landing while it is taken: redb rewrites the header on every
//! commit, so the header read before and after the copy must be the same bytes.

use super::open::{OpenOptions, temp_file_in};
use super::{Store, StoreError};
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The first page: redb's header and its two commit slots.
const HEADER: usize = 4096;
/// Copy in chunks of this size.
const CHUNK: usize = 1 << 20;

/// Opens a read-only store on a private copy of `source`'s last commit, shown as `path`.
pub(super) fn open_snapshot(source: &File, path: &Path) -> Result<Store, StoreError> {
    let io = |e: std::io::Error| StoreError::Io { path: path.to_path_buf(), source: e };
    let dir = std::env::temp_dir();
    let (copy_path, mut copy) = temp_file_in(&dir, "yaodian-snapshot").map_err(io)?;
    let result = (|| {
        for _ in 0..5 {
            let before = header(source).map_err(io)?;
            copy.set_len(0).map_err(io)?;
            copy_bytes(source, &copy).map_err(io)?;
            if header(source).map_err(io)? == before {
                copy.flush().map_err(io)?;
                let options = OpenOptions { create: false, readonly: true, mode: 0o600, pin: true };
                let mut store = Store::open(&copy_path, options)?;
                store.path = path.to_path_buf();
                store.mode = source_mode(source);
                store.snapshot = true;
                return Ok(store);
            }
        }
        Err(StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("the file kept changing while it was copied"),
        })
    })();
    // the open handle keeps the copy readable; its name goes at once
    let _ = std::fs::remove_file(&copy_path);
    let _ = &mut copy;
    result
}

fn header(file: &File) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; HEADER];
    let n = file.read_at(&mut buf, 0)?;
    buf.truncate(n);
    Ok(buf)
}

fn copy_bytes(from: &File, to: &File) -> std::io::Result<()> {
    let mut buf = vec![0u8; CHUNK];
    let mut at = 0u64;
    loop {
        let n = from.read_at(&mut buf, at)?;
        if n == 0 {
            return Ok(());
        }
        to.write_all_at(&buf[..n], at)?;
        at += n as u64;
    }
}

fn source_mode(file: &File) -> u32 {
    crate::core::secure_fs::mode_of(file.metadata())
}
