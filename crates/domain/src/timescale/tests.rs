use super::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn plan_0910() -> Option<Period> {
    Period::financial_year(2009)
}

#[test]
fn a_month_and_year_is_due_on_the_last_day_of_that_month() {
    assert_eq!(
        Timescale::parse("September 2009", None).due,
        Some(d("2009-09-30"))
    );
    assert_eq!(
        Timescale::parse("December 2009", None).due,
        Some(d("2009-12-31"))
    );
    assert_eq!(
        Timescale::parse("February 2012", None).due,
        Some(d("2012-02-29"))
    );
    assert!(!Timescale::parse("September 2009", None).inferred);
}

#[test]
fn a_financial_year_inside_other_words_is_due_at_its_end() {
    let t = Timescale::parse("Training Plan 2010-11", plan_0910());
    assert_eq!(t.due, Some(d("2011-03-31")));
    assert_eq!(t.period, Period::financial_year(2010));
    assert_eq!(t.label, "Training Plan 2010-11");
    let t = Timescale::parse(
        "Training programme to run across financial year 2012/13",
        None,
    );
    assert_eq!(t.due, Some(d("2013-03-31")));
}

#[test]
fn annually_is_an_inferred_yearly_recurrence_anchored_on_the_plan() {
    let t = Timescale::parse("Annually", plan_0910());
    assert_eq!(t.recurrence, Some(Recurrence::Yearly));
    assert!(t.inferred);
    assert_eq!(t.period, plan_0910());
    assert_eq!(t.due, Some(d("2010-03-31")));
}

#[test]
fn prose_with_a_date_inside_is_read() {
    assert_eq!(
        Timescale::parse("Strategy agreed and in place by April 2012", None).due,
        Some(d("2012-04-30"))
    );
    assert_eq!(
        Timescale::parse("September 2014 (website permitting)", None).due,
        Some(d("2014-09-30"))
    );
    assert_eq!(
        Timescale::parse("March 2015 as per training strategy", None).due,
        Some(d("2015-03-31"))
    );
    assert_eq!(
        Timescale::parse("31 March 2010", None).due,
        Some(d("2010-03-31"))
    );
}

#[test]
fn a_range_of_months_is_an_inferred_period() {
    let t = Timescale::parse("to be received in June/July 2012", None);
    assert_eq!(
        t.period,
        Some(Period::new(d("2012-06-01"), d("2012-07-31")).unwrap())
    );
    assert_eq!(t.due, Some(d("2012-07-31")));
    assert!(t.inferred);
}

#[test]
fn ongoing_and_quarterly_are_recurrences() {
    assert_eq!(
        Timescale::parse("Ongoing", None).recurrence,
        Some(Recurrence::Ongoing)
    );
    assert_eq!(Timescale::parse("Ongoing", None).due, None);
    assert_eq!(
        Timescale::parse("Quarterly 2018/19/20", None).recurrence,
        Some(Recurrence::Quarterly)
    );
}

#[test]
fn the_end_of_the_financial_year_is_the_plans_end() {
    let t = Timescale::parse("by the end of the financial year", plan_0910());
    assert_eq!(t.due, Some(d("2010-03-31")));
    assert!(t.inferred);
}

#[test]
fn a_label_with_no_date_is_kept_unread() {
    let t = Timescale::parse("As per strategy and action plan", None);
    assert!(t.is_unread());
    assert_eq!(t.label, "As per strategy and action plan");
    assert!(Timescale::parse("", None).is_unread());
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused() {
    assert!(Period::new(d("2010-01-01"), d("2009-01-01")).is_err());
}

#[test]
fn a_timescale_serialises_its_dates_as_iso_text() {
    let t = Timescale::parse("September 2009", None);
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["due"], "2009-09-30");
    assert_eq!(json["label"], "September 2009");
}

fn due(label: &str) -> Option<Date> {
    Timescale::parse(label, None).due
}

#[test]
fn march_2013_is_due_on_the_last_day_of_march() {
    let r = Timescale::read("March 2013", None);
    assert_eq!(r.timescale.due, Some(d("2013-03-31")));
    assert_eq!(r.warning, None);
    assert!(!r.timescale.inferred);
}

#[test]
fn sept_07_is_september_2007_with_a_two_digit_year() {
    assert_eq!(due("Sept 07"), Some(d("2007-09-30")));
    assert_eq!(due("Sep-07"), Some(d("2007-09-30")));
    assert_eq!(due("Sept '16"), Some(d("2016-09-30")));
}

#[test]
fn two_digit_years_up_to_69_are_this_century_and_from_70_the_last() {
    assert_eq!(due("March 69"), Some(d("2069-03-31")));
    assert_eq!(due("March 70"), Some(d("1970-03-31")));
    assert_eq!(due("01/01/00"), Some(d("2000-01-01")));
    assert_eq!(due("31/12/99"), Some(d("1999-12-31")));
}

#[test]
fn dotted_30_11_16_is_the_thirtieth_of_november_2016() {
    assert_eq!(due("30.11.16"), Some(d("2016-11-30")));
}

#[test]
fn slashed_30_06_07_is_read_day_first_as_30_june_2007() {
    assert_eq!(due("30/06/07"), Some(d("2007-06-30")));
    assert_eq!(due("01/02/2012"), Some(d("2012-02-01")));
    assert_eq!(due("5-6-2012"), Some(d("2012-06-05")));
}

#[test]
fn an_iso_date_is_due_that_day() {
    let r = Timescale::read("2012-04-30", None);
    assert_eq!(r.timescale.due, Some(d("2012-04-30")));
    assert_eq!(r.warning, None);
    // A real day is a date, not a run of financial years 2010/11/12.
    assert_eq!(due("2010-11-12"), Some(d("2010-11-12")));
}

#[test]
fn a_day_month_and_year_as_a_spreadsheet_shows_it_is_read() {
    assert_eq!(due("31-Mar-13"), Some(d("2013-03-31")));
    assert_eq!(due("March 15, 2013"), Some(d("2013-03-15")));
}

#[test]
fn by_april_2012_is_due_on_30_april_2012() {
    assert_eq!(due("by April 2012"), Some(d("2012-04-30")));
}

#[test]
fn financial_year_2012_13_is_due_on_31_march_2013() {
    let t = Timescale::parse("financial year 2012/13", None);
    assert_eq!(t.due, Some(d("2013-03-31")));
    assert_eq!(t.period, Period::financial_year(2012));
    assert_eq!(due("1999/00"), Some(d("2000-03-31")));
}

#[test]
fn quarterly_2018_19_20_recurs_quarterly_until_31_march_2020() {
    let t = Timescale::parse("Quarterly 2018/19/20", Period::financial_year(2018));
    assert_eq!(t.recurrence, Some(Recurrence::Quarterly));
    assert_eq!(
        t.period,
        Some(Period::new(d("2018-04-01"), d("2020-03-31")).unwrap())
    );
    assert_eq!(t.due, Some(d("2020-03-31")));
    // The years are written, so nothing about them was guessed.
    assert!(!t.inferred);
}

#[test]
fn a_run_of_financial_years_without_a_recurrence_is_one_period() {
    let t = Timescale::parse("2018/19/20", None);
    assert_eq!(t.due, Some(d("2020-03-31")));
    assert_eq!(t.recurrence, None);
}

#[test]
fn ongoing_has_no_due_date_and_is_kept_as_written_without_a_warning() {
    let r = Timescale::read("Ongoing", Period::financial_year(2012));
    assert_eq!(r.timescale.due, None);
    assert_eq!(r.timescale.label, "Ongoing");
    assert_eq!(r.timescale.recurrence, Some(Recurrence::Ongoing));
    assert_eq!(r.warning, None);
}

#[test]
fn to_be_confirmed_has_no_due_date_and_is_kept_as_written() {
    for label in [
        "To be confirmed",
        "To be confirmed by the Board",
        "Date TBC",
    ] {
        let r = Timescale::read(label, Period::financial_year(2012));
        assert_eq!(r.timescale.due, None, "{label}");
        assert_eq!(r.timescale.label, label);
        assert!(r.timescale.is_to_be_confirmed(), "{label}");
        assert_eq!(r.warning, None, "{label}");
    }
    assert!(!Timescale::parse("March 2013", None).is_to_be_confirmed());
}

#[test]
fn a_date_said_to_be_confirmed_is_not_due_and_is_warned_about() {
    let r = Timescale::read("To be confirmed - March 2013", None);
    assert_eq!(r.timescale.due, None);
    let w = r.warning.expect("a warning");
    assert!(w.contains("\"To be confirmed - March 2013\""), "{w}");
    assert!(w.contains("2013-03-31"), "{w}");
}

#[test]
fn june_july_2012_is_due_at_the_end_of_july_with_a_warning() {
    let r = Timescale::read("June/July 2012", None);
    assert_eq!(r.timescale.due, Some(d("2012-07-31")));
    assert!(r.timescale.inferred);
    let w = r.warning.expect("a warning");
    assert!(w.contains("\"June/July 2012\""), "{w}");
    assert!(w.contains("2012-07-31"), "{w}");
}

#[test]
fn september_2014_website_permitting_is_due_at_the_end_of_september() {
    assert_eq!(
        due("September 2014 (website permitting)"),
        Some(d("2014-09-30"))
    );
}

#[test]
fn march_2015_as_per_training_strategy_is_due_at_the_end_of_march() {
    assert_eq!(
        due("March 2015 as per training strategy"),
        Some(d("2015-03-31"))
    );
}

#[test]
fn an_impossible_date_is_not_guessed_and_the_warning_names_the_cell() {
    for label in [
        "31/02/2012",
        "31.02.12",
        "2012-02-30",
        "31 February 2012",
        "30/13/12",
    ] {
        let r = Timescale::read(label, Period::financial_year(2011));
        assert!(r.timescale.is_unread(), "{label}: {:?}", r.timescale);
        let w = r.warning.expect("a warning");
        assert!(w.contains(&format!("\"{label}\"")), "{w}");
        assert!(w.contains("not a real date"), "{w}");
    }
    let w = Timescale::read("31/02/2012", None).warning.unwrap();
    assert!(w.contains("2012-02-29"), "{w}");
}

#[test]
fn a_carried_action_to_be_retimed_keeps_its_old_label_but_no_due_date() {
    let old = Timescale::parse("Annually", plan_0910());
    let t = Timescale::to_be_retimed(Some(&old));
    assert_eq!(t.label, "To be re-timed (was Annually)");
    assert!(t.is_to_be_retimed());
    assert!(t.is_unread(), "{t:?}");
    // Read again (a sheet exported and imported), the old date beside it is not a due date.
    let again = Timescale::read(&t.label, Period::financial_year(2010));
    assert_eq!(again.timescale, t);
    assert_eq!(again.warning, None);
    // Carried again before anyone re-timed it, it is not wrapped twice.
    assert_eq!(Timescale::to_be_retimed(Some(&t)), t);
    assert_eq!(Timescale::to_be_retimed(None).label, "To be re-timed");
    assert!(!Timescale::parse("September 2009", None).is_to_be_retimed());
}
