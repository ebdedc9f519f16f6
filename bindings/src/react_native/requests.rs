//! What the React Native API takes, read from the JSON the JS layer sends: field names (the
//! TypeScript API's camelCase, with the snake_case keys rn-smile-id used inside partner params
//! and ID info), rn-smile-id's positional `submitJob` form, defaults (`{}`, `''`, `0`) and type
//! errors that name the field in core's dotted snake_case (`partner_params.user_id`).

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use smileid_core::transport::CertificatePins;

use crate::config::{Auth, ClientConfig, RetryPolicy, SignatureProvider};
use crate::error::SmileIdError;
use crate::job::{GeoInfo, IdInfo, JobRef, PartnerParams, SubmitJobParams};
use crate::react_native::RnPlatform;

/// Enhanced KYC's job type: `submitJob` without a tag.
pub(crate) const ENHANCED_KYC: i64 = 5;

/// The positional form's parameters, in rn-smile-id's order.
const POSITIONAL: [&str; 8] = [
    "tag",
    "jobType",
    "isProduction",
    "partnerParams",
    "idInfo",
    "geoInfo",
    "callbackUrl",
    "jobStatusPollingTimeoutMillis",
];

pub(crate) use crate::error::invalid;

/// `idType` → `id_type`, `partnerParams.userId` → `partner_params.user_id`, `[2]` kept.
fn snake_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads `value` (the document `what`) as `T`; a wrong type or a missing key names its field.
fn read<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, SmileIdError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = snake_path(&e.path().to_string());
        let field = if path == "." { what.to_string() } else { path };
        let reason = e.into_inner().to_string().replace("i64", "a whole number");
        invalid(&field, &format!("has the wrong type or shape: {reason}"))
    })
}

/// Reads the JSON document `json` (named `what` in errors) as `T`.
pub(crate) fn read_document<T: DeserializeOwned>(
    json: &str,
    what: &str,
) -> Result<T, SmileIdError> {
    read(parse(json, what)?, what)
}

fn parse(json: &str, what: &str) -> Result<Value, SmileIdError> {
    serde_json::from_str(json)
        .map_err(|e| invalid(what, &format!("is not JSON ({e}); pass plain objects and values")))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubmitOptions {
    tag: Option<String>,
    job_type: Option<i64>,
    is_production: Option<bool>,
    partner_params: Option<BTreeMap<String, Value>>,
    id_info: Option<IdInfo>,
    geo_info: Option<GeoInfoIn>,
    callback_url: Option<String>,
    job_status_polling_timeout_millis: Option<i64>,
    enhanced: Option<bool>,
}

/// `submitJob`/`enqueueJob`'s job, and whether it runs as an Enhanced SmartSelfie (v2).
pub(crate) struct SubmitArgs {
    pub params: SubmitJobParams,
    pub enhanced: bool,
}

#[derive(Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct GeoInfoIn {
    accuracy: Option<f64>,
    altitude: Option<f64>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    last_update: Option<String>,
    is_geo_permission_granted: Option<bool>,
}

/// `submitJob`/`enqueueJob`'s arguments: `[options]` or rn-smile-id's positional form
/// `[tag, jobType, isProduction?, partnerParams?, idInfo?, geoInfo?, callbackUrl?,
/// jobStatusPollingTimeoutMillis?]` (null or missing: the default). `enhanced: true` (object
/// form only) runs a job 2 or 4 as an Enhanced SmartSelfie.
pub(crate) fn submit_args(args: &str) -> Result<SubmitArgs, SmileIdError> {
    let options =
        match parse(args, "arguments")? {
            Value::Array(items) if items.len() == 1 && items[0].is_object() => {
                items.into_iter().next().unwrap_or_default()
            }
            Value::Array(items) if items.first().is_some_and(Value::is_string) => {
                if items.len() > POSITIONAL.len() {
                    return Err(invalid(
                        "arguments",
                        "has more than the 8 positional parameters of submitJob(tag, jobType, \
                     isProduction, partnerParams, idInfo, geoInfo, callbackUrl, \
                     jobStatusPollingTimeoutMillis)",
                    ));
                }
                let named = POSITIONAL.iter().map(|k| k.to_string()).zip(items);
                Value::Object(named.filter(|(_, v)| !v.is_null()).collect())
            }
            object @ Value::Object(_) => object,
            _ => return Err(invalid(
                "tag",
                "is required: call submitJob({ tag, jobType, … }) or submitJob(tag, jobType, …)",
            )),
        };
    let o: SubmitOptions = read(options, "options")?;
    let tag = match o.tag {
        Some(tag) => tag,
        // Enhanced KYC sends the ID details alone.
        None if o.job_type == Some(ENHANCED_KYC) => String::new(),
        None => return Err(invalid("tag", "is required: the tag a capture returned")),
    };
    let job_type = o.job_type.ok_or_else(|| {
        invalid(
            "job_type",
            "is required: 1 (Biometric KYC), 2 (Authentication), 4 (Enrollment), 5 (Enhanced \
             KYC), 6 (Document Verification), 11 (Enhanced Document Verification)",
        )
    })?;
    let params = SubmitJobParams {
        tag,
        job_type,
        is_production: o.is_production.unwrap_or(false),
        partner_params: partner_params(o.partner_params.unwrap_or_default())?,
        // `{}` means no ID info, as in rn-smile-id.
        id_info: o.id_info.filter(|i| *i != IdInfo::default()),
        geo_info: o.geo_info.filter(|g| *g != GeoInfoIn::default()).map(|g| GeoInfo {
            accuracy: g.accuracy.unwrap_or_default(),
            altitude: g.altitude.unwrap_or_default(),
            latitude: g.latitude.unwrap_or_default(),
            longitude: g.longitude.unwrap_or_default(),
            last_update: g.last_update.unwrap_or_default(),
            is_geo_permission_granted: g.is_geo_permission_granted.unwrap_or_default(),
        }),
        callback_url: o.callback_url.filter(|u| !u.is_empty()),
        job_status_polling_timeout_millis: o.job_status_polling_timeout_millis.unwrap_or(0),
    };
    Ok(SubmitArgs { params, enhanced: o.enhanced.unwrap_or(false) })
}

/// `job_id`/`jobId` and `user_id`/`userId`; `job_type` is the job's own (dropped); every other
/// key is a string extra.
fn partner_params(map: BTreeMap<String, Value>) -> Result<PartnerParams, SmileIdError> {
    let mut params = PartnerParams::default();
    for (key, value) in map {
        let slot = match key.as_str() {
            "job_id" | "jobId" => &mut params.job_id,
            "user_id" | "userId" => &mut params.user_id,
            "job_type" => continue,
            _ => params.extras.entry(key.clone()).or_default(),
        };
        match value {
            Value::String(s) => *slot = s,
            Value::Null => {}
            _ => {
                // The id fields by core's names; an extra by the app's own key.
                let name = match key.as_str() {
                    "jobId" => "job_id",
                    "userId" => "user_id",
                    other => other,
                };
                return Err(invalid(
                    &format!("partner_params.{name}"),
                    "must be a string (partner params are sent as strings)",
                ));
            }
        }
    }
    params.extras.retain(|_, v| !v.is_empty());
    Ok(params)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct LookupIn {
    is_production: Option<bool>,
}

/// `services`/`productsConfig`/`validDocuments`' optional `{isProduction?}`: the environment.
pub(crate) fn lookup_environment(json: &str) -> Result<bool, SmileIdError> {
    let options: Option<LookupIn> = read_document(json, "options")?;
    Ok(options.unwrap_or_default().is_production.unwrap_or(false))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JobRefIn {
    job_id: Option<String>,
    user_id: Option<String>,
    job_type: Option<i64>,
    is_production: Option<bool>,
}

/// `jobStatus`'s `{jobId, userId, jobType, isProduction?}`.
pub(crate) fn job_ref(json: &str) -> Result<JobRef, SmileIdError> {
    let j: JobRefIn = read_document(json, "job")?;
    let id = |v: Option<String>, field: &str| {
        v.filter(|s| !s.is_empty())
            .ok_or_else(|| invalid(field, "is required: the id the job was submitted with"))
    };
    Ok(JobRef {
        job_id: id(j.job_id, "partner_params.job_id")?,
        user_id: id(j.user_id, "partner_params.user_id")?,
        job_type: j
            .job_type
            .ok_or_else(|| invalid("job_type", "is required: 1, 2, 4, 5, 6 or 11"))?,
        is_production: j.is_production.unwrap_or(false),
    })
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigIn {
    partner_id: Option<String>,
    auth_token: Option<String>,
    signature_provider: Option<bool>,
    sandbox_url: Option<String>,
    production_url: Option<String>,
    request_timeout_millis: Option<i64>,
    connect_timeout_millis: Option<i64>,
    poll_interval_millis: Option<i64>,
    retry: Option<RetryIn>,
    extra_root_certificates_pem: Option<Vec<String>>,
    keep_tags_after_success: Option<bool>,
    certificate_pins: Option<BTreeMap<String, Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RetryIn {
    budget_millis: i64,
    initial_delay_millis: i64,
    max_delay_millis: i64,
}

/// The app's bundled `smile_config.json`, as Smile ID's portal issues it.
#[derive(Default, Deserialize)]
struct Bundled {
    partner_id: Option<String>,
    auth_token: Option<String>,
    test_lambda_url: Option<String>,
    prod_lambda_url: Option<String>,
}

/// `configure()`'s object (null: not called) over the bundled smile_config.json, explicit values
/// first. `signatures` answers when the app passed a signature function.
/// The client's configuration from `configure`'s options (or the bundled smile_config.json),
/// and the certificate pins for the platform's HTTP stack.
pub(crate) fn client_config(
    config: Option<&str>,
    bundled: Option<&str>,
    signatures: std::sync::Arc<dyn SignatureProvider>,
) -> Result<(ClientConfig, CertificatePins), SmileIdError> {
    let c: ConfigIn = match config {
        Some(json) => read_document(json, "config")?,
        None => ConfigIn::default(),
    };
    let b: Bundled = match bundled {
        Some(json) => serde_json::from_str(json).map_err(|e| {
            invalid("smile_config.json", &format!("is not the portal's JSON object: {e}"))
        })?,
        None => Bundled::default(),
    };
    let partner_id = c.partner_id.or(b.partner_id).ok_or_else(|| {
        invalid(
            "partner_id",
            "is required: pass configure({ partnerId, authToken }) or bundle smile_config.json",
        )
    })?;
    let auth = match (c.signature_provider.unwrap_or(false), c.auth_token.or(b.auth_token)) {
        (true, _) => Auth::SignatureProvider { provider: signatures },
        (false, Some(auth_token)) => Auth::AuthToken { auth_token },
        (false, None) => {
            return Err(invalid(
                "auth_token",
                "is required: pass authToken, a signatureProvider function, or bundle \
                 smile_config.json with auth_token",
            ))
        }
    };
    let pins = CertificatePins::new(c.certificate_pins.unwrap_or_default())?;
    let config = ClientConfig {
        partner_id,
        auth,
        sandbox_url: c.sandbox_url.or(b.test_lambda_url),
        production_url: c.production_url.or(b.prod_lambda_url),
        request_timeout_millis: c.request_timeout_millis,
        connect_timeout_millis: c.connect_timeout_millis,
        poll_interval_millis: c.poll_interval_millis,
        retry: c.retry.map(|r| RetryPolicy {
            budget_millis: r.budget_millis,
            initial_delay_millis: r.initial_delay_millis,
            max_delay_millis: r.max_delay_millis,
        }),
        extra_root_certificates_pem: c.extra_root_certificates_pem.unwrap_or_default(),
        keep_tags_after_success: c.keep_tags_after_success.unwrap_or(false),
        transport: None,
    };
    Ok((config, pins))
}

#[derive(Deserialize)]
struct FilesIn {
    selfie: Option<String>,
    #[serde(default)]
    liveness: Vec<String>,
    tag: Option<String>,
}

/// `captureSelfieFromFiles`' photos, read from their paths or `file://` URIs.
pub(crate) struct CaptureFiles {
    pub tag: Option<String>,
    pub selfie: Vec<u8>,
    pub liveness: Vec<Vec<u8>>,
}

pub(crate) fn capture_files(
    json: &str,
    platform: &dyn RnPlatform,
) -> Result<CaptureFiles, SmileIdError> {
    let f: FilesIn = read_document(json, "options")?;
    let selfie = f.selfie.ok_or_else(|| invalid("selfie", "is required: a photo's path"))?;
    Ok(CaptureFiles {
        tag: f.tag.filter(|t| !t.is_empty()),
        selfie: read_photo(&selfie, "selfie", platform)?,
        liveness: f
            .liveness
            .iter()
            .enumerate()
            .map(|(i, p)| read_photo(p, &format!("liveness[{i}]"), platform))
            .collect::<Result<_, _>>()?,
    })
}

#[derive(Deserialize)]
struct DocumentFilesIn {
    tag: Option<String>,
    front: Option<String>,
    back: Option<String>,
}

/// `captureDocumentFromFiles`' tag and photos.
pub(crate) struct DocumentFiles {
    pub tag: String,
    pub front: Vec<u8>,
    pub back: Option<Vec<u8>>,
}

pub(crate) fn document_files(
    json: &str,
    platform: &dyn RnPlatform,
) -> Result<DocumentFiles, SmileIdError> {
    let d: DocumentFilesIn = read_document(json, "options")?;
    let tag = d.tag.filter(|t| !t.is_empty()).ok_or_else(|| {
        invalid("tag", "is required: the tag of the selfie capture the document belongs to")
    })?;
    let front = d.front.ok_or_else(|| invalid("front", "is required: the document's photo"))?;
    Ok(DocumentFiles {
        tag,
        front: read_photo(&front, "front", platform)?,
        back: d.back.map(|b| read_photo(&b, "back", platform)).transpose()?,
    })
}

/// The path of a `file:` URI after its scheme: `///a%20b.jpg` as pickers give it, `/a.jpg` as
/// java.io.File.toURI does, `//localhost/a.jpg`; escapes decoded, query and fragment dropped.
fn file_uri_path(rest: &str) -> Option<std::path::PathBuf> {
    let path = match rest.strip_prefix("//") {
        Some(host_and_path) => {
            let (host, path) = host_and_path.split_at(host_and_path.find('/')?);
            (host.is_empty() || host.eq_ignore_ascii_case("localhost")).then_some(path)?
        }
        None => rest.starts_with('/').then_some(rest)?,
    };
    let path = path.split(['?', '#']).next()?;
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    Some(decoded.into_owned().into())
}

/// A path, a `file://` URI (percent-encoded, as pickers return them), or a URI only the
/// platform can open (Android's `content://`).
fn read_photo(
    path_or_uri: &str,
    field: &str,
    platform: &dyn RnPlatform,
) -> Result<Vec<u8>, SmileIdError> {
    let is_file_uri = path_or_uri.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("file:"));
    let path: std::path::PathBuf = match path_or_uri.split_once("://") {
        Some((scheme, _)) if !is_file_uri => {
            return platform.read_uri(path_or_uri.to_string()).ok_or_else(|| {
                invalid(
                    field,
                    &format!(
                        "is a {scheme}:// URI this platform cannot open: pass a file path, a \
                         file:// URI or (Android) a content:// URI the app may read"
                    ),
                )
            })
        }
        _ if is_file_uri => file_uri_path(&path_or_uri[5..])
            .ok_or_else(|| invalid(field, "is not a valid file:// URI"))?,
        _ => path_or_uri.into(),
    };
    std::fs::read(&path)
        .map_err(|e| invalid(field, &format!("names no readable file ({}): {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: SmileIdError) -> String {
        e.error_field().unwrap_or_default()
    }

    fn submit_params(args: &str) -> Result<SubmitJobParams, SmileIdError> {
        submit_args(args).map(|a| a.params)
    }

    #[test]
    fn positional_and_object_forms_mean_the_same() {
        let object = submit_params(
            r#"[{"tag":"t","jobType":1,"isProduction":false,
                 "partnerParams":{"user_id":"u","job_type":1,"ref":"A"},
                 "idInfo":{"country":"NG","id_type":"BVN","idNumber":"00000000000"},
                 "callbackUrl":"","jobStatusPollingTimeoutMillis":5}]"#,
        )
        .unwrap();
        let positional = submit_params(
            r#"["t",1,null,{"userId":"u","ref":"A"},
                {"country":"NG","idType":"BVN","id_number":"00000000000"},null,null,5]"#,
        )
        .unwrap();
        assert_eq!(object, positional);
        assert_eq!(object.partner_params.extras.get("ref").map(String::as_str), Some("A"));
        assert_eq!(object.callback_url, None);
        let minimal = submit_params(r#"["t",4]"#).unwrap();
        assert_eq!(minimal, submit_params(r#"[{"tag":"t","jobType":4,"idInfo":{}}]"#).unwrap());
        assert_eq!(minimal.job_status_polling_timeout_millis, 0);
        assert_eq!((minimal.id_info, minimal.geo_info), (None, None));
    }

    #[test]
    fn wrong_values_name_their_field() {
        let cases = [
            (r#"[{"tag":"t","jobType":4.5}]"#, "job_type"),
            (r#"[{"jobType":4}]"#, "tag"),
            (r#"[{"tag":"t"}]"#, "job_type"),
            (r#"[]"#, "tag"),
            (r#"[{"tag":"t","jobType":4,"partnerParams":{"myRef":7}}]"#, "partner_params.myRef"),
            (r#"[{"tag":"t","jobType":4,"partnerParams":{"userId":7}}]"#, "partner_params.user_id"),
            (r#"[{"tag":"t","jobType":1,"idInfo":{"idNumber":12}}]"#, "id_info.id_number"),
            (r#"[{"tag":"t","jobType":4,"geoInfo":{"latitude":"x"}}]"#, "geo_info.latitude"),
            (r#"["t",4,"yes"]"#, "is_production"),
            (r#"["t",4,null,null,null,null,null,0,9]"#, "arguments"),
        ];
        for (args, expected) in cases {
            assert_eq!(field(submit_params(args).unwrap_err()), expected, "{args}");
        }
        assert_eq!(
            field(job_ref(r#"{"userId":"u","jobType":4}"#).unwrap_err()),
            "partner_params.job_id"
        );
    }

    /// A platform that opens `content://media/1` only.
    struct Media;
    impl RnPlatform for Media {
        fn emit(&self, _: String, _: String) {}
        fn read_uri(&self, uri: String) -> Option<Vec<u8>> {
            (uri == "content://media/1").then(|| b"y".to_vec())
        }
        fn http_transport(
            &self,
            _: std::collections::HashMap<String, Vec<String>>,
        ) -> Option<std::sync::Arc<dyn crate::transport::HttpTransport>> {
            None
        }
    }

    fn read_photo(path_or_uri: &str, field: &str) -> Result<Vec<u8>, SmileIdError> {
        super::read_photo(path_or_uri, field, &Media)
    }

    #[test]
    fn photos_by_path_or_file_uri_and_refused_schemes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a photo.jpg");
        std::fs::write(&path, b"x").unwrap();
        let uri = format!("file://{}", path.to_str().unwrap().replace(' ', "%20"));
        assert_eq!(read_photo(&uri, "selfie").unwrap(), b"x");
        assert_eq!(read_photo(path.to_str().unwrap(), "selfie").unwrap(), b"x");
        let single_slash = format!("file:{}", path.to_str().unwrap().replace(' ', "%20"));
        assert_eq!(read_photo(&single_slash, "selfie").unwrap(), b"x");
        let localhost =
            format!("FILE://localhost{}?x#y", path.to_str().unwrap().replace(' ', "%20"));
        assert_eq!(read_photo(&localhost, "selfie").unwrap(), b"x");
        for bad in ["file://example.com/a.jpg", "file:a.jpg", "file:///%FF.jpg"] {
            let e = read_photo(bad, "selfie").unwrap_err();
            assert!(e.error_detail().contains("not a valid file:// URI"), "{bad}: {e:?}");
        }
        assert_eq!(read_photo("content://media/1", "selfie").unwrap(), b"y");
        let e = read_photo("content://media/2", "liveness[0]").unwrap_err();
        assert_eq!(field(e.clone()), "liveness[0]");
        assert!(e.error_detail().contains("content://"));
    }
}
