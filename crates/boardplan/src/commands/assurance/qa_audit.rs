//! `boardplan qa-audit add|list|set|recommend`, and the dispatch of `case` and `summary`.

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use domain::Date;
use domain::assurance::audits::{
    Audit, AuditKind, AuditRecommendation, AuditStatus, DEFAULT_AREAS, DEFAULT_SCALE, Reason,
};
use store::{AuditChange, Stamp};
use web::assurance::audits::api::{AuditList, AuditOut};

use super::{case, report};
use crate::cli::Global;
use crate::commands::{actor, open, partnership, plan_index};

#[derive(Debug, Subcommand)]
pub enum QaAuditCommand {
    /// Add an audit to the programme.
    #[command(
        after_help = "Examples:\n  boardplan qa-audit add --year 2009 --theme Neglect --kind multi_agency_case_file --lead \"Chair, Quality Assurance sub-group\" --starts 2009-06-01 --ends 2009-07-31 --reason \"indicator:NI 64\" --reason \"recommendation:C&D 2\"\n  boardplan qa-audit add --year 2009 --theme \"Thresholds\" --kind practitioner_survey --status planned"
    )]
    Add(Box<AddArgs>),
    /// List the programme, by year.
    #[command(
        after_help = "Examples:\n  boardplan qa-audit list\n  boardplan qa-audit list --year 2009 --json"
    )]
    List {
        /// Only this year's audits.
        #[arg(long)]
        year: Option<i32>,
        /// Print the API's JSON ({\"items\": [...]}) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Change an audit's status or dates; what is not given stays as it is.
    #[command(
        after_help = "Example:\n  boardplan qa-audit set 3 --status complete --reaudit 2010-06-01"
    )]
    Set {
        /// The audit's id (qa-audit list shows it).
        id: i64,
        /// planned, in_progress, complete or cancelled.
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        starts: Option<Date>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        ends: Option<Date>,
        /// When the theme is to be audited again.
        #[arg(long, value_name = "YYYY-MM-DD")]
        reaudit: Option<Date>,
    },
    /// Add a recommendation to an audit, answered by an action of the plan.
    #[command(
        after_help = "Example:\n  boardplan qa-audit recommend 3 --text \"Record the child's voice in every assessment\" --action 4.1"
    )]
    Recommend {
        /// The audit's id.
        id: i64,
        #[arg(long)]
        text: String,
        /// The plan action that answers it, by its number (4.1, 4.2#2).
        #[arg(long)]
        action: Option<String>,
        /// The plan the action is in [default: the latest plan].
        #[arg(long)]
        plan: Option<String>,
    },
    /// Cases of a case-file audit.
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// An audit's grades by practice area and by agency, and the change since the last audit
    /// of the same theme.
    #[command(
        after_help = "Examples:\n  boardplan qa-audit summary 3\n  boardplan qa-audit summary 3 --json"
    )]
    Summary {
        id: i64,
        /// Print the API's JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
    /// The golden thread from an action or an objective: review recommendations, audits,
    /// indicators, risks and Section 11 standards linked to it; or back from a risk or a
    /// Section 11 standard to the plan actions.
    #[command(
        after_help = "Examples:\n  boardplan qa-audit thread --action 4.1\n  boardplan qa-audit thread --objective 4 --json\n  boardplan qa-audit thread --risk 2\n  boardplan qa-audit thread --cycle 2010 --standard 3"
    )]
    Thread(report::ThreadArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The year of the programme: 2009 for 2009-10.
    #[arg(long)]
    pub year: i32,
    #[arg(long)]
    pub theme: String,
    /// multi_agency_case_file, single_agency, themed, practitioner_survey or dip_sample.
    #[arg(long)]
    pub kind: String,
    /// Who leads it: a role or a sub-group.
    #[arg(long)]
    pub lead: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub starts: Option<Date>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub ends: Option<Date>,
    /// planned, in_progress, complete or cancelled.
    #[arg(long, default_value = "planned")]
    pub status: String,
    /// Why it was chosen, repeatable: indicator:CODE, recommendation:REVIEW NUMBER (e.g.
    /// "recommendation:C&D 2") or note:WORDS.
    #[arg(long)]
    pub reason: Vec<String>,
    /// A practice area each case is graded on, repeatable [default: Assessment, Planning,
    /// Multi-agency working, Voice of the child, Management oversight].
    #[arg(long)]
    pub area: Vec<String>,
    /// The grades, best first, separated by commas [default: outstanding, good, requires
    /// improvement, inadequate].
    #[arg(long)]
    pub scale: Option<String>,
    /// When the theme is to be audited again.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reaudit: Option<Date>,
}

impl AddArgs {
    fn audit(&self) -> Result<Audit> {
        fn flag(f: &'static str) -> impl Fn(domain::InvalidValue) -> anyhow::Error {
            move |e| anyhow!("{f}: {} {}", e.problem, e.fix)
        }
        let kind: AuditKind = self.kind.parse().map_err(flag("--kind"))?;
        let status: AuditStatus = self.status.parse().map_err(flag("--status"))?;
        let reasons = self
            .reason
            .iter()
            .map(|r| Reason::parse(r).map_err(flag("--reason")))
            .collect::<Result<Vec<_>>>()?;
        let areas = if self.area.is_empty() && kind.has_cases() {
            DEFAULT_AREAS.map(String::from).into()
        } else {
            self.area.clone()
        };
        let scale = match &self.scale {
            Some(s) => s.split(',').map(|g| g.trim().to_string()).collect(),
            None => DEFAULT_SCALE.map(String::from).into(),
        };
        Ok(Audit {
            year: self.year,
            theme: self.theme.clone(),
            kind,
            lead: self.lead.clone(),
            starts_on: self.starts,
            ends_on: self.ends,
            status,
            reasons,
            areas,
            scale,
            reaudit_on: self.reaudit,
        })
    }
}

/// A store refusal of field `f…: message` said with the flag that sets the field.
pub(crate) fn flagged(e: store::StoreError, flags: &[(&str, &str)]) -> anyhow::Error {
    if let store::StoreError::InvalidData { what } = &e
        && let Some((field, message)) = what.split_once(": ")
        && let Some((_, flag)) = flags.iter().find(|(f, _)| *f == field)
    {
        return anyhow!("{flag}: {message}");
    }
    e.into()
}

pub async fn run(g: &Global, command: &QaAuditCommand) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let who = actor(g);
    match command {
        QaAuditCommand::Add(a) => {
            let r = store
                .add_audit(&slug, Stamp::now(&who), &a.audit()?)
                .await
                .map_err(|e| {
                    flagged(
                        e,
                        &[
                            ("year", "--year"),
                            ("theme", "--theme"),
                            ("ends_on", "--ends"),
                            ("scale", "--scale"),
                            ("areas", "--area"),
                            ("reasons", "--reason"),
                        ],
                    )
                })?;
            println!(
                "Added audit {}: {} ({}).",
                r.id, r.audit.theme, r.audit.year
            );
        }
        QaAuditCommand::List { year, json } => {
            let all: Vec<_> = store
                .audits(&slug)
                .await?
                .into_iter()
                .filter(|r| year.is_none_or(|y| r.audit.year == y))
                .collect();
            if *json {
                let items = all.iter().map(|r| AuditOut::new(&slug, r)).collect();
                println!("{}", serde_json::to_string_pretty(&AuditList { items })?);
                return Ok(());
            }
            if all.is_empty() {
                println!(
                    "No audits yet: boardplan qa-audit add --year YEAR --theme THEME --kind KIND"
                );
            }
            for r in all {
                let a = &r.audit;
                println!(
                    "{:>4}  {}  {}  {}  {}  {} cases",
                    r.id,
                    a.year,
                    a.theme,
                    a.kind.label(),
                    a.status.label(),
                    r.cases
                );
            }
        }
        QaAuditCommand::Set {
            id,
            status,
            starts,
            ends,
            reaudit,
        } => {
            let status = status
                .as_deref()
                .map(str::parse::<AuditStatus>)
                .transpose()
                .map_err(|e| anyhow!("--status: {} {}", e.problem, e.fix))?;
            let change = AuditChange {
                status,
                starts_on: *starts,
                ends_on: *ends,
                reaudit_on: *reaudit,
            };
            let r = store
                .set_audit(&slug, Stamp::now(&who), *id, &change)
                .await
                .map_err(|e| flagged(e, &[("ends_on", "--ends")]))?;
            println!("Audit {}: {}.", r.id, r.audit.status.label().to_lowercase());
        }
        QaAuditCommand::Recommend {
            id,
            text,
            action,
            plan,
        } => {
            let plan = match action {
                Some(_) => Some(p.plans[plan_index(&p, plan.as_deref())?].title.clone()),
                None => None,
            };
            let rec = AuditRecommendation {
                text: text.clone(),
                plan,
                action: action.clone(),
            };
            store
                .add_audit_recommendation(&slug, Stamp::now(&who), *id, &rec)
                .await
                .map_err(|e| flagged(e, &[("text", "--text"), ("action", "--action")]))?;
            match action {
                Some(a) => println!("Added the recommendation to audit {id}, answered by {a}."),
                None => println!("Added the recommendation to audit {id}."),
            }
        }
        QaAuditCommand::Case(c) => case::run(&store, &slug, &who, c).await?,
        QaAuditCommand::Summary { id, json } => report::summary(&store, &slug, *id, *json).await?,
        QaAuditCommand::Thread(t) => report::thread(&store, &slug, &p, t).await?,
    }
    Ok(())
}
