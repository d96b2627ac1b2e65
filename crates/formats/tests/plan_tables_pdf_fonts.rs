//! PDFs written here, one ruled table each, in the kinds of font the PDF reader tells apart:
//! a composite font (two bytes a letter, as Word writes Calibri), simple fonts with an
//! encoding and widths (one in StandardEncoding, which pdf-extract alone could not read),
//! and a standard font without widths (read through pdf-extract's metrics). Each must read
//! as the same plan.

use lopdf::{Dictionary, Document, Object, Stream};

use formats::plan_tables::{Format, Imported};

use crate::plan_tables_layouts::read;

/// The plan: a title, a heading, then a table of four columns.
const LINES: [(&str, f64); 2] = [
    ("Southdale LSCB Business Plan 2013-14", 760.0),
    ("Priority 1: Early help", 735.0),
];
const ROWS: [[&str; 4]; 3] = [
    ["Action", "Lead", "By when", "RAG"],
    [
        "1.1 Publish the early help strategy",
        "Head of Early Help",
        "March 2014",
        "Green",
    ],
    [
        "1.2 Train the safeguarding lead of every school",
        "Education Safeguarding Officer",
        "June 2014",
        "Amber",
    ],
];
const COLUMNS: [f64; 5] = [30.0, 285.0, 460.0, 525.0, 580.0];
const ROW_LINES: [f64; 4] = [710.0, 690.0, 660.0, 630.0];

/// How a font shows text: its dictionary, and a string's bytes in it.
struct Kind {
    font: fn(&mut Document) -> Dictionary,
    encode: fn(&str) -> Vec<u8>,
}

fn name(n: &str) -> Object {
    Object::Name(n.as_bytes().to_vec())
}

fn dict(entries: Vec<(&str, Object)>) -> Dictionary {
    let mut d = Dictionary::new();
    for (k, v) in entries {
        d.set(k, v);
    }
    d
}

/// Identity-H: each letter two bytes, its Unicode value; the ToUnicode map says so.
fn composite(doc: &mut Document) -> Dictionary {
    let cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
        /CMapName /Test-UCS def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
        1 beginbfrange\n<0020> <007E> <0020>\nendbfrange\nendcmap\n\
        CMapName currentdict /CMap defineresource pop\nend\nend\n";
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), cmap.as_bytes().to_vec()));
    let descriptor = doc.add_object(dict(vec![
        ("Type", name("FontDescriptor")),
        ("FontName", name("Calibri")),
        ("Flags", Object::Integer(32)),
    ]));
    let cid_font = doc.add_object(dict(vec![
        ("Type", name("Font")),
        ("Subtype", name("CIDFontType2")),
        ("BaseFont", name("Calibri")),
        (
            "CIDSystemInfo",
            Object::Dictionary(dict(vec![
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(500)),
        // The space narrower, as in most fonts: a range, then a list.
        (
            "W",
            Object::Array(vec![
                Object::Integer(32),
                Object::Integer(32),
                Object::Integer(250),
                Object::Integer(33),
                Object::Array(vec![Object::Integer(300)]),
            ]),
        ),
    ]));
    dict(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type0")),
        ("BaseFont", name("Calibri")),
        ("Encoding", name("Identity-H")),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ])
}

fn two_bytes(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn one_byte(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// A TrueType font with WinAnsiEncoding and its widths, as Word writes Arial.
fn simple(_: &mut Document) -> Dictionary {
    dict(vec![
        ("Type", name("Font")),
        ("Subtype", name("TrueType")),
        ("BaseFont", name("Arial")),
        ("Encoding", name("WinAnsiEncoding")),
        ("FirstChar", Object::Integer(32)),
        ("LastChar", Object::Integer(126)),
        (
            "Widths",
            Object::Array(
                (32..=126)
                    .map(|c| Object::Integer(if c == 32 { 278 } else { 556 }))
                    .collect(),
            ),
        ),
    ])
}

/// A Type 1 font in StandardEncoding, with its widths.
fn standard_encoding(doc: &mut Document) -> Dictionary {
    let mut font = simple(doc);
    font.set("Subtype", name("Type1"));
    font.set("BaseFont", name("NimbusSans-Regular"));
    font.set("Encoding", name("StandardEncoding"));
    font
}

/// Helvetica, one of the standard fonts, without widths.
fn standard(_: &mut Document) -> Dictionary {
    dict(vec![
        ("Type", name("Font")),
        ("Subtype", name("Type1")),
        ("BaseFont", name("Helvetica")),
        ("Encoding", name("WinAnsiEncoding")),
    ])
}

/// The plan on one A4 page, in the font `kind`, its table ruled with stroked lines.
fn plan_pdf(kind: &Kind) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let font = (kind.font)(&mut doc);
    let font = doc.add_object(font);
    let mut content = String::from("0.5 w\n");
    for y in ROW_LINES {
        content.push_str(&format!("{} {y} m {} {y} l S\n", COLUMNS[0], COLUMNS[4]));
    }
    for x in COLUMNS {
        content.push_str(&format!(
            "{x} {} m {x} {} l S\n",
            ROW_LINES[0], ROW_LINES[3]
        ));
    }
    let mut text = Vec::new();
    for (line, y) in LINES {
        text.push((line, COLUMNS[0], y));
    }
    for (row, cells) in ROWS.iter().enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            text.push((cell, COLUMNS[col] + 3.0, ROW_LINES[row + 1] + 6.0));
        }
    }
    let mut bytes = content.into_bytes();
    for (s, x, y) in text {
        let hex: String = (kind.encode)(s)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        bytes.extend(format!("BT /F1 10 Tf 1 0 0 1 {x} {y} Tm <{hex}> Tj ET\n").as_bytes());
    }
    let content = doc.add_object(Stream::new(Dictionary::new(), bytes));
    let pages = doc.new_object_id();
    let resources = dict(vec![(
        "Font",
        Object::Dictionary(dict(vec![("F1", Object::Reference(font))])),
    )]);
    let page = doc.add_object(dict(vec![
        ("Type", name("Page")),
        ("Parent", Object::Reference(pages)),
        ("Contents", Object::Reference(content)),
    ]));
    doc.objects.insert(
        pages,
        Object::Dictionary(dict(vec![
            ("Type", name("Pages")),
            ("Kids", Object::Array(vec![Object::Reference(page)])),
            ("Count", Object::Integer(1)),
            ("Resources", Object::Dictionary(resources)),
            (
                "MediaBox",
                Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
            ),
        ])),
    );
    let catalog = doc.add_object(dict(vec![
        ("Type", name("Catalog")),
        ("Pages", Object::Reference(pages)),
    ]));
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("the PDF");
    out
}

fn actions(i: &Imported) -> Vec<(String, String, Vec<String>, String)> {
    i.preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .map(|a| {
            (
                a.id.clone(),
                a.text.clone(),
                a.leads.clone(),
                format!("{:?}", a.status),
            )
        })
        .collect()
}

#[test]
fn a_plan_reads_the_same_in_each_kind_of_font() {
    let kinds = [
        (
            "composite",
            Kind {
                font: composite,
                encode: two_bytes,
            },
        ),
        (
            "simple",
            Kind {
                font: simple,
                encode: one_byte,
            },
        ),
        (
            "StandardEncoding",
            Kind {
                font: standard_encoding,
                encode: one_byte,
            },
        ),
        (
            "standard",
            Kind {
                font: standard,
                encode: one_byte,
            },
        ),
    ];
    for (kind, k) in &kinds {
        let imported = read(Format::Pdf, &plan_pdf(k), &format!("{kind}.pdf"));
        assert_eq!(
            imported.partnership.plans[0].title, "Southdale LSCB Business Plan 2013-14",
            "{kind}"
        );
        let got = actions(&imported);
        assert_eq!(got.len(), 2, "{kind}: {got:?}");
        assert_eq!(
            got[0],
            (
                "1.1".to_string(),
                "Publish the early help strategy".to_string(),
                vec!["Head of Early Help".to_string()],
                "Some(Green)".to_string()
            ),
            "{kind}"
        );
        assert_eq!(
            (got[1].1.as_str(), got[1].3.as_str()),
            ("Train the safeguarding lead of every school", "Some(Amber)"),
            "{kind}"
        );
    }
}
