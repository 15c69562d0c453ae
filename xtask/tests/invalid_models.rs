//! `cargo xtask codegen --model X` on invalid models: a non-zero exit and one error line
//! naming the shape, never a panic, and nothing written.

use std::process::Command;

fn run_codegen(name: &str, model: &str) -> (Option<i32>, String, bool) {
    let dir = std::env::temp_dir().join(format!("xtask-invalid-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let model_path = dir.join("model.json");
    std::fs::write(&model_path, model).unwrap();
    let out = dir.join("out");
    let result = Command::new(env!("CARGO_BIN_EXE_xtask")).args(["codegen", "--model"]).arg(&model_path).arg("--out").arg(&out).output().unwrap();
    let wrote = out.exists();
    std::fs::remove_dir_all(&dir).ok();
    (result.status.code(), String::from_utf8_lossy(&result.stderr).into_owned(), wrote)
}

#[test]
fn invalid_models_exit_non_zero_with_the_shape_named() {
    let svc = r#""ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#restJson1": {}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}}"#;
    let cases = [
        ("json", "{\"smithy\": \"2.0\", \"shapes\": {".to_owned(), "invalid JSON in model at line 1"),
        (
            "dangling",
            format!(r#"{{"smithy": "2.0", "shapes": {{{svc}, "ex#In": {{"type": "structure", "members": {{"a": {{"target": "ex#Gone"}}}}}}}}}}"#),
            "shape `ex#In$a`: target `ex#Gone` does not exist",
        ),
        (
            "protocol",
            r#"{"smithy": "2.0", "shapes": {"ex#Svc": {"type": "service", "traits": {"smithy.protocols#rpcv3Future": {}}}}}"#.to_owned(),
            "shape `ex#Svc`: unsupported: protocol smithy.protocols#rpcv3Future",
        ),
        (
            "non-aggregate",
            format!(r#"{{"smithy": "2.0", "shapes": {{{svc}, "ex#In": {{"type": "string", "members": {{}}}}}}}}"#),
            "shape `ex#In`: a string cannot have `members`",
        ),
        (
            "case-collision",
            format!(
                r#"{{"smithy": "2.0", "shapes": {{{svc}, "ex#In": {{"type": "structure", "members": {{"fooBar": {{"target": "smithy.api#String"}}, "foo_bar": {{"target": "smithy.api#String"}}}}}}}}}}"#
            ),
            "shape `ex#In$foo_bar`: members `fooBar` and `foo_bar` both become the Rust name `foo_bar`",
        ),
        (
            "recursion",
            format!(
                r#"{{"smithy": "2.0", "shapes": {{{svc}, "ex#In": {{"type": "structure", "members": {{"me": {{"target": "ex#In", "traits": {{"smithy.api#required": {{}}}}}}}}}}}}}}"#
            ),
            "shape `ex#In$me`: recursive structure made only of required members",
        ),
        (
            "label",
            r#"{"smithy": "2.0", "shapes": {"ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#restJson1": {}}},
                "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": {"smithy.api#http": {"method": "GET", "uri": "/x/{id}"}}},
                "ex#In": {"type": "structure", "members": {}}}}"#
                .to_owned(),
            "shape `ex#Op`: @http URI `/x/{id}` has the label `{id}`, but input `ex#In` has no @httpLabel member `id`",
        ),
        (
            "rules-function",
            r#"{"smithy": "2.0", "shapes": {"ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#restJson1": {},
                "smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [{"fn": "nope", "argv": []}], "error": "x"}]}}},
                "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "traits": {"smithy.api#http": {"method": "POST", "uri": "/op"}}},
                "ex#In": {"type": "structure", "members": {}}}}"#
                .to_owned(),
            "shape `ex#Svc`: smithy.rules#endpointRuleSet at `rules[0].conditions[0]`: unknown function `nope`",
        ),
    ];
    for (name, model, expected) in cases {
        let (code, stderr, wrote) = run_codegen(name, &model);
        assert_eq!(code, Some(1), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(!wrote, "{name}: an output folder was written");
    }
}
