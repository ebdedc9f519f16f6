//! `multipart/form-data` bodies built as bytes (RFC 7578), apart from sending them, so any
//! transport can carry them.

use bytes::Bytes;

/// A form being built: each part is written as it is added.
#[derive(Debug)]
pub(crate) struct Multipart {
    boundary: String,
    bytes: Vec<u8>,
}

impl Multipart {
    /// An empty form with a fresh random boundary.
    pub fn new() -> Self {
        Multipart {
            boundary: format!("smileid-{}", uuid::Uuid::new_v4().simple()),
            bytes: Vec::new(),
        }
    }

    fn part(&mut self, disposition: &str, content_type: &str, body: &[u8]) {
        let head = format!(
            "--{}\r\nContent-Disposition: form-data; {disposition}\r\nContent-Type: \
             {content_type}\r\n\r\n",
            self.boundary
        );
        self.bytes.extend_from_slice(head.as_bytes());
        self.bytes.extend_from_slice(body);
        self.bytes.extend_from_slice(b"\r\n");
    }

    /// A text field (`text/plain; charset=UTF-8`, as Android sends them).
    pub fn text(&mut self, name: &str, value: &str) {
        self.part(&format!("name=\"{name}\""), "text/plain; charset=UTF-8", value.as_bytes());
    }

    /// A JSON field (`application/json`).
    pub fn json(&mut self, name: &str, value: &serde_json::Value) {
        self.part(&format!("name=\"{name}\""), "application/json", value.to_string().as_bytes());
    }

    /// A file field. Names and file names are ours (ASCII without quotes), never the caller's.
    pub fn file(&mut self, name: &str, file_name: &str, content_type: &str, body: &[u8]) {
        self.part(&format!("name=\"{name}\"; filename=\"{file_name}\""), content_type, body);
    }

    /// The `Content-Type` header value and the body.
    pub fn finish(mut self) -> (String, Bytes) {
        self.bytes.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        (format!("multipart/form-data; boundary={}", self.boundary), Bytes::from(self.bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited_by_the_boundary() {
        let mut form = Multipart::new();
        form.text("user_id", "u-1");
        form.file("selfie_image", "si_selfie_1.jpg", "image/jpeg", b"\xff\xd8jpeg");
        let (content_type, body) = form.finish();
        let boundary = content_type.strip_prefix("multipart/form-data; boundary=").unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with(&format!("--{boundary}\r\n")));
        assert!(text.ends_with(&format!("\r\n--{boundary}--\r\n")));
        assert!(text.contains(
            "name=\"user_id\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nu-1\r\n"
        ));
        assert!(text.contains("name=\"selfie_image\"; filename=\"si_selfie_1.jpg\""));
        assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 2);
    }
}
