//! The navigation and as-at picker every partnership page shares.

use crate::view::{Loaded, day, today};

pub struct Nav {
    pub slug: String,
    pub name: String,
    pub current: &'static str,
    pub as_at: String,
    pub as_at_label: String,
    pub today: String,
    pub historic: bool,
    /// Showing only what had been recorded by the end of the day, not the day as known now.
    pub as_recorded: bool,
    query: String,
}

impl Nav {
    pub fn new(l: &Loaded, current: &'static str) -> Self {
        Self {
            slug: l.slug.clone(),
            name: l.partnership.name.clone(),
            current,
            as_at: l.as_at.to_string(),
            as_at_label: day(l.as_at),
            today: today().to_string(),
            historic: l.historic,
            as_recorded: l.as_recorded,
            query: l.as_at_query(),
        }
    }

    /// (key, label, href) for each section, keeping the as-at date.
    pub fn links(&self) -> Vec<(&'static str, &'static str, String)> {
        [
            ("dashboard", "Dashboard", ""),
            ("plan", "Plan", "/plan"),
            ("mine", "My actions", "/my-actions"),
            ("reviews", "Reviews", "/reviews"),
            ("board", "Board", "/board"),
            ("members", "Members", "/members"),
            ("meetings", "Meetings", "/meetings"),
            ("learning", "Learning", "/training"),
            ("documents", "Documents", "/documents"),
            ("audits", "Audits", "/audits"),
            ("indicators", "Indicators", "/indicators"),
            ("risks", "Risks", "/risks"),
            ("s11", "Section 11", "/s11"),
            ("reports", "Reports", "/reports"),
        ]
        .into_iter()
        .map(|(k, label, path)| (k, label, format!("/p/{}{path}{}", self.slug, self.query)))
        .collect()
    }
}
