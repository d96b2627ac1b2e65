//! Judgement, comparators, gaps and "did not exist" on the real files.

use crate::common::*;
use indicators::{
    Coverage, Direction, GapReason, Polarity, RagScheme, Series, Target, ValueStatus, comparators,
    judge,
};

fn periods() -> Vec<indicators::Period> {
    (2013..=2025).map(year).collect()
}

#[test]
fn bcp_has_no_values_before_2020_and_those_years_did_not_exist_rather_than_being_gaps() {
    let loaded = loaded();
    let first_day = jiff::civil::date(2019, 4, 1);
    for value in loaded.index.iter().filter(|v| v.area_code == BCP) {
        assert!(
            value.period.end_date() >= first_day,
            "{} {}",
            value.indicator,
            value.period
        );
    }
    let series = Series::from_index(&loaded.index, &code("cpp-rate"), &area(BCP));
    let coverage = series.coverage(&periods());
    for (period, state) in &coverage[..7] {
        assert_eq!(*state, Coverage::DidNotExist, "{period}");
    }
    assert!(
        matches!(coverage[7].1, Coverage::Value { .. }),
        "2019-20 has a value"
    );
    assert!(
        series.gaps(&periods()).is_empty(),
        "no year of BCP's is a gap"
    );
}

#[test]
fn bcps_first_year_is_not_judged_a_fall_or_a_rise() {
    let loaded = loaded();
    let series = Series::from_index(&loaded.index, &code("cpp-subsequent-pct"), &area(BCP));
    let first = judge(
        &series,
        year(2020),
        None,
        Polarity::LowerIsBetter,
        &RagScheme::default(),
    );
    assert_eq!(first.direction_vs_previous, Direction::NotComparable);
    assert_eq!(first.direction_vs_year_ago, Direction::NotComparable);
    // 16.8% in 2020 to 24.1% in 2021: worse, for a lower-is-better measure.
    let second = judge(
        &series,
        year(2021),
        None,
        Polarity::LowerIsBetter,
        &RagScheme::default(),
    );
    assert_eq!(second.direction_vs_previous, Direction::Worsening);
}

#[test]
fn hackneys_missing_years_are_gaps_that_say_not_available() {
    let loaded = loaded();
    let series = Series::from_index(&loaded.index, &code("cin-rate"), &area(HACKNEY));
    let gaps = series.gaps(&periods());
    let gap_years: Vec<i16> = gaps.iter().map(|g| g.period.year()).collect();
    assert_eq!(gap_years, [2021, 2022]);
    assert!(
        gaps.iter()
            .all(|g| g.reason == GapReason::Withheld(ValueStatus::NotAvailable))
    );
    let after = judge(
        &series,
        year(2023),
        None,
        Polarity::Neutral,
        &RagScheme::default(),
    );
    assert_eq!(after.direction_vs_previous, Direction::NotComparable);
}

#[test]
fn authorities_that_did_not_exist_yet_are_told_apart_from_zs_in_the_looked_after_file() {
    // The file prints `z` for Cumberland in 2021 to 2023, before it was created.
    let loaded = loaded();
    assert_eq!(
        value("cla-rate", "E06000063", year(2022)).status,
        ValueStatus::NotApplicable
    );
    let series = Series::from_index(&loaded.index, &code("cla-rate"), &area("E06000063"));
    assert_eq!(series.coverage_at(year(2022)), Coverage::DidNotExist);
    assert!(matches!(
        series.coverage_at(year(2024)),
        Coverage::Value { .. }
    ));
    // Cumbria, abolished in 2023, "did not exist" afterwards too.
    let cumbria = Series::from_index(&loaded.index, &code("cla-rate"), &area("E10000006"));
    assert_eq!(cumbria.coverage_at(year(2025)), Coverage::DidNotExist);
}

#[test]
fn kingston_re_referrals_compare_with_its_ten_neighbours_and_england() {
    let loaded = loaded();
    let indicator = loaded.catalogue.get("rereferrals-pct").unwrap();
    let compared = comparators(
        &loaded.index,
        &loaded.neighbours,
        &loaded.directory,
        &area(KINGSTON),
        indicator,
        year(2025),
    );
    assert_eq!(compared.area_value, Some(15.0));
    assert_eq!(compared.neighbours_total, 10);
    assert_eq!(compared.neighbours_with_values, 10);
    // Sutton 18.3, Merton 21.3, Hertfordshire 15.8, Bromley 23.8, Bath and North East Somerset
    // 13.4, Windsor and Maidenhead 19.6, Trafford 18, Richmond 16.4, Surrey 20.5, Buckinghamshire 22.8.
    assert!((compared.neighbours_mean.unwrap() - 18.99).abs() < 1e-9);
    assert_eq!(compared.england, Some(22.6));
    let rank = compared.rank.unwrap();
    assert_eq!(
        (rank.position, rank.out_of),
        (2, 11),
        "only Bath and North East Somerset is lower"
    );
}

#[test]
fn a_neighbours_mean_says_how_many_neighbours_it_is_of() {
    let loaded = loaded();
    let indicator = loaded.catalogue.get("cpp-2y-plus-pct").unwrap();
    let compared = comparators(
        &loaded.index,
        &loaded.neighbours,
        &loaded.directory,
        &area(KINGSTON),
        indicator,
        year(2024),
    );
    // Sutton, Merton and Bath and North East Somerset are suppressed (`c`) that year.
    assert_eq!(compared.neighbours_with_values, 7);
    assert!((compared.neighbours_mean.unwrap() - 33.7 / 7.0).abs() < 1e-9);
    assert_eq!(compared.area_value, Some(8.6));
    assert_eq!(compared.england, Some(2.6));
    assert_eq!(compared.rank.map(|r| (r.position, r.out_of)), Some((8, 8)));
}

#[test]
fn a_neighbour_number_means_the_authority_of_the_year_asked_about() {
    // Buckinghamshire (825) is Kingston's tenth neighbour: the county council in 2013.
    let loaded = loaded();
    let indicator = loaded.catalogue.get("rereferrals-pct").unwrap();
    let compared = comparators(
        &loaded.index,
        &loaded.neighbours,
        &loaded.directory,
        &area(KINGSTON),
        indicator,
        year(2013),
    );
    let buckinghamshire = compared
        .neighbours
        .iter()
        .find(|n| n.la_number == "825")
        .unwrap();
    assert_eq!(buckinghamshire.area_code.as_ref().unwrap(), "E10000002");
    assert_eq!(buckinghamshire.value, Some(26.0));
    assert_eq!(compared.neighbours_with_values, 10);
}

#[test]
fn kingston_against_a_target_gets_a_rating_and_two_directions() {
    let loaded = loaded();
    let series = Series::from_index(&loaded.index, &code("cpp-subsequent-pct"), &area(KINGSTON));
    let target = Target {
        indicator: code("cpp-subsequent-pct"),
        period: year(2025),
        value: 18.0,
        tolerance_percent: None,
    };
    let judgement = judge(
        &series,
        year(2025),
        Some(&target),
        Polarity::LowerIsBetter,
        &RagScheme::default(),
    );
    assert_eq!(judgement.rag, Some(domain::Rag::Green), "17.3% against 18%");
    assert_eq!(
        judgement.direction_vs_previous,
        Direction::Improving,
        "from 21% in 2024"
    );
    // Judged as NI 65 used to be, 17.3% is just outside the 10-15% band.
    let ni65 = loaded.catalogue.get("NI65").unwrap();
    let banded = judge(
        &series,
        year(2025),
        None,
        ni65.polarity,
        &RagScheme {
            tolerance_percent: 20.0,
            blue_for_exceeding: false,
        },
    );
    assert_eq!(banded.rag, Some(domain::Rag::Amber));
    assert_eq!(
        banded.direction_vs_previous,
        Direction::Improving,
        "moving towards the band"
    );
}

#[test]
fn kingstons_workforce_is_reported_jointly_with_richmond_and_the_gap_says_so() {
    let loaded = loaded();
    let series = Series::from_index(&loaded.index, &code("sw-turnover-pct"), &area(KINGSTON));
    assert_eq!(
        series.reported_jointly_as.as_ref().unwrap(),
        "E09000021 / E09000027"
    );
    let census = indicators::Period::year_to_30_september(2025).unwrap();
    assert_eq!(series.gaps(&[census])[0].reason, GapReason::ReportedJointly);
}
