//! Time is an input. Every "now" (the time stamped on a write) and every "today" (the date
//! pace is measured on) comes from a [`Clock`]: the system's clock and time zone in
//! production, a fixed instant in a fixed zone in tests, so no result depends on the day or
//! the machine the suite runs on.

use crate::core::model::Millis;
use chrono::{FixedOffset, NaiveDate, Offset, TimeZone};

/// Where the current time and the local time zone come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The system's clock and local time zone (`TZ`, `/etc/localtime`).
    #[default]
    System,
    /// A fixed instant, read in a fixed time zone.
    Fixed { at: Millis, offset: FixedOffset },
}

impl Clock {
    /// A fixed clock at `at` (milliseconds since the epoch) in the zone `offset`.
    pub fn fixed(at: Millis, offset: FixedOffset) -> Clock {
        Clock::Fixed { at, offset }
    }

    /// The current time in milliseconds since the Unix epoch.
    pub fn now(&self) -> Millis {
        match self {
            Clock::System => chrono::Utc::now().timestamp_millis(),
            Clock::Fixed { at, .. } => *at,
        }
    }

    /// The local zone's offset from UTC at the instant `at`.
    pub fn offset_at(&self, at: Millis) -> FixedOffset {
        match self {
            Clock::System => chrono::DateTime::from_timestamp_millis(at)
                .map_or_else(utc, |t| t.with_timezone(&chrono::Local).offset().fix()),
            Clock::Fixed { offset, .. } => *offset,
        }
    }

    /// The local zone's offset now.
    pub fn offset(&self) -> FixedOffset {
        self.offset_at(self.now())
    }

    /// Today's date in the local zone.
    pub fn today(&self) -> NaiveDate {
        self.date(self.now())
    }

    /// The local date of the instant `at`.
    pub fn date(&self, at: Millis) -> NaiveDate {
        chrono::DateTime::from_timestamp_millis(at)
            .map(|t| t.with_timezone(&self.offset_at(at)).date_naive())
            .unwrap_or_default()
    }

    /// The first millisecond of `day` in the local zone.
    pub fn midnight(&self, day: NaiveDate) -> Millis {
        let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        match self {
            Clock::System => chrono::Local
                .from_local_datetime(&naive)
                .earliest()
                .map_or_else(|| naive.and_utc().timestamp_millis(), |t| t.timestamp_millis()),
            Clock::Fixed { offset, .. } => offset
                .from_local_datetime(&naive)
                .earliest()
                .map_or_else(|| naive.and_utc().timestamp_millis(), |t| t.timestamp_millis()),
        }
    }

    /// The first millisecond after `day` in the local zone (the end of the day, exclusive).
    pub fn end_of_day(&self, day: NaiveDate) -> Millis {
        day.succ_opt().map_or(Millis::MAX, |next| self.midnight(next))
    }

    /// A time as an operator reads it, in the local zone, with a `chrono` format.
    pub fn format(&self, at: Millis, fmt: &str) -> String {
        chrono::DateTime::from_timestamp_millis(at)
            .map(|t| t.with_timezone(&self.offset_at(at)).format(fmt).to_string())
            .unwrap_or_default()
    }
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap_or_else(|| chrono::Utc.fix())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beijing() -> FixedOffset {
        FixedOffset::east_opt(8 * 3600).expect("offset")
    }

    #[test]
    fn a_fixed_clock_reads_its_own_zone() {
        // 2023-06-30 23:30 in Beijing is still 15:30 UTC on the same day; 00:30 on 07-01
        // in Beijing is 06-30 in UTC.
        let late = beijing().with_ymd_and_hms(2023, 7, 1, 0, 30, 0).single().expect("time");
        let clock = Clock::fixed(late.timestamp_millis(), beijing());
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2023, 7, 1).expect("date"));
        assert_eq!(clock.format(clock.now(), "%m-%d %H:%M"), "07-01 00:30");
        let day = NaiveDate::from_ymd_opt(2023, 7, 1).expect("date");
        assert_eq!(clock.midnight(day), late.timestamp_millis() - 30 * 60 * 1000);
        assert_eq!(clock.end_of_day(day) - clock.midnight(day), 24 * 3600 * 1000);
    }
}
