//! Formatting generated code: tokens parsed as a Rust file, printed by prettyplease, and
//! spaced as a person would space them.

use proc_macro2::TokenStream;

use crate::error::{Error, Result};

/// Parses generated tokens as a Rust file and pretty-prints it.
pub fn format_tokens(tokens: TokenStream, file: &str) -> Result<String> {
    let parsed: syn::File = syn::parse2(tokens).map_err(|e| Error::InvalidOutput { file: file.to_owned(), message: e.to_string() })?;
    Ok(space_items(&prettyplease::unparse(&parsed)))
}

/// prettyplease puts items back to back. As a person would, put a blank line between
/// items, after the module docs and inner attributes, and between groups of one-line
/// items (`use`s, `mod`s, associated types), but not inside such a group.
fn space_items(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 8);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        if lines.get(i + 1).is_some_and(|next| blank_between(&lines, i, next)) {
            out.push('\n');
        }
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The kind of a one-line item, for grouping.
fn group(line: &str) -> Option<&'static str> {
    let t = line.trim_start().trim_start_matches("pub(crate) ").trim_start_matches("pub ");
    ["use ", "mod ", "type ", "const "].into_iter().find(|k| t.starts_with(k)).map(str::trim_end)
}

fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    const STARTS: &[&str] =
        &["///", "#[", "pub ", "pub(crate) ", "fn ", "async fn ", "impl", "struct ", "enum ", "mod ", "const ", "type ", "trait ", "use "];
    STARTS.iter().any(|s| t.starts_with(s)) || t.split_once("!(").is_some_and(|(name, _)| name.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

fn blank_between(lines: &[&str], i: usize, next: &str) -> bool {
    let line = lines[i];
    let (this, next_t) = (line.trim(), next.trim_start());
    if this.starts_with("//!") || this.starts_with("#![") {
        return !next_t.starts_with(&this[..3]);
    }
    if this.starts_with("//") || indent(line) != indent(next) || !starts_item(next) {
        return false;
    }
    if this == "}" || this.ends_with("{}") {
        return true;
    }
    if this.ends_with(';') {
        // The statement this line ends starts at the nearest line with the same indent.
        let start = lines[..=i].iter().rev().find(|l| indent(l) == indent(line) && !l.trim_start().starts_with('}'));
        let this_group = start.and_then(|l| group(l));
        return this_group.is_none() || this_group != group(next);
    }
    false
}
