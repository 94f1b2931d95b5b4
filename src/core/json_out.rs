//! JSON written as it is made: a long list goes out element by element, byte for byte as
//! `serde_json::to_writer_pretty` writes the whole tree, so commands and exports stream with
//! memory flat in the length of what they write.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::io::Write;

/// A list serialized from an iterator made when it is written: its elements exist one at a
/// time.
pub struct Lazy<F>(pub F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// An object: `fields` with `key: lazy` among them where `json!` would place it (serde_json's
/// map keeps keys sorted), so the streamed output is the one the whole tree would print.
pub struct With<L> {
    pub fields: Value,
    pub key: &'static str,
    pub lazy: L,
}

impl<L: Serialize> Serialize for With<L> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let empty = serde_json::Map::new();
        let fields = self.fields.as_object().unwrap_or(&empty);
        let mut map = s.serialize_map(Some(fields.len() + 1))?;
        let mut placed = false;
        for (k, v) in fields {
            if !placed && k.as_str() > self.key {
                map.serialize_entry(self.key, &self.lazy)?;
                placed = true;
            }
            map.serialize_entry(k, v)?;
        }
        if !placed {
            map.serialize_entry(self.key, &self.lazy)?;
        }
        map.end()
    }
}

/// A JSON array written one element at a time, byte for byte as `to_writer_pretty`
/// and a newline write the whole array (pretty, two-space indent, a newline at the end): a long list streams with flat
/// memory and its first element is out before the last is read.
#[derive(Default)]
pub struct ArrayOut {
    n: usize,
    buf: Vec<u8>,
}

impl ArrayOut {
    pub fn push(&mut self, out: &mut impl Write, v: &impl Serialize) -> std::io::Result<()> {
        out.write_all(if self.n == 0 { b"[\n  " } else { b",\n  " })?;
        self.buf.clear();
        crate::core::safe_text::to_writer_pretty(&mut self.buf, v)?;
        // one level deeper: JSON strings escape their newlines, so every raw one is layout
        for (k, line) in self.buf.split(|&b| b == b'\n').enumerate() {
            if k > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line)?;
        }
        self.n += 1;
        Ok(())
    }

    /// Closes the array (`[]` when nothing was pushed).
    pub fn finish(self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(if self.n == 0 { b"[]\n" } else { b"\n]\n" })
    }
}
