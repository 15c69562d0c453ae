//! The Smithy rules language (`smithy.rules#endpointRuleSet`) as typed Rust values,
//! parsed from the trait's JSON with errors that name the JSON path.

use indexmap::IndexMap;
use serde_json::{Map, Value};

/// A parsed rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Parameters, in declaration order.
    pub parameters: IndexMap<String, Parameter>,
    /// Top-level rules, evaluated in order.
    pub rules: Vec<Rule>,
}

/// The type of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

/// A rule set parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Its type.
    pub ty: ParamType,
    /// The built-in it is bound to (`AWS::Region`, ...).
    pub built_in: Option<String>,
    /// Whether it must be set (after defaults) before evaluation.
    pub required: bool,
    /// Its default value.
    pub default: Option<Value>,
    /// Its documentation.
    pub documentation: Option<String>,
    /// Its deprecation message, if deprecated.
    pub deprecated: Option<String>,
}

/// A rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Conditions, all of which must match.
    pub conditions: Vec<Condition>,
    /// What the rule yields.
    pub kind: RuleKind,
}

/// What a rule yields when its conditions match.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// An endpoint.
    Endpoint(EndpointDef),
    /// An error with this message.
    Error(Expr),
    /// Sub-rules; their exhaustion is an error.
    Tree(Vec<Rule>),
}

/// The endpoint of an endpoint rule.
#[derive(Debug, Clone)]
pub struct EndpointDef {
    /// The URL.
    pub url: Expr,
    /// Header names and their values.
    pub headers: IndexMap<String, Vec<Expr>>,
    /// Properties (JSON, with template strings).
    pub properties: Map<String, Value>,
}

/// A condition: a function call, optionally assigning its result.
#[derive(Debug, Clone)]
pub struct Condition {
    /// The call.
    pub call: Call,
    /// The variable the result is bound to.
    pub assign: Option<String>,
}

/// A function call.
#[derive(Debug, Clone)]
pub struct Call {
    /// The function name (`isSet`, `aws.partition`, ...).
    pub name: String,
    /// The arguments.
    pub args: Vec<Expr>,
    /// Where in the JSON it is, for errors.
    pub path: String,
}

/// An expression.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A string, which may be a template.
    Template(Vec<Part>),
    /// A boolean literal.
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// An array literal.
    Array(Vec<Expr>),
    /// A reference to a parameter or variable.
    Ref(String),
    /// A function call.
    Call(Call),
}

/// A piece of a template string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// `{name}` or `{name#path}`.
    Ref(String, Option<String>),
}

type R<T> = Result<T, (String, String)>;

fn err<T>(path: &str, message: impl Into<String>) -> R<T> {
    Err((path.to_owned(), message.into()))
}

impl RuleSet {
    /// Parses the value of `smithy.rules#endpointRuleSet`. Errors are (JSON path, problem).
    pub fn parse(value: &Value) -> R<RuleSet> {
        let obj = value.as_object().ok_or(("$".to_owned(), "the rule set must be an object".to_owned()))?;
        let mut parameters = IndexMap::new();
        if let Some(params) = obj.get("parameters") {
            let params = params.as_object().ok_or(("parameters".to_owned(), "must be an object".to_owned()))?;
            for (name, p) in params {
                parameters.insert(name.clone(), parse_parameter(&format!("parameters.{name}"), p)?);
            }
        }
        let rules = parse_rules("rules", obj.get("rules").unwrap_or(&Value::Null))?;
        Ok(RuleSet { parameters, rules })
    }
}

fn parse_parameter(path: &str, v: &Value) -> R<Parameter> {
    let ty = match v.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
        Some("string") => ParamType::String,
        Some("boolean") => ParamType::Boolean,
        Some("stringarray") => ParamType::StringArray,
        other => return err(path, format!("unsupported parameter type {other:?}")),
    };
    let default = v.get("default").cloned();
    match (&default, ty) {
        (None, _) | (Some(Value::String(_)), ParamType::String) | (Some(Value::Bool(_)), ParamType::Boolean) => {}
        (Some(Value::Array(a)), ParamType::StringArray) if a.iter().all(Value::is_string) => {}
        (Some(d), _) => return err(path, format!("default {d} does not match the parameter type")),
    }
    Ok(Parameter {
        ty,
        built_in: v.get("builtIn").and_then(Value::as_str).map(str::to_owned),
        required: v.get("required").and_then(Value::as_bool).unwrap_or(false),
        default,
        documentation: v.get("documentation").and_then(Value::as_str).map(str::to_owned),
        deprecated: v.get("deprecated").map(|d| d.get("message").and_then(Value::as_str).unwrap_or("deprecated").to_owned()),
    })
}

fn parse_rules(path: &str, v: &Value) -> R<Vec<Rule>> {
    let Some(list) = v.as_array() else { return err(path, "must be an array of rules") };
    list.iter().enumerate().map(|(i, r)| parse_rule(&format!("{path}[{i}]"), r)).collect()
}

fn parse_rule(path: &str, v: &Value) -> R<Rule> {
    let conditions = match v.get("conditions") {
        None => Vec::new(),
        Some(Value::Array(c)) => c.iter().enumerate().map(|(i, c)| parse_condition(&format!("{path}.conditions[{i}]"), c)).collect::<R<_>>()?,
        Some(_) => return err(path, "`conditions` must be an array"),
    };
    let kind = match v.get("type").and_then(Value::as_str) {
        Some("endpoint") => {
            let e = v.get("endpoint").ok_or((path.to_owned(), "an endpoint rule needs `endpoint`".to_owned()))?;
            RuleKind::Endpoint(parse_endpoint(&format!("{path}.endpoint"), e)?)
        }
        Some("error") => {
            let e = v.get("error").ok_or((path.to_owned(), "an error rule needs `error`".to_owned()))?;
            RuleKind::Error(parse_expr(&format!("{path}.error"), e)?)
        }
        Some("tree") => RuleKind::Tree(parse_rules(&format!("{path}.rules"), v.get("rules").unwrap_or(&Value::Null))?),
        other => return err(path, format!("unknown rule type {other:?}")),
    };
    Ok(Rule { conditions, kind })
}

fn parse_endpoint(path: &str, v: &Value) -> R<EndpointDef> {
    let url = parse_expr(&format!("{path}.url"), v.get("url").unwrap_or(&Value::Null))?;
    let mut headers = IndexMap::new();
    if let Some(h) = v.get("headers") {
        let h = h.as_object().ok_or((format!("{path}.headers"), "must be an object".to_owned()))?;
        for (name, values) in h {
            let p = format!("{path}.headers.{name}");
            let values = values.as_array().ok_or((p.clone(), "must be an array".to_owned()))?;
            headers.insert(name.clone(), values.iter().map(|v| parse_expr(&p, v)).collect::<R<_>>()?);
        }
    }
    let properties = match v.get("properties") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(p)) => p.clone(),
        Some(_) => return err(&format!("{path}.properties"), "must be an object"),
    };
    Ok(EndpointDef { url, headers, properties })
}

fn parse_condition(path: &str, v: &Value) -> R<Condition> {
    let Expr::Call(call) = parse_expr(path, v)? else { return err(path, "a condition must be a function call") };
    let assign = v.get("assign").and_then(Value::as_str).map(str::to_owned);
    Ok(Condition { call, assign })
}

/// Parses an expression: literals, `{"ref": ..}`, `{"fn": .., "argv": [..]}`.
pub fn parse_expr(path: &str, v: &Value) -> R<Expr> {
    Ok(match v {
        Value::String(s) => Expr::Template(parse_template(path, s)?),
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Int(n.as_i64().ok_or((path.to_owned(), format!("{n} is not an integer")))?),
        Value::Array(items) => Expr::Array(items.iter().map(|i| parse_expr(path, i)).collect::<R<_>>()?),
        Value::Object(o) => {
            if let Some(r) = o.get("ref") {
                Expr::Ref(r.as_str().ok_or((path.to_owned(), "`ref` must be a string".to_owned()))?.to_owned())
            } else if let Some(f) = o.get("fn") {
                let name = f.as_str().ok_or((path.to_owned(), "`fn` must be a string".to_owned()))?.to_owned();
                let argv = o.get("argv").and_then(Value::as_array).ok_or((path.to_owned(), format!("`{name}` needs `argv`")))?;
                let args = argv.iter().enumerate().map(|(i, a)| parse_expr(&format!("{path}.argv[{i}]"), a)).collect::<R<_>>()?;
                Expr::Call(Call { name, args, path: path.to_owned() })
            } else {
                return err(path, "an object expression needs `ref` or `fn`");
            }
        }
        Value::Null => return err(path, "missing expression"),
    })
}

/// Splits `https://{Region}.{PartitionResult#dnsSuffix}` into text and references.
/// `{{` and `}}` are literal braces.
pub fn parse_template(path: &str, s: &str) -> R<Vec<Part>> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return err(path, format!("unclosed `{{` in template `{s}`")),
                    }
                }
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                let part = match name.split_once('#') {
                    Some((n, p)) => Part::Ref(n.to_owned(), Some(p.to_owned())),
                    None => Part::Ref(name, None),
                };
                parts.push(part);
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() || parts.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

impl Expr {
    /// Whether this expression (or anything inside it) refers to `name`.
    pub fn mentions(&self, name: &str) -> bool {
        match self {
            Expr::Template(parts) => parts.iter().any(|p| matches!(p, Part::Ref(n, _) if n == name)),
            Expr::Ref(n) => n == name,
            Expr::Array(items) => items.iter().any(|i| i.mentions(name)),
            Expr::Call(c) => c.args.iter().any(|a| a.mentions(name)),
            Expr::Bool(_) | Expr::Int(_) => false,
        }
    }
}

fn value_mentions(v: &Value, name: &str) -> bool {
    match v {
        Value::String(s) => parse_template("", s).is_ok_and(|parts| parts.iter().any(|p| matches!(p, Part::Ref(n, _) if n == name))),
        Value::Array(a) => a.iter().any(|v| value_mentions(v, name)),
        Value::Object(o) => o.values().any(|v| value_mentions(v, name)),
        _ => false,
    }
}

impl Rule {
    /// Whether this rule (conditions from `from` on, and its result) refers to `name`.
    pub fn mentions_from(&self, from: usize, name: &str) -> bool {
        self.conditions.iter().skip(from).any(|c| c.call.args.iter().any(|a| a.mentions(name)))
            || match &self.kind {
                RuleKind::Endpoint(e) => {
                    e.url.mentions(name)
                        || e.headers.values().flatten().any(|v| v.mentions(name))
                        || e.properties.values().any(|v| value_mentions(v, name))
                }
                RuleKind::Error(e) => e.mentions(name),
                RuleKind::Tree(rules) => rules.iter().any(|r| r.mentions_from(0, name)),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates() {
        assert_eq!(
            parse_template("", "https://oidc.{Region}.{PartitionResult#dnsSuffix}").unwrap(),
            [
                Part::Text("https://oidc.".into()),
                Part::Ref("Region".into(), None),
                Part::Text(".".into()),
                Part::Ref("PartitionResult".into(), Some("dnsSuffix".into())),
            ]
        );
        assert_eq!(parse_template("", "{{literal}}").unwrap(), [Part::Text("{literal}".into())]);
        assert_eq!(parse_template("", "").unwrap(), [Part::Text(String::new())]);
        assert!(parse_template("p", "x{Region").is_err());
    }

    #[test]
    fn rule_set_errors_name_the_path() {
        let v = serde_json::json!({"parameters": {}, "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet"}]}]});
        assert_eq!(RuleSet::parse(&v).unwrap_err(), ("rules[0].conditions[0]".to_owned(), "`isSet` needs `argv`".to_owned()));
        let v = serde_json::json!({"parameters": {"X": {"type": "int"}}, "rules": []});
        assert_eq!(RuleSet::parse(&v).unwrap_err().0, "parameters.X");
    }
}
