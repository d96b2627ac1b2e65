//! A sheet says which state of the plan it was exported from, and says it still after a
//! spreadsheet has saved it again; the rows under the mark read exactly as without it.

use crate::interchange_common::rich;
use domain::PlanMark;
use formats::document::{self, DocumentKind};
use formats::{csv_plan, xlsx_plan};

fn mark() -> PlanMark {
    PlanMark {
        title: rich().plans[0].title.clone(),
        version: 3,
        edit: 17,
    }
}

#[test]
fn a_marked_csv_carries_its_mark_and_imports_as_an_unmarked_one() {
    let p = rich();
    let marked = csv_plan::export_marked(&p, 0, &mark());
    let plain = csv_plan::export(&p, 0);
    assert!(
        marked.starts_with("\u{feff}\"Boardplan export of"),
        "{marked}"
    );
    assert_eq!(csv_plan::mark(marked.as_bytes()), Some(mark()));
    assert_eq!(csv_plan::mark(plain.as_bytes()), None);
    assert_eq!(
        csv_plan::import(marked.as_bytes(), &p, 0),
        csv_plan::import(plain.as_bytes(), &p, 0)
    );
    let doc = document::read(DocumentKind::Csv, marked.as_bytes(), Some((&p, 0))).unwrap();
    assert_eq!(doc.mark, Some(mark()));
}

#[test]
fn the_mark_survives_excel_saving_with_semicolons_and_padding_the_row() {
    let p = rich();
    let marked = csv_plan::export_marked(&p, 0, &mark());
    // Excel in much of Europe: `;` between cells, every row as wide as the widest, no BOM.
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(marked.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    for (i, record) in records.iter().enumerate() {
        let mut cells: Vec<&str> = record.iter().collect();
        if i == 0 {
            assert_eq!(cells.len(), 1, "the mark is one cell");
            cells.resize(11, "");
        }
        w.write_record(&cells).unwrap();
    }
    let resaved = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert!(resaved.starts_with("\"Boardplan export of"), "{resaved}");
    assert_eq!(csv_plan::mark(resaved.as_bytes()), Some(mark()));
    assert_eq!(csv_plan::import(resaved.as_bytes(), &p, 0), Ok(p));
}

#[test]
fn a_marked_workbook_carries_its_mark_in_a_sheet_of_its_own() {
    let p = rich();
    let marked = xlsx_plan::export_marked(&p, 0, &mark()).unwrap();
    let plain = xlsx_plan::export(&p, 0).unwrap();
    assert_eq!(xlsx_plan::mark(&marked), Some(mark()));
    assert_eq!(xlsx_plan::mark(&plain), None);
    assert_eq!(xlsx_plan::import(&marked, &p, 0), Ok(p.clone()));
    let doc = document::read(DocumentKind::Xlsx, &marked, Some((&p, 0))).unwrap();
    assert_eq!(doc.mark, Some(mark()));
}
