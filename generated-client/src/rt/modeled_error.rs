// Copied by smithy-codegen from codegen/runtime/rt/modeled_error.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! What every modeled error shares, written once: reading it from an error response, its
//! [`ErrorMetadata`](crate::error::ErrorMetadata), and a one-line `Display`. (Copied only
//! into crates whose model declares errors.)

/// `modeled_error!(Type, TypeBuilder, "ShapeName")` implements, for a generated error
/// structure, `parse` (from a response; members of an unreadable response stay unset,
/// while the code and status still identify the error; with the arguments `read` and the
/// builder's reader trait, the generated code reads the response itself, for members bound
/// to headers or bodies that are not JSON), `ProvideErrorMetadata`,
/// `Display` (`ShapeName: message (request id ...)`) and `std::error::Error`.
macro_rules! modeled_error {
    // Every member is in the body.
    ($name:ident, $builder:ident, $code:literal) => {
        impl $name {
            #[inline]
            fn read(response: &$crate::rt::HttpResponse) -> Result<Self, String> {
                $crate::rt::json::parse_body_builder::<$builder>(&response.body).map(<$builder as $crate::rt::json::JsonObject>::finish)
            }
        }

        $crate::rt::modeled_error::modeled_error!($name, $builder, $code, read, $crate::rt::json::JsonObject);
    };
    // Some members are bound to headers or the status, or the body is not JSON: the
    // generated code defines `read`, and names the trait whose `finish` the builder has.
    ($name:ident, $builder:ident, $code:literal, read, $object:path) => {
        impl $name {
            // Unused for an error that only an event stream carries (never read from a
            // response). Inline, as the operations' `parse_error` that call it: reading the
            // error is then compiled into the program that sends one of its operations, not
            // into the client crate for every error of the model.
            #[allow(dead_code)]
            #[inline]
            pub(crate) fn parse(meta: $crate::error::ErrorMetadata, response: &$crate::rt::HttpResponse) -> Self {
                let mut error = Self::read(response).unwrap_or_else(|_| <$builder as $object>::finish($builder::default()));
                error.meta = meta;
                error
            }
        }

        impl $name {
            /// This error with `meta` as its metadata, as a test answers with (feature
            /// `test-util`); an error built by hand otherwise has only its code.
            #[cfg(feature = "test-util")]
            pub fn with_meta(mut self, meta: $crate::error::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }
        }

        impl $crate::error::ProvideErrorMetadata for $name {
            fn meta(&self) -> &$crate::error::ErrorMetadata {
                &self.meta
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                $crate::rt::modeled_error::display(&self.meta, $code, f)
            }
        }

        impl std::error::Error for $name {}
    };
}

pub(crate) use modeled_error;

/// `Name: message (request id ...)`, the one-line form every modeled error displays.
pub(crate) fn display(meta: &crate::error::ErrorMetadata, name: &str, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    f.write_str(name)?;
    if let Some(m) = &meta.message {
        write!(f, ": {m}")?;
    }
    if let Some(id) = &meta.request_id {
        write!(f, " (request id {id})")?;
    }
    Ok(())
}
