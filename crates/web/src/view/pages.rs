//! What a view renders once and serves again: whole pages, and API bodies by their query.
//! Both live inside the [`super::Loaded`] view, so a write that makes the view stale drops
//! them with it.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use domain::Date;
use tokio::sync::OnceCell;

use super::today;
use crate::compression::Text;
use crate::error::AppError;
use crate::progress::memo::budget::{Budget, Kept};

/// The most API bodies one view keeps; past that it starts again, so a crawl over every
/// page and filter of a big plan cannot hold them all.
const BODIES: usize = 64;

/// Where one page is kept, once rendered.
type Slot = OnceCell<Arc<Text>>;

/// A response body rendered from a view, with the `Link` to the next page when it has one.
/// Its text is shared by every copy, so its gzip form is made once.
#[derive(Debug, Clone)]
pub struct Body {
    pub json: Arc<Text>,
    pub next: Option<String>,
}

/// The HTML of pages that depend on nothing but their view and today's date (which the
/// as-at picker shows), and API bodies that depend on nothing but their view and their query,
/// within the bytes the server's views may keep for bodies in all.
pub struct PageMemo {
    /// Each page's slot, filled once: requests that come while it is being rendered wait
    /// for that rendering (see [`PageMemo::get_or_render`]).
    pages: Mutex<HashMap<(&'static str, Date), Arc<Slot>>>,
    bodies: Mutex<Kept<Body>>,
}

impl Default for PageMemo {
    fn default() -> Self {
        Self::within(Budget::bodies())
    }
}

/// What a kept body weighs: its text (with room for its gzip form), its key and its link.
fn weight(key: &str, body: &Body) -> usize {
    key.len() + body.json.weight() + body.next.as_ref().map_or(0, String::len) + 64
}

impl PageMemo {
    /// An empty memo whose bodies draw on `budget`.
    pub fn within(budget: &'static Budget) -> Self {
        Self {
            pages: Mutex::default(),
            bodies: Mutex::new(Kept::new(budget, BODIES)),
        }
    }

    /// The page called `name`, if this view has rendered it today.
    #[cfg(test)]
    pub fn get(&self, name: &'static str) -> Option<Arc<Text>> {
        self.pages
            .lock()
            .ok()?
            .get(&(name, today()))?
            .get()
            .cloned()
    }

    /// The page called `name`, rendering it only when this view has not rendered it today.
    /// The requests that ask while it is rendered (many at once, after a start) wait for
    /// that one rendering and any reads it makes beyond the view, rather than each doing
    /// them. A rendering that fails is not kept; the next request tries again.
    pub async fn get_or_render<F>(
        &self,
        name: &'static str,
        render: F,
    ) -> Result<Arc<Text>, AppError>
    where
        F: Future<Output = Result<String, AppError>>,
    {
        let slot = self.slot(name);
        let page = slot
            .get_or_try_init(|| async { Ok::<_, AppError>(Arc::new(Text::new(render.await?))) })
            .await?;
        Ok(Arc::clone(page))
    }

    /// The slot of page `name` for today, made empty if there is none yet.
    fn slot(&self, name: &'static str) -> Arc<Slot> {
        let key = (name, today());
        let Ok(mut pages) = self.pages.lock() else {
            return Arc::default();
        };
        if let Some(slot) = pages.get(&key) {
            return Arc::clone(slot);
        }
        // A page not yet asked for today: yesterday's renderings can go, the picker's
        // latest date has moved on.
        pages.retain(|(_, day), _| *day == key.1);
        Arc::clone(pages.entry(key).or_default())
    }

    /// The body under `key` (the route and every parameter it reads), rendering it only
    /// when this view has not rendered it yet.
    pub fn body_or_render<E>(
        &self,
        key: String,
        render: impl FnOnce() -> Result<Body, E>,
    ) -> Result<Body, E> {
        if let Some(hit) = self.bodies.lock().ok().and_then(|b| b.get(&key).cloned()) {
            return Ok(hit);
        }
        let body = render()?;
        if let Ok(mut bodies) = self.bodies.lock() {
            let w = weight(&key, &body);
            bodies.keep(key, body.clone(), w);
        }
        Ok(body)
    }

    #[cfg(test)]
    fn bodies(&self) -> usize {
        self.bodies.lock().map_or(0, |b| b.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Result<Body, ()> {
        Ok(Body {
            json: Arc::new(Text::new(text.to_string())),
            next: None,
        })
    }

    #[test]
    fn a_body_is_rendered_once_per_query_and_a_failure_is_not_kept() {
        let memo = PageMemo::default();
        let first = memo.body_or_render("a?page=1".into(), || body("one"));
        assert_eq!(first.unwrap().json.plain().unwrap(), "one");
        // Served from memory: the second rendering is not made.
        let again = memo.body_or_render("a?page=1".into(), || body("changed"));
        assert_eq!(again.unwrap().json.plain().unwrap(), "one");
        let other = memo.body_or_render("a?page=2".into(), || body("two"));
        assert_eq!(other.unwrap().json.plain().unwrap(), "two");
        let failed = memo.body_or_render("a?page=3".into(), || Err::<Body, _>("down"));
        assert_eq!(failed.unwrap_err(), "down");
        let retried = memo.body_or_render("a?page=3".into(), || body("three"));
        assert_eq!(retried.unwrap().json.plain().unwrap(), "three");
    }

    #[test]
    fn the_bodies_of_every_view_keep_within_their_budget_and_give_it_back_when_dropped() {
        let one = weight("q1", &body("x").unwrap());
        let budget: &'static Budget = Box::leak(Box::new(Budget::new(one * 2)));
        let first = PageMemo::within(budget);
        first.body_or_render("q1".into(), || body("x")).unwrap();
        first.body_or_render("q2".into(), || body("x")).unwrap();
        assert_eq!(budget.used(), 2 * one);
        let second = PageMemo::within(budget);
        assert_eq!(
            second
                .body_or_render("q3".into(), || body("z"))
                .unwrap()
                .json
                .plain()
                .unwrap(),
            "z"
        );
        assert_eq!(second.bodies(), 0, "no room: served, not kept");
        drop(first);
        assert_eq!(budget.used(), 0);
        second.body_or_render("q3".into(), || body("z")).unwrap();
        assert_eq!((second.bodies(), budget.used()), (1, one));
    }

    #[tokio::test]
    async fn a_page_asked_for_by_many_at_once_is_rendered_once_and_a_failure_is_not_kept() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let memo = PageMemo::default();
        let renders = AtomicUsize::new(0);
        let render = |text: &'static str| {
            let renders = &renders;
            async move {
                renders.fetch_add(1, Ordering::SeqCst);
                // Its reads: the other requests come while this one waits on them.
                tokio::task::yield_now().await;
                Ok(text.to_string())
            }
        };
        let failed = memo
            .get_or_render("dashboard", async {
                Err(AppError::Internal("down".into()))
            })
            .await;
        assert!(failed.is_err());
        assert!(memo.get("dashboard").is_none(), "a failure is not kept");
        let pages = tokio::join!(
            memo.get_or_render("dashboard", render("one")),
            memo.get_or_render("dashboard", render("two")),
            memo.get_or_render("dashboard", render("three")),
        );
        for page in [pages.0, pages.1, pages.2] {
            assert_eq!(page.unwrap().plain().unwrap(), "one");
        }
        assert_eq!(renders.load(Ordering::SeqCst), 1, "rendered once");
        assert_eq!(memo.get("dashboard").unwrap().plain().unwrap(), "one");
    }

    #[test]
    fn the_bodies_start_again_when_full() {
        let memo = PageMemo::default();
        for i in 0..BODIES {
            memo.body_or_render(format!("q{i}"), || body("x")).unwrap();
        }
        assert_eq!(memo.bodies(), BODIES);
        memo.body_or_render("one more".into(), || body("y"))
            .unwrap();
        assert_eq!(memo.bodies(), 1);
    }
}
