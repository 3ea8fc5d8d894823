//! `salondesk-desk`: the same program as `salondesk`, for the Start menu's
//! desk and kiosk entries: on Windows no console window opens behind the
//! window (the headless commands belong to `salondesk`, which has one).

#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> anyhow::Result<()> {
    salondesk::cli::main()
}
