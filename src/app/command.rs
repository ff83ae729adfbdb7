//! What the UI asks for. Panels return commands; the app applies them after drawing.

/// A user action.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Show a document (index into the loaded documents).
    SelectDocument(usize),
    /// Show one section of the current document (index into its sections), or all of it.
    SelectSection(Option<usize>),
    /// Collapse or expand a section of the outline.
    ToggleCollapsed(usize),
    ToggleTheme,
}
