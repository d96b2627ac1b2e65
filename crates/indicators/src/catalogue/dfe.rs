//! The measures in DfE's children's social care files and the ONS child population, each mapped
//! to the column it is read from. Definitions are Boardplan's own words.
//!
//! B1 and D5 publish counts only: the rates of children in need and on plans per 10,000 are
//! calculated here from the count and the ONS population, the way DfE calculates them.

use super::builder::Def;
use super::{Dataset, Indicator, PeriodType, Polarity, Unit};

/// The ONS estimate of children aged 0 to 17 that every rate per 10,000 divides by.
pub(super) const POPULATION: &str = "ons-population-0-17";

const YEAR: PeriodType = PeriodType::YearTo31March;
const CENSUS: PeriodType = PeriodType::YearTo30September;

pub(super) fn indicators() -> Vec<Indicator> {
    let mut all = Vec::with_capacity(70);
    all.extend(children_in_need());
    all.extend(referrals());
    all.extend(section_47_and_conferences());
    all.extend(repeat_plans());
    all.extend(plans_by_duration());
    all.extend(looked_after());
    all.extend(workforce());
    all.push(
        Def::new(
            POPULATION,
            "Children aged 0 to 17 (ONS mid-year estimate)",
            Unit::Count,
            PeriodType::MidYear,
        )
        .means(
            "How many children aged 0 to 17 ONS estimates live in the area at 30 June. It is the \
                 denominator of every rate per 10,000 children; DfE divides a count on 31 March by \
                 the estimate for the June before it.",
        )
        .column(Dataset::OnsPopulation, "population_estimate")
        .rows_where("age_group", "Children aged 0 to 17 years")
        .build(),
    );
    all
}

fn children_in_need() -> Vec<Indicator> {
    vec![
        Def::new("cin-count", "Children in need at 31 March", Unit::Count, YEAR)
            .means(
                "The number of children the local authority had assessed as in need and was \
                 supporting on 31 March (open episodes of need, one per child on that day).",
            )
            .column(Dataset::CinB1, "At31_episodes")
            .also_evidences(&["7.1"])
            .build(),
        Def::new("cin-rate", "Children in need per 10,000 children", Unit::RatePer10k, YEAR)
            .means(
                "Children in need on 31 March for every 10,000 children living in the area. A \
                 measure of demand: neither a high nor a low rate is good in itself, but a \
                 change against neighbours is worth a question.",
            )
            .per_10k_children("cin-count")
            .also_evidences(&["7.1"])
            .build(),
        Def::new("cin-during-year", "Children in need at any point in the year", Unit::Count, YEAR)
            .means("The number of different children who were in need at some time during the twelve months to 31 March.")
            .column(Dataset::CinB1, "Anypoint_child")
            .build(),
        Def::new("cin-starts", "Children starting an episode of need", Unit::Count, YEAR)
            .means("The number of children whose episode of need began during the twelve months to 31 March.")
            .column(Dataset::CinB1, "Started_child")
            .build(),
        Def::new("cin-ends", "Children ending an episode of need", Unit::Count, YEAR)
            .means("The number of children whose episode of need was closed during the twelve months to 31 March.")
            .column(Dataset::CinB1, "Ended_child")
            .build(),
    ]
}

fn referrals() -> Vec<Indicator> {
    let c1 = Dataset::CinC1;
    vec![
        Def::new("referrals-count", "Referrals to children's social care", Unit::Count, YEAR)
            .means("How many referrals children's social care accepted in the twelve months to 31 March.")
            .column(c1, "referral_count")
            .also_evidences(&["7.1"])
            .build(),
        Def::new("referrals-rate", "Referrals per 10,000 children", Unit::RatePer10k, YEAR)
            .means(
                "Referrals in the year for every 10,000 children in the area: how much is brought \
                 to children's social care, a measure of demand and of how partners refer.",
            )
            .per_10k_children("referrals-count")
            .also_evidences(&["7.1"])
            .build(),
        Def::new("rereferrals-count", "Re-referrals within 12 months", Unit::Count, YEAR)
            .means("Referrals in the year about a child who had been referred before within the previous twelve months.")
            .column(c1, "rereferral_count")
            .build(),
        Def::new("rereferrals-pct", "Re-referrals within 12 months of a previous referral", Unit::Percent, YEAR)
            .means(
                "The share of the year's referrals that came within twelve months of an earlier \
                 referral for the same child. A high share can mean that work was closed before \
                 things had changed for the child; some repeat referral is always expected.",
            )
            .column(c1, "rereferral_percent")
            .percent_of(&["rereferrals-count"], &["referrals-count"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["9.3"])
            .build(),
        Def::new("referrals-nfa-count", "Referrals closed with no further action", Unit::Count, YEAR)
            .means("Referrals in the year that led to no further action by children's social care.")
            .column(c1, "no_further_action_count")
            .build(),
        Def::new("referrals-nfa-pct", "Referrals closed with no further action", Unit::Percent, YEAR)
            .means(
                "The share of the year's referrals that led to no further action. Read with the \
                 referral rate: a high share may mean partners refer what could be met elsewhere.",
            )
            .column(c1, "no_further_action_percent")
            .percent_of(&["referrals-nfa-count"], &["referrals-count"])
            .also_evidences(&["14.1"])
            .build(),
        Def::new("referrals-not-in-need-count", "Referrals assessed as not in need", Unit::Count, YEAR)
            .means("Referrals in the year where the child was assessed and found not to be in need.")
            .column(c1, "not_in_need_count")
            .build(),
        Def::new("referrals-not-in-need-pct", "Referrals assessed as not in need", Unit::Percent, YEAR)
            .means("The share of the year's referrals where the assessment found the child not to be in need.")
            .column(c1, "not_in_need_percent")
            .percent_of(&["referrals-not-in-need-count"], &["referrals-count"])
            .build(),
        Def::new("referrals-children-count", "Children referred", Unit::Count, YEAR)
            .means("The number of different children referred in the year (a child referred twice counts once).")
            .column(c1, "referral_child_count")
            .build(),
        Def::new("rereferrals-children-count", "Children re-referred within 12 months", Unit::Count, YEAR)
            .means("The number of different children referred in the year within twelve months of an earlier referral.")
            .column(c1, "rereferral_child_count")
            .build(),
        Def::new("rereferrals-children-pct", "Children re-referred within 12 months", Unit::Percent, YEAR)
            .means(
                "The share of children referred in the year who had been referred in the twelve \
                 months before: the child-level version of the re-referral rate.",
            )
            .column(c1, "rereferral_child_percent")
            .percent_of(&["rereferrals-children-count"], &["referrals-children-count"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["9.3"])
            .build(),
    ]
}

fn section_47_and_conferences() -> Vec<Indicator> {
    let c4 = Dataset::CinC4;
    let duration_bands = [
        "icpc-0-10-days",
        "icpc-11-15-days",
        "icpc-16-20-days",
        "icpc-21-plus-days",
    ];
    vec![
        Def::new("s47-count", "Section 47 enquiries", Unit::Count, YEAR)
            .means(
                "Enquiries started in the year under section 47 of the Children Act 1989, made \
                 when there is reasonable cause to suspect a child is suffering, or likely to \
                 suffer, significant harm.",
            )
            .column(c4, "Section47")
            .build(),
        Def::new("s47-rate", "Section 47 enquiries per 10,000 children", Unit::RatePer10k, YEAR)
            .means("Section 47 enquiries started in the year for every 10,000 children in the area.")
            .per_10k_children("s47-count")
            .build(),
        Def::new("s47-children-count", "Children subject to a section 47 enquiry", Unit::Count, YEAR)
            .means("The number of different children who were the subject of a section 47 enquiry in the year.")
            .column(c4, "Section47_child")
            .build(),
        Def::new("icpc-count", "Initial child protection conferences", Unit::Count, YEAR)
            .means(
                "Initial child protection conferences held in the year: the multi-agency meeting \
                 that decides whether a child needs a child protection plan.",
            )
            .column(c4, "ICPC")
            .build(),
        Def::new("icpc-rate", "Initial child protection conferences per 10,000 children", Unit::RatePer10k, YEAR)
            .means("Initial child protection conferences held in the year for every 10,000 children in the area.")
            .per_10k_children("icpc-count")
            .build(),
        Def::new("icpc-children-count", "Children subject to an initial child protection conference", Unit::Count, YEAR)
            .means("The number of different children discussed at an initial child protection conference in the year.")
            .column(c4, "ICPC_child")
            .build(),
        Def::new("icpc-0-10-days", "Conferences held 0 to 10 days after the enquiry began", Unit::Count, YEAR)
            .means("Initial conferences held within 10 working days of the start of the section 47 enquiry.")
            .column(c4, "Duration_0-10_days")
            .build(),
        Def::new("icpc-11-15-days", "Conferences held 11 to 15 days after the enquiry began", Unit::Count, YEAR)
            .means("Initial conferences held 11 to 15 working days after the start of the section 47 enquiry.")
            .column(c4, "Duration_11-15_days")
            .build(),
        Def::new("icpc-16-20-days", "Conferences held 16 to 20 days after the enquiry began", Unit::Count, YEAR)
            .means("Initial conferences held 16 to 20 working days after the start of the section 47 enquiry.")
            .column(c4, "Duration_16-20_days")
            .build(),
        Def::new("icpc-21-plus-days", "Conferences held 21 or more days after the enquiry began", Unit::Count, YEAR)
            .means("Initial conferences held 21 working days or more after the start of the section 47 enquiry.")
            .column(c4, "Duration_21+_days")
            .build(),
        Def::new("icpc-within-15-days-pct", "Initial conferences within 15 working days", Unit::Percent, YEAR)
            .means(
                "Of the initial conferences whose timing DfE reports, the share held within 15 \
                 working days of the start of the section 47 enquiry, the timescale statutory \
                 guidance sets. Calculated by Boardplan from DfE's duration bands.",
            )
            .source("Calculated by Boardplan from DfE table C4's duration bands")
            .percent_of(&duration_bands[..2], &duration_bands)
            .polarity(Polarity::HigherIsBetter)
            .also_evidences(&["9.3"])
            .build(),
        Def::new("icpc-days-median", "Median days from enquiry to initial conference", Unit::Days, YEAR)
            .means("The middle value of the working days between the start of a section 47 enquiry and its initial conference.")
            .column(c4, "Duration_median")
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["9.3"])
            .build(),
        Def::new("icpc-days-25th", "Days from enquiry to initial conference, 25th percentile", Unit::Days, YEAR)
            .means("A quarter of initial conferences were held within this many working days of the enquiry starting.")
            .column(c4, "Duration_25th_Percentile")
            .build(),
        Def::new("icpc-days-75th", "Days from enquiry to initial conference, 75th percentile", Unit::Days, YEAR)
            .means("Three quarters of initial conferences were held within this many working days of the enquiry starting.")
            .column(c4, "Duration_75th_Percentile")
            .build(),
    ]
}

fn repeat_plans() -> Vec<Indicator> {
    let d3 = Dataset::CinD3;
    vec![
        Def::new("cpp-starts", "Child protection plans started", Unit::Count, YEAR)
            .means("The number of child protection plans that began in the twelve months to 31 March.")
            .column(d3, "CPP_start")
            .build(),
        Def::new("cpp-starts-rate", "Child protection plans started per 10,000 children", Unit::RatePer10k, YEAR)
            .means("Child protection plans started in the year for every 10,000 children in the area.")
            .per_10k_children("cpp-starts")
            .build(),
        Def::new("cpp-subsequent-count", "Second or subsequent child protection plans", Unit::Count, YEAR)
            .means("Plans started in the year for a child who had been the subject of a plan before, at any time.")
            .column(d3, "CPP_subsequent")
            .build(),
        Def::new("cpp-subsequent-pct", "Child protection plans that are a second or subsequent plan", Unit::Percent, YEAR)
            .means(
                "The share of plans started in the year for a child who had had a plan before. \
                 A high share can mean plans end before risks have really reduced. NI 65 \
                 measured the same thing and treated 10 to 15% as the good range; a board that \
                 still reads it that way can set its own band.",
            )
            .column(d3, "CPP_subsequent_percent")
            .percent_of(&["cpp-subsequent-count"], &["cpp-starts"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["9.3"])
            .build(),
    ]
}

fn plans_by_duration() -> Vec<Indicator> {
    let d5 = Dataset::CinD5;
    let bands: [(&str, &str, &str, &str); 5] = [
        (
            "cpp-under-3m",
            "3_months_or_less",
            "3 months or less",
            "three months or less",
        ),
        (
            "cpp-3-6m",
            "more_than_3_months_6_months",
            "more than 3 months and up to 6 months",
            "more than three and up to six months",
        ),
        (
            "cpp-6-12m",
            "more_than_6_months_less_than_1_year",
            "more than 6 months and under a year",
            "more than six months but less than a year",
        ),
        (
            "cpp-1-2y",
            "1_year_less_than_2_years",
            "1 year and under 2 years",
            "at least one year but less than two",
        ),
        (
            "cpp-2y-plus",
            "2_years_or_more",
            "2 years or more",
            "two years or more",
        ),
    ];
    let mut all = vec![
        Def::new(
            "cpp-count",
            "Children on a child protection plan at 31 March",
            Unit::Count,
            YEAR,
        )
        .means(
            "The number of children who were the subject of a child protection plan on 31 March.",
        )
        .column(d5, "CPP_At31")
        .build(),
        Def::new(
            "cpp-rate",
            "Children on a child protection plan per 10,000 children",
            Unit::RatePer10k,
            YEAR,
        )
        .means(
            "Children on a child protection plan on 31 March for every 10,000 children in the \
                 area. A measure of how much risk is being managed through plans; read it with \
                 neighbours and England rather than as good or bad.",
        )
        .per_10k_children("cpp-count")
        .build(),
    ];
    for (code, column, short, words) in bands {
        let count_code = format!("{code}-count");
        all.push(
            Def::new(
                &count_code,
                &format!("Plans at 31 March open {short}"),
                Unit::Count,
                YEAR,
            )
            .means(&format!(
                "Children on a plan on 31 March whose plan had then been open for {words}."
            ))
            .column(d5, column)
            .build(),
        );
        let long_plans = code == "cpp-2y-plus";
        let mut pct = Def::new(
            &format!("{code}-pct"),
            &format!("Plans at 31 March open {short} (share)"),
            Unit::Percent,
            YEAR,
        )
        .means(&if long_plans {
            "The share of children on a plan at 31 March whose plan had been open for two years \
             or more. Long plans can mean drift: the plan is not bringing about change. The \
             nearest current measure to NI 64, which counted plans ending after two years."
                .to_owned()
        } else {
            format!(
                "The share of children on a plan at 31 March whose plan had been open for {words}."
            )
        })
        .column(d5, &format!("{column}_percent"))
        .percent_of(&[&count_code], &["cpp-count"]);
        if long_plans {
            pct = pct
                .polarity(Polarity::LowerIsBetter)
                .also_evidences(&["9.3"]);
        }
        all.push(pct.build());
    }
    all
}

fn looked_after() -> Vec<Indicator> {
    let cla = Dataset::ClaRates;
    let types = [
        (
            "cla",
            "Children looked after on 31 March each year",
            "looked after on 31 March",
            "on 31 March",
        ),
        (
            "cla-starts",
            "Children starting to be looked after each year",
            "starting to be looked after",
            "during the year",
        ),
        (
            "cla-ceased",
            "Children ceasing to be looked after each year",
            "ceasing to be looked after",
            "during the year",
        ),
    ];
    let mut all = Vec::with_capacity(6);
    for (code, population_type, what, when) in types {
        let count_code = format!("{code}-count");
        all.push(
            Def::new(&count_code, &format!("Children {what}"), Unit::Count, YEAR)
                .means(&format!(
                    "The number of children {what} by the local authority {when} (year to 31 March)."
                ))
                .column(cla, "children_count")
                .rows_where("population_type", population_type)
                .also_evidences(&["7.1"])
                .build(),
        );
        all.push(
            Def::new(
                &format!("{code}-rate"),
                &format!("Children {what} per 10,000 children"),
                Unit::RatePer10k,
                YEAR,
            )
            .means(&format!(
                "Children {what} {when} for every 10,000 children in the area, published by \
                     DfE to whole numbers. A measure of demand and of how the area uses care."
            ))
            .column(cla, "rate_per_10000")
            .rows_where("population_type", population_type)
            .decimals(0)
            .per_10k_children(&count_code)
            .also_evidences(&["7.1"])
            .build(),
        );
    }
    all
}

fn workforce() -> Vec<Indicator> {
    let w = Dataset::Workforce;
    let fte = |code: &str, title: &str, column: &str, means: &str| {
        Def::new(code, title, Unit::Fte, CENSUS)
            .means(means)
            .column(w, column)
            .also_evidences(&["13.2"])
            .build()
    };
    vec![
        fte(
            "sw-fte",
            "Children and family social workers in post (FTE)",
            "inpost_fte",
            "Full-time equivalent children and family social workers employed by the authority on 30 September.",
        ),
        fte(
            "sw-starters-fte",
            "Social workers who started (FTE)",
            "starters_fte",
            "Full-time equivalent social workers who joined in the twelve months to 30 September.",
        ),
        fte(
            "sw-leavers-fte",
            "Social workers who left (FTE)",
            "leavers_fte",
            "Full-time equivalent social workers who left in the twelve months to 30 September.",
        ),
        Def::new("sw-turnover-pct", "Social worker turnover", Unit::Percent, CENSUS)
            .means(
                "Leavers in the year as a share of social workers in post on 30 September (both \
                 full-time equivalent). High turnover breaks children's relationships with their \
                 workers.",
            )
            .column(w, "turnover_rate_fte")
            .percent_of(&["sw-leavers-fte"], &["sw-fte"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["13.2"])
            .build(),
        fte(
            "sw-agency-fte",
            "Agency social workers (FTE)",
            "agency_fte",
            "Full-time equivalent agency (locum) social workers working for the authority on 30 September.",
        ),
        Def::new("sw-agency-pct", "Agency social workers", Unit::Percent, CENSUS)
            .means(
                "Agency workers as a share of all social workers (agency plus employed) on 30 \
                 September, full-time equivalent. A high share is costly and less stable.",
            )
            .column(w, "agency_rate_fte")
            .percent_of(&["sw-agency-fte"], &["sw-agency-fte", "sw-fte"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["13.2"])
            .build(),
        fte(
            "sw-vacancy-fte",
            "Social worker vacancies (FTE)",
            "vacancy_fte",
            "Full-time equivalent social worker posts vacant on 30 September.",
        ),
        Def::new("sw-vacancy-pct", "Social worker vacancy rate", Unit::Percent, CENSUS)
            .means(
                "Vacant posts as a share of all posts (vacant plus filled by employees) on 30 \
                 September, full-time equivalent.",
            )
            .column(w, "vacancy_rate_fte")
            .percent_of(&["sw-vacancy-fte"], &["sw-vacancy-fte", "sw-fte"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["13.2"])
            .build(),
        fte(
            "sw-case-holders-fte",
            "Social workers holding cases (FTE)",
            "case_holders_fte",
            "Full-time equivalent social workers holding cases on 30 September.",
        ),
        Def::new("sw-cases", "Cases held by social workers", Unit::Count, CENSUS)
            .means("The number of children's cases held by social workers on 30 September.")
            .column(w, "cases")
            .also_evidences(&["13.2"])
            .build(),
        Def::new("sw-caseload", "Average caseload per social worker", Unit::Ratio, CENSUS)
            .means(
                "Cases held divided by full-time equivalent case-holding social workers on 30 \
                 September: the average number of children each worker is responsible for.",
            )
            .column(w, "caseload_fte")
            .ratio_of(&["sw-cases"], &["sw-case-holders-fte"])
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["13.2"])
            .build(),
        Def::new("sw-absence-pct", "Social worker sickness absence", Unit::Percent, CENSUS)
            .means("Working days lost to sickness in the year as a share of the working days available, full-time equivalent.")
            .column(w, "absence_rate_fte")
            .polarity(Polarity::LowerIsBetter)
            .also_evidences(&["13.2"])
            .build(),
    ]
}
