//! `parseURL` of the rules standard library.

/// The parts of a URL, as `parseURL` returns them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url<'a> {
    /// `http` or `https`.
    pub scheme: &'a str,
    /// Host and port as written (without user information).
    pub authority: &'a str,
    /// The path as written: empty when the URL has none.
    pub path: &'a str,
    /// The path, starting and ending with `/`.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

/// Parses an http(s) URL; `None` when it is not one, or when it has a query.
///
/// `path` is the path exactly as written (empty for `https://example.com`), as the
/// reference implementations return it; the spec's example table shows `/` there, which
/// `normalized_path` gives.
pub fn parse_url(value: &str) -> Option<Url<'_>> {
    // The `url` crate (through reqwest) decides validity; the parts are read from the
    // text itself, since `url` normalizes them (it drops default ports, for example).
    let parsed = reqwest::Url::parse(value).ok()?;
    if parsed.query().is_some() || !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?;
    let (scheme, rest) = value.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = rest[..end].rsplit_once('@').map_or(&rest[..end], |(_, a)| a);
    let path = &rest[end..];
    let path = &path[..path.find('#').unwrap_or(path.len())];
    let normalized_path = match (path.starts_with('/'), path.ends_with('/')) {
        (true, true) => path.to_owned(),
        (true, false) => format!("{path}/"),
        (false, _) if path.is_empty() => String::from("/"),
        (false, true) => format!("/{path}"),
        (false, false) => format!("/{path}/"),
    };
    let is_ip = host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok();
    Some(Url { scheme, authority, path, normalized_path, is_ip })
}

#[cfg(test)]
mod tests {
    use super::parse_url;

    #[test]
    fn spec_examples() {
        let u = parse_url("https://example.com").unwrap();
        assert_eq!((u.scheme, u.authority, u.path, u.normalized_path.as_str(), u.is_ip), ("https", "example.com", "", "/", false));
        assert!(parse_url("https://example.com:8443?foo=bar&faz=baz").is_none());
        let u = parse_url("http://example.com:80/foo/bar").unwrap();
        assert_eq!((u.scheme, u.authority, u.path, u.normalized_path.as_str(), u.is_ip), ("http", "example.com:80", "/foo/bar", "/foo/bar/", false));
        let u = parse_url("https://127.0.0.1").unwrap();
        assert_eq!((u.authority, u.is_ip), ("127.0.0.1", true));
        let u = parse_url("https://[fe80::1]").unwrap();
        assert_eq!((u.authority, u.is_ip), ("[fe80::1]", true));
        assert!(parse_url("not a url").is_none());
        assert!(parse_url("ftp://example.com").is_none());
        assert_eq!(parse_url("https://user@example.com/a/").unwrap().authority, "example.com");
    }
}
