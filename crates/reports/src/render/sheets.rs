//! What the two workbook renderers (XLSX and ODS) share: a summary sheet's lines and sheet
//! names that every spreadsheet program accepts.

use crate::model::Report;

/// Sheet names for `captions`: at most 31 characters, none of `[]:*?/\`, unique (a repeat
/// gets " (2)"), never empty.
pub fn names<'a>(captions: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = vec!["Summary".to_owned()];
    for caption in captions {
        let clean: String = caption
            .chars()
            .map(|c| if "[]:*?/\\'".contains(c) { ' ' } else { c })
            .collect();
        let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        let base: String = if clean.is_empty() {
            "Table".to_owned()
        } else {
            clean
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let keep = 31 - suffix.chars().count();
            let name = format!(
                "{}{suffix}",
                base.chars().take(keep).collect::<String>().trim_end()
            );
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                out.push(name);
                break;
            }
            n += 1;
        }
    }
    out.remove(0);
    out
}

/// The lines at the top of the summary sheet: title, partnership, plan, date, generated.
pub fn heading_lines(report: &Report) -> [String; 5] {
    [
        report.title.clone(),
        report.partnership.clone(),
        report.plan.clone(),
        report.dateline(),
        report.generated_line(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let names = names([
            "Actions: red/amber [all]",
            "Actions: red/amber [all]",
            "A caption far longer than thirty-one characters",
            "summary",
        ]);
        assert_eq!(names[0], "Actions red amber all");
        assert_eq!(names[1], "Actions red amber all (2)");
        assert_eq!(names[2], "A caption far longer than thirt");
        assert_eq!(names[3], "summary (2)", "Summary is the first sheet's");
        assert!(names.iter().all(|n| n.chars().count() <= 31));
    }
}
