//! `boardplan serve`: the web application on the chosen address.

use anyhow::{Context, Result};

use super::open;
use crate::cli::{Global, ServeArgs};

pub async fn run(g: &Global, args: &ServeArgs) -> Result<()> {
    let store = open(g).await?;
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}: is another program using it?",
                args.addr
            )
        })?;
    let local = listener.local_addr()?;
    let secure = args.secure_cookies.unwrap_or(!local.ip().is_loopback());
    let config = web::WebConfig {
        secure_cookies: secure,
        ..web::WebConfig::default()
    };
    println!("Boardplan is running at http://{local}/ (press Ctrl-C to stop)");
    web::serve(listener, web::AppState::new(store, config)).await?;
    Ok(())
}
