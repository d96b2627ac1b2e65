//! Reports: the annual report of the demo (the sample plan with a year of believable progress
//! and the sample indicators) as PDF, DOCX and XLSX (target < 500 ms for the PDF), and the same
//! for a generated plan of 2,000 actions (target < 3 s). PDF is measured twice: with typst's
//! memo cache warm from the previous iteration (a server rendering the same report again), and
//! cleared first (the first rendering in a process, as on the command line).
//!
//! Criterion measures time only. For the peak memory of one report in a fresh process (target
//! under 200 MB for the 2,000-action PDF): `cargo run --release -p reports-pdf --example
//! annual_peak` (see that example for the demo, DOCX, XLSX and warm renderings).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use reports::{Format, ReportInput, ReportKind};

const SAMPLE: &str =
    include_str!("../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

fn input(doc: &str, as_at: &str) -> ReportInput {
    let imported = formats::plan_text::import(doc).expect("the plan imports");
    reports::sample::input(
        imported.partnership,
        0,
        as_at.parse().expect("a date"),
        "2013-04-01T09:00:00Z".parse().expect("a timestamp"),
    )
}

fn annual(c: &mut Criterion, name: &str, input: &ReportInput) {
    let mut group = c.benchmark_group(name);
    group.bench_function("build the model", |b| {
        b.iter(|| reports::build(ReportKind::Annual, std::hint::black_box(input)))
    });
    group.bench_function("build and render PDF, typst's cache warm", |b| {
        b.iter(|| {
            let report = reports::build(ReportKind::Annual, std::hint::black_box(input));
            reports_pdf::render(&report).expect("a PDF")
        })
    });
    group.bench_function("build and render PDF, typst's cache cleared first", |b| {
        b.iter_batched(
            reports_pdf::clear_cache,
            |()| {
                let report = reports::build(ReportKind::Annual, std::hint::black_box(input));
                reports_pdf::render(&report).expect("a PDF")
            },
            BatchSize::PerIteration,
        )
    });
    for format in [Format::Docx, Format::Xlsx] {
        group.bench_function(
            format!("build and render {}", format.extension().to_uppercase()),
            |b| {
                b.iter(|| {
                    let report = reports::build(ReportKind::Annual, std::hint::black_box(input));
                    reports::render(&report, format).expect("renders")
                })
            },
        );
    }
    group.finish();
}

fn demo(c: &mut Criterion) {
    annual(c, "annual report of the demo", &input(SAMPLE, "2010-03-31"));
}

fn generated(c: &mut Criterion) {
    let doc = boardplan_benches::plan_document(100, 20);
    let input = input(&doc, "2013-03-31");
    assert_eq!(input.partnership.plans[0].actions().count(), 2_000);
    annual(c, "annual report of 2,000 actions", &input);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = demo, generated
}
criterion_main!(benches);
