//! Signing in through an organisation's identity provider, end to end against a real OpenID
//! provider (`oidc_support`): a member gets the same session a password gives; a state works
//! once and only in the browser that started it; tokens for another audience, expired, badly
//! signed are refused, and a newly published key is fetched; unknown and unverified addresses
//! are refused with nothing created; a partnership can turn password sign-in off.
//!
//! The bad tokens come from the provider itself: a test switch in provider.js re-signs its
//! next ID token (another audience, past expiry) with its own key, or signs it with a key it
//! does not publish under that key id. No forger outside the provider is needed.

use axum::http::StatusCode;
use domain::PasswordSignIn;
use store::Stamp;
use web::identity::{IdentityConfig, ProviderConfig, Secret};

use crate::common::{self, KINGSTON, OUTSIDER, PASSWORD, Session, app_with};
use crate::oidc_support::{Provider, session_cookie};

/// The account a session cookie signs in.
async fn whose(app: &common::TestApp, cookie: &str) -> String {
    let token = cookie.trim_start_matches("bp_session=");
    let record = app
        .store
        .session(&web::auth::token::hash(token), jiff::Timestamp::now())
        .await
        .unwrap()
        .expect("a live session");
    record.account.email
}

#[tokio::test]
async fn a_member_signs_in_through_their_organisation_with_the_session_a_password_gives() {
    let Some(idp) = Provider::start() else { return };
    let app = idp.app(|_| {}).await;
    let page = app.get("/sign-in?next=/p/kingston-lscb", None).await;
    assert_eq!(
        page.texts("#providers a.govuk-button"),
        ["Sign in with Test Council"]
    );

    let back = idp.go_to_provider_and_back(&app, "lead").await;
    assert!(
        back.path.starts_with("/sign-in/oidc/test/callback?"),
        "{}",
        back.path
    );
    let res = back.arrive(&app).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.location(),
        "/p/kingston-lscb",
        "back where they were going"
    );
    assert!(
        res.cookies().contains(&"bp_oidc=".to_string()),
        "the sign-in's own cookie is cleared"
    );
    let cookie = session_cookie(&res).expect("a session");
    assert_eq!(whose(&app, &cookie).await, "lead@kingston.test");
    let s = Session {
        cookie,
        csrf: String::new(),
    };
    let board = app.get("/p/kingston-lscb", Some(&s)).await;
    assert_eq!(board.status, StatusCode::OK, "Boardplan keeps the roles");

    // Matched without regard to the case the provider writes the address in.
    let res = idp
        .go_to_provider_and_back(&app, "reader")
        .await
        .arrive(&app)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        whose(&app, &session_cookie(&res).unwrap()).await,
        "reader@kingston.test"
    );
}

#[tokio::test]
async fn a_state_is_good_for_one_answer_and_only_in_the_browser_that_started_it() {
    let Some(idp) = Provider::start() else { return };
    let app = idp.app(|_| {}).await;

    let back = idp.go_to_provider_and_back(&app, "lead").await;
    let res = back.arrive(&app).await;
    assert!(session_cookie(&res).is_some(), "{}", res.body);
    let replayed = back.arrive(&app).await;
    assert_eq!(replayed.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&replayed).is_none());
    assert_eq!(
        replayed.texts("h1"),
        ["This sign-in has expired or was used already"]
    );

    // Brought to another browser (a link sent to someone), it signs no one in there, and the
    // state is spent for the browser that started it too.
    let back = idp.go_to_provider_and_back(&app, "lead").await;
    let elsewhere = back.arrive_with(&app, "bp_oidc=another-browser").await;
    assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        elsewhere.texts("h1"),
        ["This sign-in was started somewhere else"]
    );
    assert!(session_cookie(&elsewhere).is_none());
    let res = back.arrive(&app).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(session_cookie(&res).is_none());
}

#[tokio::test]
async fn tokens_the_provider_should_never_send_are_refused_and_a_new_key_is_fetched() {
    let Some(idp) = Provider::start() else { return };
    let app = idp.app(|_| {}).await;
    for (mode, says) in [
        ("wrong_audience", "meant for another application"),
        ("expired", "had expired"),
        ("bad_signature", "The signature on the sign-in service"),
    ] {
        idp.next_id_token(mode).await;
        let res = idp
            .go_to_provider_and_back(&app, "lead")
            .await
            .arrive(&app)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{mode}: {}", res.body);
        assert!(res.body.contains(says), "{mode}: {}", res.body);
        assert!(session_cookie(&res).is_none(), "{mode} signed someone in");
    }
    // An answer naming another issuer (a mix-up between providers) is refused before its
    // code is used.
    let mut back = idp.go_to_provider_and_back(&app, "lead").await;
    assert!(back.path.contains("&iss="), "{}", back.path);
    back.path = format!(
        "{}&iss=https%3A%2F%2Fevil.example",
        back.path.split("&iss=").next().unwrap()
    );
    let res = back.arrive(&app).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert!(
        res.body.contains("a different sign-in service"),
        "{}",
        res.body
    );
    assert!(session_cookie(&res).is_none());

    // The provider starts signing with a key Boardplan has not seen: its keys are fetched
    // again rather than the sign-in refused.
    idp.next_id_token("rotated").await;
    let res = idp
        .go_to_provider_and_back(&app, "lead")
        .await
        .arrive(&app)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(session_cookie(&res).is_some());
}

#[tokio::test]
async fn only_a_verified_address_of_a_member_signs_in_and_nothing_is_created() {
    let Some(idp) = Provider::start() else { return };
    let app = idp.app(|_| {}).await;

    let res = idp
        .go_to_provider_and_back(&app, "stranger")
        .await
        .arrive(&app)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(res.texts("h1"), ["There is no Boardplan account for you"]);
    assert!(res.body.contains("Nothing has been created"));
    assert!(session_cookie(&res).is_none());
    let stranger = "someone@elsewhere.test";
    assert!(
        app.store
            .account_by_email(stranger)
            .await
            .unwrap()
            .is_none()
    );

    // An account that belongs to no partnership is no better: the provider proves who, only a
    // board gives a place.
    let hash = web::auth::password::hash(PASSWORD).unwrap();
    let now = jiff::Timestamp::now();
    app.store
        .create_account("test", KINGSTON, stranger, "Someone", &hash, now)
        .await
        .unwrap();
    let res = idp
        .go_to_provider_and_back(&app, "stranger")
        .await
        .arrive(&app)
        .await;
    assert_eq!(res.texts("h1"), ["There is no Boardplan account for you"]);
    assert!(session_cookie(&res).is_none());

    let res = idp
        .go_to_provider_and_back(&app, "unverified")
        .await
        .arrive(&app)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(
        res.texts("h1"),
        ["Your e-mail address could not be confirmed"]
    );
    assert!(session_cookie(&res).is_none());
}

#[tokio::test]
async fn members_of_a_partnership_that_turned_passwords_off_use_their_provider() {
    let Some(idp) = Provider::start() else { return };
    let app = idp.app(|_| {}).await;
    turn_passwords_off(&app).await;
    assert_password_refused(&app).await;
    let res = idp
        .go_to_provider_and_back(&app, "lead")
        .await
        .arrive(&app)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(session_cookie(&res).is_some());
}

/// The same refusal with no provider running: the password form alone.
#[tokio::test]
async fn a_right_password_is_refused_when_the_partnership_turned_passwords_off() {
    let provider = ProviderConfig::new(
        "test",
        "Test Council",
        "http://127.0.0.1:9",
        "boardplan",
        Secret::new("secret"),
        None,
    )
    .unwrap();
    let config = IdentityConfig::new("http://127.0.0.1:8080", vec![provider]).unwrap();
    let app = app_with(|c| c.identity = config).await;
    turn_passwords_off(&app).await;
    assert_password_refused(&app).await;
    // A wrong password is answered as before: the refusal tells only who knew the password.
    let res = app
        .try_sign_in_from("127.0.0.1", "lead@kingston.test", "not the password")
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

async fn turn_passwords_off(app: &common::TestApp) {
    app.store
        .set_password_sign_in(KINGSTON, Stamp::now("Administrator"), PasswordSignIn::Off)
        .await
        .unwrap();
}

async fn assert_password_refused(app: &common::TestApp) {
    let res = app
        .try_sign_in_from("127.0.0.1", "lead@kingston.test", PASSWORD)
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    assert!(session_cookie(&res).is_none());
    let link = res
        .html()
        .select(&scraper::Selector::parse(".govuk-error-summary a").unwrap())
        .next()
        .and_then(|a| a.attr("href").map(String::from));
    assert_eq!(link.as_deref(), Some("#providers"), "{}", res.body);
    assert!(res.texts(".govuk-error-summary a")[0].contains("through their organisation"));
    // Another partnership's members are not affected.
    let _ = app.sign_in(OUTSIDER).await;
}
