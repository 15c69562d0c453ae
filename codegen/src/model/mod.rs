//! The typed shape index: a Smithy 2.0 model loaded from its JSON AST.
//!
//! [`Model::from_json`] parses and validates the document; after that every target
//! resolves, so the emitters can look shapes up without handling dangling ids.

mod load;
pub mod numbers;
mod prelude;
mod shape_id;
pub mod traits;

use std::collections::BTreeMap;

use indexmap::IndexMap;

pub use shape_id::ShapeId;
pub use traits::Traits;

use crate::error::{Error, Result};

/// A loaded, validated model: every shape by absolute id, the prelude included.
#[derive(Debug, Clone)]
pub struct Model {
    shapes: BTreeMap<ShapeId, Shape>,
    metadata: serde_json::Map<String, serde_json::Value>,
    exact_numbers: numbers::ExactNumbers,
}

/// One shape of the model.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Absolute id.
    pub id: ShapeId,
    /// Applied traits, by absolute trait id.
    pub traits: Traits,
    /// What kind of shape this is, with the parts that kind has.
    pub kind: ShapeKind,
}

/// The simple types: they have no members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Simple {
    /// Raw bytes.
    Blob,
    /// `true` or `false`.
    Boolean,
    /// UTF-8 text.
    String,
    /// 8-bit signed integer.
    Byte,
    /// 16-bit signed integer.
    Short,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
    /// Arbitrary precision integer.
    BigInteger,
    /// Arbitrary precision decimal.
    BigDecimal,
    /// An instant in time.
    Timestamp,
    /// Untyped, JSON-like data.
    Document,
}

/// The kind of a shape, with what that kind contains.
#[derive(Debug, Clone)]
pub enum ShapeKind {
    /// A simple type.
    Simple(Simple),
    /// A string enum; members target `smithy.api#Unit` and carry `enumValue`.
    Enum(IndexMap<String, Member>),
    /// An integer enum; every member carries an integer `enumValue`.
    IntEnum(IndexMap<String, Member>),
    /// A list and its `member`.
    List(Member),
    /// A map, its `key` and `value`.
    Map {
        /// The key member (targets a string or enum).
        key: Member,
        /// The value member.
        value: Member,
    },
    /// A structure and its members in declaration order.
    Structure(IndexMap<String, Member>),
    /// A tagged union and its members in declaration order.
    Union(IndexMap<String, Member>),
    /// A service.
    Service(Service),
    /// An operation.
    Operation(Operation),
    /// A resource.
    Resource(Resource),
}

/// A member of an aggregate shape.
#[derive(Debug, Clone)]
pub struct Member {
    /// `container$name`.
    pub id: ShapeId,
    /// The member name as written in the model.
    pub name: String,
    /// The shape this member targets.
    pub target: ShapeId,
    /// Traits applied to the member itself.
    pub traits: Traits,
}

/// A service shape.
#[derive(Debug, Clone, Default)]
pub struct Service {
    /// The service version string.
    pub version: Option<String>,
    /// Operations bound directly to the service.
    pub operations: Vec<ShapeId>,
    /// Resources bound to the service.
    pub resources: Vec<ShapeId>,
    /// Errors every operation of the service can return.
    pub errors: Vec<ShapeId>,
    /// Shape names changed for this service's closure (to disambiguate conflicts).
    pub rename: BTreeMap<ShapeId, String>,
}

/// An operation shape.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The input structure (`smithy.api#Unit` when absent).
    pub input: ShapeId,
    /// The output structure (`smithy.api#Unit` when absent).
    pub output: ShapeId,
    /// Errors the operation can return.
    pub errors: Vec<ShapeId>,
}

/// A resource shape.
#[derive(Debug, Clone, Default)]
pub struct Resource {
    /// Identifier names and their target shapes.
    pub identifiers: IndexMap<String, ShapeId>,
    /// Property names and their target shapes.
    pub properties: IndexMap<String, ShapeId>,
    /// Lifecycle operations, by lifecycle name (`create`, `read`, ...).
    pub lifecycle: BTreeMap<String, ShapeId>,
    /// Instance operations.
    pub operations: Vec<ShapeId>,
    /// Collection operations.
    pub collection_operations: Vec<ShapeId>,
    /// Child resources.
    pub resources: Vec<ShapeId>,
}

impl Resource {
    /// Every operation bound to this resource, lifecycle ones included, in a fixed order.
    pub fn all_operations(&self) -> impl Iterator<Item = &ShapeId> {
        self.lifecycle.values().chain(&self.operations).chain(&self.collection_operations)
    }
}

impl ShapeKind {
    /// The Smithy name of this kind, as written in the JSON AST `type` field.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Simple(s) => s.type_name(),
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Service(_) => "service",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Resource(_) => "resource",
        }
    }

    /// The members of this shape, in declaration order (list and map members included).
    pub fn members(&self) -> Vec<&Member> {
        match self {
            ShapeKind::Enum(m) | ShapeKind::IntEnum(m) | ShapeKind::Structure(m) | ShapeKind::Union(m) => m.values().collect(),
            ShapeKind::List(m) => vec![m],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => Vec::new(),
        }
    }
}

impl Simple {
    /// The Smithy name of this simple type.
    pub fn type_name(self) -> &'static str {
        match self {
            Simple::Blob => "blob",
            Simple::Boolean => "boolean",
            Simple::String => "string",
            Simple::Byte => "byte",
            Simple::Short => "short",
            Simple::Integer => "integer",
            Simple::Long => "long",
            Simple::Float => "float",
            Simple::Double => "double",
            Simple::BigInteger => "bigInteger",
            Simple::BigDecimal => "bigDecimal",
            Simple::Timestamp => "timestamp",
            Simple::Document => "document",
        }
    }

    /// Parses a JSON AST `type` value naming a simple type.
    pub fn from_type_name(name: &str) -> Option<Simple> {
        Some(match name {
            "blob" => Simple::Blob,
            "boolean" => Simple::Boolean,
            "string" => Simple::String,
            "byte" => Simple::Byte,
            "short" => Simple::Short,
            "integer" => Simple::Integer,
            "long" => Simple::Long,
            "float" => Simple::Float,
            "double" => Simple::Double,
            "bigInteger" => Simple::BigInteger,
            "bigDecimal" => Simple::BigDecimal,
            "timestamp" => Simple::Timestamp,
            "document" => Simple::Document,
            _ => return None,
        })
    }
}

impl Model {
    /// Parses and validates a Smithy 2.0 JSON AST document.
    pub fn from_json(text: &str) -> Result<Model> {
        load::load(text)
    }

    /// Every shape, sorted by id (prelude shapes included).
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The model's `metadata` section.
    pub fn metadata(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.metadata
    }

    /// A model number's digits as the model wrote them, though serde_json holds it as an
    /// `f64` (see [`numbers`]); integers it holds exactly are written as they are.
    pub fn number_text(&self, n: &serde_json::Number) -> std::result::Result<String, String> {
        Ok(self.exact_numbers.exact(n)?.map_or_else(|| n.to_string(), str::to_owned))
    }

    /// Looks up a shape; `None` when absent.
    pub fn get(&self, id: &str) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Looks up a shape that validation guarantees exists, with an error naming
    /// `referrer` if it does not (a generator bug or an unvalidated id).
    pub fn expect(&self, id: &str, referrer: &ShapeId) -> Result<&Shape> {
        self.shapes.get(id).ok_or_else(|| Error::shape(referrer, format!("target `{id}` does not exist")))
    }

    /// The services of the model that are not in the prelude, sorted by id.
    pub fn services(&self) -> impl Iterator<Item = (&Shape, &Service)> {
        self.shapes.values().filter_map(|s| match &s.kind {
            ShapeKind::Service(svc) => Some((s, svc)),
            _ => None,
        })
    }

    /// The one service of the model, or an error when there are none or several.
    pub fn single_service(&self) -> Result<(&Shape, &Service)> {
        let mut services = self.services();
        let first = services.next().ok_or_else(|| Error::Ast { path: "shapes".into(), message: "the model has no service shape".into() })?;
        if let Some((second, _)) = services.next() {
            return Err(Error::Ast {
                path: "shapes".into(),
                message: format!("the model has several services (`{}`, `{}`); generate one at a time", first.0.id, second.id),
            });
        }
        Ok(first)
    }

    /// The operation behind an operation id.
    pub fn operation(&self, id: &ShapeId) -> Result<&Operation> {
        match &self.expect(id, id)?.kind {
            ShapeKind::Operation(op) => Ok(op),
            other => Err(Error::shape(id, format!("expected an operation, found a {}", other.type_name()))),
        }
    }

    /// The members of a structure (or union) shape.
    pub fn structure_members(&self, id: &ShapeId) -> Result<&IndexMap<String, Member>> {
        match &self.expect(id, id)?.kind {
            ShapeKind::Structure(m) | ShapeKind::Union(m) => Ok(m),
            other => Err(Error::shape(id, format!("expected a structure, found a {}", other.type_name()))),
        }
    }

    /// Every operation reachable from the service (directly or through resources),
    /// sorted by id and without duplicates.
    pub fn service_operations(&self, service: &Service) -> Vec<ShapeId> {
        let mut out = std::collections::BTreeSet::new();
        out.extend(service.operations.iter().cloned());
        let mut stack: Vec<&ShapeId> = service.resources.iter().collect();
        let mut seen = std::collections::BTreeSet::new();
        while let Some(res) = stack.pop() {
            if !seen.insert(res.clone()) {
                continue;
            }
            if let Some(Shape { kind: ShapeKind::Resource(r), .. }) = self.shapes.get(res) {
                out.extend(r.all_operations().cloned());
                stack.extend(&r.resources);
            }
        }
        out.into_iter().collect()
    }
}

#[cfg(test)]
mod tests;
