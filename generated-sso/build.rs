// Copied by smithy-codegen from codegen/runtime/build.rs. DO NOT EDIT.

#![cfg_attr(rustfmt, rustfmt_skip)]

//! Records the compiler's version for the user agent (`lang/rust#1.94.1`), as the AWS SDKs
//! send it. Cargo rebuilds everything when the compiler changes, so this runs again then.
#![forbid(unsafe_code)]

use std::process::Command;

fn main() {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    // `rustc 1.94.1 (e408947bf 2026-03-25)`: the second word. Empty when rustc cannot say.
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned))
        .filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
        .unwrap_or_default();
    println!("cargo:rustc-env=RUSTC_VERSION_FOR_USER_AGENT={version}");
    println!("cargo:rerun-if-changed=build.rs");
}
