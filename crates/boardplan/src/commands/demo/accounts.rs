//! The demo's accounts: one for each role, so a new user can see Boardplan as each kind of
//! person sees it. Demo only: the password is printed and the same for everyone.

use anyhow::Result;
use domain::AccessRole;
use store::Store;

/// The one password of every demo account.
pub const PASSWORD: &str = "demo password 2009";

/// (email, name, role, lead roles held).
pub const ACCOUNTS: [(&str, &str, AccessRole, &[&str]); 6] = [
    (
        "admin@demo.test",
        "Demo: Administrator",
        AccessRole::Administrator,
        &[],
    ),
    (
        "manager@demo.test",
        "Demo: Business Manager",
        AccessRole::BusinessManager,
        &["development-officer"],
    ),
    (
        "lead@demo.test",
        "Demo: Chair Training Group",
        AccessRole::LeadOfficer,
        &["chair-training"],
    ),
    (
        "chair@demo.test",
        "Demo: LSCB Chair",
        AccessRole::BoardMember,
        &["lscb-chair"],
    ),
    (
        "member@demo.test",
        "Demo: Board Member",
        AccessRole::BoardMember,
        &[],
    ),
    ("reader@demo.test", "Demo: Reader", AccessRole::Reader, &[]),
];

/// Create the accounts that are missing and give each its role in `slug`.
pub async fn ensure(store: &Store, slug: &str) -> Result<()> {
    let now = jiff::Timestamp::now();
    let mut hash = None;
    for (email, name, role, holds) in ACCOUNTS {
        let id = match store.account_by_email(email).await? {
            Some(a) => a.id,
            None => {
                // Hashing is slow on purpose: do it once for all the demo accounts.
                let h = match &hash {
                    Some(h) => String::clone(h),
                    None => {
                        let h =
                            web::auth::password::hash(PASSWORD).map_err(|e| anyhow::anyhow!(e))?;
                        hash = Some(h.clone());
                        h
                    }
                };
                store
                    .create_account("demo", slug, email, name, &h, now)
                    .await?
            }
        };
        let holds: Vec<String> = holds.iter().map(|h| h.to_string()).collect();
        store
            .grant_membership("demo", id, slug, role, &holds, now)
            .await?;
    }
    Ok(())
}

/// The accounts as a table for the terminal.
pub fn table() -> String {
    let mut out = format!("Demo accounts (password for all: \"{PASSWORD}\"):\n");
    for (email, _, role, holds) in ACCOUNTS {
        let held = if holds.is_empty() {
            String::new()
        } else {
            format!(", holds {}", holds.join(", "))
        };
        out.push_str(&format!("  {email:<20} {}{held}\n", role.label()));
    }
    out
}
