//! The licences Salondesk shows (Settings › About, `salondesk licences`) are
//! generated from what it is built from, never typed: Cargo's metadata gives
//! every crate linked into the program (normal dependencies for Linux and
//! for Windows; build-time macros are not shipped), each crate's own
//! licence files are read from its sources, and the font's licence comes
//! with the Fira family in the tree. This test fails when the committed
//! files are not what the dependencies now are; `SALONDESK_BLESS=1 cargo
//! test --test licences` writes them anew.

use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Crate {
    name: String,
    version: String,
    licence: String,
    repository: String,
    dir: PathBuf,
    licence_file: Option<String>,
}

/// The platforms Salondesk is built and shipped for.
const PLATFORMS: [&str; 2] = ["x86_64-unknown-linux-gnu", "x86_64-pc-windows-gnu"];

fn metadata(platform: &str) -> Value {
    let cargo = |args: &[&str]| {
        Command::new(env!("CARGO")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("cargo runs")
    };
    let look = ["metadata", "--format-version", "1", "--locked", "--offline", "--filter-platform", platform];
    let mut out = cargo(&look);
    if !out.status.success() {
        // A machine that built only for Linux lacks the Windows crates'
        // sources: fetched as a build fetches them (CI fetches all first).
        let fetched = cargo(&["fetch", "--locked"]);
        assert!(fetched.status.success(), "cargo fetch: {}", String::from_utf8_lossy(&fetched.stderr));
        out = cargo(&look);
    }
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON")
}

/// The crates linked into the program: from the root along normal
/// dependencies, stopping at procedural macros (they run at build time).
fn shipped(meta: &Value) -> Vec<Crate> {
    let packages: BTreeMap<&str, &Value> =
        meta["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let nodes: BTreeMap<&str, &Value> =
        meta["resolve"]["nodes"].as_array().unwrap().iter().map(|n| (n["id"].as_str().unwrap(), n)).collect();
    let root = meta["resolve"]["root"].as_str().unwrap();
    let is_macro = |p: &Value| {
        p["targets"].as_array().unwrap().iter().any(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "proc-macro"))
    };
    let mut seen = HashSet::new();
    let mut todo = vec![root];
    let mut found = Vec::new();
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let package = packages[id];
        if id != root {
            if is_macro(package) {
                continue;
            }
            let manifest = PathBuf::from(package["manifest_path"].as_str().unwrap());
            found.push(Crate {
                name: package["name"].as_str().unwrap().to_string(),
                version: package["version"].as_str().unwrap().to_string(),
                licence: package["license"].as_str().unwrap_or("see its licence file").to_string(),
                repository: package["repository"].as_str().unwrap_or("").to_string(),
                dir: manifest.parent().unwrap().to_path_buf(),
                licence_file: package["license_file"].as_str().map(String::from),
            });
        }
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null());
            if normal {
                todo.push(dep["pkg"].as_str().unwrap());
            }
        }
    }
    found.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    found
}

/// A crate's licence texts: its LICENSE*, LICENCE*, COPYING*, NOTICE* files
/// (and the file its manifest names), in name order.
fn texts_of(c: &Crate) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&c.dir)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().to_uppercase();
                    ["LICENSE", "LICENCE", "COPYING", "NOTICE", "COPYRIGHT"].iter().any(|s| name.starts_with(s))
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(own) = &c.licence_file {
        files.push(c.dir.join(own));
    }
    files.sort();
    files.dedup();
    files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).map(|t| t.trim().replace("\r\n", "\n")).collect()
}

/// The font's licence: the Fira family's (Fira Sans is bundled by iced;
/// cosmic-text carries the family's licence file beside Fira Mono).
fn font_licence(crates: &[Crate]) -> String {
    let cosmic = crates.iter().find(|c| c.name == "cosmic-text").expect("cosmic-text is in the tree");
    std::fs::read_to_string(cosmic.dir.join("fonts/FiraMono-LICENSE")).expect("the Fira licence").trim().to_string()
}

/// (the list for the About tab, the full texts).
fn generate() -> (String, String) {
    let mut crates: Vec<Crate> = Vec::new();
    for platform in PLATFORMS {
        for c in shipped(&metadata(platform)) {
            if !crates.iter().any(|k| (&k.name, &k.version) == (&c.name, &c.version)) {
                crates.push(c);
            }
        }
    }
    crates.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    let mut list = String::new();
    let mut by_text: Vec<(String, Vec<String>)> = Vec::new();
    for c in &crates {
        list.push_str(&format!("{}\t{}\t{}\n", c.name, c.version, c.licence));
        let texts = texts_of(c);
        let who = format!("{} {}", c.name, c.version);
        if texts.is_empty() {
            let none = format!("(No licence file in the crate's sources; its licence: {}.)", c.licence);
            by_text.push((none, vec![who.clone()]));
        }
        for text in texts {
            match by_text.iter_mut().find(|(t, _)| *t == text) {
                Some((_, users)) => users.push(who.clone()),
                None => by_text.push((text, vec![who.clone()])),
            }
        }
    }
    list.push_str("Fira Sans\t\tOFL-1.1\n");
    by_text.push((font_licence(&crates), vec!["Fira Sans (the font)".into()]));
    let mut full = format!(
        "Salondesk {} is licensed under the MIT licence. It is built from the {} crates\n\
         listed here and includes the font Fira Sans; their licences follow, each\n\
         text once with what it belongs to. Generated from Cargo's metadata by\n\
         tests/licences.rs.\n\n",
        env!("CARGO_PKG_VERSION"),
        crates.len()
    );
    for c in &crates {
        let repo = if c.repository.is_empty() { String::new() } else { format!(" — {}", c.repository) };
        full.push_str(&format!("  {} {} — {}{repo}\n", c.name, c.version, c.licence));
    }
    full.push_str("  Fira Sans — OFL-1.1 (bundled by iced)\n");
    for (i, (text, users)) in by_text.iter().enumerate() {
        full.push_str(&format!("\n\n======== {} — {} ========\n\n{text}\n", i + 1, users.join(", ")));
    }
    (list, full)
}

#[test]
fn the_licences_shown_are_those_of_every_crate_built_in_and_the_font() {
    let (list, full) = generate();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/licences");
    let (list_file, full_file) = (folder.join("crates.tsv"), folder.join("licences.txt"));
    if std::env::var_os("SALONDESK_BLESS").is_some() {
        std::fs::write(&list_file, &list).unwrap();
        std::fs::write(&full_file, &full).unwrap();
    }
    // What a user would look for: the GUI toolkit, the database, the font.
    for part in ["iced\t", "rusqlite\t", "Fira Sans\t"] {
        assert!(list.lines().any(|l| l.starts_with(part)), "{part} is listed");
    }
    assert!(full.contains("SIL OPEN FONT LICENSE Version 1.1"), "the font's licence text");
    assert!(full.contains("Apache License") && full.contains("Permission is hereby granted"));
    assert!(!list.lines().any(|l| l.starts_with("serde_derive\t")), "build-time macros are not shipped");
    let committed = std::fs::read_to_string(&list_file).unwrap_or_default();
    assert!(
        committed == list && std::fs::read_to_string(&full_file).unwrap_or_default() == full,
        "assets/licences is not what the dependencies are now: run SALONDESK_BLESS=1 cargo test --test licences"
    );
}
