//! The matrix's world: the test app with both partnerships, figures, an evidence file and
//! calendar addresses; each caller's session and token; and the requests they send.

use axum::body::Body;
use axum::http::{Request, header};

use super::table::{Caller, NON_MEMBER, Send};
use crate::api_support::{Api, figures, json};
use crate::common::{KINGSTON, PASSWORD, Response, Session};

/// Everything the requests need: the callers' credentials and real ids to put in paths.
pub struct World {
    pub api: Api,
    sessions: Vec<Option<Session>>,
    tokens: Vec<Option<String>>,
    /// Each caller's calendar address id, to revoke (the lead acting on others', and callers
    /// without an address, hold the administrator's).
    feeds: Vec<Option<i64>>,
    /// `{secret}.ics` of a live calendar address.
    feed_file: String,
    /// An evidence file's hash and the update it came with, on action 1.1.
    sha256: String,
    update: i64,
    /// A person on Kingston's member register.
    person: i64,
    /// A board meeting of Kingston's, and an open action on its log.
    meeting: i64,
    meeting_action: i64,
    /// A document with one version in Kingston's register.
    document: i64,
    /// An audit of Kingston's programme.
    audit: i64,
    /// The agency with a Section 11 return (and evidence file 1) in 2010, as a path segment.
    s11_agency: String,
}

pub async fn world() -> World {
    let api = Api::new().await;
    let app = &api.app;
    app.publish(KINGSTON).await;
    let hash = web::auth::password::hash(PASSWORD).unwrap();
    let now = jiff::Timestamp::now();
    app.store
        .create_account("test", KINGSTON, NON_MEMBER, "Nobody", &hash, now)
        .await
        .unwrap();
    figures::import(app, KINGSTON, &[figures::D3], Some("2025-11-06")).await;
    let mut w = World {
        sessions: Vec::new(),
        tokens: Vec::new(),
        feeds: Vec::new(),
        feed_file: String::new(),
        sha256: String::new(),
        update: 0,
        person: 0,
        meeting: 0,
        meeting_action: 0,
        document: 0,
        audit: 0,
        s11_agency: String::new(),
        api,
    };
    for caller in Caller::ALL {
        let (session, token, feed) = match caller.account() {
            Some((email, Some(slug))) => (
                Some(w.api.app.sign_in(email).await),
                Some(w.api.token(email, slug).await),
                Some(feed(&w, email, slug).await.0),
            ),
            Some((email, None)) => (Some(w.api.app.sign_in(email).await), None, None),
            None => (None, None, None),
        };
        let token = match caller {
            Caller::RevokedToken => {
                let (id, token) = w.api.token_with_id("admin@kingston.test", KINGSTON).await;
                w.api.revoke(id).await;
                Some(token)
            }
            Caller::ExpiredToken => {
                Some(w.api.expired_token("admin@kingston.test", KINGSTON).await)
            }
            _ => token,
        };
        w.sessions.push(session);
        w.tokens.push(token);
        w.feeds.push(feed);
    }
    let admin = Caller::ALL
        .iter()
        .position(|c| *c == Caller::Admin)
        .unwrap();
    let others = Caller::ALL
        .iter()
        .position(|c| *c == Caller::LeadOthers)
        .unwrap();
    // Someone else's address, for whoever has none of their own to revoke.
    let admins = w.feeds[admin];
    w.feeds[others] = admins;
    for feed in w.feeds.iter_mut().filter(|f| f.is_none()) {
        *feed = admins;
    }
    w.feed_file = format!("{}.ics", feed(&w, "reader@kingston.test", KINGSTON).await.1);
    evidence(&mut w).await;
    let person = domain::Person::new("Matrix Person", domain::BoardRole::Member);
    let stored = w
        .api
        .app
        .store
        .add_person(KINGSTON, store::Stamp::now("test"), &person)
        .await
        .unwrap();
    w.person = stored.id;
    let board = domain::Meeting {
        date: "2009-06-17".parse().unwrap(),
        kind: domain::MeetingKind::Board,
        subgroup: None,
    };
    let store = &w.api.app.store;
    w.meeting = store
        .add_meeting_with(KINGSTON, store::Stamp::now("test"), &board, None, None)
        .await
        .unwrap();
    w.meeting_action = store
        .add_meeting_action(
            KINGSTON,
            store::Stamp::now("test"),
            w.meeting,
            "Matrix log action",
            "Matrix Person",
            None,
        )
        .await
        .unwrap();
    super::learning::seed(&w.api.app.store).await;
    w.document = document(&w).await;
    w.s11_agency = assurance(&w).await.replace(' ', "%20");
    w.audit = audit(&w).await;
    w
}

/// A document with a PDF as its first version, in Kingston's register.
async fn document(w: &World) -> i64 {
    let d = domain::documents::NewDocument {
        kind: domain::documents::DocumentKind::Plan,
        title: "Matrix document".into(),
        owner: "lscb-chair".into(),
        subgroup: None,
        review_due: None,
    };
    let f = store::NewFile {
        name: "matrix.pdf".into(),
        bytes: b"%PDF-1.4\n%%EOF\n".to_vec(),
        note: None,
    };
    w.api
        .app
        .store
        .add_document(KINGSTON, store::Stamp::now("test"), &d, Some(&f))
        .await
        .unwrap()
        .id
}

/// A case-file audit of Kingston's, for the audit routes.
async fn audit(w: &World) -> i64 {
    use domain::assurance::audits::{Audit, AuditKind, AuditStatus, DEFAULT_AREAS, DEFAULT_SCALE};
    let a = Audit {
        year: 2009,
        theme: "Matrix".into(),
        kind: AuditKind::MultiAgencyCaseFile,
        lead: None,
        starts_on: None,
        ends_on: None,
        status: AuditStatus::Planned,
        reasons: Vec::new(),
        areas: DEFAULT_AREAS.map(String::from).into(),
        scale: DEFAULT_SCALE.map(String::from).into(),
        reaudit_on: None,
    };
    let store = &w.api.app.store;
    store
        .add_audit(KINGSTON, store::Stamp::now("test"), &a)
        .await
        .unwrap()
        .id
}

/// Risk 1 on Kingston's register, and its Section 11 cycle 2010 with the lead officer linked
/// to the board's first agency (whose return is the one the lead opens).
async fn assurance(w: &World) -> String {
    use domain::assurance::{risks::Rating, section11::Standard};
    let store = &w.api.app.store;
    let risk = store::NewRisk {
        title: "Matrix risk".into(),
        cause: None,
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: None,
        appetite: Some(6),
        review_on: None,
        rating: Rating::new(3, 3).unwrap(),
        rated_on: "2009-06-01".parse().unwrap(),
        actions: vec![],
        indicators: vec![],
    };
    assert_eq!(
        store
            .add_risk(KINGSTON, store::Stamp::now("test"), &risk)
            .await
            .unwrap(),
        1
    );
    let agency = store.agencies(KINGSTON).await.unwrap().remove(0).name;
    let mut lead = domain::Person::new("Matrix Lead", domain::BoardRole::Member);
    lead.agency = Some(agency.clone());
    lead.account = Some("lead@kingston.test".into());
    store
        .add_person(KINGSTON, store::Stamp::now("test"), &lead)
        .await
        .unwrap();
    let standard = Standard {
        number: "1".into(),
        title: "Commitment".into(),
    };
    let cycle = store::NewCycle {
        year: 2010,
        standards: Some(vec![standard]),
        ..Default::default()
    };
    store
        .add_s11_cycle(KINGSTON, store::Stamp::now("test"), &cycle)
        .await
        .unwrap();
    let file = store
        .add_s11_evidence(
            KINGSTON,
            store::Stamp::now("test"),
            (2010, &agency, "1"),
            "matrix.pdf",
            b"%PDF-1.4 matrix".to_vec(),
        )
        .await
        .unwrap();
    assert_eq!(file.id, 1);
    agency
}

/// A new calendar address of `email` in `slug`: its id and secret.
async fn feed(w: &World, email: &str, slug: &str) -> (i64, String) {
    let store = &w.api.app.store;
    let account = store.account_by_email(email).await.unwrap().unwrap();
    let secret = web::auth::token::random();
    let id = store
        .create_calendar_feed(
            "test",
            account.id,
            slug,
            &web::auth::token::hash(&secret),
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    (id, secret)
}

/// An update with an evidence file on action 1.1, posted by the administrator.
async fn evidence(w: &mut World) {
    let token = w.api.token("admin@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/1.1");
    let etag = w.api.get(&path, &token).await.headers["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let body = "--b\r\nContent-Disposition: form-data; name=\"update\"\r\n\r\n\
                {\"rag\":\"green\",\"narrative\":\"Minutes attached.\"}\r\n--b\r\n\
                Content-Disposition: form-data; name=\"evidence\"; filename=\"minutes.txt\"\r\n\r\n\
                Minutes of the March meeting.\r\n--b--\r\n";
    let res = w
        .api
        .raw(
            "POST",
            &format!("{path}/updates"),
            crate::api_support::Auth::Token(&token),
            &[
                ("if-match", &etag),
                ("content-type", "multipart/form-data; boundary=b"),
            ],
            Some(body),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let update = json(&res);
    w.update = update["id"].as_i64().unwrap();
    let href = update["evidence"][0]["href"].as_str().unwrap();
    let file = href.split('?').next().unwrap().rsplit('/').next().unwrap();
    w.sha256 = file.to_string();
}

impl World {
    fn at(&self, caller: Caller) -> usize {
        Caller::ALL.iter().position(|c| *c == caller).unwrap()
    }

    /// `path` with the caller's ids put in.
    pub fn fill(&self, path: &str, caller: Caller) -> String {
        let action = if caller == Caller::LeadOwn {
            "3.1"
        } else {
            "1.1"
        };
        let feed = self.feeds[self.at(caller)].unwrap();
        path.replace("{action}", action)
            .replace("{feed}", &feed.to_string())
            .replace("{feed_file}", &self.feed_file)
            .replace("{sha256}", &self.sha256)
            .replace("{update}", &self.update.to_string())
            .replace("{person}", &self.person.to_string())
            .replace("{meeting_action}", &self.meeting_action.to_string())
            .replace("{meeting}", &self.meeting.to_string())
            .replace("{document}", &self.document.to_string())
            .replace("{audit}", &self.audit.to_string())
            .replace("{s11_agency}", &self.s11_agency)
    }

    /// The request `caller` sends for `method path`, carrying what `send` says.
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        caller: Caller,
        send: &Send,
    ) -> Request<Body> {
        let api = path.starts_with("/api/");
        let mut session = self.sessions[self.at(caller)].clone();
        if matches!(send, Send::FormInFreshSession(_))
            && let Some((email, _)) = caller.account()
        {
            session = Some(self.api.app.sign_in(email).await);
        }
        let token = &self.tokens[self.at(caller)];
        let mut req = Request::builder().method(method).uri(path);
        let mut cookies = Vec::new();
        // Pages take the session, the API the token; each takes the other when it is all
        // the caller has.
        match (&session, token) {
            (Some(s), t) if !api || t.is_none() => {
                cookies.push(s.cookie.clone());
                req = req.header("x-csrf-token", &s.csrf);
            }
            (_, Some(t)) => {
                req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            _ => {}
        }
        let csrf = session.as_ref().map_or("", |s| s.csrf.as_str()).to_string();
        let body = match send {
            Send::Nothing => Body::empty(),
            Send::Form(fields) | Send::FormInFreshSession(fields) => {
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(self.form(caller, &csrf, fields).await)
            }
            Send::SignIn => {
                let pre = self.api.app.get("/sign-in", None).await.cookies();
                let pre = pre.iter().find(|c| c.starts_with("bp_signin=")).unwrap();
                cookies.push(pre.clone());
                let token = pre.trim_start_matches("bp_signin=");
                let fields = [
                    ("csrf", token),
                    ("next", "/"),
                    ("email", "reader@kingston.test"),
                    ("password", crate::common::PASSWORD),
                ];
                req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(encode(&fields))
            }
            Send::Multipart(fields, file) => {
                let boundary = "matrix-boundary";
                let mut body = part(boundary, "csrf", csrf.as_bytes(), None);
                for (k, v) in *fields {
                    let v = self.value(caller, v).await;
                    body.extend(part(boundary, k, v.as_bytes(), None));
                }
                if let Some((field, name, bytes)) = file {
                    body.extend(part(boundary, field, bytes, Some(name)));
                }
                body.extend(format!("--{boundary}--\r\n").as_bytes());
                let media = format!("multipart/form-data; boundary={boundary}");
                req = req.header(header::CONTENT_TYPE, media);
                Body::from(body)
            }
            Send::Json { body, etag_of } => {
                // A create has nothing to match: no tag to read first.
                if !etag_of.is_empty() {
                    let etag = self.etag(&self.fill(etag_of, caller), caller).await;
                    req = req.header(header::IF_MATCH, etag);
                }
                if body.is_empty() {
                    Body::empty()
                } else {
                    req = req.header(header::CONTENT_TYPE, "application/json");
                    Body::from(*body)
                }
            }
        };
        if !cookies.is_empty() {
            req = req.header(header::COOKIE, cookies.join("; "));
        }
        req.body(body).unwrap()
    }

    async fn form(&self, caller: Caller, csrf: &str, fields: &[(&str, &str)]) -> String {
        let mut all = vec![("csrf".to_string(), csrf.to_string())];
        for (k, v) in fields {
            all.push((k.to_string(), self.value(caller, v).await));
        }
        let pairs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        encode(&pairs)
    }

    /// A field's value: `{version}` is the current version of the caller's action, `{today}`
    /// today's date.
    async fn value(&self, caller: Caller, v: &str) -> String {
        if v == "{version}" {
            let action = self.fill("{action}", caller);
            self.api.app.version(&action).await.to_string()
        } else if v == "{person_version}" {
            let stored = self.api.app.store.person(KINGSTON, self.person).await;
            stored.unwrap().version.to_string()
        } else if v == "{today}" {
            web::view::today().to_string()
        } else {
            v.to_string()
        }
    }

    /// The current tag of `path` as `caller` sees it (a tag says what its reader may do),
    /// or as the administrator sees it when the caller may not read it.
    async fn etag(&self, path: &str, caller: Caller) -> String {
        let tag = |res: &Response| {
            (res.status == 200).then(|| res.headers["etag"].to_str().unwrap().to_string())
        };
        let own = match &self.tokens[self.at(caller)] {
            Some(t) => tag(&self.api.get(path, t).await),
            None => None,
        };
        match own {
            Some(t) => t,
            None => {
                let admin = self.tokens[self.at(Caller::Admin)].as_ref().unwrap();
                tag(&self.api.get(path, admin).await).expect("the administrator reads it")
            }
        }
    }
}

fn encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", web::error::urlencode(k), web::error::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn part(boundary: &str, name: &str, value: &[u8], file: Option<&str>) -> Vec<u8> {
    let file = file.map_or(String::new(), |f| format!("; filename=\"{f}\""));
    let mut out =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n")
            .into_bytes();
    out.extend(value);
    out.extend(b"\r\n");
    out
}
