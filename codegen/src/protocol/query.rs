//! `aws.protocols#awsQuery` and `aws.protocols#ec2Query`: every request is `POST /` with a
//! form-encoded body (`Action`, `Version`, then each input member under its dotted key:
//! `Name`, `List.member.1`, `Map.entry.1.key`, with `@xmlName` and `@xmlFlattened`; in
//! ec2Query, `@ec2QueryName` or the capitalized name, and lists always `List.1`), and
//! responses are XML: `<OperationResponse><OperationResult>` around the output's members
//! (ec2Query: `<OperationResponse>`), and `<ErrorResponse><Error>` around an error's
//! (ec2Query: `<Response><Errors><Error>`), whose `Code` is the error's shape name or its
//! `@awsQueryError` code. HTTP binding traits are ignored. The codec here writes the form
//! and reads the XML.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{body, http, xml};
use crate::error::{Error, Result};
use crate::model::traits::Http;
use crate::model::{Member, Shape, ShapeId, ShapeKind, Simple};
use crate::plan::{Binding, Codec, Ctx, ErrorNaming, MemberInfo, Protocol, ReplyTo, RequestFacts, Role, Scope, StructSpec, format_path};

pub const ID: &str = "aws.protocols#awsQuery";
pub const EC2_ID: &str = "aws.protocols#ec2Query";
const FORM: &str = "application/x-www-form-urlencoded";

/// The two protocols, which differ in their keys, lists and envelopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// awsQuery.
    Query,
    /// ec2Query.
    Ec2,
}

impl Dialect {
    /// A member's key in requests: its `@xmlName` or name; in ec2Query, its
    /// `@ec2QueryName`, else that capitalized.
    fn key(self, member: &Member) -> String {
        let name = member.traits.xml_name().unwrap_or(&member.name);
        match self {
            Dialect::Query => name.to_owned(),
            Dialect::Ec2 => member.traits.ec2_query_name().map_or_else(|| capitalized(name), str::to_owned),
        }
    }

    /// Whether a list member's items go right under its key (`List.1`).
    fn flat_list(self, member: &Member) -> bool {
        self == Dialect::Ec2 || member.traits.is_xml_flattened()
    }

    /// The elements around an operation's output, from the root.
    fn output_path(self, op: &str) -> Vec<String> {
        match self {
            Dialect::Query => vec![format!("{op}Response"), format!("{op}Result")],
            Dialect::Ec2 => vec![format!("{op}Response")],
        }
    }

    /// The elements around an error, from the root.
    fn error_path(self) -> &'static [&'static str] {
        match self {
            Dialect::Query => &["ErrorResponse", "Error"],
            Dialect::Ec2 => &["Response", "Errors", "Error"],
        }
    }
}

/// `name` with its first letter upper-case.
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// The awsQuery or ec2Query protocol for one service.
pub struct AwsQuery {
    dialect: Dialect,
    /// The service's `version`: every request's `Version`.
    version: String,
    codec: QueryXml,
}

impl AwsQuery {
    pub fn new(dialect: Dialect, service: &crate::model::Service) -> AwsQuery {
        AwsQuery { dialect, version: service.version.clone().unwrap_or_default(), codec: QueryXml { dialect } }
    }

    /// The body of a request without members: the action and version alone, encoded as the
    /// runtime's `QueryWriter` encodes them (RFC 3986's unreserved characters kept).
    fn empty_body(&self, op: &ShapeId) -> Vec<u8> {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
        let (action, version) = (utf8_percent_encode(op.name(), UNRESERVED), utf8_percent_encode(&self.version, UNRESERVED));
        format!("Action={action}&Version={version}").into_bytes()
    }
}

impl Protocol for AwsQuery {
    fn id(&self) -> &'static str {
        match self.dialect {
            Dialect::Query => ID,
            Dialect::Ec2 => EC2_ID,
        }
    }

    fn binding(&self, _member: &Member) -> Binding {
        Binding::Body
    }

    fn wire_name<'a>(&self, member: &'a Member) -> &'a str {
        member.traits.xml_name().unwrap_or(&member.name)
    }

    fn http(&self, _ctx: &Ctx<'_>, _op: &ShapeId) -> Result<Http> {
        Ok(Http { method: "POST".into(), uri: "/".into(), code: 200 })
    }

    fn request_facts(&self, _ctx: &Ctx<'_>, op: &ShapeId) -> RequestFacts {
        RequestFacts { document_type: FORM, headers: Vec::new(), empty_body: Some(self.empty_body(op)) }
    }

    fn request(&self, ctx: &Ctx<'_>, op: &ShapeId, input: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let build_error = scope.import("crate::error", "BuildError");
        let http_request = scope.import("crate::rt", "HttpRequest");
        let cow = scope.import("std::borrow", "Cow");
        let writer = scope.import("crate::rt::query", "QueryWriter");
        let steps = http::content_steps(ctx, op, input, &build_error, scope)?;
        let upload_field = http::upload_field(ctx, input);
        let (action, version) = (op.name(), &self.version);
        let write = if body::members(ctx, input).is_empty() {
            quote!(let body = #writer::new(#action, #version).finish();)
        } else {
            let to_query = scope.import("crate::rt::query", "ToQuery");
            quote! {
                let mut w = #writer::new(#action, #version);
                #to_query::to_query(input, &mut w, "").map_err(fail)?;
                let body = w.finish();
            }
        };
        let statements = vec![
            http::host_prefix(ctx, op, input, scope)?,
            quote!(let uri = #cow::Borrowed("/");),
            quote!(let headers = vec![(reqwest::header::CONTENT_TYPE, reqwest::header::HeaderValue::from_static(#FORM))];),
            write,
        ];
        http::finish_request(statements, &build_error, &http_request, &quote!(reqwest::Method::POST), steps, upload_field)
    }

    fn parse_output(&self, _ctx: &Ctx<'_>, op: Option<&ShapeId>, output: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let builder = &output.builder;
        let from_body = scope.function("crate::rt::xml", "from_body");
        // The operation names the elements around its output (outputs can be shared).
        let path: Vec<String> = match (op, output.role) {
            (Some(op), Role::Output) => self.dialect.output_path(op.name()),
            _ => self.dialect.error_path().iter().map(|e| (*e).to_owned()).collect(),
        };
        Ok(quote!(#from_body::<#builder>(&response.body, &[#(#path),*])))
    }

    fn error_metadata(&self, scope: &mut Scope) -> TokenStream {
        let read = match self.dialect {
            Dialect::Query => scope.function("crate::rt::xml", "error_metadata"),
            Dialect::Ec2 => scope.function("crate::rt::xml", "ec2_error_metadata"),
        };
        quote!(#read(response))
    }

    fn error_code(&self, error: &Shape) -> String {
        error.traits.aws_query_error().map_or_else(|| error.id.name().to_owned(), |e| e.code)
    }

    fn error_namings(&self, _namespace: &str, _name: &str) -> Vec<ErrorNaming> {
        vec![ErrorNaming::Envelope]
    }

    fn test_body(&self, ctx: &Ctx<'_>, to: ReplyTo<'_>, json: &str) -> Option<(Vec<u8>, &'static str)> {
        // A body that is not JSON (a malformed one on purpose) is sent as it is.
        let Ok(serde_json::Value::Object(members)) = serde_json::from_str::<serde_json::Value>(json) else {
            return Some((json.as_bytes().to_vec(), self.codec.media_type()));
        };
        let mut out = String::new();
        match to {
            // Query outputs have no payloads.
            ReplyTo::Payload { .. } => return None,
            ReplyTo::Output { op, output } => {
                let path = self.dialect.output_path(op.name());
                path.iter().for_each(|e| out.push_str(&format!("<{e}>")));
                xml::children_text(ctx, Some(output), &members, &mut out);
                path.iter().rev().for_each(|e| out.push_str(&format!("</{e}>")));
            }
            ReplyTo::Error { name, shape } => xml::error_text(ctx, self.dialect.error_path(), name, shape, &members, None, &mut out),
        }
        Some((out.into_bytes(), self.codec.media_type()))
    }

    fn test_body_check(
        &self,
        ctx: &Ctx<'_>,
        op: &ShapeId,
        input: &ShapeId,
        sent: &serde_json::Map<String, serde_json::Value>,
        _payload: Option<&serde_json::Value>,
    ) -> Result<Option<TokenStream>> {
        let mut pairs = vec![("Action".to_owned(), op.name().to_owned()), ("Version".to_owned(), self.version.clone())];
        form_pairs(ctx, self.dialect, None, Some(input), &serde_json::Value::Object(sent.clone()), "", &mut pairs)?;
        pairs.sort();
        let pairs = pairs.iter().map(|(k, v)| quote!((String::from(#k), String::from(#v))));
        // An idempotency token left unset is a fresh UUID: checked for its form, then left
        // out of the comparison.
        let tokens: Vec<String> = ctx
            .model
            .structure_members(input)?
            .values()
            .filter(|m| m.traits.is_idempotency_token() && !sent.contains_key(ctx.wire_name(m)))
            .map(|m| self.dialect.key(m))
            .collect();
        let token_checks = if tokens.is_empty() {
            quote!()
        } else {
            quote! {
                #(
                    let at = form.iter().position(|(k, _)| k == #tokens).expect("an idempotency token");
                    assert_eq!(form.remove(at).1.len(), 36, "a UUID");
                )*
            }
        };
        let binding = if tokens.is_empty() { quote!(let form) } else { quote!(let mut form) };
        Ok(Some(quote! {
            assert_eq!(request.header("content-type"), Some(#FORM));
            #binding = request.form();
            #token_checks
            assert_eq!(form, vec![#(#pairs),*]);
        }))
    }

    fn codec(&self) -> &dyn Codec {
        &self.codec
    }
}

/// The form pairs of a value (its JSON form) of `target`, reached through `member`, under
/// `key`, as the client writes them: the generated tests' expected request bodies.
fn form_pairs(
    ctx: &Ctx<'_>,
    dialect: Dialect,
    member: Option<&Member>,
    target: Option<&ShapeId>,
    value: &serde_json::Value,
    key: &str,
    out: &mut Vec<(String, String)>,
) -> Result<()> {
    use serde_json::Value;
    let shape = target.and_then(|t| ctx.model.get(t));
    let flattened = member.is_some_and(|m| m.traits.is_xml_flattened());
    match (shape.map(|s| &s.kind), value) {
        (_, Value::Null) => {}
        (Some(ShapeKind::Structure(members) | ShapeKind::Union(members)), Value::Object(fields)) => {
            for (name, v) in fields {
                let m = members.values().find(|m| ctx.wire_name(m) == name.as_str());
                let name = m.map_or_else(|| name.clone(), |m| dialect.key(m));
                let child = if key.is_empty() { name } else { format!("{key}.{name}") };
                form_pairs(ctx, dialect, m, m.map(|m| &m.target), v, &child, out)?;
            }
        }
        (Some(ShapeKind::List(item)), Value::Array(items)) => {
            let flat = member.is_some_and(|m| dialect.flat_list(m));
            if items.is_empty() && dialect == Dialect::Query {
                out.push((key.to_owned(), String::new()));
            }
            let item_name = xml::item_name(item);
            for (i, v) in items.iter().enumerate() {
                let child = if flat { format!("{key}.{}", i + 1) } else { format!("{key}.{item_name}.{}", i + 1) };
                form_pairs(ctx, dialect, Some(item), Some(&item.target), v, &child, out)?;
            }
        }
        (Some(ShapeKind::Map { key: key_member, value: value_member }), Value::Object(entries)) => {
            let (key_name, value_name) = xml::entry_names(key_member, value_member);
            let mut sorted: Vec<_> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                let entry = if flattened { format!("{key}.{}", i + 1) } else { format!("{key}.entry.{}", i + 1) };
                out.push((format!("{entry}.{key_name}"), k.clone()));
                form_pairs(ctx, dialect, Some(value_member), Some(&value_member.target), v, &format!("{entry}.{value_name}"), out)?;
            }
        }
        (Some(ShapeKind::Simple(Simple::Timestamp)), Value::Number(_)) => out.push((key.to_owned(), xml::timestamp_text(ctx, member, value))),
        (Some(ShapeKind::Simple(Simple::Float)), Value::Number(n)) => out.push((key.to_owned(), (n.as_f64().unwrap_or_default() as f32).to_string())),
        (Some(ShapeKind::Simple(Simple::Double)), Value::Number(n)) => out.push((key.to_owned(), n.as_f64().unwrap_or_default().to_string())),
        (_, Value::String(text)) => out.push((key.to_owned(), text.clone())),
        (_, Value::Bool(b)) => out.push((key.to_owned(), b.to_string())),
        (_, Value::Number(n)) => out.push((key.to_owned(), n.to_string())),
        (_, other) => return Err(Error::shape(target.map_or(&ctx.service.id, |t| t), format!("example value {other} has no form in awsQuery"))),
    }
    Ok(())
}

/// Writes inputs as form pairs and reads outputs and errors from XML.
pub struct QueryXml {
    dialect: Dialect,
}

/// Statements writing `value` (a reference to a value of `target`, reached through
/// `member`) under the key `key` (a `&str` expression).
fn write_value(
    ctx: &Ctx<'_>,
    dialect: Dialect,
    member: &Member,
    target: &ShapeId,
    key: TokenStream,
    value: TokenStream,
    scope: &mut Scope,
) -> Result<TokenStream> {
    let shape = ctx.model.expect(target, &member.id)?;
    Ok(match &shape.kind {
        ShapeKind::Simple(Simple::Timestamp) => {
            let timestamp = scope.function("crate::rt::query", "timestamp");
            let format = format_path(xml::timestamp_format(ctx, member, target), scope);
            quote!(w.pair(#key, &#timestamp(#value, #format)?);)
        }
        ShapeKind::Simple(Simple::Document) => {
            return Err(Error::unsupported(&member.id, "a document in an awsQuery request (the protocol has no form for documents)"));
        }
        ShapeKind::Simple(_) => {
            let text = scope.import("crate::rt::http", "HttpText");
            quote!(w.pair(#key, &#text::http_text(#value));)
        }
        ShapeKind::Enum(_) => quote!(w.pair(#key, #value.as_str());),
        ShapeKind::IntEnum(_) => quote!(w.pair(#key, &#value.value().to_string());),
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            scope.import("crate::rt::query", "ToQuery");
            quote!(#value.to_query(w, &format!("{}.", #key))?;)
        }
        ShapeKind::List(item) => {
            let item_key = if dialect.flat_list(member) {
                quote!(format!("{}.{}", #key, i + 1))
            } else {
                let name = xml::item_name(item);
                quote!(format!("{}.{}.{}", #key, #name, i + 1))
            };
            let each = write_value(ctx, dialect, item, &item.target, quote!(&item_key), quote!(item), scope)?;
            let each = if shape.traits.is_sparse() { quote!(if let Some(item) = item { #each }) } else { each };
            // awsQuery sends an empty list as an empty value; ec2Query sends nothing.
            let empty = if dialect == Dialect::Query { quote!(if #value.is_empty() { w.pair(#key, ""); }) } else { quote!() };
            quote! {
                #empty
                for (i, item) in #value.iter().enumerate() {
                    let item_key = #item_key;
                    #each
                }
            }
        }
        ShapeKind::Map { key: key_member, value: value_member } => {
            let (key_name, value_name) = xml::entry_names(key_member, value_member);
            let prefix =
                if member.traits.is_xml_flattened() { quote!(format!("{}.{}", #key, i + 1)) } else { quote!(format!("{}.entry.{}", #key, i + 1)) };
            let each = write_value(ctx, dialect, value_member, &value_member.target, quote!(&value_key), quote!(v), scope)?;
            let each = if shape.traits.is_sparse() { quote!(if let Some(v) = v { #each }) } else { each };
            quote! {
                // Sorted, so that the same map is always the same request.
                let mut entries: Vec<_> = #value.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (i, (k, v)) in entries.into_iter().enumerate() {
                    let entry = #prefix;
                    w.pair(&format!("{entry}.{}", #key_name), k);
                    let value_key = format!("{entry}.{}", #value_name);
                    #each
                }
            }
        }
        other => return Err(Error::unsupported(&member.id, format!("a {} in an awsQuery request", other.type_name()))),
    })
}

impl Codec for QueryXml {
    fn structure(&self, ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let name = &spec.name;
        let body_members = body::members(ctx, spec);
        let mut out = TokenStream::new();
        if body::is_written(ctx, spec, &body_members) {
            let (to_query, writer) = (scope.import("crate::rt::query", "ToQuery"), scope.import("crate::rt::query", "QueryWriter"));
            let mut statements = Vec::new();
            for m in &body_members {
                let (field, wire) = (&m.field, self.dialect.key(m.member));
                let write = write_value(ctx, self.dialect, m.member, &m.member.target, quote!(&key), quote!(v), scope)?;
                let value = if m.optional { quote!(if let Some(v) = &self.#field { #write }) } else { quote!({ let v = &self.#field; #write }) };
                statements.push(quote! {
                    let key = format!("{prefix}{}", #wire);
                    #value
                });
            }
            let prefix = if body_members.is_empty() { quote!(_prefix) } else { quote!(prefix) };
            let (w, inline) = (if body_members.is_empty() { quote!(_w) } else { quote!(w) }, spec.codec_inline());
            out.extend(quote! {
                impl #to_query for #name {
                    #inline
                    fn to_query(&self, #w: &mut #writer, #prefix: &str) -> Result<(), String> {
                        #(#statements)*
                        Ok(())
                    }
                }
            });
        }
        if body::is_read(spec) {
            out.extend(xml::reader_impls(ctx, spec, &body_members, scope)?);
        }
        Ok(out)
    }

    fn string_enum(&self, _ctx: &Ctx<'_>, _shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        xml::enum_reader(false, name, scope)
    }

    fn int_enum(&self, _ctx: &Ctx<'_>, _shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        xml::enum_reader(true, name, scope)
    }

    fn format_name(&self) -> &'static str {
        "XML"
    }

    fn media_type(&self) -> &'static str {
        "text/xml"
    }

    fn object_trait(&self, scope: &mut Scope) -> TokenStream {
        scope.import("crate::rt::xml", "XmlObject")
    }

    // The form is written by `AwsQuery::request`; there are no payloads, and bodies are
    // read whole.
    fn write_document(
        &self,
        _ctx: &Ctx<'_>,
        _shape: &ShapeId,
        _member: Option<&Member>,
        _value: TokenStream,
        _scope: &mut Scope,
    ) -> Option<TokenStream> {
        None
    }

    // Outputs and errors are read inside their wrapping elements (`AwsQuery::parse_output`);
    // a body that is the structure itself has it as its root.
    fn read_body(&self, builder: &Ident, scope: &mut Scope) -> TokenStream {
        let from_body = scope.function("crate::rt::xml", "from_body");
        quote!(#from_body::<#builder>(&response.body, &[]))
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
        let mut out = if ctx.is_sent(&shape.id) {
            let (to_query, writer) = (scope.import("crate::rt::query", "ToQuery"), scope.import("crate::rt::query", "QueryWriter"));
            let mut arms = Vec::new();
            for (m, variant) in infos.iter().zip(variants) {
                let wire = self.dialect.key(m.member);
                let write = write_value(ctx, self.dialect, m.member, &m.member.target, quote!(&key), quote!(v), scope)?;
                arms.push(quote!(#name::#variant(v) => { let key = format!("{prefix}{}", #wire); #write }));
            }
            quote! {
                impl #to_query for #name {
                    fn to_query(&self, w: &mut #writer, prefix: &str) -> Result<(), String> {
                        match self {
                            #(#arms)*
                            #name::Unknown => return Err(String::from("an unknown union member cannot be sent")),
                        }
                        Ok(())
                    }
                }
            }
        } else {
            TokenStream::new()
        };
        out.extend(xml::union_reader(ctx, name, infos, variants, scope)?);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_body_is_encoded_as_the_runtime_writes_it() {
        let query = AwsQuery { dialect: Dialect::Query, version: "2020:01/08 x".to_owned(), codec: QueryXml { dialect: Dialect::Query } };
        let op = ShapeId::parse("ex#GetThing").unwrap();
        assert_eq!(query.empty_body(&op), b"Action=GetThing&Version=2020%3A01%2F08%20x");
    }

    #[test]
    fn first_letters_are_capitalized() {
        assert_eq!((capitalized("fooBar"), capitalized(""), capitalized("éa")), ("FooBar".to_owned(), String::new(), "Éa".to_owned()));
    }
}
