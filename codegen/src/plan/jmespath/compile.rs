//! [`Ast`] → Rust, typed against the model: every expression gets a static type at
//! generation time, and the code is calls of the runtime's `rt::jmespath` steps over the
//! generated types' fields. An expression the types do not allow (a string compared with a
//! number, a field of a list) is an error here, not a wrong answer at run time.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::parse::{Ast, Comparator};
use crate::model::{ShapeId, ShapeKind, Simple};
use crate::naming::{ident, variant_name};
use crate::plan::{Ctx, Scope, members};

/// The JMESPath type of a compiled expression; its code evaluates to an `Option` of the
/// Rust value in the comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// `bool`.
    Bool,
    /// `f64`.
    Num,
    /// `&str` (strings and enums).
    Str,
    /// `&T`, a structure or union; `input` for an operation's input structure (whose
    /// members are all optional).
    Obj { id: ShapeId, input: bool },
    /// `Vec<R>`.
    List(Box<Ty>),
    /// `Vec<(&str, R)>`, sorted by key.
    Map(Box<Ty>),
    /// A `null` literal.
    Null,
    /// `{input, output}` of an `inputOutput` waiter matcher.
    InputOutput,
}

impl Ty {
    /// Whether the Rust value is `Copy` (so an expression can use it twice).
    fn is_copy(&self) -> bool {
        !matches!(self, Ty::List(_) | Ty::Map(_))
    }

    /// The type in words for many values (`strings`).
    fn plural(&self) -> String {
        match self {
            Ty::Bool => "booleans".into(),
            Ty::Num => "numbers".into(),
            Ty::Str => "strings".into(),
            Ty::Obj { id, .. } => format!("`{}`", id.name()),
            Ty::List(t) => format!("arrays of {}", t.plural()),
            Ty::Map(t) => format!("objects of {}", t.plural()),
            Ty::Null => "nulls".into(),
            Ty::InputOutput => "inputs and outputs".into(),
        }
    }

    /// The type in words, for errors.
    pub fn name(&self) -> String {
        match self {
            Ty::Bool => "a boolean".into(),
            Ty::Num => "a number".into(),
            Ty::Str => "a string".into(),
            Ty::Obj { id, .. } => format!("`{}`", id.name()),
            Ty::List(t) => format!("an array of {}", t.plural()),
            Ty::Map(t) => format!("an object of {}", t.plural()),
            Ty::Null => "null".into(),
            Ty::InputOutput => "the input and output".into(),
        }
    }
}

/// A compiled expression: code of type `Option<R>` (see [`Ty`]).
#[derive(Debug, Clone)]
pub struct Compiled {
    pub code: TokenStream,
    pub ty: Ty,
}

/// The value an expression starts from.
pub enum Root {
    /// A structure: `code` is an `Option<&T>`.
    Shape { id: ShapeId, input: bool, code: TokenStream },
    /// `input` and `output` (waiters' `inputOutput` matcher).
    InputOutput { input: ShapeId, input_code: TokenStream, output: ShapeId, output_code: TokenStream },
}

/// Compiles JMESPath expressions for one file (its imports go to `scope`).
pub struct Compiler<'c, 'm> {
    ctx: &'c Ctx<'m>,
    scope: &'c mut Scope,
    root: Root,
}

type Res<T> = Result<T, String>;

impl<'c, 'm> Compiler<'c, 'm> {
    pub fn new(ctx: &'c Ctx<'m>, scope: &'c mut Scope, root: Root) -> Self {
        Compiler { ctx, scope, root }
    }

    /// Compiles `text`, starting from the root.
    pub fn compile(&mut self, text: &str) -> Res<Compiled> {
        let ast = super::parse::parse(text).map_err(|e| format!("JMESPath `{text}`: {e}"))?;
        let root = match &self.root {
            Root::Shape { id, input, code } => Compiled { code: code.clone(), ty: Ty::Obj { id: id.clone(), input: *input } },
            Root::InputOutput { .. } => Compiled { code: quote!(()), ty: Ty::InputOutput },
        };
        self.value(&ast, &root).map_err(|e| format!("JMESPath `{text}`: {e}"))
    }

    fn jp(&mut self, function: &str) -> TokenStream {
        self.scope.function("crate::rt::jmespath", function)
    }

    fn value(&mut self, ast: &Ast, cur: &Compiled) -> Res<Compiled> {
        Ok(match ast {
            Ast::Current => cur.clone(),
            Ast::Field(name) => self.field(cur, name)?,
            Ast::Index(i) => {
                let Ty::List(item) = &cur.ty else { return Err(format!("`[{i}]` of {}", cur.ty.name())) };
                let index = self.jp("index");
                let code = &cur.code;
                Compiled { code: quote!(#index(#code, #i)), ty: (**item).clone() }
            }
            Ast::Sub(lhs, rhs) => {
                let left = self.value(lhs, cur)?;
                self.value(rhs, &left)?
            }
            Ast::Projection(lhs, rhs) => {
                let left = self.value(lhs, cur)?;
                self.project(left, rhs)?
            }
            Ast::Flatten(inner) => {
                let v = self.value(inner, cur)?;
                match &v.ty {
                    Ty::List(item) => match &**item {
                        Ty::List(inner_item) => {
                            let flatten = self.jp("flatten");
                            let code = &v.code;
                            Compiled { code: quote!(#flatten(#code)), ty: Ty::List(inner_item.clone()) }
                        }
                        _ => v.clone(),
                    },
                    other => return Err(format!("`[]` of {}", other.name())),
                }
            }
            Ast::Filter { list, condition, then } => {
                let left = self.value(list, cur)?;
                let Ty::List(item) = &left.ty else { return Err(format!("a filter of {}", left.ty.name())) };
                let element = Compiled { code: quote!(e), ty: (**item).clone() };
                let test = self.value(condition, &element)?;
                if test.ty != Ty::Bool {
                    return Err(format!("a filter condition is {}, not a boolean", test.ty.name()));
                }
                let filter = self.jp("filter");
                let (code, test) = (&left.code, &test.code);
                let kept = Compiled { code: quote!(#filter(#code, |e| #test)), ty: left.ty.clone() };
                self.project(kept, then)?
            }
            Ast::ObjectValues(rhs) => {
                let Ty::Map(item) = &cur.ty else { return Err(format!("`*` of {} (only of a map)", cur.ty.name())) };
                let (values, item, code) = (self.jp("values"), item.clone(), &cur.code);
                self.project(Compiled { code: quote!(#values(#code)), ty: Ty::List(item) }, rhs)?
            }
            Ast::MultiList(items) => {
                self.reused(cur)?;
                let compiled = items.iter().map(|i| self.value(i, cur)).collect::<Res<Vec<_>>>()?;
                let ty = common_type(&compiled)?;
                let codes = compiled.iter().map(|c| &c.code);
                Compiled { code: quote!(Some([#(#codes),*].into_iter().flatten().collect::<Vec<_>>())), ty: Ty::List(Box::new(ty)) }
            }
            Ast::Literal(v) => literal(v)?,
            Ast::Compare(op, a, b) => {
                self.reused(cur)?;
                let (a, b) = (self.value(a, cur)?, self.value(b, cur)?);
                self.compare(*op, a, b)?
            }
            Ast::And(a, b) | Ast::Or(a, b) => {
                self.reused(cur)?;
                let (a, b) = (self.value(a, cur)?, self.value(b, cur)?);
                if a.ty != Ty::Bool || b.ty != Ty::Bool {
                    return Err(format!("`&&` or `||` of {} and {} (only of booleans)", a.ty.name(), b.ty.name()));
                }
                let f = self.jp(if matches!(ast, Ast::And(..)) { "and" } else { "or" });
                let (a, b) = (a.code, b.code);
                Compiled { code: quote!(#f(#a, #b)), ty: Ty::Bool }
            }
            Ast::Not(a) => {
                let a = self.value(a, cur)?;
                if a.ty != Ty::Bool {
                    return Err(format!("`!` of {} (only of a boolean)", a.ty.name()));
                }
                let not = self.jp("not");
                let a = a.code;
                Compiled { code: quote!(#not(#a)), ty: Ty::Bool }
            }
            Ast::Function(name, args) => self.function(name, args, cur)?,
            Ast::MultiHash(_) => return Err("multi-select hashes are not supported".into()),
            Ast::ExpressionRef(_) => return Err("expression references (`&`) are not supported".into()),
        })
    }

    /// An expression that uses the current value more than once needs it `Copy`.
    fn reused(&self, cur: &Compiled) -> Res<()> {
        if cur.ty.is_copy() { Ok(()) } else { Err(format!("an expression that uses {} twice is not supported", cur.ty.name())) }
    }

    /// `rhs` on each element of the array `left`.
    fn project(&mut self, left: Compiled, rhs: &Ast) -> Res<Compiled> {
        let Ty::List(item) = &left.ty else { return Err(format!("a projection of {}", left.ty.name())) };
        if *rhs == Ast::Current {
            return Ok(left);
        }
        let element = Compiled { code: quote!(Some(e)), ty: (**item).clone() };
        let each = self.value(rhs, &element)?;
        let project = self.jp("project");
        let (code, body) = (&left.code, &each.code);
        Ok(Compiled { code: quote!(#project(#code, |e| #body)), ty: Ty::List(Box::new(each.ty)) })
    }

    fn field(&mut self, cur: &Compiled, name: &str) -> Res<Compiled> {
        let code = &cur.code;
        match &cur.ty {
            Ty::InputOutput => match (&self.root, name) {
                (Root::InputOutput { input, input_code, .. }, "input") => {
                    Ok(Compiled { code: input_code.clone(), ty: Ty::Obj { id: input.clone(), input: true } })
                }
                (Root::InputOutput { output, output_code, .. }, "output") => {
                    Ok(Compiled { code: output_code.clone(), ty: Ty::Obj { id: output.clone(), input: false } })
                }
                _ => Err(format!("`{name}` is neither `input` nor `output`")),
            },
            Ty::Map(item) => {
                let key = self.jp("key");
                Ok(Compiled { code: quote!(#key(#code, #name)), ty: (**item).clone() })
            }
            Ty::Obj { id, input } => {
                let shape = self.ctx.model.expect(id, id).map_err(|e| e.to_string())?;
                let get = self.jp("get");
                match &shape.kind {
                    ShapeKind::Structure(_) => {
                        let infos = members(self.ctx, id, *input, &mut Scope::default()).map_err(|e| e.to_string())?;
                        let m = infos.iter().find(|m| m.member.name == name).ok_or_else(|| format!("`{}` has no member `{name}`", id.name()))?;
                        let field = &m.field;
                        let (body, ty) = self.lift(&m.member.target)?;
                        let access = match (m.optional, m.boxed, body) {
                            (true, false, None) => quote!(v.#field.as_ref()),
                            (true, true, None) => quote!(v.#field.as_deref()),
                            (false, false, None) => quote!(Some(&v.#field)),
                            (false, true, None) => quote!(Some(&*v.#field)),
                            (true, false, Some(body)) => quote!(#get(v.#field.as_ref(), |x| #body)),
                            (true, true, Some(body)) => quote!(#get(v.#field.as_deref(), |x| #body)),
                            (false, false, Some(body)) => quote!(#get(Some(&v.#field), |x| #body)),
                            (false, true, Some(body)) => quote!(#get(Some(&*v.#field), |x| #body)),
                        };
                        Ok(Compiled { code: quote!(#get(#code, |v| #access)), ty })
                    }
                    ShapeKind::Union(members) => {
                        let m = members.get(name).ok_or_else(|| format!("`{}` has no member `{name}`", id.name()))?;
                        let ty_path = self.ctx.type_ref(id, self.scope).map_err(|e| e.to_string())?;
                        let variant = ident(&variant_name(&m.name));
                        let boxed = self.ctx.needs_box(id, m) || crate::plan::size::boxed_for_size(self.ctx, id, &m.name);
                        let (body, ty) = self.lift(&m.target)?;
                        let value = match (boxed, body) {
                            (false, None) => quote!(Some(x)),
                            (true, None) => quote!(Some(&**x)),
                            (false, Some(body)) => body,
                            (true, Some(body)) => quote!(#get(Some(&**x), |x| #body)),
                        };
                        Ok(Compiled { code: quote!(#get(#code, |v| match v { #ty_path::#variant(x) => #value, _ => None })), ty })
                    }
                    _ => Err(format!("a field of `{}`", id.name())),
                }
            }
            Ty::Null => Ok(cur.clone()),
            other => Err(format!("field `{name}` of {}", other.name())),
        }
    }

    /// How a value of shape `target` at `x: &T` becomes a JMESPath value: `None` when `x`
    /// already is one (`&T` of a structure or union), else the expression of `x`.
    fn lift(&mut self, target: &ShapeId) -> Res<(Option<TokenStream>, Ty)> {
        let shape = self.ctx.model.expect(target, target).map_err(|e| e.to_string())?;
        Ok(match &shape.kind {
            ShapeKind::Simple(Simple::String) | ShapeKind::Enum(_) => (Some(quote!(Some(x.as_str()))), Ty::Str),
            ShapeKind::Simple(Simple::Boolean) => (Some(quote!(Some(*x))), Ty::Bool),
            ShapeKind::Simple(Simple::Byte | Simple::Short | Simple::Integer | Simple::Float | Simple::Double) => {
                (Some(quote!(Some(f64::from(*x)))), Ty::Num)
            }
            ShapeKind::Simple(Simple::Long) => (Some(quote!(Some(*x as f64))), Ty::Num),
            ShapeKind::Simple(Simple::Timestamp) => (Some(quote!(Some(x.as_secs_f64()))), Ty::Num),
            ShapeKind::Structure(_) | ShapeKind::Union(_) => (None, Ty::Obj { id: target.clone(), input: false }),
            ShapeKind::List(item) | ShapeKind::Map { value: item, .. } => {
                let sparse = shape.traits.is_sparse();
                let (body, ty) = self.lift(&item.target)?;
                let get = self.jp("get");
                let each = match (sparse, body) {
                    (false, None) => quote!(Some),
                    (true, None) => quote!(Option::as_ref),
                    (false, Some(body)) => quote!(|x| #body),
                    (true, Some(body)) => quote!(|x| #get(x.as_ref(), |x| #body)),
                };
                if matches!(shape.kind, ShapeKind::List(_)) {
                    let list = self.jp("list");
                    (Some(quote!(#list(x, #each))), Ty::List(Box::new(ty)))
                } else {
                    let map = self.jp("map");
                    (Some(quote!(#map(x, #each))), Ty::Map(Box::new(ty)))
                }
            }
            other => return Err(format!("a {} in an expression is not supported", other.type_name())),
        })
    }

    fn compare(&mut self, op: Comparator, a: Compiled, b: Compiled) -> Res<Compiled> {
        let (ac, bc) = (&a.code, &b.code);
        let code = match op {
            Comparator::Eq | Comparator::Ne => {
                let comparable = matches!(a.ty, Ty::Str | Ty::Num | Ty::Bool | Ty::Null) && (a.ty == b.ty || a.ty == Ty::Null || b.ty == Ty::Null);
                if !comparable {
                    return Err(format!("comparing {} with {}", a.ty.name(), b.ty.name()));
                }
                let equal = self.jp("equal");
                if op == Comparator::Eq { quote!(#equal(#ac, #bc)) } else { quote!(#equal(#ac, #bc).map(|same| !same)) }
            }
            _ => {
                if a.ty != Ty::Num || b.ty != Ty::Num {
                    return Err(format!("ordering {} and {} (only numbers are ordered)", a.ty.name(), b.ty.name()));
                }
                let holds = match op {
                    Comparator::Lt => quote!(|a, b| a < b),
                    Comparator::Le => quote!(|a, b| a <= b),
                    Comparator::Gt => quote!(|a, b| a > b),
                    _ => quote!(|a, b| a >= b),
                };
                let order = self.jp("order");
                quote!(#order(#ac, #bc, #holds))
            }
        };
        Ok(Compiled { code, ty: Ty::Bool })
    }

    fn function(&mut self, name: &str, args: &[Ast], cur: &Compiled) -> Res<Compiled> {
        if args.len() > 1 {
            self.reused(cur)?;
        }
        let args = args.iter().map(|a| self.value(a, cur)).collect::<Res<Vec<_>>>()?;
        let codes: Vec<&TokenStream> = args.iter().map(|a| &a.code).collect();
        let tys: Vec<&Ty> = args.iter().map(|a| &a.ty).collect();
        let (f, ty) = match (name, tys.as_slice()) {
            ("length", [Ty::Str]) => ("length_str", Ty::Num),
            ("length", [Ty::List(_) | Ty::Map(_)]) => ("length", Ty::Num),
            ("keys", [Ty::Map(_)]) => ("keys", Ty::List(Box::new(Ty::Str))),
            ("values", [Ty::Map(t)]) => ("values", Ty::List(t.clone())),
            ("contains", [Ty::List(t), v]) if **t == **v && t.is_copy() => ("contains", Ty::Bool),
            _ => {
                let given: Vec<String> = tys.iter().map(|t| t.name()).collect();
                return Err(format!("function `{name}` of {} is not supported", given.join(", ")));
            }
        };
        let f = self.jp(f);
        Ok(Compiled { code: quote!(#f(#(#codes),*)), ty })
    }
}

/// The type shared by the items of a multi-select list (nulls aside).
fn common_type(items: &[Compiled]) -> Res<Ty> {
    let mut types = items.iter().map(|c| &c.ty).filter(|t| **t != Ty::Null);
    let first = types.next().cloned().unwrap_or(Ty::Null);
    match types.find(|t| **t != first) {
        Some(other) => Err(format!("a multi-select list of {} and {}", first.name(), other.name())),
        None => Ok(first),
    }
}

fn literal(v: &Value) -> Res<Compiled> {
    Ok(match v {
        Value::String(s) => Compiled { code: quote!(Some(#s)), ty: Ty::Str },
        Value::Bool(b) => Compiled { code: quote!(Some(#b)), ty: Ty::Bool },
        Value::Number(n) => {
            let f = Literal::f64_unsuffixed(n.as_f64().ok_or("a number literal out of range")?);
            Compiled { code: quote!(Some(#f)), ty: Ty::Num }
        }
        Value::Null => Compiled { code: quote!(None), ty: Ty::Null },
        other => return Err(format!("literal {other} (only strings, numbers, booleans and null)")),
    })
}

/// The `bool` expression of a waiter's `PathMatcher`: the compiled path compared with
/// `expected` by `comparator`.
pub fn matches(compiler: &mut Compiler<'_, '_>, path: &str, expected: &str, comparator: &str) -> Res<TokenStream> {
    let v = compiler.compile(path)?;
    let code = &v.code;
    let string_list = Ty::List(Box::new(Ty::Str));
    Ok(match (comparator, &v.ty) {
        ("stringEquals", Ty::Str) => quote!(#code == Some(#expected)),
        ("booleanEquals", Ty::Bool) => {
            let b: bool = expected.parse().map_err(|_| format!("booleanEquals expects `true` or `false`, not `{expected}`"))?;
            quote!(#code == Some(#b))
        }
        ("allStringEquals", t) if *t == string_list => {
            let f = compiler.jp("all_equal");
            quote!(#f(#code, #expected))
        }
        ("anyStringEquals", t) if *t == string_list => {
            let f = compiler.jp("any_equal");
            quote!(#f(#code, #expected))
        }
        (comparator, ty) => return Err(format!("comparator `{comparator}` on `{path}`, which is {}", ty.name())),
    })
}
