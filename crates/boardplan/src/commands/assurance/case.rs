//! `boardplan qa-audit case add ID --ref REF --agency A… --grade AREA=GRADE…`: a case of a
//! case-file audit, by its pseudonymous reference only. A reference that looks like a name, a
//! date or an address is refused before anything is opened for writing, naming the reason.

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;
use domain::assurance::audits::{Case, check_reference};
use store::{Stamp, Store};

use super::qa_audit::flagged;

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Add a case to a case-file audit.
    #[command(
        after_help = "Example:\n  boardplan qa-audit case add 3 --ref \"Child A\" --agency \"Children's Services\" --agency \"Metropolitan Police\" --grade \"Assessment=good\" --grade \"Planning=requires improvement\" --strengths \"Timely strategy discussion\" --findings \"Father not seen\""
    )]
    Add {
        /// The audit's id (qa-audit list shows it).
        id: i64,
        /// The case's pseudonymous reference ("Child A", "C-2024-017"): never a name, a date
        /// of birth or an address.
        #[arg(long = "ref", value_name = "REFERENCE")]
        reference: String,
        /// An agency involved, as the board names it; repeatable.
        #[arg(long)]
        agency: Vec<String>,
        /// A grade for one practice area, AREA=GRADE; repeatable.
        #[arg(long, value_name = "AREA=GRADE")]
        grade: Vec<String>,
        #[arg(long)]
        strengths: Option<String>,
        #[arg(long)]
        findings: Option<String>,
    },
}

pub async fn run(store: &Store, slug: &str, who: &str, command: &CaseCommand) -> Result<()> {
    let CaseCommand::Add {
        id,
        reference,
        agency,
        grade,
        strengths,
        findings,
    } = command;
    check_reference(reference).map_err(|e| anyhow!("--ref: {} {}", e.problem, e.fix))?;
    let mut grades = Vec::with_capacity(grade.len());
    for g in grade {
        let Some((area, value)) = g.split_once('=') else {
            bail!(
                "--grade: \"{g}\" is not AREA=GRADE. Write, for example, --grade \"Assessment=good\""
            );
        };
        grades.push((area.trim().to_string(), value.trim().to_string()));
    }
    let case = Case {
        reference: reference.clone(),
        agencies: agency.clone(),
        grades,
        strengths: strengths.clone(),
        findings: findings.clone(),
    };
    let added = store
        .add_audit_case(slug, Stamp::now(who), *id, &case)
        .await
        .map_err(|e| {
            flagged(
                e,
                &[
                    ("reference", "--ref"),
                    ("agencies", "--agency"),
                    ("grades", "--grade"),
                    ("findings", "--findings"),
                ],
            )
        })?;
    println!(
        "Added case {} to audit {id} ({} graded, agencies: {}).",
        added.case.reference,
        added.case.grades.len(),
        added.case.agencies.join(", ")
    );
    Ok(())
}
