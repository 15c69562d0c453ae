//! A stand-in for the CBOR types a generated rpcv2Cbor crate has (a structure with a member
//! of every kind, a union, recursion), written as the generator writes them, and the fuzz
//! entry point that reads any bytes into it (feature `fuzzing`; the `cbor` target in
//! `fuzz/`). No checked-in client speaks CBOR yet, so the decoder is fuzzed here.

use std::collections::HashMap;

use crate::primitives::{BigDecimal, BigInteger, Blob, DateTime};
use crate::rt::cbor::{self, CborObject, CborUnion, FromCbor, ReadError, Reader, ToCbor, WriteError, Writer, entry};

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Everything {
    text: Option<String>,
    blob: Option<Blob>,
    time: Option<DateTime>,
    byte: Option<i8>,
    short: Option<i16>,
    int: Option<i32>,
    long: Option<i64>,
    float: Option<f32>,
    double: Option<f64>,
    flag: Option<bool>,
    big_int: Option<BigInteger>,
    big_dec: Option<BigDecimal>,
    list: Option<Vec<String>>,
    sparse: Option<Vec<Option<String>>>,
    map: Option<HashMap<String, i32>>,
    choice: Option<Choice>,
    child: Option<Box<Everything>>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Choice {
    Text(String),
    Number(i64),
    Unknown,
}

impl CborObject for Everything {
    type Output = Everything;

    fn member(&mut self, name: &str, r: &mut Reader<'_>) -> Result<(), ReadError> {
        match name {
            "text" => self.text = cbor::member(r)?,
            "blob" => self.blob = cbor::member(r)?,
            "time" => self.time = cbor::member(r)?,
            "byte" => self.byte = cbor::member(r)?,
            "short" => self.short = cbor::member(r)?,
            "int" => self.int = cbor::member(r)?,
            "long" => self.long = cbor::member(r)?,
            "float" => self.float = cbor::member(r)?,
            "double" => self.double = cbor::member(r)?,
            "flag" => self.flag = cbor::member(r)?,
            "bigInt" => self.big_int = cbor::member(r)?,
            "bigDec" => self.big_dec = cbor::member(r)?,
            "list" => self.list = cbor::member(r)?,
            "sparse" => self.sparse = cbor::member(r)?,
            "map" => self.map = cbor::member(r)?,
            "choice" => self.choice = cbor::member(r)?,
            "child" => self.child = cbor::member(r)?.map(Box::new),
            _ => cbor::skip(r)?,
        }
        Ok(())
    }

    fn finish(self) -> Everything {
        self
    }
}

impl FromCbor for Everything {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        cbor::object::<Everything>(r)
    }
}

impl ToCbor for Everything {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.begin_map()?;
        if let Some(v) = &self.text {
            entry(w, "text", v)?;
        }
        if let Some(v) = &self.blob {
            entry(w, "blob", v)?;
        }
        if let Some(v) = &self.time {
            entry(w, "time", v)?;
        }
        if let Some(v) = &self.byte {
            entry(w, "byte", v)?;
        }
        if let Some(v) = &self.short {
            entry(w, "short", v)?;
        }
        if let Some(v) = &self.int {
            entry(w, "int", v)?;
        }
        if let Some(v) = &self.long {
            entry(w, "long", v)?;
        }
        if let Some(v) = &self.float {
            entry(w, "float", v)?;
        }
        if let Some(v) = &self.double {
            entry(w, "double", v)?;
        }
        if let Some(v) = &self.flag {
            entry(w, "flag", v)?;
        }
        if let Some(v) = &self.big_int {
            entry(w, "bigInt", v)?;
        }
        if let Some(v) = &self.big_dec {
            entry(w, "bigDec", v)?;
        }
        if let Some(v) = &self.list {
            entry(w, "list", v)?;
        }
        if let Some(v) = &self.sparse {
            entry(w, "sparse", v)?;
        }
        if let Some(v) = &self.map {
            entry(w, "map", v)?;
        }
        if let Some(v) = &self.choice {
            entry(w, "choice", v)?;
        }
        if let Some(v) = &self.child {
            entry(w, "child", v)?;
        }
        w.end()?;
        Ok(())
    }
}

impl CborUnion for Choice {
    fn variant(name: &str, r: &mut Reader<'_>) -> Result<Option<Self>, ReadError> {
        Ok(match name {
            "text" => cbor::member(r)?.map(Choice::Text),
            "number" => cbor::member(r)?.map(Choice::Number),
            _ => {
                cbor::skip(r)?;
                Some(Choice::Unknown)
            }
        })
    }
}

impl FromCbor for Choice {
    fn from_cbor(r: &mut Reader<'_>) -> Result<Self, ReadError> {
        cbor::union(r)
    }
}

impl ToCbor for Choice {
    fn to_cbor(&self, w: &mut Writer) -> Result<(), WriteError> {
        w.map(1)?;
        match self {
            Choice::Text(v) => entry(w, "text", v),
            Choice::Number(v) => entry(w, "number", v),
            Choice::Unknown => Err(WriteError::message("an unknown union member cannot be sent")),
        }
    }
}

/// Reads any bytes as a body and as an error body; what reads can be written, and what is
/// written reads back.
pub fn run(data: &[u8]) {
    let (code, message) = cbor::error_body(data);
    let _ = format!("{code:?} {message:?}");
    let Ok(value) = cbor::from_body::<Everything>(data) else { return };
    let _ = format!("{value:?}");
    // A value holding an unknown union member cannot be sent: that is the only write error.
    if let Ok(bytes) = cbor::to_vec(&value) {
        assert!(cbor::from_body::<Everything>(&bytes).is_ok(), "what was written reads back: {value:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds of the `cbor` fuzz target, replayed on every test run.
    #[test]
    fn fuzz_seeds_replay() {
        assert!(crate::replay_seeds("cbor", run) >= 5);
    }

    #[test]
    fn everything_round_trips() {
        let value = Everything {
            text: Some("t".into()),
            blob: Some(Blob::new(vec![0, 1])),
            time: Some(DateTime::from_secs(-5)),
            byte: Some(-1),
            long: Some(i64::MIN),
            double: Some(0.5),
            big_int: Some("-18446744073709551617".parse().unwrap()),
            sparse: Some(vec![None, Some("s".into())]),
            map: Some(HashMap::from([("k".into(), 3)])),
            choice: Some(Choice::Number(7)),
            child: Some(Box::new(Everything { flag: Some(false), ..Everything::default() })),
            ..Everything::default()
        };
        let bytes = cbor::to_vec(&value).unwrap();
        assert_eq!(cbor::from_body::<Everything>(&bytes).unwrap(), value);
        run(&bytes);
    }
}
