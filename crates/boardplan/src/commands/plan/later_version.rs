//! `boardplan import FILE` of a board's own plan document that is a later version of a plan
//! already stored (V9 after V7): found by `--update-plan TITLE`, or by the document's title,
//! or by its period when one stored plan of the board has it. Its changes are recorded on
//! that plan (`store::progress::later_version`) rather than as another plan; the dry run says
//! what they would be, and the import what they were. `--replace` keeps its old meaning (the
//! document becomes a new version of the plan outright).

use std::path::Path;

use anyhow::{Result, bail};
use domain::Partnership;
use formats::plan_tables::Imported;
use serde_json::{Value, json};
use store::{DocumentProgress, LaterVersion, PlanChanges, Source, Stamp, Store};

use crate::cli::Global;
use crate::commands::{actor, db_url, open, partnership};

use super::first_updates::FirstUpdates;
use super::import::ImportArgs;

/// The stored plan a document is a later version of.
pub struct Target {
    pub store: Store,
    pub slug: String,
    pub title: String,
    /// How it was found, for the report: "--update-plan", "its title", "its period".
    pub matched_by: &'static str,
}

/// The plan `doc` updates, if any (see the module's doc).
pub async fn find(g: &Global, args: &ImportArgs, doc: &Partnership) -> Result<Option<Target>> {
    if let Some(wanted) = &args.update_plan {
        if args.replace {
            bail!(
                "--update-plan records a document's changes on a stored plan, --replace makes it \
                 the plan outright: give one of them. Nothing was written."
            );
        }
        let store = open(g).await?;
        let slug = match &g.partnership {
            Some(s) => s.clone(),
            None => {
                let own = store::slugify(&doc.name);
                match store.load_partnership(&own).await? {
                    Some(_) => own,
                    None => partnership(&store, g).await?.0,
                }
            }
        };
        let p = store
            .load_partnership(&slug)
            .await?
            .ok_or_else(|| anyhow::anyhow!("there is no partnership called \"{slug}\""))?;
        let Some(plan) = p
            .plans
            .iter()
            .find(|pl| pl.title.eq_ignore_ascii_case(wanted.trim()))
        else {
            bail!(
                "--update-plan \"{wanted}\": {} has no such plan; its plans are: {}. Nothing was \
                 written.",
                p.name,
                p.plans
                    .iter()
                    .map(|pl| format!("\"{}\"", pl.title))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        };
        let title = plan.title.clone();
        return Ok(Some(Target {
            store,
            slug,
            title,
            matched_by: "--update-plan",
        }));
    }
    if args.replace || !may_hold_plans(db_url(g)) {
        return Ok(None);
    }
    if doc.plans.is_empty() {
        return Ok(None);
    }
    let store = open(g).await?;
    let slug = store::slugify(&doc.name);
    let Some(p) = store.load_partnership(&slug).await? else {
        return Ok(None);
    };
    let Some((found, matched_by)) = store::later_version_of(&p, doc) else {
        return Ok(None);
    };
    let title = found.title.clone();
    Ok(Some(Target {
        store,
        slug,
        title,
        matched_by,
    }))
}

/// A SQLite file that is not there holds no plan: looking would make it.
fn may_hold_plans(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return true;
    }
    let path = url.strip_prefix("sqlite:").unwrap_or(url);
    let path = path.strip_prefix("//").unwrap_or(path);
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    Path::new(path).exists()
}

/// Compare (dry run) or record the document's changes on the target plan, and report them.
pub async fn run(
    g: &Global,
    args: &ImportArgs,
    t: Target,
    source: &Source,
    imported: &Imported,
    first: &FirstUpdates,
    preview: Value,
) -> Result<()> {
    let progress: Vec<DocumentProgress> = first.progress();
    let lv = LaterVersion {
        plan: &t.title,
        document: &imported.partnership,
        source,
        progress: &progress,
        as_of: first.as_of,
    };
    let changes = if args.dry_run {
        t.store.compare_later_version(&t.slug, &lv).await?
    } else {
        let who = actor(g);
        t.store
            .record_later_version(&t.slug, Stamp::now(&who), &lv)
            .await?
    };
    if args.json {
        // The preview of the document as read, with what it changes beside it.
        let mut v = preview;
        if let Value::Object(map) = &mut v {
            map.insert("dry_run".into(), Value::from(args.dry_run));
            let mut later = serde_json::to_value(&changes)?;
            if let Value::Object(l) = &mut later {
                l.insert("partnership".into(), Value::from(t.slug.as_str()));
                l.insert("matched_by".into(), Value::from(t.matched_by));
                l.insert("unrated".into(), json!(first.unrated));
            }
            map.insert("later_version".into(), later);
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    print!("{}", describe(&t, &changes, args.dry_run, first));
    Ok(())
}

fn describe(t: &Target, c: &PlanChanges, dry_run: bool, first: &FirstUpdates) -> String {
    if c.is_empty() {
        return format!(
            "The plan \"{}\" is already there (found by {}) and {} changes nothing in it; \
             nothing was written.\n",
            c.plan, t.matched_by, c.document
        );
    }
    let mut out = format!(
        "{} is a later version of \"{}\" (found by {}): {} action(s) matched by number.\n",
        c.document, c.plan, t.matched_by, c.matched
    );
    let would = |done: &str, would: &str| {
        if dry_run {
            would.to_string()
        } else {
            done.to_string()
        }
    };
    if !c.updates.is_empty() {
        out.push_str(&format!(
            "\nProgress updates {} ({}), dated {}:\n",
            would("recorded", "to record"),
            c.updates.len(),
            first.as_of
        ));
        for u in &c.updates {
            let was = u
                .was
                .map(|r| format!(" (was {})", r.as_str().to_uppercase()))
                .unwrap_or_default();
            out.push_str(&format!(
                "  {:<8} {}{was} — {}\n",
                u.action,
                u.rag.as_str().to_uppercase(),
                u.narrative.lines().next().unwrap_or("")
            ));
        }
    }
    if !c.retimed.is_empty() {
        out.push_str(&format!("\nRe-timed ({}):\n", c.retimed.len()));
        for r in &c.retimed {
            let due = r.due.map(|d| format!(" (due {d})")).unwrap_or_default();
            let from = r.from.as_deref().unwrap_or("no timescale");
            out.push_str(&format!(
                "  {:<8} \"{from}\" → \"{}\"{due}\n",
                r.action, r.to
            ));
        }
    }
    if !c.reworded.is_empty() {
        out.push_str(&format!(
            "\nRe-worded ({}): {}\n",
            c.reworded.len(),
            c.reworded.join(", ")
        ));
    }
    if !c.notes_updated.is_empty() {
        out.push_str(&format!(
            "\nStatus and progress notes brought up to date ({}): {}\n",
            c.notes_updated.len(),
            c.notes_updated.join(", ")
        ));
    }
    if !c.added.is_empty() {
        out.push_str(&format!(
            "\nNew actions {} ({}):\n",
            would("added", "to add"),
            c.added.len()
        ));
        for a in &c.added {
            out.push_str(&format!(
                "  {:<8} (objective {}) {}\n",
                a.action, a.objective, a.text
            ));
        }
        if !c.added_objectives.is_empty() {
            out.push_str(&format!(
                "  New objectives: {}\n",
                c.added_objectives.join(", ")
            ));
        }
    }
    if !c.removed.is_empty() {
        out.push_str(&format!(
            "\nNo longer in the document, kept in the plan ({}):\n",
            c.removed.len()
        ));
        for r in &c.removed {
            out.push_str(&format!("  {:<8} {}\n", r.action, r.text));
        }
    }
    if !first.unrated.is_empty() {
        out.push_str(&format!(
            "\nNo update for {} (progress text but no rating; the text is kept on the action).\n",
            first.unrated.join(", ")
        ));
    }
    out.push('\n');
    match (dry_run, c.version) {
        (true, _) => out.push_str("Dry run: nothing was written.\n"),
        (false, Some(v)) => out.push_str(&format!(
            "Recorded on \"{}\", now at version {v}.\n",
            c.plan
        )),
        (false, None) => out.push_str(&format!("Recorded on \"{}\".\n", c.plan)),
    }
    out
}
