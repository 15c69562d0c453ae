//! `substring` of the rules standard library.

/// Characters `start..end` of an ASCII string (counted from the end with `reverse`);
/// `None` for non-ASCII input or when the string is too short.
pub fn substring(value: &str, start: usize, end: usize, reverse: bool) -> Option<&str> {
    if start >= end || value.len() < end || !value.is_ascii() {
        return None;
    }
    let len = value.len();
    Some(if reverse { &value[len - end..len - start] } else { &value[start..end] })
}

#[cfg(test)]
mod tests {
    use super::substring;

    #[test]
    fn cases() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("aé", 0, 1, false), None);
    }
}
