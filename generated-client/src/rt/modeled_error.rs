// Copied by smithy-codegen from codegen/runtime/rt/modeled_error.rs. DO NOT EDIT.

//! What every modeled error shares, written once: reading it from an error response, its
//! [`ErrorMetadata`](crate::error::ErrorMetadata), and a one-line `Display`. (Copied only
//! into crates whose model declares errors.)

/// `modeled_error!(Type, TypeBuilder, "ShapeName")` implements, for a generated error
/// structure, `parse` (from a response body; members of an unreadable body stay unset,
/// while the code and status still identify the error), `ProvideErrorMetadata`,
/// `Display` (`ShapeName: message (request id ...)`) and `std::error::Error`.
macro_rules! modeled_error {
    ($name:ident, $builder:ident, $code:literal) => {
        impl $name {
            #[allow(dead_code)] // An error that only an event stream carries is not read from a response.
            pub(crate) fn parse(meta: $crate::error::ErrorMetadata, body: &[u8]) -> Self {
                let mut error = $crate::rt::json::parse_body::<$builder>(body)
                    .unwrap_or_else(|_| <$builder as $crate::rt::json::JsonObject>::finish($builder::default()));
                error.meta = meta;
                error
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
