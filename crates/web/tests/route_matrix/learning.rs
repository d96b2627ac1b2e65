//! The matrix's learning records: Kingston's first course and first case review (both id 1
//! in the fresh database every test gets), for the paths in `table::PATHS`.

use domain::learning::case_reviews::CaseReviewKind;
use domain::learning::training::Course;
use store::{NewCaseReview, Stamp, Store};

use crate::common::KINGSTON;

pub async fn seed(store: &Store) {
    let c = Course {
        title: "Matrix course".into(),
        level: "1".into(),
        priorities: vec![],
        actions: vec![],
    };
    let c = store
        .add_training_course(KINGSTON, Stamp::now("test"), &c)
        .await
        .unwrap();
    let r = NewCaseReview {
        kind: CaseReviewKind::RapidReview,
        case_name: "Child M".into(),
        notified: "2009-06-01".parse().unwrap(),
        decided: None,
        published: None,
        recommendations: vec![("Matrix recommendation".into(), None)],
    };
    let r = store
        .add_case_review(KINGSTON, Stamp::now("test"), &r)
        .await
        .unwrap();
    assert_eq!(
        (c.id, r.id),
        (1, 1),
        "the paths in table::PATHS name these ids"
    );
}
