//! Endpoint resolution per call: the generated client's compiled rules against
//! aws-sdk-ssooidc's `DefaultResolver`, in one process, interleaved over rounds; the
//! median of the rounds is reported in nanoseconds per call.

mod resolvers;

use std::hint::black_box;
use std::time::Instant;

use aws_sdk_ssooidc::config::endpoint::DefaultResolver;
use resolvers::*;

const CALLS: usize = 200_000;
const ROUNDS: usize = 15;

fn time(mut call: impl FnMut(usize) -> usize) -> f64 {
    let start = Instant::now();
    let mut sink = 0;
    for i in 0..CALLS {
        sink += call(i);
    }
    black_box(sink);
    start.elapsed().as_nanos() as f64 / CALLS as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let resolver = DefaultResolver::new();
    let scenarios: [(&str, Vec<Case>); 4] = [
        ("repeated region (us-east-1)", vec![REPEATED]),
        ("alternating regions (8)", ALTERNATING.to_vec()),
        ("FIPS (us-east-1)", vec![FIPS]),
        ("dual-stack (us-east-1)", vec![DUAL_STACK]),
    ];
    // Same answers first: a benchmark of two different things would mean nothing.
    for (_, cases) in &scenarios {
        for (o, t) in ours(cases).iter().zip(theirs(cases).iter()) {
            assert_eq!(resolve_ours(o), resolve_theirs(&resolver, t), "both resolvers agree");
        }
    }
    println!("| scenario | ours (ns/call) | aws-sdk-ssooidc (ns/call) | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, cases) in &scenarios {
        let (o, t) = (ours(cases), theirs(cases));
        let (mut ours_ns, mut theirs_ns) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            ours_ns.push(time(|i| resolve_ours(black_box(&o[i % o.len()]))));
            theirs_ns.push(time(|i| resolve_theirs(&resolver, black_box(&t[i % t.len()]))));
        }
        let (a, b) = (median(ours_ns), median(theirs_ns));
        println!("| {name} | {a:.1} | {b:.1} | {:.2}x |", a / b);
    }
    // What a request pays: the client resolves its endpoint once (its configuration does
    // not change); the SDK's resolver, called with the same parameters, answers from its
    // last-result cache.
    let client = sso_oidc::Client::from_conf(sso_oidc::Config::builder().region("us-east-1").build());
    let t = theirs(&[REPEATED]);
    assert_eq!(client.resolved_endpoint().map(|e| e.url().len()).ok(), Some(resolve_theirs(&resolver, &t[0])));
    let (mut ours_ns, mut theirs_ns) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        ours_ns.push(time(|_| black_box(&client).resolved_endpoint().map(|e| e.url().len()).unwrap_or(0)));
        theirs_ns.push(time(|_| resolve_theirs(&resolver, black_box(&t[0]))));
    }
    let (a, b) = (median(ours_ns), median(theirs_ns));
    println!("| per request, repeated region (client) | {a:.1} | {b:.1} | {:.2}x |", a / b);
}
