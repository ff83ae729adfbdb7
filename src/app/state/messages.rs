//! Everything the user is told — files not imported, an export written or refused, the
//! analysis failed, a taxonomy refused — in one list, shown in one place (the status bar,
//! and the messages panel for the whole list).

/// What a message is about (the messages panel groups by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Topic {
    /// A file that could not be imported, or an import's outcome.
    Import,
    Export,
    Analysis,
    Taxonomy,
    /// Opening or saving the project, its missing documents.
    Project,
    Other,
}

impl Topic {
    /// The heading of the topic's group in the messages panel.
    #[must_use]
    pub fn heading(self, errors: bool) -> &'static str {
        match (self, errors) {
            (Self::Import, true) => "Not imported",
            (Self::Import, false) => "Import",
            (Self::Export, _) => "Export",
            (Self::Analysis, _) => "Analysis",
            (Self::Taxonomy, _) => "Taxonomy",
            (Self::Project, true) => "Project: problems",
            (Self::Project, false) => "Project",
            (Self::Other, _) => "Other",
        }
    }
}

/// One thing the user is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub topic: Topic,
}

/// The messages of the session, oldest first.
#[derive(Debug, Default)]
pub struct Messages {
    items: Vec<Message>,
    /// The panel listing them all is open.
    pub open: bool,
}

/// At most this many are kept (an import of a thousand broken files names each one).
const KEEP: usize = 5_000;

impl Messages {
    pub fn push(&mut self, topic: Topic, text: impl Into<String>, error: bool) {
        if self.items.len() >= KEEP {
            self.items.remove(0);
        }
        self.items.push(Message {
            text: text.into(),
            error,
            topic,
        });
    }

    /// The latest message (what the status bar shows).
    #[must_use]
    pub fn latest(&self) -> Option<&Message> {
        self.items.last()
    }

    /// Every message, oldest first.
    #[must_use]
    pub fn all(&self) -> &[Message] {
        &self.items
    }

    /// The errors about one topic, oldest first.
    pub fn errors(&self, topic: Topic) -> impl Iterator<Item = &str> {
        self.items
            .iter()
            .filter(move |m| m.error && m.topic == topic)
            .map(|m| m.text.as_str())
    }

    /// Forget the latest message (the status bar's ×).
    pub fn dismiss_latest(&mut self) {
        self.items.pop();
    }

    /// Forget the messages about one topic.
    pub fn clear(&mut self, topic: Option<Topic>) {
        match topic {
            Some(t) => self.items.retain(|m| m.topic != t),
            None => self.items.clear(),
        }
        if self.items.is_empty() {
            self.open = false;
        }
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}
