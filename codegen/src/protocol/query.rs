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

use super::{body, http};
use crate::error::{Error, Result};
use crate::model::traits::{Http, TimestampFormat};
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
        let xml = scope.import("crate::rt", "xml");
        // The operation names the elements around its output (outputs can be shared).
        let path: Vec<String> = match (op, output.role) {
            (Some(op), Role::Output) => self.dialect.output_path(op.name()),
            _ => self.dialect.error_path().iter().map(|e| (*e).to_owned()).collect(),
        };
        Ok(quote!(#xml::from_body::<#builder>(&response.body, &[#(#path),*])))
    }

    fn error_metadata(&self, scope: &mut Scope) -> TokenStream {
        let read = match self.dialect {
            Dialect::Query => scope.function("crate::rt::query", "error_metadata"),
            Dialect::Ec2 => scope.function("crate::rt::query", "ec2_error_metadata"),
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
            ReplyTo::Output { op, output } => {
                let path = self.dialect.output_path(op.name());
                path.iter().for_each(|e| out.push_str(&format!("<{e}>")));
                xml_members(ctx, Some(output), &members, &mut out);
                path.iter().rev().for_each(|e| out.push_str(&format!("</{e}>")));
            }
            ReplyTo::Error { name, shape } => {
                let fault = shape.and_then(|id| ctx.model.get(id)).and_then(|s| s.traits.error());
                let fault = if fault == Some(crate::model::traits::ErrorFault::Server) { "Receiver" } else { "Sender" };
                let path = self.dialect.error_path();
                path.iter().for_each(|e| out.push_str(&format!("<{e}>")));
                out.push_str(&format!("<Type>{fault}</Type><Code>{}</Code>", escape(name)));
                xml_members(ctx, shape, &members, &mut out);
                path.iter().rev().for_each(|e| out.push_str(&format!("</{e}>")));
            }
        }
        Some((out.into_bytes(), self.codec.media_type()))
    }

    fn test_body_check(
        &self,
        ctx: &Ctx<'_>,
        op: &ShapeId,
        input: &ShapeId,
        sent: &serde_json::Map<String, serde_json::Value>,
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

/// Text with XML's special characters escaped.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The members of a structure (`shape`, when known) as XML elements, from their JSON form
/// (as the JSON protocols write them): the generated tests' reply bodies.
fn xml_members(ctx: &Ctx<'_>, shape: Option<&ShapeId>, members: &serde_json::Map<String, serde_json::Value>, out: &mut String) {
    let declared = shape.and_then(|id| ctx.model.structure_members(id).ok());
    for (name, value) in members {
        let member = declared.and_then(|d| d.values().find(|m| ctx.wire_name(m) == name.as_str()));
        xml_value(ctx, member, name, value, out);
    }
}

/// One member's value as XML under the element `name`: lists and maps as the member's
/// traits say (wrapped or flattened), timestamps in their format (date-time by default).
fn xml_value(ctx: &Ctx<'_>, member: Option<&Member>, name: &str, value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    let target = member.and_then(|m| ctx.model.get(&m.target));
    let flattened = member.is_some_and(|m| m.traits.is_xml_flattened());
    match (target.map(|t| &t.kind), value) {
        (_, Value::Null) => {}
        (Some(ShapeKind::List(item)), Value::Array(items)) => {
            let item_element = item_name(item);
            if !flattened {
                out.push_str(&format!("<{name}>"));
            }
            for v in items {
                xml_value(ctx, Some(item), if flattened { name } else { item_element }, v, out);
            }
            if !flattened {
                out.push_str(&format!("</{name}>"));
            }
        }
        (Some(ShapeKind::Map { key, value: value_member }), Value::Object(entries)) => {
            let (key_name, value_name) = entry_names(key, value_member);
            if !flattened {
                out.push_str(&format!("<{name}>"));
            }
            for (k, v) in entries {
                out.push_str(if flattened { "<" } else { "<entry" });
                if flattened {
                    out.push_str(name);
                }
                out.push_str(&format!("><{key_name}>{}</{key_name}>", escape(k)));
                xml_value(ctx, Some(value_member), value_name, v, out);
                out.push_str(&if flattened { format!("</{name}>") } else { "</entry>".to_owned() });
            }
            if !flattened {
                out.push_str(&format!("</{name}>"));
            }
        }
        (Some(ShapeKind::Structure(_) | ShapeKind::Union(_)), Value::Object(fields)) => {
            out.push_str(&format!("<{name}>"));
            xml_members(ctx, member.map(|m| &m.target), fields, out);
            out.push_str(&format!("</{name}>"));
        }
        (Some(ShapeKind::Simple(Simple::Timestamp)), Value::Number(_)) => {
            let text = timestamp_text(ctx, member, value);
            out.push_str(&format!("<{name}>{text}</{name}>"));
        }
        (_, Value::String(text)) => out.push_str(&format!("<{name}>{}</{name}>", escape(text))),
        (_, other) => out.push_str(&format!("<{name}>{other}</{name}>")),
    }
}

/// A timestamp (epoch seconds) in the format of the member it is reached through
/// (date-time by default), as the runtime writes it.
fn timestamp_text(ctx: &Ctx<'_>, member: Option<&Member>, secs: &serde_json::Value) -> String {
    let format = member.map_or(TimestampFormat::DateTime, |m| timestamp_format(ctx, m, &m.target));
    match crate::plan::timestamps_in_format(member.map_or(&ctx.service.id, |m| &m.id), secs, format) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => secs.to_string(),
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
            let item_name = item_name(item);
            for (i, v) in items.iter().enumerate() {
                let child = if flat { format!("{key}.{}", i + 1) } else { format!("{key}.{item_name}.{}", i + 1) };
                form_pairs(ctx, dialect, Some(item), Some(&item.target), v, &child, out)?;
            }
        }
        (Some(ShapeKind::Map { key: key_member, value: value_member }), Value::Object(entries)) => {
            let (key_name, value_name) = entry_names(key_member, value_member);
            let mut sorted: Vec<_> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                let entry = if flattened { format!("{key}.{}", i + 1) } else { format!("{key}.entry.{}", i + 1) };
                out.push((format!("{entry}.{key_name}"), k.clone()));
                form_pairs(ctx, dialect, Some(value_member), Some(&value_member.target), v, &format!("{entry}.{value_name}"), out)?;
            }
        }
        (Some(ShapeKind::Simple(Simple::Timestamp)), Value::Number(_)) => out.push((key.to_owned(), timestamp_text(ctx, member, value))),
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

/// The element name of a list's items (its `member`): their `@xmlName`, else `member`.
fn item_name(item: &Member) -> &str {
    item.traits.xml_name().unwrap_or("member")
}

/// The element names of a map's keys and values (`key`, `value` unless `@xmlName`).
fn entry_names<'a>(key: &'a Member, value: &'a Member) -> (&'a str, &'a str) {
    (key.traits.xml_name().unwrap_or("key"), value.traits.xml_name().unwrap_or("value"))
}

/// The `@timestampFormat` of a timestamp reached through `member` (its own, else the
/// target's), date-time by default.
fn timestamp_format(ctx: &Ctx<'_>, member: &Member, target: &ShapeId) -> TimestampFormat {
    http::location_format(ctx, member, target, TimestampFormat::DateTime)
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
            let format = format_path(timestamp_format(ctx, member, target), scope);
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
                let name = item_name(item);
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
            let (key_name, value_name) = entry_names(key_member, value_member);
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

impl Codec for QueryXml {
    fn structure(&self, ctx: &Ctx<'_>, spec: &StructSpec<'_>, scope: &mut Scope) -> Result<TokenStream> {
        let (name, builder) = (&spec.name, &spec.builder);
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
            let w = if body_members.is_empty() { quote!(_w) } else { quote!(w) };
            out.extend(quote! {
                impl #to_query for #name {
                    fn to_query(&self, #w: &mut #writer, #prefix: &str) -> Result<(), String> {
                        #(#statements)*
                        Ok(())
                    }
                }
            });
        }
        if body::is_read(spec) {
            let (xml_object, reader) = (scope.import("crate::rt::xml", "XmlObject"), scope.import("crate::rt::xml", "XmlReader"));
            let mut arms = Vec::new();
            for m in &body_members {
                arms.push(read_arm(ctx, m, scope)?);
            }
            let member_fn = if arms.is_empty() {
                quote! {
                    fn member(&mut self, _name: &str, r: &mut #reader<'_>) -> Result<(), String> {
                        r.skip()
                    }
                }
            } else {
                quote! {
                    fn member(&mut self, name: &str, r: &mut #reader<'_>) -> Result<(), String> {
                        match name {
                            #(#arms)*
                            _ => r.skip()?,
                        }
                        Ok(())
                    }
                }
            };
            out.extend(body::builder_reader(spec, &xml_object, member_fn));
            if matches!(spec.role, Role::Data | Role::Error) {
                let (from_xml, xml) = (scope.import("crate::rt::xml", "FromXml"), scope.import("crate::rt", "xml"));
                out.extend(quote! {
                    impl #from_xml for #name {
                        fn from_xml(r: &mut #reader<'_>) -> Result<Self, String> {
                            #xml::object::<#builder>(r)
                        }
                    }
                });
            }
        }
        Ok(out)
    }

    fn string_enum(&self, _ctx: &Ctx<'_>, _shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        let from_text = scope.import("crate::rt::xml", "FromXmlText");
        quote! {
            impl #from_text for #name {
                fn from_text(text: &str) -> Result<Self, String> {
                    Ok(#name::from(text))
                }
            }
        }
    }

    fn int_enum(&self, _ctx: &Ctx<'_>, _shape: &Shape, name: &Ident, scope: &mut Scope) -> TokenStream {
        let from_text = scope.import("crate::rt::xml", "FromXmlText");
        quote! {
            impl #from_text for #name {
                fn from_text(text: &str) -> Result<Self, String> {
                    <i32 as #from_text>::from_text(text).map(#name::from)
                }
            }
        }
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
    fn write_document(&self, _value: TokenStream, _scope: &mut Scope) -> Option<TokenStream> {
        None
    }

    // Outputs and errors are read inside their wrapping elements (`AwsQuery::parse_output`);
    // a body that is the structure itself has it as its root.
    fn read_body(&self, builder: &Ident, scope: &mut Scope) -> TokenStream {
        let xml = scope.import("crate::rt", "xml");
        quote!(#xml::from_body::<#builder>(&response.body, &[]))
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
        let write = if ctx.is_sent(&shape.id) {
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
            quote!()
        };
        Ok(quote! {
            #write

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
