//! Shared by the store's tests: a fresh database per test on the chosen back end, raw access
//! to it for tampering, and partnerships to import.
//!
//! The back end is SQLite (a new file in a temporary folder) unless `TEST_DATABASE_URL` is a
//! `postgres://` URL: then each test gets its own new database on that server, dropped when
//! the test ends.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use domain::{
    Action, Agency, Date, Meeting, MeetingKind, Objective, Partnership, Period, Plan, PlanStatus,
    Recommendation, Review, ReviewKind, Role, Subgroup, SubgroupStatus, Timescale,
};
use sqlx::{AnyConnection, Connection};
use store::Store;

/// Keeps a test's database alive; dropping it removes the database.
pub struct Guard {
    url: String,
    raw_url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl Guard {
    /// What `Store::connect` was given.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A connection of our own, outside the store: for reading and tampering with tables.
    pub async fn raw(&self) -> AnyConnection {
        AnyConnection::connect(&self.raw_url).await.unwrap()
    }

    /// Play an attacker who can change the schema: drop the triggers that keep the change log
    /// append-only, so that a test can edit history and show that verifying notices.
    pub async fn drop_change_log_triggers(&self, raw: &mut AnyConnection) {
        let on = if self.postgres.is_some() {
            " ON change_log"
        } else {
            ""
        };
        for name in ["change_log_no_update", "change_log_no_delete"] {
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP TRIGGER {name}{on}")))
                .execute(&mut *raw)
                .await
                .unwrap();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let Some((admin, name)) = self.postgres.take() else {
            return;
        };
        // Best effort, on a thread of its own: the test's runtime may be shutting down.
        let dropped = std::thread::spawn(move || -> Result<(), String> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let mut conn = AnyConnection::connect(&admin)
                    .await
                    .map_err(|e| e.to_string())?;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok(())
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("note: the test database {} was not dropped", self.url);
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "bp_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The URL of database `name` on the server of `admin` (same user, host and options).
fn database_url(admin: &str, name: &str) -> String {
    let (base, query) = admin
        .split_once('?')
        .map_or((admin, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let server = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// A store on a database of its own, migrated, and the guard that removes it.
pub async fn fresh_store() -> (Store, Guard) {
    sqlx::any::install_default_drivers();
    let guard = match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = unique_name();
            let mut conn = AnyConnection::connect(&admin).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
            let url = database_url(&admin, &name);
            Guard {
                raw_url: url.clone(),
                url,
                _dir: None,
                postgres: Some((admin, name)),
            }
        }
        _ => {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("boardplan.db").display().to_string();
            Guard {
                raw_url: format!("sqlite://{path}"),
                url: path,
                _dir: Some(dir),
                postgres: None,
            }
        }
    };
    let store = Store::connect(guard.url()).await.unwrap();
    (store, guard)
}

pub fn date(s: &str) -> Date {
    s.parse().unwrap()
}

pub fn action(id: &str, text: &str) -> Action {
    Action {
        id: id.into(),
        number: id.split('#').next().unwrap_or(id).into(),
        text: text.into(),
        sources: vec![],
        timescale: None,
        leads: vec![],
        references: vec![],
        reference_phrases: vec![],
        duplicate_of: None,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A partnership that uses every field of the model, with the sample plan's quirks: repeated
/// action numbers, a repeated text, cross-references, an inferred yearly recurrence, a
/// proposed sub-group, role spellings, a review without a date, and recommendations answered
/// by objectives and by actions.
pub fn kingston() -> Partnership {
    let fy = Period::financial_year(2009).unwrap();
    let mut own = action("1.2", "Deliver multi-agency training on the new procedures");
    own.sources = strings(&["LR"]);
    own.timescale = Some(Timescale::parse("Training Plan 2010-11", Some(fy)));
    own.leads = strings(&["business-manager"]);
    let mut combine = action(
        "4.3",
        "Combine with 4.1 – 4.2 above and report to the board",
    );
    combine.references = strings(&["4.1", "4.2"]);
    combine.reference_phrases = strings(&["Combine with 4.1 – 4.2 above"]);
    let mut repeat = action("4.2#2", "Review the threshold document");
    repeat.number = "4.2".into();
    let mut copy = action("4.4", "Develop a set of KPIs for the board");
    copy.duplicate_of = Some("2.1".into());
    let mut ongoing = action("4.5", "Audit case files");
    ongoing.timescale = Some(Timescale::parse(
        "As per strategy and action plan",
        Some(fy),
    ));
    Partnership {
        name: "Kingston upon Thames LSCB".into(),
        area: Some("Kingston upon Thames".into()),
        meetings_per_year: Some(4),
        agencies: [
            "Children's Services",
            "Metropolitan Police",
            "NHS Kingston",
            "Probation",
            "CAFCASS",
        ]
        .map(|name| Agency { name: name.into() })
        .into(),
        subgroups: vec![
            Subgroup {
                name: "Training".into(),
                status: SubgroupStatus::Active,
                terms_of_reference: Some("Plans and evaluates multi-agency training.".into()),
            },
            Subgroup {
                name: "Policy and Procedures".into(),
                status: SubgroupStatus::Active,
                terms_of_reference: None,
            },
            Subgroup {
                name: "Quality Assurance".into(),
                status: SubgroupStatus::Proposed,
                terms_of_reference: None,
            },
        ],
        roles: vec![
            Role {
                id: "chair-policy-and-procedure".into(),
                title: "Chair, Policy and Procedures sub-group".into(),
                aliases: strings(&[
                    "Chair Policy & Procedure Group",
                    "Chair Policy and Procedure",
                    "Chair Policy & procedure",
                ]),
                subgroup: Some("Policy and Procedures".into()),
            },
            Role {
                id: "lscb-chair".into(),
                title: "LSCB Chair".into(),
                aliases: vec![],
                subgroup: None,
            },
            Role {
                id: "business-manager".into(),
                title: "LSCB Business Manager".into(),
                aliases: vec![],
                subgroup: None,
            },
        ],
        reviews: vec![
            Review {
                code: "C&D".into(),
                title: "Challenge and Development day".into(),
                kind: ReviewKind::ChallengeAndDevelopment,
                date: Some(date("2009-02-04")),
                date_label: Some("04 February 2009".into()),
                recommendations: vec![
                    Recommendation {
                        number: 1,
                        text: "Agree a performance framework".into(),
                        answered_by: strings(&["2"]),
                    },
                    Recommendation {
                        number: 2,
                        text: "Clarify thresholds".into(),
                        answered_by: strings(&["4.2#2", "4.1"]),
                    },
                ],
            },
            Review {
                code: "PR".into(),
                title: "Peer Review".into(),
                kind: ReviewKind::PeerReview,
                date: Some(date("2009-03-01")),
                date_label: Some("March 2009".into()),
                recommendations: vec![Recommendation {
                    number: 1,
                    text: "Engage faith groups".into(),
                    answered_by: vec![],
                }],
            },
            Review {
                code: "LR".into(),
                title: "The Protection of Children in England: A Progress Report".into(),
                kind: ReviewKind::NationalReview,
                date: None,
                date_label: None,
                recommendations: vec![],
            },
        ],
        meetings: vec![
            Meeting {
                date: date("2009-06-15"),
                kind: MeetingKind::Board,
                subgroup: None,
            },
            Meeting {
                date: date("2009-07-01"),
                kind: MeetingKind::Subgroup,
                subgroup: Some("Training".into()),
            },
            Meeting {
                date: date("2009-09-14"),
                kind: MeetingKind::Board,
                subgroup: None,
            },
        ],
        plans: vec![
            Plan {
                title: "Improvement Plan 2009-10".into(),
                period: fy,
                status: PlanStatus::Active,
                objectives: vec![
                    Objective {
                        number: "1".into(),
                        title: "Governance and accountability".into(),
                        sources: strings(&["C&D", "PR"]),
                        timescale: Some(Timescale::parse("September 2009", Some(fy))),
                        leads: strings(&["lscb-chair"]),
                        actions: vec![action("1.1", "Review the board's constitution"), own],
                    },
                    Objective {
                        number: "2".into(),
                        title: "Performance management".into(),
                        sources: strings(&["C&D"]),
                        timescale: Some(Timescale::parse("Annually", Some(fy))),
                        leads: strings(&["chair-policy-and-procedure", "lscb-chair"]),
                        actions: vec![action("2.1", "Develop a set of KPIs for the board")],
                    },
                    Objective {
                        number: "4".into(),
                        title: "Thresholds".into(),
                        sources: vec![],
                        timescale: None,
                        leads: vec![],
                        actions: vec![
                            action("4.1", "Publish the threshold document"),
                            action("4.2", "Train staff on thresholds"),
                            repeat,
                            combine,
                            copy,
                            ongoing,
                        ],
                    },
                ],
            },
            Plan {
                title: "Business Plan 2010-11".into(),
                period: Period::financial_year(2010).unwrap(),
                status: PlanStatus::Draft,
                objectives: vec![Objective {
                    number: "1".into(),
                    title: "Carry forward".into(),
                    sources: vec![],
                    timescale: Some(Timescale::parse("Ongoing", None)),
                    leads: strings(&["business-manager"]),
                    actions: vec![action("1.1", "Carry forward unfinished actions")],
                }],
            },
        ],
    }
}

/// A second, unrelated partnership.
pub fn sutton() -> Partnership {
    Partnership {
        name: "Sutton Safeguarding Children Partnership".into(),
        area: Some("Sutton".into()),
        meetings_per_year: Some(6),
        agencies: vec![
            Agency {
                name: "Sutton Council".into(),
            },
            Agency {
                name: "Epsom and St Helier".into(),
            },
        ],
        roles: vec![Role {
            id: "chair".into(),
            title: "Independent Chair".into(),
            aliases: vec![],
            subgroup: None,
        }],
        plans: vec![Plan {
            title: "Improvement Plan 2009-10".into(),
            period: Period::financial_year(2009).unwrap(),
            status: PlanStatus::Active,
            objectives: vec![Objective {
                number: "1".into(),
                title: "Listen to children".into(),
                sources: vec![],
                timescale: None,
                leads: strings(&["chair"]),
                actions: vec![action("1.1", "Run a young people's forum")],
            }],
        }],
        ..Partnership::default()
    }
}

/// A partnership with one plan of `objectives` × `actions`, every action led and timed.
pub fn large(objectives: usize, actions: usize) -> Partnership {
    let fy = Period::financial_year(2009).unwrap();
    let mut p = sutton();
    p.name = "Large Board".into();
    p.plans[0].objectives = (1..=objectives)
        .map(|o| Objective {
            number: o.to_string(),
            title: format!("Objective {o}"),
            sources: strings(&["C&D"]),
            timescale: Some(Timescale::parse("Annually", Some(fy))),
            leads: strings(&["chair"]),
            actions: (1..=actions)
                .map(|a| {
                    let mut act = action(
                        &format!("{o}.{a}"),
                        &format!("Action {a} of objective {o}, in full sentences."),
                    );
                    act.leads = strings(&["chair"]);
                    act.timescale = Some(Timescale::parse("September 2009", None));
                    if a > 1 {
                        act.references = vec![format!("{o}.{}", a - 1)];
                        act.reference_phrases = vec![format!("see {o}.{} above", a - 1)];
                    }
                    act
                })
                .collect(),
        })
        .collect();
    p
}

pub fn source(name: &str, sha256: &str) -> store::Source {
    store::Source {
        name: name.into(),
        sha256: sha256.into(),
    }
}
