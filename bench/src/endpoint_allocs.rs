//! Heap allocations per endpoint resolution, counted with dhat.

mod resolvers;

use aws_sdk_ssooidc::config::endpoint::DefaultResolver;
use resolvers::*;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

fn blocks(f: impl FnOnce()) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    f();
    dhat::HeapStats::get().total_blocks - before
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let resolver = DefaultResolver::new();
    println!("| scenario | ours (allocations/call) | aws-sdk-ssooidc (allocations/call) |");
    println!("| --- | ---: | ---: |");
    for (name, case) in [("us-east-1", REPEATED), ("FIPS", FIPS), ("dual-stack", DUAL_STACK)] {
        let (o, t) = (ours(&[case]), theirs(&[case]));
        let ours_blocks = blocks(|| {
            resolve_ours(&o[0]);
        });
        let theirs_blocks = blocks(|| {
            resolve_theirs(&resolver, &t[0]);
        });
        println!("| {name} | {ours_blocks} | {theirs_blocks} |");
    }
    let (o, t) = (ours(&ALTERNATING), theirs(&ALTERNATING));
    let ours_blocks = blocks(|| o.iter().for_each(|p| {
        resolve_ours(p);
    }));
    let theirs_blocks = blocks(|| t.iter().for_each(|p| {
        resolve_theirs(&resolver, p);
    }));
    println!("| alternating regions (8 calls, per call) | {} | {} |", ours_blocks as f64 / 8.0, theirs_blocks as f64 / 8.0);
    let client = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").build());
    let _ = client.resolved_endpoint();
    let t = theirs(&[REPEATED]);
    let ours_blocks = blocks(|| {
        let _ = client.resolved_endpoint();
    });
    let theirs_blocks = blocks(|| {
        resolve_theirs(&resolver, &t[0]);
    });
    println!("| per request, repeated region (client) | {ours_blocks} | {theirs_blocks} |");
}
