//! What the sandbox never records or shows: secrets (signatures, tokens, keys, pre-signed query
//! strings) are removed before anything is stored; personal fields (names, ID numbers, dates of
//! birth, ...) are masked in the dashboard unless the viewer asks to see them.

use serde_json::Value;

/// What replaces a secret.
pub(crate) const REDACTED: &str = "[redacted]";
/// What replaces a personal value that is not revealed.
pub(crate) const MASKED: &str = "••••••";

/// Keys whose values are secrets, compared without case and underscores.
const SECRET_KEYS: [&str; 5] = ["signature", "authtoken", "apikey", "token", "mac"];

/// Keys whose values are personal data, compared without case and underscores: `id_info`'s
/// fields and the KYC fields of results (`IDNumber`, `FullName`, `DOB`, ...).
const PERSONAL_KEYS: [&str; 15] = [
    "idnumber",
    "secondaryidnumber",
    "firstname",
    "middlename",
    "lastname",
    "othername",
    "fullname",
    "dob",
    "dateofbirth",
    "gender",
    "phonenumber",
    "address",
    "email",
    "expirationdate",
    "bankaccount",
];

fn normalized(key: &str) -> String {
    key.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect()
}

/// `url` without its query string (pre-signed URLs carry their signature there).
pub(crate) fn without_query(url: &str) -> String {
    match url.split_once('?') {
        Some((base, _)) => format!("{base}?{REDACTED}"),
        None => url.to_string(),
    }
}

/// Replaces every secret in `value`: values of secret keys, and the query of URLs.
pub(crate) fn remove_secrets(value: &mut Value) {
    walk(value, &mut |key, v| {
        if SECRET_KEYS.contains(&normalized(key).as_str()) {
            *v = REDACTED.into();
        } else if let Value::String(s) = v {
            if s.starts_with("http") && s.contains('?') {
                *s = without_query(s);
            }
        }
    });
}

/// Masks every personal value in `value` (objects and arrays under personal keys entirely).
pub(crate) fn mask_personal(value: &mut Value) {
    walk(value, &mut |key, v| {
        if PERSONAL_KEYS.contains(&normalized(key).as_str()) && !v.is_null() {
            *v = MASKED.into();
        }
    });
}

/// Calls `visit` with each key and value of every object in `value`, then descends into the
/// value (unless `visit` replaced it with a string).
fn walk(value: &mut Value, visit: &mut impl FnMut(&str, &mut Value)) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                visit(key, field);
                walk(field, visit);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| walk(item, visit)),
        _ => {}
    }
}

/// A recorded body as text: JSON without its secrets, other UTF-8 text as is (S3-style XML
/// errors), anything else as its size.
pub(crate) fn body_text(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut value) => {
            remove_secrets(&mut value);
            value.to_string()
        }
        Err(_) => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => format!("<{} bytes>", bytes.len()),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn secrets_go_and_personal_data_is_masked() {
        let mut body = json!({
            "signature": "c2ln", "timestamp": "t", "auth_token": "tok-value",
            "upload_url": "http://h/uploads/x/selfie.zip?Expires=1&Signature=abc",
            "partner_params": {"user_id": "u"},
            "id_info": {"country": "NG", "id_number": "12345678901", "FirstName": "Ada"},
            "FullData": {"DOB": "1900-01-01"},
        });
        remove_secrets(&mut body);
        let text = body.to_string();
        for secret in ["c2ln", "tok-value", "Signature=abc"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert_eq!(body["upload_url"], "http://h/uploads/x/selfie.zip?[redacted]");
        assert_eq!(body["timestamp"], "t");
        mask_personal(&mut body);
        assert_eq!(body["id_info"]["id_number"], MASKED);
        assert_eq!(body["id_info"]["FirstName"], MASKED);
        assert_eq!(body["FullData"]["DOB"], MASKED);
        assert_eq!(body["id_info"]["country"], "NG");
        assert_eq!(body["partner_params"]["user_id"], "u");
    }

    #[test]
    fn bodies_that_are_not_json() {
        assert_eq!(body_text(b""), "");
        assert_eq!(body_text(b"<Error/>"), "<Error/>");
        assert_eq!(body_text(&[0xff, 0xfe]), "<2 bytes>");
        assert_eq!(body_text(br#"{"signature":"x"}"#), r#"{"signature":"[redacted]"}"#);
    }
}
