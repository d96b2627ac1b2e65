//! Importing a 2,000-action plan in a board's own tables (issue 11, item 13): a Word document
//! of 100 objectives, each a heading and a ruled table of 20 actions (number, text, lead, date,
//! RAG, progress), generated here; and the same printed to PDF by LibreOffice
//! (`soffice --convert-to pdf`, in the set-up). Each is read, and read then stored with its
//! first progress updates in a fresh SQLite database, as `boardplan import` does. Target:
//! under 1 second each, release build.
//!
//! `cargo bench -p boardplan-benches --bench import_tables`; the PDF half is skipped, and says
//! so, where LibreOffice is missing (outside CI).

use std::io::{Cursor, Write};
use std::process::Command;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use formats::plan_tables::{self, Format};
use store::{ActionKey, DatedUpdate, ImportMode, NewUpdate, Source, Store};
use testkit::programs::SOFFICE_WRITER;

const OBJECTIVES: usize = 100;
const ACTIONS: usize = 20;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

fn para(text: &str, style: Option<&str>) -> String {
    let pr = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    format!(
        "<w:p>{pr}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        esc(text)
    )
}

/// The plan as a Word document: a title, then per objective a heading and a ruled table.
fn plan_docx() -> Vec<u8> {
    let mut body = para(
        "Generated Safeguarding Children Board Business Plan 2012-13",
        Some("Title"),
    );
    let months = ["June 2012", "September 2012", "December 2012", "March 2013"];
    let rags = ["Green", "Amber", "Red", "Green"];
    for o in 1..=OBJECTIVES {
        body.push_str(&para(
            &format!("Objective {o}: Improve the way partners work together on theme {o}"),
            Some("Heading1"),
        ));
        body.push_str(
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>\
             <w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>\
             <w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>\
             <w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/>\
             </w:tblBorders></w:tblPr>",
        );
        let mut rows = vec![[
            "Ref".to_string(),
            "Action".into(),
            "Lead".into(),
            "By when".into(),
            "RAG".into(),
            "Progress".into(),
        ]];
        for a in 1..=ACTIONS {
            rows.push([
                format!("{o}.{a}"),
                format!("Carry out piece of work {a} for theme {o} and report on its impact"),
                format!("Chair Group {}", o % 7),
                months[(o + a) % months.len()].to_string(),
                rags[(o + a) % rags.len()].to_string(),
                format!("Work {a} has started; a report is due"),
            ]);
        }
        for r in rows {
            body.push_str("<w:tr>");
            for cell in r {
                body.push_str(&format!("<w:tc>{}</w:tc>", para(&cell, None)));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
                .to_string(),
        ),
        ("word/document.xml", document),
    ];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        w.start_file(name, options).expect("a zip entry");
        w.write_all(text.as_bytes()).expect("written");
    }
    w.finish().expect("the zip").into_inner()
}

/// The Word plan printed to PDF by LibreOffice; `None` where it is missing (outside CI).
fn printed(docx: &[u8]) -> Option<Vec<u8>> {
    if !testkit::program(
        "the PDF half of the tables import benchmark",
        &[SOFFICE_WRITER],
    ) {
        return None;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.docx");
    std::fs::write(&path, docx).expect("written");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("run soffice");
    assert!(out.status.success(), "soffice: {out:?}");
    Some(std::fs::read(dir.path().join("plan.pdf")).expect("the PDF"))
}

/// Read the plan, then store it and its first progress updates in the fresh `store`.
fn import(rt: &tokio::runtime::Runtime, store: &Store, format: Format, bytes: &[u8], name: &str) {
    let imported = plan_tables::import(format, bytes, name).expect("the plan reads");
    let source = Source {
        name: name.into(),
        sha256: formats::sha256_hex(bytes),
    };
    rt.block_on(store.import_partnership("bench", &imported.partnership, &source, ImportMode::New))
        .expect("stored");
    let slug = store::slugify(&imported.partnership.name);
    let plan = &imported.partnership.plans[0].title;
    let at = jiff::Timestamp::now();
    let as_of = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let first: Vec<DatedUpdate> = imported
        .preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .filter_map(|a| {
            Some(DatedUpdate {
                at,
                action: ActionKey::new(plan.as_str(), a.id.as_str()),
                update: NewUpdate {
                    rag: a.status?,
                    percent: None,
                    narrative: format!("Imported from {name}: {}", a.progress),
                    as_of,
                    evidence: Vec::new(),
                    corrects: None,
                },
            })
        })
        .collect();
    assert_eq!(first.len(), OBJECTIVES * ACTIONS);
    rt.block_on(store.record_update_history(&slug, "bench", first))
        .expect("first updates");
}

fn tables(c: &mut Criterion) {
    let docx = plan_docx();
    let pdf = printed(&docx);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut files = vec![(Format::Docx, "Word", "plan.docx", docx)];
    if let Some(pdf) = pdf {
        files.push((Format::Pdf, "PDF", "plan.pdf", pdf));
    }
    for (format, kind, name, bytes) in &files {
        let read = plan_tables::import(*format, bytes, name).expect("the plan reads");
        assert_eq!(read.report.counts.actions, OBJECTIVES * ACTIONS, "{kind}");
        c.bench_function(&format!("read a 2,000-action {kind} plan"), |b| {
            b.iter(|| plan_tables::import(*format, std::hint::black_box(bytes), name))
        });
        c.bench_function(
            &format!("import a 2,000-action {kind} plan into SQLite"),
            |b| {
                b.iter_batched(
                    || {
                        let dir = tempfile::tempdir().expect("temp dir");
                        let url = dir.path().join("bench.db").display().to_string();
                        let store = rt.block_on(Store::connect(&url)).expect("store");
                        (dir, store)
                    },
                    |(_dir, store)| import(&rt, &store, *format, bytes, name),
                    BatchSize::PerIteration,
                )
            },
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = tables
}
criterion_main!(benches);
