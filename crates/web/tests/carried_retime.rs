//! Actions carried into a new plan without a new date (issue 11, item 10): the dashboard lists
//! them first, the plan filters by them, and each one's page says it is to be re-timed, until
//! a re-timing gives it a date.

use crate::common::{KINGSTON, app};
use axum::http::StatusCode;
use store::{ActionEdit, ActionKey, CarryForward, Stamp};

const NEXT: &str = "Business Plan 2010-11";

fn caption_of(res: &crate::common::Response, starts: &str) -> Option<String> {
    res.texts("caption")
        .into_iter()
        .find(|c| c.starts_with(starts))
}

#[tokio::test]
async fn the_dashboard_lists_actions_to_be_retimed_until_each_is_given_a_date() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let dash = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert_eq!(
        caption_of(&dash, "To be re-timed"),
        None,
        "shown only when there are some"
    );

    let p = app.store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let from = p.plans.last().unwrap().title.clone();
    let done = app
        .store
        .carry_forward(
            KINGSTON,
            Stamp::now("Business Manager"),
            &CarryForward {
                from,
                title: NEXT.into(),
                period: domain::Period::financial_year(2010).unwrap(),
            },
        )
        .await
        .unwrap();
    let n = done.to_be_retimed.len();
    assert_eq!(n, done.carried.len());

    let dash = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert_eq!(dash.status, StatusCode::OK);
    assert_eq!(
        caption_of(&dash, "To be re-timed").as_deref(),
        Some(format!("To be re-timed ({n})").as_str())
    );
    let link = format!("/p/{KINGSTON}/plan?status=to_be_retimed");
    assert!(dash.body.contains(&link), "{}", dash.body);
    let plan = app.get(&link, Some(&s)).await;
    assert_eq!(plan.status, StatusCode::OK);
    assert_eq!(plan.texts("tbody tr").len(), n);

    let page = app
        .get(&format!("/p/{KINGSTON}/actions/1.1"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("carried forward without a new date"),
        "{}",
        page.body
    );

    let key = ActionKey::new(NEXT, "1.1");
    app.store
        .edit_action(
            KINGSTON,
            Stamp::now("Business Manager"),
            &key,
            0,
            ActionEdit {
                timescale: Some(Some(domain::Timescale::parse(
                    "June 2010",
                    domain::Period::financial_year(2010),
                ))),
                ..ActionEdit::default()
            },
        )
        .await
        .unwrap();
    let dash = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert_eq!(
        caption_of(&dash, "To be re-timed").as_deref(),
        Some(format!("To be re-timed ({})", n - 1).as_str())
    );
    let page = app
        .get(&format!("/p/{KINGSTON}/actions/1.1"), Some(&s))
        .await;
    assert!(!page.body.contains("carried forward without a new date"));
}
