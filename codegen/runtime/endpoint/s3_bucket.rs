//! `aws.isVirtualHostableS3Bucket` of the AWS rules library.

use super::is_valid_host_label;

/// Whether `value` can be the host label of a virtual-hosted S3 bucket: a valid host
/// label, 3 to 63 lowercase letters, digits, hyphens (and dots, with `allow_subdomains`),
/// starting and ending with a letter or digit, not shaped like an IPv4 address, and
/// without `.-` or `-.`.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    if !is_valid_host_label(value, allow_subdomains) {
        return false;
    }
    if allow_subdomains { value.split('.').all(is_hostable_segment) } else { is_hostable_segment(value) }
}

fn is_hostable_segment(segment: &str) -> bool {
    let b = segment.as_bytes();
    let edge = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let ipv4 = segment.split('.').count() == 4 && segment.split('.').all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    (3..=63).contains(&b.len())
        && edge(b[0])
        && edge(b[b.len() - 1])
        && b.iter().all(|&c| edge(c) || c == b'-' || c == b'.')
        && !ipv4
        && !segment.contains(".-")
        && !segment.contains("-.")
}

#[cfg(test)]
mod tests {
    use super::is_virtual_hostable_s3_bucket;

    #[test]
    fn buckets() {
        for (value, sub, expected) in [
            ("bucket-name", false, true),
            ("ab", false, false),
            ("Bucket", false, false),
            ("bucket.name", false, false),
            ("bucket.name", true, true),
            ("-bucket", false, false),
            ("bucket-", false, false),
            ("99a", false, true),
        ] {
            assert_eq!(is_virtual_hostable_s3_bucket(value, sub), expected, "{value:?} {sub}");
        }
    }
}
