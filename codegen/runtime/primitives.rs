//! Smithy's value types that have no exact Rust standard type: [`DateTime`] (`timestamp`),
//! [`Blob`] (`blob`) and [`Document`] (`document`), and, in crates whose model has them,
//! `BigInteger` and `BigDecimal`.
//!
//! Dates are computed with the `time` crate (calendar arithmetic and RFC 3339 parsing);
//! blobs travel as base64 in JSON, with the `base64` crate.

use std::collections::HashMap;
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// An instant, to the nanosecond: a Smithy `timestamp`.
///
/// ```
/// use CRATE_NAME::primitives::{DateTime, Format};
/// let t = DateTime::from_secs(946_845_296);
/// assert_eq!(t.fmt(Format::DateTime).unwrap(), "2000-01-02T20:34:56Z");
/// assert_eq!(t.fmt(Format::HttpDate).unwrap(), "Sun, 02 Jan 2000 20:34:56 GMT");
/// assert_eq!(DateTime::from_str("2000-01-02T21:34:56+01:00", Format::DateTime).unwrap(), t);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

/// How a [`DateTime`] is written on the wire (`smithy.api#timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 3339 with `Z`, such as `2000-01-02T20:34:56.123Z`.
    DateTime,
    /// RFC 9110's IMF-fixdate, such as `Sun, 02 Jan 2000 20:34:56 GMT`.
    HttpDate,
    /// Seconds since the Unix epoch, with up to millisecond precision: `946845296.123`.
    EpochSeconds,
}

/// A text that is not a timestamp in the expected format, or a date out of range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateTimeError(String);

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// Whole seconds since the Unix epoch.
    pub fn from_secs(seconds: i64) -> Self {
        DateTime { seconds, nanos: 0 }
    }

    /// Seconds since the Unix epoch and nanoseconds into that second (`nanos` is capped
    /// at 999,999,999).
    pub fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        DateTime { seconds, nanos: nanos.min(999_999_999) }
    }

    /// Fractional seconds since the Unix epoch, rounded to the millisecond (the precision
    /// Smithy gives epoch seconds).
    pub fn from_secs_f64(seconds: f64) -> Self {
        let millis = (seconds * 1000.0).round();
        let whole = (millis / 1000.0).floor();
        let nanos = ((millis - whole * 1000.0) as u32).min(999) * 1_000_000;
        DateTime { seconds: whole as i64, nanos }
    }

    /// Whole seconds since the Unix epoch (rounded down).
    pub fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`secs`](Self::secs).
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Fractional seconds since the Unix epoch.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.nanos) / 1e9
    }

    fn offset_date_time(&self) -> Result<time::OffsetDateTime, DateTimeError> {
        let nanos = i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos);
        time::OffsetDateTime::from_unix_timestamp_nanos(nanos)
            .map_err(|e| DateTimeError(format!("{}.{:09} seconds since the epoch is out of range: {e}", self.seconds, self.nanos)))
    }

    /// The fraction of a second as `.ddd` (trailing zeros dropped), or nothing.
    fn fraction(&self) -> String {
        if self.nanos == 0 {
            return String::new();
        }
        let digits = format!("{:09}", self.nanos);
        format!(".{}", digits.trim_end_matches('0'))
    }

    /// The timestamp in `format`.
    pub fn fmt(&self, format: Format) -> Result<String, DateTimeError> {
        if format == Format::EpochSeconds {
            return Ok(format!("{}{}", self.seconds, self.fraction()));
        }
        let t = self.offset_date_time()?;
        let (year, month, day) = (t.year(), u8::from(t.month()), t.day());
        let (hour, minute, second) = (t.hour(), t.minute(), t.second());
        if format == Format::DateTime {
            return Ok(format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{}Z", self.fraction()));
        }
        let weekday = &t.weekday().to_string()[..3];
        let month = &t.month().to_string()[..3];
        Ok(format!("{weekday}, {day:02} {month} {year:04} {hour:02}:{minute:02}:{second:02}{} GMT", self.fraction()))
    }

    /// Parses `text` written in `format`. Date-times may carry any UTC offset; HTTP dates
    /// may carry a fraction of a second.
    pub fn from_str(text: &str, format: Format) -> Result<Self, DateTimeError> {
        let bad = |why: &str| DateTimeError(format!("`{text}` is not a {format:?} timestamp: {why}"));
        let parsed = match format {
            Format::EpochSeconds => {
                let seconds: f64 = text.trim().parse().map_err(|_| bad("not a number"))?;
                if !seconds.is_finite() {
                    return Err(bad("not a finite number"));
                }
                return Ok(DateTime::from_secs_f64(seconds));
            }
            Format::DateTime => time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).map_err(|e| bad(&e.to_string()))?,
            Format::HttpDate => {
                let rest = text.trim().strip_suffix(" GMT").ok_or_else(|| bad("no ` GMT` at the end"))?;
                let (whole, fraction) = match rest.rsplit_once('.') {
                    Some((w, f)) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => (w, Some(f)),
                    _ => (rest, None),
                };
                let naive = imf_fixdate(whole).map_err(|e| bad(&e))?;
                let nanos = fraction.map_or(0, |f| format!("{f:0<9}").parse::<u32>().unwrap_or(0));
                naive.assume_utc().replace_nanosecond(nanos).map_err(|e| bad(&e.to_string()))?
            }
        };
        let nanos = parsed.unix_timestamp_nanos();
        let seconds = i64::try_from(nanos.div_euclid(1_000_000_000)).map_err(|_| bad("out of range"))?;
        Ok(DateTime { seconds, nanos: nanos.rem_euclid(1_000_000_000) as u32 })
    }
}

/// `Sun, 02 Jan 2000 20:34:56` (an HTTP date before its ` GMT`): the fields are found by
/// position and checked by `time`'s constructors. Not `time`'s format descriptions: their
/// parser and generic parsing code were 15% of the generated DynamoDB crate's LLVM IR.
fn imf_fixdate(text: &str) -> Result<time::PrimitiveDateTime, String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let shape = "not `Day, DD Mon YYYY hh:mm:ss`";
    let b = text.as_bytes();
    let separators = [(3, b','), (4, b' '), (7, b' '), (11, b' '), (16, b' '), (19, b':'), (22, b':')];
    if b.len() != 25 || separators.iter().any(|&(i, c)| b[i] != c) || !DAYS.contains(&&text[..3]) {
        return Err(shape.to_owned());
    }
    let number = |from: usize, to: usize| -> Result<u16, String> {
        let digits = &b[from..to];
        match digits.iter().all(u8::is_ascii_digit) {
            true => Ok(digits.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0'))),
            false => Err(shape.to_owned()),
        }
    };
    let month = MONTHS.iter().position(|m| *m == &text[8..11]).ok_or_else(|| shape.to_owned())?;
    let month = time::Month::try_from(month as u8 + 1).map_err(|e| e.to_string())?;
    let date = time::Date::from_calendar_date(i32::from(number(12, 16)?), month, number(5, 7)? as u8).map_err(|e| e.to_string())?;
    let time = time::Time::from_hms(number(17, 19)? as u8, number(20, 22)? as u8, number(23, 25)? as u8).map_err(|e| e.to_string())?;
    Ok(time::PrimitiveDateTime::new(date, time))
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fmt(Format::DateTime) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "DateTime({}.{:09})", self.seconds, self.nanos),
        }
    }
}

impl From<SystemTime> for DateTime {
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => DateTime { seconds: d.as_secs() as i64, nanos: d.subsec_nanos() },
            Err(e) => {
                let d = e.duration();
                let (mut seconds, mut nanos) = (-(d.as_secs() as i64), d.subsec_nanos());
                if nanos > 0 {
                    seconds -= 1;
                    nanos = 1_000_000_000 - nanos;
                }
                DateTime { seconds, nanos }
            }
        }
    }
}

impl From<DateTime> for SystemTime {
    fn from(t: DateTime) -> Self {
        if t.seconds >= 0 {
            UNIX_EPOCH + Duration::new(t.seconds as u64, t.nanos)
        } else {
            UNIX_EPOCH - Duration::from_secs(t.seconds.unsigned_abs()) + Duration::from_nanos(u64::from(t.nanos))
        }
    }
}

/// Binary data: a Smithy `blob` (base64 in JSON bodies).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// The bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    /// The bytes, owned.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob(text.as_bytes().to_vec())
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

// codegen:if big-numbers
/// An integer of any size: a Smithy `bigInteger`, kept as its decimal text so no digit is
/// lost to a machine integer.
///
/// Read and written digit for digit, as JSON numbers or JSON strings: the JSON text of
/// the number is taken as it is (serde_json's `raw_value`), never through a machine number.
///
/// ```
/// use CRATE_NAME::primitives::BigInteger;
/// let n: BigInteger = "-123456789012345678901234567890".parse().unwrap();
/// assert_eq!(n.as_str(), "-123456789012345678901234567890");
/// assert!("12.5".parse::<BigInteger>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct BigInteger(String);

/// A decimal of any size and precision: a Smithy `bigDecimal`, kept as its text (digits,
/// an optional fraction and exponent). What [`BigInteger`] says about JSON applies.
///
/// ```
/// use CRATE_NAME::primitives::BigDecimal;
/// let d: BigDecimal = "3.14159265358979323846264338327950288".parse().unwrap();
/// assert_eq!(d.to_string(), "3.14159265358979323846264338327950288");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct BigDecimal(String);

/// Text that is not a valid [`BigInteger`] or [`BigDecimal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseBigNumberError(String);

impl fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseBigNumberError {}

/// `digits` is one or more ASCII digits.
fn all_digits(digits: &str) -> bool {
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `[-]digits`.
fn is_integer(text: &str) -> bool {
    all_digits(text.strip_prefix('-').unwrap_or(text))
}

/// `[-]digits[.digits][(e|E)[+|-]digits]`.
fn is_decimal(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let mantissa = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => all_digits(whole) && all_digits(fraction),
        None => all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

macro_rules! big_number {
    ($name:ident, $valid:ident, $what:literal) => {
        impl $name {
            /// The number as text, exactly as read or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            /// Zero.
            fn default() -> Self {
                $name(String::from("0"))
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseBigNumberError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                if $valid(text) { Ok($name(text.to_owned())) } else { Err(ParseBigNumberError(format!(concat!("`{}` is not ", $what), text))) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<i64> for $name {
            fn from(n: i64) -> Self {
                $name(n.to_string())
            }
        }

        impl From<u64> for $name {
            fn from(n: u64) -> Self {
                $name(n.to_string())
            }
        }

        impl From<i128> for $name {
            fn from(n: i128) -> Self {
                $name(n.to_string())
            }
        }
    };
}

big_number!(BigInteger, is_integer, "an integer");
big_number!(BigDecimal, is_decimal, "a decimal number");
// codegen:end

/// A number in a [`Document`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Any other number.
    Float(f64),
}

/// Untyped JSON-like data: a Smithy `document`.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Document {
    /// An object.
    Object(HashMap<String, Document>),
    /// An array.
    Array(Vec<Document>),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// `null`.
    #[default]
    Null,
}

impl From<&str> for Document {
    fn from(s: &str) -> Self {
        Document::String(s.to_owned())
    }
}

impl From<String> for Document {
    fn from(s: String) -> Self {
        Document::String(s)
    }
}

impl From<bool> for Document {
    fn from(b: bool) -> Self {
        Document::Bool(b)
    }
}

impl From<i64> for Document {
    fn from(n: i64) -> Self {
        Document::Number(if n < 0 { Number::NegInt(n) } else { Number::PosInt(n as u64) })
    }
}

impl From<f64> for Document {
    fn from(n: f64) -> Self {
        Document::Number(Number::Float(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip() {
        let t = DateTime::from_secs_and_nanos(946_845_296, 123_000_000);
        assert_eq!(t.fmt(Format::DateTime).unwrap(), "2000-01-02T20:34:56.123Z");
        assert_eq!(t.fmt(Format::HttpDate).unwrap(), "Sun, 02 Jan 2000 20:34:56.123 GMT");
        assert_eq!(t.fmt(Format::EpochSeconds).unwrap(), "946845296.123");
        for format in [Format::DateTime, Format::HttpDate, Format::EpochSeconds] {
            assert_eq!(DateTime::from_str(&t.fmt(format).unwrap(), format).unwrap(), t, "{format:?}");
        }
        assert_eq!(DateTime::from_secs_f64(946_845_296.123), t);
        assert_eq!(DateTime::from_secs_f64(-1.5).fmt(Format::DateTime).unwrap(), "1969-12-31T23:59:58.5Z");
    }

    #[test]
    fn bad_text_is_an_error_not_a_panic() {
        for (text, format) in [
            ("2000-13-02T20:34:56Z", Format::DateTime),
            ("Sun, 02 Jan 2000", Format::HttpDate),
            ("Sun, 02 Jan 2000 20:34:5x GMT", Format::HttpDate),
            ("Sun, 31 Feb 2000 20:34:56 GMT", Format::HttpDate),
            ("Sun, 02 Jan 2000 24:00:00 GMT", Format::HttpDate),
            ("Sun, 02 jan 2000 20:34:56 GMT", Format::HttpDate),
            ("Dim, 02 Jan 2000 20:34:56 GMT", Format::HttpDate),
            ("Sün, 02 Jan 2000 20:34:5 GMT", Format::HttpDate),
            ("Sun, 02 Jän 2000 20:34:5 GMT", Format::HttpDate),
            ("Sun,  2 Jan 2000 20:34:56 GMT", Format::HttpDate),
            ("NaN", Format::EpochSeconds),
            ("", Format::DateTime),
        ] {
            assert!(DateTime::from_str(text, format).is_err(), "{text}");
        }
        assert!(DateTime::from_secs(i64::MAX).fmt(Format::DateTime).is_err());
    }

    #[test]
    fn http_dates_read_every_field() {
        let read = |text| DateTime::from_str(text, Format::HttpDate).map(|t| (t.secs(), t.subsec_nanos()));
        assert_eq!(read("Tue, 29 Feb 2000 23:59:59 GMT"), Ok((951_868_799, 0)));
        assert_eq!(read(" Thu, 01 Jan 1970 00:00:00.5 GMT "), Ok((0, 500_000_000)));
        assert_eq!(read("Fri, 31 Dec 1965 01:02:03 GMT"), Ok((-126_313_077, 0)));
        assert_eq!(read("Fri, 31 Dec 9999 23:59:59 GMT"), Ok((253_402_300_799, 0)));
        assert_eq!(
            read("Sun, 02 Jan 2000 20:34:5x GMT").unwrap_err().to_string(),
            "`Sun, 02 Jan 2000 20:34:5x GMT` is not a HttpDate timestamp: not `Day, DD Mon YYYY hh:mm:ss`"
        );
    }

    #[test]
    fn system_time_conversions() {
        let before = UNIX_EPOCH - Duration::from_millis(1500);
        let t = DateTime::from(before);
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 500_000_000));
        assert_eq!(SystemTime::from(t), before);
    }
}
