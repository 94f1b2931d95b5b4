//! The one place values become bytes: a format-version byte, then bincode 2 (serde).
//!
//! The version byte lets a later release read records written by this one and migrate them;
//! a record with an unknown version is refused instead of misread.
//!
//! Format history:
//! - 1: the first release.
//! - 2: `Target` gained `direction` and `measure` (at the end of the struct). bincode is not
//!   self-describing, so a format-1 record lacks those bytes: while a format-1 record is
//!   decoded, fields marked `deserialize_with = "since_format_2"` read nothing and take their
//!   default.
//! - 3: `Measure` gained `relative` and `TargetState` gained `first` (each at the end of its
//!   struct); while a format-1 or format-2 record is decoded, fields marked
//!   `deserialize_with = "since_format_3"` read nothing and take their default.
//! - 4: `Update` gained `prev`, the hash of the log entry before it (the hash chain, see
//!   `model::log_chain`); an entry of formats 1–3 reads `None` (`since_format_4`), the
//!   unchained prefix of an older database.
//! - 5: `TargetState` gained `since` (the day a target added by hand was added) and
//!   `Tally` gained `since_pace` (the pace weights of such targets), each at the end of its
//!   struct; records of formats 1–4 read them as `None` / empty (`since_format_5`). The log
//!   entries are unchanged, so the hash chain of an older log still verifies. Every record
//!   is written as format 5.

use crate::core::model::{ChangeRef, LogHash, Millis, UpdateRef};
use serde::{Deserialize, Deserializer, Serialize, de::DeserializeOwned};
use std::cell::Cell;
use thiserror::Error;

/// Version of the value encoding written by this build.
pub const FORMAT_VERSION: u8 = 5;

thread_local! {
    /// The format of the record being decoded on this thread (0 when none is).
    static DECODING: Cell<u8> = const { Cell::new(0) };
}

/// Sets the format being decoded for as long as it lives (also through a panic).
struct Decoding(u8);

impl Decoding {
    fn start(version: u8) -> Decoding {
        Decoding(DECODING.with(|d| d.replace(version)))
    }
}

impl Drop for Decoding {
    fn drop(&mut self) {
        DECODING.with(|d| d.set(self.0));
    }
}

/// For fields added in format 2: a format-1 record has no bytes for them, so they take their
/// default; any other input (a later format, JSON) reads them as usual.
pub fn since_format_2<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    since(2, deserializer)
}

/// For fields added in format 3: records of formats 1 and 2 have no bytes for them.
pub fn since_format_3<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    since(3, deserializer)
}

/// A field added in format `added` reads its default while an older record is decoded
/// (`DECODING` is 0 outside [`decode`]: JSON and other inputs read it as usual).
fn since<'de, D, T>(added: u8, deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    let decoding = DECODING.with(Cell::get);
    if decoding != 0 && decoding < added { Ok(T::default()) } else { T::deserialize(deserializer) }
}

/// For fields added in format 4: records of formats 1 to 3 have no bytes for them.
pub fn since_format_4<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    since(4, deserializer)
}

/// For fields added in format 5: records of formats 1 to 4 have no bytes for them.
pub fn since_format_5<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    since(5, deserializer)
}

/// bincode of `value` without the version byte: the bytes the log's hash chain hashes.
pub fn body(value: &impl Serialize) -> Result<Vec<u8>, CodecError> {
    bincode::serde::encode_to_vec(value, config()).map_err(|e| CodecError::Encode(e.to_string()))
}

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

/// The largest record decoding may claim (64 MiB, far above any record yaodian writes): a
/// damaged length prefix (a bit flipped on disk) is a decode error, never an attempt to
/// allocate exabytes, which aborts the process.
const RECORD_LIMIT: usize = 64 << 20;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<RECORD_LIMIT>()
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
    decode_borrowed(bytes)
}

/// [`decode`] into a value that may borrow its text from `bytes`.
pub fn decode_borrowed<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    match version {
        1..=FORMAT_VERSION => {
            let _format = Decoding::start(version);
            let (value, used) = bincode::serde::borrow_decode_from_slice(body, config())
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

/// The leading fields of a record written by [`encode`] (the rest is not read): what an
/// index needs of many records without decoding them whole.
pub fn decode_head<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    match version {
        0 => return Err(CodecError::UnknownFormat(0)),
        v if v > FORMAT_VERSION => return Err(CodecError::NewerFormat(v)),
        _ => {}
    }
    let _format = Decoding::start(version);
    let (head, _) = bincode::serde::borrow_decode_from_slice(body, config())
        .map_err(|e| CodecError::Decode(e.to_string()))?;
    Ok(head)
}

/// The fields of a log entry before its hash link, read in place ([`decode_entry`]).
#[derive(Deserialize)]
struct EntryHead<'a> {
    seq: u64,
    at: Millis,
    user: &'a str,
    uid: u32,
    #[serde(borrow)]
    change: ChangeRef<'a>,
    note: &'a str,
    undoes: Option<u64>,
}

/// A log entry read in place: what [`decode_borrowed`] gives for an [`UpdateRef`], with the
/// hash link at its end (an option's tag byte, then 32 bytes; nothing before format 4) read
/// straight from the bytes. serde reads an array one element at a time, which was a third
/// of the cost of decoding an entry; a replay decodes a million of them.
pub fn decode_entry(bytes: &[u8]) -> Result<UpdateRef<'_>, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    match version {
        0 => return Err(CodecError::UnknownFormat(0)),
        v if v > FORMAT_VERSION => return Err(CodecError::NewerFormat(v)),
        _ => {}
    }
    let (head, used) = match entry_head(body) {
        Some(read) => read,
        None => {
            let _format = Decoding::start(version);
            bincode::serde::borrow_decode_from_slice(body, config())
                .map_err(|e| CodecError::Decode(e.to_string()))?
        }
    };
    let rest = body.get(used..).unwrap_or_default();
    let prev = match rest {
        [] if version < 4 => None,
        [0] if version >= 4 => None,
        [1, hash @ ..] if version >= 4 => match <[u8; 32]>::try_from(hash) {
            Ok(hash) => Some(LogHash(hash)),
            Err(_) => return Err(CodecError::Decode("a damaged hash link".to_string())),
        },
        _ => return Err(CodecError::Decode(format!("{} trailing bytes", rest.len()))),
    };
    Ok(UpdateRef {
        seq: head.seq,
        at: head.at,
        user: head.user,
        uid: head.uid,
        change: head.change,
        note: head.note,
        undoes: head.undoes,
        prev,
    })
}

/// The head of a log entry recording a value or a note (what a replay reads by the
/// million), read straight from bincode's standard encoding (little-endian, integers as
/// varints, `f64` as 8 bytes, an option's tag as one byte), with the bytes it used: serde's
/// visitors took two thirds of an entry's decoding. `None` for any other change and for
/// anything this reader does not take exactly as bincode would (then serde reads it, and
/// says what is wrong); where it reads an entry, it reads what serde reads.
fn entry_head(body: &[u8]) -> Option<(EntryHead<'_>, usize)> {
    if body.len() > RECORD_LIMIT {
        return None;
    }
    let mut r = Bincode(body);
    let (seq, at, user, uid) = (r.u64()?, r.i64()?, r.str()?, r.u32()?);
    let change = match r.u32()? {
        0 => ChangeRef::Value { target: r.str()?, old: r.f64()?, new: r.f64()? },
        1 => ChangeRef::Note { item: r.str()?, old: r.str()?, new: r.str()? },
        _ => return None,
    };
    let note = r.str()?;
    let undoes = match r.byte()? {
        0 => None,
        1 => Some(r.u64()?),
        _ => return None,
    };
    let head = EntryHead { seq, at, user, uid, change, note, undoes };
    Some((head, body.len() - r.0.len()))
}

/// The unread bytes of a record, read as bincode's standard configuration encodes.
struct Bincode<'a>(&'a [u8]);

impl<'a> Bincode<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// A varint: one byte below 251, else a marker (251, 252, 253) and 2, 4 or 8 bytes.
    fn u64(&mut self) -> Option<u64> {
        match self.byte()? {
            b @ 0..=250 => Some(u64::from(b)),
            251 => Some(u64::from(u16::from_le_bytes(self.array()?))),
            252 => Some(u64::from(u32::from_le_bytes(self.array()?))),
            253 => Some(u64::from_le_bytes(self.array()?)),
            _ => None,
        }
    }

    fn u32(&mut self) -> Option<u32> {
        match self.byte()? {
            b @ 0..=250 => Some(u32::from(b)),
            251 => Some(u32::from(u16::from_le_bytes(self.array()?))),
            252 => Some(u32::from_le_bytes(self.array()?)),
            _ => None,
        }
    }

    /// Zigzag: 0, -1, 1, -2 … as 0, 1, 2, 3 …
    fn i64(&mut self) -> Option<i64> {
        let n = self.u64()?;
        Some(if n % 2 == 0 { (n / 2) as i64 } else { !(n / 2) as i64 })
    }

    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.array()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.u64()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{
        Band, Change, Direction, Measure, Relative, Status, Target, TargetKind, TargetState, Update,
    };
    use proptest::prelude::*;

    /// A log entry read in place is the entry as written, every kind of change, chained or
    /// not: `UpdateRef` keeps `Update`'s encoding field for field.
    #[test]
    fn an_entry_read_in_place_is_the_entry_written() {
        use crate::core::model::{LogHash, PlanSettings};
        let target = super::super::verify::tests::target("13.1");
        let changes = [
            Change::Value { target: "13.1".into(), old: 1.5, new: 2.0 },
            Change::Note { item: "13".into(), old: "旧".into(), new: "新进展".into() },
            Change::ItemStatus { item: "13".into(), old: None, new: Some(Status::Behind) },
            Change::TargetDef { target: "13.1".into(), old: None, new: Some(Box::new(target)) },
            Change::Settings { old: PlanSettings::default(), new: PlanSettings::default() },
        ];
        for (k, change) in changes.into_iter().enumerate() {
            for prev in [None, Some(LogHash([7; 32]))] {
                let u = Update {
                    seq: k as u64 + 1,
                    at: 1_700_000_000_000,
                    user: "wang".into(),
                    uid: 1000,
                    change: change.clone(),
                    note: "备注".into(),
                    undoes: Some(3),
                    prev,
                };
                let bytes = encode(&u).expect("encode");
                let read: UpdateRef<'_> = decode_borrowed(&bytes).expect("decode");
                assert_eq!(read, u.as_ref());
                assert_eq!(decode_entry(&bytes), Ok(read.clone()));
                let mut longer = bytes.clone();
                longer.push(0);
                assert!(decode_entry(&longer).is_err(), "trailing bytes");
                assert!(decode_entry(&bytes[..bytes.len() - 1]).is_err(), "a cut link");
                assert_eq!(body(&read), body(&u), "the same bytes: the same hash in the chain");
                let hash = crate::core::model::log_chain::hash;
                assert_eq!(crate::core::model::log_chain::hash_ref(&read), hash(&u));
            }
        }
    }

    /// An entry written before the hash chain (format 3) has no link bytes.
    #[test]
    fn an_entry_of_format_3_reads_in_place_without_a_link() {
        let u = Update {
            seq: 1,
            at: 5,
            user: "wang".into(),
            uid: 1,
            change: Change::Value { target: "1.1".into(), old: 0.0, new: 1.0 },
            note: String::new(),
            undoes: None,
            prev: None,
        };
        let mut bytes = encode(&u).expect("encode");
        assert_eq!(bytes.pop(), Some(0), "format 4 ends with the link's none tag");
        bytes[0] = 3;
        assert_eq!(decode_entry(&bytes), Ok(u.as_ref()));
        assert_eq!(decode::<Update>(&bytes), Ok(u));
        bytes[0] = FORMAT_VERSION;
        assert!(decode_entry(&bytes).is_err(), "format 4 needs its link");
    }

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
    fn a_damaged_length_is_an_error_not_an_abort() {
        // a string whose length prefix claims 2^60 bytes
        let mut bytes = vec![FORMAT_VERSION, 0xFF];
        bytes.extend((1u64 << 60).to_le_bytes());
        assert!(matches!(decode::<String>(&bytes), Err(CodecError::Decode(_))));
        let mut bytes = vec![FORMAT_VERSION, 0xFF];
        bytes.extend((1u64 << 60).to_le_bytes());
        assert!(matches!(decode::<Vec<u64>>(&bytes), Err(CodecError::Decode(_))));
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
                direction: if line % 2 == 0 { Direction::Up } else { Direction::Down },
                measure: Measure {
                    level: line % 3 == 0,
                    baseline: (line % 5 == 0).then_some(goal),
                    band: if line % 7 == 0 {
                        Band::Range { low: goal, high: goal + 1.0 }
                    } else {
                        Band::Exact
                    },
                    relative: (line % 11 == 0).then_some(Relative::Percent),
                },
            })
    }

    /// `Target` as format 1 wrote it, before `direction` and `measure`.
    #[derive(Serialize)]
    struct TargetV1 {
        id: String,
        item: Option<String>,
        theme: u32,
        kind: TargetKind,
        name: String,
        goal: f64,
        unit: String,
        due: Option<chrono::NaiveDate>,
        parent: Option<String>,
        source: String,
        line: usize,
    }

    fn v1(t: &Target) -> TargetV1 {
        TargetV1 {
            id: t.id.clone(),
            item: t.item.clone(),
            theme: t.theme,
            kind: t.kind,
            name: t.name.clone(),
            goal: t.goal,
            unit: t.unit.clone(),
            due: t.due,
            parent: t.parent.clone(),
            source: t.source.clone(),
            line: t.line,
        }
    }

    fn encode_v1<T: Serialize>(value: &T) -> Vec<u8> {
        let mut out = vec![1];
        bincode::serde::encode_into_std_write(value, &mut out, config()).expect("encode");
        out
    }

    /// `Update` as formats 1 and 2 wrote it, before `prev`.
    #[derive(Serialize)]
    struct UpdateV2 {
        seq: u64,
        at: i64,
        user: String,
        uid: u32,
        change: Change,
        note: String,
        undoes: Option<u64>,
    }

    #[test]
    fn format_2_updates_still_decode_without_a_link() {
        let old = UpdateV2 {
            seq: 3,
            at: 1_700_000_000_000,
            user: "wang".into(),
            uid: 1000,
            change: Change::Value { target: "13.1".into(), old: 1.0, new: 2.0 },
            note: "旧".into(),
            undoes: None,
        };
        for version in [1u8, 2] {
            let mut bytes = vec![version];
            bincode::serde::encode_into_std_write(&old, &mut bytes, config()).expect("encode");
            let u: Update = decode(&bytes).expect("decodes");
            assert_eq!((u.seq, u.user.as_str(), u.prev), (3, "wang", None));
        }
    }

    #[test]
    fn format_1_records_still_decode() {
        let t = Target {
            id: "13.1".into(),
            item: Some("13".into()),
            theme: 4,
            kind: TargetKind::Quantity,
            name: "新建公共**场地设施".into(),
            goal: 100.0,
            unit: "处".into(),
            due: chrono::NaiveDate::from_ymd_opt(2023, 6, 30),
            parent: None,
            source: "新建公共**场地设施100 处".into(),
            line: 22,
            direction: Direction::Up,
            measure: Measure::default(),
        };
        // A stored target with its state behind it, as the targets table holds it.
        #[derive(Serialize)]
        struct RecordV1 {
            order: u32,
            target: TargetV1,
            state: StateV2,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Record {
            order: u32,
            target: Target,
            state: crate::core::model::TargetState,
        }
        let state = TargetState {
            value: 64.0,
            updated_at: Some(1),
            updated_by: Some("wang".into()),
            updates: 3,
            first: None,
            since: None,
        };
        let old = encode_v1(&RecordV1 { order: 7, target: v1(&t), state: v2_state(&state) });
        let back: Record = decode(&old).expect("a format-1 record decodes");
        assert_eq!((back.order, &back.target, &back.state), (7, &t, &state));
        // An update that defined a target by hand, nested in the log entry.
        #[derive(Serialize)]
        enum ChangeV1 {
            #[expect(dead_code, reason = "variant indices must match Change")]
            Value,
            #[expect(dead_code, reason = "variant indices must match Change")]
            Note,
            #[expect(dead_code, reason = "variant indices must match Change")]
            ItemStatus,
            TargetDef {
                target: String,
                old: Option<Box<TargetV1>>,
                new: Option<Box<TargetV1>>,
            },
        }
        #[derive(Serialize)]
        struct UpdateV1 {
            seq: u64,
            at: i64,
            user: String,
            uid: u32,
            change: ChangeV1,
            note: String,
            undoes: Option<u64>,
        }
        let old = encode_v1(&UpdateV1 {
            seq: 9,
            at: 5,
            user: "li".into(),
            uid: 1001,
            change: ChangeV1::TargetDef {
                target: "13.1".into(),
                old: None,
                new: Some(Box::new(v1(&t))),
            },
            note: "手工".into(),
            undoes: None,
        });
        let back: Update = decode(&old).expect("a format-1 update decodes");
        assert_eq!(
            back.change,
            Change::TargetDef { target: "13.1".into(), old: None, new: Some(Box::new(t.clone())) }
        );
        assert_eq!((back.seq, back.note.as_str()), (9, "手工"));
        // Written again, it is the current format and keeps a direction.
        let down = Target { direction: Direction::Down, ..t };
        let bytes = encode(&down).expect("encode");
        assert_eq!(bytes[0], FORMAT_VERSION);
        assert_eq!(decode::<Target>(&bytes), Ok(down));
    }

    /// `TargetState` as formats 1 and 2 wrote it, before `first`.
    #[derive(Serialize)]
    struct StateV2 {
        value: f64,
        updated_at: Option<i64>,
        updated_by: Option<String>,
        updates: u32,
    }

    fn v2_state(s: &TargetState) -> StateV2 {
        StateV2 {
            value: s.value,
            updated_at: s.updated_at,
            updated_by: s.updated_by.clone(),
            updates: s.updates,
        }
    }

    /// `Measure` as format 2 wrote it, before `relative`. (bincode writes a struct as its
    /// fields in order, so a `Target` of format 2 is a `TargetV1` followed by these.)
    #[derive(Serialize)]
    struct MeasureV2 {
        level: bool,
        baseline: Option<f64>,
        band: Band,
    }

    #[test]
    fn format_2_records_still_decode() {
        #[derive(Serialize)]
        struct TargetV2 {
            v1: TargetV1,
            direction: Direction,
            measure: MeasureV2,
        }
        #[derive(Serialize)]
        struct RecordV2 {
            order: u32,
            target: TargetV2,
            state: StateV2,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Record {
            order: u32,
            target: Target,
            state: TargetState,
        }
        let mut t = arb_example();
        t.direction = Direction::Down;
        t.measure = Measure {
            level: true,
            baseline: Some(10.5),
            band: Band::Range { low: 9.0, high: 9.3 },
            relative: None,
        };
        let state = TargetState {
            value: 9.9,
            updated_at: Some(2),
            updated_by: Some("li".into()),
            updates: 2,
            first: None,
            since: None,
        };
        let m = t.measure;
        let v2 = RecordV2 {
            order: 3,
            target: TargetV2 {
                v1: v1(&t),
                direction: t.direction,
                measure: MeasureV2 { level: m.level, baseline: m.baseline, band: m.band },
            },
            state: v2_state(&state),
        };
        let mut bytes = vec![2];
        bincode::serde::encode_into_std_write(&v2, &mut bytes, config()).expect("encode");
        let back: Record = decode(&bytes).expect("a format-2 record decodes");
        assert_eq!((back.order, &back.target, &back.state), (3, &t, &state));
        // Its next value is its first: the start of a down target from then on.
        let mut s = back.state;
        s.record(9.5, 3, "li");
        assert_eq!(s.reading().first, Some(9.5));
        let mut fresh = TargetState::default();
        assert_eq!(fresh.reading().value, None, "nothing recorded");
        fresh.record(0.0, 1, "li");
        assert_eq!(fresh.reading(), crate::core::model::Reading::of(0.0));
    }

    fn arb_example() -> Target {
        Target {
            id: "5.2".into(),
            item: Some("5".into()),
            theme: 2,
            kind: TargetKind::Percentage,
            name: "孕产妇死亡率".into(),
            goal: 9.3,
            unit: "%".into(),
            due: None,
            parent: None,
            source: "孕产妇死亡率由10.5%降至9.3%".into(),
            line: 8,
            direction: Direction::Up,
            measure: Measure::default(),
        }
    }

    #[test]
    fn json_without_the_new_fields_reads_defaults() {
        let t = serde_json::json!({
            "id": "1.1", "item": "1", "theme": 1, "kind": "quantity", "name": "x", "goal": 3.0,
            "unit": "个", "due": null, "parent": null, "source": "", "line": 0
        });
        let t: Target = serde_json::from_value(t).expect("json");
        assert_eq!((t.direction, t.measure), (Direction::Up, Measure::default()));
    }

    /// An entry's head, every field (floats by their bits, through Debug).
    fn head_text(h: &EntryHead<'_>) -> String {
        format!(
            "{} {} {:?} {} {:?} {:?} {:?}",
            h.seq, h.at, h.user, h.uid, h.change, h.note, h.undoes
        )
    }

    proptest! {
        #[test]
        fn updates_round_trip(at in any::<i64>(), user in ".{0,16}", old in any::<f64>(),
                              new in any::<f64>(), note in ".{0,40}", seq in any::<u64>(),
                              prev in proptest::option::of(any::<[u8; 32]>())) {
            let u = Update { seq, at, user, uid: 1000,
                change: Change::Value { target: "13.1".into(), old, new }, note, undoes: None,
                prev: prev.map(crate::core::model::LogHash) };
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

        /// The direct reader of a value's or a note's entry reads what serde reads, over
        /// the whole range of each field (every varint width, negative times, odd text);
        /// and where bytes are damaged (cut, a byte changed), it reads either nothing
        /// (serde decides) or exactly what serde reads.
        #[test]
        fn an_entry_read_directly_is_the_one_serde_reads(
            seq in any::<u64>(), at in any::<i64>(), uid in any::<u32>(), user in ".{0,300}",
            note_entry in any::<bool>(), id in ".{0,8}", old in any::<f64>(), new in any::<f64>(),
            text in ".{0,40}", undoes in proptest::option::of(any::<u64>()),
            prev in proptest::option::of(any::<[u8; 32]>()), cut in any::<usize>(),
            at_byte in any::<usize>(), byte in any::<u8>(),
        ) {
            let change = if note_entry {
                Change::Note { item: id, old: text.clone(), new: user.clone() }
            } else {
                Change::Value { target: id, old, new }
            };
            let u = Update { seq, at, user, uid, change, note: text, undoes,
                prev: prev.map(crate::core::model::LogHash) };
            let bytes = encode(&u).expect("encode");
            let body = &bytes[1..];
            let serde = |body| bincode::serde::borrow_decode_from_slice::<EntryHead<'_>, _>(body, config());
            let (direct, used) = entry_head(body).expect("read directly");
            let (read, read_used) = serde(body).expect("serde");
            prop_assert_eq!(used, read_used);
            prop_assert_eq!(format!("{:?}", decode_entry(&bytes)), format!("{:?}", Ok::<_, CodecError>(u.as_ref())));
            prop_assert_eq!(head_text(&direct), head_text(&read));
            let mut damaged = body[..cut % (body.len() + 1)].to_vec();
            if !damaged.is_empty() {
                let k = at_byte % damaged.len();
                damaged[k] = byte;
            }
            if let Some((direct, used)) = entry_head(&damaged) {
                let (read, read_used) = serde(&damaged).expect("serde reads what the reader reads");
                prop_assert_eq!(used, read_used);
                prop_assert_eq!(head_text(&direct), head_text(&read));
            }
        }

        #[test]
        fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode::<Update>(&bytes);
            let _ = decode::<Target>(&bytes);
        }
    }
}
