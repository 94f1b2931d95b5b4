//! The update log as evidence: every entry carries the hash of the one before it, so an
//! entry edited, removed, reordered or inserted anywhere but at the end breaks the chain
//! from that point on (`check` and `restore` verify it). The first entry links to a hash of
//! the plan's id, so entries cannot move between plans. The hash is SHA-256 of the entry's
//! bincode encoding (its `prev` included); `check` prints the head hash, which an office
//! can note down (in the monthly report, say) to notice a rewritten history later.

use super::{Update, UpdateRef};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// A SHA-256 hash of a log entry; hexadecimal in JSON.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LogHash(pub [u8; 32]);

impl std::fmt::Debug for LogHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LogHash({self})")
    }
}

impl std::fmt::Display for LogHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl std::str::FromStr for LogHash {
    type Err = &'static str;

    fn from_str(s: &str) -> Result<LogHash, Self::Err> {
        let bytes = s.as_bytes();
        if bytes.len() != 64 {
            return Err("a log hash is 64 hexadecimal digits");
        }
        let mut out = [0u8; 32];
        for (k, pair) in bytes.chunks(2).enumerate() {
            let text = std::str::from_utf8(pair).map_err(|_| "not hexadecimal")?;
            out[k] = u8::from_str_radix(text, 16).map_err(|_| "not hexadecimal")?;
        }
        Ok(LogHash(out))
    }
}

impl Serialize for LogHash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() { s.collect_str(self) } else { self.0.serialize(s) }
    }
}

impl<'de> Deserialize<'de> for LogHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LogHash, D::Error> {
        if d.is_human_readable() {
            let s = String::deserialize(d)?;
            s.parse().map_err(serde::de::Error::custom)
        } else {
            Ok(LogHash(<[u8; 32]>::deserialize(d)?))
        }
    }
}

/// What the first entry of a plan's log links to.
pub fn genesis(plan_id: &str) -> LogHash {
    let mut h = Sha256::new();
    h.update(b"yaodian log of plan\0");
    h.update(plan_id.as_bytes());
    LogHash(h.finalize().into())
}

/// The hash of an entry, as the next entry's `prev` holds it.
pub fn hash(entry: &Update) -> LogHash {
    digest(entry)
}

/// [`hash`] of an entry read in place (the same bytes, so the same hash).
pub fn hash_ref(entry: &UpdateRef<'_>) -> LogHash {
    digest(entry)
}

fn digest(entry: &impl Serialize) -> LogHash {
    // bincode of plain data cannot fail; an empty body would only make a chain nobody
    // could verify, never a wrong "verified"
    let body = crate::core::store::codec::body(entry).unwrap_or_default();
    LogHash(Sha256::digest(&body).into())
}

/// What the entry at `k` (0-based) of a log should link to: the hash of the one before, or
/// the plan's genesis hash for the first.
pub fn expected_prev(plan_id: &str, log: &[Update], k: usize) -> LogHash {
    match k.checked_sub(1) {
        Some(before) => hash(&log[before]),
        None => genesis(plan_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Change;

    fn entry(seq: u64, prev: Option<LogHash>) -> Update {
        Update {
            seq,
            at: 1_700_000_000_000 + seq as i64,
            user: "wang".into(),
            uid: 1000,
            change: Change::Value { target: "13.1".into(), old: 0.0, new: seq as f64 },
            note: String::new(),
            undoes: None,
            prev,
        }
    }

    #[test]
    fn hashes_link_and_read_back_from_json() {
        let first = entry(1, Some(genesis("2023")));
        let second = entry(2, Some(hash(&first)));
        assert_eq!(expected_prev("2023", &[first.clone(), second.clone()], 1), hash(&first));
        assert_ne!(genesis("2023"), genesis("2024"));
        let mut edited = first.clone();
        edited.user = "li".into();
        assert_ne!(hash(&edited), hash(&first), "an edit changes the hash");
        let json = serde_json::to_string(&second).expect("json");
        assert!(json.contains(&format!("\"prev\":\"{}\"", hash(&first))), "{json}");
        let back: Update = serde_json::from_str(&json).expect("back");
        assert_eq!(back, second);
        assert!("zz".parse::<LogHash>().is_err());
    }
}
