//! Performance indicators through the API, on real DfE and ONS figures put in through the
//! store: the list with latest value, target, RAG and directions; pagination; `?as_at=`;
//! one indicator with its periods, gaps, "did not exist", comparators, commentary and
//! calculation; 404 for an unknown code or another partnership, 400 for an unknown area, 401
//! without a token. Every response is checked against the OpenAPI document the server serves.

use crate::common;

use crate::api_support::figures::{B1, CSWW, D3, ONS, SN, import, target};
use crate::api_support::{Api, Auth, json};
use crate::common::{KINGSTON, OUTSIDER, RIVERFORD};
use serde_json::Value;

fn list(query: &str) -> String {
    format!("/api/v1/partnerships/{KINGSTON}/indicators{query}")
}

fn one(code: &str, query: &str) -> String {
    format!("/api/v1/partnerships/{KINGSTON}/indicators/{code}{query}")
}

/// The listed indicator with this code.
fn item<'a>(page: &'a Value, code: &str) -> &'a Value {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("{code} is not listed: {page}"))
}

/// The period labelled `label` among `values`.
fn period<'a>(values: &'a Value, label: &str) -> &'a Value {
    values
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["period"]["label"] == label)
        .unwrap_or_else(|| panic!("no {label} in {values}"))
}

#[tokio::test]
async fn the_list_gives_latest_value_target_rag_and_both_directions_as_published() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3, CSWW], None).await;
    target(&api.app, KINGSTON, "cpp-subsequent-pct", 2025, 18.0).await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let page = json(&api.get(&list(""), &token).await);
    assert_eq!(page["area"]["code"], "E09000021");
    assert_eq!(page["area"]["name"], "Kingston upon Thames");
    assert_eq!(page["notice"], Value::Null);
    let repeat = item(&page, "cpp-subsequent-pct");
    assert_eq!(
        repeat["title"],
        "Child protection plans that are a second or subsequent plan"
    );
    assert_eq!(repeat["unit"], "percent");
    assert_eq!(repeat["polarity"]["kind"], "lower_is_better");
    assert_eq!(repeat["latest"]["value"], 17.3);
    assert_eq!(repeat["latest"]["period"]["label"], "2024-25");
    assert_eq!(repeat["latest"]["period"]["kind"], "year_to_31_march");
    assert_eq!(repeat["latest"]["period"]["ends_on"], "2025-03-31");
    assert_eq!(repeat["target"]["value"], 18.0);
    assert_eq!(repeat["rag"], "green");
    // 21.0 in 2023-24, so down, which is better.
    assert_eq!(repeat["direction_vs_previous"], "improving");
    assert_eq!(repeat["direction_vs_year_ago"], "improving");
    assert_eq!(period(&repeat["trend"], "2023-24")["value"], 21.0);
    assert_eq!(period(&repeat["trend"], "2012-13")["value"], 7.5);
    assert_eq!(repeat["gap_count"], 0);
    assert_eq!(
        repeat["href"],
        format!("/api/v1/partnerships/{KINGSTON}/indicators/cpp-subsequent-pct")
    );
    // Kingston's workforce is published only jointly with Richmond: said, not hidden.
    let turnover = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["title"]
                .as_str()
                .unwrap()
                .starts_with("Social worker turnover")
        })
        .unwrap();
    assert_eq!(turnover["reported_jointly_as"], "E09000021 / E09000027");
    assert_eq!(turnover["rag"], Value::Null, "no target, no RAG");
}

#[tokio::test]
async fn the_list_comes_a_page_at_a_time_with_a_next_link_that_keeps_the_area_and_date() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3, CSWW], Some("2025-11-06")).await;
    let token = api.token("member@kingston.test", KINGSTON).await;
    let all = json(&api.get(&list("?as_at=2026-01-31"), &token).await);
    let codes: Vec<Value> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].clone())
        .collect();
    assert!(codes.len() > 2, "{all}");
    assert_eq!(all["total"], codes.len());
    assert_eq!(all["next"], Value::Null);

    let mut seen = Vec::new();
    let mut path = list("?as_at=2026-01-31&area=E09000021&per_page=2");
    loop {
        let res = api.get(&path, &token).await;
        assert_eq!(res.status, 200, "{}", res.body);
        let page = json(&res);
        assert_eq!(page["per_page"], 2);
        assert_eq!(page["total"], codes.len());
        assert_eq!(page["as_at"], "2026-01-31");
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|i| i["code"].clone()));
        assert!(
            items
                .iter()
                .all(|i| i["href"].as_str().unwrap().ends_with("?area=E09000021")),
            "links keep the chosen area"
        );
        match page["next"].as_str() {
            Some(next) => {
                assert!(next.contains("as_at=2026-01-31"), "{next}");
                assert!(next.contains("area=E09000021"), "{next}");
                let link = res.headers.get("link").unwrap().to_str().unwrap();
                assert_eq!(link, format!("<{next}>; rel=\"next\""));
                path = next.to_string();
            }
            None => {
                assert!(res.headers.get("link").is_none());
                break;
            }
        }
    }
    assert_eq!(seen, codes, "every indicator once, in order");
    let beyond = json(&api.get(&list("?page=99&per_page=2"), &token).await);
    assert_eq!(beyond["items"], serde_json::json!([]));
    assert_eq!(beyond["total"], codes.len());
    let bad = api.get(&list("?per_page=0"), &token).await;
    let p = api.problem(&bad, 400, &list(""));
    assert_eq!(p["parameter"], "per_page");
}

#[tokio::test]
async fn as_at_a_day_before_a_file_was_published_its_figures_are_not_shown() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3], Some("2025-11-06")).await;
    target(&api.app, KINGSTON, "cpp-subsequent-pct", 2025, 18.0).await;
    let token = api.token("chair@kingston.test", KINGSTON).await;
    let now = json(&api.get(&list(""), &token).await);
    assert_eq!(item(&now, "cpp-subsequent-pct")["latest"]["value"], 17.3);

    let then = json(&api.get(&list("?as_at=2025-06-30"), &token).await);
    assert_eq!(then["as_at"], "2025-06-30");
    let repeat = item(&then, "cpp-subsequent-pct");
    assert_eq!(repeat["latest"], Value::Null, "published later: {repeat}");
    assert_eq!(repeat["rag"], Value::Null);
    assert_eq!(repeat["target"], Value::Null, "the target was set later");

    let detail = json(
        &api.get(&one("cpp-subsequent-pct", "?as_at=2025-06-30"), &token)
            .await,
    );
    assert_eq!(detail["as_at"], "2025-06-30");
    assert!(
        detail["values"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["value"].is_null()),
        "{detail}"
    );
    // A future day shows everything recorded so far, as today does.
    let future = json(&api.get(&list("?as_at=2999-01-01"), &token).await);
    assert_eq!(future["as_at"], "2999-01-01");
    let today = json(&api.get(&list(""), &token).await);
    assert_eq!(future["items"], today["items"]);
    let empty = api.get(&list("?as_at="), &token).await;
    assert_eq!(api.problem(&empty, 400, &list(""))["parameter"], "as_at");
}

#[tokio::test]
async fn one_indicator_has_its_periods_target_comparators_commentary_and_calculation() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3, SN], None).await;
    target(&api.app, KINGSTON, "cpp-subsequent-pct", 2025, 18.0).await;
    let note = indicators::Commentary::new(
        indicators::IndicatorCode::new("cpp-subsequent-pct").unwrap(),
        Some(indicators::AreaCode::new("E09000021").unwrap()),
        indicators::Period::year_to_31_march(2025).unwrap(),
        "LSCB Business Manager",
        "2026-01-10".parse().unwrap(),
        "Repeat plans fell after the step-down review.",
    )
    .unwrap();
    api.app
        .store
        .add_indicator_commentary(KINGSTON, "test", &note, jiff::Timestamp::now())
        .await
        .unwrap();
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let res = api.get(&one("cpp-subsequent-pct", ""), &token).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let etag = res
        .headers
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let d = json(&res);
    assert_eq!(d["code"], "cpp-subsequent-pct");
    assert_eq!(d["area"]["code"], "E09000021");
    assert!(!d["definition"].as_str().unwrap().is_empty());
    let latest = period(&d["values"], "2024-25");
    assert_eq!(latest["value"], 17.3);
    assert_eq!(latest["status"], "published");
    assert_eq!(latest["coverage"], "value");
    assert_eq!(latest["target"], 18.0);
    // DfE publishes the counts beside the percentage: 24 of the 139 plans started.
    assert_eq!(latest["numerator"], 24.0);
    assert_eq!(latest["denominator"], 139.0);
    assert_eq!(period(&d["values"], "2021-22")["value"], 29.5);
    assert_eq!(d["judgement"]["value"], 17.3);
    assert_eq!(d["judgement"]["rag"], "green");
    assert_eq!(d["judgement"]["target"]["value"], 18.0);
    assert_eq!(d["judgement"]["direction_vs_previous"], "improving");
    let c = &d["comparators"];
    assert_eq!(c["period"]["label"], "2024-25");
    assert_eq!(c["area_value"], 17.3);
    assert_eq!(c["england"], 24.5);
    assert_eq!(c["neighbours_total"], 10);
    assert_eq!(c["neighbours"].as_array().unwrap().len(), 10);
    assert!(c["neighbours_mean"].as_f64().is_some());
    assert!(c["rank"].as_u64().is_some_and(|r| r >= 1));
    assert_eq!(d["commentary"][0]["author"], "LSCB Business Manager");
    assert_eq!(
        d["commentary"][0]["text"],
        "Repeat plans fell after the step-down review."
    );
    assert_eq!(d["commentary"][0]["period"]["label"], "2024-25");
    // Its numerator and denominator are indicators of their own, each with an address.
    let inputs = d["calculated_from"].as_array().unwrap();
    assert!(
        inputs.iter().any(|i| i["role"] == "numerator"),
        "{inputs:?}"
    );
    assert!(
        inputs.iter().any(|i| i["role"] == "denominator"),
        "{inputs:?}"
    );
    for input in inputs {
        let href = input["href"].as_str().unwrap();
        assert_eq!(api.get(href, &token).await.status, 200, "{href}");
    }
    // The same representation again is not sent twice.
    let again = api
        .call(
            "GET",
            &one("cpp-subsequent-pct", ""),
            Auth::Token(&token),
            &[("If-None-Match", &etag)],
            None,
        )
        .await;
    assert_eq!(again.status, 304);
}

#[tokio::test]
async fn hackneys_withheld_years_are_gaps_and_bcps_years_before_it_existed_are_not() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3], None).await;
    let token = api.token("chair@kingston.test", KINGSTON).await;
    let hackney = json(
        &api.get(&one("cpp-subsequent-pct", "?area=E09000012"), &token)
            .await,
    );
    for label in ["2020-21", "2021-22"] {
        let p = period(&hackney["values"], label);
        assert_eq!(p["value"], Value::Null, "{p}");
        assert_eq!(p["status"], "not_available");
        assert_eq!(p["token"], "x");
        assert_eq!(p["coverage"], "gap");
        assert_eq!(period(&hackney["gaps"], label)["reason"], "not available");
    }
    assert_eq!(period(&hackney["values"], "2024-25")["value"], 18.4);
    let listed = json(&api.get(&list("?area=E09000012"), &token).await);
    assert_eq!(item(&listed, "cpp-subsequent-pct")["gap_count"], 2);

    let bcp = json(
        &api.get(&one("cpp-subsequent-pct", "?area=E06000058"), &token)
            .await,
    );
    let before = bcp["did_not_exist"].as_array().unwrap();
    assert_eq!(before.len(), 7, "{bcp}");
    assert_eq!(before[0]["label"], "2012-13");
    assert_eq!(bcp["gaps"], serde_json::json!([]));
    assert_eq!(
        period(&bcp["values"], "2012-13")["coverage"],
        "did_not_exist"
    );
    let listed = json(&api.get(&list("?area=E06000058"), &token).await);
    assert_eq!(
        item(&listed, "cpp-subsequent-pct")["gap_count"],
        0,
        "years before BCP existed are not gaps"
    );
}

#[tokio::test]
async fn an_unknown_code_area_or_partnership_is_refused_as_a_problem() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3], None).await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let path = one("no-such-indicator", "");
    api.problem(&api.get(&path, &token).await, 404, &path);
    // Codes are exact: one address per indicator.
    let path = one("CPP-SUBSEQUENT-PCT", "");
    api.problem(&api.get(&path, &token).await, 404, &path);
    // An area no file names has no figures: any text is a valid area to ask about.
    let bad = api
        .get(&one("cpp-subsequent-pct", "?area=Atlantis"), &token)
        .await;
    let p = api.problem(&bad, 404, &one("cpp-subsequent-pct", ""));
    assert!(p["detail"].as_str().unwrap().contains("Atlantis"), "{p}");
    let listed = json(&api.get(&list("?area=Atlantis%10"), &token).await);
    assert_eq!(listed["area"], Value::Null);
    assert_eq!(listed["items"], serde_json::json!([]));
    assert!(
        listed["notice"].as_str().unwrap().contains("Atlantis"),
        "{listed}"
    );

    // Another partnership's indicators are not there, to Kingston's token or its members.
    let theirs = format!("/api/v1/partnerships/{RIVERFORD}/indicators");
    api.problem(&api.get(&theirs, &token).await, 404, &theirs);
    let theirs_one = format!("{theirs}/cpp-subsequent-pct");
    api.problem(&api.get(&theirs_one, &token).await, 404, &theirs_one);
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    for path in [list(""), one("cpp-subsequent-pct", "")] {
        let res = api.get(&path, &outsider).await;
        api.problem(&res, 404, &path);
        assert!(!res.body.contains("Kingston"), "{}", res.body);
    }
}

#[tokio::test]
async fn without_a_token_both_routes_answer_401_with_a_bearer_challenge() {
    let api = Api::new().await;
    for path in [list(""), one("cpp-subsequent-pct", "")] {
        let res = api.call("GET", &path, Auth::Nobody, &[], None).await;
        api.problem(&res, 401, &path);
        assert_eq!(
            res.headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );
    }
}

#[tokio::test]
async fn before_any_figures_are_imported_the_list_says_so_and_an_indicator_is_not_found() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let page = json(&api.get(&list(""), &token).await);
    assert_eq!(page["items"], serde_json::json!([]));
    assert_eq!(page["total"], 0);
    assert_eq!(page["area"], Value::Null);
    assert!(
        page["notice"]
            .as_str()
            .unwrap()
            .contains("No published figures")
    );
    let path = one("cpp-subsequent-pct", "");
    let p = api.problem(&api.get(&path, &token).await, 404, &path);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("No published figures")
    );
}

#[tokio::test]
async fn a_rate_is_calculated_from_its_count_and_the_population_of_the_mid_year_before() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[B1, ONS], None).await;
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let rate = json(&api.get(&one("cin-rate", ""), &token).await);
    let inputs = rate["calculated_from"].as_array().unwrap();
    assert_eq!(inputs[0]["role"], "count");
    assert_eq!(inputs[1]["role"], "population");
    let count = json(&api.get(inputs[0]["href"].as_str().unwrap(), &token).await);
    let population = json(&api.get(inputs[1]["href"].as_str().unwrap(), &token).await);
    let calculated = period(&rate["values"], "2024-25");
    assert_eq!(calculated["status"], "calculated");
    let n = period(&count["values"], "2024-25")["value"]
        .as_f64()
        .unwrap();
    let pop = period(&population["values"], "mid-2024")["value"]
        .as_f64()
        .unwrap();
    assert_eq!(calculated["numerator"].as_f64(), Some(n));
    assert_eq!(
        calculated["denominator"].as_f64(),
        Some(pop),
        "mid-2024 for 2024-25"
    );
    let expected = n / pop * 10_000.0;
    let got = calculated["value"].as_f64().unwrap();
    assert!(
        (got - expected).abs() < 1e-9,
        "{got} != {n} / {pop} × 10,000"
    );
}

/// POST commentary on `code` as `auth`, with these extra headers.
async fn comment(
    api: &Api,
    path: &str,
    auth: Auth<'_>,
    headers: &[(&str, &str)],
    body: &str,
) -> common::Response {
    api.call("POST", path, auth, headers, Some(body)).await
}

#[tokio::test]
async fn a_business_manager_adds_commentary_with_the_indicators_etag_and_a_stale_one_is_refused() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3], None).await;
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let read = one("cpp-subsequent-pct", "?area=E09000021");
    let res = api.get(&read, &manager).await;
    let etag = res.headers["etag"].to_str().unwrap().to_owned();
    let post = one("cpp-subsequent-pct", "/commentary?area=E09000021");
    let body = r#"{"period":"2024-25","text":"Repeat plans fell after the step-down review."}"#;

    let missing = comment(&api, &post, Auth::Token(&manager), &[], body).await;
    let p = api.problem(&missing, 428, &post);
    assert_eq!(p["parameter"], "If-Match");

    let added = comment(
        &api,
        &post,
        Auth::Token(&manager),
        &[("if-match", &etag)],
        body,
    )
    .await;
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!(added.headers["location"], read.as_str());
    let c = json(&added);
    assert_eq!(c["period"]["label"], "2024-25");
    assert_eq!(c["area_code"], "E09000021");
    assert_eq!(
        c["author"], "manager@kingston.test",
        "as the account is named"
    );
    let shown = json(&api.get(&read, &manager).await);
    assert_eq!(
        shown["commentary"][0]["text"],
        "Repeat plans fell after the step-down review."
    );

    // The indicator changed (it has this commentary now): the old tag is stale.
    let stale = comment(
        &api,
        &post,
        Auth::Token(&manager),
        &[("if-match", &etag)],
        body,
    )
    .await;
    api.problem(&stale, 412, &post);
    let fresh = api.get(&read, &manager).await;
    let etag = fresh.headers["etag"].to_str().unwrap().to_owned();
    let h = [("if-match", etag.as_str())];
    let empty = comment(
        &api,
        &post,
        Auth::Token(&manager),
        &h,
        r#"{"period":"2024-25","text":"  "}"#,
    )
    .await;
    assert_eq!(api.problem(&empty, 422, &post)["field"], "text");
    let when = comment(
        &api,
        &post,
        Auth::Token(&manager),
        &h,
        r#"{"period":"last year","text":"x"}"#,
    )
    .await;
    assert_eq!(api.problem(&when, 422, &post)["field"], "period");
    let code = indicators::IndicatorCode::new("cpp-subsequent-pct").unwrap();
    let stored = api
        .app
        .store
        .indicator_commentary(
            KINGSTON,
            &code,
            Some(&indicators::AreaCode::new("E09000021").unwrap()),
            None,
        )
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "only the one good commentary was written");
}

#[tokio::test]
async fn commentary_takes_if_match_star_and_checks_its_body_before_the_tag() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3], None).await;
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let post = one("cpp-subsequent-pct", "/commentary?area=E09000021");
    let stale = [("if-match", "\"stale\"")];
    let when = r#"{"period":"last year","text":"x"}"#;
    let res = comment(&api, &post, Auth::Token(&manager), &stale, when).await;
    assert_eq!(api.problem(&res, 422, &post)["field"], "period");
    let res = comment(&api, &post, Auth::Token(&manager), &stale, "\u{0}").await;
    api.problem(&res, 400, &post);
    let long = format!(r#"{{"period":"2024-25","text":"{}"}}"#, "x".repeat(10_001));
    let res = comment(&api, &post, Auth::Token(&manager), &stale, &long).await;
    assert_eq!(api.problem(&res, 422, &post)["field"], "text");
    // `*` is any current version (RFC 9110 §13.1.1).
    let body = r#"{"period":"2024-25","text":"Read and noted."}"#;
    let res = comment(
        &api,
        &post,
        Auth::Token(&manager),
        &[("if-match", "*")],
        body,
    )
    .await;
    assert_eq!(res.status, 201, "{}", res.body);
}

#[tokio::test]
async fn only_business_managers_and_administrators_may_add_commentary() {
    let api = Api::new().await;
    import(&api.app, KINGSTON, &[D3], None).await;
    let admin = api.token("admin@kingston.test", KINGSTON).await;
    let read = one("cpp-subsequent-pct", "");
    let post = one("cpp-subsequent-pct", "/commentary");
    let body = r#"{"period":"2024-25","text":"Noted at the board."}"#;
    for (email, expect) in [
        ("admin@kingston.test", 201),
        ("lead@kingston.test", 403),
        ("chair@kingston.test", 403),
        ("member@kingston.test", 403),
        ("reader@kingston.test", 403),
        (OUTSIDER, 404),
    ] {
        let slug = if email == OUTSIDER {
            RIVERFORD
        } else {
            KINGSTON
        };
        let token = api.token(email, slug).await;
        let current = api.get(&read, &admin).await;
        let etag = current.headers["etag"].to_str().unwrap().to_owned();
        let res = comment(
            &api,
            &post,
            Auth::Token(&token),
            &[("if-match", &etag)],
            body,
        )
        .await;
        assert_eq!(res.status.as_u16(), expect, "{email}: {}", res.body);
        if expect != 201 {
            api.problem(&res, expect, &post);
        }
    }
    // A session writes only with its CSRF token.
    let session = api.app.sign_in("manager@kingston.test").await;
    let current = api.get(&read, &admin).await;
    let etag = current.headers["etag"].to_str().unwrap().to_owned();
    let h = [("if-match", etag.as_str())];
    let refused = comment(&api, &post, Auth::Session(&session, false), &h, body).await;
    assert_eq!(
        api.problem(&refused, 403, &post)["parameter"],
        "X-CSRF-Token"
    );
    let ok = comment(&api, &post, Auth::Session(&session, true), &h, body).await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    // Never into a past view.
    let past = one("cpp-subsequent-pct", "/commentary?as_at=2026-01-31");
    let res = comment(&api, &past, Auth::Token(&admin), &h, body).await;
    assert_eq!(api.problem(&res, 400, &past)["parameter"], "as_at");
}
