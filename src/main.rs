//! `duizhao`: with a subcommand, the CLI; without one, the desktop app.

use clap::Parser;

mod cli;

fn main() {
    // Usage mistakes exit 1 like any failure that is not an unreadable file (clap's own
    // default, 2, is what README reserves for "a file could not be read"); --help and
    // --version exit 0.
    let cli = cli::Cli::try_parse().unwrap_or_else(|e| {
        let _ = e.print();
        std::process::exit(i32::from(e.use_stderr()));
    });
    let code = match cli.command {
        Some(cli::Command::Open(args)) => open_gui(args.files),
        Some(command) => cli::run(command),
        None => open_gui(Vec::new()),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_gui(paths: Vec<std::path::PathBuf>) -> i32 {
    match duizhao::app::run_with(paths) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("duizhao: cannot open the window: {e}");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_gui(_paths: Vec<std::path::PathBuf>) -> i32 {
    eprintln!("duizhao was built without the `gui` feature; use a subcommand (see --help)");
    2
}
