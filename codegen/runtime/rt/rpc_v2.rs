//! `smithy.protocols#rpcv2Json` (and its CBOR sibling): responses say which protocol they
//! speak in `Smithy-Protocol`, and one that does not is read from its status alone; errors
//! name themselves in the body's `__type` only.

use reqwest::header::HeaderName;

use super::HttpResponse;
use crate::error::ErrorMetadata;

const SMITHY_PROTOCOL: HeaderName = HeaderName::from_static("smithy-protocol");

/// Whether the response carries `Smithy-Protocol: <protocol>`.
fn speaks(response: &HttpResponse, protocol: &str) -> bool {
    response.headers.get(&SMITHY_PROTOCOL).is_some_and(|v| v.as_bytes() == protocol.as_bytes())
}

/// A success response is read only when it speaks the request's protocol.
pub(crate) fn check_protocol(response: &HttpResponse, protocol: &str) -> Result<(), String> {
    if speaks(response, protocol) { Ok(()) } else { Err(format!("the response does not say `smithy-protocol: {protocol}`")) }
}

// codegen:if-used crate::rt::rpc_v2::json_error_metadata
/// Code, message, status and request id of an `rpcv2Json` error: the code is the body's
/// `__type` (`X-Amzn-Errortype` and `code` are ignored, as the protocol says); a response
/// that does not speak `rpc-v2-json` keeps only its status and request id.
pub(crate) fn json_error_metadata(response: &HttpResponse) -> ErrorMetadata {
    if !speaks(response, "rpc-v2-json") {
        return super::response_error_metadata(response, None, None);
    }
    let body = super::json::error_body(&response.body);
    super::response_error_metadata(response, body.type_field.as_deref(), body.message)
}
// codegen:end
// codegen:if-used crate::rt::rpc_v2::cbor_error_metadata

/// As [`json_error_metadata`], for `rpcv2Cbor`.
pub(crate) fn cbor_error_metadata(response: &HttpResponse) -> ErrorMetadata {
    if !speaks(response, "rpc-v2-cbor") {
        return super::response_error_metadata(response, None, None);
    }
    let (code, message) = super::cbor::error_body(&response.body);
    super::response_error_metadata(response, code.as_deref(), message)
}
// codegen:end

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rt::test_response as response;

    #[test]
    fn success_responses_must_speak_the_protocol() {
        assert_eq!(check_protocol(&response(&[("smithy-protocol", "rpc-v2-json")], "{}"), "rpc-v2-json"), Ok(()));
        for headers in [&[][..], &[("smithy-protocol", "rpc-v2-cbor")], &[("smithy-protocol", "RPC-V2-JSON ")]] {
            let error = check_protocol(&response(headers, "{}"), "rpc-v2-json").unwrap_err();
            assert_eq!(error, "the response does not say `smithy-protocol: rpc-v2-json`");
        }
    }
    // codegen:if-used crate::rt::rpc_v2::json_error_metadata

    #[test]
    fn json_errors_are_named_by_their_type_field_only() {
        let body = r#"{"__type":"smithy.protocoltests.rpcv2Json#ComplexError","code":"Other","Message":"Hi"}"#;
        let r = response(&[("smithy-protocol", "rpc-v2-json"), ("x-amzn-errortype", "Header"), ("x-amzn-requestid", "r1")], body);
        let meta = json_error_metadata(&r);
        assert_eq!((meta.code(), meta.message(), meta.status(), meta.request_id()), (Some("ComplexError"), Some("Hi"), 400, Some("r1")));
        let meta = json_error_metadata(&response(&[("smithy-protocol", "rpc-v2-json")], r#"{"code":"Other"}"#));
        assert_eq!(meta.code(), None);
        let meta = json_error_metadata(&response(&[("x-amzn-requestid", "r2")], body));
        assert_eq!((meta.code(), meta.message(), meta.request_id()), (None, None, Some("r2")));
    }
    // codegen:end
    // codegen:if-used crate::rt::rpc_v2::cbor_error_metadata

    #[test]
    fn cbor_errors_are_named_by_their_type_field_only() {
        // {"__type": "ns#Oops", "code": "Other", "message": "Hi"}, then the type as a number.
        let body = b"\xa3\x66__type\x67ns#Oops\x64code\x65Other\x67message\x62Hi";
        let mut r = response(&[("smithy-protocol", "rpc-v2-cbor"), ("x-amzn-errortype", "Header")], "");
        r.body = bytes::Bytes::from_static(body);
        let meta = cbor_error_metadata(&r);
        assert_eq!((meta.code(), meta.message()), (Some("Oops"), Some("Hi")));
        r.body = bytes::Bytes::from_static(b"\xa1\x66__type\x05");
        assert_eq!(cbor_error_metadata(&r).code(), None);
        r.body = bytes::Bytes::from_static(b"\xff\x00");
        assert_eq!(cbor_error_metadata(&r).code(), None);
        r.headers.clear();
        r.body = bytes::Bytes::from_static(body);
        assert_eq!((cbor_error_metadata(&r).code(), cbor_error_metadata(&r).status()), (None, 400));
    }
    // codegen:end
}
