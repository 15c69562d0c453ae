//! `isValidHostLabel` of the rules standard library.

/// Whether `value` is an RFC 1123 host label: 1 to 63 ASCII letters, digits and hyphens,
/// starting with a letter or digit. With `allow_subdomains`, dot-separated labels.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        return value.split('.').all(|label| is_valid_host_label(label, false));
    }
    let bytes = value.as_bytes();
    (1..=63).contains(&bytes.len()) && bytes[0].is_ascii_alphanumeric() && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_valid_host_label;

    #[test]
    fn host_labels() {
        for (value, sub, expected) in [
            ("us-east-1", false, true),
            ("a", false, true),
            ("-a", false, false),
            ("a.b", false, false),
            ("a.b", true, true),
            ("a..b", true, false),
            ("", false, false),
            (&"a".repeat(63), false, true),
            (&"a".repeat(64), false, false),
            ("a_b", false, false),
            ("ünï", false, false),
        ] {
            assert_eq!(is_valid_host_label(value, sub), expected, "{value:?} {sub}");
        }
    }
}
