//! Model values (`@default`s, `smithy.api#examples`, protocol test parameters) as Rust
//! expressions: builder calls for structures, literals for the rest.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use super::context::{Ctx, TypeHome};
use super::members::{Form, members};
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
            let setter = &info.setter;
            // An input's event stream is sent from events, not built from a value: a value
            // for it stands for a stream without events. An output's is read from the wire.
            if info.events && input && !value.is_null() {
                calls.extend(quote!(.#setter(Default::default())));
                continue;
            }
            if value.is_null() || info.events {
                continue;
            }
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
                        calls.extend(quote!(.#setter(#v)));
                    }
                }
                (Form::Map(_), Value::Object(entries)) => {
                    let value_target = map_value(self.ctx, target)?;
                    let sparse = self.is_sparse(target);
                    for (k, v) in entries {
                        let v = self.item(&value_target, v, sparse)?;
                        calls.extend(quote!(.#setter(#k, #v)));
                    }
                }
                _ => {
                    let v = self.expr(target, value)?;
                    calls.extend(quote!(.#setter(#v)));
                }
            }
        }
        Ok(calls)
    }

    /// A Rust expression for a value of shape `target`.
    fn is_sparse(&self, collection: &ShapeId) -> bool {
        self.ctx.model.get(collection).is_some_and(|s| s.traits.is_sparse())
    }

    /// A list item or map value as the collection holds it: text literals become `String`s
    /// (sparse items already are).
    fn owned(&self, target: &ShapeId, item: TokenStream, sparse: bool) -> TokenStream {
        let text = matches!(self.ctx.model.get(target).map(|s| &s.kind), Some(ShapeKind::Simple(Simple::String)));
        if text && !sparse { quote!(String::from(#item)) } else { item }
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
            (ShapeKind::Simple(Simple::Timestamp), Value::String(_)) => {
                let seconds = timestamp_seconds(value).ok_or_else(bad)?;
                return self.expr(target, &seconds);
            }
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
                super::members::big_number_expr(self.ctx.model, &ty, *big, v).map_err(|why| Error::shape(target, why))?.ok_or_else(bad)?
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
                let items =
                    items.iter().map(|i| Ok(self.owned(&item_target, self.item(&item_target, i, sparse)?, sparse))).collect::<Result<Vec<_>>>()?;
                quote!(vec![#(#items),*])
            }
            (ShapeKind::Map { .. }, Value::Object(entries)) => {
                let value_target = map_value(self.ctx, target)?;
                let sparse = self.is_sparse(target);
                let entries = entries
                    .iter()
                    .map(|(k, v)| {
                        let v = self.owned(&value_target, self.item(&value_target, v, sparse)?, sparse);
                        Ok(quote!((String::from(#k), #v)))
                    })
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
                } else if self.ctx.needs_box(target, m) || super::size::boxed_for_size(self.ctx, target, &m.name) {
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
        super::document::literal(&self.crate_path, value)
    }

    fn type_path(&self, id: &ShapeId) -> Result<TokenStream> {
        let t = self.ctx.types.get(id).ok_or_else(|| Error::shape(id, "is not a generated type"))?;
        let name = ident(&t.name);
        let base = &self.types_path;
        Ok(match t.home {
            TypeHome::Types => quote!(#base::#name),
            TypeHome::Errors => quote!(#base::error::#name),
        })
    }
}

/// A timestamp node value as epoch seconds: the spec allows a number of seconds or an
/// RFC 3339 date-time string (`2023-01-01T00:00:00.5Z`). `None` when it is neither.
pub fn timestamp_seconds(value: &Value) -> Option<Value> {
    match value {
        Value::Number(_) => Some(value.clone()),
        Value::String(text) => {
            let t = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
            // Whole seconds and the fraction apart: nanoseconds since 1970 do not fit an f64.
            match t.nanosecond() {
                0 => Some(Value::from(t.unix_timestamp())),
                nanos => serde_json::Number::from_f64(t.unix_timestamp() as f64 + f64::from(nanos) / 1e9).map(Value::Number),
            }
        }
        _ => None,
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

/// Example timestamps (epoch seconds, as model values are) in a member's body format,
/// alone or in a list or map.
pub fn timestamps_in_format(member: &ShapeId, value: &Value, format: crate::model::traits::TimestampFormat) -> Result<Value> {
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
