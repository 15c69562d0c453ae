//! A stand-in for a generated operation, so that what the runtime does per operation (the
//! test mock among it) is exercised here.

use crate::config::Config;
use crate::error::{BuildError, Unhandled};
use crate::rt::{HttpRequest, HttpResponse, Operation, error_metadata};

/// An operation whose input is a name and whose output is a number.
pub(crate) struct Count;

impl Operation for Count {
    const NAME: &'static str = "Count";
    type Input = String;
    type Output = u32;
    type Error = Unhandled;

    fn request(_input: &String, _config: &Config) -> Result<HttpRequest, BuildError> {
        Err(BuildError::config(Self::NAME, "the stand-in sends nothing"))
    }

    fn parse_output(_response: &HttpResponse) -> Result<u32, String> {
        Ok(0)
    }

    fn parse_error(response: &HttpResponse) -> Unhandled {
        Unhandled::new(error_metadata(response))
    }
}

#[cfg(all(test, feature = "test-util"))]
mod tests {
    use super::*;
    use crate::error::{ErrorMetadata, ProvideErrorMetadata, SdkError};
    use crate::test_util::{Mock, operation};

    #[test]
    fn queued_answers_come_first_then_the_standing_one() {
        let mock = Mock::default();
        let count = operation::<String, u32, Unhandled>(&mock, "Count");
        let meta = ErrorMetadata::builder().code("Throttled").message("slow down").status(429).request_id("req-m").build();
        count.then(Ok(1)).then(Err(SdkError::Service(Unhandled::from_meta(meta)))).answers(|name| Ok(name.len() as u32));
        assert_eq!(mock.answer::<Count>("a".into()).ok(), Some(1));
        let error = mock.answer::<Count>("bb".into()).expect_err("the queued error");
        let SdkError::Service(e) = &error else { panic!("{error:?}") };
        assert_eq!((e.code(), e.message(), e.status(), e.request_id()), (Some("Throttled"), Some("slow down"), 429, Some("req-m")));
        assert_eq!(mock.answer::<Count>("ccc".into()).ok(), Some(3));
        assert_eq!(mock.answer::<Count>("dddd".into()).ok(), Some(4));
        assert_eq!(count.inputs(), ["a", "bb", "ccc", "dddd"]);
        assert_eq!(count.calls(), 4);
        count.returns(9);
        assert_eq!(mock.answer::<Count>("e".into()).ok(), Some(9));
    }

    #[test]
    fn an_operation_without_an_answer_fails_without_sending() {
        let mock = Mock::default();
        let error = mock.answer::<Count>("x".into()).expect_err("no answer");
        let SdkError::Build(e) = &error else { panic!("{error:?}") };
        assert!(e.to_string().starts_with("Count: invalid configuration: the mock has no answer for this operation"), "{e}");
        assert_eq!(operation::<String, u32, Unhandled>(&mock, "Count").inputs(), ["x"]);
        assert_eq!(format!("{mock:?}"), "Mock { operations: [\"Count\"] }");
    }
}
