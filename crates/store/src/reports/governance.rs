//! What the governance reports are made from (the member register, attendance over a period,
//! one meeting with the last minutes of its body and the papers its agenda names), read
//! through the register's, meetings' and documents' own reads, for the command line and the
//! web app alike. The one new query each is a seek: the partnership's name by its slug, the
//! body's last minutes before a meeting (by `meetings_by_partnership`), a paper by its title
//! (by the register's unique title).

use domain::{Date, Partnership, StatusRules};
use reports::ReportInput;
use reports::governance::{
    AgendaEntry, AttendanceInput, Governance, LoggedAction, MeetingInput, MinutesInput, Paper,
    PaperFile, PaperInput, Seat,
};
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::{AttendanceReport, MeetingRecord, Store};

/// What a governance report reads besides the partnership's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GovernanceRead {
    /// The member register.
    Register,
    /// Attendance from one day to another, both included.
    Attendance { from: Date, to: Date },
    /// One meeting, whole, with its body's last minutes; with the PDF papers' bytes when
    /// `papers` (the pack's PDF needs them; its other formats and the minutes do not).
    Meeting { id: i64, papers: bool },
}

const NAME: &str = "SELECT id, name FROM partnerships WHERE slug = $1";

/// The latest earlier meeting of the same body (board, or the same sub-group) with minutes.
const LAST_MINUTES: &str = "SELECT p.date, p.minutes, am.date AS approved_on
     FROM meetings m
     JOIN meetings p ON p.partnership_id = m.partnership_id AND p.date < m.date
         AND COALESCE(p.subgroup_id, -1) = COALESCE(m.subgroup_id, -1)
     LEFT JOIN meetings am ON am.partnership_id = p.partnership_id AND am.id = p.minutes_approved_by
     WHERE m.partnership_id = $1 AND m.id = $2 AND p.minutes IS NOT NULL
     ORDER BY p.date DESC LIMIT 1";

const PAPER: &str = "SELECT id FROM documents WHERE partnership_id = $1 AND title = $2";

impl Store {
    /// The input of a governance report on partnership `slug` as at `as_at`, stamped
    /// `generated_at`, and the papers a meeting pack includes (PDFs of the register, in
    /// agenda order; none unless asked).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn governance_report_input(
        &self,
        slug: &str,
        as_at: Date,
        read: GovernanceRead,
        generated_at: jiff::Timestamp,
    ) -> Result<(ReportInput, Vec<Paper>)> {
        let mut tx = self.begin_read().await?;
        let row = sqlx::query(NAME)
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))?;
        let pid: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        let last = match read {
            GovernanceRead::Meeting { id, .. } => last_minutes(&mut tx, pid, id).await?,
            _ => None,
        };
        tx.commit().await?;
        let mut governance = Governance::default();
        let mut papers = Vec::new();
        match read {
            GovernanceRead::Register => {
                governance.people = self
                    .people(slug)
                    .await?
                    .into_iter()
                    .map(|p| p.person)
                    .collect();
            }
            GovernanceRead::Attendance { from, to } => {
                governance.attendance =
                    Some(attendance_input(self.attendance(slug, from, to).await?));
            }
            GovernanceRead::Meeting {
                id,
                papers: with_papers,
            } => {
                let m = self.meeting(slug, id).await?;
                let mut agenda = Vec::with_capacity(m.agenda.len());
                for a in &m.agenda {
                    let paper = match &a.paper {
                        Some(reference) => {
                            let (file, bytes) =
                                self.paper(slug, pid, reference, with_papers).await?;
                            if let (PaperFile::Pdf { title, .. }, Some(bytes)) = (&file, bytes) {
                                papers.push(Paper {
                                    title: title.clone(),
                                    bytes,
                                });
                            }
                            Some(PaperInput {
                                reference: reference.clone(),
                                file,
                            })
                        }
                        None => None,
                    };
                    agenda.push(AgendaEntry {
                        title: a.title.clone(),
                        presenter: a.presenter.clone(),
                        paper,
                        actions: a.actions.clone(),
                        indicators: a.indicators.clone(),
                    });
                }
                governance.meeting = Some(meeting_input(m, agenda, last));
            }
        }
        let input = ReportInput {
            partnership: Partnership {
                name,
                ..Partnership::default()
            },
            plan_index: 0,
            updates: Vec::new(),
            signoffs: Vec::new(),
            as_at,
            as_recorded: false,
            previous_plan: None,
            indicators: Vec::new(),
            rules: StatusRules::default(),
            generated_at,
            change_log: None,
            assurance: Default::default(),
            governance,
            yearly: None,
        };
        Ok((input, papers))
    }

    /// What the register holds for the paper an agenda names `reference` (its title), and
    /// the newest version's bytes when it is a PDF and `bytes` are wanted.
    async fn paper(
        &self,
        slug: &str,
        pid: i64,
        reference: &str,
        bytes: bool,
    ) -> Result<(PaperFile, Option<Vec<u8>>)> {
        let mut conn = self.pool.acquire().await?;
        let id: Option<i64> = sqlx::query(PAPER)
            .bind(pid)
            .bind(reference.trim())
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| r.try_get("id"))
            .transpose()?;
        drop(conn);
        let Some(id) = id else {
            return Ok((PaperFile::NotInRegister, None));
        };
        let doc = self.document(slug, id).await?;
        let Some(v) = doc.latest() else {
            return Ok((PaperFile::NoFile { title: doc.title }, None));
        };
        if v.media_type != "application/pdf" {
            return Ok((
                PaperFile::Other {
                    title: doc.title.clone(),
                    version: v.number,
                    media_type: v.media_type.clone(),
                },
                None,
            ));
        }
        let file = if bytes {
            Some(self.document_file(slug, id, v.number).await?.file.bytes)
        } else {
            None
        };
        Ok((
            PaperFile::Pdf {
                title: doc.title.clone(),
                version: v.number,
            },
            file,
        ))
    }

    /// The board's membership and its attendance from `from` to `to`, for the annual report.
    pub(crate) async fn annual_governance(
        &self,
        slug: &str,
        from: Date,
        to: Date,
    ) -> Result<Governance> {
        Ok(Governance {
            people: self
                .people(slug)
                .await?
                .into_iter()
                .map(|p| p.person)
                .collect(),
            attendance: Some(attendance_input(self.attendance(slug, from, to).await?)),
            meeting: None,
        })
    }
}

async fn last_minutes(
    conn: &mut AnyConnection,
    pid: i64,
    id: i64,
) -> Result<Option<(Date, MinutesInput)>> {
    let row = sqlx::query(LAST_MINUTES)
        .bind(pid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| {
        Ok((
            codec::parse_date(&r.try_get::<String, _>("date")?)?,
            MinutesInput {
                text: r.try_get("minutes")?,
                approved_at: codec::opt_date(r.try_get("approved_on")?)?,
            },
        ))
    })
    .transpose()
}

fn attendance_input(r: AttendanceReport) -> AttendanceInput {
    AttendanceInput {
        from: r.from,
        to: r.to,
        threshold: r.threshold,
        tally: r.tally,
        agency_of: r.agency_of.into_iter().collect(),
    }
}

fn meeting_input(
    m: MeetingRecord,
    agenda: Vec<AgendaEntry>,
    last_minutes: Option<(Date, MinutesInput)>,
) -> MeetingInput {
    MeetingInput {
        date: m.summary.date,
        subgroup: m.summary.subgroup,
        time: m.summary.time,
        place: m.summary.place,
        agenda,
        attendance: m
            .attendance
            .into_iter()
            .map(|a| Seat {
                person: a.person,
                agency: a.agency,
                status: a.status,
                deputy: a.deputy,
            })
            .collect(),
        quorum: m.quorum,
        decisions: m.decisions,
        action_log: m
            .action_log
            .into_iter()
            .map(|a| LoggedAction {
                what: a.what,
                who: a.who,
                due: a.due,
                done: a.done,
                raised: a.raised,
            })
            .collect(),
        minutes: m.minutes.map(|x| MinutesInput {
            text: x.text,
            approved_at: x.approved_at,
        }),
        last_minutes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    /// Each new read seeks: the partnership by its slug, the body's earlier meetings by the
    /// partnership's date index, a paper by the register's unique title.
    #[tokio::test]
    async fn the_governance_reports_reads_seek_by_their_keys() {
        let p = plan(NAME, &[Bind::Text("kingston")]).await;
        p.assert_no_full_read("a partnership's name", &[("partnerships", "partnerships")]);
        p.assert_seeks_by("a partnership's name", "partnerships", "slug", "=");
        let p = plan(LAST_MINUTES, &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read(
            "the last minutes",
            &[("m", "meetings"), ("p", "meetings"), ("am", "meetings")],
        );
        p.assert_seeks_by("the last minutes", "m", "id", "=");
        p.assert_seeks_by("the last minutes", "p", "partnership_id", "=");
        let p = plan(PAPER, &[Bind::Int(1), Bind::Text("Training strategy")]).await;
        p.assert_no_full_read("a paper by title", &[("documents", "documents")]);
        p.assert_seeks_by("a paper by title", "documents", "title", "=");
    }
}
