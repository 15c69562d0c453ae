//! JMESPath text → [`Ast`]: a lexer and a Pratt parser with the binding powers of the
//! JMESPath grammar, so projections stop where the specification says they do.

use serde_json::Value;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// `@`: the current value.
    Current,
    /// A field of the current object.
    Field(String),
    /// `[n]` of the current array (negative from the end).
    Index(i64),
    /// `lhs.rhs`, and `lhs | rhs`: `rhs` evaluated on the value of `lhs`.
    Sub(Box<Ast>, Box<Ast>),
    /// `rhs` on each element of the array `lhs`, dropping nulls.
    Projection(Box<Ast>, Box<Ast>),
    /// `lhs[]`: the array `lhs` with its array elements spliced in.
    Flatten(Box<Ast>),
    /// `lhs[?condition]`, then `rhs` on each element kept.
    Filter { list: Box<Ast>, condition: Box<Ast>, then: Box<Ast> },
    /// `*` on an object: its values, projected.
    ObjectValues(Box<Ast>),
    /// `[a, b]`.
    MultiList(Vec<Ast>),
    /// `{k: a}`.
    MultiHash(Vec<(String, Ast)>),
    /// A JSON literal (`` `0` ``) or a raw string (`'text'`).
    Literal(Value),
    /// A comparison.
    Compare(Comparator, Box<Ast>, Box<Ast>),
    /// `a && b`.
    And(Box<Ast>, Box<Ast>),
    /// `a || b`.
    Or(Box<Ast>, Box<Ast>),
    /// `!a`.
    Not(Box<Ast>),
    /// `name(args)`.
    Function(String, Vec<Ast>),
    /// `&expr`.
    ExpressionRef(Box<Ast>),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    Quoted(String),
    Literal(Value),
    Number(i64),
    Dot,
    Star,
    Flatten,
    Filter,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    LParen,
    RParen,
    Comma,
    Colon,
    Pipe,
    Or,
    And,
    Not,
    Ampersand,
    At,
    Compare(Comparator),
    Eof,
}

impl Token {
    /// Left binding power (from the JMESPath reference parser).
    fn lbp(&self) -> u8 {
        match self {
            Token::Pipe => 1,
            Token::Or => 2,
            Token::And => 3,
            Token::Compare(_) => 5,
            Token::Flatten => 9,
            Token::Star => 20,
            Token::Filter => 21,
            Token::Dot => 40,
            Token::Not => 45,
            Token::LBrace => 50,
            Token::LBracket => 55,
            Token::LParen => 60,
            _ => 0,
        }
    }
}

fn lex(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    // Text up to the closing `end`, with `\` escaping it.
    let delimited = |i: &mut usize, end: char| -> Result<String, String> {
        let mut out = String::new();
        *i += 1;
        while *i < chars.len() {
            match chars[*i] {
                '\\' if chars.get(*i + 1) == Some(&end) => {
                    out.push(end);
                    *i += 2;
                }
                c if c == end => {
                    *i += 1;
                    return Ok(out);
                }
                c => {
                    out.push(c);
                    *i += 1;
                }
            }
        }
        Err(format!("unclosed {end}"))
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (token, width) = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            'a'..='z' | 'A'..='Z' | '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push(Token::Identifier(chars[start..i].iter().collect()));
                continue;
            }
            '0'..='9' | '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                tokens.push(Token::Number(text.parse().map_err(|_| format!("bad number `{text}`"))?));
                continue;
            }
            '"' => {
                let text = delimited(&mut i, '"')?;
                let parsed: String = serde_json::from_str(&format!("\"{text}\"")).map_err(|e| format!("bad quoted identifier: {e}"))?;
                tokens.push(Token::Quoted(parsed));
                continue;
            }
            '\'' => {
                tokens.push(Token::Literal(Value::String(delimited(&mut i, '\'')?)));
                continue;
            }
            '`' => {
                let text = delimited(&mut i, '`')?;
                tokens.push(Token::Literal(serde_json::from_str(text.trim()).map_err(|e| format!("bad literal `{text}`: {e}"))?));
                continue;
            }
            '.' => (Token::Dot, 1),
            '*' => (Token::Star, 1),
            '[' if next == Some(']') => (Token::Flatten, 2),
            '[' if next == Some('?') => (Token::Filter, 2),
            '[' => (Token::LBracket, 1),
            ']' => (Token::RBracket, 1),
            '{' => (Token::LBrace, 1),
            '}' => (Token::RBrace, 1),
            '(' => (Token::LParen, 1),
            ')' => (Token::RParen, 1),
            ',' => (Token::Comma, 1),
            ':' => (Token::Colon, 1),
            '@' => (Token::At, 1),
            '|' if next == Some('|') => (Token::Or, 2),
            '|' => (Token::Pipe, 1),
            '&' if next == Some('&') => (Token::And, 2),
            '&' => (Token::Ampersand, 1),
            '!' if next == Some('=') => (Token::Compare(Comparator::Ne), 2),
            '!' => (Token::Not, 1),
            '=' if next == Some('=') => (Token::Compare(Comparator::Eq), 2),
            '<' if next == Some('=') => (Token::Compare(Comparator::Le), 2),
            '<' => (Token::Compare(Comparator::Lt), 1),
            '>' if next == Some('=') => (Token::Compare(Comparator::Ge), 2),
            '>' => (Token::Compare(Comparator::Gt), 1),
            other => return Err(format!("unexpected character `{other}`")),
        };
        tokens.push(token);
        i += width;
    }
    tokens.push(Token::Eof);
    Ok(tokens)
}

/// Parses a JMESPath expression; the error says what is wrong where.
pub fn parse(text: &str) -> Result<Ast, String> {
    let mut parser = Parser { tokens: lex(text)?, pos: 0 };
    let ast = parser.expression(0)?;
    match parser.peek() {
        Token::Eof => Ok(ast),
        other => Err(format!("unexpected {other:?} after the expression")),
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens.get(self.pos).unwrap_or(&Token::Eof)
    }

    fn next(&mut self) -> Token {
        let token = self.peek().clone();
        self.pos += 1;
        token
    }

    fn expect(&mut self, wanted: Token) -> Result<(), String> {
        match self.next() {
            t if t == wanted => Ok(()),
            other => Err(format!("expected {wanted:?}, found {other:?}")),
        }
    }

    fn expression(&mut self, rbp: u8) -> Result<Ast, String> {
        let token = self.next();
        let mut left = self.nud(token)?;
        while rbp < self.peek().lbp() {
            let token = self.next();
            left = self.led(token, left)?;
        }
        Ok(left)
    }

    fn nud(&mut self, token: Token) -> Result<Ast, String> {
        Ok(match token {
            Token::At => Ast::Current,
            Token::Identifier(name) if *self.peek() == Token::LParen => {
                self.next();
                let mut args = Vec::new();
                while *self.peek() != Token::RParen {
                    args.push(self.expression(0)?);
                    if *self.peek() == Token::Comma {
                        self.next();
                    }
                }
                self.next();
                Ast::Function(name, args)
            }
            Token::Identifier(name) | Token::Quoted(name) => Ast::Field(name),
            Token::Literal(v) => Ast::Literal(v),
            Token::Not => Ast::Not(Box::new(self.expression(Token::Not.lbp())?)),
            Token::Ampersand => Ast::ExpressionRef(Box::new(self.expression(0)?)),
            Token::LParen => {
                let inner = self.expression(0)?;
                self.expect(Token::RParen)?;
                inner
            }
            Token::Star => Ast::ObjectValues(Box::new(self.projection_rhs(Token::Star.lbp())?)),
            Token::Flatten => {
                let rhs = self.projection_rhs(Token::Flatten.lbp())?;
                Ast::Projection(Box::new(Ast::Flatten(Box::new(Ast::Current))), Box::new(rhs))
            }
            Token::Filter => self.filter(Ast::Current)?,
            Token::LBracket => match self.peek().clone() {
                Token::Number(n) => {
                    self.next();
                    self.expect(Token::RBracket)?;
                    Ast::Index(n)
                }
                Token::Star if self.tokens.get(self.pos + 1) == Some(&Token::RBracket) => {
                    self.pos += 2;
                    Ast::Projection(Box::new(Ast::Current), Box::new(self.projection_rhs(Token::Star.lbp())?))
                }
                _ => self.multi_list()?,
            },
            Token::LBrace => {
                let mut pairs = Vec::new();
                loop {
                    let key = match self.next() {
                        Token::Identifier(k) | Token::Quoted(k) => k,
                        other => return Err(format!("expected a key, found {other:?}")),
                    };
                    self.expect(Token::Colon)?;
                    pairs.push((key, self.expression(0)?));
                    match self.next() {
                        Token::Comma => continue,
                        Token::RBrace => break,
                        other => return Err(format!("expected `,` or `}}`, found {other:?}")),
                    }
                }
                Ast::MultiHash(pairs)
            }
            other => return Err(format!("unexpected {other:?}")),
        })
    }

    fn led(&mut self, token: Token, left: Ast) -> Result<Ast, String> {
        let lbp = token.lbp();
        Ok(match token {
            Token::Dot => {
                let rhs = self.dot_rhs(lbp)?;
                Ast::Sub(Box::new(left), Box::new(rhs))
            }
            Token::Pipe => Ast::Sub(Box::new(left), Box::new(self.expression(lbp)?)),
            Token::Or => Ast::Or(Box::new(left), Box::new(self.expression(lbp)?)),
            Token::And => Ast::And(Box::new(left), Box::new(self.expression(lbp)?)),
            Token::Compare(op) => Ast::Compare(op, Box::new(left), Box::new(self.expression(lbp)?)),
            Token::Flatten => {
                let rhs = self.projection_rhs(lbp)?;
                Ast::Projection(Box::new(Ast::Flatten(Box::new(left))), Box::new(rhs))
            }
            Token::Filter => self.filter(left)?,
            Token::LBracket => match self.next() {
                Token::Number(n) => {
                    self.expect(Token::RBracket)?;
                    Ast::Sub(Box::new(left), Box::new(Ast::Index(n)))
                }
                Token::Star => {
                    self.expect(Token::RBracket)?;
                    Ast::Projection(Box::new(left), Box::new(self.projection_rhs(Token::Star.lbp())?))
                }
                other => return Err(format!("unexpected {other:?} after `[`")),
            },
            other => return Err(format!("unexpected {other:?}")),
        })
    }

    /// `[?condition]` (the `[?` read) on `list`, and what is projected after it.
    fn filter(&mut self, list: Ast) -> Result<Ast, String> {
        let condition = self.expression(0)?;
        self.expect(Token::RBracket)?;
        let then = self.projection_rhs(Token::Filter.lbp())?;
        Ok(Ast::Filter { list: Box::new(list), condition: Box::new(condition), then: Box::new(then) })
    }

    /// The rest of a projection: what applies to each element.
    fn projection_rhs(&mut self, rbp: u8) -> Result<Ast, String> {
        match self.peek() {
            t if t.lbp() < 10 => Ok(Ast::Current),
            Token::LBracket | Token::Filter => self.expression(rbp),
            Token::Dot => {
                self.next();
                self.dot_rhs(rbp)
            }
            other => Err(format!("unexpected {other:?} in a projection")),
        }
    }

    /// What follows a `.`: a field, a function, `*`, or a multi-select.
    fn dot_rhs(&mut self, rbp: u8) -> Result<Ast, String> {
        match self.peek() {
            Token::LBracket => {
                self.next();
                self.multi_list()
            }
            _ => self.expression(rbp),
        }
    }

    /// `[a, b]`, the `[` read.
    fn multi_list(&mut self) -> Result<Ast, String> {
        let mut items = Vec::new();
        loop {
            items.push(self.expression(0)?);
            match self.next() {
                Token::Comma => continue,
                Token::RBracket => break,
                other => return Err(format!("expected `,` or `]`, found {other:?}")),
            }
        }
        Ok(Ast::MultiList(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Box<Ast> {
        Box::new(Ast::Field(name.into()))
    }

    #[test]
    fn parses_the_expressions_of_aws_models() {
        use Ast::*;
        let table: Vec<(&str, Ast)> = vec![
            ("status", Field("status".into())),
            ("Table.TableStatus", Sub(field("Table"), field("TableStatus"))),
            (
                "KinesisDataStreamDestinations[].DestinationStatus",
                Projection(Box::new(Flatten(field("KinesisDataStreamDestinations"))), field("DestinationStatus")),
            ),
            ("TransactItems[*].Get.TableName", Projection(field("TransactItems"), Box::new(Sub(field("Get"), field("TableName"))))),
            (
                "TransactItems[*].[ConditionCheck.TableName, Put.TableName][]",
                Projection(
                    Box::new(Flatten(Box::new(Projection(
                        field("TransactItems"),
                        Box::new(MultiList(vec![Sub(field("ConditionCheck"), field("TableName")), Sub(field("Put"), field("TableName"))])),
                    )))),
                    Box::new(Current),
                ),
            ),
            ("keys(RequestItems)", Function("keys".into(), vec![Field("RequestItems".into())])),
            (
                "status != 'DELETING' && status != 'CANCELLED'",
                And(
                    Box::new(Compare(Comparator::Ne, field("status"), Box::new(Literal(Value::String("DELETING".into()))))),
                    Box::new(Compare(Comparator::Ne, field("status"), Box::new(Literal(Value::String("CANCELLED".into()))))),
                ),
            ),
            (
                "length(items[?s == 'A' || s == 'B']) == length(items)",
                Compare(
                    Comparator::Eq,
                    Box::new(Function(
                        "length".into(),
                        vec![Filter {
                            list: field("items"),
                            condition: Box::new(Or(
                                Box::new(Compare(Comparator::Eq, field("s"), Box::new(Literal(Value::String("A".into()))))),
                                Box::new(Compare(Comparator::Eq, field("s"), Box::new(Literal(Value::String("B".into()))))),
                            )),
                            then: Box::new(Current),
                        }],
                    )),
                    Box::new(Function("length".into(), vec![Field("items".into())])),
                ),
            ),
            (
                "length(a) > `0`",
                Compare(Comparator::Gt, Box::new(Function("length".into(), vec![Field("a".into())])), Box::new(Literal(Value::from(0)))),
            ),
            ("a[0].b", Sub(Box::new(Sub(field("a"), Box::new(Index(0)))), field("b"))),
            ("a[-1]", Sub(field("a"), Box::new(Index(-1)))),
            ("\"quoted name\".x", Sub(field("quoted name"), field("x"))),
            ("!done", Not(field("done"))),
            ("a | b", Sub(field("a"), field("b"))),
            ("a[*].b[*].c", Projection(field("a"), Box::new(Projection(field("b"), field("c"))))),
        ];
        for (text, expected) in table {
            assert_eq!(parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn malformed_expressions_are_errors() {
        for text in ["", "a.", "a[", "'open", "`{`", "a ==", "[a, b", "foo(", "a $ b", "{a: b", "a]"] {
            assert!(parse(text).is_err(), "{text} should not parse: {:?}", parse(text));
        }
    }
}
