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
    let e = generate(json!({"ex#Svc": {"type": "service", "traits": {"aws.protocols#awsJson1_0": {}}}}));
    assert_eq!(e, "shape `ex#Svc`: unsupported: protocol aws.protocols#awsJson1_0: only aws.protocols#restJson1 is generated");
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

#[test]
fn example_with_unknown_member() {
    let e = generate(service(json!({"ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": {
        "smithy.api#http": {"method": "POST", "uri": "/op"},
        "smithy.api#examples": [{"title": "t", "input": {"nope": 1}}]}}})));
    assert_eq!(e, "shape `ex#In`: example sets `nope`, which is not a member");
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
    assert_eq!(
        e,
        "shape `ex#Svc`: smithy.rules#endpointRuleSet at `rules[0].conditions[0]`: unknown function `aws.frobnicate`"
    );
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
