//! The exact digits of the model's numbers.
//!
//! The loader reads the document with serde_json, which (without its `arbitrary_precision`
//! feature) reads a number with a fraction, an exponent or more than 64 bits as the nearest
//! `f64`: `0.100000000000000000000001` becomes `0.1`, `-9223372036854775809` becomes
//! `-9223372036854775808.0`. `arbitrary_precision` is not an option: Cargo would unify it
//! into the serde_json of every generated client built beside the generator, and change
//! what their readers see. So the loader also lists the text of every such literal here,
//! by the `f64` serde_json made of it; a `bigInteger` or `bigDecimal` value asks for its
//! digits back (`exact`). Two literals of different values that round to the same `f64`
//! leave that `f64` ambiguous, and asking for it is an error that names both.

use std::collections::HashMap;

use serde_json::Number;

/// The literals of a document that serde_json reads as `f64`, by that `f64`'s bits.
#[derive(Debug, Clone, Default)]
pub struct ExactNumbers(HashMap<u64, Vec<String>>);

impl ExactNumbers {
    /// Every number literal outside strings of `json`, a document serde_json has parsed.
    pub fn scan(json: &str) -> ExactNumbers {
        let mut found: HashMap<u64, Vec<String>> = HashMap::new();
        for literal in number_literals(json) {
            let Ok(number) = serde_json::from_str::<Number>(literal) else { continue };
            let Some(value) = number.as_f64().filter(|_| number.is_f64()) else { continue };
            let same = found.entry(value.to_bits()).or_default();
            if !same.iter().any(|known| decimal_value(known) == decimal_value(literal)) {
                same.push(literal.to_owned());
            }
        }
        ExactNumbers(found)
    }

    /// The digits the model wrote for `n`: its literal when `n` is an `f64` that one
    /// literal value of the document rounds to; `Ok(None)` for integers serde_json holds
    /// exactly and numbers not read from the document.
    pub fn exact(&self, n: &Number) -> Result<Option<&str>, String> {
        let Some(value) = n.as_f64().filter(|_| n.is_f64()) else { return Ok(None) };
        match self.0.get(&value.to_bits()).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([one]) => Ok(Some(one)),
            Some(several) => {
                Err(format!("the numbers {} of the model are the same double ({value}); which one this is cannot be told", several.join(", ")))
            }
        }
    }
}

/// The number tokens of a JSON text, in order: what starts with `-` or a digit outside a
/// string. serde_json has already checked the text, so a token is a valid number.
fn number_literals(json: &str) -> impl Iterator<Item = &str> {
    let bytes = json.as_bytes();
    let (mut i, mut in_string) = (0, false);
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let b = bytes[i];
            if in_string {
                // An escape takes the byte after it, which may be a quote.
                i += if b == b'\\' { 2 } else { 1 };
                in_string = b != b'"';
            } else if b == b'"' {
                in_string = true;
                i += 1;
            } else if b == b'-' || b.is_ascii_digit() {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                return Some(&json[start..i]);
            } else {
                i += 1;
            }
        }
        None
    })
}

/// A number literal's value as (negative, significant digits, exponent of the last digit):
/// `1.50`, `15e-1` and `0.0150e2` are the same value; zero has no digits.
fn decimal_value(literal: &str) -> (bool, String, i64) {
    let (negative, rest) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().unwrap_or(0)),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let exponent = exponent - fraction.len() as i64;
    let trimmed_end = digits.trim_end_matches('0');
    let exponent = exponent + (digits.len() - trimmed_end.len()) as i64;
    let significant = trimmed_end.trim_start_matches('0');
    if significant.is_empty() {
        return (false, String::new(), 0);
    }
    (negative, significant.to_owned(), exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Number {
        serde_json::from_str(text).expect("a number")
    }

    #[test]
    fn literals_are_found_outside_strings_only() {
        let json = r#"{"a": -0.100000000000000000000001, "b\"1.5": "2.5 \\", "c": [1e3, 7], "d": "-3"}"#;
        assert_eq!(number_literals(json).collect::<Vec<_>>(), ["-0.100000000000000000000001", "1e3", "7"]);
    }

    #[test]
    fn digits_beyond_a_double_come_back() {
        let doc = r#"{"small": 0.100000000000000000000001, "big": 100000000000000000000001.0, "int": -9223372036854775809, "plain": 2.5, "i": 3}"#;
        let exact = ExactNumbers::scan(doc);
        let parsed: serde_json::Value = serde_json::from_str(doc).expect("json");
        let digits = |key: &str| exact.exact(parsed[key].as_number().expect("a number")).expect("not ambiguous").map(str::to_owned);
        assert_eq!(digits("small").as_deref(), Some("0.100000000000000000000001"));
        assert_eq!(digits("big").as_deref(), Some("100000000000000000000001.0"));
        assert_eq!(digits("int").as_deref(), Some("-9223372036854775809"));
        assert_eq!(digits("plain").as_deref(), Some("2.5"));
        // An integer serde_json holds exactly needs no lookup.
        assert_eq!(digits("i"), None);
        // A number the document does not hold.
        assert_eq!(exact.exact(&number("0.75")), Ok(None));
    }

    #[test]
    fn two_values_that_round_alike_are_ambiguous() {
        let exact = ExactNumbers::scan(r#"[0.1, 0.100, 1e-1, 0.100000000000000000000001]"#);
        let error = exact.exact(&number("0.1")).expect_err("ambiguous");
        assert!(error.contains("0.1, 0.100000000000000000000001"), "{error}");
        // Spellings of one value are one value.
        let exact = ExactNumbers::scan(r#"[0.1, 0.100, 1e-1, 100e-3]"#);
        assert_eq!(exact.exact(&number("0.1")), Ok(Some("0.1")));
    }

    #[test]
    fn decimal_values_compare_by_value() {
        assert_eq!(decimal_value("1.50"), decimal_value("15e-1"));
        assert_eq!(decimal_value("0.0150e2"), decimal_value("1.5"));
        assert_eq!(decimal_value("-0.0"), decimal_value("0"));
        assert_ne!(decimal_value("-1.5"), decimal_value("1.5"));
        assert_ne!(decimal_value("0.1"), decimal_value("0.100000000000000000000001"));
    }
}
