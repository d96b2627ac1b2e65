//! A log entry in a line, for a person reading the log: what was done to which record, and
//! for a change, which fields went from what to what.

use serde_json::Value;

use super::chain::{Change, ChangeOp};

/// Longest a field's value is shown before it is cut short: the entry holds it all.
const MAX_VALUE_CHARS: usize = 60;

impl Change {
    /// What the entry records, e.g. `created "weekly RAG script" for lead@kingston.example
    /// (token 3)` or `changed lead@kingston.example: role board_member → administrator`.
    /// The kind of record is [`Change::entity`].
    pub fn what(&self) -> String {
        let verb = match self.op {
            ChangeOp::Create => "created",
            ChangeOp::Update => "changed",
            ChangeOp::Delete => "deleted",
            ChangeOp::Import => "imported",
        };
        let fields = match self.op {
            ChangeOp::Update => changed_fields(self.before.as_deref(), self.after.as_deref()),
            ChangeOp::Create | ChangeOp::Delete | ChangeOp::Import => Vec::new(),
        };
        if fields.is_empty() {
            format!("{verb} {}", self.entity_key)
        } else {
            format!("{verb} {}: {}", self.entity_key, fields.join("; "))
        }
    }
}

/// `field old → new` for each top-level field of two JSON objects that differs, by name.
fn changed_fields(before: Option<&str>, after: Option<&str>) -> Vec<String> {
    let parse = |text: Option<&str>| match text.map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(map))) => map,
        _ => serde_json::Map::new(),
    };
    let (before, after) = (parse(before), parse(after));
    after
        .iter()
        .filter(|(field, new)| before.get(*field) != Some(*new))
        .map(|(field, new)| {
            let old = before.get(field).unwrap_or(&Value::Null);
            format!("{field} {} → {}", shown(old), shown(new))
        })
        .collect()
}

fn shown(v: &Value) -> String {
    let text = match v {
        Value::Null => "none".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() <= MAX_VALUE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_VALUE_CHARS - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(op: ChangeOp, before: Option<&str>, after: Option<&str>) -> Change {
        Change {
            id: 1,
            at: "2026-11-26T09:30:00Z".into(),
            actor: "Jane".into(),
            entity: "membership".into(),
            entity_key: "ann@example.org".into(),
            op,
            before: before.map(String::from),
            after: after.map(String::from),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    #[test]
    fn a_change_names_each_field_that_moved_with_its_old_and_new_value() {
        let c = entry(
            ChangeOp::Update,
            Some(r#"{"account":"ann@example.org","role":"reader","holds":[]}"#),
            Some(r#"{"account":"ann@example.org","role":"administrator","holds":["chair"]}"#),
        );
        assert_eq!(
            c.what(),
            r#"changed ann@example.org: holds [] → ["chair"]; role reader → administrator"#
        );
        let revoked = entry(
            ChangeOp::Update,
            Some(r#"{"revoked_at":null}"#),
            Some(r#"{"revoked_at":"2026-11-26T09:30:00Z"}"#),
        );
        assert_eq!(
            revoked.what(),
            "changed ann@example.org: revoked_at none → 2026-11-26T09:30:00Z"
        );
    }

    #[test]
    fn other_entries_say_what_was_done_to_which_record_and_long_values_are_cut() {
        let made = entry(ChangeOp::Create, None, Some(r#"{"role":"reader"}"#));
        assert_eq!(made.what(), "created ann@example.org");
        let long = "x".repeat(100);
        let c = entry(
            ChangeOp::Update,
            Some(r#"{"narrative":"a"}"#),
            Some(&format!(r#"{{"narrative":"{long}"}}"#)),
        );
        assert!(
            c.what().ends_with(&format!("{}…", "x".repeat(59))),
            "{}",
            c.what()
        );
    }
}
