//! `salondesk`: the desk (default) or a headless command. On Windows this
//! is the console program (the commands print and the prompt waits);
//! `salondesk-desk` is the same without a console window, for the Start menu.

fn main() -> anyhow::Result<()> {
    salondesk::cli::main()
}
