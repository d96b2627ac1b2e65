//! `boardplan meeting show DATE [--subgroup NAME] [--json]`: attendance, whether the meeting
//! was quorate, its decisions and the action log as it stood at it; as JSON, the API's shape.

use anyhow::Result;
use web::meetings::wire::MeetingDetail;

use super::record::Named;
use crate::cli::Global;

pub async fn run(g: &Global, named: &Named, json: bool) -> Result<()> {
    let (store, slug, id) = named.find(g).await?;
    let m = store.meeting(&slug, id).await?;
    let d = MeetingDetail::new(&slug, &m);
    if json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(());
    }
    let whose = d
        .meeting
        .subgroup
        .clone()
        .map_or("Board".into(), |s| format!("{s} sub-group"));
    let when = [d.meeting.time.clone(), d.meeting.place.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    println!(
        "{whose} meeting, {}{}",
        d.meeting.date,
        if when.is_empty() {
            String::new()
        } else {
            format!(", {}", when.join(", "))
        }
    );
    if !d.agenda.is_empty() {
        println!("\nAgenda:");
        for (i, a) in d.agenda.iter().enumerate() {
            let by = a
                .presenter
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            println!("  {}. {}{by}", i + 1, a.title);
        }
    }
    println!("\nAttendance:");
    if d.attendance.is_empty() {
        println!(
            "  none recorded: boardplan meeting attend {} --member NAME --as present",
            d.meeting.date
        );
    }
    for a in &d.attendance {
        let agency = a
            .agency
            .as_deref()
            .map(|x| format!(" ({x})"))
            .unwrap_or_default();
        let deputy = a
            .deputy
            .as_deref()
            .map(|x| format!(": {x}"))
            .unwrap_or_default();
        println!("  {}{agency}  {}{deputy}", a.person, a.status);
    }
    let q = &d.quorum;
    let verdict = match d.quorate {
        Some(true) => "quorate",
        Some(false) => "not quorate",
        None => "no quorum rule",
    };
    println!(
        "Quorate: {verdict} ({} agencies, {} members; {})",
        q.agencies, q.members, q.rule
    );
    println!("\nDecisions:");
    if d.decisions.is_empty() {
        println!("  none");
    }
    for (i, x) in d.decisions.iter().enumerate() {
        println!("  {}. {x}", i + 1);
    }
    println!("\nAction log:");
    if d.action_log.is_empty() {
        println!("  nothing open");
    }
    for a in &d.action_log {
        let due = a
            .due
            .as_deref()
            .map(|x| format!(", by {x}"))
            .unwrap_or_default();
        let state = match (&a.done, &a.promoted_to) {
            (Some(x), _) => format!("done {x}"),
            (None, Some(p)) => format!(
                "promoted to plan action {} of \"{}\" on {}",
                p.action, p.plan, p.on
            ),
            (None, None) => "open".to_string(),
        };
        println!(
            "  [{}] {} ({}{due}; raised {}) {state}",
            a.id, a.what, a.who, a.raised
        );
    }
    if let Some(n) = &d.minutes {
        let s = n.approved_at.as_deref().map_or("draft".to_string(), |x| {
            format!("approved at the meeting on {x}")
        });
        println!("\nMinutes: {s}");
    }
    Ok(())
}
