//! Recording what clients send, without the values: each API request's JSON field names and
//! types (and the `Content-Type` of the zip PUT and of v2 multipart forms), one JSON line per
//! distinct shape. It shows how a client's requests differ from the official clients'
//! (`serve --record-shapes FILE`), and the wire-shape test compares recordings.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{json, Map, Value};

/// The JSON type of a value, or of each field of an object and each element of an array.
pub fn shape(value: &Value) -> Value {
    match value {
        Value::Null => "null".into(),
        Value::Bool(_) => "boolean".into(),
        Value::Number(_) => "number".into(),
        Value::String(_) => "string".into(),
        Value::Array(items) => Value::Array(items.iter().map(shape).collect()),
        Value::Object(fields) => {
            Value::Object(fields.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
        }
    }
}

/// Each field path of a shape (`partner_params.job_id`, `metadata[].name`; the body itself is
/// `""`) and the types seen there (`object`, `array`, `string`, ...).
pub type Paths = BTreeMap<String, BTreeSet<String>>;

/// Adds the paths of `shape` under `prefix` to `out`.
pub fn paths(shape: &Value, prefix: &str, out: &mut Paths) {
    let mut add = |kind: &str| out.entry(prefix.to_string()).or_default().insert(kind.into());
    match shape {
        Value::String(kind) => {
            add(kind);
        }
        Value::Array(items) => {
            add("array");
            for item in items {
                paths(item, &format!("{prefix}[]"), out);
            }
        }
        Value::Object(fields) => {
            add("object");
            for (key, value) in fields {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                paths(value, &path, out);
            }
        }
        _ => {
            add("unknown");
        }
    }
}

/// A recording file read back: per endpoint (`auth_smile`, `upload`, `job_status`, `put`, ...),
/// the union of the paths of every recorded request.
pub fn read_recording(path: &Path) -> std::io::Result<BTreeMap<String, Paths>> {
    let mut endpoints: BTreeMap<String, Paths> = BTreeMap::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        let endpoint = record["endpoint"].as_str().unwrap_or("?").to_string();
        paths(&record["shape"], "", endpoints.entry(endpoint).or_default());
    }
    Ok(endpoints)
}

/// Appends each distinct request shape to a file.
pub(crate) struct Recorder {
    file: Mutex<File>,
    seen: Mutex<HashSet<String>>,
    max_body: usize,
}

impl Recorder {
    pub fn create(path: &Path, max_body: usize) -> std::io::Result<Arc<Recorder>> {
        let file = File::options().create(true).append(true).open(path)?;
        Ok(Arc::new(Recorder { file: Mutex::new(file), seen: Mutex::default(), max_body }))
    }

    fn record(&self, endpoint: &str, shape: Value) {
        let line = json!({"endpoint": endpoint, "shape": shape}).to_string();
        if self.seen.lock().expect("recorder lock").insert(line.clone()) {
            let mut file = self.file.lock().expect("recorder lock");
            if let Err(e) = writeln!(file, "{line}") {
                tracing::warn!(error = %e, "recording a request shape failed");
            }
        }
    }
}

/// Middleware: records the request's shape, then hands the request on unchanged.
pub(crate) async fn record(
    State(recorder): State<Arc<Recorder>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if request.method() == Method::PUT {
        // The zip itself is not JSON; what matters on the wire is how it is labelled.
        let content_type = request.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let shape = Map::from_iter([(
            "content-type".to_string(),
            Value::from(content_type.unwrap_or("(none)")),
        )]);
        recorder.record("put", Value::Object(shape));
        return next.run(request).await;
    }
    let endpoint = path.rsplit('/').next().unwrap_or_default().to_string();
    // A v2 SmartSelfie form carries the images: its media type is recorded, its body passed on
    // unread (it may be larger than any JSON body).
    let content_type = request.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if let Some(media) = content_type.filter(|t| t.starts_with("multipart/")) {
        let media = media.split(';').next().unwrap_or_default().trim();
        let shape = Map::from_iter([("content-type".to_string(), Value::from(media))]);
        recorder.record(&endpoint, Value::Object(shape));
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, recorder.max_body).await else {
        // Too large or unreadable: the handler answers; an empty body reaches it the same way.
        return next.run(Request::from_parts(parts, Body::empty())).await;
    };
    if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
        recorder.record(&endpoint, shape(&value));
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_fields_and_types_not_values() {
        let body = json!({"a": "secret", "p": {"n": 1}, "m": [{"v": true}, {"v": "x"}], "e": []});
        let mut out = Paths::new();
        paths(&shape(&body), "", &mut out);
        let flat: Vec<(String, Vec<String>)> =
            out.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect();
        let expected = [
            ("", vec!["object"]),
            ("a", vec!["string"]),
            ("e", vec!["array"]),
            ("m", vec!["array"]),
            ("m[]", vec!["object"]),
            ("m[].v", vec!["boolean", "string"]),
            ("p", vec!["object"]),
            ("p.n", vec!["number"]),
        ];
        let expected: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(flat, expected);
        assert!(!shape(&body).to_string().contains("secret"));
    }
}
