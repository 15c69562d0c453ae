//! The model's HTML documentation → rustdoc Markdown.
//!
//! The HTML is parsed by `scraper` (html5ever, a spec-compliant HTML5 parser), so broken
//! or unusual markup is handled the way a browser would. The output is built so that
//! rustdoc has nothing to warn about: text is escaped (no accidental links, emphasis or
//! HTML tags), bare URLs are wrapped in `<...>`, code blocks are marked `text` so they
//! never become doctests, and nothing is indented into an accidental code block.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Resolves `<a>Name</a>` (a link without `href`) to an intra-doc link path, such as
/// `crate::Client::create_token`, when `Name` is something the crate defines.
pub trait LinkResolver {
    /// The Rust path for a name, if there is one.
    fn resolve(&self, name: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> LinkResolver for F {
    fn resolve(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Converts model documentation (HTML, or plain text) to Markdown lines for `///` comments.
pub fn to_markdown(html: &str, links: &dyn LinkResolver) -> String {
    let fragment = Html::parse_fragment(html);
    let blocks = Converter { links }.blocks(*fragment.root_element());
    let mut out = String::new();
    write_blocks(&blocks, "", &mut out);
    out.trim_end().to_owned()
}

#[derive(Debug)]
enum Block {
    Paragraph(String),
    List { ordered: bool, items: Vec<Vec<Block>> },
    Code(String),
    Quote(Vec<Block>),
}

struct Converter<'a> {
    links: &'a dyn LinkResolver,
}

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "ul"
            | "ol"
            | "li"
            | "pre"
            | "programlisting"
            | "codeblock"
            | "note"
            | "important"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "table"
            | "tr"
    )
}

impl Converter<'_> {
    /// The blocks made by a node's children: runs of inline content become paragraphs.
    fn blocks(&self, parent: NodeRef<'_, Node>) -> Vec<Block> {
        let mut out = Vec::new();
        let mut para = String::new();
        for child in parent.children() {
            let Some(name) = element_name(&child) else {
                para.push_str(&self.inline(child));
                continue;
            };
            if !is_block(name) {
                if name == "br" {
                    flush(&mut para, &mut out);
                } else {
                    para.push_str(&self.inline(child));
                }
                continue;
            }
            flush(&mut para, &mut out);
            match name {
                "ul" | "ol" => {
                    let items: Vec<Vec<Block>> = child
                        .children()
                        .filter(|c| element_name(c).is_some() || !text_of(*c).trim().is_empty())
                        .map(|li| if element_name(&li) == Some("li") { self.blocks(li) } else { self.blocks_of_one(li) })
                        .filter(|b| !b.is_empty())
                        .collect();
                    if !items.is_empty() {
                        out.push(Block::List { ordered: name == "ol", items });
                    }
                }
                "pre" | "programlisting" | "codeblock" => {
                    let code = text_of(child);
                    if !code.trim().is_empty() {
                        out.push(Block::Code(code.trim_matches('\n').to_owned()));
                    }
                }
                "note" | "important" => {
                    let mut inner = self.blocks(child);
                    let label = if name == "note" { "**Note:**" } else { "**Important:**" };
                    match inner.first_mut() {
                        Some(Block::Paragraph(p)) => *p = format!("{label} {p}"),
                        _ => inner.insert(0, Block::Paragraph(label.to_owned())),
                    }
                    out.push(Block::Quote(inner));
                }
                "blockquote" => out.push(Block::Quote(self.blocks(child))),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" => {
                    let text = collapse(&self.inline_children(child));
                    if !text.is_empty() {
                        out.push(Block::Paragraph(format!("**{text}**")));
                    }
                }
                _ => out.extend(self.blocks(child)),
            }
        }
        flush(&mut para, &mut out);
        out
    }

    fn blocks_of_one(&self, node: NodeRef<'_, Node>) -> Vec<Block> {
        let text = collapse(&self.inline(node));
        if text.is_empty() { Vec::new() } else { vec![Block::Paragraph(text)] }
    }

    fn inline_children(&self, node: NodeRef<'_, Node>) -> String {
        node.children().map(|c| self.inline(c)).collect()
    }

    /// Inline Markdown for a node (block children are flattened into the text).
    fn inline(&self, node: NodeRef<'_, Node>) -> String {
        match node.value() {
            Node::Text(t) => escape_text(&t.text),
            Node::Element(e) => match e.name() {
                "code" | "tt" | "varname" | "filename" | "replaceable" => code_span(&text_of(node)),
                "b" | "strong" => emphasis(&self.inline_children(node), "**"),
                "i" | "em" => emphasis(&self.inline_children(node), "*"),
                "a" => self.link(node, e.attr("href")),
                "br" => " ".to_owned(),
                "fullname" => String::new(),
                _ => self.inline_children(node),
            },
            _ => String::new(),
        }
    }

    fn link(&self, node: NodeRef<'_, Node>, href: Option<&str>) -> String {
        let text = collapse(&self.inline_children(node));
        match href.map(str::trim) {
            Some(href) if href.starts_with("http://") || href.starts_with("https://") => {
                let plain = collapse(&text_of(node));
                if text.is_empty() || plain == href {
                    format!("<{}>", href.replace(' ', "%20"))
                } else {
                    format!("[{text}](<{}>)", href.replace(' ', "%20"))
                }
            }
            Some(_) => text,
            None => {
                let name = collapse(&text_of(node));
                match self.links.resolve(&name) {
                    Some(path) => format!("[`{name}`]({path})"),
                    None => text,
                }
            }
        }
    }
}

fn flush(para: &mut String, out: &mut Vec<Block>) {
    let text = collapse(para);
    if !text.is_empty() {
        out.push(Block::Paragraph(text));
    }
    para.clear();
}

/// All text under a node, unescaped (for code).
fn text_of(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(&*t.text),
            _ => None,
        })
        .collect()
}

/// HTML whitespace rules: any run of whitespace is one space; ends trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn code_span(code: &str) -> String {
    let code = collapse(code);
    if code.is_empty() {
        String::new()
    } else if code.contains('`') {
        format!("`` {code} ``")
    } else {
        format!("`{code}`")
    }
}

/// `**x**` around trimmed content, keeping the outer spaces outside the markers
/// (Markdown does not emphasize `** x **`).
fn emphasis(inner: &str, marker: &str) -> String {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return inner.to_owned();
    }
    let lead = if inner.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if inner.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{lead}{marker}{trimmed}{marker}{trail}")
}

/// Escapes text so Markdown and rustdoc read it literally; wraps bare URLs in `<...>`.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if word_start && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '"', '\'']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            word_start = false;
            continue;
        }
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' if word_start || rest[1..].starts_with(|n: char| !n.is_alphanumeric()) => out.push_str("\\_"),
            _ => out.push(c),
        }
        word_start = c.is_whitespace() || c == '(';
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn write_blocks(blocks: &[Block], indent: &str, out: &mut String) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Paragraph(text) => {
                // A paragraph must not start like a list item, heading or quote.
                let text = match text.as_bytes() {
                    [b'-' | b'+' | b'=', ..] => format!("\\{text}"),
                    [d, ..] if d.is_ascii_digit() && text.split_once(". ").is_some_and(|(n, _)| n.bytes().all(|b| b.is_ascii_digit())) => {
                        text.replacen(". ", "\\. ", 1)
                    }
                    _ => text.clone(),
                };
                out.push_str(indent);
                out.push_str(&text);
                out.push('\n');
            }
            Block::Code(code) => {
                out.push_str(&format!("{indent}```text\n"));
                for line in code.lines() {
                    out.push_str(indent);
                    out.push_str(line);
                    out.push('\n');
                }
                out.push_str(&format!("{indent}```\n"));
            }
            Block::Quote(inner) => {
                let mut text = String::new();
                write_blocks(inner, "", &mut text);
                for line in text.lines() {
                    out.push_str(indent);
                    out.push('>');
                    if !line.is_empty() {
                        out.push(' ');
                        out.push_str(line);
                    }
                    out.push('\n');
                }
            }
            Block::List { ordered, items } => {
                for (n, item) in items.iter().enumerate() {
                    let marker = if *ordered { format!("{}. ", n + 1) } else { "- ".to_owned() };
                    let mut text = String::new();
                    write_blocks(item, "", &mut text);
                    let pad = " ".repeat(marker.len());
                    for (k, line) in text.lines().enumerate() {
                        if k == 0 {
                            out.push_str(&format!("{indent}{marker}{line}\n"));
                        } else if line.is_empty() {
                            out.push('\n');
                        } else {
                            out.push_str(&format!("{indent}{pad}{line}\n"));
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::to_markdown;

    fn md(html: &str) -> String {
        let links = |name: &str| (name == "RegisterClient").then(|| "crate::Client::register_client".to_owned());
        to_markdown(html, &links)
    }

    #[test]
    fn html_to_markdown_table() {
        let table: &[(&str, &str)] = &[
            ("<p>Hello\n   world.</p>", "Hello world."),
            ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
            ("plain text", "plain text"),
            ("<p>Use <code>sso-oauth</code> now</p>", "Use `sso-oauth` now"),
            ("<p>a <b>bold</b> and <i>it</i></p>", "a **bold** and *it*"),
            ("<p><b> API namespaces </b></p>", "**API namespaces**"),
            ("<p>See <a href=\"https://x.example/a\">the guide</a>.</p>", "See [the guide](<https://x.example/a>)."),
            (
                "<p><a href=\"https://tools.ietf.org/html/rfc8628\">https://tools.ietf.org/html/rfc8628</a></p>",
                "<https://tools.ietf.org/html/rfc8628>",
            ),
            ("<p>From the <a>RegisterClient</a> API.</p>", "From the [`RegisterClient`](crate::Client::register_client) API."),
            ("<p>From <a>Unknown</a>.</p>", "From Unknown."),
            ("<ul><li><p>one</p></li><li>two</li></ul>", "- one\n- two"),
            ("<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>", "1. a\n2. b\n\n   - c"),
            ("<p>* Device Code - <code>urn:x</code></p>", "\\* Device Code - `urn:x`"),
            ("<p>list[0] &lt;b&gt; a_b _c</p>", "list\\[0\\] \\<b\\> a_b \\_c"),
            ("<p>visit https://example.com/x. now</p>", "visit <https://example.com/x>. now"),
            ("<note><p>Signed.</p></note>", "> **Note:** Signed."),
            ("<pre>let x = 1;\n  y</pre>", "```text\nlet x = 1;\n  y\n```"),
            ("<p>- not a list</p>", "\\- not a list"),
            ("<p>1. not a list</p>", "1\\. not a list"),
            ("<fullname>Service</fullname><p>Text</p>", "Text"),
            ("<p>unclosed <b>tag", "unclosed **tag**"),
            ("", ""),
        ];
        for (html, expected) in table {
            assert_eq!(md(html), *expected, "for {html:?}");
        }
    }
}
