//! Heap allocations per endpoint resolution, counted with dhat.

mod resolvers;

use aws_sdk_ssooidc::config::endpoint::DefaultResolver;
use resolvers::*;
use std::hint::black_box;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

fn blocks(f: impl FnOnce()) -> u64 {
    let before = dhat::HeapStats::get().total_blocks;
    f();
    dhat::HeapStats::get().total_blocks - before
}

/// Allocations per call over 100 calls, after one call to warm up.
fn per_call(mut f: impl FnMut()) -> f64 {
    f();
    blocks(|| (0..100).for_each(|_| f())) as f64 / 100.0
}

fn main() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let resolver = DefaultResolver::new();
    println!("| scenario | ours (allocations/call) | aws-sdk-ssooidc (allocations/call) |");
    println!("| --- | ---: | ---: |");
    let (o, t) = (ours(&[REPEATED]), theirs(&[REPEATED]));
    let (ours_first, theirs_first) = (
        blocks(|| {
            black_box(resolve_ours(&o[0]));
        }),
        blocks(|| {
            black_box(resolve_theirs(&resolver, &t[0]));
        }),
    );
    println!("| first resolution (us-east-1) | {ours_first} | {theirs_first} |");
    for (name, case) in [("repeated us-east-1", REPEATED), ("repeated FIPS", FIPS), ("repeated dual-stack", DUAL_STACK)] {
        let (o, t) = (ours(&[case]), theirs(&[case]));
        let ours_blocks = per_call(|| {
            black_box(resolve_ours(&o[0]));
        });
        let theirs_blocks = per_call(|| {
            black_box(resolve_theirs(&resolver, &t[0]));
        });
        println!("| {name} | {ours_blocks} | {theirs_blocks} |");
    }
    let (o, t) = (ours(&ALTERNATING), theirs(&ALTERNATING));
    let ours_blocks = per_call(|| {
        o.iter().for_each(|p| {
            black_box(resolve_ours(p));
        })
    }) / 8.0;
    let theirs_blocks = per_call(|| {
        t.iter().for_each(|p| {
            black_box(resolve_theirs(&resolver, p));
        })
    }) / 8.0;
    println!("| alternating regions (8) | {ours_blocks} | {theirs_blocks} |");
    let client = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").build());
    let t = theirs(&[REPEATED]);
    let ours_blocks = per_call(|| {
        let _ = black_box(client.resolved_endpoint().map(|e| e.url().len()));
    });
    let theirs_blocks = per_call(|| {
        black_box(resolve_theirs(&resolver, &t[0]));
    });
    println!("| per request, repeated region (client) | {ours_blocks} | {theirs_blocks} |");
}
