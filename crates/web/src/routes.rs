//! The one way a route is added: every capability's pages and the API register theirs
//! through [`Routes`], which writes down each method and path template as it hands the
//! handler to axum's router. axum cannot list a router's routes, so this record is how the
//! permission matrix (`tests/route_matrix/`) knows every route that exists: a route added
//! here without an expectation there fails the suite.
//!
//! Handlers are wrapped with this module's [`get`], [`post`] and [`any`] rather than axum's,
//! so that the methods are known (a route needing another method adds its wrapper here);
//! [`Routes::route`] takes nothing else. The API's routes are
//! written down from the OpenAPI document that `utoipa_axum` builds from the same
//! registrations ([`Routes::documented`]). The workspace's `clippy.toml` refuses axum's own
//! ways of adding a route (and an undocumented API route) everywhere but here.

use std::convert::Infallible;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, Route as AxumRoute};
use tower::{Layer, Service};
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::HttpMethod;

use crate::AppState;

/// One route: a method (`GET`, `POST`…, or `ANY` for every method) and a path template as
/// axum matches it (`/p/{slug}/actions/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    pub method: &'static str,
    pub path: String,
}

/// A router under construction, with the routes it holds written down.
pub struct Routes {
    router: Router<AppState>,
    table: Vec<Route>,
}

impl Default for Routes {
    fn default() -> Self {
        Self::new()
    }
}

impl Routes {
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    /// Serve `methods` at `path`.
    pub fn route(mut self, path: &'static str, methods: Methods) -> Self {
        self.table.extend(methods.names.iter().map(|&method| Route {
            method,
            path: path.to_string(),
        }));
        // The one place a route reaches axum (clippy.toml refuses it anywhere else).
        #[allow(clippy::disallowed_methods)]
        let router = self.router.route(path, methods.router);
        self.router = router;
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }

    /// The API's routes, as split from `utoipa_axum`'s router: the document it built from
    /// the same registrations lists every path and method.
    pub fn documented(router: Router<AppState>, document: &OpenApi) -> Self {
        let table = document
            .paths
            .paths
            .iter()
            .flat_map(|(path, item)| {
                let methods = [
                    (HttpMethod::Get, item.get.is_some()),
                    (HttpMethod::Put, item.put.is_some()),
                    (HttpMethod::Post, item.post.is_some()),
                    (HttpMethod::Delete, item.delete.is_some()),
                    (HttpMethod::Patch, item.patch.is_some()),
                    (HttpMethod::Options, item.options.is_some()),
                    (HttpMethod::Head, item.head.is_some()),
                    (HttpMethod::Trace, item.trace.is_some()),
                ];
                methods
                    .into_iter()
                    .filter(|(_, present)| *present)
                    .map(move |(m, _)| Route {
                        method: name(&m),
                        path: path.clone(),
                    })
            })
            .collect();
        Self { router, table }
    }

    /// Wrap every route so far in `layer` (as [`Router::layer`]); adds no route.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<AxumRoute> + Clone + Send + Sync + 'static,
        L::Service: Service<Request> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request>>::Future: Send + 'static,
    {
        self.router = self.router.layer(layer);
        self
    }

    /// The router, and what it holds in the order it was added.
    pub fn into_parts(self) -> (Router<AppState>, Vec<Route>) {
        (self.router, self.table)
    }
}

fn name(m: &HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "GET",
        HttpMethod::Put => "PUT",
        HttpMethod::Post => "POST",
        HttpMethod::Delete => "DELETE",
        HttpMethod::Patch => "PATCH",
        HttpMethod::Options => "OPTIONS",
        HttpMethod::Head => "HEAD",
        HttpMethod::Trace => "TRACE",
    }
}

/// The handlers of one path, by method, with their methods written down.
pub struct Methods {
    router: MethodRouter<AppState>,
    names: Vec<&'static str>,
}

/// `GET` (and `HEAD`, which axum answers with the `GET` handler) to `handler`.
pub fn get<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: axum::routing::get(handler),
        names: vec!["GET"],
    }
}

/// `POST` to `handler`.
pub fn post<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: axum::routing::post(handler),
        names: vec!["POST"],
    }
}

/// Every method to `handler`.
pub fn any<H: Handler<T, AppState>, T: 'static>(handler: H) -> Methods {
    Methods {
        router: axum::routing::any(handler),
        names: vec!["ANY"],
    }
}

impl Methods {
    pub fn get<H: Handler<T, AppState>, T: 'static>(mut self, handler: H) -> Self {
        self.router = self.router.get(handler);
        self.names.push("GET");
        self
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(mut self, handler: H) -> Self {
        self.router = self.router.post(handler);
        self.names.push("POST");
        self
    }

    /// Let these handlers read bodies of up to `bytes` (axum's default is 2 MB).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.router = self.router.layer(DefaultBodyLimit::max(bytes));
        self
    }
}
