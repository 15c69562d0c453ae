//! `split` of the rules standard library.

/// Splits on `delimiter`: all occurrences with `limit` 0, else into at most `limit` parts.
pub fn split<'a>(value: &'a str, delimiter: &str, limit: usize) -> Vec<&'a str> {
    if limit == 0 { value.split(delimiter).collect() } else { value.splitn(limit, delimiter).collect() }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn spec_examples() {
        let cases: &[(&str, &str, usize, &[&str])] = &[
            ("a--b--c", "--", 0, &["a", "b", "c"]),
            ("a--b--c", "--", 2, &["a", "b--c"]),
            ("a--b--c", "--", 1, &["a--b--c"]),
            ("", "--", 0, &[""]),
            ("--", "--", 0, &["", ""]),
            ("----", "--", 0, &["", "", ""]),
            ("--b--", "--", 0, &["", "b", ""]),
            ("--x-s3--azid--suffix", "--", 0, &["", "x-s3", "azid", "suffix"]),
            ("--x-s3--azid--suffix", "--", 2, &["", "x-s3--azid--suffix"]),
            ("abc", "x", 0, &["abc"]),
            ("mybucket", "--", 1, &["mybucket"]),
        ];
        for (value, delimiter, limit, expected) in cases {
            assert_eq!(split(value, delimiter, *limit), *expected, "{value:?} {limit}");
        }
    }
}
