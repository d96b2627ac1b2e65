//! The board paper as at a board meeting, attached to the meeting without anyone uploading
//! it: links to the existing report (`board-paper` as at the meeting's date) in the formats
//! the reports page makes, built with the reports page's own query so the two never differ.
//! A meeting still to come gets no link yet: a report never speaks for a day not yet here.

use domain::{Date, MeetingKind};
use reports::{Format, ReportKind};
use store::MeetingSummary;

use crate::reports::request::{ReportRequest, query};

/// The board paper a meeting's page offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardPaper {
    /// The day it is as at: the meeting's.
    pub as_at: Date,
    /// (label, href) of the paper in each format; empty until the meeting's day has come.
    pub links: Vec<(&'static str, String)>,
}

/// The formats offered on a meeting's page: the web page to read, and files to circulate.
fn formats() -> Vec<(Format, &'static str)> {
    let mut f = vec![(Format::Html, "Web page")];
    if cfg!(feature = "pdf") {
        f.push((Format::Pdf, "PDF"));
    }
    f.extend([(Format::Docx, "Word (DOCX)"), (Format::Odt, "ODT")]);
    f
}

/// The board paper of meeting `m` of partnership `slug`, if it is the board's.
pub fn board_paper(slug: &str, m: &MeetingSummary, today: Date) -> Option<BoardPaper> {
    if m.kind != MeetingKind::Board {
        return None;
    }
    let links = if m.date <= today {
        formats()
            .into_iter()
            .map(|(format, label)| {
                // What the board saw: the paper for its minutes, the same however often made.
                let r = ReportRequest {
                    kind: ReportKind::BoardPaper,
                    as_at: m.date,
                    as_recorded: true,
                    format,
                    audit: None,
                    cycle: None,
                };
                (label, format!("/p/{slug}/reports{}", query(&r, format)))
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(BoardPaper {
        as_at: m.date,
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(kind: MeetingKind, date: &str) -> MeetingSummary {
        MeetingSummary {
            id: 1,
            date: date.parse().unwrap(),
            kind,
            subgroup: (kind == MeetingKind::Subgroup).then(|| "Training".to_string()),
            time: None,
            place: None,
            chair_account: None,
            member_accounts: Vec::new(),
        }
    }

    #[test]
    fn a_board_meeting_links_its_paper_as_recorded_by_its_day_and_a_subgroup_meeting_has_none() {
        let today: Date = "2010-01-01".parse().unwrap();
        let p = board_paper("k", &meeting(MeetingKind::Board, "2009-06-17"), today).unwrap();
        assert_eq!(
            p.links[0].1,
            "/p/k/reports?report=board-paper&as_at=2009-06-17&format=html&recorded=yes",
            "what the board saw that day"
        );
        assert!(p.links.iter().any(|(_, h)| h.contains("format=docx")));
        assert!(board_paper("k", &meeting(MeetingKind::Subgroup, "2009-06-17"), today).is_none());
        let later = board_paper("k", &meeting(MeetingKind::Board, "2010-03-17"), today).unwrap();
        assert!(later.links.is_empty(), "no paper for a day not yet here");
    }
}
