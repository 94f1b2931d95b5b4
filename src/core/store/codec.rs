//! The one place values become bytes: a format-version byte, then bincode 2 (serde).
//!
//! The version byte lets a later release read records written by this one and migrate them;
//! a record with an unknown version is refused instead of misread.

use serde::{Serialize, de::DeserializeOwned};
use thiserror::Error;

/// Version of the value encoding written by this build.
pub const FORMAT_VERSION: u8 = 1;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum CodecError {
    #[error("empty record")]
    Empty,
    #[error("record format version {0} is newer than this build understands ({FORMAT_VERSION})")]
    NewerFormat(u8),
    #[error("record format version {0} is unknown")]
    UnknownFormat(u8),
    #[error("undecodable record: {0}")]
    Decode(String),
    #[error("unencodable record: {0}")]
    Encode(String),
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// Encodes a value behind the format-version byte.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = vec![FORMAT_VERSION];
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .map_err(|e| CodecError::Encode(e.to_string()))?;
    Ok(out)
}

/// Decodes a value written by [`encode`]; the whole record must be consumed.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    match version {
        FORMAT_VERSION => {
            let (value, used) = bincode::serde::decode_from_slice(body, config())
                .map_err(|e| CodecError::Decode(e.to_string()))?;
            if used == body.len() {
                Ok(value)
            } else {
                Err(CodecError::Decode(format!("{} trailing bytes", body.len() - used)))
            }
        }
        0 => Err(CodecError::UnknownFormat(0)),
        v => Err(CodecError::NewerFormat(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Change, Status, Target, TargetKind, Update};
    use proptest::prelude::*;

    #[test]
    fn version_byte_leads_and_newer_versions_are_refused() {
        let bytes = encode(&42u32).expect("encode");
        assert_eq!(bytes[0], FORMAT_VERSION);
        let mut newer = bytes.clone();
        newer[0] = FORMAT_VERSION + 1;
        assert_eq!(decode::<u32>(&newer), Err(CodecError::NewerFormat(FORMAT_VERSION + 1)));
        assert_eq!(decode::<u32>(&[]), Err(CodecError::Empty));
        assert!(matches!(decode::<String>(&[FORMAT_VERSION, 200]), Err(CodecError::Decode(_))));
    }

    #[test]
    fn trailing_bytes_are_an_error() {
        let mut bytes = encode(&7u8).expect("encode");
        bytes.push(0);
        assert!(matches!(decode::<u8>(&bytes), Err(CodecError::Decode(_))));
    }

    fn arb_target() -> impl Strategy<Value = Target> {
        (".{0,12}", any::<f64>(), ".{0,4}", proptest::option::of(1u32..400), 0usize..10_000)
            .prop_map(|(name, goal, unit, day, line)| Target {
                id: format!("{}.1", line % 30),
                item: Some((line % 30).to_string()),
                theme: 1,
                kind: TargetKind::Quantity,
                name,
                goal,
                unit,
                due: day.and_then(|d| chrono::NaiveDate::from_yo_opt(2023, d.min(365))),
                parent: None,
                source: String::new(),
                line,
            })
    }

    proptest! {
        #[test]
        fn updates_round_trip(at in any::<i64>(), user in ".{0,16}", old in any::<f64>(),
                              new in any::<f64>(), note in ".{0,40}", seq in any::<u64>()) {
            let u = Update { seq, at, user, uid: 1000,
                change: Change::Value { target: "13.1".into(), old, new }, note, undoes: None };
            let back: Update = decode(&encode(&u).expect("encode")).expect("decode");
            // NaN != NaN, so compare bit patterns through Debug
            prop_assert_eq!(format!("{back:?}"), format!("{u:?}"));
        }

        #[test]
        fn targets_round_trip(t in arb_target()) {
            let back: Target = decode(&encode(&t).expect("encode")).expect("decode");
            prop_assert_eq!(format!("{back:?}"), format!("{t:?}"));
        }

        #[test]
        fn statuses_round_trip(s in prop::sample::select(Status::ALL.to_vec())) {
            prop_assert_eq!(decode::<Status>(&encode(&s).expect("encode")).expect("decode"), s);
        }

        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode::<Update>(&bytes);
            let _ = decode::<Target>(&bytes);
        }
    }
}
