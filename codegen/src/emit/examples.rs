//! `smithy.api#examples` → Rust: builder calls for example values, used in the doctests of
//! each operation and in the generated integration tests.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::plan::{Ctx, OpNames, ValueWriter, doc_lines};

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
    let mut md = String::new();
    for example in &examples {
        let calls = match writer.setter_calls(input_id, true, example.input.as_ref().unwrap_or(&Map::new())) {
            Ok(calls) => calls,
            Err(e) => {
                ctx.warn(example_left_out(names, &example.title, "docs", &e));
                continue;
            }
        };
        let method = &names.method;
        let body = quote! {
            fn f() {
                let output = client.#method() #calls .send().await?;
            }
        };
        let code = crate::format::format_tokens(body, "example")?;
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
    if md.is_empty() {
        return Ok(quote!());
    }
    Ok(doc_lines(&format!("\n# Examples\n{md}")))
}

/// The example on `Client::from_mock` (feature `test-util`): a doctest that runs, on the
/// first operation with its required members, so each crate shows its own types.
pub fn mock_example(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let Some(first) = ctx.plans().first() else { return Ok(quote!()) };
    let names = first.names();
    let (lib, method, error) = (&ctx.lib, &names.method, &names.error);
    let writer = ValueWriter::new(ctx, quote!(.expect("a valid value")));
    let calls = writer.setter_calls(&first.input, true, &super::test_values::required_values(ctx, &first.input, 0)?)?;
    let body = quote! {
        fn f() {
            let mock = Mock::default();
            let meta = ErrorMetadata::builder().code("ThrottlingException").status(429).build();
            let throttled = SdkError::Service(#error::Unhandled(Unhandled::from_meta(meta)));
            mock.#method().then(Err(throttled));
            let client = Client::from_mock(&mock);
            let error = client.#method() #calls .send().await.unwrap_err();
            let code = error.as_service_error().and_then(|e| e.code());
            assert_eq!(code, Some("ThrottlingException"));
            assert_eq!(mock.#method().calls(), 1);
        }
    };
    let code = crate::format::format_tokens(body, "mock example")?;
    let lines: Vec<&str> = code.lines().collect();
    let mut md = String::from("\n# Example\n\nThe code under test takes this client as it takes any other; the mock answers and counts.\n\n```\n");
    md.push_str(&format!("use {lib}::Client;\nuse {lib}::error::{{ErrorMetadata, ProvideErrorMetadata, SdkError, Unhandled}};\n"));
    md.push_str(&format!("use {lib}::operation::{method}::{error};\nuse {lib}::test_util::Mock;\n\n# async fn example() {{\n"));
    for line in &lines[1..lines.len().saturating_sub(1)] {
        md.push_str(line.strip_prefix("    ").unwrap_or(line));
        md.push('\n');
    }
    // A mocked call completes at once: the doctest polls it without a runtime.
    md.push_str("# }\n# use std::future::Future;\n# let mut run = std::pin::pin!(example());\n");
    md.push_str("# assert!(run.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())).is_ready());\n```\n");
    Ok(doc_lines(&md))
}

/// The warning for an example that does not fit the model's shapes: it names the
/// operation and the example's title, so the model's authors can find it.
pub fn example_left_out(names: &OpNames, title: &str, place: &str, error: &Error) -> String {
    format!("operation `{}`: example \"{title}\" left out of the {place}: {error}", names.model)
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
                    Some(format) => crate::plan::timestamps_in_format(&m.id, &wire, format)?,
                    None => wire,
                };
                out.insert(ctx.wire_name(m).to_owned(), wire);
            }
            let fills_defaults = matches!(shape.kind, ShapeKind::Structure(_)) && !shape.traits.is_input();
            for m in members.values().filter(|m| fills_defaults && !values.contains_key(&m.name)) {
                if let Some(default) = ctx.default_value(m).filter(|_| !m.traits.is_client_optional()) {
                    out.insert(ctx.wire_name(m).to_owned(), wire_json(ctx, &m.target, default)?);
                }
            }
            Value::Object(out)
        }
        // A float member travels as a float (`50.0`) though an example may write it as an
        // integer (ECS's UpdateTaskSet example: `"scale": {"value": 50}`); JSON values of
        // the two types never compare equal.
        (ShapeKind::Simple(Simple::Float | Simple::Double), Value::Number(n)) => n.as_f64().map_or_else(|| value.clone(), Value::from),
        (ShapeKind::List(m), Value::Array(items)) => Value::Array(items.iter().map(|i| wire_json(ctx, &m.target, i)).collect::<Result<_>>()?),
        (ShapeKind::Map { value: m, .. }, Value::Object(entries)) => {
            Value::Object(entries.iter().map(|(k, v)| Ok((k.clone(), wire_json(ctx, &m.target, v)?))).collect::<Result<_>>()?)
        }
        // Blobs are base64 in JSON bodies; example values are their text.
        (ShapeKind::Simple(Simple::Blob), Value::String(text)) => {
            use base64::Engine;
            Value::String(base64::engine::general_purpose::STANDARD.encode(text.as_bytes()))
        }
        (ShapeKind::Simple(Simple::Timestamp), Value::String(_)) => {
            crate::plan::timestamp_seconds(value).ok_or_else(|| Error::shape(target, format!("example value {value} is not a timestamp")))?
        }
        // Protocols that write big numbers as strings send and receive the text.
        (ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal), Value::String(_)) if ctx.protocol.body_rules().big_numbers_as_text => {
            value.clone()
        }
        (ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal), Value::Number(n)) if ctx.protocol.body_rules().big_numbers_as_text => {
            Value::String(ctx.model.number_text(n).map_err(|why| Error::shape(target, why))?)
        }
        (ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal), Value::String(text)) if direction == Direction::Sent => {
            serde_json::from_str::<Value>(text).map_err(|_| Error::shape(target, format!("example value `{text}` is not a number")))?
        }
        (ShapeKind::Simple(Simple::BigInteger | Simple::BigDecimal), Value::Number(n)) if direction == Direction::Received => {
            Value::String(ctx.model.number_text(n).map_err(|why| Error::shape(target, why))?)
        }
        _ => value.clone(),
    })
}
