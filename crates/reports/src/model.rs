//! The report as a document tree that knows nothing of any file format: sections with
//! headings, paragraphs, key figures, tables with header rows, RAG cells that carry a word
//! and a colour, and charts kept as data. Every renderer walks this one tree, so the HTML,
//! the PDF and the spreadsheets of one report always say the same thing.

use domain::Date;
use serde::Serialize;

use crate::kind::ReportKind;

/// Who may read a report. A public report holds no internal narrative, evidence or names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The board, its members, elected members and inspectors.
    Internal,
    /// Anyone: published on the partnership's website.
    Public,
}

/// One report, ready for any renderer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub kind: ReportKind,
    /// "Board meeting paper: progress on the improvement plan".
    pub title: String,
    /// The partnership's name.
    pub partnership: String,
    /// The plan reported on.
    pub plan: String,
    pub as_at: Date,
    /// The period the report covers, where it covers one (a quarter, a year).
    pub covers: Option<(Date, Date)>,
    pub audience: Audience,
    /// When the report was produced: the only thing that may differ between two renderings
    /// of the same data.
    pub generated_at: jiff::Timestamp,
    /// On a board paper, the change log's newest entry when it was produced: printed with the
    /// stamp, since like the stamp it says when the paper was made, not what it reports.
    pub change_log: Option<crate::ChangeLogHead>,
    pub sections: Vec<Section>,
}

/// A section: a heading and what sits under it, including sub-sections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Letters, digits and hyphens: an anchor in HTML, a bookmark elsewhere.
    pub id: String,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Block {
    Paragraph {
        text: String,
    },
    /// A short list of points.
    List {
        items: Vec<String>,
    },
    /// The few numbers a reader should take away, shown large.
    Figures {
        figures: Vec<KeyFigure>,
    },
    Table {
        table: Table,
    },
    /// A chart; every renderer also shows its data as a table.
    Chart {
        chart: Chart,
    },
    Section {
        section: Section,
    },
    /// A list of actions too long to read one by one in a paper. Documents (HTML, PDF, DOCX,
    /// ODT, text) show `note` and `summary`, the same actions counted by objective; workbooks
    /// and CSV, where a long list is easy to sort and filter, carry `full`, every row. The
    /// note says so, so no reader of the paper thinks rows were dropped.
    Summarised {
        note: String,
        summary: Table,
        full: Table,
    },
}

/// One headline number: "Actions complete: 21 of 49".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigure {
    pub label: String,
    pub value: String,
}

/// A table with one header row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Letters, digits and hyphens; also names the sheet in a workbook.
    pub id: String,
    /// Says what the table shows; a caption in documents, a title row in sheets.
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub header: String,
    /// Number columns are right-aligned and typed as numbers in spreadsheets.
    pub numeric: bool,
}

impl Column {
    pub fn text(header: &str) -> Self {
        Self {
            header: header.to_owned(),
            numeric: false,
        }
    }

    pub fn number(header: &str) -> Self {
        Self {
            header: header.to_owned(),
            numeric: true,
        }
    }
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Cell {
    Text {
        text: String,
    },
    /// A number and the text it is shown as (with its unit and decimals).
    Number {
        value: f64,
        text: String,
    },
    Date {
        date: Date,
    },
    Rag {
        mark: RagMark,
    },
    /// A word on a coloured ground: a rating on a partnership's own scale, a count in a heat
    /// map's cell. Like a RAG cell it always carries its word, never colour alone.
    Shaded {
        text: String,
        /// Background colour, `#rrggbb`.
        fill: &'static str,
        /// Text colour on that background, chosen for at least 4.5:1 contrast.
        ink: &'static str,
    },
    Empty,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text { text: text.into() }
    }

    /// A whole number.
    pub fn count(n: usize) -> Self {
        Cell::Number {
            value: n as f64,
            text: n.to_string(),
        }
    }

    /// A number shown with `decimals` places and `suffix` ("%", " per 10,000").
    pub fn measure(value: f64, decimals: u8, suffix: &str) -> Self {
        Cell::Number {
            value,
            text: format!("{}{suffix}", crate::words::number(value, decimals)),
        }
    }

    /// A date, or an empty cell.
    pub fn date(date: Option<Date>) -> Self {
        date.map_or(Cell::Empty, |date| Cell::Date { date })
    }

    /// The cell as words, the way a text renderer or a screen reader meets it.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text { text } | Cell::Number { text, .. } => text.clone(),
            Cell::Date { date } => crate::words::date(*date),
            Cell::Rag { mark } => mark.label(),
            Cell::Shaded { text, .. } => text.clone(),
            Cell::Empty => String::new(),
        }
    }
}

/// A RAG rating as a table shows it: always a word, and a colour beside it, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RagMark {
    /// "Red", "Amber", "Green", "Blue", "Grey" or "Not rated".
    pub word: &'static str,
    /// What the rating means: "off track", "complete"...
    pub meaning: &'static str,
    /// Background colour, `#rrggbb`.
    pub fill: &'static str,
    /// Text colour on that background, chosen for at least 4.5:1 contrast.
    pub ink: &'static str,
}

impl RagMark {
    /// "Red (off track)".
    pub fn label(&self) -> String {
        if self.meaning.is_empty() {
            self.word.to_owned()
        } else {
            format!("{} ({})", self.word, self.meaning)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Chart {
    /// One stacked bar per objective: how many of its actions are at each rating.
    RagBars(RagBars),
    /// Lines over periods: an indicator against its comparators and target.
    Trend(Trend),
    /// A share per bar against a threshold: attendance by agency.
    Shares(crate::governance::Shares),
}

/// Stacked bars of RAG counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RagBars {
    pub id: String,
    pub title: String,
    /// What the chart shows, in a sentence or two, for people who cannot see it.
    pub description: String,
    /// The ratings in the order the bars stack them, left to right.
    pub keys: Vec<RagMark>,
    pub bars: Vec<RagBar>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RagBar {
    pub label: String,
    /// One count per entry of [`RagBars::keys`].
    pub counts: Vec<u32>,
}

/// A line chart over periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The unit in words, for the axis: "per cent", "rate per 10,000".
    pub unit: String,
    /// Put after each value: "%", " per 10,000".
    pub suffix: String,
    pub decimals: u8,
    /// Period labels, oldest first: "2007-08", "2008-09".
    pub periods: Vec<String>,
    pub series: Vec<TrendSeries>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendSeries {
    pub label: String,
    /// One per period; `None` is a gap in the line.
    pub values: Vec<Option<f64>>,
}

impl Table {
    /// Each column's share of the table's width, summing to 1: text columns get three times
    /// a number column's room.
    pub fn widths(&self) -> Vec<f64> {
        let weights: Vec<f64> = self
            .columns
            .iter()
            .map(|c| if c.numeric { 1.0 } else { 3.0 })
            .collect();
        let total: f64 = weights.iter().sum();
        weights.iter().map(|w| w / total.max(1.0)).collect()
    }
}

impl Chart {
    pub fn id(&self) -> &str {
        match self {
            Chart::RagBars(c) => &c.id,
            Chart::Trend(c) => &c.id,
            Chart::Shares(c) => &c.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Chart::RagBars(c) => &c.title,
            Chart::Trend(c) => &c.title,
            Chart::Shares(c) => &c.title,
        }
    }

    pub fn description(&self) -> &str {
        match self {
            Chart::RagBars(c) => &c.description,
            Chart::Trend(c) => &c.description,
            Chart::Shares(c) => &c.description,
        }
    }

    /// The chart's data as a table, shown beside the chart (and instead of it where a format
    /// cannot draw).
    pub fn as_table(&self) -> Table {
        match self {
            Chart::Shares(c) => c.as_table(),
            Chart::RagBars(c) => {
                let mut columns = vec![Column::text("")];
                columns.extend(c.keys.iter().map(|k| Column::number(k.word)));
                columns.push(Column::number("Total"));
                Table {
                    id: format!("{}-data", c.id),
                    caption: format!("{} (the chart's data)", c.title),
                    columns,
                    rows: c
                        .bars
                        .iter()
                        .map(|b| {
                            let mut row = vec![Cell::text(&b.label)];
                            row.extend(b.counts.iter().map(|n| Cell::count(*n as usize)));
                            row.push(Cell::count(b.counts.iter().sum::<u32>() as usize));
                            row
                        })
                        .collect(),
                }
            }
            Chart::Trend(c) => {
                let mut columns = vec![Column::text("Period")];
                columns.extend(c.series.iter().map(|s| Column::number(&s.label)));
                Table {
                    id: format!("{}-data", c.id),
                    caption: format!("{} (the chart's data)", c.title),
                    columns,
                    rows: c
                        .periods
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let mut row = vec![Cell::text(p)];
                            row.extend(c.series.iter().map(|s| {
                                match s.values.get(i).copied().flatten() {
                                    Some(v) => Cell::measure(v, c.decimals, &c.suffix),
                                    None => Cell::text("no value"),
                                }
                            }));
                            row
                        })
                        .collect(),
                }
            }
        }
    }
}

impl Report {
    /// Every table of the report, charts' data tables included, in reading order; a
    /// summarised list gives its full table.
    pub fn tables(&self) -> Vec<Table> {
        fn walk(blocks: &[Block], out: &mut Vec<Table>) {
            for b in blocks {
                match b {
                    Block::Table { table } => out.push(table.clone()),
                    // The tables feed the workbooks and the CSV, which keep every row.
                    Block::Summarised { full, .. } => out.push(full.clone()),
                    Block::Chart { chart } => out.push(chart.as_table()),
                    Block::Section { section } => walk(&section.blocks, out),
                    Block::Paragraph { .. } | Block::List { .. } | Block::Figures { .. } => {}
                }
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(&s.blocks, &mut out);
        }
        out
    }

    /// The key figures of the report, in reading order.
    pub fn figures(&self) -> Vec<KeyFigure> {
        fn walk(blocks: &[Block], out: &mut Vec<KeyFigure>) {
            for b in blocks {
                match b {
                    Block::Figures { figures } => out.extend(figures.iter().cloned()),
                    Block::Section { section } => walk(&section.blocks, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for s in &self.sections {
            walk(&s.blocks, &mut out);
        }
        out
    }

    /// "as at 14 October 2009", or "1 July 2009 to 30 September 2009" for a period.
    pub fn dateline(&self) -> String {
        match self.covers {
            Some((from, to)) => format!(
                "{} to {} (as at {})",
                crate::words::date(from),
                crate::words::date(to),
                crate::words::date(self.as_at)
            ),
            None => format!("As at {}", crate::words::date(self.as_at)),
        }
    }

    /// "Generated by Boardplan on 2009-10-14 09:00 UTC", and on a board paper "; change log:
    /// entry 1234, fingerprint 9f2c41d07a6be853".
    pub fn generated_line(&self) -> String {
        let stamp = format!(
            "Generated by Boardplan on {} UTC",
            self.generated_at.strftime("%Y-%m-%d %H:%M")
        );
        match &self.change_log {
            Some(head) => format!(
                "{stamp}; change log: entry {}, fingerprint {}",
                head.entry,
                head.fingerprint()
            ),
            None => stamp,
        }
    }
}
