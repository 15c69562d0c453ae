//! XML bodies: how generated types read themselves from XML (awsQuery, ec2Query and
//! restXml responses) and write themselves as XML (restXml requests), after the model's
//! `@xmlName`, `@xmlFlattened`, `@xmlAttribute` and `@xmlNamespace`; the restXml body codec;
//! and the XML text of the generated tests' replies and expected requests.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{body, http};
use crate::error::{Error, Result};
use crate::model::traits::{TimestampFormat, XmlNamespace};
use crate::model::{Member, Shape, ShapeId, ShapeKind, Simple};
use crate::plan::{Codec, Ctx, MemberInfo, Role, Scope, StructSpec, format_path};

/// The element name of a list's items (its `member`): their `@xmlName`, else `member`.
pub fn item_name(item: &Member) -> &str {
    item.traits.xml_name().unwrap_or("member")
}

/// The element names of a map's keys and values (`key`, `value` unless `@xmlName`).
pub fn entry_names<'a>(key: &'a Member, value: &'a Member) -> (&'a str, &'a str) {
    (key.traits.xml_name().unwrap_or("key"), value.traits.xml_name().unwrap_or("value"))
}

/// Text with XML's special characters escaped (for text and attribute values alike).
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;").replace('\r', "&#xD;")
}

/// The attribute declaring a namespace: `("xmlns", uri)` or `("xmlns:prefix", uri)`.
fn namespace_attribute(ns: &XmlNamespace) -> (String, String) {
    (ns.prefix.as_ref().map_or_else(|| "xmlns".to_owned(), |p| format!("xmlns:{p}")), ns.uri.clone())
}

/// Who is at fault for an error (its shape, when the model declares it), as XML error
/// envelopes say it in `Type`.
fn fault_text(ctx: &Ctx<'_>, error: Option<&ShapeId>) -> &'static str {
    let fault = error.and_then(|id| ctx.model.get(id)).and_then(|s| s.traits.error());
    if fault == Some(crate::model::traits::ErrorFault::Server) { "Receiver" } else { "Sender" }
}

/// The `@timestampFormat` of a timestamp reached through `member` (its own, else the
/// target's), date-time by default.
pub fn timestamp_format(ctx: &Ctx<'_>, member: &Member, target: &ShapeId) -> TimestampFormat {
    http::location_format(ctx, member, target, TimestampFormat::DateTime)
}

// Reading.

/// An expression reading a value of `target` from the current element (`r`), through its
/// end (a `Result`).
fn read_expr(ctx: &Ctx<'_>, target: &ShapeId, scope: &mut Scope) -> Result<TokenStream> {
    let xml = scope.import("crate::rt", "xml");
    let shape = ctx.model.expect(target, target)?;
    Ok(match &shape.kind {
        ShapeKind::List(item) => {
            let name = item_name(item);
            let each = read_fn(ctx, &item.target, shape.traits.is_sparse(), scope)?;
            let list = scope.function("crate::rt::xml", "list");
            quote!(#list(r, #name, #each))
        }
        ShapeKind::Map { key, value } => {
            let (key_name, value_name) = entry_names(key, value);
            let each = read_fn(ctx, &value.target, shape.traits.is_sparse(), scope)?;
            let map = scope.function("crate::rt::xml", "map");
            quote!(#map(r, #key_name, #value_name, #each))
        }
        _ => quote!(#xml::read(r)),
    })
}

/// A function of the reader reading a value of `target` (as [`read_expr`]), wrapped in
/// `Some` for the items of sparse lists and maps.
fn read_fn(ctx: &Ctx<'_>, target: &ShapeId, sparse: bool, scope: &mut Scope) -> Result<TokenStream> {
    let xml = scope.import("crate::rt", "xml");
    let simple = !matches!(ctx.model.get(target).map(|s| &s.kind), Some(ShapeKind::List(_) | ShapeKind::Map { .. }));
    Ok(match (simple, sparse) {
        (true, false) => quote!(#xml::read),
        _ => {
            let expr = read_expr(ctx, target, scope)?;
            let expr = if sparse { quote!(#expr.map(Some)) } else { expr };
            quote!(|r: &mut #xml::XmlReader<'_>| #expr)
        }
    })
}

/// The match arm reading member `m` of a structure from its element.
fn read_arm(ctx: &Ctx<'_>, m: &MemberInfo<'_>, scope: &mut Scope) -> Result<TokenStream> {
    let (field, wire) = (&m.field, &m.wire);
    let target = ctx.model.expect(&m.member.target, &m.member.id)?;
    let flattened = m.member.traits.is_xml_flattened();
    Ok(match &target.kind {
        // A flattened list: each element is an item.
        ShapeKind::List(item) if flattened => {
            let each = read_expr(ctx, &item.target, scope)?;
            let each = if target.traits.is_sparse() { quote!(#each.map(Some)?) } else { quote!(#each?) };
            quote!(#wire => self.#field.get_or_insert_with(Vec::new).push(#each),)
        }
        // A flattened map: each element is an entry.
        ShapeKind::Map { key, value } if flattened => {
            let entry = scope.function("crate::rt::xml", "entry");
            let map = scope.import("std::collections", "HashMap");
            let (key_name, value_name) = entry_names(key, value);
            let each = read_fn(ctx, &value.target, target.traits.is_sparse(), scope)?;
            quote! {
                #wire => {
                    if let (k, Some(v)) = #entry(r, #key_name, #value_name, #each)? {
                        self.#field.get_or_insert_with(#map::new).insert(k, v);
                    }
                }
            }
        }
        _ => {
            let read = read_expr(ctx, &m.member.target, scope)?;
            let value = if m.boxed { quote!(Box::new(#read?)) } else { quote!(#read?) };
            quote!(#wire => self.#field = Some(#value),)
        }
    })
}

/// The impls reading a structure from XML: its builder's `XmlObject` (members from child
/// elements, `@xmlAttribute` members from attributes) and, for types read inside others,
/// `FromXml`.
pub fn reader_impls(ctx: &Ctx<'_>, spec: &StructSpec<'_>, body_members: &[&MemberInfo<'_>], scope: &mut Scope) -> Result<TokenStream> {
    let (xml_object, reader) = (scope.import("crate::rt::xml", "XmlObject"), scope.import("crate::rt::xml", "XmlReader"));
    let (attributes, elements): (Vec<&MemberInfo<'_>>, Vec<&MemberInfo<'_>>) = body_members.iter().partition(|m| m.member.traits.is_xml_attribute());
    let mut arms = Vec::new();
    for m in elements {
        arms.push(read_arm(ctx, m, scope)?);
    }
    let inline = spec.codec_inline();
    let member_fn = if arms.is_empty() {
        quote! {
            #inline
            fn member(&mut self, _name: &str, r: &mut #reader<'_>) -> Result<(), String> {
                r.skip()
            }
        }
    } else {
        quote! {
            #inline
            fn member(&mut self, name: &str, r: &mut #reader<'_>) -> Result<(), String> {
                match name {
                    #(#arms)*
                    _ => r.skip()?,
                }
                Ok(())
            }
        }
    };
    let attribute_fn = if attributes.is_empty() {
        quote!()
    } else {
        let from_text = scope.import("crate::rt::xml", "FromXmlText");
        let reads = attributes.iter().map(|m| {
            let (field, wire) = (&m.field, &m.wire);
            quote!(if name == #wire { self.#field = Some(#from_text::from_text(value)?); })
        });
        quote! {
            #inline
            fn attribute(&mut self, name: &str, value: &str) -> Result<(), String> {
                #(#reads)*
                Ok(())
            }
        }
    };
    let mut out = body::builder_reader(spec, &xml_object, quote!(#member_fn #attribute_fn));
    if matches!(spec.role, Role::Data | Role::Error) {
        let (from_xml, xml) = (scope.import("crate::rt::xml", "FromXml"), scope.import("crate::rt", "xml"));
        let (name, builder) = (&spec.name, &spec.builder);
        out.extend(quote! {
            impl #from_xml for #name {
                fn from_xml(r: &mut #reader<'_>) -> Result<Self, String> {
                    #xml::object::<#builder>(r)
                }
            }
        });
    }
    Ok(out)
}

/// A string enum's or intEnum's impl reading it from text.
pub fn enum_reader(int: bool, name: &Ident, scope: &mut Scope) -> TokenStream {
    let from_text = scope.import("crate::rt::xml", "FromXmlText");
    let read = if int { quote!(<i32 as #from_text>::from_text(text).map(#name::from)) } else { quote!(Ok(#name::from(text))) };
    quote! {
        impl #from_text for #name {
            fn from_text(text: &str) -> Result<Self, String> {
                #read
            }
        }
    }
}

/// The impls reading a union from XML: exactly one child element, its member.
pub fn union_reader(ctx: &Ctx<'_>, name: &Ident, infos: &[MemberInfo<'_>], variants: &[Ident], scope: &mut Scope) -> Result<TokenStream> {
    let (xml_union, reader, from_xml, xml) = (
        scope.import("crate::rt::xml", "XmlUnion"),
        scope.import("crate::rt::xml", "XmlReader"),
        scope.import("crate::rt::xml", "FromXml"),
        scope.import("crate::rt", "xml"),
    );
    let wires: Vec<_> = infos.iter().map(|m| &m.wire).collect();
    let mut reads = Vec::new();
    for m in infos {
        let read = read_expr(ctx, &m.member.target, scope)?;
        reads.push(if m.boxed { quote!(Box::new(#read?)) } else { quote!(#read?) });
    }
    Ok(quote! {
        impl #xml_union for #name {
            fn variant(name: &str, r: &mut #reader<'_>) -> Result<Option<Self>, String> {
                Ok(match name {
                    #(#wires => Some(#name::#variants(#reads)),)*
                    _ => {
                        r.skip()?;
                        None
                    }
                })
            }

            fn unknown() -> Self {
                #name::Unknown
            }
        }

        impl #from_xml for #name {
            fn from_xml(r: &mut #reader<'_>) -> Result<Self, String> {
                #xml::union(r)
            }
        }
    })
}

// Writing.

/// `w.attribute(..)` declaring `ns`, if any.
fn declare(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns.map(namespace_attribute) {
        Some((name, uri)) => quote!(w.attribute(#name, #uri);),
        None => quote!(),
    }
}

/// An expression giving the text (a `&str`) of `value`, a reference to a simple value of
/// `target` reached through `member`; `None` for shapes that are not text.
fn text_expr(ctx: &Ctx<'_>, member: &Member, target: &ShapeId, value: &TokenStream, scope: &mut Scope) -> Result<Option<TokenStream>> {
    let shape = ctx.model.expect(target, &member.id)?;
    Ok(Some(match &shape.kind {
        ShapeKind::Simple(Simple::Timestamp) => {
            let format = format_path(timestamp_format(ctx, member, target), scope);
            quote!(&#value.fmt(#format).map_err(|e| e.to_string())?)
        }
        ShapeKind::Simple(Simple::Document) => {
            return Err(Error::unsupported(&member.id, "a document in an XML body (the protocol has no form for documents)"));
        }
        ShapeKind::Simple(Simple::String) => quote!(#value),
        ShapeKind::Simple(_) => {
            let text = scope.import("crate::rt::http", "HttpText");
            quote!(&#text::http_text(#value))
        }
        ShapeKind::Enum(_) => quote!(#value.as_str()),
        ShapeKind::IntEnum(_) => quote!(&#value.value().to_string()),
        _ => return Ok(None),
    }))
}

/// Statements writing `value` (a reference to a value of `target`, reached through
/// `member`) as element `name` (the elements, for a flattened list or map), declaring
/// namespace `ns`.
fn write_value(
    ctx: &Ctx<'_>,
    member: &Member,
    target: &ShapeId,
    name: &str,
    ns: Option<&XmlNamespace>,
    value: TokenStream,
    scope: &mut Scope,
) -> Result<TokenStream> {
    let declare_ns = declare(ns);
    if let Some(text) = text_expr(ctx, member, target, &value, scope)? {
        return Ok(if ns.is_none() {
            quote!(w.leaf(#name, #text);)
        } else {
            quote! {
                w.start(#name);
                #declare_ns
                w.text(#text);
                w.end(#name);
            }
        });
    }
    let shape = ctx.model.expect(target, &member.id)?;
    let flattened = member.traits.is_xml_flattened();
    let element = |content: TokenStream| quote! { w.start(#name); #declare_ns #content w.end(#name); };
    Ok(match &shape.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            scope.import("crate::rt::xml_write", "ToXml");
            element(quote!(#value.write_xml(w)?;))
        }
        ShapeKind::List(item) => {
            let sparse = shape.traits.is_sparse();
            let each = if flattened {
                write_value(ctx, item, &item.target, name, ns, quote!(item), scope)?
            } else {
                let item_ns = item.traits.xml_namespace();
                write_value(ctx, item, &item.target, item_name(item), item_ns.as_ref(), quote!(item), scope)?
            };
            let each = if sparse { quote!(if let Some(item) = item { #each }) } else { each };
            let items = quote!(for item in #value.iter() { #each });
            if flattened { items } else { element(items) }
        }
        ShapeKind::Map { key, value: value_member } => {
            let (key_name, value_name) = entry_names(key, value_member);
            let key_ns = key.traits.xml_namespace();
            let write_key = write_value(ctx, key, &key.target, key_name, key_ns.as_ref(), quote!(k), scope)?;
            let value_ns = value_member.traits.xml_namespace();
            let write_v = write_value(ctx, value_member, &value_member.target, value_name, value_ns.as_ref(), quote!(v), scope)?;
            let write_v = if shape.traits.is_sparse() { quote!(if let Some(v) = v { #write_v }) } else { write_v };
            let entry = if flattened {
                quote! { w.start(#name); #declare_ns #write_key #write_v w.end(#name); }
            } else {
                quote! { w.start("entry"); #write_key #write_v w.end("entry"); }
            };
            let entries = quote! {
                // Sorted, so that the same map is always the same request.
                let mut entries: Vec<_> = #value.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (k, v) in entries {
                    #entry
                }
            };
            if flattened { entries } else { element(entries) }
        }
        other => return Err(Error::unsupported(&member.id, format!("a {} in an XML body", other.type_name()))),
    })
}

/// `impl ToXml` for a structure: its `@xmlAttribute` members, then its members' elements.
fn writer_impl(ctx: &Ctx<'_>, spec: &StructSpec<'_>, body_members: &[&MemberInfo<'_>], scope: &mut Scope) -> Result<TokenStream> {
    let (to_xml, writer) = (scope.import("crate::rt::xml_write", "ToXml"), scope.import("crate::rt::xml_write", "XmlWriter"));
    let (attributes, elements): (Vec<&MemberInfo<'_>>, Vec<&MemberInfo<'_>>) = body_members.iter().partition(|m| m.member.traits.is_xml_attribute());
    let mut statements = Vec::new();
    let bind = |m: &MemberInfo<'_>, write: TokenStream| {
        let field = &m.field;
        if m.optional { quote!(if let Some(v) = &self.#field { #write }) } else { quote!({ let v = &self.#field; #write }) }
    };
    for m in attributes {
        let text = text_expr(ctx, m.member, &m.member.target, &quote!(v), scope)?
            .ok_or_else(|| Error::shape(&m.member.id, "@xmlAttribute on a member that is not a simple value"))?;
        let wire = &m.wire;
        statements.push(bind(m, quote!(w.attribute(#wire, #text);)));
    }
    for m in elements {
        let ns = m.member.traits.xml_namespace();
        let write = write_value(ctx, m.member, &m.member.target, &m.wire, ns.as_ref(), quote!(v), scope)?;
        statements.push(bind(m, write));
    }
    let name = &spec.name;
    let (w, inline) = (if statements.is_empty() { quote!(_w) } else { quote!(w) }, spec.codec_inline());
    Ok(quote! {
        impl #to_xml for #name {
            #inline
            fn write_xml(&self, #w: &mut #writer) -> Result<(), String> {
                #(#statements)*
                Ok(())
            }
        }
    })
}

/// `impl ToXml` for a union: its one member's element.
fn union_writer(ctx: &Ctx<'_>, name: &Ident, infos: &[MemberInfo<'_>], variants: &[Ident], scope: &mut Scope) -> Result<TokenStream> {
    let (to_xml, writer) = (scope.import("crate::rt::xml_write", "ToXml"), scope.import("crate::rt::xml_write", "XmlWriter"));
    let mut arms = Vec::new();
    for (m, variant) in infos.iter().zip(variants) {
        let ns = m.member.traits.xml_namespace();
        let write = write_value(ctx, m.member, &m.member.target, &m.wire, ns.as_ref(), quote!(v), scope)?;
        arms.push(quote!(#name::#variant(v) => { #write }));
    }
    Ok(quote! {
        impl #to_xml for #name {
            fn write_xml(&self, w: &mut #writer) -> Result<(), String> {
                match self {
                    #(#arms)*
                    #name::Unknown => return Err(String::from("an unknown union member cannot be sent")),
                }
                Ok(())
            }
        }
    })
}

/// The root element of a body that is `shape` (an input, or the target of payload
/// `member`): its name (the member's `@xmlName`, else the shape's, else the shape name)
/// and the namespace it declares (the member's, the shape's, else the service's).
pub fn root(ctx: &Ctx<'_>, shape: &Shape, member: Option<&Member>) -> (String, Option<XmlNamespace>) {
    let name = member.and_then(|m| m.traits.xml_name()).or_else(|| shape.traits.xml_name()).unwrap_or_else(|| shape.id.name());
    let ns = member.and_then(|m| m.traits.xml_namespace()).or_else(|| shape.traits.xml_namespace()).or_else(|| ctx.service.traits.xml_namespace());
    (name.to_owned(), ns)
}

/// The bytes the runtime writes for a root element without content.
pub fn empty_document(name: &str, ns: Option<&XmlNamespace>) -> Vec<u8> {
    let declaration = ns.map(namespace_attribute).map(|(attr, uri)| format!(" {attr}=\"{}\"", escape(&uri))).unwrap_or_default();
    format!("<{name}{declaration}/>").into_bytes()
}

/// The XML body codec of restXml: HTTP bindings carry the rest; bodies are documents whose
/// root is the input (or payload), or, in responses, any element. `within` names the
/// elements around the members in responses read whole (the error envelope).
pub struct Xml {
    pub within: &'static [&'static str],
}

impl Codec for Xml {
    fn structure(&self, ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let body_members = body::members(ctx, spec);
        let mut out = TokenStream::new();
        if body::is_written(ctx, spec, &body_members) {
            out.extend(writer_impl(ctx, spec, &body_members, scope)?);
        }
        if body::is_read(spec) {
            out.extend(reader_impls(ctx, spec, &body_members, scope)?);
        }
        Ok(out)
    }

    fn string_enum(&self, _ctx: &Ctx<'_>, _shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        enum_reader(false, name, scope)
    }

    fn int_enum(&self, _ctx: &Ctx<'_>, _shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        enum_reader(true, name, scope)
    }

    fn object_trait(&self, scope: &mut Scope) -> TokenStream {
        scope.import("crate::rt::xml", "XmlObject")
    }

    fn write_document(&self, ctx: &Ctx<'_>, shape: &ShapeId, member: Option<&Member>, value: TokenStream, scope: &mut Scope) -> Option<TokenStream> {
        let shape = ctx.model.get(shape)?;
        let (name, ns) = root(ctx, shape, member);
        let ns = match ns.map(|ns| namespace_attribute(&ns)) {
            Some((attr, uri)) => quote!(Some((#attr, #uri))),
            None => quote!(None),
        };
        let document = scope.import("crate::rt::xml_write", "document");
        Some(quote!(#document(#value, #name, #ns)))
    }

    fn read_document(&self, scope: &mut Scope) -> Option<TokenStream> {
        Some(scope.function("crate::rt::xml", "document"))
    }

    fn read_builder(&self, builder: &Ident, scope: &mut Scope) -> Option<TokenStream> {
        let xml = scope.import("crate::rt", "xml");
        let within = self.within;
        Some(quote!(#xml::builder_from_body::<#builder>(&response.body, &[#(#within),*])))
    }

    fn read_body(&self, builder: &Ident, scope: &mut Scope) -> TokenStream {
        let from_body = scope.function("crate::rt::xml", "from_body");
        let within = self.within;
        quote!(#from_body::<#builder>(&response.body, &[#(#within),*]))
    }

    fn format_name(&self) -> &'static str {
        "XML"
    }

    fn media_type(&self) -> &'static str {
        "application/xml"
    }

    fn test_body(&self, ctx: &Ctx<'_>, shape: Option<&ShapeId>, json: &str) -> Option<Vec<u8>> {
        let Ok(serde_json::Value::Object(fields)) = serde_json::from_str::<serde_json::Value>(json) else {
            return Some(json.as_bytes().to_vec());
        };
        let root = shape.and_then(|id| ctx.model.get(id)).map(|s| root(ctx, s, None));
        let (name, ns) = root.unwrap_or_else(|| ("Document".to_owned(), None));
        let mut out = String::new();
        element_text(ctx, &name, ns.as_ref(), shape, &fields, &mut out);
        Some(out.into_bytes())
    }

    fn union(
        &self,
        ctx: &Ctx<'_>,
        shape: &Shape,
        name: &Ident,
        infos: &[MemberInfo<'_>],
        variants: &[Ident],
        scope: &mut Scope,
    ) -> Result<TokenStream> {
        let mut out = if ctx.is_sent(&shape.id) { union_writer(ctx, name, infos, variants, scope)? } else { TokenStream::new() };
        out.extend(union_reader(ctx, name, infos, variants, scope)?);
        Ok(out)
    }
}

// The generated tests' XML, from the JSON form of values (as the JSON protocols write them).

/// Element `name` holding the members of a structure (`shape`, when known) given in their
/// JSON form: `@xmlAttribute` members as attributes, the others as elements.
pub fn element_text(
    ctx: &Ctx<'_>,
    name: &str,
    ns: Option<&XmlNamespace>,
    shape: Option<&ShapeId>,
    fields: &serde_json::Map<String, serde_json::Value>,
    out: &mut String,
) {
    let declared = shape.and_then(|id| ctx.model.structure_members(id).ok());
    let member = |key: &str| declared.and_then(|d| d.values().find(|m| ctx.wire_name(m) == key));
    out.push('<');
    out.push_str(name);
    if let Some((attr, uri)) = ns.map(namespace_attribute) {
        out.push_str(&format!(" {attr}=\"{}\"", escape(&uri)));
    }
    for (key, value) in fields {
        let Some(m) = member(key).filter(|m| m.traits.is_xml_attribute()) else { continue };
        if let Some(text) = scalar_text(ctx, Some(m), value) {
            out.push_str(&format!(" {key}=\"{}\"", escape(&text)));
        }
    }
    out.push('>');
    children_text(ctx, shape, fields, out);
    out.push_str(&format!("</{name}>"));
}

/// An error document of the generated tests' replies: the elements of `path` (the root
/// first) around `Type` (who is at fault), `Code` (`name`) and the members of the error
/// (`shape`, when known) from their JSON form; with `request_id`, that as the root's last
/// child.
pub fn error_text(
    ctx: &Ctx<'_>,
    path: &[&str],
    name: &str,
    shape: Option<&ShapeId>,
    fields: &serde_json::Map<String, serde_json::Value>,
    request_id: Option<&str>,
    out: &mut String,
) {
    path.iter().for_each(|e| out.push_str(&format!("<{e}>")));
    out.push_str(&format!("<Type>{}</Type><Code>{}</Code>", fault_text(ctx, shape), escape(name)));
    children_text(ctx, shape, fields, out);
    if let Some((root, inner)) = path.split_first() {
        inner.iter().rev().for_each(|e| out.push_str(&format!("</{e}>")));
        if let Some(id) = request_id {
            out.push_str(&format!("<RequestId>{}</RequestId>", escape(id)));
        }
        out.push_str(&format!("</{root}>"));
    }
}

/// The members of a structure (`shape`, when known) that are elements, from their JSON form.
pub fn children_text(ctx: &Ctx<'_>, shape: Option<&ShapeId>, fields: &serde_json::Map<String, serde_json::Value>, out: &mut String) {
    let declared = shape.and_then(|id| ctx.model.structure_members(id).ok());
    for (name, value) in fields {
        let member = declared.and_then(|d| d.values().find(|m| ctx.wire_name(m) == name.as_str()));
        if member.is_some_and(|m| m.traits.is_xml_attribute()) {
            continue;
        }
        value_text(ctx, member, name, member.and_then(|m| m.traits.xml_namespace()).as_ref(), value, out);
    }
}

/// The text of a simple value: timestamps (epoch seconds in JSON) in the format of the
/// member they are reached through; `None` for lists, maps and structures.
fn scalar_text(ctx: &Ctx<'_>, member: Option<&Member>, value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let target = member.and_then(|m| ctx.model.get(&m.target));
    match (target.map(|t| &t.kind), value) {
        (Some(ShapeKind::Simple(Simple::Timestamp)), Value::Number(_)) => Some(timestamp_text(ctx, member, value)),
        (_, Value::String(text)) => Some(text.clone()),
        (_, Value::Bool(b)) => Some(b.to_string()),
        (_, Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// One member's value as XML under the element `name`: lists and maps as the member's
/// traits say (wrapped or flattened), structures with their attributes.
fn value_text(ctx: &Ctx<'_>, member: Option<&Member>, name: &str, ns: Option<&XmlNamespace>, value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    let target = member.and_then(|m| ctx.model.get(&m.target));
    let flattened = member.is_some_and(|m| m.traits.is_xml_flattened());
    let open = |out: &mut String, name: &str, ns: Option<&XmlNamespace>| {
        out.push_str(&format!("<{name}"));
        if let Some((attr, uri)) = ns.map(namespace_attribute) {
            out.push_str(&format!(" {attr}=\"{}\"", escape(&uri)));
        }
        out.push('>');
    };
    match (target.map(|t| &t.kind), value) {
        (_, Value::Null) => {}
        (Some(ShapeKind::List(item)), Value::Array(items)) => {
            if !flattened {
                open(out, name, ns);
            }
            let item_ns = item.traits.xml_namespace();
            for v in items {
                if flattened {
                    value_text(ctx, Some(item), name, ns, v, out);
                } else {
                    value_text(ctx, Some(item), item_name(item), item_ns.as_ref(), v, out);
                }
            }
            if !flattened {
                out.push_str(&format!("</{name}>"));
            }
        }
        (Some(ShapeKind::Map { key, value: value_member }), Value::Object(entries)) => {
            let (key_name, value_name) = entry_names(key, value_member);
            let (key_ns, value_ns) = (key.traits.xml_namespace(), value_member.traits.xml_namespace());
            if !flattened {
                open(out, name, ns);
            }
            for (k, v) in entries {
                if flattened {
                    open(out, name, ns);
                } else {
                    out.push_str("<entry>");
                }
                open(out, key_name, key_ns.as_ref());
                out.push_str(&format!("{}</{key_name}>", escape(k)));
                value_text(ctx, Some(value_member), value_name, value_ns.as_ref(), v, out);
                out.push_str(&if flattened { format!("</{name}>") } else { "</entry>".to_owned() });
            }
            if !flattened {
                out.push_str(&format!("</{name}>"));
            }
        }
        (Some(ShapeKind::Structure(_) | ShapeKind::Union(_)), Value::Object(fields)) => {
            element_text(ctx, name, ns, member.map(|m| &m.target), fields, out);
        }
        (_, value) => {
            open(out, name, ns);
            out.push_str(&escape(&scalar_text(ctx, member, value).unwrap_or_else(|| value.to_string())));
            out.push_str(&format!("</{name}>"));
        }
    }
}

/// A timestamp (epoch seconds) in the format of the member it is reached through
/// (date-time by default), as the runtime writes it.
pub fn timestamp_text(ctx: &Ctx<'_>, member: Option<&Member>, secs: &serde_json::Value) -> String {
    let format = member.map_or(TimestampFormat::DateTime, |m| timestamp_format(ctx, m, &m.target));
    match crate::plan::timestamps_in_format(member.map_or(&ctx.service.id, |m| &m.id), secs, format) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => secs.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_documents_are_written_as_the_runtime_writes_them() {
        let ns = XmlNamespace { uri: "https://example.com/?a&b".to_owned(), prefix: Some("p".to_owned()) };
        assert_eq!(empty_document("Root", Some(&ns)), b"<Root xmlns:p=\"https://example.com/?a&amp;b\"/>");
        assert_eq!(empty_document("Root", None), b"<Root/>");
    }
}
