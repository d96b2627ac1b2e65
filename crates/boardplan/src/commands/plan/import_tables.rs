//! `boardplan import FILE` for a plan in the board's own layout (tables in a .docx, .odt,
//! .xlsx, .ods or .csv): the dry run shows how each column was read and every action as
//! read, with each inference and warning; without `--dry-run` the plan is stored through the
//! same import as a plan document. Kept apart from `import` so that the export's sheets and
//! the board's own tables each have one place.

use anyhow::Result;
use formats::plan_tables::{self, Field, Format, Imported, Overrides, Preview, PreviewAction};
use serde_json::Value;
use store::{ImportOutcome, Source};

use crate::cli::Global;
use crate::commands::{actor, open};
use crate::output;

use super::first_updates::{self, FirstUpdates};
use super::import::{ImportArgs, describe, mode_of};
use super::later_version;

pub async fn run(
    g: &Global,
    args: &ImportArgs,
    format: Format,
    name: &str,
    bytes: &[u8],
) -> Result<()> {
    let overrides = overrides(args)?;
    let (as_of, documents_date) = first_updates::dated(
        args.as_of.as_deref(),
        plan_tables::document_date(format, bytes),
    )?;
    let imported = plan_tables::import_with(format, bytes, name, &overrides)
        .map_err(|e| anyhow::anyhow!("{name}, {e}\nNothing was written."))?;
    let mut first = first_updates::from_preview(&imported.preview, name, as_of);
    first.documents_date = documents_date;
    if let Some(target) = later_version::find(g, args, &imported.partnership).await? {
        if args.dry_run && !args.json {
            print_preview(name, &imported.preview);
            print_findings(&imported.report);
        }
        let source = Source {
            name: name.to_string(),
            sha256: formats::sha256_hex(bytes),
        };
        let preview = if args.json {
            preview_json(name, &imported, &first)?
        } else {
            Value::Null
        };
        return later_version::run(g, args, target, &source, &imported, &first, preview).await;
    }
    if args.dry_run {
        if args.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&preview_json(name, &imported, &first)?)?
            );
        } else {
            print_preview(name, &imported.preview);
            print_findings(&imported.report);
            println!("{}", first.describe(false));
            println!("Dry run: nothing was written.");
        }
        return Ok(());
    }
    let store = open(g).await?;
    let source = Source {
        name: name.to_string(),
        sha256: formats::sha256_hex(bytes),
    };
    let p = &imported.partnership;
    let outcome = store
        .import_partnership(&actor(g), p, &source, mode_of(args))
        .await?;
    let slug = match &outcome {
        ImportOutcome::Created { partnership, .. }
        | ImportOutcome::Replaced { partnership, .. } => Some(partnership.clone()),
        ImportOutcome::AlreadyPresent { .. } => None,
    };
    // The plan is stored; its first updates follow in their own transaction, so a failure
    // here says so plainly rather than undoing the plan.
    let recorded = match (slug, p.plans.first()) {
        (Some(slug), Some(plan)) => Some(
            store
                .record_first_updates(&slug, &plan.title, &actor(g), &mut first)
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "{name}: the plan was imported, but its first progress updates were \
                         not recorded: {e}"
                    )
                })?,
        ),
        _ => None,
    };
    output::print_report(&imported.report, Some(&outcome), args.json)?;
    if !args.json {
        println!("{}", describe(p, &outcome));
        if recorded.is_some() {
            println!("{}", first.describe(true));
        }
    }
    Ok(())
}

/// `--map` and `--status-scale`, refused (naming the bad one) before the file is read.
fn overrides(args: &ImportArgs) -> Result<Overrides> {
    let mut o = Overrides::default();
    let refused = |e: String| anyhow::anyhow!("{e}\nNothing was written.");
    for m in &args.map {
        o.add_map(m).map_err(refused)?;
    }
    if let Some(s) = &args.status_scale {
        o.add_scale(s).map_err(refused)?;
    }
    Ok(o)
}

/// The report's counts, warnings and inferences, with the preview beside them.
fn preview_json(name: &str, imported: &Imported, first: &FirstUpdates) -> Result<Value> {
    let mut v = serde_json::to_value(&imported.report)?;
    if let Value::Object(map) = &mut v {
        map.insert("file".into(), Value::from(name));
        map.insert("read_as".into(), Value::from("tables"));
        map.insert(
            "first_updates".into(),
            serde_json::json!({
                "as_of": first.as_of.to_string(),
                "count": first.updates.len(),
                "unrated": first.unrated,
            }),
        );
        if let Value::Object(preview) = serde_json::to_value(&imported.preview)? {
            map.extend(preview);
        }
    }
    Ok(v)
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Number => "number",
        Field::Action => "action",
        Field::Lead => "lead",
        Field::Timescale => "timescale",
        Field::Status => "status",
        Field::Progress => "progress",
        Field::Source => "source (kept as a note)",
        Field::Outcome => "outcome (kept as a note)",
        Field::Group => "objective",
        Field::Note => "note (kept on each action)",
    }
}

fn print_preview(name: &str, p: &Preview) {
    println!(
        "Read {name} as a plan in tables: \"{}\" ({} to {}), for \"{}\".",
        p.title, p.period.start, p.period.end, p.board
    );
    for m in &p.mappings {
        println!("\nColumns (heading row at {}):", m.place);
        for c in &m.columns {
            let why = match c.because.as_deref() {
                _ if c.from == "override" => " — set by --map".to_string(),
                Some(b) => format!(" — {b}"),
                None => String::new(),
            };
            println!(
                "  {:<40} → {}{why}",
                quoted(&c.heading),
                field_name(c.field)
            );
        }
    }
    if !p.status_scale.is_empty() {
        println!("\nStatus values:");
        for e in &p.status_scale {
            let rating = e.rating.map_or("not rated".to_string(), |r| r.to_string());
            let from = if e.from == "override" {
                "set by --status-scale"
            } else {
                "from the key the document prints"
            };
            println!("  {:<40} → {rating} — {from}", quoted(&e.value));
        }
    }
    for o in &p.objectives {
        println!("\nObjective {}: {}", o.number, o.title);
        if !o.leads.is_empty() {
            println!("  leads: {}", o.leads.join("; "));
        }
        for a in &o.actions {
            print_action(a);
        }
    }
    println!();
}

fn print_action(a: &PreviewAction) {
    let first = a.text.lines().next().unwrap_or("");
    println!("  {:<8} {first}   ({})", a.id, a.place);
    for more in a.text.lines().skip(1) {
        println!("  {:<8} {more}", "");
    }
    let due = match (a.due, a.timescale.is_empty()) {
        (Some(d), _) => format!("due {d} (\"{}\")", a.timescale),
        (None, false) => format!("timescale \"{}\", no date", a.timescale),
        (None, true) => "no timescale".to_string(),
    };
    let status = match (a.status, a.status_text.is_empty()) {
        (Some(r), _) => format!("status {r} (\"{}\")", a.status_text),
        (None, true) => "not rated".to_string(),
        (None, false) => format!("status \"{}\", not read", a.status_text),
    };
    let leads = if a.leads.is_empty() {
        "no lead".to_string()
    } else {
        format!("lead {}", a.leads.join("; "))
    };
    println!("  {:<8} {leads} · {due} · {status}", "");
    if !a.progress.is_empty() {
        println!("  {:<8} progress: {}", "", a.progress.replace('\n', " / "));
    }
    for n in &a.notes {
        println!("  {:<8} {}: {}", "", n.label, n.text.replace('\n', " / "));
    }
}

/// Counts, warnings and inferences; each message names its table and row itself, so the
/// reading-order number the report carries is not shown.
fn print_findings(report: &domain::ImportReport) {
    let c = &report.counts;
    println!(
        "Found {} objectives, {} actions, {} lead roles and {} cross-references.",
        c.objectives, c.actions, c.roles, c.cross_references
    );
    if !report.warnings.is_empty() {
        println!("\nWarnings ({}):", report.warnings.len());
        for w in &report.warnings {
            let kind = serde_json::to_value(w.kind).ok();
            let kind = kind.as_ref().and_then(Value::as_str).unwrap_or("other");
            println!("  [{kind}] {}", w.message);
        }
    }
    if !report.inferred.is_empty() {
        println!("\nInferred — please check ({}):", report.inferred.len());
        for i in &report.inferred {
            println!("  {}", i.what);
        }
    }
    println!();
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}
