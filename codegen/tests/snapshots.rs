//! Insta snapshots a reviewer reads: the API surface of the generated client
//! (`snapshots/sso-oidc/api.snap`, whose diff is the summary of an API change), and for
//! each fixture model of `tests/fixtures/` every generated file and its API surface.
//! `cargo xtask codegen` writes them all; this test lists every stale, missing or
//! leftover snapshot at once, and leaves a `.snap.new` beside each changed one for
//! `cargo insta review`.

use std::path::{Path, PathBuf};

use codegen::output::{Stale, snapshot_contents};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Checks the snapshots of one generated crate in `snapshots/<name>`; panics listing
/// every stale one.
fn check(name: &str, generated: &codegen::GeneratedCrate, sources: bool) {
    let folder = dir().join("tests/snapshots").join(name);
    let stale = generated.check_snapshots(&folder, sources).unwrap();
    if stale.is_empty() {
        return;
    }
    let expected = generated.snapshots(sources);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("snapshots/{name}"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for s in &stale {
            if let Stale::Changed(file, _) | Stale::Missing(file) = s {
                let contents = snapshot_contents(&expected[file]).to_owned();
                let snapshot = file.trim_end_matches(".snap").to_owned();
                // Only for the `.snap.new` file insta leaves for review.
                let _ = std::panic::catch_unwind(|| insta::assert_snapshot!(snapshot, contents));
            }
        }
    });
    let report: Vec<String> = stale.iter().map(ToString::to_string).collect();
    panic!("snapshots/{name} is stale; run `cargo xtask codegen`:\n{}", report.join("\n"));
}

fn generate(model: &Path, version: &str) -> codegen::GeneratedCrate {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let partitions = read(&dir().join("../model/partitions.json"));
    let settings = codegen::settings::Settings::beside(model).unwrap_or_else(|e| panic!("{e}"));
    codegen::generate_with(&read(model), Some(&partitions), version, &settings).unwrap_or_else(|e| panic!("{}: {e}", model.display()))
}

/// Each checked-in client's API surface (`snapshots/<name>/api.snap`).
#[test]
fn client_apis() {
    for client in codegen::checked_in::CLIENTS {
        let cargo_toml = std::fs::read_to_string(dir().join("..").join(client.dir).join("Cargo.toml")).unwrap();
        let version = codegen::output::package_version(&cargo_toml).unwrap();
        let name = Path::new(client.snapshots).file_name().unwrap().to_str().unwrap();
        check(name, &generate(&dir().join("..").join(client.model), version), false);
    }
}

#[test]
fn fixture_rules() {
    check("rules", &generate(&dir().join("tests/fixtures/rules.json"), codegen::FIRST_VERSION), true);
}

#[test]
fn fixture_shapes() {
    check("shapes", &generate(&dir().join("tests/fixtures/shapes.json"), codegen::FIRST_VERSION), true);
}

#[test]
fn fixture_behaviors() {
    check("behaviors", &generate(&dir().join("tests/fixtures/behaviors.json"), codegen::FIRST_VERSION), true);
}

/// Shapes and documentation that broke generation in real models; an example that does not
/// fit its shapes is left out with a warning naming the operation and the example; endpoint
/// parameters from `operationContextParams`, one of which does not fit and is refused.
/// (`quirks.tests.rs`, beside the model, tests the generated crate's endpoints.)
#[test]
fn fixture_quirks() {
    let generated = generate(&dir().join("tests/fixtures/quirks.json"), codegen::FIRST_VERSION);
    check("quirks", &generated, true);
    let fit = "example value {} does not fit a union";
    assert_eq!(
        generated.warnings,
        [
            "operation `BadContext` is refused at send: its smithy.rules#operationContextParams: `tables[*].name` gives an array of strings, which does not fit the String parameter `Owner`".to_owned(),
            format!("operation `PutSettings`: example \"An empty union\" left out of the docs: shape `ex.quirks#Choice`: {fit}"),
            format!("operation `PutSettings`: example \"An empty union\" left out of the generated tests: shape `ex.quirks#Choice`: {fit}"),
        ]
    );
}

/// Waiters of every kind; one whose path reads a field of a list is left out with a warning.
/// (`waiters.tests.rs`, beside the model, tests the generated crate's acceptors; `cargo
/// xtask fixtures` runs it.)
#[test]
fn fixture_waiters() {
    let generated = generate(&dir().join("tests/fixtures/waiters.json"), codegen::FIRST_VERSION);
    check("waiters", &generated, true);
    assert_eq!(generated.warnings, ["operation `GetThing`: waiter `Broken` left out: JMESPath `items.state`: field `state` of an array of `Item`"]);
    let operation = &generated.files["src/operation/get_thing.rs"];
    for waiter in ["ThingReady", "ThingGone", "ItemsSettled", "NameEchoed", "Tagged"] {
        assert!(operation.contains(&format!("pub type {waiter}Waiter =")), "{waiter}");
    }
    assert!(!operation.contains("BrokenWaiter"));
}

/// Several auth schemes (SigV4 and a bearer token by the service's order, as Bedrock Runtime
/// has them; an API key in the query; a login; optional and no auth). (`auth.tests.rs`,
/// beside the model, tests which scheme a request uses; `cargo xtask fixtures` runs it.)
#[test]
fn fixture_auth() {
    let generated = generate(&dir().join("tests/fixtures/auth.json"), codegen::FIRST_VERSION);
    check("auth", &generated, true);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let mixed = &generated.files["src/operation/mixed.rs"];
    assert!(mixed.contains(r#"const AUTH: &'static [Scheme] = &[Scheme::SigV4("authsvc"), Scheme::Bearer];"#), "{mixed}");
    // httpDigestAuth is left out; httpBasicAuth stays.
    assert!(generated.files["src/operation/basic_only.rs"].contains("const AUTH: &'static [Scheme] = &[Scheme::Basic];"));
}

/// awsJson1_1 with event streams sent: an input stream led by its `initial-request`, a
/// duplex one whose output members come as `initial-response`, and a plain operation.
/// (`aws_json.tests.rs`, beside the model, checks the frames as the server receives them;
/// `cargo xtask fixtures` runs it.)
#[test]
fn fixture_aws_json() {
    let generated = generate(&dir().join("tests/fixtures/aws_json.json"), codegen::FIRST_VERSION);
    check("aws_json", &generated, true);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let publish = &generated.files["src/operation/publish.rs"];
    let initial = publish.find("event_stream::initial_request(").expect("an initial request");
    assert!(publish[initial..].trim_start_matches("event_stream::initial_request(").trim_start().starts_with(r#""application/json","#), "{publish}");
}

/// rpcv2Cbor: every kind of value in CBOR bodies, examples with blobs and timestamps,
/// errors named by `__type`, pagination, a waiter, an operation without input or output.
/// (`cargo xtask fixtures` builds the crate and runs its generated tests, and `cbor.tests.rs`
/// beside the model: hostile CBOR bodies over loopback.)
#[test]
fn fixture_cbor() {
    let generated = generate(&dir().join("tests/fixtures/cbor.json"), codegen::FIRST_VERSION);
    check("cbor", &generated, true);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    // CBOR crates get the CBOR runtime and none of the JSON codec.
    for file in ["src/rt/cbor.rs", "src/rt/rpc_v2.rs"] {
        assert!(generated.files.contains_key(file), "{file}");
    }
    for file in ["src/rt/json_read.rs", "src/rt/json_write.rs", "src/rt/union.rs"] {
        assert!(!generated.files.contains_key(file), "{file}");
    }
    let ping = &generated.files["src/operation/ping.rs"];
    assert!(ping.contains("let body = Vec::new();") && !ping.contains("CONTENT_TYPE"), "no body without input: {ping}");
}

/// awsQuery: form-encoded inputs with lists (wrapped and flattened), a map with renamed
/// keys and values, renamed and nested members, timestamps in two formats; XML outputs;
/// errors with an `@awsQueryError` code; pagination; an operation without input or output.
/// (`cargo xtask fixtures` builds the crate and runs its generated tests, and `query.tests.rs`
/// beside the model: hostile XML bodies over loopback.)
#[test]
fn fixture_query() {
    let generated = generate(&dir().join("tests/fixtures/query.json"), codegen::FIRST_VERSION);
    check("query", &generated, true);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    for file in ["src/rt/xml.rs", "src/rt/query.rs"] {
        assert!(generated.files.contains_key(file), "{file}");
    }
    for file in ["src/rt/json_read.rs", "src/rt/json_write.rs", "src/rt/cbor.rs"] {
        assert!(!generated.files.contains_key(file), "{file}");
    }
    // The custom code picks the variant.
    assert!(generated.files["src/operation/store_secret.rs"].contains(r#"Some("Secret.AlreadyExists") =>"#));
}

/// restXml in the style of S3: an `@httpPayload` structure with a renamed root and the
/// service's namespace, an unwrapped output (`s3UnwrappedXmlOutput`), flattened lists and
/// maps, an attribute with a namespace prefix, unwrapped errors (`noErrorWrapping`),
/// pagination, event streams both ways (`SelectContent`, as S3's `SelectObjectContent`).
/// (`cargo xtask fixtures` builds the crate and runs its generated tests, and
/// `rest_xml.tests.rs` beside the model: exact request bytes, XML events and hostile XML
/// over loopback.)
#[test]
fn fixture_rest_xml() {
    let generated = generate(&dir().join("tests/fixtures/rest_xml.json"), codegen::FIRST_VERSION);
    check("rest_xml", &generated, true);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    for file in ["src/rt/xml.rs", "src/rt/xml_write.rs", "src/rt/http.rs"] {
        assert!(generated.files.contains_key(file), "{file}");
    }
    for file in ["src/rt/json_read.rs", "src/rt/json_write.rs", "src/rt/query.rs", "src/rt/cbor.rs"] {
        assert!(!generated.files.contains_key(file), "{file}");
    }
    // Errors are read from `<Error>` alone, and the S3-style output from its root.
    let xml = &generated.files["src/rt/xml.rs"];
    assert!(xml.contains("fn unwrapped_error_metadata") && !xml.contains("fn ec2_error_metadata"), "{xml}");
    assert!(generated.files["src/operation/get_location.rs"].contains("xml::unwrapped::<"));
}

/// Two of four operations, chosen in `chosen.codegen.toml` (one by Smithy name, bound
/// through a resource; one by method name): the crate has them and the shapes they reach
/// (the service's errors included), and nothing only the others use. (`cargo xtask
/// fixtures` builds the crate and runs its generated tests.)
#[test]
fn fixture_chosen() {
    let model = dir().join("tests/fixtures/chosen.json");
    let generated = generate(&model, codegen::FIRST_VERSION);
    check("chosen", &generated, true);
    let under = |dir: &str| -> Vec<&str> { generated.files.keys().filter_map(|f| f.strip_prefix(dir)).filter(|f| !f.contains('/')).collect() };
    assert_eq!(under("src/operation/"), ["get_thing.rs", "list_things.rs", "mod.rs"]);
    assert_eq!(under("src/types/"), ["details.rs", "mod.rs", "status.rs", "summary.rs", "tag.rs"]);
    assert_eq!(under("src/types/error/"), ["mod.rs", "not_found.rs", "throttled.rs"]);
    assert!(generated.files["src/lib.rs"].contains("This crate has 2 of the service's 4 operations"));
    // The package named in the settings: Cargo.toml, the crate's own dev-dependency on
    // itself, and the library name its docs and tests `use`.
    let toml = &generated.files["Cargo.toml"];
    assert!(toml.contains("[package]\nname = \"chosen-things\"") && toml.contains("[lib]\nname = \"chosen_things\""), "{toml}");
    assert!(toml.contains("\nchosen-things = { path = \".\""), "{toml}");
    assert!(generated.files["tests/model.rs"].contains("use chosen_things::"));

    // Without the settings, every operation and shape.
    let text = std::fs::read_to_string(&model).unwrap();
    let all = codegen::generate(&text, None).unwrap();
    assert!(all.files.contains_key("src/operation/put_thing.rs") && all.files.contains_key("src/types/owner.rs"));
    assert!(all.files.contains_key("src/types/error/conflict.rs"));
    assert!(!all.files["src/lib.rs"].contains("This crate has"));
    assert!(all.files["Cargo.toml"].contains("[package]\nname = \"things\""));

    let chosen = |names: &[&str]| {
        let settings = codegen::settings::Settings { operations: Some(names.iter().map(|n| n.to_string()).collect()), package: None };
        codegen::generate_with(&text, None, codegen::FIRST_VERSION, &settings).map(|g| g.files.keys().cloned().collect::<Vec<_>>())
    };
    assert!(chosen(&["DeleteThing", "delete_thing"]).unwrap().contains(&"src/operation/delete_thing.rs".to_owned()));
    let error = |names: &[&str]| chosen(names).unwrap_err().to_string();
    assert_eq!(error(&["getthing"]), "operations to generate: `getthing` is not an operation of the service (did you mean `GetThing`?)");
    assert_eq!(error(&["GetThing", "Nope"]), "operations to generate: `Nope` is not an operation of the service (the service has 4 operations)");
    assert_eq!(error(&[]), "operations to generate: the list is empty; leave `operations` out to generate every operation");
}
