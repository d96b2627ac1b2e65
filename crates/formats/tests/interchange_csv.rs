//! The plan as CSV: an exact round trip, a business manager's edits read as exactly those
//! edits, and bad sheets refused with the row and column to correct.

use crate::interchange_common::{action_mut, d, period, rich};
use domain::{Partnership, Role, Timescale};
use formats::{FormatError, Place, csv_plan};

/// The exported CSV as a grid of cells (heading row first).
fn grid(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A grid back to CSV text, LF line ends and no byte-order mark, as other tools write it.
fn to_csv(grid: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for row in grid {
        w.write_record(row).expect("write");
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
}

fn column(grid: &[Vec<String>], heading: &str) -> usize {
    grid[0]
        .iter()
        .position(|h| h == heading)
        .expect("the heading")
}

/// The 0-based grid row of the action with this id.
fn row_of(grid: &[Vec<String>], id: &str) -> usize {
    let c = column(grid, "Action id");
    grid.iter()
        .position(|r| r[c] == id)
        .expect("the action's row")
}

fn exported_grid() -> Vec<Vec<String>> {
    grid(&csv_plan::export(&rich(), 0))
}

fn import(text: &str) -> Result<Partnership, FormatError> {
    csv_plan::import(text.as_bytes(), &rich(), 0)
}

fn refused(grid: &[Vec<String>]) -> FormatError {
    import(&to_csv(grid)).expect_err("the sheet should be refused")
}

fn at(row: usize, column: &str) -> Place {
    Place::Row {
        row,
        column: Some(column.into()),
    }
}

#[test]
fn a_rich_plan_survives_export_import_export_exactly() {
    let p = rich();
    let first = csv_plan::export(&p, 0);
    let back = csv_plan::import(first.as_bytes(), &p, 0).expect("the export imports");
    assert_eq!(back, p);
    assert_eq!(csv_plan::export(&back, 0), first);
}

#[test]
fn an_objective_with_no_actions_survives_the_round_trip() {
    let p = rich();
    let first = csv_plan::export(&p, 1);
    assert_eq!(grid(&first).len(), 2);
    let back = csv_plan::import(first.as_bytes(), &p, 1).expect("the export imports");
    assert_eq!(back, p);
}

#[test]
fn the_export_is_utf8_with_a_byte_order_mark_crlf_line_ends_and_the_headings_in_order() {
    let text = csv_plan::export(&rich(), 0);
    assert!(text.starts_with(
        "\u{feff}Objective,Objective title,Action id,Number,Action,Sources,Timescale,Due,Leads,References,Duplicate of\r\n"
    ));
    assert!(text.ends_with("\r\n"));
    // A quote inside a cell is doubled, and a cell with a comma is quoted.
    assert!(
        text.contains(
            "\"Develop a \"\"Job description\"\" for members, clarifying expectations.\""
        )
    );
}

#[test]
fn every_action_row_shows_its_effective_sources_timescale_and_leads() {
    let g = exported_grid();
    let r = &g[row_of(&g, "4.2")];
    assert_eq!(r[column(&g, "Sources")], "C&D, PR, LR");
    assert_eq!(r[column(&g, "Timescale")], "Training Plan 2010-11");
    assert_eq!(r[column(&g, "Due")], "2011-03-31");
    assert_eq!(r[column(&g, "Leads")], "Chair, Training sub-group");
    let r = &g[row_of(&g, "1.2")];
    assert_eq!(r[column(&g, "Timescale")], "December 2009");
    assert_eq!(
        r[column(&g, "Leads")],
        "Chair, Policy and Procedures sub-group; Development Officer"
    );
    let r = &g[row_of(&g, "4.3")];
    assert_eq!(r[column(&g, "Duplicate of")], "2.1");
    assert_eq!(r[column(&g, "Leads")], "Chair, Quality Assurance sub-group");
    let r = &g[row_of(&g, "4.4")];
    assert_eq!(r[column(&g, "Due")], "");
}

#[test]
fn an_edited_sheet_imports_with_exactly_the_edits() {
    let mut g = exported_grid();
    let r = row_of(&g, "4.1");
    let (text, timescale, leads) = (
        column(&g, "Action"),
        column(&g, "Timescale"),
        column(&g, "Leads"),
    );
    g[r][text] = "Review the LSCB chairing arrangements".into();
    // The Due cell is left as exported: the new label is read afresh.
    g[r][timescale] = "March 2010".into();
    // A business manager's own column, and "Leads" moved to the front.
    for (i, row) in g.iter_mut().enumerate() {
        row.push(if i == 0 {
            "Progress".into()
        } else {
            "Green".into()
        });
        let moved = row.remove(leads);
        row.insert(0, moved);
    }
    let back = import(&to_csv(&g)).expect("the edited sheet imports");

    let mut expected = rich();
    let a = action_mut(&mut expected, 2, 0);
    a.text = "Review the LSCB chairing arrangements".into();
    a.timescale = Some(Timescale::parse("March 2010", Some(period())));
    assert_eq!(
        a.timescale.as_ref().and_then(|t| t.due),
        Some(d("2010-03-31"))
    );
    assert_eq!(back, expected);
}

#[test]
fn an_edited_due_date_overrides_the_due_and_keeps_the_label() {
    let mut g = exported_grid();
    let r = row_of(&g, "2.3");
    let due = column(&g, "Due");
    g[r][due] = "2009-12-15".into();
    let back = import(&to_csv(&g)).expect("imports");
    let mut expected = rich();
    action_mut(&mut expected, 1, 2).timescale = Some(Timescale {
        due: Some(d("2009-12-15")),
        inferred: false,
        ..Timescale::parse("Annually", Some(period()))
    });
    assert_eq!(back, expected);
}

#[test]
fn a_uk_date_as_excel_saves_it_is_read() {
    let mut g = exported_grid();
    let due = column(&g, "Due");
    for row in g.iter_mut().skip(1) {
        if let Some((y, rest)) = row[due].split_once('-') {
            let (m, day) = rest.split_once('-').expect("a date");
            row[due] = format!("{day}/{m}/{y}");
        }
    }
    assert_eq!(import(&to_csv(&g)), Ok(rich()));
}

#[test]
fn editing_the_first_row_of_an_objective_gives_that_action_its_own_timescale() {
    let mut g = exported_grid();
    let r = row_of(&g, "4.1");
    let (timescale, due) = (column(&g, "Timescale"), column(&g, "Due"));
    g[r][timescale] = "December 2009".into();
    g[r][due] = String::new();
    let back = import(&to_csv(&g)).expect("imports");
    let mut expected = rich();
    action_mut(&mut expected, 2, 0).timescale = Some(Timescale::parse("December 2009", None));
    assert_eq!(back, expected);
}

#[test]
fn a_changed_label_with_an_unchanged_due_is_read_afresh() {
    let mut g = exported_grid();
    let r = row_of(&g, "1.2");
    let timescale = column(&g, "Timescale");
    g[r][timescale] = "January 2010".into();
    let back = import(&to_csv(&g)).expect("imports");
    let t = back.plans[0].objectives[0].actions[1]
        .timescale
        .clone()
        .expect("own timescale");
    assert_eq!(t.label, "January 2010");
    assert_eq!(t.due, Some(d("2010-01-31")));
}

#[test]
fn a_value_typed_to_match_its_objective_becomes_inherited_again() {
    let mut g = exported_grid();
    let r = row_of(&g, "1.2");
    let (timescale, due) = (column(&g, "Timescale"), column(&g, "Due"));
    g[r][timescale] = "September 2009".into();
    g[r][due] = "2009-09-30".into();
    let back = import(&to_csv(&g)).expect("imports");
    assert_eq!(back.plans[0].objectives[0].actions[1].timescale, None);
}

#[test]
fn leads_are_matched_by_title_or_alias_ignoring_case_and_an_unknown_lead_becomes_a_role() {
    let mut g = exported_grid();
    let leads = column(&g, "Leads");
    let r = row_of(&g, "2.3");
    g[r][leads] = "chair policy & procedure group; Head of Safeguarding".into();
    let back = import(&to_csv(&g)).expect("imports");
    assert_eq!(
        back.plans[0].objectives[1].actions[2].leads,
        ["chair-policy-and-procedure", "head-of-safeguarding"]
    );
    assert_eq!(
        back.roles.last(),
        Some(&Role {
            id: "head-of-safeguarding".into(),
            title: "Head of Safeguarding".into(),
            aliases: vec![],
            subgroup: None,
        })
    );
    assert_eq!(back.roles.len(), rich().roles.len() + 1);
}

#[test]
fn a_new_row_without_an_action_id_gets_one_from_its_number() {
    let mut g = exported_grid();
    let mut new = g[row_of(&g, "4.4")].clone();
    let (id, number, text) = (
        column(&g, "Action id"),
        column(&g, "Number"),
        column(&g, "Action"),
    );
    new[id] = String::new();
    new[number] = "4.2".into();
    new[text] = "A third 4.2".into();
    g.push(new);
    let back = import(&to_csv(&g)).expect("imports");
    let last = back.plans[0].objectives[2]
        .actions
        .last()
        .expect("the new action")
        .clone();
    assert_eq!((last.id.as_str(), last.number.as_str()), ("4.2#3", "4.2"));
}

#[test]
fn blank_rows_and_a_semicolon_separated_sheet_are_read() {
    let g = exported_grid();
    let mut text = String::new();
    for row in &g {
        let cells: Vec<String> = row
            .iter()
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        text.push_str(&cells.join(";"));
        text.push('\n');
    }
    text.push_str(";;;;\n\n\n");
    assert_eq!(import(&text), Ok(rich()));
}

#[test]
fn a_missing_required_column_is_refused_at_the_heading_row() {
    let mut g = exported_grid();
    let c = column(&g, "Action");
    for row in &mut g {
        row.remove(c);
    }
    let e = refused(&g);
    assert_eq!(e.place, at(1, "Action"));
    assert_eq!(e.problem, "the heading row has no \"Action\" column.");
    assert!(
        e.to_string()
            .contains("Add it back, or export a fresh sheet"),
        "{e}"
    );
}

#[test]
fn a_sheet_without_the_action_id_and_due_columns_still_imports() {
    let mut g = exported_grid();
    let (id, due) = (column(&g, "Action id"), column(&g, "Due"));
    for row in &mut g {
        row.remove(due);
        row.remove(id);
    }
    let back = import(&to_csv(&g)).expect("imports");
    let ids: Vec<&str> = back.plans[0]
        .actions()
        .map(|(_, a)| a.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "1.1", "1.2", "2.1", "2.2", "2.3", "4.1", "4.2", "4.2#2", "4.3", "4.4"
        ]
    );
    assert_eq!(back, rich());
}

#[test]
fn an_empty_action_number_is_refused_naming_the_row_and_column() {
    let mut g = exported_grid();
    let r = row_of(&g, "2.2");
    let number = column(&g, "Number");
    g[r][number] = " ".into();
    assert_eq!(refused(&g).place, at(r + 1, "Number"));
}

#[test]
fn an_impossible_date_is_refused_with_the_nearest_real_date_as_the_fix() {
    let mut g = exported_grid();
    let r = row_of(&g, "1.1");
    let due = column(&g, "Due");
    g[r][due] = "31/02/2010".into();
    let e = refused(&g);
    assert_eq!(e.place, at(r + 1, "Due"));
    assert_eq!(e.fix, "Write dates as 2010-02-28.");
}

#[test]
fn an_action_id_used_twice_is_refused_at_the_second_row() {
    let mut g = exported_grid();
    let r = row_of(&g, "4.2#2");
    let id = column(&g, "Action id");
    g[r][id] = "4.2".into();
    let e = refused(&g);
    assert_eq!(e.place, at(r + 1, "Action id"));
    assert!(
        e.problem.contains(&format!("already used on row {}", r)),
        "{}",
        e.problem
    );
    assert!(e.fix.contains("4.2#2"), "{}", e.fix);
}

#[test]
fn a_reference_to_an_id_the_sheet_does_not_have_is_refused() {
    let mut g = exported_grid();
    let r = row_of(&g, "2.2");
    let refs = column(&g, "References");
    g[r][refs] = "4.1, 9.9".into();
    let e = refused(&g);
    assert_eq!(e.place, at(r + 1, "References"));
    assert!(e.problem.contains("\"9.9\""), "{}", e.problem);
}

#[test]
fn a_duplicate_of_a_later_action_is_refused_at_its_row() {
    let mut g = exported_grid();
    let r = row_of(&g, "1.1");
    let dup = column(&g, "Duplicate of");
    g[r][dup] = "4.3".into();
    assert_eq!(refused(&g).place, at(r + 1, "Duplicate of"));
}

#[test]
fn a_source_code_no_review_has_is_refused_at_its_row() {
    let mut g = exported_grid();
    let r = row_of(&g, "2.2");
    let sources = column(&g, "Sources");
    g[r][sources] = "C&D, SCR".into();
    let e = refused(&g);
    assert_eq!(e.place, at(r + 1, "Sources"));
    assert!(e.problem.contains("\"SCR\""), "{}", e.problem);
}

#[test]
fn source_codes_are_matched_ignoring_case() {
    let mut g = exported_grid();
    let sources = column(&g, "Sources");
    for row in g.iter_mut().skip(1) {
        row[sources] = row[sources].to_lowercase();
    }
    assert_eq!(import(&to_csv(&g)), Ok(rich()));
}

#[test]
fn deleting_a_row_a_recommendation_names_is_refused_at_the_recommendation() {
    let mut g = exported_grid();
    let r = row_of(&g, "4.2#2");
    g.remove(r);
    let e = refused(&g);
    assert_eq!(
        e.place,
        Place::Field("reviews[1].recommendations[0].answered_by[0]".into())
    );
}

#[test]
fn row_numbers_count_blank_lines_as_a_spreadsheet_does() {
    let mut g = exported_grid();
    let number = column(&g, "Number");
    let r = row_of(&g, "1.2");
    g[r][number] = String::new();
    let text = to_csv(&g).replacen('\n', "\n\n", 1);
    let e = import(&text).expect_err("refused");
    assert_eq!(e.place, at(r + 2, "Number"));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_how_to_save_it() {
    let mut bytes = to_csv(&exported_grid()).into_bytes();
    bytes.extend_from_slice(b"4,x,,4.9,Caf\xe9,,,,,,\n");
    let e = csv_plan::import(&bytes, &rich(), 0).expect_err("refused");
    // Line 13: the 4.4 row holds a line break inside its quoted Action cell.
    assert_eq!(e.place, Place::Line(13));
    assert!(e.fix.contains("CSV UTF-8"), "{}", e.fix);
}

#[test]
fn a_sheet_with_no_heading_row_is_refused() {
    let e = import("a,b,c\n1,2,3\n").expect_err("refused");
    assert_eq!(e.place, Place::Document);
    assert!(e.problem.contains("column headings"), "{}", e.problem);
}

#[test]
fn a_sheet_with_headings_but_no_rows_is_refused_rather_than_emptying_the_plan() {
    let g = exported_grid();
    let e = refused(&g[..1]);
    assert_eq!(e.place, Place::Document);
}

#[test]
fn importing_into_a_plan_the_partnership_does_not_have_is_refused() {
    let text = csv_plan::export(&rich(), 0);
    let e = csv_plan::import(text.as_bytes(), &rich(), 5).expect_err("refused");
    assert_eq!(e.place, Place::Document);
}

#[test]
fn the_other_plans_and_the_rest_of_the_partnership_are_left_as_they_were() {
    let mut g = exported_grid();
    let r = row_of(&g, "1.1");
    let text = column(&g, "Action");
    g[r][text] = "Changed".into();
    let back = import(&to_csv(&g)).expect("imports");
    let p = rich();
    assert_eq!(back.plans[1], p.plans[1]);
    assert_eq!(back.reviews, p.reviews);
    assert_eq!(back.roles, p.roles);
    assert_eq!(back.plans[0].title, p.plans[0].title);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn any_action_text_survives_the_csv_round_trip(text in "[ -~\n\r\t’–é]{0,60}") {
        let mut p = rich();
        action_mut(&mut p, 2, 1).text = text;
        let first = csv_plan::export(&p, 0);
        let back = csv_plan::import(first.as_bytes(), &p, 0).expect("the export imports");
        proptest::prop_assert_eq!(back, p);
    }
}
