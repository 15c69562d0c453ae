//! The prelude shapes of `smithy.api` that models target without defining them.
//! Trait definitions of the prelude are not shapes here: traits are read by id.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde_json::{Value, json};

use super::{Shape, ShapeId, ShapeKind, Simple, Traits, traits::ids};

/// The prelude shapes, to be added to every model.
pub fn shapes() -> Vec<Shape> {
    let simple = [
        ("Blob", Simple::Blob, None),
        ("Boolean", Simple::Boolean, None),
        ("String", Simple::String, None),
        ("Byte", Simple::Byte, None),
        ("Short", Simple::Short, None),
        ("Integer", Simple::Integer, None),
        ("Long", Simple::Long, None),
        ("Float", Simple::Float, None),
        ("Double", Simple::Double, None),
        ("BigInteger", Simple::BigInteger, None),
        ("BigDecimal", Simple::BigDecimal, None),
        ("Timestamp", Simple::Timestamp, None),
        ("Document", Simple::Document, None),
        ("PrimitiveBoolean", Simple::Boolean, Some(json!(false))),
        ("PrimitiveByte", Simple::Byte, Some(json!(0))),
        ("PrimitiveShort", Simple::Short, Some(json!(0))),
        ("PrimitiveInteger", Simple::Integer, Some(json!(0))),
        ("PrimitiveLong", Simple::Long, Some(json!(0))),
        ("PrimitiveFloat", Simple::Float, Some(json!(0))),
        ("PrimitiveDouble", Simple::Double, Some(json!(0))),
    ];
    let mut out: Vec<Shape> = simple
        .into_iter()
        .map(|(name, kind, default)| Shape {
            id: prelude_id(name),
            traits: default.map(|d| traits([(ids::DEFAULT, d)])).unwrap_or_default(),
            kind: ShapeKind::Simple(kind),
        })
        .collect();
    out.push(Shape { id: prelude_id("Unit"), traits: traits([(ids::UNIT_TYPE, json!({}))]), kind: ShapeKind::Structure(IndexMap::new()) });
    out
}

/// `smithy.api#Unit`, the "no value" structure.
pub fn unit() -> ShapeId {
    prelude_id("Unit")
}

fn prelude_id(name: &str) -> ShapeId {
    // The names above are valid identifiers; parsing cannot fail for them.
    ShapeId::parse(&format!("smithy.api#{name}")).unwrap_or_else(|e| unreachable!("{e}"))
}

fn traits<const N: usize>(pairs: [(&str, Value); N]) -> Traits {
    let map: BTreeMap<ShapeId, Value> = pairs.into_iter().map(|(id, v)| (ShapeId::parse(id).unwrap_or_else(|e| unreachable!("{e}")), v)).collect();
    Traits::new(map)
}
