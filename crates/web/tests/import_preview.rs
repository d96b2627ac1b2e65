//! Importing a plan in the board's own tables through the browser: the upload is held and
//! previewed with its columns and statuses in drop-downs, a changed drop-down reads it again,
//! and "Import" writes the plan with each rated row's first progress update, as
//! `boardplan import` does; a later version of the plan records its changes instead. The
//! held upload is reached by no one else, and a bad file is refused with nothing held or
//! written.

use std::io::{Cursor, Write};

use axum::http::StatusCode;

use crate::common::{KINGSTON, OUTSIDER, RIVERFORD, Response, Session, TestApp, app};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// A Word document: paragraphs, then a table of rows.
fn docx(paragraphs: &[&str], rows: &[&[&str]]) -> Vec<u8> {
    let para = |t: &str| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", esc(t));
    let mut body: String = paragraphs.iter().map(|p| para(p)).collect();
    body.push_str("<w:tbl>");
    for r in rows {
        body.push_str("<w:tr>");
        for cell in *r {
            body.push_str(&format!("<w:tc>{}</w:tc>", para(cell)));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("a zip entry");
    zip.write_all(xml.as_bytes()).expect("written");
    zip.finish().expect("finished").into_inner()
}

const TITLE: &str = "Riverbend LSCB Business Plan 2013-14";

/// A plan whose "Named Contact" column is not recognised (kept as a note) and whose status
/// is in RAG letters.
fn plan(status_1a: &str, due_1b: &str) -> Vec<u8> {
    docx(
        &[TITLE, "Objective 1: Hear children"],
        &[
            &[
                "Ref",
                "Action",
                "Named Contact",
                "By when",
                "RAG",
                "Progress",
            ],
            &[
                "1a",
                "Survey children in care",
                "Participation Officer",
                "Sept 2013",
                status_1a,
                "Survey live",
            ],
            &[
                "1b",
                "Report the survey",
                "Business Manager",
                due_1b,
                "G",
                "",
            ],
        ],
    )
}

/// The fields the preview form sends as shown: hidden inputs, each drop-down's selected
/// option, the date, and the checked radio.
fn form_of(page: &Response) -> Vec<(String, String)> {
    let html = page.html();
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let mut out: Vec<(String, String)> = Vec::new();
    for i in html.select(&sel("form#choices input[type=hidden], form#choices input[type=text], form#choices input[type=radio][checked], form#choices input[type=checkbox][checked]")) {
        if let (Some(n), Some(v)) = (i.attr("name"), i.attr("value")) {
            out.push((n.to_string(), v.to_string()));
        }
    }
    for s in html.select(&sel("form#choices select")) {
        let chosen = s
            .select(&sel("option[selected]"))
            .next()
            .or_else(|| s.select(&sel("option")).next())
            .and_then(|o| o.attr("value"))
            .unwrap_or("");
        out.push((s.attr("name").unwrap().to_string(), chosen.to_string()));
    }
    out
}

/// `fields` with `name` set to `value`.
fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<_> = fields.iter().filter(|(k, _)| k != name).cloned().collect();
    out.push((name.to_string(), value.to_string()));
    out
}

/// The drop-down of the column headed `heading`.
fn column(fields: &[(String, String)], heading: &str) -> String {
    let (k, _) = fields
        .iter()
        .find(|(k, v)| k.ends_with("-heading") && k.starts_with("col-") && v == heading)
        .unwrap_or_else(|| panic!("no column {heading}: {fields:?}"));
    k.trim_end_matches("-heading").to_string()
}

fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

async fn send(app: &TestApp, s: &Session, fields: &[(String, String)]) -> Response {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(&format!("/p/{KINGSTON}/import/preview"), Some(s), &f)
        .await
}

async fn upload(app: &TestApp, s: &Session, name: &str, bytes: &[u8]) -> Response {
    app.post_multipart(
        &format!("/p/{KINGSTON}/import"),
        s,
        &[("csrf", &s.csrf)],
        Some(("document", name, bytes)),
    )
    .await
}

#[tokio::test]
async fn a_word_plan_is_previewed_changed_and_imported_with_its_first_updates() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let head = app.store.log_head(KINGSTON).await.unwrap();
    let page = upload(&app, &s, "riverbend.docx", &plan("A", "March 2014")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Preview the import of riverbend.docx"));
    // Each heading has a drop-down of the fields, the status values theirs.
    let fields = form_of(&page);
    let officer = column(&fields, "Named Contact");
    assert_eq!(value(&fields, &officer), "note", "not recognised: a note");
    assert_eq!(value(&fields, &column(&fields, "Action")), "action");
    assert_eq!(value(&fields, &column(&fields, "RAG")), "status");
    let options = page.texts(&format!("select#{officer} option"));
    assert!(
        options.contains(&"keep as a note".to_string()),
        "{options:?}"
    );
    assert!(options.contains(&"lead".to_string()), "{options:?}");
    let statuses = page.texts("#statuses tbody tr");
    assert!(statuses.iter().any(|r| r.starts_with("A ")), "{statuses:?}");
    let rows = page.texts("#rows tbody tr");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].contains("1a") && rows[0].contains("Survey children in care"));
    assert!(rows[0].contains("no lead"), "{rows:?}");
    assert!(rows[0].contains("amber"), "{rows:?}");
    assert_eq!(
        app.store.log_head(KINGSTON).await.unwrap(),
        head,
        "a preview writes nothing"
    );

    // The officer column read as the lead, and "A" as red: the preview changes.
    let changed = with(&fields, &officer, "lead");
    let a = fields
        .iter()
        .find(|(k, v)| k.starts_with("status-") && k.ends_with("-value") && v == "A")
        .map(|(k, _)| k.trim_end_matches("-value").to_string())
        .expect("the status A");
    let changed = with(&changed, &a, "red");
    let changed = with(&changed, "do", "preview");
    let again = send(&app, &s, &changed).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let rows = again.texts("#rows tbody tr");
    assert!(rows[0].contains("Participation Officer"), "{rows:?}");
    assert!(rows[0].contains("red"), "{rows:?}");
    let fields = form_of(&again);
    assert_eq!(value(&fields, &column(&fields, "Named Contact")), "lead");
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);

    // Import what was previewed, the updates dated as chosen.
    let go = with(&with(&fields, "do", "import"), "as_of", "2013-10-01");
    let refused = send(&app, &s, &go).await;
    assert!(
        refused
            .body
            .contains("You changed a choice since the preview"),
        "a changed date is previewed first: {}",
        refused.body
    );
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
    let done = send(&app, &s, &with(&form_of(&refused), "do", "import")).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("Import complete"), "{}", done.body);
    assert!(
        done.body.contains("2 first progress updates recorded"),
        "{}",
        done.body
    );
    let p = app.store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let stored = p
        .plans
        .iter()
        .find(|pl| pl.title == TITLE)
        .expect("the plan");
    let leads: Vec<String> = stored.objectives[0].actions[0]
        .leads
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(
        leads
            .iter()
            .any(|l| l.to_lowercase().contains("participation")),
        "{leads:?}"
    );
    let updates = app
        .store
        .updates_as_at(KINGSTON, TITLE, jiff::Timestamp::now())
        .await
        .unwrap();
    let first = updates
        .iter()
        .find(|u| u.action == "1a")
        .expect("1a's update");
    assert_eq!(first.rag, domain::Rag::Red);
    assert_eq!(first.as_of.to_string(), "2013-10-01");
    assert!(
        first
            .narrative
            .starts_with("Imported from riverbend.docx: Survey live")
    );
    // The upload is let go: the same form cannot import it twice.
    let twice = send(&app, &s, &with(&form_of(&refused), "do", "import")).await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST, "{}", twice.body);
    assert!(twice.body.contains("no longer held"), "{}", twice.body);
}

#[tokio::test]
async fn a_later_version_records_its_changes_on_the_stored_plan() {
    let app = app().await;
    let s = app.sign_in("admin@kingston.test").await;
    let page = upload(&app, &s, "v1.docx", &plan("A", "March 2014")).await;
    let done = send(&app, &s, &with(&form_of(&page), "do", "import")).await;
    assert!(done.body.contains("Import complete"), "{}", done.body);
    let versions = app
        .store
        .load_partnership(KINGSTON)
        .await
        .unwrap()
        .unwrap()
        .plans
        .len();

    // V2: 1a now green, 1b re-timed. Matched by its title, offered as a later version.
    let page = upload(&app, &s, "v2.docx", &plan("G", "June 2014")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let fields = form_of(&page);
    assert_eq!(value(&fields, "target"), "later");
    assert_eq!(value(&fields, "later_plan"), TITLE);
    let changes = page.texts("#changes li");
    assert!(
        changes
            .iter()
            .any(|c| c.starts_with("1a: green (was amber)")),
        "{changes:?}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.starts_with("1b:") && c.contains("June 2014")),
        "{changes:?}"
    );
    let done = send(&app, &s, &with(&fields, "do", "import")).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("as its later version"), "{}", done.body);
    let p = app.store.load_partnership(KINGSTON).await.unwrap().unwrap();
    assert_eq!(p.plans.len(), versions, "no other plan was made");
    let updates = app
        .store
        .updates_as_at(KINGSTON, TITLE, jiff::Timestamp::now())
        .await
        .unwrap();
    let latest = updates.iter().rev().find(|u| u.action == "1a").unwrap();
    assert_eq!(latest.rag, domain::Rag::Green);
}

#[tokio::test]
async fn the_held_upload_is_reached_by_no_one_else() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let page = upload(&app, &s, "riverbend.docx", &plan("A", "March 2014")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let fields = with(&form_of(&page), "do", "import");
    let head = app.store.log_head(KINGSTON).await.unwrap();

    // Another officer of the same partnership, with the token and their own CSRF token.
    let admin = app.sign_in("admin@kingston.test").await;
    let theirs = with(&fields, "csrf", &admin.csrf);
    let r = send(&app, &admin, &theirs).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("no longer held"), "{}", r.body);
    assert!(
        !r.body.contains("Survey children"),
        "nothing of the file is shown"
    );
    // A member who is not an officer.
    let member = app.sign_in("member@kingston.test").await;
    let r = send(&app, &member, &with(&fields, "csrf", &member.csrf)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The other partnership's administrator, here and in their own partnership.
    let outsider = app.sign_in(OUTSIDER).await;
    let r = send(&app, &outsider, &with(&fields, "csrf", &outsider.csrf)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let f: Vec<(String, String)> = with(&fields, "csrf", &outsider.csrf);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app
        .post(
            &format!("/p/{RIVERFORD}/import/preview"),
            Some(&outsider),
            &f,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("no longer held"), "{}", r.body);
    // Without the session's CSRF token, even its owner is refused.
    let r = send(&app, &s, &with(&fields, "csrf", "forged")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
    assert!(
        !app.store
            .load_partnership(RIVERFORD)
            .await
            .unwrap()
            .unwrap()
            .plans
            .iter()
            .any(|p| p.title == TITLE)
    );
    // Its owner still can.
    let r = send(&app, &s, &fields).await;
    assert!(r.body.contains("Import complete"), "{}", r.body);
}

#[tokio::test]
async fn a_bad_file_or_choice_is_refused_with_nothing_written() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let head = app.store.log_head(KINGSTON).await.unwrap();
    let none = docx(
        &["Minutes of the meeting"],
        &[&["Name", "Date"], &["Ann", "Monday"]],
    );
    let r = upload(&app, &s, "minutes.docx", &none).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("minutes.docx"), "{}", r.body);
    assert!(r.body.contains("could hold actions"), "{}", r.body);
    let r = upload(&app, &s, "broken.docx", b"PK\x03\x04 not really a zip").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("broken.docx"), "{}", r.body);
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);

    // A choice that leaves no column for the actions: said, and the file shown as it reads.
    let page = upload(&app, &s, "riverbend.docx", &plan("A", "March 2014")).await;
    let fields = form_of(&page);
    let action = column(&fields, "Action");
    let bad = with(&with(&fields, &action, "note"), "do", "import");
    let r = send(&app, &s, &bad).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("Nothing was saved"), "{}", r.body);
    assert_eq!(r.texts("#rows tbody tr").len(), 2);
    let r = send(
        &app,
        &s,
        &with(&with(&fields, "as_of", "1/10/2013"), "do", "import"),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("YYYY-MM-DD"), "{}", r.body);
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
}
