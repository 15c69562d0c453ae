//! Which runtime a crate gets. The runtime (`codegen/runtime/`) is ordinary Rust; what a
//! crate needs of it is a set of named parts, decided from the model's plans and from what
//! the emitted files refer to (recorded by their scopes, never searched for in their text).
//! One mechanism tailors it: a file belongs to the parts it needs, and a region of a file
//! between `// codegen:if <part>` and `// codegen:end` (the module declarations of
//! `rt/mod.rs` among them) is kept only when its part is (one of its parts, when it names
//! several); regions nest. A region between
//! `// codegen:if-used <path>…` and `// codegen:end` is kept when an emitted file refers to
//! one of the paths (helpers that only some crates call). The Cargo dependencies follow
//! from the parts.

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::model::{ShapeKind, Simple};
use crate::plan::{AuthScheme, Ctx, TypeHome};

/// Every part, with what it stands for.
const PARTS: &[(&str, &str)] = &[
    ("client", "a client crate (not only its endpoint rules)"),
    ("endpoint", "compiled endpoint rules"),
    ("host-label", "the rules use isValidHostLabel"),
    ("s3-bucket", "the rules use aws.isVirtualHostableS3Bucket"),
    ("url", "the rules use parseURL"),
    ("arn", "the rules use aws.parseArn"),
    ("substring", "the rules use substring"),
    ("uri-encode", "the rules use uriEncode"),
    ("split", "the rules use split"),
    ("auth", "an operation allows an auth scheme"),
    ("auth-choice", "an operation allows several auth schemes"),
    ("sigv4", "an operation allows SigV4"),
    ("bearer", "an operation allows httpBearerAuth"),
    ("api-key", "an operation allows httpApiKeyAuth"),
    ("basic-auth", "an operation allows httpBasicAuth"),
    ("bearer-env", "an operation allows SigV4 and httpBearerAuth: from_env reads AWS_BEARER_TOKEN_<signing name>"),
    ("json", "JSON bodies"),
    ("json-read", "generated code reads JSON"),
    ("json-write", "generated code writes JSON"),
    ("primitives", "timestamps, blobs, documents or big numbers"),
    ("http", "HTTP bindings outside the body (labels, query, headers), and the text of values in forms"),
    ("base64", "base64 in generated code (@mediaType headers)"),
    ("content", "request compression or checksums"),
    ("compression", "@requestCompression operations and their settings"),
    ("md5", "@httpChecksumRequired operations"),
    ("idempotency-token", "@idempotencyToken members and their provider setting"),
    ("download", "outputs with a @streaming blob, read as a ByteStream"),
    ("upload", "request bodies sent as they are read: @streaming blobs and event streams"),
    ("blob-upload", "inputs with a @streaming blob, sent from a ByteStream"),
    ("byte-stream", "a streaming input or output"),
    ("big-numbers", "bigInteger and bigDecimal values"),
    ("pagination", "@paginated operations"),
    ("modeled-error", "the service declares errors"),
    ("union", "the service has unions"),
    ("query-compatible", "aws.protocols#awsQueryCompatible"),
    ("rpc-v2", "smithy.protocols#rpcv2Json or rpcv2Cbor"),
    ("cbor", "CBOR bodies (rpcv2Cbor)"),
    ("xml", "XML response bodies (awsQuery, restXml)"),
    ("xml-write", "XML request bodies (restXml)"),
    ("event-stream", "application/vnd.amazon.eventstream framing (event streams)"),
    ("event-input", "operations that send event streams (framing, SigV4 event signing, HTTP/2)"),
    ("initial-response", "event streams whose output members come as an `initial-response` event (RPC protocols)"),
    ("initial-request", "event streams whose input members go first as an `initial-request` event (RPC protocols)"),
    ("query", "form-encoded requests (awsQuery, ec2Query)"),
    ("protocol-tests", "the model carries protocol compliance tests"),
    ("jmespath", "compiled JMESPath expressions (waiters, operationContextParams)"),
    ("waiters", "smithy.waiters#waitable operations"),
];

/// A runtime file: the parts it needs (all of them), where it comes from and goes.
struct RuntimeFile {
    parts: &'static [&'static str],
    source: &'static str,
    dest: &'static str,
    text: &'static str,
}

macro_rules! file {
    ([$($part:literal),*], $source:literal, $dest:literal) => {
        RuntimeFile { parts: &[$($part),*], source: $source, dest: $dest, text: include_str!(concat!("../../runtime/", $source)) }
    };
}

const FILES: &[RuntimeFile] = &[
    file!(["endpoint"], "endpoint/resolved.rs", "src/endpoint/resolved.rs"),
    file!(["endpoint"], "endpoint/cache.rs", "src/endpoint/cache.rs"),
    file!(["endpoint", "host-label"], "endpoint/host_label.rs", "src/endpoint/host_label.rs"),
    file!(["endpoint", "s3-bucket"], "endpoint/s3_bucket.rs", "src/endpoint/s3_bucket.rs"),
    file!(["endpoint", "url"], "endpoint/url.rs", "src/endpoint/url.rs"),
    file!(["endpoint", "arn"], "endpoint/arn.rs", "src/endpoint/arn.rs"),
    file!(["endpoint", "substring"], "endpoint/substring.rs", "src/endpoint/substring.rs"),
    file!(["endpoint", "uri-encode"], "endpoint/uri_encode.rs", "src/endpoint/uri_encode.rs"),
    file!(["endpoint", "split"], "endpoint/split.rs", "src/endpoint/split.rs"),
    file!(["client"], "config.rs", "src/config.rs"),
    file!(["client"], "error.rs", "src/error.rs"),
    file!(["client"], "credentials.rs", "src/credentials.rs"),
    file!(["client"], "test_util.rs", "src/test_util.rs"),
    file!(["client"], "build.rs", "build.rs"),
    file!(["client"], "rt/mod.rs", "src/rt/mod.rs"),
    file!(["client"], "rt/json.rs", "src/rt/json.rs"),
    file!(["client"], "rt/retry.rs", "src/rt/retry.rs"),
    file!(["client"], "rt/fuzz.rs", "src/rt/fuzz.rs"),
    file!(["client"], "tests/common.rs", "tests/common/mod.rs"),
    file!(["client", "auth"], "rt/auth.rs", "src/rt/auth.rs"),
    file!(["client", "sigv4"], "rt/signing.rs", "src/rt/signing.rs"),
    file!(["client", "json-read"], "rt/json_read.rs", "src/rt/json_read.rs"),
    file!(["client", "json-write"], "rt/json_write.rs", "src/rt/json_write.rs"),
    file!(["client", "primitives"], "primitives.rs", "src/primitives.rs"),
    file!(["client", "json-read", "primitives"], "rt/primitives_read.rs", "src/rt/primitives_read.rs"),
    file!(["client", "json-write", "primitives"], "rt/primitives_write.rs", "src/rt/primitives_write.rs"),
    file!(["client", "http"], "rt/http.rs", "src/rt/http.rs"),
    file!(["client", "content"], "rt/content.rs", "src/rt/content.rs"),
    file!(["client", "byte-stream"], "byte_stream.rs", "src/byte_stream.rs"),
    file!(["client", "pagination"], "pagination.rs", "src/pagination.rs"),
    file!(["client", "modeled-error"], "rt/modeled_error.rs", "src/rt/modeled_error.rs"),
    file!(["client", "union", "json"], "rt/union.rs", "src/rt/union.rs"),
    file!(["client", "rpc-v2"], "rt/rpc_v2.rs", "src/rt/rpc_v2.rs"),
    file!(["client", "cbor"], "rt/cbor.rs", "src/rt/cbor.rs"),
    file!(["client", "xml"], "rt/xml.rs", "src/rt/xml.rs"),
    file!(["client", "xml-write"], "rt/xml_write.rs", "src/rt/xml_write.rs"),
    file!(["client", "event-stream"], "rt/event_frame.rs", "src/rt/event_frame.rs"),
    file!(["client", "event-stream"], "event_stream.rs", "src/event_stream.rs"),
    file!(["client", "query"], "rt/query.rs", "src/rt/query.rs"),
    file!(["client", "protocol-tests"], "tests/protocol.rs", "tests/protocol_support/mod.rs"),
    file!(["client", "jmespath"], "rt/jmespath.rs", "src/rt/jmespath.rs"),
    file!(["client", "waiters"], "waiters.rs", "src/waiters.rs"),
];

/// The parts a crate needs, and what its emitted files refer to (for `codegen:if-used`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts(BTreeSet<&'static str>, BTreeSet<String>);

impl Parts {
    /// The parts of an endpoint-rules crate: the rules' library functions.
    pub fn endpoint(endpoint: &crate::rules::EndpointModule) -> Result<Parts> {
        let mut parts = BTreeSet::from(["endpoint"]);
        for name in &endpoint.runtime {
            let part = name.replace('_', "-");
            let known = PARTS.iter().find(|(p, _)| *p == part).ok_or_else(|| Error::InvalidOutput {
                file: format!("codegen/runtime/endpoint/{name}.rs"),
                message: "the rules need a runtime file that does not exist".into(),
            })?;
            parts.insert(known.0);
        }
        Ok(Parts(parts, BTreeSet::new()))
    }

    /// The parts of the client crate planned in `ctx`, whose emitted files refer to `used`
    /// (see [`Ctx::uses`]) and whose endpoint rules are `endpoint`; `protocol_tests` when
    /// it gets `tests/protocol.rs`.
    pub fn of(ctx: &Ctx<'_>, endpoint: &crate::rules::EndpointModule, used: &BTreeSet<String>, protocol_tests: bool) -> Result<Parts> {
        let refers = |prefix: &str| used.iter().any(|item| item == prefix || item.starts_with(&format!("{prefix}::")));
        // Request traits count only for operations that send requests (not refused ones).
        let sending: Vec<_> = ctx.plans().iter().filter(|p| p.sends()).map(|p| &p.id).collect();
        let any_sent = |f: fn(&Ctx<'_>, &crate::model::ShapeId) -> bool| sending.iter().any(|op| f(ctx, op));
        let compression = any_sent(crate::protocol::http::compresses);
        let md5 = any_sent(crate::protocol::http::sets_md5);
        let download = crate::plan::operation::any_streaming_output(ctx);
        let event_input = crate::plan::operation::any_event_input(ctx);
        let upload = crate::plan::operation::any_upload(ctx);
        let kinds = |wanted: fn(&ShapeKind) -> bool| ctx.types.keys().any(|id| ctx.model.get(id).is_some_and(|s| wanted(&s.kind)));
        let schemes: Vec<&[AuthScheme]> = ctx.plans().iter().map(|p| p.auth.as_slice()).collect();
        let allows = |wanted: fn(&AuthScheme) -> bool| schemes.iter().any(|s| s.iter().any(wanted));
        let chosen: [(&'static str, bool); 39] = [
            ("client", true),
            ("auth", schemes.iter().any(|s| !s.is_empty())),
            ("auth-choice", schemes.iter().any(|s| s.len() > 1)),
            ("sigv4", ctx.signs()),
            ("bearer", allows(|s| matches!(s, AuthScheme::Bearer))),
            ("api-key", allows(|s| matches!(s, AuthScheme::ApiKey { .. }))),
            ("basic-auth", allows(|s| matches!(s, AuthScheme::Basic))),
            ("bearer-env", ctx.bearer_token_env().is_some()),
            ("json", refers("crate::rt::json") || refers("crate::rt::json_read") || refers("crate::rt::json_write")),
            ("json-read", refers("crate::rt::json_read")),
            ("json-write", refers("crate::rt::json_write")),
            ("primitives", ctx.uses_primitives()),
            // Forms are written with the HTTP bindings' text of values.
            ("http", refers("crate::rt::http") || refers("crate::rt::query")),
            ("base64", refers("base64")),
            ("content", compression || md5),
            ("compression", compression),
            ("md5", md5),
            ("idempotency-token", any_sent(crate::protocol::http::fills_token)),
            ("download", download),
            ("upload", upload),
            ("blob-upload", crate::plan::operation::any_streaming_input(ctx)),
            ("byte-stream", download || upload || crate::plan::operation::any_event_output(ctx)),
            ("event-input", event_input),
            ("initial-response", ctx.protocol.initial_message_events() && crate::plan::operation::any_event_output(ctx)),
            ("initial-request", ctx.protocol.initial_message_events() && event_input),
            ("big-numbers", ctx.uses_simple(|s| matches!(s, Simple::BigInteger | Simple::BigDecimal))),
            ("pagination", super::paginator::any(ctx)),
            ("modeled-error", ctx.types.values().any(|t| t.home == TypeHome::Errors)),
            ("union", kinds(|k| matches!(k, ShapeKind::Union(_)))),
            ("query-compatible", ctx.protocol.runtime_parts().contains(&"query-compatible")),
            ("rpc-v2", refers("crate::rt::rpc_v2")),
            ("cbor", refers("crate::rt::cbor")),
            ("xml", refers("crate::rt::xml") || refers("crate::rt::query") || refers("crate::rt::xml_write")),
            ("xml-write", refers("crate::rt::xml_write")),
            ("event-stream", event_input || refers("crate::rt::event_frame") || refers("crate::event_stream")),
            ("query", refers("crate::rt::query")),
            ("protocol-tests", protocol_tests),
            ("jmespath", refers("crate::rt::jmespath")),
            ("waiters", refers("crate::waiters")),
        ];
        let mut parts = Parts::endpoint(endpoint)?;
        parts.1 = used.clone();
        parts.0.extend(chosen.into_iter().filter(|(_, on)| *on).map(|(part, _)| part));
        Ok(parts)
    }

    /// Whether the crate has `part`; `None` for a name that is not a part.
    fn enabled(&self, part: &str) -> Option<bool> {
        PARTS.iter().any(|(name, _)| *name == part).then(|| self.0.contains(part))
    }

    /// Whether the crate has `part` (a name from the list above).
    pub fn has(&self, part: &str) -> bool {
        self.0.contains(part)
    }

    /// The runtime files the crate gets, as (destination, text): each file whose parts it
    /// has, without the regions of parts it lacks, `CRATE_NAME` made the library's name.
    pub fn files(&self, lib: &str) -> Result<Vec<(&'static str, String)>> {
        let mut out = Vec::new();
        for file in FILES.iter().filter(|f| f.parts.iter().all(|p| self.has(p))) {
            let text = self.strip(&file.text.replace("CRATE_NAME", lib), file.source)?;
            // As the runtime crate formats it; stripped regions can leave lines rustfmt would join.
            let header =
                format!("// Copied by smithy-codegen from codegen/runtime/{}. DO NOT EDIT.\n\n#![cfg_attr(rustfmt, rustfmt_skip)]\n\n", file.source);
            out.push((file.dest, format!("{header}{text}")));
        }
        Ok(out)
    }

    /// The text without the marker lines and without the regions of parts this crate does
    /// not have. A line is kept when every region around it is.
    fn strip(&self, text: &str, source: &str) -> Result<String> {
        let broken = |message: String| Error::InvalidOutput { file: format!("codegen/runtime/{source}"), message };
        let mut out = String::with_capacity(text.len());
        let mut open: Vec<bool> = Vec::new();
        for line in text.split_inclusive('\n') {
            let marker = line.trim();
            if let Some(paths) = marker.strip_prefix("// codegen:if-used ") {
                open.push(paths.split_whitespace().any(|p| self.1.contains(p)));
            } else if let Some(parts) = marker.strip_prefix("// codegen:if ") {
                // Several parts: kept when any of them is on.
                let mut keep = false;
                for part in parts.split_whitespace() {
                    keep |= self.enabled(part).ok_or_else(|| broken(format!("unknown part `{part}`")))?;
                }
                open.push(keep);
            } else if marker.contains("// codegen:") && !marker.starts_with("// codegen:end") {
                // rustfmt can move a marker after code (`} // codegen:end`): refused, not misread.
                return Err(broken(format!("a `// codegen:` marker must be on a line of its own: `{marker}`")));
            } else if marker == "// codegen:end" {
                if open.pop().is_none() {
                    return Err(broken("`// codegen:end` without `// codegen:if`".into()));
                }
            } else if open.iter().all(|keep| *keep) {
                out.push_str(line);
            }
        }
        if !open.is_empty() {
            return Err(broken("a `// codegen:if` part is not closed".into()));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(names: &[&'static str]) -> Parts {
        Parts(names.iter().copied().collect(), BTreeSet::new())
    }

    #[test]
    fn regions_are_kept_or_dropped_with_their_parts() {
        let text = "a\n    // codegen:if md5\nb\n    // codegen:end\nc\n// codegen:if compression\nd\n// codegen:end\n";
        assert_eq!(parts(&["md5"]).strip(text, "x.rs").unwrap(), "a\nb\nc\n");
        assert_eq!(Parts::default().strip(text, "x.rs").unwrap(), "a\nc\n");
        let nested = "a\n// codegen:if md5\nb\n// codegen:if compression\nc\n// codegen:end\nd\n// codegen:end\ne\n";
        assert_eq!(parts(&["md5"]).strip(nested, "x.rs").unwrap(), "a\nb\nd\ne\n");
        assert_eq!(parts(&["md5", "compression"]).strip(nested, "x.rs").unwrap(), "a\nb\nc\nd\ne\n");
        assert_eq!(Parts::default().strip(nested, "x.rs").unwrap(), "a\ne\n");
        let helpers = "a\n// codegen:if-used crate::m::f crate::m::g\nf\n// codegen:end\n// codegen:if-used crate::m::h\nh\n// codegen:end\n";
        let calls_g = Parts(BTreeSet::new(), BTreeSet::from(["crate::m::g".to_owned()]));
        assert_eq!(calls_g.strip(helpers, "x.rs").unwrap(), "a\nf\n");
        assert_eq!(Parts::default().strip(helpers, "x.rs").unwrap(), "a\n");
        for broken in [
            "// codegen:if md5\n",
            "// codegen:end\n",
            "// codegen:if nothing\n// codegen:end\n",
            "// codegen:if md5\n// codegen:if md5\n// codegen:end\n",
            "// codegen:if md5\n} // codegen:end\n",
        ] {
            assert!(parts(&["md5"]).strip(broken, "x.rs").is_err(), "{broken}");
        }
    }

    #[test]
    fn every_runtime_file_names_known_parts_in_its_regions() {
        let all = Parts(PARTS.iter().map(|(name, _)| *name).collect(), BTreeSet::new());
        for file in FILES {
            assert!(file.parts.iter().all(|p| all.enabled(p).is_some()), "{}", file.source);
            all.strip(file.text, file.source).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn files_follow_their_parts() {
        let files = parts(&["client", "json-read"]).files("x").unwrap();
        let dests: Vec<&str> = files.iter().map(|(d, _)| *d).collect();
        assert!(dests.contains(&"src/rt/json_read.rs") && !dests.contains(&"src/rt/signing.rs") && !dests.contains(&"src/rt/auth.rs"));
        assert!(!dests.contains(&"src/rt/json_write.rs") && !dests.contains(&"src/rt/primitives_read.rs"));
        let rt = &files.iter().find(|(d, _)| *d == "src/rt/mod.rs").unwrap().1;
        assert!(rt.contains("pub(crate) mod json_read;") && !rt.contains("pub(crate) mod json_write;") && !rt.contains("codegen:"));
        let endpoint_only = parts(&["endpoint", "url"]).files("x").unwrap();
        let dests: Vec<&str> = endpoint_only.iter().map(|(d, _)| *d).collect();
        assert_eq!(dests, ["src/endpoint/resolved.rs", "src/endpoint/cache.rs", "src/endpoint/url.rs"]);
    }
}
