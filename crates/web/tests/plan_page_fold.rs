//! The plan page of a big plan is folded by objective: the first screen lists the objectives
//! with how many of their actions match and links to them, keeping the filters and the as-at
//! date; one objective's page lists its actions. A small plan is still listed whole.

use std::fmt::Write;

use domain::AccessRole;
use store::{ImportMode, ImportOutcome, Source};

use axum::http::StatusCode;

use crate::common;

/// A plan document of `objectives` objectives of `actions` numbered outcomes each, laid out
/// like the sample.
fn big_plan(objectives: usize, actions: usize) -> String {
    let mut doc = String::from(
        "Generated Safeguarding Children Board\n\nBusiness Plan 2012 - 2013\n\n\
         The board meets four times a year.\n\nSection 3\n\nSource key\n\n\
         AR = Annual review\n\nIA = Internal audit\n\n\
         Objectives\tSource\tTime Scale\tOutcomes\tLead Officer\n",
    );
    for o in 1..=objectives {
        let _ = write!(
            doc,
            "<p>{o}. Improve the way partners work together on theme {o}</p>\t<p>AR</p>\t<p>March 2013</p>\t"
        );
        for a in 1..=actions {
            let _ = write!(
                doc,
                "<p>{o}.{a} Carry out piece of work {a} for theme {o}</p> "
            );
        }
        let _ = writeln!(doc, "\t<p>Chair Group {}</p>", o % 3);
    }
    doc
}

/// The links `selector` picks out, in order.
fn hrefs(res: &common::Response, selector: &str) -> Vec<String> {
    let html = res.html();
    let sel = scraper::Selector::parse(selector).unwrap();
    html.select(&sel)
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect()
}

#[tokio::test]
async fn a_big_plan_folds_by_objective_keeping_filters_and_date() {
    let app = common::app().await;
    let text = big_plan(16, 10);
    let imported = formats::plan_text::import(&text).unwrap();
    let source = Source {
        name: "big.txt".into(),
        sha256: formats::sha256_hex(text.as_bytes()),
    };
    let at: jiff::Timestamp = "2012-04-01T09:00:00Z".parse().unwrap();
    let outcome = app
        .store
        .import_partnership_at("test", &imported.partnership, &source, ImportMode::New, at)
        .await
        .unwrap();
    let ImportOutcome::Created {
        partnership: slug, ..
    } = outcome
    else {
        panic!("not created: {outcome:?}");
    };
    let admin = app
        .store
        .account_by_email("admin@kingston.test")
        .await
        .unwrap()
        .unwrap();
    app.store
        .grant_membership("test", admin.id, &slug, AccessRole::Administrator, &[], at)
        .await
        .unwrap();
    let session = app.sign_in("admin@kingston.test").await;

    // 160 actions match: folded, one link per objective, no action listed.
    let res = app
        .get(
            &format!("/p/{slug}/plan?as_at=2012-06-01&source=AR"),
            Some(&session),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let links = res.texts("#objectives li");
    assert_eq!(links.len(), 16, "{links:?}");
    assert!(
        links[2].contains("3. Improve") && links[2].contains("10 actions"),
        "{links:?}"
    );
    assert!(
        !res.body.contains("Actions of objective"),
        "no action table"
    );
    let folds = hrefs(&res, "#objectives a");
    assert_eq!(
        folds[2],
        format!("/p/{slug}/plan?as_at=2012-06-01&source=AR&objective=3"),
        "the filters and date kept"
    );

    // One objective: its actions, the filters and date kept, a way back.
    let one = app
        .get(
            &format!("/p/{slug}/plan?as_at=2012-06-01&source=AR&objective=3"),
            Some(&session),
        )
        .await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert!(one.body.contains("Actions of objective 3"), "{}", one.body);
    assert!(!one.body.contains("Actions of objective 4"));
    assert_eq!(
        one.texts("tbody tr").len(),
        10,
        "its ten actions are listed"
    );
    assert!(
        one.body.contains(r#"name="objective" value="3""#),
        "the form keeps it"
    );
    assert!(
        hrefs(&one, "main a").contains(&format!("/p/{slug}/plan?as_at=2012-06-01&source=AR")),
        "back to all objectives with the same filters"
    );
}

#[tokio::test]
async fn a_small_plan_is_listed_whole() {
    let app = common::app().await;
    let session = app.sign_in("admin@kingston.test").await;
    let res = app
        .get(&format!("/p/{}/plan", common::KINGSTON), Some(&session))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body.contains("Actions of objective 16"),
        "every objective listed"
    );
    assert!(res.texts("#objectives li").is_empty());
}
