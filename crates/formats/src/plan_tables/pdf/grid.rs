//! Tables from the lines drawn on a page: the vertical rulings that overlap make one table,
//! their distinct positions its column edges, the horizontal rulings across it its row edges.
//! A cell merged with its neighbour has no ruling between them; its text is repeated into
//! every cell it covers, as the other readers do. Every letter inside a table goes to its
//! cell; the letters outside are lines of text between the tables.

use super::page::{Glyph, Page, Rule};
use super::runs::{self, first_word_width, group, right, text};

/// Rulings closer than this (points) are one: borders are often drawn twice, half a point apart.
const NEAR: f64 = 2.0;

/// A page's content in reading order.
pub(super) enum Item {
    Line(String),
    Table(Vec<Vec<String>>),
}

struct Ruled {
    xs: Vec<f64>,
    ys: Vec<f64>,
    rules: Vec<Rule>,
}

impl Ruled {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (left, right) = (self.xs[0], self.xs[self.xs.len() - 1]);
        let (top, bottom) = (self.ys[0], self.ys[self.ys.len() - 1]);
        (left..right).contains(&x) && (top..bottom).contains(&y)
    }

    /// The cell (row, column) a point falls in.
    fn cell(&self, x: f64, y: f64) -> (usize, usize) {
        let find = |edges: &[f64], v: f64| {
            edges
                .windows(2)
                .position(|w| v >= w[0] && v < w[1])
                .unwrap_or(edges.len() - 2)
        };
        (find(&self.ys, y), find(&self.xs, x))
    }

    /// Whether a horizontal ruling at row edge `r` runs under column `c`.
    fn ruled_below(&self, r: usize, c: usize) -> bool {
        let (y, mid) = (self.ys[r], (self.xs[c] + self.xs[c + 1]) / 2.0);
        self.rules.iter().any(|l| {
            l.horizontal() && (l.y0 - y).abs() < NEAR && l.x0 - NEAR <= mid && mid <= l.x1 + NEAR
        })
    }

    /// Whether a vertical ruling at column edge `c` runs beside row `r`.
    fn ruled_beside(&self, r: usize, c: usize) -> bool {
        let (x, mid) = (self.xs[c], (self.ys[r] + self.ys[r + 1]) / 2.0);
        self.rules.iter().any(|l| {
            l.vertical() && (l.x0 - x).abs() < NEAR && l.y0 - NEAR <= mid && mid <= l.y1 + NEAR
        })
    }
}

/// Distinct positions, each cluster of near ones as its first.
fn distinct(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        if out.last().is_none_or(|l| x - l > NEAR) {
            out.push(x);
        }
    }
    out
}

/// The ruled tables of a page, top to bottom.
fn tables(page: &Page) -> Vec<Ruled> {
    let mut verticals: Vec<Rule> = page.rules.iter().copied().filter(Rule::vertical).collect();
    verticals.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    // Vertical rulings whose spans overlap belong to one table.
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for v in verticals {
        match groups.last_mut() {
            Some(g) if v.y0 <= g.iter().map(|r| r.y1).fold(f64::MIN, f64::max) + NEAR => g.push(v),
            _ => groups.push(vec![v]),
        }
    }
    groups
        .into_iter()
        .filter_map(|g| {
            let xs = distinct(g.iter().map(|r| r.x0).collect());
            let (top, bottom) = (
                g.iter().map(|r| r.y0).fold(f64::MAX, f64::min),
                g.iter().map(|r| r.y1).fold(f64::MIN, f64::max),
            );
            let (left, right) = (xs[0], xs[xs.len() - 1]);
            let rules: Vec<Rule> = page
                .rules
                .iter()
                .copied()
                .filter(|r| {
                    r.y0 >= top - NEAR
                        && r.y1 <= bottom + NEAR
                        && r.x1 >= left - NEAR
                        && r.x0 <= right + NEAR
                })
                .collect();
            let mut ys: Vec<f64> = rules
                .iter()
                .filter(|r| r.horizontal())
                .map(|r| r.y0)
                .collect();
            ys.extend([top, bottom]);
            let ys = distinct(ys);
            (xs.len() >= 2 && ys.len() >= 2).then_some(Ruled { xs, ys, rules })
        })
        .collect()
}

/// The page's lines and tables, in reading order.
pub(super) fn layout(page: &Page, furniture: &[String]) -> Vec<Item> {
    let found = tables(page);
    let mut inside: Vec<Vec<&Glyph>> = vec![Vec::new(); found.len()];
    let mut outside: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        // A letter's middle, not its baseline, says which cell it is in.
        let (x, y) = (g.x + g.width / 2.0, g.y - g.size * 0.3);
        match found.iter().position(|t| t.contains(x, y)) {
            Some(i) => inside[i].push(g),
            None => outside.push(g),
        }
    }
    let edge = page
        .glyphs
        .iter()
        .map(|g| g.x + g.width)
        .fold(f64::MIN, f64::max);
    let tops: Vec<f64> = found.iter().map(|t| t.ys[0]).collect();
    let lines = runs::paragraphs(runs::lines(outside, page, furniture), edge, &tops);
    let mut items: Vec<(f64, Item)> = lines
        .into_iter()
        .map(|l| (l.y, Item::Line(l.text)))
        .collect();
    for (t, glyphs) in found.iter().zip(inside) {
        if !glyphs.is_empty() {
            items.push((t.ys[0], Item::Table(cells(t, glyphs))));
        }
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    items.into_iter().map(|(_, i)| i).collect()
}

/// Each cell's text, a merged cell's repeated into every cell it covers.
fn cells(t: &Ruled, glyphs: Vec<&Glyph>) -> Vec<Vec<String>> {
    let (rows, cols) = (t.ys.len() - 1, t.xs.len() - 1);
    // The cell each cell is part of: itself, or the one above or to the left it merges into.
    let mut owner = vec![vec![(0, 0); cols]; rows];
    for r in 0..rows {
        for c in 0..cols {
            owner[r][c] = if c > 0 && !t.ruled_beside(r, c) {
                owner[r][c - 1]
            } else if r > 0 && !t.ruled_below(r, c) {
                owner[r - 1][c]
            } else {
                (r, c)
            };
        }
    }
    let mut letters: Vec<Vec<Vec<&Glyph>>> = vec![vec![Vec::new(); cols]; rows];
    for g in glyphs {
        let (r, c) = t.cell(g.x + g.width / 2.0, g.y - g.size * 0.3);
        let (r, c) = owner[r][c];
        letters[r][c].push(g);
    }
    (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| {
                    let (or, oc) = owner[r][c];
                    let edge = (oc..cols)
                        .take_while(|&k| owner[or][k] == (or, oc))
                        .last()
                        .map_or(t.xs[oc + 1], |k| t.xs[k + 1]);
                    cell_text(&letters[or][oc], edge)
                })
                .collect()
        })
        .collect()
}

/// A cell's lines: a line that the one before it could have taken on was begun by the writer
/// (a new paragraph: a line break), one that could not is the same paragraph wrapped (a
/// space).
fn cell_text(glyphs: &[&Glyph], edge: f64) -> String {
    let lines = group(glyphs.iter().copied());
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            let prev = &lines[i - 1];
            let room = edge - right(prev);
            let size = line[0].size;
            // Cell padding and a space: what the previous line needed to take the word on.
            let wrapped = first_word_width(line) + size * 0.9 > room;
            out.push(if wrapped { ' ' } else { '\n' });
        }
        out.push_str(&text(line));
    }
    out
}
