//! JSON AST → [`Model`]: parsing, mixin flattening, `apply`, and validation.
//!
//! Every failure names the shape id (with `$member` where it applies) or the JSON path.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Member, Model, Operation, Resource, Service, Shape, ShapeId, ShapeKind, Simple, Traits, prelude, traits::ids};
use crate::error::{Error, Result};

#[derive(Deserialize)]
struct AstRef {
    target: String,
}

#[derive(Deserialize)]
struct AstMember {
    target: String,
    #[serde(default)]
    traits: Map<String, Value>,
}

/// The parts any shape may have; which are allowed depends on `type`.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct AstShape {
    #[serde(rename = "type")]
    kind: String,
    traits: Map<String, Value>,
    mixins: Vec<AstRef>,
    members: Option<IndexMap<String, AstMember>>,
    member: Option<AstMember>,
    key: Option<AstMember>,
    value: Option<AstMember>,
    // service
    version: Option<String>,
    operations: Vec<AstRef>,
    resources: Vec<AstRef>,
    errors: Vec<AstRef>,
    rename: BTreeMap<String, String>,
    // operation
    input: Option<AstRef>,
    output: Option<AstRef>,
    // resource
    identifiers: IndexMap<String, AstRef>,
    properties: IndexMap<String, AstRef>,
    create: Option<AstRef>,
    put: Option<AstRef>,
    read: Option<AstRef>,
    update: Option<AstRef>,
    delete: Option<AstRef>,
    list: Option<AstRef>,
    collection_operations: Vec<AstRef>,
}

/// Parses, flattens and validates a JSON AST document.
pub fn load(text: &str) -> Result<Model> {
    let doc: Value = serde_json::from_str(text).map_err(|e| Error::Json { line: e.line(), column: e.column(), message: e.to_string() })?;
    let Value::Object(mut doc) = doc else {
        return Err(ast("$", "the document must be a JSON object"));
    };
    match doc.get("smithy") {
        Some(Value::String(v)) if v.starts_with("2") || v.starts_with("1") => {}
        Some(other) => return Err(ast("smithy", format!("unsupported Smithy IDL version {other}"))),
        None => return Err(ast("smithy", "missing the `smithy` version field")),
    }
    let metadata = match doc.remove("metadata") {
        None => Map::new(),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(ast("metadata", "must be an object")),
    };
    let raw_shapes = match doc.remove("shapes") {
        None => Map::new(),
        Some(Value::Object(m)) => m,
        Some(_) => return Err(ast("shapes", "must be an object")),
    };

    let mut raw: BTreeMap<ShapeId, AstShape> = BTreeMap::new();
    let mut applies: Vec<(ShapeId, Map<String, Value>)> = Vec::new();
    for (id_text, value) in raw_shapes {
        let id = ShapeId::parse(&id_text).map_err(|e| ast(format!("shapes.{id_text}"), e))?;
        if id.member().is_some() && value.get("type").and_then(Value::as_str) != Some("apply") {
            return Err(Error::shape(&id, "a member id cannot define a shape"));
        }
        let shape = AstShape::deserialize(&value).map_err(|e| Error::shape(&id, format!("invalid shape: {e}")))?;
        if shape.kind == "apply" {
            applies.push((id, shape.traits));
        } else {
            raw.insert(id, shape);
        }
    }

    let mut shapes: BTreeMap<ShapeId, Shape> = prelude::shapes().into_iter().map(|s| (s.id.clone(), s)).collect();
    let ids: Vec<ShapeId> = raw.keys().cloned().collect();
    for id in &ids {
        if shapes.contains_key(id) {
            return Err(Error::shape(id, "redefines a prelude shape"));
        }
    }
    let mut building = BTreeSet::new();
    for id in &ids {
        build_shape(id, &raw, &mut shapes, &mut building)?;
    }
    for (target, trait_map) in applies {
        apply(&target, &trait_map, &mut shapes)?;
    }
    let model = Model { shapes, metadata, exact_numbers: super::numbers::ExactNumbers::scan(text) };
    validate(&model)?;
    Ok(model)
}

fn ast(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Ast { path: path.into(), message: message.into() }
}

fn parse_ref(owner: &ShapeId, what: &str, text: &str) -> Result<ShapeId> {
    ShapeId::parse(text).map_err(|e| Error::shape(owner, format!("{what}: {e}")))
}

fn parse_traits(owner: &ShapeId, traits: &Map<String, Value>) -> Result<Traits> {
    let mut map = BTreeMap::new();
    for (k, v) in traits {
        let id = ShapeId::parse(k).map_err(|e| Error::shape(owner, format!("trait id: {e}")))?;
        map.insert(id, v.clone());
    }
    let traits = Traits::new(map);
    traits.validate().map_err(|(trait_id, problem)| Error::shape(owner, format!("invalid `{trait_id}` trait value: {problem}")))?;
    Ok(traits)
}

fn parse_member(container: &ShapeId, name: &str, m: &AstMember) -> Result<Member> {
    let id = container.with_member(name);
    Ok(Member { target: parse_ref(&id, "member target", &m.target)?, traits: parse_traits(&id, &m.traits)?, name: name.to_owned(), id })
}

fn parse_members(id: &ShapeId, members: &Option<IndexMap<String, AstMember>>) -> Result<IndexMap<String, Member>> {
    let mut out = IndexMap::new();
    for (name, m) in members.iter().flatten() {
        out.insert(name.clone(), parse_member(id, name, m)?);
    }
    Ok(out)
}

fn refs(owner: &ShapeId, what: &str, list: &[AstRef]) -> Result<Vec<ShapeId>> {
    list.iter().map(|r| parse_ref(owner, what, &r.target)).collect()
}

fn required_member(id: &ShapeId, kind: &str, name: &str, m: &Option<AstMember>) -> Result<Member> {
    let m = m.as_ref().ok_or_else(|| Error::shape(id, format!("a {kind} needs a `{name}` member")))?;
    parse_member(id, name, m)
}

/// Builds one shape, building its mixins first so their members can be copied in.
fn build_shape(
    id: &ShapeId,
    raw: &BTreeMap<ShapeId, AstShape>,
    shapes: &mut BTreeMap<ShapeId, Shape>,
    building: &mut BTreeSet<ShapeId>,
) -> Result<()> {
    if shapes.contains_key(id) {
        return Ok(());
    }
    let Some(ast) = raw.get(id) else {
        return Err(Error::shape(id, "does not exist"));
    };
    if !building.insert(id.clone()) {
        return Err(Error::shape(id, "mixins form a cycle"));
    }
    let mut mixins = Vec::new();
    for m in &ast.mixins {
        let mixin_id = parse_ref(id, "mixin", &m.target)?;
        if !raw.contains_key(&mixin_id) {
            return Err(Error::shape(id, format!("mixin `{mixin_id}` does not exist")));
        }
        build_shape(&mixin_id, raw, shapes, building)?;
        mixins.push(mixin_id);
    }
    let mut shape = Shape { id: id.clone(), traits: parse_traits(id, &ast.traits)?, kind: parse_kind(id, ast)? };
    for mixin_id in &mixins {
        let mixin = &shapes[mixin_id];
        if !mixin.traits.has(ids::MIXIN) {
            return Err(Error::shape(id, format!("`{mixin_id}` is used as a mixin but lacks the @mixin trait")));
        }
        if mixin.kind.type_name() != shape.kind.type_name() {
            return Err(Error::shape(id, format!("mixin `{mixin_id}` is a {}", mixin.kind.type_name())));
        }
        inherit(&mut shape, mixin);
    }
    building.remove(id);
    shapes.insert(id.clone(), shape);
    Ok(())
}

/// Copies a mixin's members (first, re-parented) and non-local traits into `shape`.
fn inherit(shape: &mut Shape, mixin: &Shape) {
    let local: BTreeSet<String> = mixin
        .traits
        .get(ids::MIXIN)
        .and_then(|v| v.get("localTraits"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    let mut inherited = mixin.traits.clone();
    inherited.remove(ids::MIXIN);
    for l in &local {
        inherited.remove(l);
    }
    shape.traits.merge_missing(&inherited);
    let id = shape.id.clone();
    let reparent = |m: &Member| Member { id: id.with_member(&m.name), ..m.clone() };
    match (&mut shape.kind, &mixin.kind) {
        (ShapeKind::Structure(own), ShapeKind::Structure(theirs))
        | (ShapeKind::Union(own), ShapeKind::Union(theirs))
        | (ShapeKind::Enum(own), ShapeKind::Enum(theirs))
        | (ShapeKind::IntEnum(own), ShapeKind::IntEnum(theirs)) => {
            let mut merged: IndexMap<String, Member> = theirs.values().map(|m| (m.name.clone(), reparent(m))).collect();
            for (name, m) in own.drain(..) {
                // A member redeclared locally keeps the mixin's traits it does not override.
                let m = match merged.shift_remove(&name) {
                    Some(inherited) => {
                        let mut m = m;
                        m.traits.merge_missing(&inherited.traits);
                        m
                    }
                    None => m,
                };
                merged.insert(name, m);
            }
            *own = merged;
        }
        _ => {}
    }
}

fn parse_kind(id: &ShapeId, ast: &AstShape) -> Result<ShapeKind> {
    check_member_fields(id, ast)?;
    if let Some(simple) = Simple::from_type_name(&ast.kind) {
        return Ok(ShapeKind::Simple(simple));
    }
    Ok(match ast.kind.as_str() {
        "enum" => ShapeKind::Enum(parse_members(id, &ast.members)?),
        "intEnum" => ShapeKind::IntEnum(parse_members(id, &ast.members)?),
        "structure" => ShapeKind::Structure(parse_members(id, &ast.members)?),
        "union" => ShapeKind::Union(parse_members(id, &ast.members)?),
        "list" | "set" => ShapeKind::List(required_member(id, "list", "member", &ast.member)?),
        "map" => ShapeKind::Map { key: required_member(id, "map", "key", &ast.key)?, value: required_member(id, "map", "value", &ast.value)? },
        "service" => ShapeKind::Service(Service {
            version: ast.version.clone(),
            operations: refs(id, "service operation", &ast.operations)?,
            resources: refs(id, "service resource", &ast.resources)?,
            errors: refs(id, "service error", &ast.errors)?,
            rename: ast.rename.iter().map(|(k, v)| Ok((parse_ref(id, "rename", k)?, v.clone()))).collect::<Result<_>>()?,
        }),
        "operation" => ShapeKind::Operation(Operation {
            input: match &ast.input {
                Some(r) => parse_ref(id, "operation input", &r.target)?,
                None => prelude::unit(),
            },
            output: match &ast.output {
                Some(r) => parse_ref(id, "operation output", &r.target)?,
                None => prelude::unit(),
            },
            errors: refs(id, "operation error", &ast.errors)?,
        }),
        "resource" => {
            let named = |m: &IndexMap<String, AstRef>, what: &str| -> Result<IndexMap<String, ShapeId>> {
                m.iter().map(|(k, r)| Ok((k.clone(), parse_ref(id, what, &r.target)?))).collect()
            };
            let mut lifecycle = BTreeMap::new();
            for (name, r) in [
                ("create", &ast.create),
                ("put", &ast.put),
                ("read", &ast.read),
                ("update", &ast.update),
                ("delete", &ast.delete),
                ("list", &ast.list),
            ] {
                if let Some(r) = r {
                    lifecycle.insert(name.to_owned(), parse_ref(id, name, &r.target)?);
                }
            }
            ShapeKind::Resource(Resource {
                identifiers: named(&ast.identifiers, "resource identifier")?,
                properties: named(&ast.properties, "resource property")?,
                lifecycle,
                operations: refs(id, "resource operation", &ast.operations)?,
                collection_operations: refs(id, "resource collection operation", &ast.collection_operations)?,
                resources: refs(id, "resource child", &ast.resources)?,
            })
        }
        other => return Err(Error::shape(id, format!("unknown shape type `{other}`"))),
    })
}

/// Member fields only where the shape type has them: `members` on structures, unions and
/// enums, `member` on lists, `key` and `value` on maps.
fn check_member_fields(id: &ShapeId, ast: &AstShape) -> Result<()> {
    let kind = ast.kind.as_str();
    let allowed: &[&str] = match kind {
        "structure" | "union" | "enum" | "intEnum" => &["members"],
        "list" | "set" => &["member"],
        "map" => &["key", "value"],
        _ => &[],
    };
    let present = [("members", ast.members.is_some()), ("member", ast.member.is_some()), ("key", ast.key.is_some()), ("value", ast.value.is_some())];
    for (field, is_set) in present {
        if is_set && !allowed.contains(&field) {
            return Err(Error::shape(id, format!("a {kind} cannot have `{field}` (only aggregate shapes have members)")));
        }
    }
    Ok(())
}

/// Merges `apply` traits into a shape or member. List-valued traits are concatenated.
fn apply(target: &ShapeId, trait_map: &Map<String, Value>, shapes: &mut BTreeMap<ShapeId, Shape>) -> Result<()> {
    let traits = parse_traits(target, trait_map)?;
    let shape = shapes.get_mut(target.root().as_str()).ok_or_else(|| Error::shape(target, "`apply` targets a shape that does not exist"))?;
    let existing: &mut Traits = match target.member() {
        None => &mut shape.traits,
        Some(name) => match &mut shape.kind {
            ShapeKind::Structure(m) | ShapeKind::Union(m) | ShapeKind::Enum(m) | ShapeKind::IntEnum(m) => {
                &mut m.get_mut(name).ok_or_else(|| Error::shape(target, "`apply` targets a missing member"))?.traits
            }
            ShapeKind::List(m) if name == "member" => &mut m.traits,
            ShapeKind::Map { key, .. } if name == "key" => &mut key.traits,
            ShapeKind::Map { value, .. } if name == "value" => &mut value.traits,
            _ => return Err(Error::shape(target, "`apply` targets a missing member")),
        },
    };
    for (k, v) in traits.iter() {
        let merged = match (existing.get(k.as_str()), v) {
            (Some(Value::Array(a)), Value::Array(b)) => Value::Array(a.iter().chain(b).cloned().collect()),
            _ => v.clone(),
        };
        existing.insert(k.clone(), merged);
    }
    Ok(())
}

/// Checks every reference resolves to a shape of the right kind.
fn validate(model: &Model) -> Result<()> {
    let kind_of = |id: &ShapeId| model.get(id).map(|s| &s.kind);
    for shape in model.shapes() {
        let id = &shape.id;
        for member in shape.kind.members() {
            match kind_of(&member.target) {
                None => {
                    return Err(Error::shape(&member.id, format!("target `{}` does not exist", member.target)));
                }
                Some(k @ (ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_))) => {
                    return Err(Error::shape(
                        &member.id,
                        format!("targets `{}`, a {}, which cannot be a member target", member.target, k.type_name()),
                    ));
                }
                Some(_) => {}
            }
        }
        match &shape.kind {
            ShapeKind::Enum(members) => {
                for m in members.values() {
                    if m.target != prelude::unit() {
                        return Err(Error::shape(&m.id, "enum members must target smithy.api#Unit"));
                    }
                    if let Some(super::traits::EnumValue::Int(_)) = m.traits.enum_value() {
                        return Err(Error::shape(&m.id, "enum member values must be strings"));
                    }
                }
            }
            ShapeKind::IntEnum(members) => {
                for m in members.values() {
                    if !matches!(m.traits.enum_value(), Some(super::traits::EnumValue::Int(_))) {
                        return Err(Error::shape(&m.id, "intEnum members need an integer @enumValue"));
                    }
                }
            }
            ShapeKind::Map { key, .. } => match kind_of(&key.target) {
                Some(ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_)) => {}
                _ => return Err(Error::shape(&key.id, "map keys must target a string or enum shape")),
            },
            ShapeKind::Operation(op) => {
                for (what, target) in [("input", &op.input), ("output", &op.output)] {
                    expect_structure(model, id, what, target)?;
                }
                check_http_labels(model, shape, op)?;
                for e in &op.errors {
                    expect_error(model, id, e)?;
                }
            }
            ShapeKind::Service(svc) => {
                for op in &svc.operations {
                    expect_kind(model, id, "operation", op, |k| matches!(k, ShapeKind::Operation(_)))?;
                }
                for r in &svc.resources {
                    expect_kind(model, id, "resource", r, |k| matches!(k, ShapeKind::Resource(_)))?;
                }
                for e in &svc.errors {
                    expect_error(model, id, e)?;
                }
            }
            ShapeKind::Resource(res) => {
                for op in res.all_operations() {
                    expect_kind(model, id, "operation", op, |k| matches!(k, ShapeKind::Operation(_)))?;
                }
                for r in &res.resources {
                    expect_kind(model, id, "resource", r, |k| matches!(k, ShapeKind::Resource(_)))?;
                }
            }
            _ => {}
        }
    }
    check_recursion(model)
}

/// The labels of an `@http` URI agree with the input's `@httpLabel` members, both ways.
fn check_http_labels(model: &Model, operation: &Shape, op: &Operation) -> Result<()> {
    let Some(http) = operation.traits.http() else { return Ok(()) };
    let path = http.uri.split('?').next().unwrap_or_default();
    let mut labels = Vec::new();
    for segment in path.split('/') {
        let Some(inner) = segment.strip_prefix('{') else { continue };
        let Some(name) = inner.strip_suffix('}') else {
            return Err(Error::shape(&operation.id, format!("@http URI `{}`: label segment `{segment}` is not closed", http.uri)));
        };
        let name = name.strip_suffix('+').unwrap_or(name);
        if name.is_empty() || labels.contains(&name) {
            return Err(Error::shape(&operation.id, format!("@http URI `{}`: empty or repeated label `{{{name}}}`", http.uri)));
        }
        labels.push(name);
    }
    let members = match model.get(&op.input).map(|s| &s.kind) {
        Some(ShapeKind::Structure(members)) => members,
        _ => return Ok(()),
    };
    for label in &labels {
        if !members.get(*label).is_some_and(|m| m.traits.is_http_label()) {
            return Err(Error::shape(
                &operation.id,
                format!("@http URI `{}` has the label `{{{label}}}`, but input `{}` has no @httpLabel member `{label}`", http.uri, op.input),
            ));
        }
    }
    for m in members.values().filter(|m| m.traits.is_http_label()) {
        if !labels.contains(&m.name.as_str()) {
            return Err(Error::shape(
                &m.id,
                format!("has @httpLabel, but the @http URI `{}` of operation `{}` has no label `{{{}}}`", http.uri, operation.id, m.name),
            ));
        }
    }
    Ok(())
}

/// Recursion Smithy forbids (spec: "Recursive shape definitions"): a cycle of `@required`
/// structure members (no value could ever be built), and lists or maps that contain
/// themselves without a structure or union in between.
fn check_recursion(model: &Model) -> Result<()> {
    let kind_of = |id: &ShapeId| model.get(id).map(|s| &s.kind);
    let mut required_edges: BTreeMap<&ShapeId, Vec<&Member>> = BTreeMap::new();
    let mut collection_edges: BTreeMap<&ShapeId, Vec<&Member>> = BTreeMap::new();
    for shape in model.shapes() {
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let edges = members.values().filter(|m| {
                    m.traits.is_required() && m.traits.default_value().is_none() && matches!(kind_of(&m.target), Some(ShapeKind::Structure(_)))
                });
                required_edges.insert(&shape.id, edges.collect());
            }
            ShapeKind::List(_) | ShapeKind::Map { .. } => {
                let edges =
                    shape.kind.members().into_iter().filter(|m| matches!(kind_of(&m.target), Some(ShapeKind::List(_) | ShapeKind::Map { .. })));
                collection_edges.insert(&shape.id, edges.collect());
            }
            _ => {}
        }
    }
    if let Some(cycle) = find_cycle(&required_edges) {
        return Err(Error::shape(
            &cycle[0].id,
            format!("recursive structure made only of required members ({}): no value could be built; make one of them optional", path_text(&cycle)),
        ));
    }
    if let Some(cycle) = find_cycle(&collection_edges) {
        return Err(Error::shape(
            &cycle[0].id,
            format!("a list or map contains itself with no structure or union in between ({})", path_text(&cycle)),
        ));
    }
    Ok(())
}

fn path_text(cycle: &[&Member]) -> String {
    cycle.iter().map(|m| format!("{} -> ", m.id)).chain(cycle.first().map(|m| m.id.root().as_str().to_owned())).collect()
}

/// The first cycle in a graph of shapes joined by members, as its members in order.
/// Iterative (a model may chain thousands of shapes) and deterministic (sorted nodes).
fn find_cycle<'a>(edges: &BTreeMap<&'a ShapeId, Vec<&'a Member>>) -> Option<Vec<&'a Member>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state: BTreeMap<&ShapeId, State> = edges.keys().map(|id| (*id, State::New)).collect();
    for start in edges.keys() {
        if state[start] != State::New {
            continue;
        }
        // The path from `start`: each entry is a node and the index of its next edge.
        let mut path: Vec<(&ShapeId, usize)> = vec![(start, 0)];
        let mut via: Vec<&Member> = Vec::new();
        state.insert(start, State::OnPath);
        while let Some((node, next)) = path.last_mut() {
            let out = &edges[*node];
            if *next == out.len() {
                state.insert(*node, State::Done);
                path.pop();
                via.pop();
                continue;
            }
            let member = out[*next];
            *next += 1;
            let Some((target, _)) = edges.get_key_value(&member.target) else { continue };
            match state[target] {
                State::Done => {}
                State::OnPath => {
                    let at = path.iter().position(|(n, _)| n == target).unwrap_or(0);
                    let mut cycle: Vec<&Member> = via[at..].to_vec();
                    cycle.push(member);
                    return Some(cycle);
                }
                State::New => {
                    state.insert(*target, State::OnPath);
                    via.push(member);
                    path.push((*target, 0));
                }
            }
        }
    }
    None
}

fn expect_kind(model: &Model, owner: &ShapeId, what: &str, target: &ShapeId, ok: impl Fn(&ShapeKind) -> bool) -> Result<()> {
    match model.get(target) {
        None => Err(Error::shape(owner, format!("{what} `{target}` does not exist"))),
        Some(s) if !ok(&s.kind) => Err(Error::shape(owner, format!("{what} `{target}` is a {}, expected a {what}", s.kind.type_name()))),
        Some(_) => Ok(()),
    }
}

fn expect_structure(model: &Model, owner: &ShapeId, what: &str, target: &ShapeId) -> Result<()> {
    expect_kind(model, owner, what, target, |k| matches!(k, ShapeKind::Structure(_))).map_err(|_| match model.get(target) {
        None => Error::shape(owner, format!("{what} `{target}` does not exist")),
        Some(s) => Error::shape(owner, format!("{what} `{target}` is a {}, expected a structure", s.kind.type_name())),
    })
}

fn expect_error(model: &Model, owner: &ShapeId, target: &ShapeId) -> Result<()> {
    expect_structure(model, owner, "error", target)?;
    if model.get(target).is_some_and(|s| s.traits.error().is_none()) {
        return Err(Error::shape(owner, format!("error `{target}` lacks the @error trait")));
    }
    Ok(())
}
