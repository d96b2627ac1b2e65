//! What every reader gives: the document as a run of blocks, each a heading (a paragraph
//! between tables, a sheet's title line) or a table of text cells.
//!
//! A merged cell is already undone here: its text is repeated in every cell it covered, so
//! that a row always has its values where its headings are.

/// One piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph outside any table: a title, an objective or priority heading.
    Heading(String),
    Table(Table),
}

/// A table as text: one `Vec` of cells per row; a cell of several paragraphs has them joined
/// by line breaks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Where the table is, as a person would find it: "table 2", "sheet \"Plan\"".
    pub name: String,
    /// The 1-based number of the first row, as the document shows it (a sheet's row).
    pub first_row: usize,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// "table 2, row 5": where row `index` (0-based) of this table is.
    pub fn place(&self, index: usize) -> String {
        format!("{}, row {}", self.name, self.first_row + index)
    }
}

/// A cell's text tidied: spaces collapsed within each line, blank lines dropped, and page
/// furniture a PDF or a print layout leaves in cells ("Page 1 of 9") taken out.
pub fn tidy(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = drop_page_marks(line);
            line.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Remove "Page 3 of 9" / "Page 1of 9" from a line.
fn drop_page_marks(line: &str) -> String {
    let lower = line.to_ascii_lowercase();
    let mut out = String::new();
    let mut rest = 0;
    let mut search = 0;
    while let Some(found) = lower[search..].find("page ") {
        let at = search + found;
        let after = &lower[at + 5..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let tail = after[digits..].trim_start();
        let of_digits = tail
            .strip_prefix("of")
            .map(|t| t.trim_start())
            .map(|t| t.chars().take_while(char::is_ascii_digit).count());
        match of_digits {
            Some(n) if digits > 0 && n > 0 => {
                let tail_start = lower.len() - tail.len();
                let of_rest = &lower[tail_start + 2..];
                let end = lower.len() - of_rest.trim_start().len() + n;
                out.push_str(&line[rest..at]);
                rest = end;
                search = end;
            }
            _ => search = at + 5,
        }
    }
    out.push_str(&line[rest..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_marks_and_extra_spaces_are_tidied_away() {
        assert_eq!(tidy("Monitoring  group Page 1of 9"), "Monitoring group");
        assert_eq!(tidy("Page 2 of 10\nReview  the audit"), "Review the audit");
        assert_eq!(
            tidy("the front page of the site"),
            "the front page of the site"
        );
        assert_eq!(tidy(" a \n\n b "), "a\nb");
    }
}
