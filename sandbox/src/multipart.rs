//! Reading `multipart/form-data` bodies (RFC 7578) as the v2 SmartSelfie clients send them:
//! parts are found by name, whatever their order (Android and iOS order them differently,
//! §3.5), with or without a per-part `Content-Type`.

/// Most parts one form may have (a selfie, liveness frames and a few fields).
const MAX_PARTS: usize = 64;

/// One part of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type, if it is one.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let mime = params.next()?.trim();
    if !mime.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|b| !b.is_empty() && b.len() <= 70)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// Splits `body` into its parts; the error says what is malformed.
pub(crate) fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}");
    let next_delimiter = format!("\r\n--{boundary}");
    let mut at = find(body, delimiter.as_bytes(), 0)
        .ok_or("the body does not contain the boundary of its Content-Type")?
        + delimiter.len();
    let mut parts = Vec::new();
    loop {
        match body.get(at..at + 2) {
            Some(b"--") => return Ok(parts),
            Some(b"\r\n") => at += 2,
            _ => return Err("a boundary line is not followed by CRLF or --".into()),
        }
        if parts.len() == MAX_PARTS {
            return Err(format!("more than {MAX_PARTS} parts"));
        }
        let head_end = find(body, b"\r\n\r\n", at).ok_or("a part's headers do not end")?;
        let head = std::str::from_utf8(&body[at..head_end])
            .map_err(|_| "a part's headers are not UTF-8")?;
        let end = find(body, next_delimiter.as_bytes(), head_end + 4)
            .ok_or("the body ends inside a part (no closing boundary)")?;
        let (name, file_name) = disposition(head)?;
        parts.push(Part { name, file_name, bytes: body[head_end + 4..end].to_vec() });
        at = end + next_delimiter.len();
    }
}

/// The `name` and `filename` of a part's `Content-Disposition: form-data` header.
fn disposition(head: &str) -> Result<(String, Option<String>), String> {
    let value = head
        .split("\r\n")
        .filter_map(|line| line.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-disposition"))
        .map(|(_, v)| v)
        .ok_or("a part has no Content-Disposition header")?;
    let param = |key: &str| {
        value
            .split(';')
            .filter_map(|p| p.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(key))
            .map(|(_, v)| v.trim().trim_matches('"').to_string())
    };
    let name = param("name").filter(|n| !n.is_empty()).ok_or("a part has no name")?;
    Ok((name, param("filename")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_sdks_forms() {
        assert_eq!(boundary("multipart/form-data; boundary=\"ab-1\"").as_deref(), Some("ab-1"));
        assert_eq!(boundary("Multipart/Form-Data;boundary=x").as_deref(), Some("x"));
        assert_eq!(boundary("application/json"), None);
        // iOS: no per-part Content-Type on text; Android: text/plain.
        let body = b"preamble\r\n--B\r\nContent-Disposition: form-data; name=\"user_id\"\r\n\r\n\
u-1\r\n--B\r\nContent-Disposition: form-data; name=\"selfie_image\"; \
filename=\"si_selfie_1.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\r\n--x\r\n--B\r\n\
Content-Disposition: form-data; name=\"allow_new_enroll\"\r\n\
Content-Type: text/plain; charset=UTF-8\r\n\r\ntrue\r\n--B--\r\n";
        let parts = parse(body, "B").unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!((parts[0].name.as_str(), parts[0].bytes.as_slice()), ("user_id", &b"u-1"[..]));
        assert_eq!(parts[1].file_name.as_deref(), Some("si_selfie_1.jpg"));
        assert_eq!(parts[1].bytes, b"\xff\xd8\r\n--x");
        assert_eq!(parts[2].bytes, b"true");
    }

    #[test]
    fn the_fuzz_seed_is_a_valid_form() {
        let seed = include_bytes!("../../fuzz/seeds/sandbox_multipart/android.form");
        assert_eq!(crate::fuzzing::multipart_form(seed), Some(2));
    }

    #[test]
    fn names_what_is_malformed() {
        for (body, why) in [
            (&b"no boundary here"[..], "does not contain the boundary"),
            (b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "no closing boundary"),
            (b"--B\r\nX: y\r\n\r\nx\r\n--B--", "no Content-Disposition"),
            (b"--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--", "has no name"),
            (b"--Bjunk", "not followed by CRLF"),
        ] {
            assert!(parse(body, "B").unwrap_err().contains(why), "{why}");
        }
    }
}
