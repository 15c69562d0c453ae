//! A stand-in for a generated modeled error, so that the runtime's `modeled_error!` is
//! expanded and tested here as it is in generated crates.

use crate::error::ErrorMetadata;
use crate::rt::json::{self, JsonObject};

/// An error with a message member, as a model declares one.
#[derive(Debug, Default)]
pub struct ThingError {
    message: Option<String>,
    pub(crate) meta: ErrorMetadata,
}

/// Its builder, which reads it from a JSON body.
#[derive(Default)]
pub struct ThingErrorBuilder {
    message: Option<String>,
}

impl JsonObject for ThingErrorBuilder {
    type Output = ThingError;

    fn member<'de, A: serde_core::de::MapAccess<'de>>(&mut self, name: &str, map: &mut A) -> Result<(), A::Error> {
        match name {
            "message" => self.message = crate::rt::json_read::member(map)?,
            _ => json::skip(map)?,
        }
        Ok(())
    }

    fn finish(self) -> ThingError {
        ThingError { message: self.message, meta: ErrorMetadata::default() }
    }
}

crate::rt::modeled_error::modeled_error!(ThingError, ThingErrorBuilder, "ThingError");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ProvideErrorMetadata;
    use crate::rt::{HttpResponse, error_metadata};

    fn response(body: &'static str) -> HttpResponse {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-amzn-requestid", reqwest::header::HeaderValue::from_static("req-7"));
        headers.insert("x-amzn-errortype", reqwest::header::HeaderValue::from_static("ThingError"));
        HttpResponse { status: 409, headers, body: bytes::Bytes::from_static(body.as_bytes()) }
    }

    #[test]
    fn modeled_errors_are_read_with_their_metadata() {
        let r = response(r#"{"message":"it is taken","other":[1,2]}"#);
        let error = ThingError::parse(error_metadata(&r), &r);
        assert_eq!(error.message.as_deref(), Some("it is taken"));
        assert_eq!((error.code(), error.status(), error.request_id()), (Some("ThingError"), 409, Some("req-7")));
        assert_eq!(error.to_string(), "ThingError: it is taken (request id req-7)");
    }

    #[test]
    fn an_unreadable_body_keeps_the_code_and_status() {
        let r = response("<html>proxy error</html>");
        let error = ThingError::parse(error_metadata(&r), &r);
        assert_eq!((error.message.as_deref(), error.code(), error.status()), (None, Some("ThingError"), 409));
    }
}
