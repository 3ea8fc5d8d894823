//! The real window, as a receptionist and a customer at the kiosk meet it:
//! the desk and the kiosk run under Xvfb, are driven with xdotool (clicks,
//! typing, keys), and after each few interactions the window is
//! photographed, then redrawn in full (a resize, no window manager) and
//! photographed again — the two must be the same (to a few levels of 255 on
//! anti-aliased seams where a partial redraw meets what stayed). One that
//! leaves ghosts or darkens a panel fails here, although `salondesk
//! screenshots` (one full drawing each) would look fine.
//!
//! Needs `Xvfb`, `xdotool` and ImageMagick (`import`, `compare`); without
//! them the test says so and passes, except in CI (`CI` set), where it fails.
//! The pictures stay in `target/real-window/` to be looked at.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How many pixels may differ by more than a few levels: a partial redraw
/// can blend one anti-aliased corner again (seen: 8 pixels at the top of a
/// scrollbar's thumb). A text cursor left behind is 21, a shadow left behind
/// or a darkened panel thousands.
const STRAY_PIXELS: u64 = 10;

/// The reception PC's screen; the kiosk is also tried on a large touch
/// screen and a small tablet (`Display::sized`).
const DESK: (u32, u32) = (1366, 768);

fn tools_present() -> bool {
    ["Xvfb", "xdotool", "import", "compare", "convert", "python3"]
        .iter()
        .all(|t| Command::new("sh").arg("-c").arg(format!("command -v {t}")).output().is_ok_and(|o| o.status.success()))
}

/// A notice ("Checked out and recorded.") shows for 10 s; after this long
/// it has gone and cannot fade between a step's two pictures.
const NOTICE_GONE: u64 = 11_000;

struct Display {
    number: u32,
    size: (u32, u32),
    server: Child,
    _alone: std::sync::MutexGuard<'static, ()>,
}

/// One window at a time: each test has the display (and the two cores) to itself.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Display {
    fn start() -> Display {
        Display::sized(DESK)
    }

    fn sized((w, h): (u32, u32)) -> Display {
        // A display number of our own (another test run may have one too).
        let number = 140 + std::process::id() % 500;
        let alone = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let server = Command::new("Xvfb")
            .arg(format!(":{number}"))
            // No reset when the last client leaves: the pointer stays where it was put.
            .args(["-screen", "0", &format!("{w}x{h}x24"), "-nolisten", "tcp", "-noreset"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts");
        let display = Display { number, size: (w, h), server, _alone: alone };
        let started = Instant::now();
        while !display.xdotool(&["getdisplaygeometry"]).0 {
            assert!(started.elapsed() < Duration::from_secs(10), "Xvfb did not come up");
            std::thread::sleep(Duration::from_millis(100));
        }
        // The pointer starts in the corner, not in the middle of the screen where
        // the window opens under it: the slot under it there stays highlighted
        // after the first move away, until the next full redraw (an iced
        // hover that a still pointer never reported; a moving one clears it).
        display.xdotool(&["mousemove", &(w - 2).to_string(), &(h - 2).to_string()]);
        display
    }

    fn name(&self) -> String {
        format!(":{}", self.number)
    }

    fn xdotool(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new("xdotool").args(args).env("DISPLAY", self.name()).output().expect("xdotool runs");
        (out.status.success(), String::from_utf8_lossy(&out.stdout).trim().to_string())
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// A window of the program on the display, and what happens to it.
struct Window<'a> {
    display: &'a Display,
    program: Child,
    id: String,
    shots: PathBuf,
    name: String,
}

impl<'a> Window<'a> {
    fn open(display: &'a Display, args: &[&str], name: &str) -> Window<'a> {
        let program = Command::new(env!("CARGO_BIN_EXE_salondesk"))
            .args(args)
            .env("DISPLAY", display.name())
            .env("ICED_BACKEND", "tiny-skia")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("salondesk starts");
        let pid = program.id().to_string();
        let started = Instant::now();
        let id = loop {
            let (found, ids) = display.xdotool(&["search", "--onlyvisible", "--pid", &pid]);
            if found && !ids.is_empty() {
                break ids.lines().last().unwrap_or_default().to_string();
            }
            assert!(started.elapsed() < Duration::from_secs(60), "the {name} window did not open");
            std::thread::sleep(Duration::from_millis(200));
        };
        let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/real-window");
        std::fs::create_dir_all(&shots).unwrap();
        // Without a window manager nothing makes a window full screen: the
        // kiosk (and the desk) get the whole display by hand.
        let (w, h) = display.size;
        display.xdotool(&["windowsize", &id, &w.to_string(), &h.to_string()]);
        let window = Window { display, program, id, shots, name: name.to_string() };
        // The first calendar, the integrity check and the sender's first round.
        window.settle(3000);
        window
    }

    fn settle(&self, ms: u64) {
        std::thread::sleep(Duration::from_millis(ms));
    }

    fn click(&self, x: u32, y: u32) {
        let (ok, _) =
            self.display.xdotool(&["mousemove", "--window", &self.id, &x.to_string(), &y.to_string(), "click", "1"]);
        assert!(ok, "click at {x},{y}");
        self.settle(500);
    }

    /// Keys go to the focused window as real key presses (XTEST); events
    /// sent to a window directly are marked synthetic and ignored.
    fn focus(&self) {
        self.display.xdotool(&["windowfocus", "--sync", &self.id]);
    }

    fn typed(&self, text: &str) {
        self.focus();
        assert!(self.display.xdotool(&["type", "--delay", "60", text]).0);
        self.settle(500);
    }

    fn key(&self, key: &str) {
        self.focus();
        assert!(self.display.xdotool(&["key", key]).0);
        self.settle(500);
    }

    /// Moves the pointer out of the way: a hovered button looks different
    /// from one that is not, and the resize below moves what is under it.
    fn park_pointer(&self) {
        let (w, h) = self.display.size;
        self.display.xdotool(&["mousemove", &(w - 2).to_string(), &(h - 2).to_string()]);
        self.settle(1500);
    }

    fn shot(&self, file: &Path) {
        let status = Command::new("import")
            .args(["-window", "root", "-crop", &format!("{}x{}+0+0", self.display.size.0, self.display.size.1)])
            .arg(file)
            .env("DISPLAY", self.display.name())
            .status()
            .expect("import runs");
        assert!(status.success(), "screenshot {}", file.display());
    }

    /// The window as it is now must equal the window drawn again in full.
    fn same_after_full_redraw(&self, step: &str) {
        let (w, h) = self.display.size;
        for attempt in 0..3 {
            self.park_pointer();
            let minute = chrono::Utc::now().format("%H%M").to_string();
            let seen = self.shots.join(format!("{}-{step}.png", self.name));
            let redrawn = self.shots.join(format!("{}-{step}-redrawn.png", self.name));
            self.shot(&seen);
            // No window manager: the resize is done, and the new size is drawn from scratch.
            self.display.xdotool(&["windowsize", &self.id, &(w - 100).to_string(), &(h - 100).to_string()]);
            self.settle(700);
            self.display.xdotool(&["windowsize", &self.id, &w.to_string(), &h.to_string()]);
            self.settle(1200);
            self.shot(&redrawn);
            // The clock turned meanwhile: the two differ for that reason; try again.
            if chrono::Utc::now().format("%H%M").to_string() != minute && attempt < 2 {
                continue;
            }
            // The top bar's clock is left out: it may turn between the two
            // pictures (what it shows is checked by the flow tests).
            if self.name.starts_with("desk") {
                for picture in [&seen, &redrawn] {
                    let masked = Command::new("convert")
                        .arg(picture)
                        .args(["-fill", "black", "-draw", "rectangle 1290,0,1365,51"])
                        .arg(picture)
                        .status()
                        .expect("convert runs");
                    assert!(masked.success());
                }
            }
            // Where a partial redraw meets what stayed, an anti-aliased edge may
            // be blended once more: up to 15 levels of 255 along a 1-pixel seam
            // (seen under a banner that appeared), never a ghost or a darker
            // panel (a shadow left behind differs by 40 and more).
            let out = Command::new("compare")
                .args(["-metric", "AE", "-fuzz", "8%"])
                .arg(&seen)
                .arg(&redrawn)
                .arg(self.shots.join(format!("{}-{step}-difference.png", self.name)))
                .output()
                .expect("compare runs");
            let differing: u64 = String::from_utf8_lossy(&out.stderr).trim().parse().unwrap_or(u64::MAX);
            // One exception, measured: when the calendar loses an appointment
            // (moved away), the blocks after it change their layer, and the
            // software renderer redraws the gap row between two blocks without
            // the upper block's anti-aliased bottom edge — a 1-pixel-high row
            // (32 levels of 255) as long as the block is wide. Rows one pixel
            // high are left out here (an opening with a 1×2 rectangle); a
            // ghost, a dark panel or a text cursor left behind (a vertical
            // line) are all taller and still fail.
            let beyond_seams = if differing <= STRAY_PIXELS { 0 } else { self.taller_than_a_row(&seen, &redrawn) };
            assert!(
                beyond_seams <= STRAY_PIXELS,
                "{} after {step}: {differing} pixels differ from a full redraw, {beyond_seams} beyond 1-pixel seams (see {})",
                self.name,
                seen.display()
            );
            return;
        }
    }
}

impl Window<'_> {
    /// How many differing pixels are part of something taller than one row.
    fn taller_than_a_row(&self, seen: &Path, redrawn: &Path) -> u64 {
        let out = Command::new("convert")
            .arg(seen)
            .arg(redrawn)
            .args(["-compose", "difference", "-composite", "-colorspace", "gray", "-threshold", "8%"])
            .args(["-morphology", "Open", "Rectangle:1x2", "-format", "%[fx:mean*w*h]", "info:"])
            .output()
            .expect("convert runs");
        String::from_utf8_lossy(&out.stdout).trim().parse::<f64>().map_or(u64::MAX, |n| n.round() as u64)
    }

    fn running(&mut self) -> bool {
        self.program.try_wait().is_ok_and(|ended| ended.is_none())
    }

    /// A WM_DELETE_WINDOW client message, as a window manager sends it for
    /// Alt+F4 (libX11 through Python's ctypes: xdotool only kills).
    fn request_close(&self) {
        let script = r#"
import ctypes, sys
x = ctypes.cdll.LoadLibrary("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XInternAtom.restype = ctypes.c_ulong
x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
d = x.XOpenDisplay(None)
class Ev(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 12)]
e = Ev()
e.type = 33
e.window = int(sys.argv[1])
e.message_type = x.XInternAtom(d, b"WM_PROTOCOLS", 0)
e.format = 32
e.data[0] = x.XInternAtom(d, b"WM_DELETE_WINDOW", 0)
x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x.XSendEvent(d, e.window, 0, 0, ctypes.byref(e))
x.XFlush.argtypes = [ctypes.c_void_p]
x.XFlush(d)
"#;
        let status = Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&self.id)
            .env("DISPLAY", self.display.name())
            .status()
            .expect("python3 runs");
        assert!(status.success(), "the close request was sent");
        self.settle(1000);
    }
}

impl Drop for Window<'_> {
    fn drop(&mut self) {
        let _ = self.program.kill();
        let _ = self.program.wait();
    }
}

fn skip_without_tools() -> bool {
    if tools_present() {
        return false;
    }
    assert!(std::env::var_os("CI").is_none(), "CI must install xvfb, xdotool and imagemagick");
    eprintln!("real-window test skipped: Xvfb, xdotool or ImageMagick is not installed");
    true
}

/// Where things are in the desk's window at 1366×768 (the top bar's tabs,
/// an afternoon slot of the first staff member, the settings' tabs).
mod desk {
    pub const TAB_CALENDAR: (u32, u32) = (298, 25);
    pub const TAB_CUSTOMERS: (u32, u32) = (408, 25);
    pub const TAB_REPORTS: (u32, u32) = (515, 25);
    pub const TAB_MESSAGES: (u32, u32) = (618, 25);
    pub const TAB_SETTINGS: (u32, u32) = (722, 25);
    /// The first staff member's column, late in the day.
    pub const SLOT: (u32, u32) = (175, 735);
    pub const SEARCH: (u32, u32) = (220, 182);
    pub const FIRST_HIT: (u32, u32) = (200, 268);
    /// The first three services in Settings › Services.
    pub const SERVICES: [(u32, u32); 3] = [(76, 194), (76, 224), (76, 254)];
    /// Settings › Services ("Leistungen" is wider than "Services").
    pub fn settings_services(lang: &str) -> (u32, u32) {
        if lang == "de" { (418, 136) } else { (314, 136) }
    }
    /// "Call list" above the calendar, and its first line's "Ask to confirm".
    pub fn call_list(lang: &str) -> (u32, u32) {
        if lang == "de" { (1198, 131) } else { (1212, 131) }
    }
    pub fn first_ask(lang: &str) -> (u32, u32) {
        if lang == "de" { (877, 287) } else { (886, 287) }
    }
    /// Reports › Discounts ("Rabatte").
    pub fn discounts(lang: &str) -> (u32, u32) {
        if lang == "de" { (209, 133) } else { (168, 133) }
    }
    /// Settings › Data ("Daten"), and the path field of its import.
    pub fn settings_data(lang: &str) -> (u32, u32) {
        if lang == "de" { (671, 133) } else { (573, 133) }
    }
    /// (The German hint above it takes three lines.)
    pub fn import_path(lang: &str) -> (u32, u32) {
        if lang == "de" { (372, 522) } else { (372, 506) }
    }
    /// The appointment dialog's title (a click there leaves the field).
    pub const DIALOG_TITLE: (u32, u32) = (495, 295);
}

fn walk_the_desk(lang: &str) {
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("salon.sqlite3");
    let file = file.to_str().unwrap();
    let w = Window::open(&display, &["--db", file, "--lang", lang], &format!("desk-{lang}"));
    w.same_after_full_redraw("1-calendar");

    // The appointment dialog: opened late in the first column (a free slot
    // or an appointment, as the demo has it), typed into (suggestions open),
    // the field left (no blinking cursor), closed.
    w.click(desk::SLOT.0, desk::SLOT.1);
    w.typed("An");
    w.click(desk::DIALOG_TITLE.0, desk::DIALOG_TITLE.1);
    w.same_after_full_redraw("2-dialog-typed");
    w.key("Escape");
    w.same_after_full_redraw("3-dialog-closed");

    // Three tabs, one after the other.
    w.click(desk::TAB_REPORTS.0, desk::TAB_REPORTS.1);
    w.click(desk::TAB_MESSAGES.0, desk::TAB_MESSAGES.1);
    w.click(desk::TAB_SETTINGS.0, desk::TAB_SETTINGS.1);
    w.same_after_full_redraw("4-three-tabs");

    // Settings › Services, three services picked (the panel darkened a little each time).
    let (x, y) = desk::settings_services(lang);
    w.click(x, y);
    for (x, y) in desk::SERVICES {
        w.click(x, y);
    }
    w.same_after_full_redraw("5-settings-services");

    // Settings › Data, then a customer list read for import (its path typed).
    let (x, y) = desk::settings_data(lang);
    w.click(x, y);
    w.same_after_full_redraw("5b-settings-data");
    let list = dir.path().join("clients.csv");
    std::fs::write(&list, "First Name,Last Name,Mobile Number,Email\nJürgen,Groß,0151 99887766,j@example.de\n,,,\n")
        .unwrap();
    let (x, y) = desk::import_path(lang);
    w.click(x, y);
    w.typed(list.to_str().unwrap());
    w.key("Return");
    w.same_after_full_redraw("5c-import-columns");

    // A customer card, found by typing.
    w.click(desk::TAB_CUSTOMERS.0, desk::TAB_CUSTOMERS.1);
    w.click(desk::SEARCH.0, desk::SEARCH.1);
    w.typed("a");
    w.click(desk::FIRST_HIT.0, desk::FIRST_HIT.1);
    w.same_after_full_redraw("6-customer-card");

    w.click(desk::TAB_CALENDAR.0, desk::TAB_CALENDAR.1);
    w.same_after_full_redraw("7-back-to-calendar");

    // Tomorrow's call list, the first line asked to confirm, closed again.
    let (x, y) = desk::call_list(lang);
    w.click(x, y);
    let (x, y) = desk::first_ask(lang);
    w.click(x, y);
    w.same_after_full_redraw("8-call-list-asked");
    w.key("Escape");

    // Reports › Discounts.
    w.click(desk::TAB_REPORTS.0, desk::TAB_REPORTS.1);
    let (x, y) = desk::discounts(lang);
    w.click(x, y);
    // "Asking to confirm" shows for 10 s: compared once it has gone, so that
    // it does not fade between the two pictures.
    w.settle(NOTICE_GONE);
    w.same_after_full_redraw("9-reports-discounts");
}

#[test]
fn the_desk_in_english_draws_after_clicks_as_it_does_from_scratch() {
    if !skip_without_tools() {
        walk_the_desk("en");
    }
}

#[test]
fn the_desk_in_german_draws_after_clicks_as_it_does_from_scratch() {
    if !skip_without_tools() {
        walk_the_desk("de");
    }
}

/// The kiosk's buttons at 1366×768: "I'm here", and its number keypad.
mod kiosk {
    pub const CHECK_IN: (u32, u32) = (268, 408);
    pub const NEXT: (u32, u32) = (683, 650);

    pub fn key(digit: char) -> (u32, u32) {
        let d = digit.to_digit(10).unwrap_or(0);
        if d == 0 {
            return (683, 566);
        }
        let (row, col) = ((d - 1) / 3, (d - 1) % 3);
        (561 + col * 122, 314 + row * 84)
    }
}

/// A demo salon's file with a kiosk PIN, made by the program itself.
fn kiosk_salon(dir: &Path) -> PathBuf {
    let file = dir.join("salon.sqlite3");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_salondesk")).arg("--db").arg(&file).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["demo", "--customers", "300", "--years", "1", "--staff", "4"]);
    run(&["config", "set", "kiosk.pin", "246810"]);
    file
}

/// The kiosk as the test knows it: the same view on a copy of the salon's
/// file, laid out at the window's size, says where each label is drawn, and
/// follows every tap — so the real window is driven by what it shows, in
/// any language and at any size, without coordinates written down.
struct Twin {
    kiosk: salondesk::ui::kiosk::Kiosk,
    store: salondesk::store::Store,
    size: (u32, u32),
    lang: salondesk::domain::Language,
    _copy: tempfile::TempDir,
}

impl Twin {
    fn of(file: &Path, lang: salondesk::domain::Language, size: (u32, u32)) -> Twin {
        let copy = tempfile::tempdir().unwrap();
        let twin_file = copy.path().join("twin.sqlite3");
        std::fs::copy(file, &twin_file).unwrap();
        let store = salondesk::store::Store::open(&twin_file, "kiosk").unwrap();
        let kiosk = salondesk::ui::kiosk::Kiosk::new(&store, Some(lang), chrono::Utc::now()).unwrap();
        Twin { kiosk, store, size, lang, _copy: copy }
    }

    /// How much the kiosk scales itself up on this screen.
    fn scale(&self) -> f32 {
        salondesk::ui::kiosk::scale_for(iced::Size::new(self.size.0 as f32, self.size.1 as f32))
    }

    fn simulator(&self) -> iced_test::Simulator<'_, salondesk::ui::kiosk::Message> {
        let settings = iced::Settings { default_font: salondesk::ui::FONT, ..Default::default() };
        let size = (self.size.0 as f32 / self.scale(), self.size.1 as f32 / self.scale());
        iced_test::Simulator::with_size(settings, size, self.kiosk.view())
    }

    /// Taps `label` in the real window where the twin draws it, and in the twin.
    fn tap(&mut self, window: &Window, label: &str) {
        let (centre, messages) = {
            let mut ui = self.simulator();
            let step = (self.kiosk.step, &self.kiosk.message);
            let found = ui.find(label.to_string()).unwrap_or_else(|e| panic!("no {label:?} at {step:?}: {e:?}"));
            let centre = found.bounds().center();
            ui.click(label.to_string()).unwrap();
            (centre, ui.into_messages().collect::<Vec<_>>())
        };
        for m in messages {
            salondesk::ui::kiosk::send(&mut self.kiosk, &mut self.store, m);
        }
        window.click((centre.x * self.scale()) as u32, (centre.y * self.scale()) as u32);
    }

    fn tap_key(&mut self, window: &Window, key: &str) {
        self.tap(window, &salondesk::ui::i18n::t(self.lang, key));
    }

    fn type_on_keys(&mut self, window: &Window, typed: &str) {
        for c in typed.chars() {
            self.tap(window, &c.to_string());
        }
    }
}

/// A customer books at the kiosk from the welcome screen to "Booked!", in
/// `lang` on a screen of `size`: every step photographed (to be looked at),
/// three of them required to match their full redraw.
fn walk_the_kiosk(code: &str, size: (u32, u32)) {
    let lang = salondesk::domain::Language::parse(code).unwrap();
    let display = Display::sized(size);
    let dir = tempfile::tempdir().unwrap();
    let file = kiosk_salon(dir.path());
    let mut twin = Twin::of(&file, lang, size);
    let name = format!("kiosk-{code}-{}x{}", size.0, size.1);
    let w = Window::open(&display, &["--db", file.to_str().unwrap(), "--lang", code, "kiosk"], &name);
    let shot = |w: &Window, step: &str| {
        w.park_pointer();
        w.shot(&w.shots.join(format!("{name}-{step}.png")));
    };
    w.same_after_full_redraw("1-welcome");
    twin.tap_key(&w, "kiosk-book");
    let service = twin.store.services().unwrap().into_iter().find(|s| s.active).unwrap();
    shot(&w, "2-service");
    twin.tap(&w, service.name_in(lang));
    shot(&w, "3-staff");
    twin.tap_key(&w, "kiosk-anyone");
    let tz = twin.store.salon().unwrap().time_zone;
    let (_, first) = *twin.kiosk.offered().next().expect("a free time");
    shot(&w, "4-time");
    twin.tap(&w, &salondesk::domain::clock::to_local(tz, first).format("%H:%M").to_string());
    twin.type_on_keys(&w, if code == "nb" { "+4791234567" } else { "+4915123456789" });
    w.same_after_full_redraw("5-phone");
    twin.tap_key(&w, "kiosk-next");
    twin.type_on_keys(&w, "ida");
    w.same_after_full_redraw("6-details");
    twin.tap_key(&w, "kiosk-next");
    shot(&w, "7-terms");
    twin.tap_key(&w, "kiosk-accept-book");
    w.same_after_full_redraw("8-booked");
}

#[test]
fn the_kiosk_in_german_on_a_large_touch_screen_books_a_customer_and_draws_right() {
    if !skip_without_tools() {
        walk_the_kiosk("de", (1920, 1080));
    }
}

#[test]
fn the_kiosk_in_norwegian_on_a_small_screen_books_a_customer_and_draws_right() {
    if !skip_without_tools() {
        walk_the_kiosk("nb", (1280, 800));
    }
}

#[test]
fn the_kiosk_in_german_on_a_small_screen_and_in_norwegian_on_a_large_one() {
    if !skip_without_tools() {
        walk_the_kiosk("de", (1280, 800));
        walk_the_kiosk("nb", (1920, 1080));
    }
}

#[test]
fn the_kiosk_keypad_draws_after_taps_as_it_does_from_scratch() {
    if skip_without_tools() {
        return;
    }
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("salon.sqlite3");
    let file = file.to_str().unwrap();
    let demo = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .args(["--db", file, "demo", "--customers", "300", "--years", "1", "--staff", "4"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    // No PIN, no kiosk: a public screen that anyone could leave.
    let refused = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .args(["--db", file, "kiosk"])
        .env("DISPLAY", display.name())
        .output()
        .unwrap();
    assert!(!refused.status.success(), "the kiosk started without a PIN");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("PIN"), "and says why");
    let pin = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .args(["--db", file, "config", "set", "kiosk.pin", "246810"])
        .output()
        .unwrap();
    assert!(pin.status.success(), "{}", String::from_utf8_lossy(&pin.stderr));
    let mut w = Window::open(&display, &["--db", file, "--lang", "de", "kiosk"], "kiosk-de");
    w.same_after_full_redraw("1-welcome");
    w.click(kiosk::CHECK_IN.0, kiosk::CHECK_IN.1);
    // A wet umbrella in the other hand: three taps, then the rest.
    for digit in "0151".chars() {
        let (x, y) = kiosk::key(digit);
        w.click(x, y);
    }
    w.same_after_full_redraw("2-number-typed");
    for digit in "23456789".chars() {
        let (x, y) = kiosk::key(digit);
        w.click(x, y);
    }
    w.click(kiosk::NEXT.0, kiosk::NEXT.1);
    w.same_after_full_redraw("3-no-appointment-found");

    // What Alt+F4 or a taskbar sends: the kiosk asks for the PIN and stays.
    w.request_close();
    w.same_after_full_redraw("4-close-requested");
    assert!(w.running(), "a close request does not end the kiosk");
    for digit in "111111".chars() {
        let (x, y) = kiosk::key(digit);
        w.click(x, y);
    }
    w.click(kiosk::NEXT.0, kiosk::NEXT.1);
    assert!(w.running(), "a wrong PIN does not end the kiosk");
    w.same_after_full_redraw("5-wrong-pin");
    // The right PIN, after the wait that the wrong one earned.
    std::thread::sleep(Duration::from_secs(6));
    for digit in "246810".chars() {
        let (x, y) = kiosk::key(digit);
        w.click(x, y);
    }
    w.click(kiosk::NEXT.0, kiosk::NEXT.1);
    let started = Instant::now();
    while w.running() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(!w.running(), "the right PIN closes the kiosk");
}

/// The desk as the test knows it (as the kiosk's `Twin`): the same view on a
/// copy of the salon's file at the window's size, to find where an
/// appointment and a staff column are drawn and to follow the pointer.
struct DeskTwin {
    app: salondesk::ui::app::App,
    store: salondesk::store::Store,
    _copy: tempfile::TempDir,
}

impl DeskTwin {
    fn of(file: &Path, lang: salondesk::domain::Language) -> DeskTwin {
        let copy = tempfile::tempdir().unwrap();
        let twin_file = copy.path().join("twin.sqlite3");
        std::fs::copy(file, &twin_file).unwrap();
        let mut store = salondesk::store::Store::open(&twin_file, "desk").unwrap();
        let (mut app, commands) = salondesk::ui::app::App::new(Ok(()), Some(lang), chrono::Utc::now());
        salondesk::ui::drive(&mut app, &mut store, commands);
        DeskTwin { app, store, _copy: copy }
    }

    fn simulator(&self) -> iced_test::Simulator<'_, salondesk::ui::app::Message> {
        let settings = iced::Settings { default_font: salondesk::ui::FONT, ..Default::default() };
        iced_test::Simulator::with_size(settings, (DESK.0 as f32, DESK.1 as f32), self.app.view())
    }

    fn find(&self, label: &str) -> Option<iced::Rectangle> {
        self.simulator().find(label.to_string()).ok().map(|found| found.bounds())
    }

    /// A raw pointer event where the real window gets it too.
    fn pointer(&mut self, at: iced::Point, event: iced::mouse::Event) {
        let messages: Vec<_> = {
            let mut ui = self.simulator();
            ui.point_at(at);
            ui.simulate([iced::Event::Mouse(event)]);
            ui.into_messages().collect()
        };
        for m in messages {
            salondesk::ui::send(&mut self.app, &mut self.store, m);
        }
    }

    fn click(&mut self, window: &Window, label: &str) {
        let centre = self.find(label).unwrap_or_else(|| panic!("no {label:?}")).center();
        let messages: Vec<_> = {
            let mut ui = self.simulator();
            ui.click(label.to_string()).unwrap();
            ui.into_messages().collect()
        };
        for m in messages {
            salondesk::ui::send(&mut self.app, &mut self.store, m);
        }
        window.click(centre.x as u32, centre.y as u32);
    }

    /// Picks entry `index` of `count` from the pick list in the container
    /// `list_id`, in both: the menu opens over what is there (below the list
    /// where there is more room below, else above), and the entry is clicked
    /// where iced lays it out — entries are not findable by their text, so
    /// the twin's own click at that point must pick something.
    fn pick(&mut self, window: &Window, list_id: &'static str, index: usize, count: usize) {
        let list = self.simulator().find(iced_test::selector::id(list_id)).expect("the pick list").bounds();
        // iced's menu: each entry one line (1.3 × the text size) and the
        // button padding (5 above and below) high.
        let entry = salondesk::ui::theme::font::BODY * 1.3 + 10.0;
        let below = DESK.1 as f32 - (list.y + list.height) > list.y;
        let y = if below {
            list.y + list.height + (index as f32 + 0.5) * entry
        } else {
            list.y - (count - index) as f32 * entry + 0.5 * entry
        };
        let at = iced::Point::new(list.center_x(), y);
        let messages: Vec<_> = {
            let mut ui = self.simulator();
            ui.click(iced_test::selector::id(list_id)).unwrap();
            ui.point_at(at);
            ui.simulate([
                iced::Event::Mouse(iced::mouse::Event::CursorMoved { position: at }),
                iced::Event::Mouse(iced::mouse::Event::ButtonPressed(iced::mouse::Button::Left)),
                iced::Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)),
            ]);
            ui.into_messages().collect()
        };
        assert!(!messages.is_empty(), "entry {index} of the menu under {list_id} picked");
        for m in messages {
            salondesk::ui::send(&mut self.app, &mut self.store, m);
        }
        window.click(list.center_x() as u32, list.center_y() as u32);
        window.same_after_full_redraw("menu-open");
        window.click(at.x as u32, at.y as u32);
    }

    /// Turns the real window's mouse wheel far down over the scrollable
    /// `page` until it ends at its bottom, and says by how much its content
    /// moved up: the twin's simulator starts from the top every time, so
    /// what the window shows at y is the twin's y + the shift.
    fn scroll_to_end(&self, window: &Window, page: &'static str, last: &str) -> f32 {
        let viewport = self.simulator().find(iced_test::selector::id(page)).expect("the page").bounds();
        let [x, y] = [viewport.center_x() as u32, viewport.center_y() as u32].map(|v| v.to_string());
        assert!(window.display.xdotool(&["mousemove", "--window", &window.id, &x, &y]).0);
        assert!(window.display.xdotool(&["click", "--repeat", "40", "--delay", "20", "5"]).0);
        window.settle(800);
        // The button's padding below its text (5) is the page's last pixel row.
        self.page_end_shift(page, last, 5.0)
    }

    /// How far the page `page` moves up when it shows its end, whose last
    /// pixel row is `below` under the text `last`.
    fn page_end_shift(&self, page: &'static str, last: &str, below: f32) -> f32 {
        let viewport = self.simulator().find(iced_test::selector::id(page)).expect("the page").bounds();
        let end = self.simulator().find(last.to_string()).unwrap_or_else(|_| panic!("no {last:?}")).bounds();
        (end.y + end.height + below - (viewport.y + viewport.height)).max(0.0)
    }

    /// A click in the real window where the scrolled page shows what the
    /// twin finds at `label` or field `id`; the twin gets `message`.
    fn click_shifted(
        &mut self,
        window: &Window,
        at: iced::Rectangle,
        shift: f32,
        message: salondesk::ui::app::Message,
    ) {
        salondesk::ui::send(&mut self.app, &mut self.store, message);
        window.click(at.center_x() as u32, (at.center_y() - shift) as u32);
    }

    /// Types into the field `id` in both: the real window gets a click on it
    /// and the keys, the twin the same through its simulator.
    fn type_into(&mut self, window: &Window, id: &'static str, typed: &str) {
        let centre = {
            let mut ui = self.simulator();
            ui.find(iced_test::selector::id(id)).unwrap_or_else(|_| panic!("no field {id}")).bounds().center()
        };
        let messages: Vec<_> = {
            let mut ui = self.simulator();
            ui.click(iced_test::selector::id(id)).unwrap();
            ui.typewrite(typed);
            ui.into_messages().collect()
        };
        for m in messages {
            salondesk::ui::send(&mut self.app, &mut self.store, m);
        }
        window.click(centre.x as u32, centre.y as u32);
        window.typed(typed);
    }
}

impl Window<'_> {
    /// Presses at `from`, moves a little and then to `to`, lets go: as a hand does.
    fn drag(&self, from: iced::Point, to: iced::Point) {
        let at = |p: iced::Point| [p.x.round().to_string(), p.y.round().to_string()];
        let [fx, fy] = at(from);
        let [nx, ny] = at(iced::Point::new(from.x, from.y + 4.0));
        let [tx, ty] = at(to);
        for step in [
            vec!["mousemove", "--window", &self.id, &fx, &fy],
            vec!["mousedown", "1"],
            vec!["mousemove", "--window", &self.id, &nx, &ny],
            vec!["mousemove", "--window", &self.id, &tx, &ty],
            vec!["mouseup", "1"],
        ] {
            assert!(self.display.xdotool(&step).0, "{step:?}");
            self.settle(250);
        }
        self.settle(500);
    }
}

#[test]
fn an_appointment_dragged_in_the_real_window_moves_to_the_other_column_and_leaves_no_ghost() {
    use iced::mouse::{Button, Event as Mouse};
    if skip_without_tools() {
        return;
    }
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("salon.sqlite3");
    let demo = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&file)
        .args(["demo", "--customers", "300", "--years", "1", "--staff", "4"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    let mut twin = DeskTwin::of(&file, salondesk::domain::Language::En);

    // A booked appointment on screen, and a staff member free at its time.
    let day = twin.app.calendar.appointments.clone();
    let staff = twin.app.data.as_ref().unwrap().staff.clone();
    let (target, other, grab, onto) = day
        .iter()
        .filter(|a| a.state == salondesk::domain::AppointmentState::Booked && a.minutes() >= 30)
        .find_map(|a| {
            let grab = twin.find(&a.customer_name)?.center();
            let free = staff.iter().find(|st| {
                st.id != a.staff_id && st.active && !day.iter().any(|b| b.staff_id == st.id && b.slot.overlaps(&a.slot))
            })?;
            let column = twin.find(&free.name)?;
            (grab.y > 200.0 && grab.y < 720.0)
                .then(|| (a.clone(), free.clone(), grab, iced::Point::new(column.center_x(), grab.y)))
        })
        .expect("an appointment on screen that another staff member could take");

    let w = Window::open(&display, &["--db", file.to_str().unwrap(), "--lang", "en"], "desk-drag");
    w.same_after_full_redraw("0-before");
    w.drag(grab, onto);
    twin.pointer(grab, Mouse::ButtonPressed(Button::Left));
    let nudged = iced::Point::new(grab.x, grab.y + 4.0);
    twin.pointer(nudged, Mouse::CursorMoved { position: nudged });
    twin.pointer(onto, Mouse::CursorMoved { position: onto });
    twin.pointer(onto, Mouse::ButtonReleased(Button::Left));
    // Earlier today, or outside someone's hours: the desk asks first.
    if twin.find("Save anyway").is_some() {
        twin.click(&w, "Save anyway");
    }
    // "Appointment changed" fades after 10 s: compared once it has gone (a
    // busy machine takes longer than that for the two pictures), which also
    // shows that its fading leaves nothing behind.
    w.settle(NOTICE_GONE);
    w.same_after_full_redraw("1-dragged");

    let store = salondesk::store::Store::open(&file, "test").unwrap();
    let moved = store.appointment(target.id).unwrap();
    assert_eq!((moved.staff_id, moved.slot), (other.id, target.slot), "moved to {}, same time", other.name);
    drop(store);

    // Closed after a change: the day's copy from the start, and one more of the change.
    let mut w = w;
    w.request_close();
    let started = Instant::now();
    while w.running() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(!w.running(), "the desk closes when asked");
    let copies = salondesk::store::backup::list(&file, &dir.path().join("backups"));
    assert_eq!(copies.len(), 2, "{copies:?}");
    let newest = salondesk::store::Store::open_read_only(&copies[0].path, "check").unwrap();
    assert_eq!(newest.appointment(target.id).unwrap().staff_id, other.id, "the copy at closing has the move");
}

/// A small demo salon (200 customers, a year, three staff) in `dir`.
fn small_demo(dir: &Path) -> PathBuf {
    let file = dir.join("salon.sqlite3");
    let demo = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .arg("--db")
        .arg(&file)
        .args(["demo", "--customers", "200", "--years", "1", "--staff", "3"])
        .output()
        .unwrap();
    assert!(demo.status.success(), "{}", String::from_utf8_lossy(&demo.stderr));
    file
}

/// The till as the receptionist meets it in the real window: a sale to
/// someone without an appointment, a product picked from its list (a menu
/// over the dialog), a voucher sold, paid by card with the own till's
/// number, recorded — each step drawn as it is drawn from scratch, and the
/// record in the file as the window made it.
fn walk_the_till(lang: salondesk::domain::Language) {
    use salondesk::ui::i18n::t;
    use salondesk::ui::screen::calendar::till::ids;
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = small_demo(dir.path());
    let mut twin = DeskTwin::of(&file, lang);
    let code = lang.code();
    let w = Window::open(&display, &["--db", file.to_str().unwrap(), "--lang", code], &format!("till-{code}"));

    twin.click(&w, &t(lang, "till-sale"));
    w.same_after_full_redraw("1-sale");
    let products: Vec<_> = twin.app.data.as_ref().unwrap().products.iter().filter(|p| p.active).cloned().collect();
    twin.pick(&w, ids::ADD_PRODUCT, 0, products.len());
    let product = &products[0];
    w.same_after_full_redraw("3-product-added");
    twin.type_into(&w, ids::VOUCHER_VALUE, "50");
    twin.click(&w, &t(lang, "till-sell-voucher"));
    twin.type_into(&w, ids::RECEIPT, "4711");
    twin.click(&w, &t(lang, "method-card"));
    w.same_after_full_redraw("4-paid");
    twin.click(&w, &t(lang, "till-record"));
    w.same_after_full_redraw("5-recorded");
    twin.click(&w, &t(lang, "button-close"));
    w.settle(NOTICE_GONE);
    w.same_after_full_redraw("6-closed");

    let store = salondesk::store::Store::open_read_only(&file, "test").unwrap();
    let sold = twin.app.calendar.till.is_none();
    assert!(sold, "the twin's till closed as the window's did");
    let records = store
        .records_between(
            chrono_tz::UTC,
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap(),
        )
        .unwrap();
    let last = records.last().expect("the sale recorded by the window");
    let kinds: Vec<_> = last.draft.lines.iter().map(|l| (l.kind, l.description.clone())).collect();
    assert!(kinds.iter().any(|(_, d)| *d == product.name), "{kinds:?}");
    assert!(kinds.iter().any(|(k, _)| *k == salondesk::domain::checkout::LineKind::Voucher), "{kinds:?}");
    assert_eq!(last.draft.total(), product.price_cents + 5_000);
    assert_eq!(last.draft.till_receipt, "4711", "the own till's number kept");
}

#[test]
fn the_till_in_english_sells_a_product_and_a_voucher_and_draws_right() {
    if !skip_without_tools() {
        walk_the_till(salondesk::domain::Language::En);
    }
}

#[test]
fn the_till_in_german_sells_a_product_and_a_voucher_and_draws_right() {
    if !skip_without_tools() {
        walk_the_till(salondesk::domain::Language::De);
    }
}

/// Messages › Newsletter in the real window: a status ticked (the count
/// changes), the list opened, sending asked — drawn as from scratch.
#[test]
fn the_newsletter_in_german_counts_and_lists_and_draws_right() {
    use salondesk::ui::i18n::t;
    if skip_without_tools() {
        return;
    }
    let lang = salondesk::domain::Language::De;
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = small_demo(dir.path());
    let mut twin = DeskTwin::of(&file, lang);
    let w = Window::open(&display, &["--db", file.to_str().unwrap(), "--lang", "de"], "newsletter-de");
    twin.click(&w, &t(lang, "nav-messages"));
    twin.click(&w, &t(lang, "messages-newsletter"));
    w.same_after_full_redraw("1-newsletter");
    // The first status: the demo's regulars, most of whom may receive it.
    let regulars = twin.app.data.as_ref().unwrap().statuses[0].name.clone();
    twin.click(&w, &regulars);
    twin.click(&w, &t(lang, "newsletter-show-list"));
    w.same_after_full_redraw("2-status-listed");
    let reach = twin.app.messages.newsletter.reach.clone().expect("counted");
    assert!(reach.count > 0, "the demo's regulars who may receive it");
    twin.click(&w, &t(lang, "newsletter-send"));
    w.same_after_full_redraw("3-asked");
}

/// A customer's card and her rights in the real window, in English: who
/// sent her picked from the suggestions, her data exported, the erase panel
/// with her name typed and the card erased; then Reports › Vouchers and
/// Referrals, and Messages › Newsletter switched to SMS — each step drawn
/// as it is drawn from scratch, and the file as the window left it.
#[test]
fn a_card_referred_exported_and_erased_and_the_lists_in_english_draw_right() {
    use salondesk::ui::i18n::t;
    use salondesk::ui::screen::customers::{self, card};
    if skip_without_tools() {
        return;
    }
    let lang = salondesk::domain::Language::En;
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = small_demo(dir.path());
    let mut twin = DeskTwin::of(&file, lang);
    let w = Window::open(&display, &["--db", file.to_str().unwrap(), "--lang", "en"], "desk-rights-en");

    twin.click(&w, &t(lang, "nav-customers"));
    twin.type_into(&w, customers::SEARCH_ID, "ar");
    let hits = twin.app.customers.hits.clone();
    assert!(hits.len() >= 2, "the demo has customers called …ar…");
    let (her, referrer) = (hits[0].clone(), hits[1].clone());
    twin.click(&w, &her.name);
    w.same_after_full_redraw("1-card");

    // "Referred by": two letters of the other's name, her suggestion picked.
    let typed: String = referrer.name.chars().take(4).collect();
    twin.type_into(&w, card::REFERRER_ID, &typed);
    w.same_after_full_redraw("2-referrer-suggested");
    let suggestion = salondesk::ui::words::joined(&[&referrer.name, &referrer.phone]);
    twin.click(&w, &suggestion);
    twin.click(&w, &t(lang, "button-save"));
    w.same_after_full_redraw("3-referrer-saved");

    twin.click(&w, &t(lang, "customer-export"));
    w.same_after_full_redraw("4-exported");
    let exports: Vec<_> = std::fs::read_dir(dir.path().join("exports")).unwrap().flatten().collect();
    assert!(exports.iter().any(|e| e.path().extension().is_some_and(|x| x == "json")), "the window wrote her file");
    assert!(twin.find(&t(lang, "reports-open-folder")).is_some(), "its folder opened only when asked");

    // At the card's end (the wheel turned down): "Erase customer…", her name typed.
    let shift = twin.scroll_to_end(&w, card::PAGE_ID, &t(lang, "customer-erase"));
    let say = salondesk::ui::app::Message::Customers;
    let ask = twin.find(&t(lang, "customer-erase")).unwrap();
    twin.click_shifted(&w, ask, shift, say(customers::Message::EraseAsk));
    // The panel opened at the page's end, shown, its field focused: the name typed.
    salondesk::ui::send(&mut twin.app, &mut twin.store, say(customers::Message::EraseTyped(her.name.clone())));
    w.typed(&her.name);
    w.same_after_full_redraw("5-erase-typed");
    let shift = twin.page_end_shift(card::PAGE_ID, &t(lang, "customer-erase-now"), 18.0);
    let now = twin.find(&t(lang, "customer-erase-now")).unwrap();
    twin.click_shifted(&w, now, shift, say(customers::Message::Erase));
    w.same_after_full_redraw("6-erased");

    twin.click(&w, &t(lang, "nav-reports"));
    twin.click(&w, &t(lang, "reports-vouchers"));
    w.settle(NOTICE_GONE);
    w.same_after_full_redraw("7-vouchers");
    twin.click(&w, &t(lang, "reports-referrals"));
    w.same_after_full_redraw("8-referrals");

    twin.click(&w, &t(lang, "nav-messages"));
    twin.click(&w, &t(lang, "messages-newsletter"));
    twin.pick(&w, salondesk::ui::screen::messages::newsletter::CHANNEL_ID, 1, 2);
    w.same_after_full_redraw("9-newsletter-sms");
    assert_eq!(twin.app.messages.newsletter.channel, salondesk::domain::template::Channel::Sms);

    drop(w);
    let store = salondesk::store::Store::open_read_only(&file, "test").unwrap();
    let erased = store.customer(her.id).unwrap();
    assert!(erased.first_name != her.name && !erased.phone.contains(&her.phone), "erased by the window");
    let referrals = store.referrals().unwrap();
    assert!(referrals.iter().any(|r| r.referred_id == her.id && r.referrer_id == referrer.id), "{referrals:?}");
}

/// A second start of the desk on the same file opens no second window (no
/// second writer): it says the desk is open and ends, and the first desk
/// is asked to the front and goes on; another salon's file still opens.
#[test]
fn a_second_desk_on_one_file_opens_no_second_window() {
    if skip_without_tools() {
        return;
    }
    let display = Display::start();
    let dir = tempfile::tempdir().unwrap();
    let file = small_demo(dir.path());
    let db = file.to_str().unwrap();
    let mut first = Window::open(&display, &["--db", db, "--lang", "en"], "desk-first");
    let started = Instant::now();
    let second = Command::new(env!("CARGO_BIN_EXE_salondesk"))
        .args(["--db", db, "--lang", "de"])
        .env("DISPLAY", display.name())
        .output()
        .unwrap();
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert!(started.elapsed() < Duration::from_secs(20), "the second start ended by itself");
    let said = String::from_utf8_lossy(&second.stdout);
    assert!(said.contains("schon geöffnet"), "said in its language: {said}");
    assert!(salondesk::instance::raise_path(&file).exists(), "the first desk was asked to the front");
    assert!(first.program.try_wait().unwrap().is_none(), "the first desk goes on");
    // The first desk heard it (its log says so; a window manager would raise it).
    let heard =
        || {
            std::fs::read_dir(dir.path().join("logs")).into_iter().flatten().flatten().any(|f| {
                std::fs::read_to_string(f.path()).is_ok_and(|log| log.contains("this window comes to the front"))
            })
        };
    let asked = Instant::now();
    while !heard() && asked.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(heard(), "the first desk was told to come to the front");
    let (_, windows) = display.xdotool(&["search", "--onlyvisible", "--name", "Salondesk"]);
    assert_eq!(windows.lines().count(), 1, "one window: {windows}");

    // Closed, the file is free for the next start.
    let _ = first.program.kill();
    let _ = first.program.wait();
    let again = Window::open(&display, &["--db", db, "--lang", "en"], "desk-again");
    assert!(std::fs::metadata(salondesk::instance::lock_path(&file)).is_ok());
    drop(again);
}
