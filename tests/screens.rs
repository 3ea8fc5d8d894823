//! Every screen of `salondesk screenshots` (en and de, two window sizes) kept
//! as a hash of its pixels: a change of code that should not change what the
//! receptionist sees must leave every one identical. After a change made on
//! purpose, `SALONDESK_BLESS=1 cargo test --test screens` writes the new
//! hashes (say in the commit which screens changed and why).

use salondesk::domain::Language;
use std::collections::BTreeMap;
use std::path::Path;

const RECORDED: &str = "tests/snapshots/screens.txt";

/// FNV-1a: stable across Rust versions and machines (the std hasher is not promised to be).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn current() -> BTreeMap<String, String> {
    let mut hashes = BTreeMap::new();
    for lang in [Language::En, Language::De] {
        for size in [(1366.0, 768.0), (1920.0, 1080.0)] {
            let dir = tempfile::tempdir().unwrap();
            for file in salondesk::ui::screenshots::render_all(None, dir.path(), Some(lang), size).unwrap() {
                let name = file.file_stem().unwrap().to_string_lossy().to_string();
                hashes.insert(
                    format!("{name}@{}x{}", size.0, size.1),
                    format!("{:016x}", fnv(&std::fs::read(&file).unwrap())),
                );
            }
        }
    }
    hashes
}

#[test]
fn every_screen_looks_as_recorded() {
    let now = current();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(RECORDED);
    if std::env::var_os("SALONDESK_BLESS").is_some() {
        let text: String = now.iter().map(|(k, v)| format!("{k} {v}\n")).collect();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let recorded: BTreeMap<String, String> = std::fs::read_to_string(&path)
        .expect("recorded hashes (SALONDESK_BLESS=1 writes them)")
        .lines()
        .filter_map(|l| l.split_once(' ').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect();
    let changed: Vec<&String> = recorded.keys().filter(|k| now.get(*k) != recorded.get(*k)).collect();
    let added: Vec<&String> = now.keys().filter(|k| !recorded.contains_key(*k)).collect();
    assert!(changed.is_empty() && added.is_empty(), "screens changed: {changed:?}; new screens: {added:?}");
}
