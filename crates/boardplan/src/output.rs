//! How results are shown: the import report for people and as JSON, and text wrapping.

use anyhow::Result;
use domain::ImportReport;
use serde_json::{Value, json};
use store::ImportOutcome;

/// Print an import report. With `json`, one JSON document on stdout: the report's fields,
/// plus `outcome` once something was stored.
pub fn print_report(
    report: &ImportReport,
    outcome: Option<&ImportOutcome>,
    as_json: bool,
) -> Result<()> {
    if as_json {
        let mut v = serde_json::to_value(report)?;
        if let (Some(o), Value::Object(map)) = (outcome, &mut v) {
            map.insert("outcome".into(), outcome_json(o));
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    let c = &report.counts;
    println!(
        "Found {} agencies, {} sub-groups (+{} proposed), {} reviews with {} recommendations, \
         {} objectives, {} actions, {} lead roles, {} cross-references and {} trace links.",
        c.agencies,
        c.subgroups,
        c.proposed_subgroups,
        c.reviews,
        c.recommendations,
        c.objectives,
        c.actions,
        c.roles,
        c.cross_references,
        c.trace_links
    );
    if !report.warnings.is_empty() {
        println!("\nWarnings ({}):", report.warnings.len());
        for w in &report.warnings {
            let kind = serde_json::to_value(w.kind)?;
            println!(
                "  line {:>4}  [{}] {}",
                w.line,
                kind.as_str().unwrap_or("other"),
                w.message
            );
        }
    }
    if !report.inferred.is_empty() {
        println!("\nInferred — please check ({}):", report.inferred.len());
        for i in &report.inferred {
            println!("  line {:>4}  {}", i.line, i.what);
        }
    }
    if report.gaps.is_empty() {
        println!("\nEvery review recommendation is answered by the plan.");
    } else {
        println!(
            "\nGaps — recommendations nothing in the plan answers ({}):",
            report.gaps.len()
        );
        for g in &report.gaps {
            println!("  {} {}: {}", g.review, g.recommendation, g.text);
        }
    }
    println!();
    Ok(())
}

fn outcome_json(o: &ImportOutcome) -> Value {
    let plans = |v: &[(String, i64)]| {
        v.iter()
            .map(|(title, version)| json!({"title": title, "version": version}))
            .collect::<Vec<_>>()
    };
    match o {
        ImportOutcome::Created {
            partnership,
            plan_versions,
        } => {
            json!({"result": "created", "partnership": partnership, "plans": plans(plan_versions)})
        }
        ImportOutcome::AlreadyPresent {
            partnership,
            plan_title,
            version,
        } => json!({
            "result": "already_present",
            "partnership": partnership,
            "plans": [{"title": plan_title, "version": version}]
        }),
        ImportOutcome::Replaced {
            partnership,
            plan_versions,
        } => {
            json!({"result": "replaced", "partnership": partnership, "plans": plans(plan_versions)})
        }
    }
}

/// Wrap `text` to `width` columns, every line after the first indented by `indent` spaces.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_breaks_between_words_and_indents_the_rest() {
        assert_eq!(wrap("one two three four", 9, 2), "one two\n  three\n  four");
        assert_eq!(wrap("  spaced   out  ", 80, 0), "spaced out");
    }
}
