//! Generated plans for the benchmarks, in the same layout as the sample plan document.

use std::fmt::Write;

/// A plan document with `objectives` objectives of `actions` numbered outcomes each, laid out
/// like the sample (source key, tab-separated table, `<p>` paragraphs).
pub fn plan_document(objectives: usize, actions: usize) -> String {
    let mut doc = String::from(
        "Generated Safeguarding Children Board\n\nBusiness Plan 2012 - 2013\n\n\
         The board meets four times a year.\n\nSection 3\n\nSource key\n\n\
         AR = Annual review\n\nIA = Internal audit\n\n\
         Objectives\tSource\tTime Scale\tOutcomes\tLead Officer\n",
    );
    let months = ["June 2012", "September 2012", "December 2012", "March 2013"];
    for o in 1..=objectives {
        let _ = write!(
            doc,
            "<p>{o}. Improve the way partners work together on theme {o}</p>\t<p>AR IA</p>\t<p>{}</p>\t",
            months[o % months.len()]
        );
        for a in 1..=actions {
            let _ = write!(
                doc,
                "<p>{o}.{a} Carry out piece of work {a} for theme {o} and report on its impact to the board</p> "
            );
        }
        let _ = writeln!(doc, "\t<p>Chair Group {}</p>", o % 7);
    }
    doc
}
