//! `smithy.api#examples` → Rust: builder calls for example values, used in the doctests of
//! each operation and in the generated integration tests.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::context::{Ctx, doc_lines};
use super::members::{Form, members};
use super::operation::OpNames;
use super::scope::Scope;
use crate::error::{Error, Result};
use crate::model::traits::EnumValue;
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::naming::{ident, variant_name};

/// Writes example values as Rust expressions.
pub struct ValueWriter<'c, 'm> {
    ctx: &'c Ctx<'m>,
    /// Appended to a fallible `build()`: `?` in doctests, `.expect(..)` in tests.
    pub on_build_error: TokenStream,
    /// How generated types are named: `crate_name::types::Foo` (doctests, tests).
    pub types_path: TokenStream,
    /// The crate, for its `primitives`.
    pub crate_path: TokenStream,
}

impl<'c, 'm> ValueWriter<'c, 'm> {
    /// A writer for code outside the crate named `lib`.
    pub fn new(ctx: &'c Ctx<'m>, on_build_error: TokenStream) -> Self {
        let lib = ident(&ctx.lib);
        ValueWriter { ctx, on_build_error, types_path: quote!(#lib::types), crate_path: quote!(#lib) }
    }

    /// `.member(value)` calls setting `values` on a builder of structure `container`.
    pub fn setter_calls(&self, container: &ShapeId, input: bool, values: &Map<String, Value>) -> Result<TokenStream> {
        let mut scope = Scope::default();
        let infos = members(self.ctx, container, input, &mut scope)?;
        let mut calls = TokenStream::new();
        for (name, value) in values {
            let info = infos
                .iter()
                .find(|m| &m.member.name == name)
                .ok_or_else(|| Error::shape(container, format!("example sets `{name}`, which is not a member")))?;
            if value.is_null() {
                continue;
            }
            let field = &info.field;
            let target = &info.member.target;
            match (&info.form, value) {
                // An empty collection is still a value (a required list can be empty).
                (Form::List(_), Value::Array(items)) if items.is_empty() => {
                    let set = &info.set_opt;
                    calls.extend(quote!(.#set(Some(Vec::new()))));
                }
                (Form::Map(_), Value::Object(entries)) if entries.is_empty() => {
                    let set = &info.set_opt;
                    calls.extend(quote!(.#set(Some(std::collections::HashMap::new()))));
                }
                (Form::List(_), Value::Array(items)) => {
                    let item_target = list_item(self.ctx, target)?;
                    let sparse = self.is_sparse(target);
                    for item in items {
                        let v = self.item(&item_target, item, sparse)?;
                        calls.extend(quote!(.#field(#v)));
                    }
                }
                (Form::Map(_), Value::Object(entries)) => {
                    let value_target = map_value(self.ctx, target)?;
                    let sparse = self.is_sparse(target);
                    for (k, v) in entries {
                        let v = self.item(&value_target, v, sparse)?;
                        calls.extend(quote!(.#field(#k, #v)));
                    }
                }
                _ => {
                    let v = self.expr(target, value)?;
                    calls.extend(quote!(.#field(#v)));
                }
            }
        }
        Ok(calls)
    }

    /// A Rust expression for a value of shape `target`.
    fn is_sparse(&self, collection: &ShapeId) -> bool {
        self.ctx.model.get(collection).is_some_and(|s| s.traits.is_sparse())
    }

    /// A list item or map value: in a sparse collection, `None` for `null`, else `Some`.
    fn item(&self, target: &ShapeId, value: &Value, sparse: bool) -> Result<TokenStream> {
        if !sparse {
            return self.expr(target, value);
        }
        if value.is_null() {
            return Ok(quote!(None));
        }
        let v = self.expr(target, value)?;
        let owned = matches!(self.ctx.model.get(target).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::String)));
        Ok(if owned { quote!(Some(String::from(#v))) } else { quote!(Some(#v)) })
    }

    pub fn expr(&self, target: &ShapeId, value: &Value) -> Result<TokenStream> {
        // A union member targeting `smithy.api#Unit` carries no value.
        if target.as_str() == "smithy.api#Unit" {
            return Ok(quote!(()));
        }
        let shape = self.ctx.model.expect(target, target)?;
        let bad = || Error::shape(target, format!("example value {value} does not fit a {}", shape.kind.type_name()));
        Ok(match (&shape.kind, value) {
            (ShapeKind::Simple(Simple::String), Value::String(s)) => quote!(#s),
            (ShapeKind::Simple(Simple::Boolean), Value::Bool(b)) => quote!(#b),
            (ShapeKind::Simple(Simple::Timestamp), Value::Number(n)) => {
                let base = &self.crate_path;
                match n.as_i64() {
                    Some(secs) => quote!(#base::primitives::DateTime::from_secs(#secs)),
                    None => {
                        let f = Literal::f64_unsuffixed(n.as_f64().ok_or_else(bad)?);
                        quote!(#base::primitives::DateTime::from_secs_f64(#f))
                    }
                }
            }
            (ShapeKind::Simple(Simple::Blob), Value::String(s)) if self.ctx.is_stream_blob(target) => {
                let base = &self.crate_path;
                quote!(#base::byte_stream::ByteStream::from(#s))
            }
            (ShapeKind::Simple(Simple::Blob), Value::String(s)) => {
                let base = &self.crate_path;
                quote!(#base::primitives::Blob::from(#s))
            }
            (ShapeKind::Simple(Simple::Document), v) => self.document(v),
            (ShapeKind::Simple(big @ (Simple::BigInteger | Simple::BigDecimal)), v) => {
                let base = &self.crate_path;
                let ty = if *big == Simple::BigInteger { quote!(#base::primitives::BigInteger) } else { quote!(#base::primitives::BigDecimal) };
                super::members::big_number_expr(&ty, *big, v).ok_or_else(bad)?
            }
            // Non-finite floats, spelled as Smithy spells them in node values.
            (ShapeKind::Simple(simple @ (Simple::Float | Simple::Double)), Value::String(s)) => {
                let ty = if *simple == Simple::Float { quote!(f32) } else { quote!(f64) };
                match s.as_str() {
                    "NaN" => quote!(#ty::NAN),
                    "Infinity" => quote!(#ty::INFINITY),
                    "-Infinity" => quote!(#ty::NEG_INFINITY),
                    _ => return Err(bad()),
                }
            }
            (ShapeKind::Simple(Simple::Float | Simple::Double), Value::Number(n)) => {
                let f = Literal::f64_unsuffixed(n.as_f64().ok_or_else(bad)?);
                quote!(#f)
            }
            (ShapeKind::Simple(_), Value::Number(n)) => {
                let i = Literal::i64_unsuffixed(n.as_i64().ok_or_else(bad)?);
                quote!(#i)
            }
            (ShapeKind::Enum(members), Value::String(s)) => {
                let ty = self.type_path(target)?;
                let known = members.values().find(|m| match m.traits.enum_value() {
                    Some(EnumValue::String(v)) => &v == s,
                    _ => &m.name == s,
                });
                match known {
                    Some(m) => {
                        let v = ident(&variant_name(&m.name));
                        quote!(#ty::#v)
                    }
                    None => quote!(#ty::from(#s)),
                }
            }
            (ShapeKind::IntEnum(_), Value::Number(n)) => {
                let ty = self.type_path(target)?;
                let i = Literal::i64_unsuffixed(n.as_i64().ok_or_else(bad)?);
                quote!(#ty::from(#i))
            }
            (ShapeKind::List(_), Value::Array(items)) => {
                let item_target = list_item(self.ctx, target)?;
                let sparse = self.is_sparse(target);
                let items = items.iter().map(|i| self.item(&item_target, i, sparse)).collect::<Result<Vec<_>>>()?;
                quote!(vec![#(#items.into()),*])
            }
            (ShapeKind::Map { .. }, Value::Object(entries)) => {
                let value_target = map_value(self.ctx, target)?;
                let sparse = self.is_sparse(target);
                let entries = entries
                    .iter()
                    .map(|(k, v)| self.item(&value_target, v, sparse).map(|v| quote!((String::from(#k), #v.into()))))
                    .collect::<Result<Vec<_>>>()?;
                quote!(std::collections::HashMap::from([#(#entries),*]))
            }
            (ShapeKind::Structure(_), Value::Object(values)) => {
                let ty = self.type_path(target)?;
                let calls = self.setter_calls(target, false, values)?;
                let mut scope = Scope::default();
                let spec = super::structure::StructSpec::new(self.ctx, target, "_", super::structure::Role::Data, &mut scope)?;
                let on_err = if spec.fallible { self.on_build_error.clone() } else { quote!() };
                quote!(#ty::builder() #calls .build() #on_err)
            }
            (ShapeKind::Union(members), Value::Object(values)) => {
                let ty = self.type_path(target)?;
                let (name, v) = values.iter().next().ok_or_else(bad)?;
                let m = members.get(name).ok_or_else(bad)?;
                let variant = ident(&variant_name(&m.name));
                let inner = self.expr(&m.target, v)?;
                let is_string = matches!(self.ctx.model.get(&m.target).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::String)));
                if is_string {
                    quote!(#ty::#variant(String::from(#inner)))
                } else if self.ctx.needs_box(target, m) {
                    quote!(#ty::#variant(Box::new(#inner)))
                } else {
                    quote!(#ty::#variant(#inner))
                }
            }
            _ => return Err(bad()),
        })
    }

    /// A `Document` expression for a JSON value.
    pub(super) fn document(&self, value: &Value) -> TokenStream {
        let base = &self.crate_path;
        let doc = quote!(#base::primitives::Document);
        match value {
            Value::Null => quote!(#doc::Null),
            Value::Bool(b) => quote!(#doc::Bool(#b)),
            Value::String(s) => quote!(#doc::String(String::from(#s))),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => quote!(#doc::Number(#base::primitives::Number::PosInt(#u))),
                (None, Some(i), _) => quote!(#doc::Number(#base::primitives::Number::NegInt(#i))),
                (_, _, f) => {
                    let f = Literal::f64_unsuffixed(f.unwrap_or_default());
                    quote!(#doc::Number(#base::primitives::Number::Float(#f)))
                }
            },
            Value::Array(items) => {
                let items = items.iter().map(|i| self.document(i));
                quote!(#doc::Array(vec![#(#items),*]))
            }
            Value::Object(entries) => {
                let entries = entries.iter().map(|(k, v)| {
                    let v = self.document(v);
                    quote!((String::from(#k), #v))
                });
                quote!(#doc::Object(std::collections::HashMap::from([#(#entries),*])))
            }
        }
    }

    fn type_path(&self, id: &ShapeId) -> Result<TokenStream> {
        let t = self.ctx.types.get(id).ok_or_else(|| Error::shape(id, "is not a generated type"))?;
        let name = ident(&t.name);
        let base = &self.types_path;
        Ok(match t.home {
            super::context::TypeHome::Types => quote!(#base::#name),
            super::context::TypeHome::Errors => quote!(#base::error::#name),
        })
    }
}

fn list_item(ctx: &Ctx<'_>, list: &ShapeId) -> Result<ShapeId> {
    match &ctx.model.expect(list, list)?.kind {
        ShapeKind::List(m) => Ok(m.target.clone()),
        _ => Err(Error::shape(list, "expected a list")),
    }
}

fn map_value(ctx: &Ctx<'_>, map: &ShapeId) -> Result<ShapeId> {
    match &ctx.model.expect(map, map)?.kind {
        ShapeKind::Map { value, .. } => Ok(value.target.clone()),
        _ => Err(Error::shape(map, "expected a map")),
    }
}

/// The `# Examples` section of an operation's docs: each example as a doctest that
/// compiles (it is not run: it would need the real service).
pub fn doc_examples(ctx: &Ctx<'_>, op: &ShapeId, names: &OpNames) -> Result<TokenStream> {
    let shape = ctx.model.expect(op, op)?;
    let examples = shape.traits.examples();
    if examples.is_empty() {
        return Ok(quote!());
    }
    let input_id = &ctx.model.operation(op)?.input;
    let writer = ValueWriter::new(ctx, quote!(?));
    let mut md = String::from("\n# Examples\n");
    for example in &examples {
        let calls = writer.setter_calls(input_id, true, example.input.as_ref().unwrap_or(&Map::new()))?;
        let method = &names.method;
        let body = quote! {
            fn f() {
                let output = client.#method() #calls .send().await?;
            }
        };
        let code = super::format_tokens(body, "example")?;
        md.push_str(&format!("\n{}\n", crate::docs::to_markdown(&escape_html(&example.title), &|_: &str| None)));
        if let Some(doc) = example.documentation.as_deref().filter(|d| !d.trim().is_empty()) {
            md.push_str(&format!("\n{}\n", crate::docs::to_markdown(doc, ctx)));
        }
        md.push_str("\n```no_run\n");
        md.push_str(&format!("# async fn example(client: {}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n", ctx.lib));
        // The body of `fn f`, dedented.
        let lines: Vec<&str> = code.lines().collect();
        for line in &lines[1..lines.len().saturating_sub(1)] {
            md.push_str(line.strip_prefix("    ").unwrap_or(line));
            md.push('\n');
        }
        if example.output.is_some() {
            md.push_str("# let _ = output;\n");
        }
        md.push_str("# Ok(())\n# }\n```\n");
    }
    Ok(doc_lines(&md))
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Which way an example value travels: it decides how big numbers are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// In a request: big numbers are JSON numbers, as the client writes them (and as
    /// serde_json parses them back, rounding what does not fit).
    Sent,
    /// In a served response: big numbers are JSON strings, which the client reads exactly.
    Received,
}

/// JSON as the wire carries it: example values by member name → body by `jsonName`,
/// with the effective defaults of nested structures filled in (clients send them).
pub fn wire_json(ctx: &Ctx<'_>, target: &ShapeId, value: &Value, direction: Direction) -> Result<Value> {
    let wire_json = |ctx: &Ctx<'_>, target: &ShapeId, value: &Value| wire_json(ctx, target, value, direction);
    let shape = ctx.model.expect(target, target)?;
    Ok(match (&shape.kind, value) {
        (ShapeKind::Structure(members) | ShapeKind::Union(members), Value::Object(values)) => {
            let mut out = Map::new();
            for (name, v) in values {
                let m = members.get(name).ok_or_else(|| Error::shape(target, format!("example sets unknown member `{name}`")))?;
                let wire = wire_json(ctx, &m.target, v)?;
                let wire = match ctx.body_timestamp_format(m) {
                    Some(format) => timestamps_in_format(&m.id, &wire, format)?,
                    None => wire,
                };
                out.insert(ctx.json_name(m).to_owned(), wire);
            }
            let fills_defaults = matches!(shape.kind, ShapeKind::Structure(_)) && !shape.traits.is_input();
            for m in members.values().filter(|m| fills_defaults && !values.contains_key(&m.name)) {
                if let Some(default) = ctx.default_value(m).filter(|_| !m.traits.is_client_optional()) {
                    out.insert(ctx.json_name(m).to_owned(), default.clone());
                }
            }
            Value::Object(out)
        }
        (ShapeKind::List(m), Value::Array(items)) => Value::Array(items.iter().map(|i| wire_json(ctx, &m.target, i)).collect::<Result<_>>()?),
        (ShapeKind::Map { value: m, .. }, Value::Object(entries)) => {
            Value::Object(entries.iter().map(|(k, v)| Ok((k.clone(), wire_json(ctx, &m.target, v)?))).collect::<Result<_>>()?)
        }
        // Blobs are base64 in JSON bodies; example values are their text.
        (ShapeKind::Simple(Simple::Blob), Value::String(text)) => {
            use base64::Engine;
            Value::String(base64::engine::general_purpose::STANDARD.encode(text.as_bytes()))
        }
        (ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal), Value::String(text)) if direction == Direction::Sent => {
            serde_json::from_str::<Value>(text).map_err(|_| Error::shape(target, format!("example value `{text}` is not a number")))?
        }
        (ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal), Value::Number(n)) if direction == Direction::Received => {
            Value::String(n.to_string())
        }
        _ => value.clone(),
    })
}

/// Example timestamps (epoch seconds, as model values are) in a member's body format,
/// alone or in a list or map.
fn timestamps_in_format(member: &ShapeId, value: &Value, format: crate::model::traits::TimestampFormat) -> Result<Value> {
    use crate::model::traits::TimestampFormat;
    Ok(match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| timestamps_in_format(member, v, format)).collect::<Result<_>>()?),
        Value::Object(entries) => {
            Value::Object(entries.iter().map(|(k, v)| Ok((k.clone(), timestamps_in_format(member, v, format)?))).collect::<Result<_>>()?)
        }
        Value::Number(n) => {
            let bad = || Error::shape(member, format!("example timestamp {n} is out of range"));
            let nanos = (n.as_f64().ok_or_else(bad)? * 1000.0).round() as i128 * 1_000_000;
            let t = time::OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| bad())?;
            let fraction = match t.millisecond() {
                0 => String::new(),
                ms => format!(".{}", format!("{ms:03}").trim_end_matches('0')),
            };
            let (date, clock) = (
                format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day()),
                format!("{:02}:{:02}:{:02}{fraction}", t.hour(), t.minute(), t.second()),
            );
            Value::String(match format {
                TimestampFormat::DateTime => format!("{date}T{clock}Z"),
                TimestampFormat::HttpDate => {
                    let (weekday, month) = (t.weekday().to_string(), t.month().to_string());
                    format!("{}, {:02} {} {:04} {clock} GMT", &weekday[..3], t.day(), &month[..3], t.year())
                }
                TimestampFormat::EpochSeconds => return Ok(value.clone()),
            })
        }
        other => other.clone(),
    })
}
