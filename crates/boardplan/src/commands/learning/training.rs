//! `boardplan training course add|list`, `training session add`, `training attendance import
//! FILE`, `training evaluation import FILE` and `training impact [--course ID] [--json]`.

use anyhow::Result;
use clap::Subcommand;
use domain::learning::training::{Course, Session};
use store::Stamp;
use web::learning::api::{CourseImpactOut, TrainingImpactList};

use super::{day, list};
use crate::cli::Global;
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// The training plan's courses.
    #[command(subcommand)]
    Course(CourseCommand),
    /// A course's sessions.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Attendance, counted by agency and role.
    #[command(subcommand)]
    Attendance(ImportCommand),
    /// Evaluation scores per learning outcome, before, straight after and at follow-up.
    #[command(subcommand)]
    Evaluation(ImportCommand),
    /// Each course's impact: per stage the responses and mean score, and the change
    /// before → after → follow-up.
    #[command(
        after_help = "Examples:\n  boardplan training impact\n  boardplan training impact --course 2 --json"
    )]
    Impact {
        /// Only this course (its number, as `training course list` shows it).
        #[arg(long)]
        course: Option<i64>,
        /// Print the API's JSON ({\"items\": [...]}) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CourseCommand {
    /// Add a course to the training plan.
    #[command(
        after_help = "Example:\n  boardplan training course add \"Recognising neglect\" --level 2 --priority 3 --action 3.1"
    )]
    Add {
        /// The course's title.
        title: String,
        /// Its level ("1", "2", "3" or as the board names them).
        #[arg(long)]
        level: String,
        /// An objective of the plan it serves, by number (repeat, or separate with commas).
        #[arg(long = "priority")]
        priorities: Vec<String>,
        /// An action of the plan it serves, by number (repeat, or separate with commas).
        #[arg(long = "action")]
        actions: Vec<String>,
    },
    /// List the courses and their sessions.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Add a session of a course.
    #[command(
        after_help = "Example:\n  boardplan training session add --course 1 --date 2009-10-14 --trainer \"LSCB trainer\" --places 20"
    )]
    Add {
        /// The course's number.
        #[arg(long)]
        course: i64,
        /// When it is held (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// Who trains.
        #[arg(long)]
        trainer: String,
        /// How many places it has.
        #[arg(long)]
        places: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Bring rows in from a .csv or .xlsx file, all or nothing.
    #[command(
        after_help = "Attendance columns: Session, Agency, Role, Attended.\nEvaluation columns: Session, Stage (before, after, follow_up), Respondent, Outcome, Score (1 to 10), Comment.\n\nExample:\n  boardplan training attendance import attendance.xlsx"
    )]
    Import {
        /// The file: .csv (UTF-8) or .xlsx.
        file: std::path::PathBuf,
        /// Print what was done as JSON ({added, updated}).
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(g: &Global, command: &TrainingCommand) -> Result<()> {
    match command {
        TrainingCommand::Course(CourseCommand::Add {
            title,
            level,
            priorities,
            actions,
        }) => {
            let course = Course {
                title: title.clone(),
                level: level.clone(),
                priorities: list(priorities),
                actions: list(actions),
            };
            let store = open(g).await?;
            let (slug, p) = partnership(&store, g).await?;
            let who = actor(g);
            let c = store
                .add_training_course(&slug, Stamp::now(&who), &course)
                .await?;
            println!(
                "Added course {}, \"{}\" (level {}), to the training plan of {}.",
                c.id, c.course.title, c.course.level, p.name
            );
            Ok(())
        }
        TrainingCommand::Course(CourseCommand::List { json }) => course_list(g, *json).await,
        TrainingCommand::Session(SessionCommand::Add {
            course,
            date,
            trainer,
            places,
        }) => {
            let session = Session {
                held_on: day("--date", date)?,
                trainer: trainer.clone(),
                places: *places,
            };
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let who = actor(g);
            let s = store
                .add_training_session(&slug, Stamp::now(&who), *course, &session)
                .await?;
            println!(
                "Added session {} of course {course} on {} ({} places).",
                s.id, s.session.held_on, s.session.places
            );
            Ok(())
        }
        TrainingCommand::Attendance(ImportCommand::Import { file, json }) => {
            super::training_import::attendance(g, file, *json).await
        }
        TrainingCommand::Evaluation(ImportCommand::Import { file, json }) => {
            super::training_import::evaluation(g, file, *json).await
        }
        TrainingCommand::Impact { course, json } => impact(g, *course, *json).await,
    }
}

async fn course_list(g: &Global, json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let courses = store.training_courses(&slug).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "items": courses }))?
        );
        return Ok(());
    }
    if courses.is_empty() {
        println!("No courses yet: boardplan training course add TITLE --level L");
    }
    for c in &courses {
        println!("{:>4}  {} (level {})", c.id, c.course.title, c.course.level);
        for s in &c.sessions {
            println!(
                "        session {:>4}  {}  {}  {} places, {} attended",
                s.id, s.session.held_on, s.session.trainer, s.session.places, s.attended
            );
        }
    }
    Ok(())
}

async fn impact(g: &Global, course: Option<i64>, json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let found = store.training_impact(&slug, course).await?;
    let out = TrainingImpactList {
        items: found.iter().map(CourseImpactOut::from).collect(),
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if out.items.is_empty() {
        println!("No courses yet: boardplan training course add TITLE --level L");
    }
    let f = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"));
    let d = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:+.2}"));
    for c in &out.items {
        println!(
            "{} {} (level {}): {} sessions, {} places, {} attended",
            c.id, c.title, c.level, c.sessions, c.places, c.attended
        );
        for s in &c.stages {
            println!(
                "  {:<10} {:>4} responses, mean score {}",
                s.stage,
                s.responses,
                f(s.mean_score)
            );
        }
        println!(
            "  change: before → after {}, after → follow-up {}, before → follow-up {}",
            d(c.change.before_to_after),
            d(c.change.after_to_follow_up),
            d(c.change.before_to_follow_up)
        );
    }
    Ok(())
}
