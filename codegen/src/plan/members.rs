//! One member of a structure as the emitters see it: names, Rust type, optionality,
//! default, sensitivity, and the accessor shapes that follow from the type.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::context::Ctx;
use super::scope::Scope;
use crate::error::{Error, Result};
use crate::model::{Member, Model, ShapeId, ShapeKind, Simple};
use crate::naming::{self, ident};

/// How values of a member's type are passed in and out of accessors.
#[derive(Clone)]
pub enum Form {
    /// `String`: setters take `impl Into<String>`, getters return `&str`.
    Str,
    /// Numbers and booleans: by value.
    Copy,
    /// `Vec<T>`: setters append one `impl Into<T>`, getters return `&[T]`.
    List(TokenStream),
    /// `HashMap<String, V>`: setters insert one entry.
    Map(TokenStream),
    /// Anything else: setters take `T`, getters return `&T`.
    Other,
}

/// A member, ready to emit.
pub struct MemberInfo<'m> {
    /// The model member.
    pub member: &'m Member,
    /// Field, getter and setter name.
    pub field: Ident,
    /// The field name as text without `r#` (for error messages).
    pub field_text: String,
    /// The setter taking a value: `x`, or `with_x` for names such as `is_x`.
    pub setter: Ident,
    /// `set_x`.
    pub set_opt: Ident,
    /// Name in JSON bodies.
    pub wire: String,
    /// The Rust type, without `Option` (boxed when recursive).
    pub ty: TokenStream,
    /// The value type without the box.
    pub ty_unboxed: TokenStream,
    /// How accessors pass it.
    pub form: Form,
    /// Whether the value is boxed.
    pub boxed: bool,
    /// Whether the struct field is an `Option`.
    pub optional: bool,
    /// `@required` (whatever the optionality).
    pub required: bool,
    /// The default for a non-optional member with `@default`.
    pub default: Option<TokenStream>,
    /// Error correction value for a non-optional required member without default.
    pub zero: Option<TokenStream>,
    /// Redacted in `Debug`.
    pub sensitive: bool,
    /// The `@timestampFormat` of its timestamps in JSON bodies, when not epoch seconds.
    pub body_format: Option<crate::model::traits::TimestampFormat>,
    /// Its `bigInteger`/`bigDecimal` values (alone, or in a list or map) are strings in
    /// bodies (the protocol's [`BodyRules`](super::BodyRules)).
    pub big_text: bool,
    /// A `@streaming` blob or an event stream: a `ByteStream`, an `EventSender` or an
    /// `EventReceiver` (no `Clone`, no `PartialEq`), sent as it is read or handed the body
    /// unread.
    pub streaming: bool,
    /// An event stream: an input's `EventSender`, an output's `EventReceiver`.
    pub events: bool,
    /// The member's documentation and its target's, as the model has them (rendered on
    /// demand: only emitters need them).
    docs: [Option<&'m str>; 2],
}

/// The members of a structure, in declaration order. `input` makes every member optional
/// (the `@input` rule), whatever the shape's own traits say.
pub fn members<'m>(ctx: &Ctx<'m>, container: &ShapeId, input: bool, scope: &mut Scope) -> Result<Vec<MemberInfo<'m>>> {
    let model: &'m Model = ctx.model;
    let members = model.structure_members(container)?;
    let mut seen = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for member in members.values() {
        let info = member_info(ctx, container, member, input, scope)?;
        if let Some(other) = seen.insert(info.field_text.clone(), member.name.clone()) {
            return Err(Error::shape(&member.id, format!("members `{other}` and `{}` both become the Rust name `{}`", member.name, info.field_text)));
        }
        out.push(info);
    }
    Ok(out)
}

fn member_info<'m>(ctx: &Ctx<'m>, container: &ShapeId, member: &'m Member, input: bool, scope: &mut Scope) -> Result<MemberInfo<'m>> {
    let names = naming::MemberNames::of(&member.name, ctx.model.get(container).is_some_and(|s| s.traits.error().is_some()));
    let name = names.field.as_str();
    let target = ctx.model.expect(&member.target, &member.id)?;
    // A `@streaming` blob is a `ByteStream`: an output's is read as it arrives (and is
    // never unset), an input's is sent as it is read. An output's event stream is an
    // `EventReceiver` of its union's events, ended by the operation's errors.
    // An input's event stream is an `EventSender` of the union's events.
    let events = ctx.is_event_stream(&member.target) && if input { ctx.protocol.writes_event_streams() } else { ctx.protocol.reads_event_streams() };
    let streaming = ctx.is_stream_blob(&member.target) || events;
    let ty_unboxed = if events && input {
        let sender = scope.import("crate::event_stream", "EventSender");
        let union = ctx.type_ref(&member.target, scope).map_err(|e| at_member(e, member))?;
        quote!(#sender<#union>)
    } else if events {
        let receiver = scope.import("crate::event_stream", "EventReceiver");
        let union = ctx.type_ref(&member.target, scope).map_err(|e| at_member(e, member))?;
        let error = ctx.output_error_type(container, scope).map_err(|e| at_member(e, member))?;
        quote!(#receiver<#union, #error>)
    } else if streaming {
        scope.import("crate::byte_stream", "ByteStream")
    } else {
        ctx.value_type(&member.target, scope).map_err(|e| at_member(e, member))?
    };
    // Boxed when recursive, or when it would make its union's variants far apart in size.
    let boxed = !events
        && ((matches!(target.kind, ShapeKind::Structure(_) | ShapeKind::Union(_)) && ctx.needs_box(container, member))
            || super::size::boxed_for_size(ctx, container, &member.name));
    let ty = if boxed { quote!(Box<#ty_unboxed>) } else { ty_unboxed.clone() };
    let form = match &target.kind {
        ShapeKind::Simple(Simple::String) => Form::Str,
        ShapeKind::Simple(
            Simple::Boolean | Simple::Byte | Simple::Short | Simple::Integer | Simple::Long | Simple::Float | Simple::Double | Simple::Timestamp,
        ) => Form::Copy,
        ShapeKind::List(item) => {
            let item_ty = ctx.value_type(&item.target, scope)?;
            if target.traits.is_sparse() { Form::List(quote!(Option<#item_ty>)) } else { Form::List(item_ty) }
        }
        ShapeKind::Map { value, .. } => {
            let v = ctx.value_type(&value.target, scope)?;
            if target.traits.is_sparse() { Form::Map(quote!(Option<#v>)) } else { Form::Map(v) }
        }
        _ => Form::Other,
    };
    let required = member.traits.is_required();
    let default = match ctx.default_value(member) {
        Some(v) if !streaming => value_expr(ctx, &member.target, v, scope).map_err(|e| at_member(e, member))?,
        _ => None,
    };
    let zero = if streaming { None } else { zero_value(ctx, &member.target, scope)? };
    let default = if events {
        Some(quote!(<#ty_unboxed>::default()))
    } else if streaming && !input {
        Some(quote!(#ty_unboxed::default()))
    } else {
        default
    };
    let present = !input && (streaming || (!member.traits.is_client_optional() && (default.is_some() || (required && zero.is_some()))));
    Ok(MemberInfo {
        member,
        field: ident(name),
        field_text: name.trim_start_matches("r#").to_owned(),
        setter: ident(&names.setter),
        set_opt: ident(&names.set_opt),
        wire: ctx.wire_name(member).to_owned(),
        ty,
        ty_unboxed,
        form,
        boxed,
        optional: !present,
        required,
        default: if present { default } else { None },
        zero: if present && !streaming && ctx.default_value(member).is_none() { zero } else { None },
        streaming,
        events,
        sensitive: ctx.is_sensitive(member),
        body_format: ctx.body_timestamp_format(member),
        big_text: ctx.protocol.body_rules().big_numbers_as_text && holds_big_numbers(ctx, &member.target),
        docs: [member.traits.documentation(), target.traits.documentation()],
    })
}

/// Whether values of `target` are big numbers, or a list or map of them.
fn holds_big_numbers(ctx: &Ctx<'_>, target: &ShapeId) -> bool {
    let big = |id: &ShapeId| ctx.model.get(id).is_some_and(|s| matches!(s.kind, ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal)));
    match ctx.model.get(target).map(|s| &s.kind) {
        Some(ShapeKind::List(item)) => big(&item.target),
        Some(ShapeKind::Map { value, .. }) => big(&value.target),
        _ => big(target),
    }
}

fn at_member(e: Error, member: &Member) -> Error {
    match e {
        Error::Unsupported { message, .. } => Error::unsupported(&member.id, message),
        other => other,
    }
}

/// The first paragraph of HTML docs (up to the first `</p>`), for short accessor docs.
fn first_paragraph(html: &str) -> &str {
    match html.find("</p>") {
        Some(end) => &html[..end + 4],
        None => html,
    }
}

/// A Rust expression for a model value (a `@default`, or a value in an example) of
/// shape `target`. `None` when the type has no literal form here.
pub fn value_expr(ctx: &Ctx<'_>, target: &ShapeId, value: &Value, scope: &mut Scope) -> Result<Option<TokenStream>> {
    let shape = ctx.model.expect(target, target)?;
    let bad = || Error::shape(target, format!("value {value} does not fit a {}", shape.kind.type_name()));
    Ok(Some(match (&shape.kind, value) {
        (ShapeKind::Simple(Simple::String), Value::String(s)) => quote!(String::from(#s)),
        (ShapeKind::Simple(Simple::Boolean), Value::Bool(b)) => quote!(#b),
        (ShapeKind::Simple(Simple::Timestamp), Value::Number(n)) => {
            let ty = scope.import("crate::primitives", "DateTime");
            let secs = Literal::f64_unsuffixed(n.as_f64().ok_or_else(bad)?);
            quote!(#ty::from_secs_f64(#secs))
        }
        // A blob's default is base64 text.
        (ShapeKind::Simple(Simple::Blob), Value::String(text)) => {
            use base64::Engine;
            let ty = scope.import("crate::primitives", "Blob");
            let bytes = base64::engine::general_purpose::STANDARD.decode(text).map_err(|_| bad())?;
            match String::from_utf8(bytes) {
                Ok(text) => quote!(#ty::from(#text)),
                Err(e) => {
                    let bytes = e.into_bytes();
                    quote!(#ty::new(vec![#(#bytes),*]))
                }
            }
        }
        (ShapeKind::Simple(Simple::Document), v) => {
            scope.import("crate::primitives", "Document");
            super::document::literal(&quote!(crate), v)
        }
        (ShapeKind::Simple(Simple::Timestamp | Simple::Blob), _) => return Ok(None),
        (ShapeKind::Simple(big @ (Simple::BigInteger | Simple::BigDecimal)), v) => {
            let ty = scope.import("crate::primitives", if *big == Simple::BigInteger { "BigInteger" } else { "BigDecimal" });
            big_number_expr(ctx.model, &ty, *big, v).map_err(|why| Error::shape(target, why))?.ok_or_else(bad)?
        }
        (ShapeKind::Simple(simple), Value::Number(n)) => number_literal(*simple, n).ok_or_else(bad)?,
        (ShapeKind::Enum(_), Value::String(s)) => {
            let ty = ctx.type_ref(target, scope)?;
            quote!(#ty::from(#s))
        }
        (ShapeKind::IntEnum(_), Value::Number(n)) => {
            let ty = ctx.type_ref(target, scope)?;
            let n = Literal::i32_unsuffixed(n.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(bad)?);
            quote!(#ty::from(#n))
        }
        (ShapeKind::List(_), Value::Array(a)) if a.is_empty() => quote!(Vec::new()),
        (ShapeKind::Map { .. }, Value::Object(o)) if o.is_empty() => {
            let map = scope.import("std::collections", "HashMap");
            quote!(#map::new())
        }
        (ShapeKind::Simple(_) | ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::List(_) | ShapeKind::Map { .. }, _) => {
            return Ok(None);
        }
        _ => return Err(bad()),
    }))
}

/// A `BigInteger` or `BigDecimal` (type `ty`) for a model value: a JSON number, with the
/// digits the model wrote (`Model::number_text`), or a string holding one. `Ok(None)` when
/// the value is not a number of that kind; an error when its digits cannot be known.
pub fn big_number_expr(model: &Model, ty: &TokenStream, simple: Simple, value: &Value) -> std::result::Result<Option<TokenStream>, String> {
    if let Value::Number(n) = value {
        if let Some(i) = n.as_i64() {
            let i = Literal::i64_suffixed(i);
            return Ok(Some(quote!(#ty::from(#i))));
        }
        if let Some(u) = n.as_u64() {
            let u = Literal::u64_suffixed(u);
            return Ok(Some(quote!(#ty::from(#u))));
        }
    }
    let text = match value {
        Value::Number(n) => model.number_text(n)?,
        Value::String(s) => s.clone(),
        _ => return Ok(None),
    };
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let valid = match simple {
        Simple::BigInteger => !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()),
        _ => digits.starts_with(|c: char| c.is_ascii_digit()) && text.parse::<f64>().is_ok_and(f64::is_finite),
    };
    // Checked here, so the runtime parse cannot fail.
    Ok(valid.then(|| quote!(#text.parse::<#ty>().unwrap_or_default())))
}

fn number_literal(simple: Simple, n: &serde_json::Number) -> Option<TokenStream> {
    let int = n.as_i64();
    Some(match simple {
        Simple::Byte => Literal::i8_suffixed(i8::try_from(int?).ok()?).into_token_stream(),
        Simple::Short => Literal::i16_suffixed(i16::try_from(int?).ok()?).into_token_stream(),
        Simple::Integer => Literal::i32_suffixed(i32::try_from(int?).ok()?).into_token_stream(),
        Simple::Long => Literal::i64_suffixed(int?).into_token_stream(),
        Simple::Float => Literal::f32_suffixed(n.as_f64()? as f32).into_token_stream(),
        Simple::Double => Literal::f64_suffixed(n.as_f64()?).into_token_stream(),
        _ => return None,
    })
}

use quote::ToTokens;

/// The value clients fill in when a server omits a required member (Smithy's client
/// error correction). `None` for shapes with no zero value here.
fn zero_value(ctx: &Ctx<'_>, target: &ShapeId, scope: &mut Scope) -> Result<Option<TokenStream>> {
    let shape = ctx.model.expect(target, target)?;
    Ok(match &shape.kind {
        ShapeKind::Simple(Simple::String) => Some(quote!(String::new())),
        ShapeKind::Simple(Simple::Boolean) => Some(quote!(false)),
        ShapeKind::Simple(s @ (Simple::Byte | Simple::Short | Simple::Integer | Simple::Long | Simple::Float | Simple::Double)) => {
            number_literal(*s, &serde_json::Number::from(0))
        }
        ShapeKind::Simple(Simple::Timestamp) => {
            let ty = scope.import("crate::primitives", "DateTime");
            Some(quote!(#ty::from_secs(0)))
        }
        ShapeKind::Simple(Simple::Blob) => {
            let ty = scope.import("crate::primitives", "Blob");
            Some(quote!(#ty::default()))
        }
        ShapeKind::Simple(Simple::Document) => {
            let ty = scope.import("crate::primitives", "Document");
            Some(quote!(#ty::Null))
        }
        ShapeKind::Simple(big @ (Simple::BigInteger | Simple::BigDecimal)) => {
            let ty = scope.import("crate::primitives", if *big == Simple::BigInteger { "BigInteger" } else { "BigDecimal" });
            Some(quote!(#ty::default()))
        }
        ShapeKind::List(_) => Some(quote!(Vec::new())),
        ShapeKind::Map { .. } => {
            let map = scope.import("std::collections", "HashMap");
            Some(quote!(#map::new()))
        }
        ShapeKind::Enum(_) => {
            let ty = ctx.type_ref(target, scope)?;
            Some(quote!(#ty::from("")))
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.type_ref(target, scope)?;
            Some(quote!(#ty::from(0)))
        }
        _ => None,
    })
}

impl<'m> MemberInfo<'m> {
    /// A required member a response can leave out, filled with its zero value by error
    /// correction (no default, and a zero value exists).
    pub fn zero_when_missing(&self) -> bool {
        !self.optional && self.default.is_none() && self.zero.is_some()
    }

    /// The member's documentation, else its target's; documentation that renders empty
    /// (`<p></p>`) counts as none.
    fn doc_html(&self, ctx: &Ctx<'_>) -> Option<&'m str> {
        self.docs.into_iter().flatten().find(|html| !ctx.markdown(Some(html)).trim().is_empty())
    }

    /// What documents a member that the model does not.
    fn fallback_doc(&self) -> String {
        format!("The `{}` member.", self.member.name)
    }

    /// Its full documentation.
    pub fn doc(&self, ctx: &Ctx<'_>) -> TokenStream {
        ctx.doc_or(self.doc_html(ctx), &self.fallback_doc())
    }

    /// The first paragraph of its documentation (for accessors), unless that renders
    /// empty: then all of it.
    pub fn summary(&self, ctx: &Ctx<'_>) -> TokenStream {
        let html = self.doc_html(ctx);
        let summary = [ctx.markdown(html.map(first_paragraph)), ctx.markdown(html)]
            .into_iter()
            .find(|md| !md.trim().is_empty())
            .unwrap_or_else(|| self.fallback_doc());
        super::context::doc_lines(&summary)
    }

    /// What a JSON body writer serializes for this member's value `v` (a reference):
    /// `&Ser(v)`, or with the member's timestamp format when that is not the default.
    pub fn body_value(&self, v: TokenStream, scope: &mut Scope) -> TokenStream {
        let ser = scope.import("crate::rt::json_write", "Ser");
        if self.big_text {
            let big_text = scope.import("crate::rt::primitives_write", "BigText");
            return quote!(&#ser(&#big_text(#v)));
        }
        match self.body_format {
            Some(format) => {
                let timestamps = scope.import("crate::rt::primitives_write", "Timestamps");
                let format = super::context::format_path(format, scope);
                quote!(&#ser(&#timestamps(#v, #format)))
            }
            None => quote!(&#ser(#v)),
        }
    }

    /// Whether a JSON body writer serializes this member's value as it is (`&Ser(v)`),
    /// with no timestamp format or big-number text around it.
    pub fn plain_body_value(&self) -> bool {
        !self.big_text && self.body_format.is_none()
    }

    /// The struct field type.
    pub fn field_type(&self) -> TokenStream {
        let ty = &self.ty;
        if self.optional { quote!(Option<#ty>) } else { ty.clone() }
    }

    /// The getter on the struct.
    pub fn getter(&self, ctx: &Ctx<'_>) -> TokenStream {
        let (field, ty, summary) = (&self.field, &self.ty_unboxed, self.summary(ctx));
        let (ret, body) = match (&self.form, self.optional) {
            (Form::Str, true) => (quote!(Option<&str>), quote!(self.#field.as_deref())),
            (Form::Str, false) => (quote!(&str), quote!(&self.#field)),
            (Form::Copy, true) => (quote!(Option<#ty>), quote!(self.#field)),
            (Form::Copy, false) => (quote!(#ty), quote!(self.#field)),
            (Form::List(item), true) => (quote!(&[#item]), quote!(self.#field.as_deref().unwrap_or_default())),
            (Form::List(item), false) => (quote!(&[#item]), quote!(&self.#field)),
            (_, true) if self.boxed => (quote!(Option<&#ty>), quote!(self.#field.as_deref())),
            (_, true) => (quote!(Option<&#ty>), quote!(self.#field.as_ref())),
            (_, false) => (quote!(&#ty), quote!(&self.#field)),
        };
        quote! {
            #summary
            #[inline]
            pub fn #field(&self) -> #ret {
                #body
            }
        }
    }

    /// The setter's parameters and the statement that stores them into `<place>.<field>`
    /// (an `Option`; `place` is `self`, or `self.input` in input builders).
    pub fn setter_parts(&self, place: &TokenStream) -> (TokenStream, TokenStream) {
        let (field, ty) = (&self.field, &self.ty_unboxed);
        match &self.form {
            Form::Str => (quote!(input: impl Into<String>), quote!(#place.#field = Some(input.into());)),
            Form::Copy => (quote!(input: #ty), quote!(#place.#field = Some(input);)),
            Form::List(item) => (quote!(input: impl Into<#item>), quote!(#place.#field.get_or_insert_with(Vec::new).push(input.into());)),
            Form::Map(value) => (
                quote!(key: impl Into<String>, value: impl Into<#value>),
                quote!(#place.#field.get_or_insert_with(Default::default).insert(key.into(), value.into());),
            ),
            Form::Other if self.boxed => (quote!(input: #ty), quote!(#place.#field = Some(Box::new(input));)),
            Form::Other => (quote!(input: #ty), quote!(#place.#field = Some(input);)),
        }
    }

    /// A `Debug` field entry: the value, or a redaction marker for sensitive members.
    pub fn debug_field(&self) -> TokenStream {
        let (field, name) = (&self.field, &self.field_text);
        if self.sensitive { quote!(.field(#name, &"*** Sensitive Data Redacted ***")) } else { quote!(.field(#name, &self.#field)) }
    }

    /// `self.x` with `value` filling in when absent, in the form clippy prefers for it.
    pub fn filled(&self, value: &TokenStream) -> TokenStream {
        let field = &self.field;
        if self.events {
            return quote!(self.#field.unwrap_or_default());
        }
        match value.to_string().as_str() {
            "Vec :: new ()" | "String :: new ()" | "HashMap :: new ()" | "Blob :: default ()" | "ByteStream :: default ()" | "Document :: Null" => {
                quote!(self.#field.unwrap_or_default())
            }
            // Cheap values (no allocation) are given directly, as clippy prefers.
            v if matches!(self.form, Form::Copy) || !["from", "new", "vec !", "to_owned"].iter().any(|a| v.contains(a)) => {
                quote!(self.#field.unwrap_or(#value))
            }
            _ => quote!(self.#field.unwrap_or_else(|| #value)),
        }
    }

    /// The one-line doc of `set_x`, pointing at the value setter (`x`, or `with_x`).
    pub fn option_setter_doc(&self) -> TokenStream {
        let setter = self.setter.to_string();
        let setter = setter.trim_start_matches("r#");
        let set = format!(" Sets or clears [`{setter}`](Self::{setter}).");
        quote!(#[doc = #set])
    }

    /// The doc note on list and map setters.
    pub fn setter_note(&self) -> TokenStream {
        match self.form {
            Form::List(_) => quote!(#[doc = ""] #[doc = " Appends one item; call it again to add more."]),
            Form::Map(_) => quote!(#[doc = ""] #[doc = " Inserts one entry; call it again to add more."]),
            _ => quote!(),
        }
    }
}
