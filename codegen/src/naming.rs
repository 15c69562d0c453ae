//! Every Rust name the generator emits is made here: case conversion (heck), keyword
//! escaping and the names our own generated items reserve. One table-driven test covers it.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Words that cannot be identifiers without `r#` (strict and reserved keywords, 2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else", "enum", "extern", "false",
    "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where",
    "while", "yield",
];

/// Keywords that cannot even be raw identifiers: these get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Type names that would shadow the standard prelude (or our own runtime types) in
/// generated files; a shape with such a name gets a `Value` suffix.
const RESERVED_TYPES: &[&str] = &[
    "Box", "Clone", "Config", "Copy", "Default", "Drop", "Err", "Error", "Fn", "Iterator", "None", "Ok", "Option", "Result", "Send", "Sized", "Some",
    "String", "Sync", "ToString", "Unpin", "Vec",
];

/// Method names our builders and structs define themselves, or take from traits they
/// derive (`Default::default`, `Clone::clone`: an inherent `default` setter would shadow
/// it); a member with such a name gets a `_value` suffix on its accessor, setter and field.
const RESERVED_METHODS: &[&str] = &["build", "builder", "send", "customize", "config", "meta", "as_str", "as_ref", "default", "clone"];

/// The Rust type name of a shape name: `UpperCamelCase`, never shadowing the prelude.
pub fn type_name(shape_name: &str) -> String {
    let camel = shape_name.to_upper_camel_case();
    let camel = if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) { format!("T{camel}") } else { camel };
    if RESERVED_TYPES.contains(&camel.as_str()) || camel == "Self" { format!("{camel}Value") } else { camel }
}

/// The Rust field (and getter) name of a member: `snake_case`, keywords raw-escaped.
pub fn field_name(member_name: &str) -> String {
    let snake = snake(member_name);
    if RESERVED_METHODS.contains(&snake.as_str()) {
        return format!("{snake}_value");
    }
    escape_keyword(snake)
}

/// The builder of a generated type: `{Type}Builder`.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The types generated for an operation named `model_name` (after the service's
/// `rename`): its marker, input, output, error enum, fluent builder and paginator.
pub struct OperationTypes {
    /// The private marker type that implements the runtime's `Operation`.
    pub marker: String,
    /// `{Op}Input`.
    pub input: String,
    /// `{Op}Output`.
    pub output: String,
    /// `{Op}Error`.
    pub error: String,
    /// `{Op}FluentBuilder`.
    pub fluent: String,
    /// `{Op}Paginator`.
    pub paginator: String,
}

/// The type names of an operation.
pub fn operation_types(model_name: &str) -> OperationTypes {
    let base = type_name(model_name);
    OperationTypes {
        input: format!("{base}Input"),
        output: format!("{base}Output"),
        error: format!("{base}Error"),
        fluent: format!("{base}FluentBuilder"),
        paginator: format!("{base}Paginator"),
        marker: base,
    }
}

/// The names generated for a waiter (`smithy.waiters#waitable`) named `ClusterActive`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaiterNames {
    /// The client method: `wait_until_cluster_active`.
    pub method: String,
    /// The input builder bound to the waiter: `ClusterActiveWaiter`.
    pub waiter: String,
    /// What the builder holds (the client): `WaitUntilClusterActive`.
    pub holder: String,
}

/// The names of waiter `name` (UpperCamelCase in models).
pub fn waiter_names(name: &str) -> WaiterNames {
    let ty = type_name(name);
    WaiterNames { method: format!("wait_until_{}", snake(name)), waiter: format!("{ty}Waiter"), holder: format!("WaitUntil{ty}") }
}

/// The accessor of a union variant: `as_` + the member's field name.
pub fn union_accessor(member_name: &str) -> String {
    format!("as_{}", field_name(member_name).trim_start_matches("r#"))
}

/// The name of a generated test function for an operation, a protocol test case or a
/// module of tests: `snake_case`, without `r#` (a test module may be named `type_`
/// rather than `r#type`).
pub fn test_fn_name(name: &str) -> String {
    module_name(name).trim_start_matches("r#").to_owned()
}

/// Methods every modeled error has (`ProvideErrorMetadata`'s `code`, `status` and
/// `request_id`): a member of an error structure with such a name would hide them, so it
/// gets a `_value` suffix there.
const ERROR_METHODS: &[&str] = &["code", "status", "request_id"];

/// The Rust names of a member: its field (and getter), and its builder's two setters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberNames {
    /// The field and getter: [`field_name`], and in an error structure never one of the
    /// error's own methods.
    pub field: String,
    /// The setter taking a value: the field name, but `with_` before names that Rust
    /// reserves for other kinds of methods (`is_*`, `as_*`, `to_*`, `from_*` take `&self` or
    /// no `self`, while a setter takes the builder by value).
    pub setter: String,
    /// The setter taking an `Option`: `set_` + the field name.
    pub set_opt: String,
}

impl MemberNames {
    /// The names of member `member_name`, of an error structure when `in_error`.
    pub fn of(member_name: &str, in_error: bool) -> Self {
        let mut field = field_name(member_name);
        if in_error && ERROR_METHODS.contains(&field.as_str()) {
            field.push_str("_value");
        }
        let bare = field.trim_start_matches("r#");
        let setter = if ["is_", "as_", "to_", "from_"].iter().any(|p| bare.starts_with(p)) { format!("with_{bare}") } else { field.clone() };
        let set_opt = format!("set_{bare}");
        MemberNames { field, setter, set_opt }
    }
}

/// The variant name of an enum or union member: `UpperCamelCase`, never `Unknown`
/// (which every generated enum and union reserves for values it does not know).
pub fn variant_name(member_name: &str) -> String {
    let camel = member_name.to_upper_camel_case();
    let camel = if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) { format!("V{camel}") } else { camel };
    match camel.as_str() {
        "Unknown" | "Self" => format!("{camel}Value"),
        _ => camel,
    }
}

/// The module (and client method) name of an operation: `snake_case`, keyword-escaped.
pub fn module_name(shape_name: &str) -> String {
    escape_keyword(snake(shape_name))
}

/// `snake_case` that is always a valid identifier start.
fn snake(name: &str) -> String {
    let snake = name.to_snake_case();
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) { format!("_{snake}") } else { snake }
}

/// The package and library names of the crate for an `aws.api#service` sdkId
/// (or the service shape name): "SSO OIDC" gives (`sso-oidc`, `sso_oidc`).
pub fn crate_names(sdk_id: &str) -> (String, String) {
    // Words are split on spaces only, as AWS SDKs do: "MediaStore Data" is `mediastore-data`.
    let package =
        sdk_id.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect::<Vec<_>>().join("-");
    let lib = lib_name(&package);
    (package, lib)
}

/// The library name of a package: `sso-oidc` gives `sso_oidc`.
pub fn lib_name(package: &str) -> String {
    package.replace('-', "_")
}

/// Whether `word` is a Rust keyword (which no crate can be named).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Test function names derived from text in the model (an endpoint case's documentation,
/// an example's title), so that inserting or removing one case renames no other: the text
/// in `snake_case`, shortened at a word boundary, and a repeated name numbered from its
/// second occurrence (`_2`, `_3`, ...).
#[derive(Debug, Default)]
pub struct TestNames {
    taken: std::collections::BTreeSet<String>,
}

impl TestNames {
    /// Longest slug kept before the disambiguating suffix.
    const MAX_LEN: usize = 80;

    /// The name for a case described by `text`; `fallback` when the text has no letters
    /// or digits.
    pub fn name(&mut self, text: &str, fallback: &str) -> String {
        let mut slug = String::new();
        for word in text.to_snake_case().split('_').filter(|w| !w.is_empty()) {
            if !slug.is_empty() && slug.len() + 1 + word.len() > Self::MAX_LEN {
                break;
            }
            if !slug.is_empty() {
                slug.push('_');
            }
            slug.push_str(word);
        }
        slug.truncate(Self::MAX_LEN);
        let base = escape_keyword(match slug.as_str() {
            "" => fallback.to_owned(),
            s if s.starts_with(|c: char| c.is_ascii_digit()) => format!("{fallback}_{s}"),
            _ => slug,
        });
        let mut name = base.clone();
        let mut n = 1;
        while !self.taken.insert(name.clone()) {
            n += 1;
            name = format!("{}_{n}", base.trim_start_matches("r#"));
        }
        name
    }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An [`Ident`] from a name made above (handles the `r#` prefix).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_table() {
        // (model name, type, field, setter, variant, module)
        let table = [
            ("CreateToken", "CreateToken", "create_token", "set_create_token", "CreateToken", "create_token"),
            ("clientId", "ClientId", "client_id", "set_client_id", "ClientId", "client_id"),
            ("error_description", "ErrorDescription", "error_description", "set_error_description", "ErrorDescription", "error_description"),
            ("KMS_KEY_NOT_FOUND", "KmsKeyNotFound", "kms_key_not_found", "set_kms_key_not_found", "KmsKeyNotFound", "kms_key_not_found"),
            (
                "CreateTokenWithIAM",
                "CreateTokenWithIam",
                "create_token_with_iam",
                "set_create_token_with_iam",
                "CreateTokenWithIam",
                "create_token_with_iam",
            ),
            ("type", "Type", "r#type", "set_type", "Type", "r#type"),
            ("self", "SelfValue", "self_", "set_self_", "SelfValue", "self_"),
            ("String", "StringValue", "string", "set_string", "String", "string"),
            ("Result", "ResultValue", "result", "set_result", "Result", "result"),
            ("Unknown", "Unknown", "unknown", "set_unknown", "UnknownValue", "unknown"),
            ("build", "Build", "build_value", "set_build_value", "Build", "build"),
            ("builder", "Builder", "builder_value", "set_builder_value", "Builder", "builder"),
            ("Default", "DefaultValue", "default_value", "set_default_value", "Default", "default"),
            ("clone", "CloneValue", "clone_value", "set_clone_value", "Clone", "clone"),
            ("S3Location", "S3Location", "s3_location", "set_s3_location", "S3Location", "s3_location"),
            ("ARNs", "ArNs", "ar_ns", "set_ar_ns", "ArNs", "ar_ns"),
            ("async", "Async", "r#async", "set_async", "Async", "r#async"),
            ("_1abc", "T1abc", "_1abc", "set__1abc", "V1abc", "_1abc"),
        ];
        for (model, ty, field, setter, variant, module) in table {
            assert_eq!(type_name(model), ty, "type_name({model})");
            assert_eq!(field_name(model), field, "field_name({model})");
            assert_eq!(MemberNames::of(model, false).set_opt, setter, "set_opt({model})");
            assert_eq!(variant_name(model), variant, "variant_name({model})");
            assert_eq!(module_name(model), module, "module_name({model})");
        }
    }

    #[test]
    fn test_names_table() {
        let mut names = TestNames::default();
        // (text, fallback, name), in order: repeats are numbered from the second one.
        let table = [
            (
                "For region ap-east-1 with FIPS disabled and DualStack disabled",
                "case",
                "for_region_ap_east_1_with_fips_disabled_and_dual_stack_disabled",
            ),
            (
                "For region ap-east-1 with FIPS disabled and DualStack disabled",
                "case",
                "for_region_ap_east_1_with_fips_disabled_and_dual_stack_disabled_2",
            ),
            ("Call CreateToken with a device code", "example", "call_create_token_with_a_device_code"),
            ("", "case", "case"),
            ("!!!", "case", "case_2"),
            ("2 regions", "case", "case_2_regions"),
            ("loop", "case", "r#loop"),
            ("loop", "case", "loop_2"),
            ("self", "case", "self_"),
        ];
        for (text, fallback, expected) in table {
            assert_eq!(names.name(text, fallback), expected, "{text:?}");
        }
        let long = "word ".repeat(40);
        let name = names.name(&long, "case");
        assert!(name.len() <= TestNames::MAX_LEN && name.ends_with("word"), "{name}");
    }

    #[test]
    fn generated_type_names_table() {
        // (operation, marker, input, error, fluent, paginator)
        let table = [
            ("CreateToken", "CreateToken", "CreateTokenInput", "CreateTokenError", "CreateTokenFluentBuilder", "CreateTokenPaginator"),
            (
                "CreateTokenWithIAM",
                "CreateTokenWithIam",
                "CreateTokenWithIamInput",
                "CreateTokenWithIamError",
                "CreateTokenWithIamFluentBuilder",
                "CreateTokenWithIamPaginator",
            ),
            ("Default", "DefaultValue", "DefaultValueInput", "DefaultValueError", "DefaultValueFluentBuilder", "DefaultValuePaginator"),
        ];
        for (op, marker, input, error, fluent, paginator) in table {
            let t = operation_types(op);
            assert_eq!((t.marker.as_str(), t.input.as_str(), t.error.as_str()), (marker, input, error), "{op}");
            assert_eq!((t.fluent.as_str(), t.paginator.as_str()), (fluent, paginator), "{op}");
            assert_eq!(t.output, format!("{marker}Output"));
        }
        assert_eq!(builder_name("Token"), "TokenBuilder");
        assert_eq!(union_accessor("S3Location"), "as_s3_location");
        assert_eq!(union_accessor("type"), "as_type");
        assert_eq!(test_fn_name("type"), "type");
        assert_eq!(test_fn_name("RestJsonHttpPayloadTraitsWithBlob"), "rest_json_http_payload_traits_with_blob");
    }

    #[test]
    fn member_names_table() {
        // (member name, in an error structure, field, value setter, option setter)
        let table = [
            ("clientId", false, "client_id", "client_id", "set_client_id"),
            ("isDynamic", false, "is_dynamic", "with_is_dynamic", "set_is_dynamic"),
            ("asOf", false, "as_of", "with_as_of", "set_as_of"),
            ("toDate", false, "to_date", "with_to_date", "set_to_date"),
            ("fromDate", false, "from_date", "with_from_date", "set_from_date"),
            ("intoAccount", false, "into_account", "into_account", "set_into_account"),
            ("island", false, "island", "island", "set_island"),
            ("type", false, "r#type", "r#type", "set_type"),
            ("Default", false, "default_value", "default_value", "set_default_value"),
            ("code", false, "code", "code", "set_code"),
            ("code", true, "code_value", "code_value", "set_code_value"),
            ("Status", true, "status_value", "status_value", "set_status_value"),
            ("RequestId", true, "request_id_value", "request_id_value", "set_request_id_value"),
            ("message", true, "message", "message", "set_message"),
            ("isRetryable", true, "is_retryable", "with_is_retryable", "set_is_retryable"),
        ];
        for (model, in_error, field, value, option) in table {
            let names = MemberNames::of(model, in_error);
            assert_eq!((names.field.as_str(), names.setter.as_str(), names.set_opt.as_str()), (field, value, option), "{model}");
        }
    }

    #[test]
    fn waiter_names_table() {
        for (model, method, waiter, holder) in [
            ("ClusterActive", "wait_until_cluster_active", "ClusterActiveWaiter", "WaitUntilClusterActive"),
            ("TableNotExists", "wait_until_table_not_exists", "TableNotExistsWaiter", "WaitUntilTableNotExists"),
            ("DBInstanceAvailable", "wait_until_db_instance_available", "DbInstanceAvailableWaiter", "WaitUntilDbInstanceAvailable"),
        ] {
            assert_eq!(waiter_names(model), WaiterNames { method: method.into(), waiter: waiter.into(), holder: holder.into() }, "{model}");
        }
    }

    #[test]
    fn crate_names_from_sdk_id() {
        assert_eq!(crate_names("SSO OIDC"), ("sso-oidc".into(), "sso_oidc".into()));
        assert_eq!(crate_names("MediaStore Data"), ("mediastore-data".into(), "mediastore_data".into()));
        assert_eq!(crate_names("neptune-graph"), ("neptune-graph".into(), "neptune_graph".into()));
    }

    #[test]
    fn idents_accept_every_escaped_name() {
        for name in ["r#type", "self_", "client_id", "r#async"] {
            assert_eq!(ident(name).to_string(), name);
        }
    }
}
