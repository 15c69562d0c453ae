//! The wire protocols, one module each, behind [`crate::plan::Protocol`]: `restJson1` and
//! `restXml` (HTTP bindings with JSON or XML bodies), `awsJson1_0`/`awsJson1_1` (RPC over
//! `POST /` with JSON bodies), `rpcv2Json`/`rpcv2Cbor` (RPC over
//! `POST /service/S/operation/O`, JSON or CBOR bodies) and `awsQuery`/`ec2Query` (forms
//! out, XML back). What they share: HTTP bindings and request steps (`http`), and the body
//! codecs (`json`, `cbor`, `xml`).

mod aws_json;
mod body;
mod cbor;
pub mod http;
mod json;
mod query;
mod rest_json;
mod rest_xml;
mod rpc_v2;
mod xml;

use crate::error::{Error, Result};
use crate::model::Shape;
use crate::plan::Protocol;

/// The protocol a service's traits ask for, among those generated: the first the
/// service names, in the order of this list.
pub fn for_service(service: &Shape) -> Result<Box<dyn Protocol>> {
    if service.traits.has(rest_json::ID) {
        return Ok(Box::new(rest_json::RestJson));
    }
    if service.traits.has(rest_xml::ID) {
        return Ok(Box::new(rest_xml::RestXml::new(service)));
    }
    for version in [aws_json::Version::V1_0, aws_json::Version::V1_1] {
        if service.traits.has(version.id()) {
            return Ok(Box::new(aws_json::AwsJson::new(version, service)));
        }
    }
    for (id, dialect) in [(query::ID, query::Dialect::Query), (query::EC2_ID, query::Dialect::Ec2)] {
        if service.traits.has(id) {
            let crate::model::ShapeKind::Service(body) = &service.kind else { return Err(Error::shape(&service.id, "is not a service")) };
            return Ok(Box::new(query::AwsQuery::new(dialect, body)));
        }
    }
    for (id, format) in [(rpc_v2::JSON_ID, rpc_v2::Format::Json), (rpc_v2::CBOR_ID, rpc_v2::Format::Cbor)] {
        if service.traits.has(id) {
            return Ok(Box::new(rpc_v2::RpcV2::new(format, service)));
        }
    }
    let named = named(service);
    Err(Error::unsupported(
        &service.id,
        format!(
            "protocol {}: only aws.protocols#restJson1, aws.protocols#restXml, aws.protocols#awsJson1_0, aws.protocols#awsJson1_1, smithy.protocols#rpcv2Json, smithy.protocols#rpcv2Cbor, aws.protocols#awsQuery and aws.protocols#ec2Query are generated",
            if named.is_empty() { "(none)".to_owned() } else { named.join(", ") }
        ),
    ))
}

/// The protocol traits a service carries (`aws.protocols#…`, `smithy.protocols#…`),
/// whether generated or not.
pub fn named(service: &Shape) -> Vec<&str> {
    service
        .traits
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| id.starts_with("aws.protocols#") || id.starts_with("smithy.protocols#"))
        .filter(|id| !id.ends_with("#awsQueryCompatible") && !id.ends_with("#awsQueryError"))
        .collect()
}

/// [`named`], each by its short name (`awsJson1_1`).
pub fn short_names(service: &Shape) -> Vec<String> {
    named(service).into_iter().map(|id| id.rsplit('#').next().unwrap_or(id).to_owned()).collect()
}
