//! Our client's requests, field by field and type by type, against what the official clients
//! send. The official shapes were recorded from the official Node and Python server libraries
//! talking to the sandbox (`scripts/test-official --record-shapes` writes
//! `testdata/wire/{node,python}.jsonl`); `auth_smile`, which only the mobile SDKs call, is
//! compared with their request model (`testdata/wire/mobile-auth_smile.jsonl`). Our requests are
//! recorded the same way here, by the real sandbox over HTTP, for jobs 4, 2, 1 and 5 (sync and
//! async) in API-key and auth-token mode. Every difference must be listed in `DIFFERENCES` with
//! its reason.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use common::{bvn, request, Env};
use smileid_core::{
    Auth, Client, EnhancedKycRequest, IdInfo, NoProgress, SubmitJobRequest, TagStore,
};
use smileid_sandbox::shapes::{read_recording, Paths};
use smileid_sandbox::SandboxConfig;

/// A field path where our requests may differ from an official client's, and why.
struct Difference {
    endpoint: &'static str,
    /// `None`: every official client; else the recording's name (`node`, `python`, `mobile`).
    client: Option<&'static str>,
    path: &'static str,
    why: &'static str,
}

const fn differs(endpoint: &'static str, path: &'static str, why: &'static str) -> Difference {
    Difference { endpoint, client: None, path, why }
}

/// Each documented, justified difference. A path listed here may be absent on either side or
/// typed differently; anything else must match, and an entry that excuses nothing is stale.
const DIFFERENCES: &[Difference] = &[
    differs(
        "upload",
        "allow_new_enroll",
        "mobile SDK field (Android and iOS send it, protocol §3.2): the server libraries have no \
         re-enrolment switch",
    ),
    differs(
        "upload",
        "metadata",
        "mobile SDK field (Android and iOS, protocol §3.2.1): device and capture facts; the server \
         libraries capture nothing",
    ),
    differs("upload", "metadata[]", "see metadata"),
    differs("upload", "metadata[].name", "see metadata"),
    differs("upload", "metadata[].value", "see metadata"),
    differs("upload", "metadata[].timestamp", "see metadata"),
    differs("id_verification", "metadata", ENHANCED_KYC_METADATA),
    differs("id_verification", "metadata[]", ENHANCED_KYC_METADATA),
    differs("id_verification", "metadata[].name", ENHANCED_KYC_METADATA),
    differs("id_verification", "metadata[].value", ENHANCED_KYC_METADATA),
    differs("id_verification", "metadata[].timestamp", ENHANCED_KYC_METADATA),
    differs("async_id_verification", "metadata", ENHANCED_KYC_METADATA),
    differs("async_id_verification", "metadata[]", ENHANCED_KYC_METADATA),
    differs("async_id_verification", "metadata[].name", ENHANCED_KYC_METADATA),
    differs("async_id_verification", "metadata[].value", ENHANCED_KYC_METADATA),
    differs("async_id_verification", "metadata[].timestamp", ENHANCED_KYC_METADATA),
    only_from(
        "python",
        "id_verification",
        "entered",
        "the Python library sends id_info as given, `entered` flag included; it means \"no ID \
         card image\" in a zip's info.json, and Enhanced KYC has no zip",
    ),
    node_only("upload", "country", NODE_ID_INFO),
    node_only("upload", "entered", NODE_ID_INFO),
    node_only("upload", "id_number", NODE_ID_INFO),
    node_only("upload", "id_type", NODE_ID_INFO),
];

/// Why the Node library's id_info keys at the top of prep_upload are not copied.
const NODE_ID_INFO: &str = "the Node library spreads id_info into the prep_upload body (web-api \
    `configurePrepUploadPayload`); the Python library and the mobile SDKs do not, and id_info \
    travels in the zip's info.json, where we put it";

/// Why our Enhanced KYC requests carry `metadata`.
const ENHANCED_KYC_METADATA: &str = "mobile SDK field (Android and iOS EnhancedKycRequest, \
    protocol §3.6): which SDK sent it; the server libraries send none";

const fn node_only(endpoint: &'static str, path: &'static str, why: &'static str) -> Difference {
    only_from("node", endpoint, path, why)
}

const fn only_from(
    client: &'static str,
    endpoint: &'static str,
    path: &'static str,
    why: &'static str,
) -> Difference {
    Difference { endpoint, client: Some(client), path, why }
}

/// The recordings of the official clients: name → endpoint → paths.
fn official() -> BTreeMap<&'static str, BTreeMap<String, Paths>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/wire");
    ["node", "python", "mobile-auth_smile"]
        .into_iter()
        .map(|name| {
            let path = dir.join(format!("{name}.jsonl"));
            let recording =
                read_recording(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name.split('-').next().unwrap(), recording)
        })
        .collect()
}

/// Runs jobs 4, 2, 1 and 5 (sync and async) with the API key and with the auth token against a
/// sandbox that records request shapes; returns the recording.
async fn our_requests() -> BTreeMap<String, Paths> {
    let dir = tempfile::tempdir().unwrap();
    let recording: PathBuf = dir.path().join("ours.jsonl");
    let sandbox = smileid_sandbox::start(SandboxConfig {
        processing_delay: Duration::from_millis(50),
        record_shapes: Some(recording.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let store = TagStore::open(dir.path().join("tags")).unwrap();
    let env = Env { sandbox, store, dir };
    let tag = env.tag_from_photo("wire", "obama_1.jpg");
    let auths = [
        Auth::ApiKey(env.sandbox.api_key().to_string()),
        Auth::AuthToken(env.sandbox.auth_token().to_string()),
    ];
    for (i, auth) in auths.into_iter().enumerate() {
        let client = Client::new(env.config(auth), env.store.clone()).unwrap();
        let user = format!("wire-{i}");
        let kyc = SubmitJobRequest {
            id_info: bvn("00000000000"),
            ..request(&tag, 1, &format!("{user}k"))
        };
        for job in [request(&tag, 4, &user), request(&tag, 2, &user), kyc] {
            let result = client.submit_job(&job, Arc::new(NoProgress)).await.unwrap();
            assert!(result.status.job_success, "{}", result.status.raw);
        }
        // The ID details the official test suites send (Node adds a first name and a phone).
        let enhanced = EnhancedKycRequest {
            id_info: Some(IdInfo { first_name: Some("Ada".into()), ..bvn("00000000000").unwrap() }),
            phone_number: Some("+2340000000000".into()),
            ..Default::default()
        };
        assert!(client.enhanced_kyc(&enhanced).await.unwrap().is_verified());
        let callback = Some("http://127.0.0.1:9/callback".to_string());
        client
            .enhanced_kyc_async(&EnhancedKycRequest { callback_url: callback, ..enhanced })
            .await
            .unwrap();
    }
    env.sandbox.shutdown().await;
    read_recording(&recording).unwrap()
}

/// The index of the `DIFFERENCES` entry that excuses `path` of `endpoint` for `client`.
fn excuse(endpoint: &str, client: &str, path: &str) -> Option<usize> {
    DIFFERENCES.iter().position(|d| {
        d.endpoint == endpoint && d.path == path && d.client.is_none_or(|c| c == client)
    })
}

#[tokio::test]
async fn our_requests_have_the_official_clients_fields_and_types() {
    let ours = our_requests().await;
    let official = official();
    let mut problems = Vec::new();
    let mut used = vec![false; DIFFERENCES.len()];
    let mut compared = 0;
    for (endpoint, our_paths) in &ours {
        let theirs: Vec<_> =
            official.iter().filter_map(|(c, rec)| rec.get(endpoint).map(|p| (*c, p))).collect();
        assert!(!theirs.is_empty(), "no official recording sends {endpoint}");
        for (client, their_paths) in theirs {
            compared += 1;
            let all_paths: std::collections::BTreeSet<&String> =
                their_paths.keys().chain(our_paths.keys()).collect();
            for path in all_paths {
                let problem = match (their_paths.get(path), our_paths.get(path)) {
                    (Some(t), Some(o)) if t == o => continue,
                    (Some(t), Some(o)) => format!("{path} is {t:?} from {client}, {o:?} from us"),
                    (Some(_), None) => format!("{client} sends {path}, we do not"),
                    (None, _) => format!("we send {path}, {client} does not"),
                };
                match excuse(endpoint, client, path) {
                    Some(i) => used[i] = true,
                    None => problems.push(format!("{endpoint}: {problem}")),
                }
            }
        }
    }
    for (d, used) in DIFFERENCES.iter().zip(used) {
        if !used {
            let (endpoint, path, why) = (d.endpoint, d.path, d.why);
            problems
                .push(format!("{endpoint}: {path} is listed as a difference ({why}) but matches"));
        }
    }
    for endpoint in
        ["auth_smile", "upload", "job_status", "put", "id_verification", "async_id_verification"]
    {
        assert!(ours.contains_key(endpoint), "our client sent no {endpoint}: {ours:?}");
    }
    assert!(compared >= 7, "compared only {compared} (endpoint, client) pairs");
    assert!(problems.is_empty(), "undocumented wire differences:\n{}", problems.join("\n"));
}
