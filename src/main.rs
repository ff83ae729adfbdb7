//! `duizhao`: with a subcommand, the CLI; without one, the desktop app.

use std::ffi::OsString;

use clap::{CommandFactory, Parser};

mod cli;

/// mimalloc for the whole process: the analysis makes and drops millions of small vectors
/// and strings, and the system allocator was a seventh of `align` on the bundled corpus.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Usage mistakes exit 1 like any failure that is not an unreadable file (clap's own
    // default, 2, is what README reserves for "a file could not be read"); --help and
    // --version exit 0.
    let cli = cli::Cli::try_parse_from(bare_files_open(std::env::args_os().collect())).unwrap_or_else(|e| {
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

/// `duizhao FILE…` means `duizhao open FILE…` when every argument is a file or folder that
/// exists and the first is no subcommand: Windows' file associations and macOS's `open -a`
/// start the program with the files alone.
fn bare_files_open(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(first) = args.get(1) else { return args };
    let names_a_subcommand = cli::Cli::command().find_subcommand(first).is_some();
    let all_paths = args[1..]
        .iter()
        .all(|a| !a.to_string_lossy().starts_with('-') && std::path::Path::new(a).exists());
    if !names_a_subcommand && all_paths {
        args.insert(1, OsString::from("open"));
    }
    args
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

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::bare_files_open;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn files_alone_open_in_the_app_and_everything_else_is_left_to_clap() {
        let dir = tempfile::tempdir().expect("temp dir");
        let project = dir.path().join("study.duizhao");
        std::fs::write(&project, "{}").expect("project");
        let p = project.to_string_lossy().into_owned();
        assert_eq!(
            bare_files_open(args(&["duizhao", &p])),
            args(&["duizhao", "open", &p]),
            "a double-clicked file"
        );
        for kept in [
            args(&["duizhao"]),
            args(&["duizhao", "outline", &p]),
            args(&["duizhao", "--version"]),
            args(&["duizhao", &p, "--json"]),
            args(&["duizhao", "no-such-file.txt"]),
        ] {
            assert_eq!(bare_files_open(kept.clone()), kept);
        }
    }
}
