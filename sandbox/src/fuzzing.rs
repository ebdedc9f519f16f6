//! Entry points for the fuzz targets in `fuzz/`: the sandbox's parsers of untrusted input, called
//! exactly as the routes and the job processor call them. Not part of the supported API.

use crate::routes::{
    auth::AuthSmileRequest, job_status::JobStatusRequest, services::SignedRequest,
    upload::PrepUploadRequest,
};
use crate::wire::parse;

/// Parses a JSON request body as the endpoint chosen by `endpoint` (auth_smile, upload,
/// job_status, products_config) would; returns whether it was accepted.
pub fn request_body(endpoint: u8, body: &[u8]) -> bool {
    match endpoint % 4 {
        0 => parse::<AuthSmileRequest>(body).is_ok(),
        1 => parse::<PrepUploadRequest>(body).is_ok(),
        2 => parse::<JobStatusRequest>(body).is_ok(),
        _ => parse::<SignedRequest>(body).is_ok(),
    }
}

/// Reads an uploaded zip (info.json and the images it lists); returns how many images it found.
pub fn upload_zip(zip: &[u8]) -> Option<usize> {
    crate::upload_zip::read(zip).ok().map(|upload| upload.images.len())
}

/// Reads a v2 SmartSelfie form: the first line of `data` is the `Content-Type` (its boundary),
/// the rest the body. Returns how many parts it has.
pub fn multipart_form(data: &[u8]) -> Option<usize> {
    let split = data.iter().position(|b| *b == b'\n')?;
    let boundary = crate::multipart::boundary(std::str::from_utf8(&data[..split]).ok()?)?;
    crate::multipart::parse(&data[split + 1..], &boundary).ok().map(|parts| parts.len())
}
