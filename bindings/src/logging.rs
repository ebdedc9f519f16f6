//! The library's log, handed to the app: `setLogger` with a `Logger` (Kotlin: to `android.util.Log`
//! or any logger; Swift: to `os_log`/`Logger`). Off until an app sets one.
//!
//! Core logs job ids, job types, journal states, error codes and retry delays: never keys,
//! signatures, tokens, images or the user's ID details.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Once, RwLock};

use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::Layer;

/// How much to log, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl From<&Level> for LogLevel {
    fn from(level: &Level) -> Self {
        match *level {
            Level::ERROR => LogLevel::Error,
            Level::WARN => LogLevel::Warn,
            Level::INFO => LogLevel::Info,
            Level::DEBUG => LogLevel::Debug,
            Level::TRACE => LogLevel::Trace,
        }
    }
}

/// One line of the library's log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogRecord {
    pub level: LogLevel,
    /// The module that logged, e.g. `smileid_core::client`.
    pub target: String,
    /// The message, then its fields as `key=value`, e.g. `uploaded job_id=job-1`.
    pub message: String,
}

/// Implemented in Kotlin or Swift to receive the library's log. Called on the library's worker
/// threads; keep it quick (hand the line to the platform logger).
#[uniffi::export(foreign)]
pub trait Logger: Send + Sync {
    fn log(&self, record: LogRecord);
}

static LOGGER: RwLock<Option<Arc<dyn Logger>>> = RwLock::new(None);
/// The most verbose level passed on, as `LogLevel as u8`.
static MAX_LEVEL: AtomicU8 = AtomicU8::new(LogLevel::Info as u8);

/// Sends the library's log lines at `level` and above (`Info`: one line per job step) to
/// `logger`, for the whole process; `null`/`nil` stops logging. Only lines from this library
/// (`smileid_*` targets) are passed on.
#[uniffi::export]
pub fn set_logger(logger: Option<Arc<dyn Logger>>, level: LogLevel) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // An app that already set a global tracing subscriber keeps it; this one is then unused.
        let _ = tracing::subscriber::set_global_default(
            tracing_subscriber::registry().with(ForwardLog),
        );
    });
    MAX_LEVEL.store(level as u8, Ordering::Release);
    *LOGGER.write().unwrap_or_else(|e| e.into_inner()) = logger;
}

/// The tracing layer that hands events to the app's [`Logger`].
struct ForwardLog;

impl<S: Subscriber> Layer<S> for ForwardLog {
    // Asked per event rather than cached per call site: the level can change at run time.
    fn register_callsite(&self, _: &'static tracing::Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &tracing::Metadata<'_>, _: Context<'_, S>) -> bool {
        metadata.target().starts_with("smileid")
            && LogLevel::from(metadata.level()) as u8 <= MAX_LEVEL.load(Ordering::Acquire)
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let Some(logger) = LOGGER.read().unwrap_or_else(|e| e.into_inner()).clone() else { return };
        let mut line = Line::default();
        event.record(&mut line);
        let metadata = event.metadata();
        let message = line.message + &line.fields;
        logger.log(LogRecord {
            level: metadata.level().into(),
            target: metadata.target().to_string(),
            message,
        });
    }
}

/// An event's message, and its other fields as ` key=value`.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "message" => self.message.push_str(value),
            name => {
                let _ = write!(self.fields, " {name}={value}");
            }
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = match field.name() {
            "message" => write!(self.message, "{value:?}"),
            name => write!(self.fields, " {name}={value:?}"),
        };
    }
}
