//! The kiosk session of the Linux package, as the touch screen PC runs it
//! (packaging/linux/salondesk-kiosk.service): the cage compositor, started
//! as the unprivileged user the package made, shows Salondesk's kiosk and
//! nothing else. CI installs the .deb, cage and Xwayland and names the
//! installed program in SALONDESK_KIOSK_SESSION; without it this test says
//! it was skipped. (cage draws into a window of the X display here, through
//! wlroots' X11 backend; on the PC it takes the screen itself.)

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn cage_as_the_kiosk_user_shows_the_kiosk_and_nothing_else() {
    let Some(program) = std::env::var_os("SALONDESK_KIOSK_SESSION") else {
        assert!(std::env::var_os("CI").is_none(), "CI must install the .deb and cage");
        eprintln!("kiosk session test skipped: SALONDESK_KIOSK_SESSION is not set");
        return;
    };
    let program = Path::new(&program);
    // The salon's file where the package says: readable and writable by the kiosk's group.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("salon.sqlite3");
    let salondesk = |args: &[&str]| {
        let out = Command::new(program).arg("--db").arg(&db).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    salondesk(&["demo", "--customers", "200", "--years", "1", "--staff", "3"]);
    salondesk(&["config", "set", "kiosk.pin", "482916"]);
    let open = Command::new("chmod").arg("-R").arg("a+rwX").arg(dir.path()).status().unwrap();
    assert!(open.success());

    let number = 960 + std::process::id() % 30;
    let mut xvfb = Command::new("Xvfb")
        .arg(format!(":{number}"))
        .args(["-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    std::thread::sleep(Duration::from_secs(1));
    let runtime = tempfile::tempdir().unwrap();
    let owned = Command::new("chown").arg("salondesk-kiosk").arg(runtime.path()).status().unwrap();
    assert!(owned.success(), "the package made the user salondesk-kiosk");
    let started = Instant::now();
    let mut cage = Command::new("runuser")
        .args(["-u", "salondesk-kiosk", "--", "env"])
        .arg(format!("DISPLAY=:{number}"))
        .arg(format!("XDG_RUNTIME_DIR={}", runtime.path().display()))
        .arg(format!("HOME={}", runtime.path().display()))
        .args(["WLR_BACKENDS=x11", "WLR_RENDERER=pixman", "WLR_LIBINPUT_NO_DEVICES=1", "cage", "--"])
        .arg(program)
        .arg("kiosk")
        .arg("--db")
        .arg(&db)
        .args(["--lang", "de"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cage starts");
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/real-window");
    std::fs::create_dir_all(&shots).unwrap();
    let picture = shots.join("kiosk-session-cage.png");
    let colours = || {
        let shot = Command::new("import")
            .args(["-window", "root"])
            .arg(&picture)
            .env("DISPLAY", format!(":{number}"))
            .status();
        if !shot.is_ok_and(|s| s.success()) {
            return 0;
        }
        let out = Command::new("identify").args(["-format", "%k"]).arg(&picture).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse::<u32>().unwrap_or(0)
    };
    while colours() < 50 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_secs(1));
    }
    std::thread::sleep(Duration::from_secs(3));
    let seen = colours();
    eprintln!("the kiosk in cage after {:.1} s", started.elapsed().as_secs_f64());
    let running = cage.try_wait().unwrap().is_none();
    let whose = Command::new("ps").args(["-o", "user=", "-C", "salondesk"]).output().unwrap();
    let _ = Command::new("pkill").args(["-u", "salondesk-kiosk"]).status();
    let _ = cage.wait();
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    assert!(running, "cage runs the kiosk");
    assert!(seen >= 50, "the kiosk is drawn ({seen} colours), see {}", picture.display());
    let users = String::from_utf8_lossy(&whose.stdout);
    assert!(users.lines().any(|u| u.trim() == "salondesk-kiosk"), "the kiosk runs as salondesk-kiosk: {users:?}");
    assert!(!users.lines().any(|u| u.trim() == "root"), "not as root: {users:?}");
}
