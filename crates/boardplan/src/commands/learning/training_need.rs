//! `boardplan training need add|list`: training needs by priority and agency (3.1), listed
//! beside the courses linked to the same priority, so that a need no course meets shows.

use anyhow::Result;
use domain::learning::needs::TrainingNeed;
use store::Stamp;

use super::training::NeedCommand;
use crate::cli::Global;
use crate::commands::{actor, open, partnership};

pub async fn run(g: &Global, command: &NeedCommand) -> Result<()> {
    match command {
        NeedCommand::Add {
            need,
            priority,
            agency,
            staff,
        } => {
            let n = TrainingNeed {
                priority: priority.clone(),
                agency: agency.clone(),
                need: need.clone(),
                staff: *staff,
            };
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let who = actor(g);
            let r = store.add_training_need(&slug, Stamp::now(&who), &n).await?;
            println!(
                "Recorded need {} under priority {}: {} staff of {} need \"{}\".",
                r.id, r.need.priority, r.need.staff, r.need.agency, r.need.need
            );
            if r.courses.is_empty() {
                println!(
                    "No course serves priority {} yet: add one with --priority {}.",
                    r.need.priority, r.need.priority
                );
            }
            Ok(())
        }
        NeedCommand::List { json } => {
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let needs = store.training_needs(&slug).await?;
            if *json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({ "items": needs }))?
                );
                return Ok(());
            }
            if needs.is_empty() {
                println!(
                    "No training needs yet: boardplan training need add NEED --priority N --agency A --staff S"
                );
            }
            for r in &needs {
                let courses: Vec<String> = r
                    .courses
                    .iter()
                    .map(|c| format!("{} {}", c.id, c.title))
                    .collect();
                println!(
                    "{:>4}  priority {}  {}: {} staff need \"{}\"; met by {}",
                    r.id,
                    r.need.priority,
                    r.need.agency,
                    r.need.staff,
                    r.need.need,
                    if courses.is_empty() {
                        "no course yet".to_string()
                    } else {
                        courses.join("; ")
                    }
                );
            }
            Ok(())
        }
    }
}
