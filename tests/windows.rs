//! The Windows build, installed and run under Wine (CI: `.ci/run` builds the
//! installer and names it in SALONDESK_WINDOWS_INSTALLER; without it this
//! test says it was skipped). As a salon would: the installer runs silently,
//! its Start-menu entries are there; the installed console program writes a
//! demo salon, checks it, reports, and sends a reminder round to an SMTP
//! listener on 127.0.0.1; the desk's own program (no console) opens its
//! window on the default data folder (%APPDATA%) with a demo salon in it,
//! and the picture is kept to look at; the uninstaller leaves the salon's
//! data where it was.
//!
//! Wine 8 lacks `ProcessPrng`, which Rust's standard library calls on
//! Windows 10+: the test puts a stand-in built with mingw
//! (packaging/windows/wine-shim) beside the installed programs — for Wine
//! only, never in the installer.

mod common;

use common::sinks::SmtpSink;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

struct Wine {
    prefix: tempfile::TempDir,
    display: String,
}

impl Wine {
    fn command(&self, program: &Path) -> Command {
        let mut c = Command::new("wine");
        c.arg(program)
            .env("WINEPREFIX", self.prefix.path())
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b;mscoree,mshtml=")
            .env("DISPLAY", &self.display);
        c
    }

    fn run(&self, program: &Path, args: &[&str]) -> Output {
        let out = self.command(program).args(args).stdin(Stdio::null()).output().expect("wine runs");
        assert!(
            out.status.success(),
            "{} {args:?}: {}\n{}",
            program.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Ends a program and Wine's server behind it.
    fn stop(&self, mut program: std::process::Child) {
        let _ = program.kill();
        let _ = program.wait();
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", self.prefix.path()).status();
    }

    /// C:\users\<user>\… on the Linux side.
    fn user_dir(&self) -> PathBuf {
        let users = self.prefix.path().join("drive_c/users");
        std::fs::read_dir(&users)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().is_some_and(|n| n != "Public"))
            .expect("the Wine user's folder")
    }
}

/// Whether a Salondesk window is shown on `display` within `limit`.
fn window_within(display: &str, limit: Duration) -> bool {
    let started = Instant::now();
    loop {
        let out = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "Salondesk"])
            .env("DISPLAY", display)
            .output()
            .unwrap();
        if out.status.success() && !out.stdout.is_empty() {
            return true;
        }
        if started.elapsed() > limit {
            return false;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn shim(into: &Path) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/windows/wine-shim/bcryptprimitives.c");
    let built = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-shared", "-O2", "-o"])
        .arg(into.join("bcryptprimitives.dll"))
        .arg(source)
        .arg("-ladvapi32")
        .status()
        .expect("mingw's gcc runs");
    assert!(built.success());
}

#[test]
fn the_installed_windows_build_writes_checks_reports_sends_and_draws_the_desk() {
    let Some(installer) = std::env::var_os("SALONDESK_WINDOWS_INSTALLER").map(PathBuf::from) else {
        assert!(std::env::var_os("CI").is_none(), "CI must build the Windows installer");
        eprintln!("Windows smoke test skipped: SALONDESK_WINDOWS_INSTALLER is not set");
        return;
    };
    let number = 640 + std::process::id() % 300;
    let mut xvfb = Command::new("Xvfb")
        .arg(format!(":{number}"))
        .args(["-screen", "0", "1366x768x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let wine = Wine { prefix: tempfile::tempdir().unwrap(), display: format!(":{number}") };

    let started = Instant::now();
    wine.run(&installer, &["/S"]);
    let installed = wine.user_dir().join("AppData/Local/Programs/Salondesk");
    eprintln!("installed under Wine in {:.1} s (with Wine's first start)", started.elapsed().as_secs_f64());
    for file in ["salondesk.exe", "salondesk-desk.exe", "licences.txt", "uninstall.exe"] {
        assert!(installed.join(file).exists(), "{file} installed");
    }
    let menu = wine.user_dir().join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Salondesk");
    for entry in ["Salondesk.lnk", "Salondesk Kiosk.lnk", "Uninstall Salondesk.lnk"] {
        assert!(menu.join(entry).exists(), "Start menu: {entry}");
    }
    shim(&installed);
    let console = installed.join("salondesk.exe");

    // The console program, on a file of its own.
    let db = r"C:\salon\salon.sqlite3";
    let started = Instant::now();
    let demo = wine.run(&console, &["--db", db, "demo", "--customers", "200", "--years", "1", "--staff", "3"]);
    eprintln!("demo written under Wine in {:.1} s", started.elapsed().as_secs_f64());
    assert!(String::from_utf8_lossy(&demo.stdout).contains("200"), "{}", String::from_utf8_lossy(&demo.stdout));
    let check = wine.run(&console, &["--db", db, "check"]);
    assert!(String::from_utf8_lossy(&check.stdout).to_lowercase().contains("ok"), "{:?}", check);
    let csv = r"C:\salon\no-shows.csv";
    wine.run(&console, &["--db", db, "report", "no-shows", "--from", "2020-01-01", "--to", "2030-12-31", "--csv", csv]);
    let report = std::fs::read_to_string(wine.prefix.path().join("drive_c/salon/no-shows.csv")).unwrap();
    assert!(report.lines().count() > 1, "no-shows in the report: {report}");

    let sink = SmtpSink::start();
    for (key, value) in [
        ("smtp.host", "127.0.0.1".to_string()),
        ("smtp.port", sink.port.to_string()),
        ("smtp.security", "none".to_string()),
        ("smtp.from", "hello@salon.example".to_string()),
    ] {
        wine.run(&console, &["--db", db, "config", "set", key, &value]);
    }
    // Tomorrow morning: the demo's reminders for the day after are due.
    let morning = (chrono::Utc::now().date_naive() + chrono::Duration::days(1)).and_hms_opt(8, 0, 0).unwrap();
    let now = morning.and_utc().to_rfc3339();
    let sent = wine.run(&console, &["--db", db, "send", "--once", "--now", &now]);
    let mails = sink.wait_for(1);
    assert!(!mails.is_empty(), "mail went out over SMTP: {}", String::from_utf8_lossy(&sent.stdout));

    // The desk's own program on the default file: %APPDATA%, a demo salon made.
    let desk_program = installed.join("salondesk-desk.exe");
    let start_desk = || wine.command(&desk_program).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    let desk = start_desk();
    let found = window_within(&wine.display, Duration::from_secs(120));
    assert!(found, "the desk's window opened under Wine");
    eprintln!("the desk's window under Wine after {:.1} s", started.elapsed().as_secs_f64());
    std::thread::sleep(Duration::from_secs(8));
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/real-window");
    std::fs::create_dir_all(&shots).unwrap();
    let picture = shots.join("wine-desk.png");
    let shot = Command::new("import").args(["-window", "root"]).arg(&picture).env("DISPLAY", &wine.display).status();
    assert!(shot.unwrap().success());
    let colours = Command::new("identify").args(["-format", "%k"]).arg(&picture).output().unwrap();
    let colours: u32 = String::from_utf8_lossy(&colours.stdout).trim().parse().unwrap_or(0);
    assert!(colours > 50, "the window is drawn ({colours} colours), not a black box");
    let data = wine.user_dir().join("AppData/Roaming/Salondesk/salondesk/data/salon.sqlite3");
    assert!(data.exists(), "the demo salon is in %APPDATA%\\Salondesk");
    // The day's backup after the start (it once failed on Windows: a file
    // opened only to read cannot be flushed there).
    let backups = data.parent().unwrap().join("backups");
    let made = Instant::now();
    let copied = || {
        std::fs::read_dir(&backups).into_iter().flatten().flatten().any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("salon-") && name.ends_with(".sqlite3")
        })
    };
    while !copied() && made.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(copied(), "the day's backup was made under Windows");
    wine.stop(desk);
    // A second, cold start on the salon now there (no demo to write).
    let started = Instant::now();
    let desk = start_desk();
    assert!(window_within(&wine.display, Duration::from_secs(120)), "the desk opened again");
    eprintln!("the desk's window under Wine, started again, after {:.1} s", started.elapsed().as_secs_f64());
    wine.stop(desk);

    // In place (`_?=`): the uninstaller then runs to its end before we look.
    let user = wine.user_dir().file_name().unwrap().to_string_lossy().into_owned();
    let in_place = format!(r"_?=C:\users\{user}\AppData\Local\Programs\Salondesk");
    wine.run(&installed.join("uninstall.exe"), &["/S", &in_place]);
    std::thread::sleep(Duration::from_secs(2));
    assert!(!installed.join("salondesk.exe").exists(), "the programs are gone");
    assert!(data.exists(), "the salon's data stays");
    let _ = xvfb.kill();
    let _ = xvfb.wait();
}
