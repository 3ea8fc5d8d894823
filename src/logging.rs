//! Logs go to stderr and to a daily-rotated file beside the salon's database,
//! so that a failure the user saw can be traced afterwards.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::prelude::*;

/// Keep the returned guard alive for as long as the program runs: it flushes
/// the file log when dropped.
pub fn init(folder: Option<&std::path::Path>) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,wgpu=warn,iced=warn"));
    let stderr = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let (file, guard) = folder
        .and_then(|dir| {
            std::fs::create_dir_all(dir.join("logs")).ok()?;
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("salondesk")
                .filename_suffix("log")
                .max_log_files(14)
                .build(dir.join("logs"))
                .ok()
        })
        .map(tracing_appender::non_blocking)
        .map(|(w, g)| (Some(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(w)), Some(g)))
        .unwrap_or((None, None));
    let _ = tracing_subscriber::registry().with(filter).with(stderr).with(file).try_init();
    guard
}
