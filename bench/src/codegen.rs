//! Generation time per model (release build; compilation excluded): the median of 20
//! in-process runs of load + generate + format, and shapes per millisecond, with the
//! generator binary's allocator (mimalloc).

use std::time::Instant;

// The allocator `cargo xtask codegen` runs with (see xtask/Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // The repository root: `cargo xtask bench` runs this binary there (its build is a copy
    // of bench/ elsewhere, so the manifest's folder would not do).
    let root = std::path::Path::new(".");
    let partitions = std::fs::read_to_string(root.join("model/partitions.json")).expect("partitions");
    let mut models = vec![root.join("model/sso-oidc.json")];
    let mut shared: Vec<_> = std::fs::read_dir(root.join("../shared/models"))
        .expect("../shared/models")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("partitions.json") && !p.ends_with("sso-oidc.json"))
        .collect();
    shared.sort();
    models.extend(shared);
    println!("| model | shapes | files | median time (ms) | shapes/ms | result |");
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    for model in models {
        let text = std::fs::read_to_string(&model).expect("model");
        let shapes = codegen::Model::from_json(&text).map(|m| m.shapes().count()).unwrap_or(0);
        let mut times = Vec::new();
        let mut outcome = Ok(0);
        for _ in 0..20 {
            let start = Instant::now();
            outcome = codegen::generate(&text, Some(&partitions)).map(|g| g.files.len());
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let ms = times[times.len() / 2];
        let name = model.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (files, result) = match outcome {
            Ok(files) => (files.to_string(), "generated".to_owned()),
            Err(e) => ("-".to_owned(), format!("stops: {}", e.to_string().chars().take(90).collect::<String>())),
        };
        println!("| {name} | {shapes} | {files} | {ms:.1} | {:.1} | {result} |", shapes as f64 / ms);
    }
}
