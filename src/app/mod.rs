//! The desktop app (placeholder until the GUI lands).

/// Open the window.
///
/// # Errors
/// When no window can be opened (no display).
pub fn run() -> Result<(), String> {
    Err("not yet".into())
}
