//! Who may use the dashboard. Bound to the loopback address, requests must name a loopback host
//! (so a web page that rebinds its own name to 127.0.0.1 cannot read it). Bound elsewhere, every
//! request needs the token printed at start: `?token=` on the page's address (which then sets a
//! cookie for the page's own requests), the cookie, or `Authorization: Bearer`. Controls that
//! change state take JSON only, so a cross-site form cannot post to them.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use super::{refused, DashboardState, Shared};
use crate::errors::ApiError;

const COOKIE: &str = "smileid_dashboard";

/// Middleware in front of every dashboard route.
pub(crate) async fn check(State(state): State<Shared>, request: Request, next: Next) -> Response {
    if let Err(refusal) = allowed(&state, &request) {
        return refusal.into_response();
    }
    let token_in_query = state.token.is_some() && query_token(&request).is_some();
    let mut response = next.run(request).await;
    if let (true, Some(token)) = (token_in_query, &state.token) {
        let cookie = format!("{COOKIE}={token}; Path={}; HttpOnly; SameSite=Strict", super::PATH);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn allowed(state: &DashboardState, request: &Request) -> Result<(), ApiError> {
    let headers = request.headers();
    match &state.token {
        Some(token) => {
            let given = query_token(request)
                .or_else(|| bearer(headers))
                .or_else(|| cookie(headers))
                .unwrap_or_default();
            if !bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
                return Err(ApiError::unauthorized(
                    "token",
                    "this sandbox listens beyond 127.0.0.1, so its dashboard needs the token \
                     printed at start: open the dashboard address it printed (ending in \
                     ?token=...) or send Authorization: Bearer <token>",
                ));
            }
        }
        None if !loopback_host(headers, state.port) => {
            return Err(refused(
                StatusCode::FORBIDDEN,
                format!(
                    "Host: the dashboard answers only to 127.0.0.1 or localhost; open \
                     http://127.0.0.1:{}{}",
                    state.port,
                    super::PATH
                ),
            ));
        }
        None => {}
    }
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if request.method() == Method::POST && !json {
        return Err(refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type: dashboard controls take a JSON body; send \
             Content-Type: application/json",
        ));
    }
    Ok(())
}

fn query_token(request: &Request) -> Option<&str> {
    request.uri().query()?.split('&').find_map(|pair| pair.strip_prefix("token="))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|line| {
        line.split(';').find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
    })
}

/// Whether `Host` names this machine's loopback address (or is absent, as from raw clients).
fn loopback_host(headers: &HeaderMap, port: u16) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return true };
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == *name || host == format!("{name}:{port}"))
}
