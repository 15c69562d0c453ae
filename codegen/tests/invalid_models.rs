//! Models the generator must refuse with an error naming the shape and the problem.

use serde_json::json;

fn generate(shapes: serde_json::Value) -> String {
    let model = json!({"smithy": "2.0", "shapes": shapes}).to_string();
    codegen::generate(&model, None).expect_err("generation should fail").to_string()
}

fn service(extra: serde_json::Value) -> serde_json::Value {
    let mut shapes = json!({
        "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#restJson1": {}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
        "ex#In": {"type": "structure", "members": {}}
    });
    shapes.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    shapes
}

#[test]
fn unsupported_protocol() {
    let e = generate(json!({"ex#Svc": {"type": "service", "traits": {"smithy.protocols#rpcv3Future": {}}}}));
    assert_eq!(
        e,
        "shape `ex#Svc`: unsupported: protocol smithy.protocols#rpcv3Future: only aws.protocols#restJson1, aws.protocols#restXml, aws.protocols#awsJson1_0, aws.protocols#awsJson1_1, smithy.protocols#rpcv2Json, smithy.protocols#rpcv2Cbor, aws.protocols#awsQuery and aws.protocols#ec2Query are generated"
    );
}

#[test]
fn no_service() {
    assert_eq!(generate(json!({})), "invalid model at `shapes`: the model has no service shape");
}

#[test]
fn member_names_colliding_after_case_conversion() {
    let e = generate(service(json!({"ex#In": {"type": "structure", "members": {
        "fooBar": {"target": "smithy.api#String"}, "foo_bar": {"target": "smithy.api#String"}}}})));
    assert_eq!(e, "shape `ex#In$foo_bar`: members `fooBar` and `foo_bar` both become the Rust name `foo_bar`");
}

#[test]
fn type_names_colliding_across_namespaces() {
    let e = generate(service(json!({
        "ex#In": {"type": "structure", "members": {"a": {"target": "ex#Thing"}, "b": {"target": "other#Thing"}}},
        "ex#Thing": {"type": "structure", "members": {}},
        "other#Thing": {"type": "structure", "members": {}}
    })));
    assert!(e.contains("its Rust name `Thing` is also the name of"), "{e}");
}

#[test]
fn operation_without_http_trait() {
    let e = generate(service(json!({"ex#Op": {"type": "operation"}})));
    assert_eq!(e, "shape `ex#Op`: has no @http trait (required by restJson1)");
}

/// Examples are documentation: one that does not fit the model is left out with a warning
/// naming the operation and the example, and the model still generates.
#[test]
fn example_with_unknown_member_is_left_out() {
    let shapes = service(json!({"ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": {
        "smithy.api#http": {"method": "POST", "uri": "/op"},
        "smithy.api#examples": [{"title": "t", "input": {"nope": 1}}]}}}));
    let model = json!({"smithy": "2.0", "shapes": shapes}).to_string();
    let generated = codegen::generate(&model, None).expect("a model with a bad example still generates");
    assert_eq!(generated.warnings, ["operation `Op`: example \"t\" left out of the docs: shape `ex#In`: example sets `nope`, which is not a member"]);
    assert!(!generated.files["src/operation/op.rs"].contains("# Examples"));
}

#[test]
fn invalid_json_is_reported_not_panicked() {
    let e = codegen::generate("{\"smithy\": \"2.0\", \"shapes\": {", None).unwrap_err().to_string();
    assert!(e.starts_with("invalid JSON in model at line 1"), "{e}");
}

#[test]
fn unknown_endpoint_rules_function_is_named() {
    let e = generate(service(json!({"ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {
        "aws.protocols#restJson1": {},
        "smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": {"Region": {"type": "string", "documentation": "r"}},
            "rules": [{"type": "endpoint", "conditions": [{"fn": "aws.frobnicate", "argv": [{"ref": "Region"}]}],
                       "endpoint": {"url": "https://example.com"}},
                      {"type": "error", "conditions": [], "error": "no"}]}}}})));
    assert_eq!(e, "shape `ex#Svc`: smithy.rules#endpointRuleSet at `rules[0].conditions[0]`: unknown function `aws.frobnicate`");
}

#[test]
fn endpoint_rules_type_errors_are_named() {
    let e = generate(service(json!({"ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {
        "aws.protocols#restJson1": {},
        "smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": {"Region": {"type": "string", "documentation": "r"}},
            "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Region}.example.com"}}]}}}})));
    assert_eq!(
        e,
        "shape `ex#Svc`: smithy.rules#endpointRuleSet at `rules[0].endpoint.url`: template reference `Region` is not a string that is always set"
    );
}

#[test]
fn dangling_target_is_named() {
    let e = generate(service(json!({"ex#In": {"type": "structure", "members": {"a": {"target": "ex#Gone"}}}})));
    assert_eq!(e, "shape `ex#In$a`: target `ex#Gone` does not exist");
}

#[test]
fn members_on_a_non_aggregate_are_refused() {
    let e = generate(service(json!({"ex#S": {"type": "string", "members": {"a": {"target": "smithy.api#String"}}}})));
    assert_eq!(e, "shape `ex#S`: a string cannot have `members` (only aggregate shapes have members)");
    let e = generate(service(json!({"ex#L": {"type": "list", "member": {"target": "smithy.api#String"},
        "key": {"target": "smithy.api#String"}}})));
    assert_eq!(e, "shape `ex#L`: a list cannot have `key` (only aggregate shapes have members)");
}

#[test]
fn recursion_through_required_members_only_is_refused() {
    let e = generate(service(json!({
        "ex#In": {"type": "structure", "members": {"a": {"target": "ex#A"}}},
        "ex#A": {"type": "structure", "members": {"b": {"target": "ex#B", "traits": {"smithy.api#required": {}}}}},
        "ex#B": {"type": "structure", "members": {"a": {"target": "ex#A", "traits": {"smithy.api#required": {}}}}}
    })));
    assert_eq!(
        e,
        "shape `ex#A$b`: recursive structure made only of required members (ex#A$b -> ex#B$a -> ex#A): no value could be built; make one of them optional"
    );
}

#[test]
fn recursion_with_a_break_is_accepted() {
    // The same cycle with one optional member, and one through a list: both valid Smithy.
    for (b_traits, via_list) in [(json!({}), false), (json!({"smithy.api#required": {}}), true)] {
        let b_target = if via_list { "ex#AList" } else { "ex#A" };
        let model = json!({"smithy": "2.0", "shapes": service(json!({
            "ex#In": {"type": "structure", "members": {"a": {"target": "ex#A"}}},
            "ex#A": {"type": "structure", "members": {"b": {"target": "ex#B", "traits": {"smithy.api#required": {}}}}},
            "ex#B": {"type": "structure", "members": {"a": {"target": b_target, "traits": b_traits}}},
            "ex#AList": {"type": "list", "member": {"target": "ex#A"}}
        }))});
        codegen::generate(&model.to_string(), None).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn lists_containing_themselves_are_refused() {
    let e = generate(service(json!({
        "ex#In": {"type": "structure", "members": {"a": {"target": "ex#L"}}},
        "ex#L": {"type": "list", "member": {"target": "ex#M"}},
        "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#L"}}
    })));
    assert_eq!(e, "shape `ex#L$member`: a list or map contains itself with no structure or union in between (ex#L$member -> ex#M$value -> ex#L)");
}

#[test]
fn uri_label_without_a_member_is_named() {
    let e = generate(service(json!({"ex#Op": {"type": "operation", "input": {"target": "ex#In"},
        "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{thingId}"}}}})));
    assert_eq!(e, "shape `ex#Op`: @http URI `/things/{thingId}` has the label `{thingId}`, but input `ex#In` has no @httpLabel member `thingId`");
}

#[test]
fn label_member_missing_from_the_uri_is_named() {
    let e = generate(service(json!({"ex#In": {"type": "structure", "members": {
        "id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}}})));
    assert_eq!(e, "shape `ex#In$id`: has @httpLabel, but the @http URI `/op` of operation `ex#Op` has no label `{id}`");
}

#[test]
fn unclosed_uri_label_is_named() {
    let e = generate(service(json!({"ex#Op": {"type": "operation", "input": {"target": "ex#In"},
        "traits": {"smithy.api#http": {"method": "GET", "uri": "/things/{thingId"}}}})));
    assert_eq!(e, "shape `ex#Op`: @http URI `/things/{thingId`: label segment `{thingId` is not closed");
}

/// The model fuzz target's seeds (`fuzz/seeds/model/`) generate or fail, never panic.
#[test]
fn fuzz_model_seeds_replay() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/seeds/model");
    let mut generated = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&data) {
            generated += usize::from(codegen::generate(text, None).is_ok());
        }
    }
    assert!(generated >= 2, "the seed models are valid");
}

#[test]
fn paginated_names_that_match_no_member_are_named() {
    let e = generate(service(json!({
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "output": {"target": "ex#Out"},
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"},
                             "smithy.api#paginated": {"inputToken": "next", "outputToken": "result.next"}}},
        "ex#In": {"type": "structure", "members": {"next": {"target": "smithy.api#String"}}},
        "ex#Out": {"type": "structure", "members": {"next": {"target": "smithy.api#String"}}}
    })));
    assert_eq!(e, "shape `ex#Op`: @paginated outputToken `result.next`: `result` names no member");
    let e = generate(service(json!({
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}, "smithy.api#paginated": {"items": "x"}}}
    })));
    assert_eq!(e, "shape `ex#Op`: @paginated has no inputToken (on the operation or the service)");
}
