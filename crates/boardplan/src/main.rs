//! `boardplan`: the command line. Parses arguments, opens the store, and hands each
//! sub-command to its module under `commands/`. Errors are printed in plain language.

mod cli;
mod commands;
mod config;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    end_quietly_when_the_reader_goes();
    let mut args = cli::Cli::parse();
    let logging = match config::resolve(&mut args) {
        Ok(logging) => logging,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = init_logging(&logging) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if reader_went_away(&e) => ExitCode::from(141),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// `boardplan export | head` closes the pipe before everything is printed, and Rust's print
/// macros then panic with a message that reads like a crash. The reader has what it wanted:
/// stop quietly with the status a shell gives a program ended by a closed pipe (128 + SIGPIPE).
fn end_quietly_when_the_reader_goes() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report(info);
    }));
}

/// Whether a command failed only because whoever read its output stopped reading.
fn reader_went_away(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Logs go to stderr so that `--json` output on stdout stays clean: as text, or as one JSON
/// object a line (`BOARDPLAN_LOG_FORMAT=json`) with each event's fields at the top level.
/// The filter (`BOARDPLAN_LOG`, e.g. `debug`) is resolved with the other settings.
fn init_logging(logging: &config::Logging) -> Result<(), String> {
    let filter = tracing_subscriber::EnvFilter::try_new(&logging.filter).map_err(|e| {
        format!(
            "the log filter \"{}\" cannot be read ({e}): give a level such as warn, info or \
             debug, or directives such as warn,boardplan::request=info",
            logging.filter
        )
    })?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match logging.format {
        config::LogFormat::Text => builder.init(),
        config::LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_span_list(false)
            .init(),
    }
    Ok(())
}
