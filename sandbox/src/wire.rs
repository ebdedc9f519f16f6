//! Reading request bodies the way the SDKs and server libraries send them: JSON objects whose
//! booleans may be strings (§2.1), numbers may be strings, unknown keys are ignored, and whose
//! errors must name the offending field.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::Deserialize;
use serde_json::Value;

use crate::errors::ApiError;

/// A JSON object body deserialized into `T`; every failure is an [`ApiError`] envelope.
pub(crate) struct SmileJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for SmileJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            let reason = if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                "request body is too large"
            } else {
                "request body could not be read (bad gzip encoding?)"
            };
            ApiError::new(rejection.status(), crate::errors::code::INVALID_JSON, reason)
        })?;
        parse(&bytes).map(SmileJson)
    }
}

/// Parses a JSON object; errors name the field (`partner_params.job_type: invalid type ...`).
/// Required fields are `Option`s checked with [`required`], so serde never reports them.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // serde would also read a JSON array positionally into a struct; the API takes objects only.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::invalid_json("request body must be a JSON object"));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::invalid_json(format!("request body is not valid JSON: {inner}"))
        } else {
            ApiError::wrong_type(&path, strip_position(&inner.to_string()))
        }
    })?;
    de.end().map_err(|e| ApiError::invalid_json(format!("request body is not valid JSON: {e}")))?;
    Ok(value)
}

/// serde_json appends " at line L column C"; the field path is the useful locator.
fn strip_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |i| &message[..i])
}

/// An optional `callback_url`: empty for none, else an absolute http(s) URL.
pub(crate) fn callback_url(value: &Option<String>) -> Result<String, ApiError> {
    let url = value.clone().unwrap_or_default();
    if !url.is_empty()
        && !reqwest::Url::parse(&url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        return Err(ApiError::wrong_type(
            "callback_url",
            "must be an absolute http(s) URL, or empty for none",
        ));
    }
    Ok(url)
}

/// Treats absent, `null` and `""` alike for a required string field.
pub(crate) fn required<'a>(value: &'a Option<String>, field: &str) -> Result<&'a str, ApiError> {
    value.as_deref().filter(|v| !v.trim().is_empty()).ok_or_else(|| ApiError::missing(field))
}

/// Reads an optional scalar that clients send in more than one JSON form: `convert` accepts the
/// forms it knows, `expected` names them in the error.
fn lenient<'de, D: Deserializer<'de>, T>(
    d: D,
    expected: &str,
    convert: impl FnOnce(&Value) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(value) => convert(&value)
            .map(Some)
            .ok_or_else(|| de::Error::custom(format!("expected {expected}, got {}", kind(&value)))),
    }
}

/// What a JSON value is, for error messages (the value itself is not echoed).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "another string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A string, number or boolean in its string form (numbers and booleans as JSON writes them).
fn scalar_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        _ => None,
    }
}

/// A boolean sent as `true`/`false` or `"true"`/`"false"` (server libraries send strings).
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    lenient(d, "a boolean or \"true\"/\"false\"", |v| match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" | "" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// An integer sent as a number or a numeric string (`1` or `"1"`).
pub(crate) fn lenient_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    lenient(d, "an integer", |v| match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A string sent as a string, or as a number or boolean (ids are sometimes numbers).
pub(crate) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    lenient(d, "a string", scalar_string)
}

/// A string that must be sent as one: an id whose type says the client built the body wrongly.
pub(crate) fn strict_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    lenient(d, "a string", |v| v.as_str().map(str::to_owned))
}

/// `partner_params`: ids, the job type, and free-form extras (kept as strings, §3.4).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct WirePartnerParams {
    #[serde(default, deserialize_with = "lenient_string")]
    pub job_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub user_id: Option<String>,
    #[serde(default, deserialize_with = "lenient_int")]
    pub job_type: Option<i64>,
    /// Checked by [`WirePartnerParams::string_extras`]: a flattened map loses serde's field path.
    #[serde(flatten)]
    pub extras: BTreeMap<String, Value>,
}

impl WirePartnerParams {
    /// [`Self::string_extras`], with `sandbox_result` checked: "0", "1" or "2" (§7.3).
    pub fn job_extras(&self) -> Result<BTreeMap<String, String>, ApiError> {
        let extras = self.string_extras()?;
        if extras.get("sandbox_result").is_some_and(|v| !matches!(v.as_str(), "0" | "1" | "2")) {
            return Err(ApiError::wrong_type(
                "partner_params.sandbox_result",
                "must be \"0\" (approve), \"1\" (reject) or \"2\" (provisional)",
            ));
        }
        Ok(extras)
    }

    /// The extras as strings (numbers and booleans in their JSON form), without nulls.
    /// Objects and arrays are refused: results carry extras as a string map (§3.4).
    pub fn string_extras(&self) -> Result<BTreeMap<String, String>, ApiError> {
        self.extras
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| {
                let text = scalar_string(value).ok_or_else(|| {
                    ApiError::wrong_type(
                        &format!("partner_params.{key}"),
                        "must be a string, number or boolean",
                    )
                })?;
                Ok((key.clone(), text))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "lenient_string")]
        partner_id: Option<String>,
        #[serde(default, deserialize_with = "lenient_bool")]
        retry: Option<bool>,
        #[serde(default)]
        partner_params: Option<WirePartnerParams>,
    }

    #[test]
    fn booleans_and_numbers_as_strings() {
        let b: Body = parse(
            br#"{"partner_id":2343,"retry":"true",
                "partner_params":{"job_type":"4","n":5,"ok":true}}"#,
        )
        .unwrap();
        assert_eq!(b.partner_id.as_deref(), Some("2343"));
        assert_eq!(b.retry, Some(true));
        let p = b.partner_params.unwrap();
        assert_eq!(p.job_type, Some(4));
        let extras = p.string_extras().unwrap();
        assert_eq!(extras.get("n").map(String::as_str), Some("5"));
        assert_eq!(extras.get("ok").map(String::as_str), Some("true"));
    }

    #[test]
    fn errors_name_the_field() {
        let err = parse::<Body>(br#"{"partner_params":{"job_type":"abc"}}"#).unwrap_err();
        assert_eq!(
            (err.code, err.message.starts_with("partner_params.job_type: ")),
            ("2204", true),
            "{err:?}"
        );
        let err = parse::<Body>(br#"{"retry":"maybe"}"#).unwrap_err();
        assert!(err.message.starts_with("retry: "), "{err:?}");
        let params = parse::<Body>(br#"{"partner_params":{"nested":{"a":1}}}"#)
            .unwrap()
            .partner_params
            .unwrap();
        let err = params.string_extras().unwrap_err();
        assert!(err.message.starts_with("partner_params.nested: "), "{err:?}");
        assert_eq!(parse::<Body>(b"[1,2]").unwrap_err().code, "2203");
        assert_eq!(parse::<Body>(b"{\"partner_id\":").unwrap_err().code, "2203");
        assert_eq!(parse::<Body>(b"{} trailing").unwrap_err().code, "2203");
    }
}
