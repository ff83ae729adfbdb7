//! `duizhao`: with a subcommand, the CLI; without one, the desktop app.

use clap::Parser;

fn main() {
    let cli = duizhao::cli::Cli::parse();
    let code = match cli.command {
        Some(duizhao::cli::Command::Open(args)) => open_gui(args.files),
        Some(command) => duizhao::cli::run(command),
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
