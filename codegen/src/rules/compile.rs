//! Rules → Rust: the rule tree becomes nested `if` / `if let` blocks that return the
//! endpoint or the error, checked by the Rust compiler and optimized like any code.
//!
//! Why the tree and not the BDD: every AWS model carries `endpointRuleSet` (the BDD is
//! newer, experimental, and only on some models), the tree maps one-to-one onto code a
//! person can read and review in a diff, and once compiled the redundant checks a BDD
//! would save are a few boolean tests: the costly step, the partition lookup, runs once
//! per resolution either way.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::ast::{Call, Condition, EndpointDef, Expr, ParamType, Part, Rule, RuleKind, RuleSet};
use crate::naming::{field_name, ident};

/// Runtime functions of the rules library, by the file that implements them.
pub const FUNCTIONS: &[(&str, &str)] = &[
    ("isValidHostLabel", "host_label"),
    ("aws.isVirtualHostableS3Bucket", "s3_bucket"),
    ("parseURL", "url"),
    ("aws.parseArn", "arn"),
    ("substring", "substring"),
    ("uriEncode", "uri_encode"),
    ("split", "split"),
];

/// A compilation failure: (JSON path, problem).
pub type Failure = (String, String);
type R<T> = Result<T, Failure>;

fn fail<T>(path: &str, message: impl Into<String>) -> R<T> {
    Err((path.to_owned(), message.into()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    Str,
    Bool,
    Int,
    StrArray,
    Partition,
    Url,
    Arn,
}

/// The static type of an expression. `owned` strings are `String`s (else `&str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ty {
    base: Base,
    optional: bool,
    owned: bool,
}

impl Ty {
    const fn of(base: Base) -> Ty {
        Ty { base, optional: false, owned: false }
    }
    const fn opt(self) -> Ty {
        Ty { optional: true, ..self }
    }
    const fn owned(self) -> Ty {
        Ty { owned: true, ..self }
    }
}

#[derive(Clone)]
struct Typed {
    tokens: TokenStream,
    ty: Ty,
}

/// A name in scope: a parameter or an assigned variable.
#[derive(Clone)]
struct Var {
    ident: Ident,
    ty: Ty,
}

/// What the compilation needs and produces besides the code.
#[derive(Default)]
pub struct Needs {
    /// Runtime function files used.
    pub functions: BTreeSet<&'static str>,
    /// Whether `aws.partition` is used.
    pub partition: bool,
}

/// The compiled `resolve` body and what it needs.
pub struct Compiled {
    /// Statements of `fn resolve(params: &Params<'_>) -> Result<Endpoint, ResolveError>`.
    pub body: TokenStream,
    /// Runtime pieces it uses.
    pub needs: Needs,
}

/// How a condition guards what follows it.
enum Guard {
    /// `if cond { .. }`
    If(TokenStream),
    /// `if let Some(v) = e { .. }`
    IfLet(TokenStream, TokenStream),
    /// `let v = e; ..` (always matches)
    Let(Ident, TokenStream),
    /// Always matches, binds nothing.
    Nothing,
}

struct Compiler {
    needs: Needs,
}

/// Compiles a rule set into the body of `resolve`.
pub fn compile(rules: &RuleSet) -> R<Compiled> {
    let mut c = Compiler { needs: Needs::default() };
    let mut env: BTreeMap<String, Var> = BTreeMap::new();
    let mut prelude = TokenStream::new();
    for (name, p) in &rules.parameters {
        let used = rules.rules.iter().any(|r| r.mentions_from(0, name));
        let id = ident(&field_name(name));
        let base = match p.ty {
            ParamType::String => Base::Str,
            ParamType::Boolean => Base::Bool,
            ParamType::StringArray => Base::StrArray,
        };
        let default = p.default.as_ref().map(literal_value);
        let ty = match (&default, p.required) {
            (Some(_), _) | (None, true) => Ty::of(base),
            (None, false) => Ty::of(base).opt(),
        };
        match (default, p.required) {
            (Some(d), _) if used => prelude.extend(quote!(let #id = params.#id.unwrap_or(#d);)),
            (None, true) => {
                // A required parameter must be set before rules run, used or not.
                let binding = if used { quote!(#id) } else { quote!(_) };
                prelude.extend(quote! {
                    let Some(#binding) = params.#id else {
                        return Err(ResolveError::missing_parameter(#name));
                    };
                });
            }
            _ if used => prelude.extend(quote!(let #id = params.#id;)),
            _ => {}
        }
        env.insert(name.clone(), Var { ident: id, ty });
    }
    let body = c.rules(&rules.rules, &env, true, "rules")?;
    Ok(Compiled { body: quote!(#prelude #body), needs: c.needs })
}

/// A literal for a parameter default.
fn literal_value(v: &Value) -> TokenStream {
    match v {
        Value::String(s) => quote!(#s),
        Value::Bool(b) => quote!(#b),
        Value::Array(items) => {
            let items = items.iter().filter_map(Value::as_str);
            quote!(&[#(#items),*])
        }
        _ => quote!(Default::default()),
    }
}

impl Compiler {
    /// Rules evaluated in order. In `tail` position the last rule's result is the value
    /// of the block (no `return`). Stops after a rule that always matches: nothing after
    /// it can run.
    fn rules(&mut self, rules: &[Rule], env: &BTreeMap<String, Var>, tail: bool, path: &str) -> R<TokenStream> {
        let mut out = TokenStream::new();
        for (i, rule) in rules.iter().enumerate() {
            let rule_path = format!("{path}[{i}]");
            let (tokens, always) = self.rule(rule, env, false, &rule_path)?;
            if always {
                if tail {
                    let (tokens, _) = self.rule(rule, env, true, &rule_path)?;
                    out.extend(tokens);
                } else {
                    out.extend(tokens);
                }
                return Ok(out);
            }
            out.extend(tokens);
        }
        // Every rule of this list was tried and none matched.
        if tail {
            out.extend(quote!(Err(ResolveError::exhausted())));
        } else {
            out.extend(quote!(return Err(ResolveError::exhausted());));
        }
        Ok(out)
    }

    /// One rule: its conditions wrap its result. Returns the code and whether the rule
    /// always matches.
    fn rule(&mut self, rule: &Rule, env: &BTreeMap<String, Var>, tail: bool, path: &str) -> R<(TokenStream, bool)> {
        let mut env = env.clone();
        let mut guards = Vec::new();
        for (i, cond) in rule.conditions.iter().enumerate() {
            guards.extend(self.condition(cond, rule, i, &mut env, &format!("{path}.conditions[{i}]"))?);
        }
        let always = guards.iter().all(|g| matches!(g, Guard::Let(..) | Guard::Nothing));
        let tail = tail && always;
        let ret = |value: TokenStream| if tail { value } else { quote!(return #value;) };
        let body = match &rule.kind {
            RuleKind::Endpoint(e) => ret(self.endpoint(e, &env, &format!("{path}.endpoint"))?),
            RuleKind::Error(e) => {
                let message = self.message(e, &env, &format!("{path}.error"))?;
                ret(quote!(Err(ResolveError::new(#message))))
            }
            RuleKind::Tree(rules) => self.rules(rules, &env, tail, &format!("{path}.rules"))?,
        };
        // Consecutive conditions share one `if`, as a let-chain (Rust 2024).
        let mut merged: Vec<Guard> = Vec::new();
        for g in guards {
            let part = match g {
                Guard::If(c) => c,
                Guard::IfLet(binding, e) => quote!(let Some(#binding) = #e),
                other => {
                    merged.push(other);
                    continue;
                }
            };
            match merged.last_mut() {
                Some(Guard::If(prev)) => *prev = quote!(#prev && #part),
                _ => merged.push(Guard::If(part)),
            }
        }
        let needs_block = !tail && matches!(merged.first(), Some(Guard::Let(..)));
        let mut code = body;
        for g in merged.into_iter().rev() {
            code = match g {
                Guard::If(c) => quote!(if #c { #code }),
                Guard::IfLet(binding, e) => quote!(if let Some(#binding) = #e { #code }),
                Guard::Let(v, e) => quote!(let #v = #e; #code),
                Guard::Nothing => code,
            };
        }
        let code = if needs_block { quote!({ #code }) } else { code };
        Ok((code, always))
    }

    /// A condition; binds its variable in `env` when it has one that is used later.
    fn condition(&mut self, cond: &Condition, rule: &Rule, index: usize, env: &mut BTreeMap<String, Var>, path: &str) -> R<Vec<Guard>> {
        let used_later = |name: &str| rule.mentions_from(index + 1, name);
        // `isSet(ref)`: inside the rule the reference is known to be set.
        if cond.call.name == "isSet"
            && cond.assign.is_none()
            && let [Expr::Ref(name)] = cond.call.args.as_slice()
        {
            let var = env.get(name).cloned().ok_or((path.to_owned(), format!("`{name}` is not defined")))?;
            if !var.ty.optional {
                return fail(path, format!("isSet on `{name}`, which is always set"));
            }
            let id = &var.ident;
            if used_later(name) {
                env.insert(name.clone(), Var { ident: id.clone(), ty: Ty { optional: false, ..var.ty } });
                return Ok(vec![Guard::IfLet(quote!(#id), quote!(#id))]);
            }
            return Ok(vec![Guard::If(quote!(#id.is_some()))]);
        }
        let value = self.call(&cond.call, env)?;
        let bind = cond.assign.as_ref().filter(|name| used_later(name));
        if let Some(name) = &cond.assign
            && env.contains_key(name)
        {
            return fail(path, format!("`{name}` is already defined"));
        }
        let tokens = value.tokens;
        Ok(match (value.ty, bind) {
            (Ty { base: Base::Bool, optional: false, .. }, None) => vec![Guard::If(tokens)],
            (Ty { base: Base::Bool, optional: false, .. }, Some(name)) => {
                // Bound, then tested: the variable is `true` wherever it is visible.
                let id = ident(&field_name(name));
                env.insert(name.clone(), Var { ident: id.clone(), ty: Ty::of(Base::Bool) });
                vec![Guard::Let(id.clone(), tokens), Guard::If(quote!(#id))]
            }
            (ty, None) if ty.optional => vec![Guard::If(quote!(#tokens.is_some()))],
            (ty, Some(name)) if ty.optional => {
                let id = ident(&field_name(name));
                env.insert(name.clone(), Var { ident: id.clone(), ty: Ty { optional: false, ..ty } });
                vec![Guard::IfLet(quote!(#id), tokens)]
            }
            (_, None) => vec![Guard::Nothing],
            (ty, Some(name)) => {
                let id = ident(&field_name(name));
                env.insert(name.clone(), Var { ident: id.clone(), ty });
                vec![Guard::Let(id, tokens)]
            }
        })
    }

    fn expr(&mut self, e: &Expr, env: &BTreeMap<String, Var>, path: &str) -> R<Typed> {
        Ok(match e {
            Expr::Template(parts) => self.template(parts, env, path)?,
            Expr::Bool(b) => Typed { tokens: quote!(#b), ty: Ty::of(Base::Bool) },
            Expr::Int(i) => {
                let lit = Literal::i64_unsuffixed(*i);
                Typed { tokens: quote!(#lit), ty: Ty::of(Base::Int) }
            }
            Expr::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    out.push(self.str_arg(item, env, path)?);
                }
                Typed { tokens: quote!(&[#(#out),*][..]), ty: Ty::of(Base::StrArray) }
            }
            Expr::Ref(name) => {
                let var = env.get(name).ok_or((path.to_owned(), format!("`{name}` is not defined")))?;
                let id = &var.ident;
                Typed { tokens: quote!(#id), ty: var.ty }
            }
            Expr::Call(call) => self.call(call, env)?,
        })
    }

    /// A template string: a `&'static str` literal when it has no references, else one
    /// `String` built in a single allocation.
    fn template(&mut self, parts: &[Part], env: &BTreeMap<String, Var>, path: &str) -> R<Typed> {
        if let [Part::Text(t)] = parts {
            return Ok(Typed { tokens: quote!(#t), ty: Ty::of(Base::Str) });
        }
        let mut pieces = Vec::new();
        for part in parts {
            pieces.push(match part {
                Part::Text(t) => quote!(#t),
                Part::Ref(name, attr) => {
                    let base = self.expr(&Expr::Ref(name.clone()), env, path)?;
                    let value = match attr {
                        Some(attr) => self.get_attr(base, attr, path)?,
                        None => base,
                    };
                    if value.ty.optional || value.ty.base != Base::Str {
                        return fail(path, format!("template reference `{name}` is not a string that is always set"));
                    }
                    as_str(&value)
                }
            });
        }
        // A single reference is its own value.
        if let [Part::Ref(..)] = parts {
            let only = pieces.remove(0);
            return Ok(Typed { tokens: only, ty: Ty::of(Base::Str) });
        }
        Ok(Typed { tokens: quote!([#(#pieces),*].concat()), ty: Ty::of(Base::Str).owned() })
    }

    /// A `&str` argument.
    fn str_arg(&mut self, e: &Expr, env: &BTreeMap<String, Var>, path: &str) -> R<TokenStream> {
        let v = self.expr(e, env, path)?;
        if v.ty.base != Base::Str || v.ty.optional {
            return fail(path, "expected a string that is always set");
        }
        Ok(as_str(&v))
    }

    fn bool_arg(&mut self, e: &Expr, env: &BTreeMap<String, Var>, path: &str) -> R<TokenStream> {
        let v = self.expr(e, env, path)?;
        if v.ty != Ty::of(Base::Bool) {
            return fail(path, "expected a boolean that is always set");
        }
        Ok(v.tokens)
    }

    fn int_arg(&self, e: &Expr, path: &str) -> R<TokenStream> {
        match e {
            Expr::Int(i) if *i >= 0 => {
                let lit = Literal::usize_unsuffixed(*i as usize);
                Ok(quote!(#lit))
            }
            _ => fail(path, "expected a non-negative integer literal"),
        }
    }

    fn arity(call: &Call, n: usize) -> R<()> {
        if call.args.len() == n { Ok(()) } else { fail(&call.path, format!("`{}` takes {n} argument(s), found {}", call.name, call.args.len())) }
    }

    fn call(&mut self, call: &Call, env: &BTreeMap<String, Var>) -> R<Typed> {
        let path = call.path.as_str();
        let args = &call.args;
        let runtime = |me: &mut Compiler, name: &str| -> Ident {
            if let Some((_, file)) = FUNCTIONS.iter().find(|(f, _)| *f == name) {
                me.needs.functions.insert(file);
            }
            ident(match name {
                "isValidHostLabel" => "is_valid_host_label",
                "aws.isVirtualHostableS3Bucket" => "is_virtual_hostable_s3_bucket",
                "parseURL" => "parse_url",
                "aws.parseArn" => "parse_arn",
                "substring" => "substring",
                "uriEncode" => "uri_encode",
                _ => "split",
            })
        };
        Ok(match call.name.as_str() {
            "isSet" => {
                Self::arity(call, 1)?;
                let v = self.expr(&args[0], env, path)?;
                if !v.ty.optional {
                    return fail(path, "isSet on a value that is always set");
                }
                let t = v.tokens;
                Typed { tokens: quote!(#t.is_some()), ty: Ty::of(Base::Bool) }
            }
            "not" => {
                Self::arity(call, 1)?;
                // `not(isSet(x))` reads best as `x.is_none()`.
                if let Expr::Call(inner) = &args[0]
                    && inner.name == "isSet"
                    && inner.args.len() == 1
                {
                    let v = self.expr(&inner.args[0], env, path)?;
                    let t = v.tokens;
                    return Ok(Typed { tokens: quote!(#t.is_none()), ty: Ty::of(Base::Bool) });
                }
                let b = self.bool_arg(&args[0], env, path)?;
                Typed { tokens: negate(&b), ty: Ty::of(Base::Bool) }
            }
            "booleanEquals" => {
                Self::arity(call, 2)?;
                let (a, b) = (self.expr(&args[0], env, path)?, self.expr(&args[1], env, path)?);
                for v in [&a, &b] {
                    if v.ty.base != Base::Bool {
                        return fail(path, "booleanEquals takes booleans");
                    }
                }
                let tokens = equality(a, b, |lit, other| match lit.to_string().as_str() {
                    "true" => other,
                    _ => negate(&other),
                });
                Typed { tokens, ty: Ty::of(Base::Bool) }
            }
            "stringEquals" => {
                Self::arity(call, 2)?;
                let (a, b) = (self.expr(&args[0], env, path)?, self.expr(&args[1], env, path)?);
                for v in [&a, &b] {
                    if v.ty.base != Base::Str {
                        return fail(path, "stringEquals takes strings");
                    }
                }
                let a = Typed { tokens: if a.ty.optional { a.tokens } else { as_str(&a) }, ..a };
                let b = Typed { tokens: if b.ty.optional { b.tokens } else { as_str(&b) }, ..b };
                let tokens = equality(a, b, |lit, other| if lit.to_string() == "\"\"" { quote!(#other.is_empty()) } else { quote!(#other == #lit) });
                Typed { tokens, ty: Ty::of(Base::Bool) }
            }
            "getAttr" => {
                Self::arity(call, 2)?;
                let base = self.expr(&args[0], env, path)?;
                let Expr::Template(parts) = &args[1] else { return fail(path, "getAttr needs a literal path") };
                let [Part::Text(attr)] = parts.as_slice() else { return fail(path, "getAttr needs a literal path") };
                self.get_attr(base, attr, path)?
            }
            "aws.partition" => {
                Self::arity(call, 1)?;
                let region = self.str_arg(&args[0], env, path)?;
                self.needs.partition = true;
                Typed { tokens: quote!(partition(#region)), ty: Ty::of(Base::Partition).opt() }
            }
            "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => {
                Self::arity(call, 2)?;
                let (s, sub) = (self.str_arg(&args[0], env, path)?, self.bool_arg(&args[1], env, path)?);
                let f = runtime(self, &call.name);
                if call.name != "isValidHostLabel" {
                    self.needs.functions.insert("host_label");
                }
                Typed { tokens: quote!(#f(#s, #sub)), ty: Ty::of(Base::Bool) }
            }
            "parseURL" => {
                Self::arity(call, 1)?;
                let s = self.str_arg(&args[0], env, path)?;
                let f = runtime(self, &call.name);
                Typed { tokens: quote!(#f(#s)), ty: Ty::of(Base::Url).opt() }
            }
            "aws.parseArn" => {
                Self::arity(call, 1)?;
                let s = self.str_arg(&args[0], env, path)?;
                let f = runtime(self, &call.name);
                Typed { tokens: quote!(#f(#s)), ty: Ty::of(Base::Arn).opt() }
            }
            "substring" => {
                Self::arity(call, 4)?;
                let s = self.str_arg(&args[0], env, path)?;
                let (start, end) = (self.int_arg(&args[1], path)?, self.int_arg(&args[2], path)?);
                let rev = self.bool_arg(&args[3], env, path)?;
                let f = runtime(self, &call.name);
                Typed { tokens: quote!(#f(#s, #start, #end, #rev)), ty: Ty::of(Base::Str).opt() }
            }
            "uriEncode" => {
                Self::arity(call, 1)?;
                let s = self.str_arg(&args[0], env, path)?;
                let f = runtime(self, &call.name);
                Typed { tokens: quote!(#f(#s)), ty: Ty::of(Base::Str).owned() }
            }
            "split" => {
                Self::arity(call, 3)?;
                let (s, d) = (self.str_arg(&args[0], env, path)?, self.str_arg(&args[1], env, path)?);
                let limit = self.int_arg(&args[2], path)?;
                let f = runtime(self, &call.name);
                Typed { tokens: quote!(#f(#s, #d, #limit)), ty: Ty::of(Base::StrArray).owned() }
            }
            "coalesce" => {
                if args.len() < 2 {
                    return fail(path, "coalesce takes two or more arguments");
                }
                let values = args.iter().map(|a| self.expr(a, env, path)).collect::<R<Vec<_>>>()?;
                let base = values[0].ty.base;
                if values.iter().any(|v| v.ty.base != base) {
                    return fail(path, "coalesce arguments must have the same type");
                }
                // Mixed borrowed and owned strings become owned, so nothing borrows a temporary.
                let owned = base == Base::Str && values.iter().any(|v| v.ty.owned);
                let mut tokens = TokenStream::new();
                let mut optional = true;
                for (i, v) in values.iter().enumerate() {
                    let t = if owned && !v.ty.owned {
                        let inner = &v.tokens;
                        if v.ty.optional { quote!(#inner.map(str::to_owned)) } else { quote!(#inner.to_owned()) }
                    } else {
                        v.tokens.clone()
                    };
                    tokens = match (i, v.ty.optional) {
                        (0, _) => t,
                        (_, true) => quote!(#tokens.or(#t)),
                        (_, false) => {
                            optional = false;
                            let out = quote!(#tokens.unwrap_or(#t));
                            return Ok(Typed { tokens: out, ty: Ty { base, optional, owned } });
                        }
                    };
                    if i == 0 && !v.ty.optional {
                        return Ok(Typed { tokens, ty: Ty { base, optional: false, owned } });
                    }
                }
                Typed { tokens, ty: Ty { base, optional, owned } }
            }
            "ite" => {
                Self::arity(call, 3)?;
                let c = self.bool_arg(&args[0], env, path)?;
                let (a, b) = (self.expr(&args[1], env, path)?, self.expr(&args[2], env, path)?);
                if a.ty.base != b.ty.base {
                    return fail(path, "ite branches must have the same type");
                }
                let optional = a.ty.optional || b.ty.optional;
                let owned = a.ty.base == Base::Str && (a.ty.owned || b.ty.owned);
                let branch = |v: &Typed| {
                    let t = &v.tokens;
                    let t = if owned && !v.ty.owned {
                        if v.ty.optional { quote!(#t.map(str::to_owned)) } else { quote!(#t.to_owned()) }
                    } else {
                        t.clone()
                    };
                    if optional && !v.ty.optional { quote!(Some(#t)) } else { t }
                };
                let (ta, tb) = (branch(&a), branch(&b));
                Typed { tokens: quote!(if #c { #ta } else { #tb }), ty: Ty { base: a.ty.base, optional, owned } }
            }
            other => return fail(path, format!("unknown function `{other}`")),
        })
    }

    /// `getAttr`: a field of a partition, URL or ARN, or an index into an array.
    fn get_attr(&mut self, value: Typed, attr: &str, path: &str) -> R<Typed> {
        if value.ty.optional {
            return fail(path, format!("getAttr `{attr}` on a value that may be unset (assign it in a condition first)"));
        }
        let mut current = value;
        for segment in attr.split('.') {
            let (key, index) = match segment.split_once('[') {
                Some((k, rest)) => {
                    let i: i64 = rest.trim_end_matches(']').parse().map_err(|_| (path.to_owned(), format!("bad index in getAttr path `{attr}`")))?;
                    (k, Some(i))
                }
                None => (segment, None),
            };
            if !key.is_empty() {
                current = field(&current, key).ok_or((path.to_owned(), format!("no attribute `{key}` in getAttr path `{attr}`")))?;
            }
            if let Some(i) = index {
                if current.ty.base != Base::StrArray || current.ty.optional {
                    return fail(path, format!("index into a value that is not an array in `{attr}`"));
                }
                let t = &current.tokens;
                let tokens = match i {
                    0 => quote!(#t.first().copied()),
                    -1 => quote!(#t.last().copied()),
                    i if i > 0 => {
                        let i = Literal::usize_unsuffixed(i as usize);
                        quote!(#t.get(#i).copied())
                    }
                    _ => {
                        let back = Literal::usize_unsuffixed((-i - 1) as usize);
                        quote!(#t.iter().nth_back(#back).copied())
                    }
                };
                current = Typed { tokens, ty: Ty::of(Base::Str).opt() };
            }
        }
        Ok(current)
    }

    /// The error message of an error rule: a `&'static str` or a `String`.
    fn message(&mut self, e: &Expr, env: &BTreeMap<String, Var>, path: &str) -> R<TokenStream> {
        let v = self.expr(e, env, path)?;
        if v.ty.base != Base::Str || v.ty.optional {
            return fail(path, "an error message must be a string");
        }
        // `ResolveError::new` takes a `&'static str` literal or a `String`.
        let t = v.tokens;
        Ok(if v.ty.owned || t.to_string().starts_with('"') { t } else { quote!(#t.to_owned()) })
    }

    fn endpoint(&mut self, e: &EndpointDef, env: &BTreeMap<String, Var>, path: &str) -> R<TokenStream> {
        let url = self.expr(&e.url, env, &format!("{path}.url"))?;
        if url.ty.base != Base::Str || url.ty.optional {
            return fail(path, "an endpoint URL must be a string that is always set");
        }
        let url = owned_string(&url);
        let mut out = quote!(Endpoint::new(#url));
        for (name, values) in &e.headers {
            let mut vals = Vec::new();
            for v in values {
                let v = self.expr(v, env, path)?;
                if v.ty.base != Base::Str || v.ty.optional {
                    return fail(&format!("{path}.headers.{name}"), "header values must be strings");
                }
                vals.push(cow(&v));
            }
            out = quote!(#out.header(#name, vec![#(#vals),*]));
        }
        for (name, value) in &e.properties {
            let v = self.property(value, env, &format!("{path}.properties.{name}"))?;
            out = quote!(#out.property(#name, #v));
        }
        Ok(quote!(Ok(#out)))
    }

    /// An endpoint property value (strings may be templates).
    fn property(&mut self, value: &Value, env: &BTreeMap<String, Var>, path: &str) -> R<TokenStream> {
        Ok(match value {
            Value::String(s) => {
                let parts = super::ast::parse_template(path, s)?;
                let v = self.template(&parts, env, path)?;
                let c = cow(&v);
                quote!(Property::String(#c))
            }
            Value::Bool(b) => quote!(Property::Bool(#b)),
            Value::Array(items) => {
                let items = items.iter().map(|i| self.property(i, env, path)).collect::<R<Vec<_>>>()?;
                quote!(Property::Array(vec![#(#items),*]))
            }
            Value::Object(map) => {
                let mut entries = Vec::new();
                for (k, v) in map {
                    let v = self.property(v, env, path)?;
                    entries.push(quote!((Cow::Borrowed(#k), #v)));
                }
                quote!(Property::Object(BTreeMap::from([#(#entries),*])))
            }
            other => return fail(path, format!("unsupported property value {other}")),
        })
    }
}

/// `a == b`, written the way clippy likes: comparisons with a literal simplified by
/// `with_literal`, optionals compared with `Some(..)`.
fn equality(a: Typed, b: Typed, with_literal: impl Fn(TokenStream, TokenStream) -> TokenStream) -> TokenStream {
    let is_lit = |t: &TokenStream| {
        let s = t.to_string();
        s == "true" || s == "false" || s.starts_with('"')
    };
    let (ta, tb) = (a.tokens.clone(), b.tokens.clone());
    match (is_lit(&ta), is_lit(&tb)) {
        (_, true) if !a.ty.optional => with_literal(tb, ta),
        (true, _) if !b.ty.optional => with_literal(ta, tb),
        _ => match (a.ty.optional, b.ty.optional) {
            (true, false) => quote!(#ta == Some(#tb)),
            (false, true) => quote!(Some(#ta) == #tb),
            _ => quote!(#ta == #tb),
        },
    }
}

/// A `&str` view of a string value.
fn as_str(v: &Typed) -> TokenStream {
    let t = &v.tokens;
    if v.ty.owned { quote!(#t.as_str()) } else { t.clone() }
}

/// A `String` from a string value.
fn owned_string(v: &Typed) -> TokenStream {
    let t = &v.tokens;
    if v.ty.owned {
        t.clone()
    } else if t.to_string().starts_with('"') {
        quote!(String::from(#t))
    } else {
        quote!(#t.to_owned())
    }
}

/// A `Cow<'static, str>`: borrowed for literals (no allocation), owned otherwise.
fn cow(v: &Typed) -> TokenStream {
    let t = &v.tokens;
    if t.to_string().starts_with('"') {
        quote!(Cow::Borrowed(#t))
    } else {
        let owned = owned_string(v);
        quote!(Cow::Owned(#owned))
    }
}

/// A field of a record value.
fn field(v: &Typed, key: &str) -> Option<Typed> {
    let t = &v.tokens;
    let (name, ty, copy) = match (v.ty.base, key) {
        (Base::Partition, "name") => ("name", Ty::of(Base::Str), true),
        (Base::Partition, "dnsSuffix") => ("dns_suffix", Ty::of(Base::Str), true),
        (Base::Partition, "dualStackDnsSuffix") => ("dual_stack_dns_suffix", Ty::of(Base::Str), true),
        (Base::Partition, "supportsFIPS") => ("supports_fips", Ty::of(Base::Bool), true),
        (Base::Partition, "supportsDualStack") => ("supports_dual_stack", Ty::of(Base::Bool), true),
        (Base::Partition, "implicitGlobalRegion") => ("implicit_global_region", Ty::of(Base::Str), true),
        (Base::Url, "scheme") => ("scheme", Ty::of(Base::Str), true),
        (Base::Url, "authority") => ("authority", Ty::of(Base::Str), true),
        (Base::Url, "path") => ("path", Ty::of(Base::Str), true),
        (Base::Url, "normalizedPath") => ("normalized_path", Ty::of(Base::Str), false),
        (Base::Url, "isIp") => ("is_ip", Ty::of(Base::Bool), true),
        (Base::Arn, "partition") => ("partition", Ty::of(Base::Str), true),
        (Base::Arn, "service") => ("service", Ty::of(Base::Str), true),
        (Base::Arn, "region") => ("region", Ty::of(Base::Str), true),
        (Base::Arn, "accountId") => ("account_id", Ty::of(Base::Str), true),
        (Base::Arn, "resourceId") => ("resource_id", Ty::of(Base::StrArray), false),
        _ => return None,
    };
    let f = ident(name);
    let tokens = if copy {
        quote!(#t.#f)
    } else if ty.base == Base::Str {
        quote!(#t.#f.as_str())
    } else {
        // Arrays are read through an accessor returning a slice.
        quote!(#t.#f())
    };
    Some(Typed { tokens, ty })
}

/// `!expr`: `a != b` for a comparison `a == b`, `!(expr)` for other expressions made of
/// operators (`!a == b` would negate `a`), `!expr` for the rest.
fn negate(expr: &TokenStream) -> TokenStream {
    use proc_macro2::{Punct, Spacing, TokenTree};
    let tokens: Vec<TokenTree> = expr.clone().into_iter().collect();
    let is_op = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if "=!<>&|+-*/%^".contains(p.as_char()));
    let eq_at: Vec<usize> = (0..tokens.len().saturating_sub(1))
        .filter(|&i| matches!((&tokens[i], &tokens[i + 1]), (TokenTree::Punct(a), TokenTree::Punct(b)) if a.as_char() == '=' && b.as_char() == '=' && a.spacing() == Spacing::Joint))
        .collect();
    let operators = tokens.iter().filter(|t| is_op(t)).count();
    if let [at] = eq_at[..]
        && operators == 2
    {
        let (left, right) = (&tokens[..at], &tokens[at + 2..]);
        let (bang, eq) = (Punct::new('!', Spacing::Joint), Punct::new('=', Spacing::Alone));
        return quote!(#(#left)* #bang #eq #(#right)*);
    }
    if tokens.iter().any(is_op) { quote!(!(#expr)) } else { quote!(!#expr) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_keeps_comparisons_whole() {
        let cases = [
            (quote!(mode == "disabled"), "mode != \"disabled\""),
            (quote!(a.b() == c), "a . b () != c"),
            (quote!(a.is_some() && b), "! (a . is_some () && b)"),
            (quote!(use_fips), "! use_fips"),
            (quote!(region.is_empty()), "! region . is_empty ()"),
        ];
        for (expr, expected) in cases {
            assert_eq!(negate(&expr).to_string(), expected);
        }
    }
}
