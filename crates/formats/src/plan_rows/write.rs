//! Writing the plan as rows, each action with its effective sources, timescale and leads.

use domain::{Partnership, Timescale};

use super::PlanRow;

/// The plan at `plan_index` as rows, in plan order, numbered from 2 (row 1 is the heading).
/// An objective with no actions gets one row with only its own cells filled. An index past
/// the last plan gives no rows.
pub fn to_rows(p: &Partnership, plan_index: usize) -> Vec<PlanRow> {
    let Some(plan) = p.plans.get(plan_index) else {
        return Vec::new();
    };
    let lead_titles = |ids: &[String]| {
        ids.iter()
            .map(|id| p.role(id).map_or(id.as_str(), |r| r.title.as_str()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut rows: Vec<PlanRow> = Vec::new();
    for o in &plan.objectives {
        let objective_row = |row: usize,
                             sources: &[String],
                             timescale: Option<&Timescale>,
                             leads: &[String]| PlanRow {
            row,
            objective: o.number.clone(),
            objective_title: o.title.clone(),
            sources: sources.join(", "),
            timescale: timescale.map(|t| t.label.clone()).unwrap_or_default(),
            due: timescale
                .and_then(|t| t.due)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            leads: lead_titles(leads),
            ..PlanRow::default()
        };
        if o.actions.is_empty() {
            rows.push(objective_row(
                rows.len() + 2,
                &o.sources,
                o.timescale.as_ref(),
                &o.leads,
            ));
        }
        for a in &o.actions {
            let row = PlanRow {
                action_id: a.id.clone(),
                number: a.number.clone(),
                action: a.text.clone(),
                references: a.references.join(", "),
                duplicate_of: a.duplicate_of.clone().unwrap_or_default(),
                ..objective_row(
                    rows.len() + 2,
                    o.sources_for(a),
                    o.timescale_for(a),
                    o.leads_for(a),
                )
            };
            rows.push(row);
        }
    }
    rows
}
