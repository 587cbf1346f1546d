//! What the program learns from where it runs. Natively the operating system says it. WASI has
//! neither terminals nor a current folder, so under it the npm package's launcher says them, in
//! `WXWORK_MIGRATE_TTY` (the streams on a terminal: `stdout`, `stderr`) and
//! `WXWORK_MIGRATE_CWD`, so that colour, progress and every path follow the real ones; and
//! the language of the user's desktop ([`desktop_language`]).

mod language;

pub use language::desktop_language;

/// An output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

#[cfg(not(target_os = "wasi"))]
pub fn is_terminal(stream: Stream) -> bool {
    use std::io::IsTerminal;
    match stream {
        Stream::Stdout => std::io::stdout().is_terminal(),
        Stream::Stderr => std::io::stderr().is_terminal(),
    }
}

#[cfg(target_os = "wasi")]
pub fn is_terminal(stream: Stream) -> bool {
    let name = match stream {
        Stream::Stdout => "stdout",
        Stream::Stderr => "stderr",
    };
    std::env::var("WXWORK_MIGRATE_TTY").is_ok_and(|list| list.split(',').any(|s| s == name))
}

/// Moves into the folder the launcher ran in: WASI starts every module at `/`.
pub fn enter_current_folder() {
    #[cfg(target_os = "wasi")]
    if let Some(dir) = std::env::var_os("WXWORK_MIGRATE_CWD") {
        // A folder that cannot be entered leaves `/`, where every relative path then fails
        // with its own one-line error.
        let _ = std::env::set_current_dir(dir);
    }
}
