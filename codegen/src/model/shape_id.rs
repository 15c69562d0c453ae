//! Absolute shape ids: `namespace#Name` and member ids `namespace#Name$member`.

use std::fmt;

/// A validated absolute shape id. Compared, ordered and hashed by its text (so maps
/// keyed by it are deterministic and can be searched with a `&str`).
#[derive(Clone)]
pub struct ShapeId {
    text: String,
    hash: usize,
    dollar: Option<usize>,
}

impl ShapeId {
    /// Parses an absolute shape id, or returns why it is not one.
    pub fn parse(text: &str) -> Result<ShapeId, String> {
        let hash = text.find('#').ok_or_else(|| format!("`{text}` is not an absolute shape id (no `#`)"))?;
        let (namespace, rest) = (&text[..hash], &text[hash + 1..]);
        if namespace.is_empty() || !namespace.split('.').all(is_identifier) {
            return Err(format!("`{text}` has an invalid namespace"));
        }
        let dollar = rest.find('$');
        let (name, member) = match dollar {
            Some(d) => (&rest[..d], Some(&rest[d + 1..])),
            None => (rest, None),
        };
        if !is_identifier(name) || member.is_some_and(|m| !is_identifier(m)) {
            return Err(format!("`{text}` is not a valid shape id"));
        }
        Ok(ShapeId { text: text.to_owned(), hash, dollar: dollar.map(|d| hash + 1 + d) })
    }

    /// The id of a member of this (container) shape.
    pub fn with_member(&self, member: &str) -> ShapeId {
        let root = self.root();
        ShapeId { text: format!("{}${member}", root.text), hash: self.hash, dollar: Some(root.text.len()) }
    }

    /// The namespace, before `#`.
    pub fn namespace(&self) -> &str {
        &self.text[..self.hash]
    }

    /// The shape name, between `#` and `$`.
    pub fn name(&self) -> &str {
        &self.text[self.hash + 1..self.dollar.unwrap_or(self.text.len())]
    }

    /// The member name, after `$`, if this is a member id.
    pub fn member(&self) -> Option<&str> {
        self.dollar.map(|d| &self.text[d + 1..])
    }

    /// The id without any member part.
    pub fn root(&self) -> ShapeId {
        match self.dollar {
            Some(d) => ShapeId { text: self.text[..d].to_owned(), hash: self.hash, dollar: None },
            None => self.clone(),
        }
    }

    /// The whole id as text.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Smithy identifier: `(ALPHA / "_") *(ALPHA / DIGIT / "_")`, with at least one non-underscore.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    (first.is_ascii_alphabetic() || first == '_') && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && s.chars().any(|c| c != '_')
}

impl PartialEq for ShapeId {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for ShapeId {}

impl PartialOrd for ShapeId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShapeId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl std::hash::Hash for ShapeId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state)
    }
}

impl std::ops::Deref for ShapeId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::borrow::Borrow<str> for ShapeId {
    fn borrow(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::ShapeId;

    #[test]
    fn parses_parts() {
        let id = ShapeId::parse("com.example#Foo$bar").unwrap();
        assert_eq!((id.namespace(), id.name(), id.member()), ("com.example", "Foo", Some("bar")));
        assert_eq!(id.root().as_str(), "com.example#Foo");
        let id = ShapeId::parse("smithy.api#String").unwrap();
        assert_eq!((id.namespace(), id.name(), id.member()), ("smithy.api", "String", None));
        assert_eq!(id.with_member("m").as_str(), "smithy.api#String$m");
        assert_eq!(id.with_member("m").member(), Some("m"));
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["Foo", "#Foo", "a..b#Foo", "a#", "a#1Foo", "a#Foo$", "a#Foo$b$c", "a#_", "a b#C"] {
            assert!(ShapeId::parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
