//! `boardplan review add|list` and `review recommendation set`: the case reviews register.
//! (The plan's own reviews, the sources of its recommendations, are read with the plan and
//! on the Reviews page; this command is for case reviews.)

use anyhow::Result;
use clap::Subcommand;
use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus, StatusChange};
use store::{NewCaseReview, Stamp};
use web::learning::api::{CaseReviewList, CaseReviewOut};

use super::{day, refused};
use crate::cli::Global;
use crate::commands::resolve::today;
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Add a case review to the register, with its recommendations (each starts in progress).
    #[command(
        after_help = "Kinds: serious_case_review, child_safeguarding_practice_review, rapid_review,\nlearning_review, safeguarding_adults_review, domestic_homicide_review.\nThe case name is a pseudonym (\"Child C\"): a real name or a date of birth is refused.\n\nExample:\n  boardplan review add --kind rapid_review --case \"Child C\" --notified 2009-06-01 --recommendation \"Agencies share chronologies within 5 days\""
    )]
    Add {
        /// The kind of review.
        #[arg(long)]
        kind: String,
        /// The case's pseudonym, such as "Child C".
        #[arg(long = "case")]
        case_name: String,
        /// When the board was notified (YYYY-MM-DD).
        #[arg(long)]
        notified: String,
        /// When the decision was made: to hold a review, or the rapid review's (YYYY-MM-DD).
        #[arg(long)]
        decided: Option<String>,
        /// When the review was published (YYYY-MM-DD).
        #[arg(long)]
        published: Option<String>,
        /// A recommendation (repeat for each).
        #[arg(long = "recommendation")]
        recommendations: Vec<String>,
    },
    /// Every case review with its clocks and recommendations.
    #[command(after_help = "Examples:\n  boardplan review list\n  boardplan review list --json")]
    List {
        /// Print the API's JSON ({\"items\": [...]}): each review with its recommendations.
        #[arg(long)]
        json: bool,
    },
    /// A review's recommendations.
    #[command(subcommand)]
    Recommendation(RecommendationCommand),
}

#[derive(Debug, Subcommand)]
pub enum RecommendationCommand {
    /// Set a recommendation's status: implemented, in_progress or not_implemented (which
    /// needs --reason).
    #[command(
        after_help = "Examples:\n  boardplan review recommendation set 3 --status implemented --impact \"Audit in March found chronologies in 9 of 10 files\"\n  boardplan review recommendation set 4 --status not_implemented --reason \"The service was recommissioned; the new provider's contract covers it\""
    )]
    Set {
        /// The recommendation's number, as `review list` shows it.
        id: i64,
        #[arg(long)]
        status: String,
        /// Why: required when not implemented.
        #[arg(long)]
        reason: Option<String>,
        /// Evidence of its impact on practice.
        #[arg(long)]
        impact: Option<String>,
        /// To whom the recommendation is made.
        #[arg(long = "to")]
        to_whom: Option<String>,
    },
}

pub async fn run(g: &Global, command: &ReviewCommand) -> Result<()> {
    match command {
        ReviewCommand::Add {
            kind,
            case_name,
            notified,
            decided,
            published,
            recommendations,
        } => {
            let kind: CaseReviewKind = kind.parse().map_err(|e| refused("--kind", e))?;
            // Checked before the database is opened, so a real name never reaches it.
            let case_name = domain::learning::case_reviews::case_name(case_name)
                .map_err(|e| refused("--case", e))?;
            let new = NewCaseReview {
                kind,
                case_name,
                notified: day("--notified", notified)?,
                decided: decided
                    .as_deref()
                    .map(|d| day("--decided", d))
                    .transpose()?,
                published: published
                    .as_deref()
                    .map(|d| day("--published", d))
                    .transpose()?,
                recommendations: recommendations.iter().map(|r| (r.clone(), None)).collect(),
            };
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let who = actor(g);
            let r = store.add_case_review(&slug, Stamp::now(&who), &new).await?;
            println!(
                "Added case review {}: {} of {}, notified {}, with {} recommendations.",
                r.id,
                r.kind.label().to_lowercase(),
                r.case_name,
                r.notified,
                r.recommendations.len()
            );
            for c in domain::learning::clocks::clocks(
                r.kind,
                r.notified,
                r.decided,
                r.published,
                today(),
            ) {
                println!("  {}", c.sentence());
            }
            Ok(())
        }
        ReviewCommand::List { json } => list(g, *json).await,
        ReviewCommand::Recommendation(RecommendationCommand::Set {
            id,
            status,
            reason,
            impact,
            to_whom,
        }) => {
            let status: RecommendationStatus =
                status.parse().map_err(|e| refused("--status", e))?;
            let change = StatusChange::new(status, reason.as_deref(), impact.as_deref())
                .map_err(|e| refused("--reason", e))?;
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let who = actor(g);
            let r = store
                .set_recommendation_status(
                    &slug,
                    Stamp::now(&who),
                    *id,
                    &change,
                    to_whom.as_deref(),
                )
                .await?;
            println!(
                "Recommendation {} is now {}.",
                r.id,
                r.status.label().to_lowercase()
            );
            Ok(())
        }
    }
}

async fn list(g: &Global, json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let reviews = store.case_reviews(&slug).await?;
    let today = today();
    let out = CaseReviewList {
        items: reviews
            .iter()
            .map(|r| CaseReviewOut::new(&slug, r, today))
            .collect(),
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if reviews.is_empty() {
        println!("No case reviews yet: boardplan review add --kind K --case NAME --notified DATE");
    }
    for r in &reviews {
        println!(
            "{}  {} ({}), notified {}",
            r.id,
            r.case_name,
            r.kind.label(),
            r.notified
        );
        for c in domain::learning::clocks::clocks(r.kind, r.notified, r.decided, r.published, today)
        {
            println!("    {}", c.sentence());
        }
        for x in &r.recommendations {
            let why = x
                .reason
                .as_deref()
                .map(|w| format!(": {w}"))
                .unwrap_or_default();
            println!("    {:>4}  [{}] {}{why}", x.id, x.status.label(), x.text);
        }
    }
    Ok(())
}
