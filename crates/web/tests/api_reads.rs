//! Reading the plan through the API: partnerships, paginated and filtered actions, one action
//! with its cross-references and ETag, the reviews and their gaps, bad parameters refused by
//! name, and problem reports in RFC 9457's shape. Every response is checked against the
//! OpenAPI document the server serves.

use std::collections::HashSet;

use crate::api_support::{Api, Auth, json};
use crate::common::{KINGSTON, RIVERFORD};
use serde_json::Value;

fn actions(query: &str) -> String {
    format!("/api/v1/partnerships/{KINGSTON}/actions{query}")
}

#[tokio::test]
async fn the_served_document_is_openapi_3_1_with_a_bearer_scheme_problem_responses_and_no_dangling_refs()
 {
    let api = Api::new().await;
    let doc = &api.doc;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(!doc["security"].as_array().unwrap().is_empty());
    let mut operations = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path} documents no success"
            );
            for (status, r) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        r["content"]["application/problem+json"]["schema"]["$ref"]
                            .as_str()
                            .is_some_and(|s| s.ends_with("/Problem")),
                        "{method} {path} {status} is not described as a problem"
                    );
                }
            }
            if path != "/api/v1/openapi.json" {
                assert!(responses.contains_key("401"), "{method} {path} lacks 401");
                assert!(responses.contains_key("500"), "{method} {path} lacks 500");
            }
        }
    }
    // 15, the member register's list, read and add, meetings (list, one, attendance), the
    // document register (list, one), learning (training impact, case reviews list and read),
    // the risk register (list, one), the Section 11 heat map, and the audits' list, one audit,
    // its summary and an action's golden thread.
    assert_eq!(operations, 36, "every route is in the document");
    let mut refs = Vec::new();
    collect_refs(doc, &mut refs);
    assert!(refs.len() > 20);
    for r in refs {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external $ref {r}"));
        assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
    }
}

/// Every `$ref` in a JSON value (parameters', bodies' and responses' alike).
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::String(r)) = m.get("$ref") {
                out.push(r.clone());
            }
            m.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_check_refuses_a_body_that_breaks_the_schema() {
    let api = Api::new().await;
    let schema = serde_json::json!({"$ref": "#/components/schemas/ActionPage"});
    assert!(
        !api.validate(&schema, &serde_json::json!({"items": "nope"}))
            .is_empty()
    );
    let problem = serde_json::json!({"$ref": "#/components/schemas/Problem"});
    let bad_status = serde_json::json!({"type": "t", "title": "t", "status": 200, "detail": "d", "instance": "/"});
    assert!(
        !api.validate(&problem, &bad_status).is_empty(),
        "a problem's status is 400 to 599"
    );
}

#[tokio::test]
async fn the_caller_lists_their_partnership_with_their_role() {
    let api = Api::new().await;
    let token = api.token("lead@kingston.test", KINGSTON).await;
    let list = json(&api.get("/api/v1/partnerships", &token).await);
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["slug"], KINGSTON);
    assert_eq!(items[0]["role"], "lead_officer");
    assert_eq!(items[0]["holds"], serde_json::json!(["chair-training"]));
    assert_eq!(items[0]["href"], format!("/api/v1/partnerships/{KINGSTON}"));
}

#[tokio::test]
async fn a_partnership_shows_its_board_and_counts_the_whole_sample_plan() {
    let api = Api::new().await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let p = json(
        &api.get(&format!("/api/v1/partnerships/{KINGSTON}"), &token)
            .await,
    );
    assert!(p["name"].as_str().unwrap().contains("Kingston"));
    assert_eq!(p["role"], "reader");
    let c = &p["counts"];
    assert_eq!(c["objectives"], 16);
    assert_eq!(c["actions"], 49);
    assert_eq!(c["agencies"], 12);
    assert_eq!(c["reviews"], 3);
    let rag = &c["rag"];
    let rated: u64 = ["red", "amber", "green", "blue", "grey", "not_rated"]
        .iter()
        .map(|k| rag[k].as_u64().unwrap())
        .sum();
    assert_eq!(rated, 49, "every action is counted once by rating");
    assert!(
        p["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "chair-training")
    );
    let codes: HashSet<&str> = p["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, HashSet::from(["C&D", "PR", "LR"]));
}

#[tokio::test]
async fn actions_come_a_page_at_a_time_with_next_links_to_the_end() {
    let api = Api::new().await;
    let token = api.token("member@kingston.test", KINGSTON).await;
    let mut next = Some(actions("?per_page=20"));
    let mut seen = Vec::new();
    let mut pages = 0;
    while let Some(path) = next {
        let res = api.get(&path, &token).await;
        assert_eq!(res.status, 200, "{}", res.body);
        let page = json(&res);
        pages += 1;
        assert_eq!(page["page"], pages);
        assert_eq!(page["per_page"], 20);
        assert_eq!(page["total"], 49);
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_string());
        }
        next = page["next"].as_str().map(str::to_string);
        let link = res
            .headers
            .get("link")
            .map(|v| v.to_str().unwrap().to_string());
        match &next {
            Some(n) => assert_eq!(link, Some(format!("<{n}>; rel=\"next\""))),
            None => assert_eq!(link, None),
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 49);
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        49,
        "no action twice"
    );
    assert_eq!(seen[0], "1.1");
    assert!(seen.contains(&"4.2#2".to_string()));
    let beyond = json(&api.get(&actions("?per_page=20&page=4"), &token).await);
    assert_eq!(beyond["items"], serde_json::json!([]));
    assert_eq!(beyond["next"], Value::Null);
    let all = json(&api.get(&actions("?per_page=200"), &token).await);
    assert_eq!(all["items"].as_array().unwrap().len(), 49);
}

#[tokio::test]
async fn filters_keep_their_values_in_the_next_link_and_every_item_matches_them() {
    let api = Api::new().await;
    let token = api.token("member@kingston.test", KINGSTON).await;
    let page = json(
        &api.get(&actions("?lead=chair-training&per_page=1"), &token)
            .await,
    );
    assert!(page["total"].as_u64().unwrap() >= 3, "{page}");
    assert_eq!(
        page["next"],
        actions("?lead=chair-training&page=2&per_page=1")
    );
    let led = json(&api.get(&actions("?lead=chair-training"), &token).await);
    for item in led["items"].as_array().unwrap() {
        assert!(
            item["leads"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["id"] == "chair-training"),
            "{item}"
        );
    }
    let from_pr = json(&api.get(&actions("?source=PR"), &token).await);
    assert!(from_pr["total"].as_u64().unwrap() > 0);
    for item in from_pr["items"].as_array().unwrap() {
        assert!(
            item["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "PR")
        );
    }
    let overdue = json(&api.get(&actions("?status=overdue"), &token).await);
    for item in overdue["items"].as_array().unwrap() {
        assert_eq!(item["status"]["overdue"], true);
    }
    let incomplete = json(&api.get(&actions("?status=not_complete"), &token).await);
    assert_eq!(incomplete["total"], 49, "nothing is complete yet");
}

#[tokio::test]
async fn a_bad_parameter_is_a_400_problem_that_names_it() {
    let api = Api::new().await;
    let token = api.token("member@kingston.test", KINGSTON).await;
    let cases = [
        ("?per_page=201", "per_page"),
        ("?per_page=0", "per_page"),
        ("?page=0", "page"),
        ("?page=two", "page"),
        ("?per_page=", "per_page"),
        ("?as_at=31-12-2009", "as_at"),
        ("?as_at=", "as_at"),
        ("?as_recorded=31-12-2009", "as_recorded"),
        ("?status=purple", "status"),
        ("?status=", "status"),
    ];
    for (query, name) in cases {
        let path = actions(query);
        let res = api.get(&path, &token).await;
        let p = api.problem(&res, 400, &path);
        assert_eq!(p["parameter"], name, "{query}");
        assert_eq!(p["type"], "urn:boardplan:problem:invalid-parameter");
        assert!(p["detail"].as_str().unwrap().contains(name), "{p}");
    }
    // Each well formed, together not: the request was valid, so 422.
    let path = actions("?as_at=2009-12-31&as_recorded=2009-12-31");
    let p = api.problem(&api.get(&path, &token).await, 422, &path);
    assert_eq!(p["parameter"], "as_recorded");
}

#[tokio::test]
async fn a_lead_or_source_no_action_has_matches_nothing() {
    let api = Api::new().await;
    let token = api.token("member@kingston.test", KINGSTON).await;
    for query in ["?lead=nobody-at-all", "?source=XYZ", "?lead=%10%7D6"] {
        let page = json(&api.get(&actions(query), &token).await);
        assert_eq!(page["total"], 0, "{query}");
        assert_eq!(page["items"], serde_json::json!([]), "{query}");
    }
}

#[tokio::test]
async fn a_future_day_judges_the_plan_as_recorded_now_on_that_day() {
    let api = Api::new().await;
    let token = api.token("member@kingston.test", KINGSTON).await;
    let now = json(&api.get(&actions("?per_page=200"), &token).await);
    let later = json(
        &api.get(&actions("?as_at=2999-01-01&per_page=200"), &token)
            .await,
    );
    assert_eq!(later["as_at"], "2999-01-01");
    assert_eq!(later["total"], now["total"], "the same plan");
    // The 2009-10 plan is long due: by 2999 every action not complete is overdue.
    let overdue = json(
        &api.get(
            &actions("?as_at=2999-01-01&status=overdue&per_page=200"),
            &token,
        )
        .await,
    );
    assert!(overdue["total"].as_u64().unwrap() > 0, "{overdue}");
    let one = format!("/api/v1/partnerships/{KINGSTON}/actions/1.1");
    let a = json(&api.get(&format!("{one}?as_at=2999-01-01"), &token).await);
    assert_eq!(a["as_at"], "2999-01-01");
    let path = format!("{one}/updates?as_at=2999-01-01");
    assert_eq!(api.get(&path, &token).await.status, 200);
    let path = format!("/api/v1/partnerships/{KINGSTON}?as_at=2999-01-01");
    assert_eq!(json(&api.get(&path, &token).await)["as_at"], "2999-01-01");
    let path = format!("/api/v1/partnerships/{KINGSTON}/reviews?as_at=2999-01-01");
    assert_eq!(api.get(&path, &token).await.status, 200);
}

#[tokio::test]
async fn an_action_shows_its_objective_references_both_ways_and_the_recommendations_it_answers() {
    let api = Api::new().await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/1.1");
    let res = api.get(&path, &token).await;
    let a = json(&res);
    assert_eq!(a["id"], "1.1");
    assert_eq!(a["objective"]["number"], "1");
    assert_eq!(a["sources"], serde_json::json!(["C&D"]));
    assert_eq!(a["timescale"]["label"], "September 2009");
    let refs: Vec<&str> = a["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        refs.contains(&"8.1"),
        "1.1 says \"Combine with 8.1 – 8.2\": {refs:?}"
    );
    assert_eq!(a["may_update"], false, "a reader updates nothing");
    assert_eq!(a["version"], 0);
    assert_eq!(a["updates_href"], format!("{path}/updates"));
    // 8.1 is referred to by 1.1: the reference is shown from both ends.
    let b = json(
        &api.get(
            &format!("/api/v1/partnerships/{KINGSTON}/actions/8.1"),
            &token,
        )
        .await,
    );
    assert!(
        b["referenced_by"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "1.1"),
        "{b}"
    );
    let reviews = json(
        &api.get(&format!("/api/v1/partnerships/{KINGSTON}/reviews"), &token)
            .await,
    );
    let answered_by_1: usize = reviews["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["recommendations"].as_array().unwrap())
        .filter(|rec| {
            rec["answered_by"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["id"] == "1" || t["id"] == "1.1")
        })
        .count();
    assert_eq!(a["answers"].as_array().unwrap().len(), answered_by_1);
}

#[tokio::test]
async fn a_repeated_action_number_is_reached_by_its_encoded_id() {
    let api = Api::new().await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let first = json(
        &api.get(
            &format!("/api/v1/partnerships/{KINGSTON}/actions/4.2"),
            &token,
        )
        .await,
    );
    let second = json(
        &api.get(
            &format!("/api/v1/partnerships/{KINGSTON}/actions/4.2%232"),
            &token,
        )
        .await,
    );
    assert_eq!(first["number"], "4.2");
    assert_eq!(second["number"], "4.2");
    assert_eq!(second["id"], "4.2#2");
    assert_ne!(first["text"], second["text"]);
    let missing = format!("/api/v1/partnerships/{KINGSTON}/actions/99.9");
    api.problem(&api.get(&missing, &token).await, 404, &missing);
}

#[tokio::test]
async fn an_action_has_a_strong_etag_that_if_none_match_honours() {
    let api = Api::new().await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/5.1");
    let res = api.get(&path, &token).await;
    let etag = res.headers["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "{etag}");
    assert_eq!(api.get(&path, &token).await.headers["etag"], etag.as_str());
    let again = api
        .call(
            "GET",
            &path,
            Auth::Token(&token),
            &[("if-none-match", &etag)],
            None,
        )
        .await;
    assert_eq!(again.status, 304);
    assert_eq!(again.headers["etag"], etag.as_str());
    assert!(again.body.is_empty());
    // A tag list that names nothing current, malformed ones too, is simply not matched.
    for other in ["\"something-else\"", "null", "!s[#gw6o\\6n6", "W/", ""] {
        let res = api
            .call(
                "GET",
                &path,
                Auth::Token(&token),
                &[("if-none-match", other)],
                None,
            )
            .await;
        assert_eq!(res.status, 200, "{other}");
        assert_eq!(res.headers["etag"], etag.as_str());
    }
    let past = api.get(&format!("{path}?as_at=2009-12-31"), &token).await;
    assert_ne!(
        past.headers["etag"],
        etag.as_str(),
        "another view, another tag"
    );
    assert_eq!(json(&past)["version"], Value::Null);
}

#[tokio::test]
async fn before_the_partnership_was_recorded_there_is_nothing_to_see() {
    let api = Api::new().await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    // The sample plan was imported as at 2009-04-01: the pages and the API agree that there
    // was nothing before that.
    for path in [
        actions("?as_at=2008-06-30"),
        format!("/api/v1/partnerships/{KINGSTON}?as_at=2008-06-30"),
        format!("/api/v1/partnerships/{KINGSTON}/actions/1.1?as_at=2008-06-30"),
        actions("?as_recorded=2008-06-30"),
    ] {
        api.problem(&api.get(&path, &token).await, 404, &path);
    }
    let session = api.app.sign_in("reader@kingston.test").await;
    let page = api
        .app
        .get(
            &format!("/p/{KINGSTON}/plan?as_at=2008-06-30"),
            Some(&session),
        )
        .await;
    assert_eq!(page.status, 404);
    let then = json(&api.get(&actions("?as_at=2009-04-01"), &token).await);
    assert_eq!(then["total"], 49);
    assert_eq!(then["as_at"], "2009-04-01");
    let path = actions("?as_recorded=2009-04-01&per_page=20");
    let recorded = json(&api.get(&path, &token).await);
    assert_eq!(recorded["total"], 49);
    let next = recorded["next"].as_str().unwrap_or_default();
    assert!(next.contains("as_recorded=2009-04-01"), "{recorded}");
}

#[tokio::test]
async fn the_reviews_list_every_recommendation_and_the_gaps_nothing_answers() {
    let api = Api::new().await;
    let token = api.token("chair@kingston.test", KINGSTON).await;
    let r = json(
        &api.get(&format!("/api/v1/partnerships/{KINGSTON}/reviews"), &token)
            .await,
    );
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let unanswered: Vec<(String, u64)> = items
        .iter()
        .flat_map(|rev| {
            rev["recommendations"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|rec| rec["answered_by"].as_array().unwrap().is_empty())
                .map(|rec| {
                    (
                        rev["code"].as_str().unwrap().to_string(),
                        rec["number"].as_u64().unwrap(),
                    )
                })
        })
        .collect();
    let gaps: Vec<(String, u64)> = r["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["review"].as_str().unwrap().to_string(),
                g["number"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(gaps, unanswered);
    let answered = items
        .iter()
        .flat_map(|rev| rev["recommendations"].as_array().unwrap())
        .flat_map(|rec| rec["answered_by"].as_array().unwrap())
        .find(|t| t["kind"] == "action")
        .expect("some recommendation is answered by an action");
    assert!(
        answered["href"]
            .as_str()
            .unwrap()
            .starts_with(&format!("/api/v1/partnerships/{KINGSTON}/actions/"))
    );
}

#[tokio::test]
async fn unknown_routes_and_methods_answer_with_problems_too() {
    let api = Api::new().await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let res = api
        .raw(
            "GET",
            "/api/v1/no-such-thing",
            Auth::Token(&token),
            &[],
            None,
        )
        .await;
    api.problem(&res, 404, "/api/v1/no-such-thing");
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions");
    let res = api
        .raw("DELETE", &path, Auth::Token(&token), &[], None)
        .await;
    api.problem(&res, 405, &path);
    assert!(res.headers.contains_key("allow"));
}

#[tokio::test]
async fn api_responses_are_private_and_never_cached() {
    let api = Api::new().await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let res = api
        .get(&format!("/api/v1/partnerships/{RIVERFORD}"), &token)
        .await;
    assert_eq!(res.headers["cache-control"], "no-store");
    let res = api.get("/api/v1/partnerships", &token).await;
    assert_eq!(res.headers["cache-control"], "no-store");
    assert!(
        res.headers["vary"]
            .to_str()
            .unwrap()
            .contains("Authorization")
    );
}
