use serde_json::json;

use super::{Model, ShapeKind, Simple, traits::TimestampFormat};
use crate::error::Error;

fn model(shapes: serde_json::Value) -> Result<Model, Error> {
    Model::from_json(&json!({ "smithy": "2.0", "shapes": shapes }).to_string())
}

fn err(shapes: serde_json::Value) -> String {
    model(shapes).expect_err("model should be rejected").to_string()
}

#[test]
fn loads_every_shape_type_with_prelude() {
    let m = model(json!({
        "ex#B": {"type": "blob"}, "ex#Bo": {"type": "boolean"}, "ex#S": {"type": "string"},
        "ex#By": {"type": "byte"}, "ex#Sh": {"type": "short"}, "ex#I": {"type": "integer"},
        "ex#L": {"type": "long"}, "ex#F": {"type": "float"}, "ex#D": {"type": "double"},
        "ex#BI": {"type": "bigInteger"}, "ex#BD": {"type": "bigDecimal"},
        "ex#T": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}},
        "ex#Doc": {"type": "document"},
        "ex#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}}},
        "ex#IE": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}},
        "ex#Li": {"type": "list", "member": {"target": "ex#S"}},
        "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#I"}},
        "ex#St": {"type": "structure", "members": {"z": {"target": "ex#S"}, "a": {"target": "smithy.api#PrimitiveInteger"}}},
        "ex#U": {"type": "union", "members": {"x": {"target": "ex#S"}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#St"}},
        "ex#R": {"type": "resource", "identifiers": {"id": {"target": "ex#S"}}, "read": {"target": "ex#Op"}},
        "ex#Svc": {"type": "service", "version": "1", "resources": [{"target": "ex#R"}]}
    }))
    .unwrap();
    let kind = |id: &str| &m.get(&super::ShapeId::parse(id).unwrap()).unwrap().kind;
    assert!(matches!(kind("ex#BD"), ShapeKind::Simple(Simple::BigDecimal)));
    assert!(matches!(kind("smithy.api#PrimitiveLong"), ShapeKind::Simple(Simple::Long)));
    let ShapeKind::Structure(members) = kind("ex#St") else { panic!() };
    assert_eq!(members.keys().collect::<Vec<_>>(), ["z", "a"], "declaration order is kept");
    let ts = m.get("ex#T").unwrap();
    assert_eq!(ts.traits.timestamp_format(), Some(TimestampFormat::DateTime));
    let (_, svc) = m.single_service().unwrap();
    assert_eq!(m.service_operations(svc).iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["ex#Op"]);
    let ShapeKind::Operation(op) = kind("ex#Op") else { panic!() };
    assert_eq!(op.output.as_str(), "smithy.api#Unit");
}

#[test]
fn invalid_json_reports_position() {
    let e = Model::from_json("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {\n}").unwrap_err();
    assert!(matches!(e, Error::Json { line: 4, .. }), "{e}");
    assert!(e.to_string().starts_with("invalid JSON in model at line 4"), "{e}");
}

#[test]
fn not_a_smithy_document() {
    assert_eq!(Model::from_json("[]").unwrap_err().to_string(), "invalid model at `$`: the document must be a JSON object");
    assert_eq!(Model::from_json("{}").unwrap_err().to_string(), "invalid model at `smithy`: missing the `smithy` version field");
    assert_eq!(Model::from_json(r#"{"smithy":"2.0","shapes":[]}"#).unwrap_err().to_string(), "invalid model at `shapes`: must be an object");
}

#[test]
fn dangling_target_names_the_member() {
    let e = err(json!({"ex#S": {"type": "structure", "members": {"foo": {"target": "ex#Missing"}}}}));
    assert_eq!(e, "shape `ex#S$foo`: target `ex#Missing` does not exist");
}

#[test]
fn wrong_shape_kinds_are_named() {
    let e = err(json!({
        "ex#S": {"type": "string"},
        "ex#Op": {"type": "operation", "input": {"target": "ex#S"}}
    }));
    assert_eq!(e, "shape `ex#Op`: input `ex#S` is a string, expected a structure");
    let e = err(json!({
        "ex#E": {"type": "structure"},
        "ex#Op": {"type": "operation", "errors": [{"target": "ex#E"}]}
    }));
    assert_eq!(e, "shape `ex#Op`: error `ex#E` lacks the @error trait");
    let e = err(json!({
        "ex#Op": {"type": "operation"},
        "ex#S": {"type": "structure", "members": {"o": {"target": "ex#Op"}}}
    }));
    assert_eq!(e, "shape `ex#S$o`: targets `ex#Op`, a operation, which cannot be a member target");
    let e = err(json!({"ex#Svc": {"type": "service", "operations": [{"target": "smithy.api#String"}]}}));
    assert_eq!(e, "shape `ex#Svc`: operation `smithy.api#String` is a string, expected a operation");
    let e = err(json!({"ex#M": {"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}}));
    assert_eq!(e, "shape `ex#M$key`: map keys must target a string or enum shape");
}

#[test]
fn malformed_shapes_are_named() {
    assert_eq!(err(json!({"ex#S": {"type": "strucutre"}})), "shape `ex#S`: unknown shape type `strucutre`");
    assert!(err(json!({"ex#L": {"type": "list"}})).starts_with("shape `ex#L`: a list needs a `member` member"));
    let e = err(json!({"ex#S": {"type": "structure", "members": {"a": {}}}}));
    assert!(e.starts_with("shape `ex#S`: invalid shape: missing field `target`"), "{e}");
    assert!(err(json!({"bad id": {"type": "string"}})).starts_with("invalid model at `shapes.bad id`"));
    let e = err(json!({"ex#E": {"type": "intEnum", "members": {"A": {"target": "smithy.api#Unit"}}}}));
    assert_eq!(e, "shape `ex#E$A`: intEnum members need an integer @enumValue");
}

#[test]
fn known_trait_with_wrong_type_is_rejected_unknown_traits_are_kept() {
    let e = err(json!({"ex#Op": {"type": "operation", "traits": {"smithy.api#http": {"method": "GET"}}}}));
    assert_eq!(e, "shape `ex#Op`: invalid `smithy.api#http` trait value: missing field `uri`");
    let e = err(json!({"ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": 3}}}}}));
    assert!(e.starts_with("shape `ex#S$a`: invalid `smithy.api#jsonName` trait value"), "{e}");
    let m = model(json!({"ex#S": {"type": "string", "traits": {"vendor.x#custom": {"any": [1, 2]}}}})).unwrap();
    assert_eq!(m.get("ex#S").unwrap().traits.get("vendor.x#custom"), Some(&json!({"any": [1, 2]})));
}

#[test]
fn mixins_are_flattened_and_apply_merges() {
    let m = model(json!({
        "ex#Base": {"type": "structure", "members": {"id": {"target": "smithy.api#String"}},
                     "traits": {"smithy.api#mixin": {"localTraits": ["smithy.api#documentation"]},
                                "smithy.api#documentation": "base only", "smithy.api#sensitive": {}}},
        "ex#S": {"type": "structure", "mixins": [{"target": "ex#Base"}], "members": {"n": {"target": "smithy.api#Integer"}}},
        "ex#S$n": {"type": "apply", "traits": {"smithy.api#required": {}}}
    }))
    .unwrap();
    let s = m.get("ex#S").unwrap();
    let ShapeKind::Structure(members) = &s.kind else { panic!() };
    assert_eq!(members.keys().collect::<Vec<_>>(), ["id", "n"]);
    assert_eq!(members["id"].id.as_str(), "ex#S$id");
    assert!(members["n"].traits.is_required());
    assert!(s.traits.is_sensitive() && s.traits.documentation().is_none() && !s.traits.has("smithy.api#mixin"));
    let e = err(json!({"ex#A": {"type": "structure", "mixins": [{"target": "ex#Nope"}]}}));
    assert_eq!(e, "shape `ex#A`: mixin `ex#Nope` does not exist");
}
