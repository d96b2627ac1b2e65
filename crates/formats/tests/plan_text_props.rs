//! Whatever it is given, the plan-text importer answers with a plan or an error — never a
//! panic — and a plan it returns is consistent: unique action ids, counts that match,
//! warnings on lines the document has.

use std::collections::HashSet;

use formats::plan_text::{Imported, import, import_bytes};
use proptest::prelude::*;

const SAMPLE: &str =
    include_str!("../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

fn consistent(text: &str, imported: &Imported) {
    let plan = &imported.partnership.plans[0];
    let mut ids = HashSet::new();
    for (_, a) in plan.actions() {
        assert!(ids.insert(a.id.clone()), "repeated id {}", a.id);
    }
    let mut report = imported.report.clone();
    report.count(&imported.partnership);
    assert_eq!(report.counts, imported.report.counts);
    let lines = text.lines().count();
    for w in &imported.report.warnings {
        assert!(w.line <= lines, "warning on line {} of {lines}", w.line);
    }
}

fn check(text: &str) {
    if let Ok(imported) = import(text) {
        consistent(text, &imported);
    }
}

/// Text made of the characters plan documents are made of.
fn planlike() -> impl Strategy<Value = String> {
    proptest::string::string_regex("([0-9]{1,2}(\\.[0-9]{1,2}[a-c]?)? |<p>|</p>|\t|\n|- |C&D|PR = Peer review|Objectives\tOutcomes\tLead\n|Plan 2009-2010\n|[A-Za-z ,.;–]{1,12})*")
        .expect("a valid pattern")
}

/// The sample with its lines reordered, dropped, repeated or cut, and tabs put in.
fn mangled() -> impl Strategy<Value = String> {
    let lines: Vec<String> = SAMPLE.lines().map(str::to_string).collect();
    let n = lines.len();
    (
        proptest::collection::vec((0..n, 0..n), 0..20),
        proptest::collection::vec(0..n, 0..10),
        proptest::collection::vec((0..n, 0usize..400), 0..20),
        0usize..=SAMPLE.len(),
    )
        .prop_map(move |(swaps, drops, tabs, cut)| {
            let mut ls = lines.clone();
            for (a, b) in swaps {
                ls.swap(a, b);
            }
            for (line, at) in tabs {
                let l = &mut ls[line];
                let at = (0..=at.min(l.len()))
                    .rev()
                    .find(|i| l.is_char_boundary(*i))
                    .unwrap_or(0);
                l.insert(at, '\t');
            }
            let mut dropped: Vec<usize> = drops;
            dropped.sort_unstable();
            dropped.dedup();
            for i in dropped.into_iter().rev() {
                ls.remove(i);
            }
            let mut text = ls.join("\n");
            let cut = (0..=cut.min(text.len()))
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            text.truncate(cut);
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(imported) = import_bytes(&bytes) {
            prop_assert!(imported.report.counts.objectives >= 1);
        }
    }

    #[test]
    fn planlike_text_never_panics(text in planlike()) {
        check(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_mangled_sample_never_panics(text in mangled()) {
        check(&text);
    }

    #[test]
    fn the_sample_with_its_table_lines_cut_short_never_panics(cuts in proptest::collection::vec(0usize..1000, 27)) {
        let text: Vec<String> = SAMPLE
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i < 124 {
                    return l.to_string();
                }
                let at = cuts[(i - 124) % cuts.len()].min(l.len());
                let at = (0..=at).rev().find(|k| l.is_char_boundary(*k)).unwrap_or(0);
                l[..at].to_string()
            })
            .collect();
        check(&text.join("\n"));
    }
}
