//! Fault injection, seeded and configured per endpoint, so clients can be tested against the
//! failures real networks and servers produce: error statuses, resets, stalls, truncated bodies
//! and lost uploads.
//!
//! Spec syntax (the `--faults` flag): comma-separated `ENDPOINT:KIND:PROBABILITY`, e.g.
//! `job_status:503:0.2,put:reset:0.1,upload:delay=2000:0.05,put:drop:0.1`.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::errors::{code, ApiError};
use crate::server::ConnectionControl;
use crate::stats::{bump, Counters};

/// Where a fault can strike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultEndpoint {
    /// `POST /v1/auth_smile`.
    AuthSmile,
    /// `POST /v1/upload` (prep_upload).
    Upload,
    /// The zip `PUT` to an upload URL.
    Put,
    /// `POST /v1/job_status`.
    JobStatus,
    /// `POST /v2/smart-selfie-enroll` and `POST /v2/smart-selfie-authentication`.
    SmartSelfie,
    /// Outgoing result callbacks (each delivery attempt).
    Callbacks,
    /// `POST /v1/id_verification` and `/v1/async_id_verification` (Enhanced KYC).
    IdVerification,
}

impl FaultEndpoint {
    const ALL: [FaultEndpoint; 7] = [
        FaultEndpoint::AuthSmile,
        FaultEndpoint::Upload,
        FaultEndpoint::Put,
        FaultEndpoint::JobStatus,
        FaultEndpoint::SmartSelfie,
        FaultEndpoint::Callbacks,
        FaultEndpoint::IdVerification,
    ];

    fn name(self) -> &'static str {
        match self {
            FaultEndpoint::AuthSmile => "auth_smile",
            FaultEndpoint::Upload => "upload",
            FaultEndpoint::Put => "put",
            FaultEndpoint::JobStatus => "job_status",
            FaultEndpoint::SmartSelfie => "smart_selfie",
            FaultEndpoint::Callbacks => "callbacks",
            FaultEndpoint::IdVerification => "id_verification",
        }
    }
}

/// What happens when a fault strikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Answer with this status (4xx/5xx, e.g. 500, 503, 429) and the error envelope, without
    /// handling the request. For callbacks: the attempt fails as if the receiver had answered it.
    Status(u16),
    /// Handle the request, then drop the connection (TCP reset) without a response.
    /// For callbacks: the attempt fails without being sent.
    Reset,
    /// Wait this long before handling the request (a slow or stalled server). For callbacks:
    /// the attempt is sent late.
    Delay(Duration),
    /// Handle the request, then send only half the body under a Content-Length for all of it,
    /// and close the connection.
    Truncate,
    /// `put` only: read the zip, answer 200, and discard it (the job stays without a zip).
    Drop,
}

/// One rule: on `endpoint`, `kind` strikes with `probability` (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaultRule {
    pub endpoint: FaultEndpoint,
    pub kind: FaultKind,
    /// Chance per request (or callback attempt), from 0 to 1.
    pub probability: f64,
}

/// Which faults to inject. The default injects none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultConfig {
    /// Seed of the random draws: the same seed and request order give the same faults.
    pub seed: u64,
    /// Rules; per endpoint, their probabilities must add up to at most 1 (one draw per
    /// request picks at most one rule).
    pub rules: Vec<FaultRule>,
}

/// A fault rule or spec that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid fault rule `{rule}`: {reason}")]
pub struct FaultSpecError {
    rule: String,
    reason: String,
}

impl FromStr for FaultRule {
    type Err = FaultSpecError;

    /// `ENDPOINT:KIND:PROBABILITY`; KIND is a status code (`503`), `reset`, `delay=MS`,
    /// `truncate` or `drop`.
    fn from_str(rule: &str) -> Result<Self, FaultSpecError> {
        let error =
            |reason: &str| FaultSpecError { rule: rule.to_string(), reason: reason.to_string() };
        let parts: Vec<&str> = rule.trim().split(':').collect();
        let [endpoint, kind, probability] = parts[..] else {
            return Err(error("expected ENDPOINT:KIND:PROBABILITY, e.g. job_status:503:0.2"));
        };
        let endpoint =
            FaultEndpoint::ALL.into_iter().find(|e| e.name() == endpoint).ok_or_else(|| {
                error(
                    "unknown endpoint; use auth_smile, upload, put, job_status, smart_selfie, \
                     callbacks or id_verification",
                )
            })?;
        let kind = match kind {
            "reset" => FaultKind::Reset,
            "truncate" => FaultKind::Truncate,
            "drop" => FaultKind::Drop,
            _ => match kind.strip_prefix("delay=") {
                Some(ms) => FaultKind::Delay(Duration::from_millis(
                    ms.parse()
                        .map_err(|_| error("delay=MS needs a whole number of milliseconds"))?,
                )),
                None => FaultKind::Status(kind.parse().map_err(|_| {
                    error(
                        "unknown kind; use a status code (500, 503, 429), reset, delay=MS, \
                         truncate or drop",
                    )
                })?),
            },
        };
        let probability = probability
            .parse()
            .map_err(|_| error("the probability must be a number from 0 to 1"))?;
        let parsed = FaultRule { endpoint, kind, probability };
        parsed.check().map_err(|reason| error(&reason))?;
        Ok(parsed)
    }
}

impl FaultRule {
    fn check(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.probability) {
            return Err("the probability must be from 0 to 1".into());
        }
        match self.kind {
            FaultKind::Status(status) if !(400..=599).contains(&status) => {
                Err("the status must be from 400 to 599".into())
            }
            FaultKind::Drop if self.endpoint != FaultEndpoint::Put => {
                Err("drop applies to put only".into())
            }
            FaultKind::Truncate if self.endpoint == FaultEndpoint::Callbacks => {
                Err("truncate does not apply to callbacks".into())
            }
            _ => Ok(()),
        }
    }
}

impl FaultConfig {
    /// Parses a `--faults` spec (comma-separated rules).
    pub fn parse(spec: &str, seed: u64) -> Result<FaultConfig, FaultSpecError> {
        let rules = spec
            .split(',')
            .filter(|r| !r.trim().is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()?;
        let config = FaultConfig { seed, rules };
        config.validate()?;
        Ok(config)
    }

    /// Checks every rule and that no endpoint's probabilities add up to more than 1.
    pub fn validate(&self) -> Result<(), FaultSpecError> {
        for rule in &self.rules {
            rule.check().map_err(|reason| FaultSpecError { rule: rule.to_string(), reason })?;
        }
        for endpoint in FaultEndpoint::ALL {
            let total: f64 =
                self.rules.iter().filter(|r| r.endpoint == endpoint).map(|r| r.probability).sum();
            if total > 1.0 + 1e-9 {
                return Err(FaultSpecError {
                    rule: endpoint.name().into(),
                    reason: format!("probabilities add up to {total}, more than 1"),
                });
            }
        }
        Ok(())
    }
}

impl fmt::Display for FaultRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.endpoint.name())?;
        match self.kind {
            FaultKind::Status(status) => write!(f, "{status}")?,
            FaultKind::Reset => f.write_str("reset")?,
            FaultKind::Delay(d) => write!(f, "delay={}", d.as_millis())?,
            FaultKind::Truncate => f.write_str("truncate")?,
            FaultKind::Drop => f.write_str("drop")?,
        }
        write!(f, ":{}", self.probability)
    }
}

/// Draws faults for the running sandbox. The rules can be replaced while it runs (dashboard).
pub(crate) struct Faults {
    rules: RwLock<Vec<FaultRule>>,
    rng: Mutex<StdRng>,
    counters: Arc<Counters>,
}

impl Faults {
    pub fn new(config: &FaultConfig, counters: Arc<Counters>) -> Faults {
        Faults {
            rules: RwLock::new(config.rules.clone()),
            rng: Mutex::new(StdRng::seed_from_u64(config.seed)),
            counters,
        }
    }

    /// The rules in force.
    pub fn rules(&self) -> Vec<FaultRule> {
        self.rules.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts `config`'s rules in force (its seed is ignored: the draws go on).
    pub fn replace(&self, config: FaultConfig) {
        *self.rules.write().unwrap_or_else(|p| p.into_inner()) = config.rules;
    }

    /// The fault striking this request to `endpoint`, if any (one draw, rules in order).
    pub fn draw(&self, endpoint: FaultEndpoint) -> Option<FaultKind> {
        let rules = self.rules.read().unwrap_or_else(|p| p.into_inner());
        let mut rules = rules.iter().filter(|r| r.endpoint == endpoint).peekable();
        rules.peek()?;
        let roll: f64 = self.rng.lock().unwrap_or_else(|p| p.into_inner()).random();
        let mut threshold = 0.0;
        let kind = rules.find(|r| {
            threshold += r.probability;
            roll < threshold
        })?;
        bump(&self.counters.faults_injected);
        tracing::debug!(endpoint = endpoint.name(), fault = %kind, "fault injected");
        Some(kind.kind)
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultKind::Status(status) => write!(f, "HTTP {status}"),
            FaultKind::Reset => f.write_str("connection reset"),
            FaultKind::Delay(d) => write!(f, "delay of {} ms", d.as_millis()),
            FaultKind::Truncate => f.write_str("truncated body"),
            FaultKind::Drop => f.write_str("dropped upload"),
        }
    }
}

/// Middleware for one endpoint's route: applies the fault drawn for the request.
pub(crate) async fn inject(
    State((faults, endpoint)): State<(Arc<Faults>, FaultEndpoint)>,
    request: Request,
    next: Next,
) -> Response {
    let Some(kind) = faults.draw(endpoint) else { return next.run(request).await };
    match kind {
        FaultKind::Status(status) => {
            let status = StatusCode::from_u16(status).expect("checked to be 400..=599");
            let mut response = ApiError::new(
                status,
                code::SYSTEM_ERROR,
                format!("sandbox fault injection: {kind}"),
            )
            .into_response();
            if status == StatusCode::TOO_MANY_REQUESTS {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            response
        }
        FaultKind::Delay(delay) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        FaultKind::Reset => {
            let control = request.extensions().get::<ConnectionControl>().cloned();
            let _ = next.run(request).await;
            match control {
                Some(control) => control.reset().await,
                None => ApiError::internal("fault injection: connection control missing")
                    .into_response(),
            }
        }
        FaultKind::Truncate => truncate(next.run(request).await).await,
        FaultKind::Drop => {
            // Read the whole zip like a real upload (chunk by chunk, keeping nothing), then lose
            // it.
            let mut chunks = request.into_body().into_data_stream();
            while let Some(Ok(_)) = chunks.next().await {}
            bump(&faults.counters.uploads_dropped);
            StatusCode::OK.into_response()
        }
    }
}

/// The response with its full Content-Length but only the first half of its body, after which
/// the body fails and the connection is closed.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let half = bytes.slice(..bytes.len() / 2);
    let chunks = futures_util::stream::iter([Ok::<Bytes, std::io::Error>(half)]).chain(
        futures_util::stream::once(async {
            // Give the server time to flush the half before the body fails.
            tokio::time::sleep(Duration::from_millis(20)).await;
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "body truncated by fault injection",
            ))
        }),
    );
    Response::from_parts(parts, Body::from_stream(chunks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        let config = FaultConfig::parse(
            "job_status:503:0.2, put:reset:0.1,upload:delay=2000:0.05,put:drop:0.1,callbacks:500:1",
            42,
        )
        .unwrap();
        assert_eq!(config.rules.len(), 5);
        assert_eq!(
            config.rules[0],
            FaultRule {
                endpoint: FaultEndpoint::JobStatus,
                kind: FaultKind::Status(503),
                probability: 0.2
            }
        );
        assert_eq!(config.rules[2].kind, FaultKind::Delay(Duration::from_millis(2000)));
        assert_eq!(config.rules[2].to_string(), "upload:delay=2000:0.05");
        for bad in [
            "job_status:503",
            "nowhere:503:0.1",
            "put:teapot:0.1",
            "put:200:0.1",
            "put:503:1.5",
            "upload:drop:0.1",
            "callbacks:truncate:0.1",
            "put:reset:0.6,put:drop:0.6",
        ] {
            assert!(FaultConfig::parse(bad, 0).is_err(), "{bad}");
        }
    }

    #[test]
    fn draws_follow_the_seed_and_the_probabilities() {
        let config = FaultConfig::parse("job_status:503:0.2,job_status:reset:0.1", 7).unwrap();
        let draws = |seed| {
            let faults = Faults::new(&FaultConfig { seed, ..config.clone() }, Arc::default());
            (0..10_000).map(|_| faults.draw(FaultEndpoint::JobStatus)).collect::<Vec<_>>()
        };
        let first = draws(7);
        assert_eq!(first, draws(7), "same seed, same faults");
        assert_ne!(first, draws(8));
        let count = |kind| first.iter().filter(|d| **d == Some(kind)).count();
        assert!(
            (1700..2300).contains(&count(FaultKind::Status(503))),
            "{}",
            count(FaultKind::Status(503))
        );
        assert!((800..1200).contains(&count(FaultKind::Reset)), "{}", count(FaultKind::Reset));
        let faults = Faults::new(&config, Arc::default());
        assert_eq!(faults.draw(FaultEndpoint::Put), None, "no rule, no fault");
    }
}
