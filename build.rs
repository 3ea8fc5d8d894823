//! On Windows the programs carry Salondesk's icon (Explorer, the taskbar):
//! packaging/windows/salondesk.rc compiled by mingw's windres and linked
//! into both programs. Nothing to do for other targets.

fn main() {
    println!("cargo:rerun-if-changed=packaging/windows/salondesk.rc");
    println!("cargo:rerun-if-changed=packaging/windows/salondesk.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("salondesk-icon.o");
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let status = std::process::Command::new(&windres)
        .args(["--input-format", "rc", "--output-format", "coff", "--include-dir", "packaging/windows"])
        .args(["-i", "packaging/windows/salondesk.rc", "-o"])
        .arg(&out)
        .status()
        .unwrap_or_else(|e| panic!("{windres} runs (Debian: gcc-mingw-w64-x86-64): {e}"));
    assert!(status.success(), "windres compiled the icon");
    println!("cargo:rustc-link-arg-bins={}", out.display());
}
