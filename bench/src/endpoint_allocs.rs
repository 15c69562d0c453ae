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
}
