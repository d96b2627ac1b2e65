//! `boardplan training impact [--course ID | --by course|priority|agency] [--json]` and
//! `boardplan training evaluation --year 2009-10 [--json]`: training's impact rolled up
//! (`store::Store::training_impact*`), and the annual evaluation of training impact (3.3).
//! By course, `--json` prints the API's wire type; the other roll-ups print the store's rows.

use anyhow::{Result, bail};
use domain::learning::impact::{Change, StageImpact};
use domain::learning::rollup::{AgencyAttendance, Rollup};
use web::learning::api::{CourseImpactOut, TrainingImpactList};

use crate::cli::Global;
use crate::commands::{open, partnership};

/// What `training impact` rolls up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Course,
    Priority,
    Agency,
}

fn mean(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}

fn change(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |v| format!("{v:+.2}"))
}

fn print_stages(stages: &[StageImpact], c: &Change, indent: &str) {
    for s in stages {
        println!(
            "{indent}{:<10} {:>4} responses, mean score {}",
            s.stage.as_str(),
            s.responses,
            mean(s.mean_score)
        );
    }
    println!(
        "{indent}change: before → after {}, after → follow-up {}, before → follow-up {}",
        change(c.before_to_after),
        change(c.after_to_follow_up),
        change(c.before_to_follow_up)
    );
}

fn counts(r: &Rollup) -> String {
    format!(
        "{} {}, {} sessions, {} places, {} attended",
        r.courses.len(),
        if r.courses.len() == 1 {
            "course"
        } else {
            "courses"
        },
        r.sessions,
        r.places,
        r.attended
    )
}

fn print_agency(a: &AgencyAttendance) {
    let roles: Vec<String> = a
        .roles
        .iter()
        .map(|r| format!("{} {}", r.role, r.attended))
        .collect();
    println!(
        "{}: {} attended, over {} sessions of {} courses ({})",
        a.agency,
        a.attended,
        a.sessions,
        a.courses,
        roles.join(", ")
    );
}

fn json<T: serde::Serialize>(items: &T) -> Result<()> {
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({ "items": items }))?
    );
    Ok(())
}

pub async fn impact(g: &Global, course: Option<i64>, by: By, as_json: bool) -> Result<()> {
    if course.is_some() && by != By::Course {
        bail!("--course picks one course, so it goes with --by course only: leave one of them out");
    }
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    match by {
        By::Course => {}
        By::Priority => {
            let found = store.training_impact_by_priority(&slug).await?;
            if as_json {
                return json(&found);
            }
            if found.is_empty() {
                println!(
                    "No course is linked to a priority yet: boardplan training course add TITLE --level L --priority N"
                );
            }
            for p in &found {
                println!("Priority {}: {}", p.priority, counts(&p.rollup));
                print_stages(&p.rollup.impact.stages, &p.rollup.impact.change, "  ");
            }
            return Ok(());
        }
        By::Agency => {
            let found = store.training_attendance_by_agency(&slug).await?;
            if as_json {
                return json(&found);
            }
            if found.is_empty() {
                println!("No attendance yet: boardplan training attendance import FILE");
            }
            found.iter().for_each(print_agency);
            return Ok(());
        }
    }
    let found = store.training_impact(&slug, course).await?;
    let out = TrainingImpactList {
        items: found.iter().map(CourseImpactOut::from).collect(),
    };
    if as_json {
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if out.items.is_empty() {
        println!("No courses yet: boardplan training course add TITLE --level L");
    }
    for (c, i) in out.items.iter().zip(&found) {
        println!(
            "{} {} (level {}): {} sessions, {} places, {} attended",
            c.id, c.title, c.level, c.sessions, c.places, c.attended
        );
        print_stages(&i.impact.stages, &i.impact.change, "  ");
    }
    Ok(())
}

pub async fn evaluation(g: &Global, year: &str, as_json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let e = store.training_evaluation(&slug, year).await?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&e)?);
        return Ok(());
    }
    println!(
        "The annual evaluation of training impact, {} ({} to {}), for {}:",
        e.year, e.from, e.to, p.name
    );
    if e.total.sessions == 0 {
        println!("No sessions were held in {}.", e.year);
        return Ok(());
    }
    println!(
        "{} courses run, {} sessions, {} places, {} attended.",
        e.courses_run, e.total.sessions, e.total.places, e.total.attended
    );
    print_stages(&e.total.impact.stages, &e.total.impact.change, "  ");
    println!("By course:");
    for c in &e.courses {
        println!(
            "  {} {}: {} sessions, {} attended; before → after → follow-up {} → {} → {}",
            c.id,
            c.title,
            c.rollup.sessions,
            c.rollup.attended,
            mean(c.rollup.impact.stages[0].mean_score),
            mean(c.rollup.impact.stages[1].mean_score),
            mean(c.rollup.impact.stages[2].mean_score),
        );
    }
    if !e.priorities.is_empty() {
        println!("By priority:");
    }
    for p in &e.priorities {
        println!(
            "  Priority {}: {}; change before → follow-up {}",
            p.priority,
            counts(&p.rollup),
            change(p.rollup.impact.change.before_to_follow_up)
        );
    }
    if !e.agencies.is_empty() {
        println!("Attendance by agency:");
    }
    for a in &e.agencies {
        print!("  ");
        print_agency(a);
    }
    Ok(())
}
