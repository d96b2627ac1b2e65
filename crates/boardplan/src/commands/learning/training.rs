//! `boardplan training course add|list`, `training session add`, `training need add|list`,
//! `training attendance import FILE`, `training evaluation import FILE`, and the reports
//! (`training_report`): `training impact [--course ID | --by course|priority|agency]
//! [--json]` and `training evaluation --year 2009-10 [--json]`.

use anyhow::Result;
use clap::Subcommand;
use domain::learning::training::{Course, Session};
use store::Stamp;

use super::training_report::{self, By};
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
    /// Training needs by priority and agency, beside the courses that meet them.
    #[command(subcommand)]
    Need(NeedCommand),
    /// Attendance, counted by agency and role.
    #[command(subcommand)]
    Attendance(ImportCommand),
    /// Evaluation scores per learning outcome, before, straight after and at follow-up
    /// (`import FILE`); or the annual evaluation of training impact for a year (`--year`).
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  boardplan training evaluation import evaluation.ods\n  boardplan training evaluation --year 2009-10\n  boardplan training evaluation --year 2009-10 --json"
    )]
    Evaluation(EvaluationArgs),
    /// Training's impact: per stage the responses and mean score, and the change
    /// before → after → follow-up; by course (the default), by priority, or attendance by
    /// agency.
    #[command(
        after_help = "Examples:\n  boardplan training impact\n  boardplan training impact --course 2 --json\n  boardplan training impact --by priority\n  boardplan training impact --by agency --json"
    )]
    Impact {
        /// Only this course (its number, as `training course list` shows it).
        #[arg(long)]
        course: Option<i64>,
        /// What to roll the impact up by.
        #[arg(long, value_enum, default_value_t = By::Course)]
        by: By,
        /// Print JSON ({\"items\": [...]}; by course, the API's) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct EvaluationArgs {
    #[command(subcommand)]
    pub command: Option<ImportCommand>,
    /// The financial year to evaluate: 2009-10 (1 April 2009 to 31 March 2010).
    #[arg(long)]
    pub year: Option<String>,
    /// Print the evaluation as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum NeedCommand {
    /// Record a training need: for a priority of the plan, which agency's staff need what,
    /// and how many.
    #[command(
        after_help = "Example:\n  boardplan training need add \"Recognising neglect in babies\" --priority 3 --agency \"NHS Kingston\" --staff 40"
    )]
    Add {
        /// What the staff need to learn.
        need: String,
        /// The plan's objective it serves, by number.
        #[arg(long)]
        priority: String,
        /// The agency whose staff need it.
        #[arg(long)]
        agency: String,
        /// How many staff need it.
        #[arg(long)]
        staff: u32,
    },
    /// List the needs by priority and agency, each with the courses that meet it.
    List {
        /// Print JSON ({\"items\": [...]}) instead of a table.
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
    /// Bring rows in from a .csv, .xlsx or .ods file, all or nothing.
    #[command(
        after_help = "Attendance columns: Session, Agency, Role, Attended.\nEvaluation columns: Session, Stage (before, after, follow_up), Respondent, Outcome, Score (1 to 10), Comment.\n\nExample:\n  boardplan training attendance import attendance.xlsx"
    )]
    Import {
        /// The file: .csv (UTF-8), .xlsx or .ods.
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
        TrainingCommand::Need(command) => super::training_need::run(g, command).await,
        TrainingCommand::Attendance(ImportCommand::Import { file, json }) => {
            super::training_import::attendance(g, file, *json).await
        }
        TrainingCommand::Evaluation(EvaluationArgs {
            command: Some(ImportCommand::Import { file, json }),
            ..
        }) => super::training_import::evaluation(g, file, *json).await,
        TrainingCommand::Evaluation(EvaluationArgs {
            command: None,
            year: Some(year),
            json,
        }) => training_report::evaluation(g, year, *json).await,
        TrainingCommand::Evaluation(EvaluationArgs {
            command: None,
            year: None,
            ..
        }) => {
            anyhow::bail!(
                "say which: boardplan training evaluation import FILE (bring scores in), or \
                 boardplan training evaluation --year 2009-10 (the year's evaluation)"
            )
        }
        TrainingCommand::Impact { course, by, json } => {
            training_report::impact(g, *course, *by, *json).await
        }
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
