//! Names and dates to ids inside one partnership: a sub-group by name, a meeting by its date
//! and body, a person by name. Case never matters; errors say what there is and how to add it.

use domain::Date;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};

/// A meeting's row as the writes need it.
pub(crate) struct Head {
    pub date: Date,
    pub subgroup_id: Option<i64>,
    /// How the change log names it: `2009-06-15 board`, `2009-07-01 subgroup (Training)`.
    pub key: String,
}

/// The sub-group called `name`: its id and stored name.
pub(crate) async fn subgroup(
    conn: &mut AnyConnection,
    pid: i64,
    name: &str,
) -> Result<(i64, String)> {
    let rows =
        sqlx::query("SELECT id, name FROM subgroups WHERE partnership_id = $1 ORDER BY position")
            .bind(pid)
            .fetch_all(&mut *conn)
            .await?;
    let mut names = Vec::new();
    for r in &rows {
        let stored: String = r.try_get("name")?;
        if stored.eq_ignore_ascii_case(name.trim()) {
            return Ok((r.try_get("id")?, stored));
        }
        names.push(stored);
    }
    Err(StoreError::invalid(format!(
        "\"{name}\" is not one of the partnership's sub-groups ({}). Correct the name, or add \
         it: boardplan subgroup add \"{name}\"",
        if names.is_empty() {
            "it has none yet".into()
        } else {
            names.join(", ")
        }
    )))
}

/// The person called `name` on the register: id and stored name.
pub(crate) async fn person(
    conn: &mut AnyConnection,
    pid: i64,
    name: &str,
) -> Result<(i64, String)> {
    let row = sqlx::query(
        "SELECT id, name FROM people WHERE partnership_id = $1 AND LOWER(name) = LOWER($2)",
    )
    .bind(pid)
    .bind(name.trim())
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => Ok((r.try_get("id")?, r.try_get("name")?)),
        None => Err(StoreError::invalid(format!(
            "\"{name}\" is not on the member register. Correct the name, or add them first: \
             boardplan member add \"{name}\" --agency AGENCY --board-role member"
        ))),
    }
}

/// The meeting of the board (no `subgroup`) or of sub-group `subgroup` on `date`.
pub(crate) async fn meeting_by_date(
    conn: &mut AnyConnection,
    pid: i64,
    date: Date,
    subgroup: Option<&str>,
) -> Result<i64> {
    let sid = match subgroup {
        Some(name) => Some(self::subgroup(conn, pid, name).await?.0),
        None => None,
    };
    let row = sqlx::query(
        "SELECT id FROM meetings WHERE partnership_id = $1 AND date = $2
         AND COALESCE(subgroup_id, -1) = $3",
    )
    .bind(pid)
    .bind(codec::date_text(date))
    .bind(sid.unwrap_or(-1))
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => Ok(r.try_get("id")?),
        None => {
            let (whose, flag) = match subgroup {
                Some(s) => (format!("the {s} sub-group"), format!(" --subgroup \"{s}\"")),
                None => ("the board".to_string(), String::new()),
            };
            Err(StoreError::invalid(format!(
                "no meeting of {whose} on {date} is recorded: record it first with \
                 boardplan meeting add {date}{flag}"
            )))
        }
    }
}

/// Meeting `id` of partnership `pid`.
pub(crate) async fn head(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<Head> {
    let r = sqlx::query(
        "SELECT m.id, m.date, m.kind, m.subgroup_id, s.name AS subgroup FROM meetings m
         LEFT JOIN subgroups s ON s.partnership_id = m.partnership_id AND s.id = m.subgroup_id
         WHERE m.partnership_id = $1 AND m.id = $2",
    )
    .bind(pid)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("that meeting"))?;
    let date: String = r.try_get("date")?;
    let kind: String = r.try_get("kind")?;
    let subgroup: Option<String> = r.try_get("subgroup")?;
    Ok(Head {
        date: codec::parse_date(&date)?,
        subgroup_id: r.try_get("subgroup_id")?,
        key: format!(
            "{date} {kind}{}",
            subgroup.map(|s| format!(" ({s})")).unwrap_or_default()
        ),
    })
}
