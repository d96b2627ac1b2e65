//! The same data and date give the same bytes in every format; a different generated-at stamp
//! changes only the stamp (and, in the zipped formats, only the document's metadata part).

use crate::common::{BOARD_MEETING, kingston, unzip};
use reports::{Format, ReportKind, build, render};

const FORMATS: [Format; 6] = [
    Format::Html,
    Format::Csv,
    Format::Docx,
    Format::Odt,
    Format::Xlsx,
    Format::Ods,
];

#[test]
fn rendering_twice_gives_the_same_bytes_in_every_format() {
    let input = kingston(BOARD_MEETING);
    for kind in ReportKind::ALL {
        let report = build(kind, &input);
        assert_eq!(report, build(kind, &input), "{kind}: the model");
        for f in FORMATS {
            let (a, b) = (
                render(&report, f).expect("renders"),
                render(&report, f).expect("renders"),
            );
            assert!(a == b, "{kind} as {f}: two renderings differ");
        }
    }
    assert_eq!(
        reports::calendar::render(&input),
        reports::calendar::render(&input)
    );
}

#[test]
fn a_later_generated_at_stamp_changes_only_the_stamp() {
    let input = kingston(BOARD_MEETING);
    let mut later = input.clone();
    later.generated_at = "2011-01-02T03:04:05Z".parse().expect("a timestamp");
    let a = build(ReportKind::BoardPaper, &input);
    let b = build(ReportKind::BoardPaper, &later);
    let html = |r: &reports::Report| {
        String::from_utf8(render(r, Format::Html).expect("html"))
            .expect("utf-8")
            .replace(&r.generated_line(), "STAMP")
    };
    assert_eq!(html(&a), html(&b));
    assert_ne!(a.generated_line(), b.generated_line());
    for f in [Format::Docx, Format::Odt, Format::Xlsx, Format::Ods] {
        let (x, y) = (
            unzip(&render(&a, f).expect("renders")),
            unzip(&render(&b, f).expect("renders")),
        );
        assert_eq!(x.len(), y.len());
        let differing: Vec<&str> = x
            .iter()
            .zip(&y)
            .filter(|(p, q)| p != q)
            .map(|(p, _)| p.0.as_str())
            .collect();
        // The metadata part, and the part that prints the stamp (the document, or the summary
        // sheet and the strings it uses).
        let allowed = [
            "docProps/core.xml",
            "meta.xml",
            "word/document.xml",
            "content.xml",
            "xl/sharedStrings.xml",
        ];
        assert!(!differing.is_empty(), "{f}: the stamp is somewhere");
        assert!(
            differing.iter().all(|d| allowed.contains(d)),
            "{f}: {differing:?} changed"
        );
    }
    let cal = |i: &reports::ReportInput| {
        reports::calendar::render(i)
            .lines()
            .filter(|l| !l.starts_with("DTSTAMP"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(cal(&input), cal(&later));
}
