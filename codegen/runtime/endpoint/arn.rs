//! `aws.parseArn` of the AWS rules library.

/// The parts of an ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    /// The partition (`aws`).
    pub partition: &'a str,
    /// The service namespace.
    pub service: &'a str,
    /// The region (empty for global resources).
    pub region: &'a str,
    /// The account id (empty when not account-based).
    pub account_id: &'a str,
    resource_id: Vec<&'a str>,
}

impl<'a> Arn<'a> {
    /// The resource, split on `:` and `/`.
    pub fn resource_id(&self) -> &[&'a str] {
        &self.resource_id
    }
}

/// Parses `arn:partition:service:region:account:resource`; `None` when it is not an ARN.
pub fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut parts = value.splitn(6, ':');
    let (arn, partition, service, region, account_id, resource) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn { partition, service, region, account_id, resource_id: resource.split([':', '/']).collect() })
}

#[cfg(test)]
mod tests {
    use super::parse_arn;

    #[test]
    fn spec_examples() {
        let a = parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name").unwrap();
        assert_eq!((a.partition, a.service, a.region, a.account_id), ("aws", "sns", "us-west-2", "012345678910"));
        assert_eq!(a.resource_id(), ["example-sns-topic-name"]);
        assert!(parse_arn("11111111-2222-3333-4444-555555555555").is_none());
        assert_eq!(
            parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE").unwrap().resource_id(),
            ["vpc", "vpc-0e9801d129EXAMPLE"]
        );
        let a = parse_arn("arn:aws:iam::012345678910:user/johndoe").unwrap();
        assert_eq!((a.region, a.resource_id()), ("", ["user", "johndoe"].as_slice()));
        let a = parse_arn("arn:aws:s3:::bucket_name").unwrap();
        assert_eq!((a.region, a.account_id, a.resource_id()), ("", "", ["bucket_name"].as_slice()));
        assert!(parse_arn("arn:aws:s3:::").is_none());
    }
}
