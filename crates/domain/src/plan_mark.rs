//! Which state of a plan something was taken from: the plan's version (a new one at every
//! import) and its latest edit (the newest action revision of that version, 0 for none).
//! A sheet exported from Boardplan carries one, so that importing it after newer work is
//! recognised as stale instead of silently undoing that work.

/// The state of the plan `title` that a sheet (or a page) was taken from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlanMark {
    pub title: String,
    pub version: i64,
    pub edit: i64,
}

impl PlanMark {
    /// For messages: `"Plan" version 2 (edit 7)`, or `(no edits)`.
    pub fn describe(&self) -> String {
        let edit = if self.edit == 0 {
            "no edits".to_string()
        } else {
            format!("edit {}", self.edit)
        };
        format!("\"{}\" version {} ({edit})", self.title, self.version)
    }
}

impl std::fmt::Display for PlanMark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}
