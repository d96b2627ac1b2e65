//! Which state of the plan a sheet was exported from, written into the sheet so that an old
//! sheet imported after newer work can be recognised and refused instead of undoing that work.
//!
//! The mark is one line of text a person can read and a spreadsheet keeps as it is: in a CSV,
//! the first cell of the first row (above the headings, which the reader finds wherever they
//! are); in an XLSX, cell A1 of a sheet named "Boardplan" beside the "Plan" sheet. A sheet
//! without it (exported before marks existed, or pasted into a new file) reads as unmarked.

/// The mark a sheet carries: the state of the plan it was exported from.
pub type SheetMark = domain::PlanMark;

const PREFIX: &str = "Boardplan export of \"";
const VERSION: &str = "\" version ";
const EDIT: &str = " edit ";
const KEEP: &str = ". Keep this line: it tells Boardplan which state of the plan the sheet \
                    was taken from, so that importing it cannot undo later changes.";

/// The line written into the sheet, e.g. `Boardplan export of "Plan" version 2 edit 7. Keep…`.
pub fn line(m: &SheetMark) -> String {
    format!(
        "{PREFIX}{}{VERSION}{}{EDIT}{}{KEEP}",
        m.title, m.version, m.edit
    )
}

/// The mark in a cell's text, if the cell holds one (spaces around it are ignored).
pub fn parse(cell: &str) -> Option<SheetMark> {
    let rest = cell.trim().strip_prefix(PREFIX)?;
    let (title, numbers) = rest.rsplit_once(VERSION)?;
    let (version, rest) = numbers.split_once(EDIT)?;
    let edit: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(SheetMark {
        title: title.to_string(),
        version: version.trim().parse().ok()?,
        edit: edit.parse().ok()?,
    })
}

/// Whether a line of a CSV file starts with a mark (quoted or not): it is not the heading
/// line, so its separators say nothing about the file's.
pub(crate) fn starts_line(line: &[u8]) -> bool {
    let line = line.strip_prefix(b"\"").unwrap_or(line);
    line.starts_with(PREFIX.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_reads_back_from_its_text_even_with_quotes_in_the_title() {
        let m = SheetMark {
            title: "Plan \"2024\" version 1, final".into(),
            version: 3,
            edit: 41,
        };
        assert_eq!(parse(&line(&m)), Some(m.clone()));
        assert_eq!(parse(&format!("  {}  ", line(&m))), Some(m));
    }

    #[test]
    fn other_text_is_not_a_mark() {
        assert_eq!(parse("Objective"), None);
        assert_eq!(parse("Boardplan export of \"P\" version x edit 1"), None);
        assert_eq!(parse(""), None);
    }
}
