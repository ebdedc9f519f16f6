//! Reading an uploaded job zip (protocol §5): `info.json` in mobile form (string
//! `image_type_id`, files by name) or server-library form (integer ids, base64 images), plus the
//! image files it names. Unknown entries and `security_info.json` are ignored.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use base64::Engine;
use serde::Deserialize;

use crate::wire::{lenient_int, lenient_string};

/// Largest inflated size of one zip entry; bounds memory on zip bombs.
const MAX_ENTRY_BYTES: u64 = 16 * 1024 * 1024;
/// Most images one info.json may list.
const MAX_IMAGES: usize = 64;

/// What an image is for (`image_type_id`, §5.3; file and base64 forms collapse).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageRole {
    Selfie,
    IdCardFront,
    Liveness,
    IdCardBack,
}

impl ImageRole {
    /// The role and whether the bytes are inline base64 (`image`) rather than a file.
    fn from_type_id(id: i64) -> Option<(ImageRole, bool)> {
        Some(match id {
            0 => (ImageRole::Selfie, false),
            1 => (ImageRole::IdCardFront, false),
            2 => (ImageRole::Selfie, true),
            3 => (ImageRole::IdCardFront, true),
            4 => (ImageRole::Liveness, false),
            5 => (ImageRole::IdCardBack, false),
            6 => (ImageRole::Liveness, true),
            7 => (ImageRole::IdCardBack, true),
            _ => return None,
        })
    }

    /// How the dashboard names the image: the result label, with the document's side.
    pub fn name(self) -> &'static str {
        match self {
            ImageRole::IdCardFront => "Document front image",
            ImageRole::IdCardBack => "Document back image",
            other => other.label(),
        }
    }

    /// How results name the image when it is unusable.
    pub fn label(self) -> &'static str {
        match self {
            ImageRole::Selfie => "Selfie image",
            ImageRole::IdCardFront | ImageRole::IdCardBack => "ID card image",
            ImageRole::Liveness => "Liveness image",
        }
    }
}

/// One image of the job, undecoded.
#[derive(Debug)]
pub(crate) struct Image {
    pub role: ImageRole,
    /// File name in the zip, or `images[i]` for inline images.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// `id_info` of info.json, as far as the sandbox reads it.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct IdInfo {
    #[serde(default, deserialize_with = "lenient_string")]
    pub country: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub id_type: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    pub id_number: Option<String>,
    /// first_name, last_name, dob, citizenship, entered, ...
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// A readable upload.
#[derive(Debug)]
pub(crate) struct Upload {
    pub images: Vec<Image>,
    pub id_info: Option<IdInfo>,
    /// What the client got wrong without making the job unusable: liveness files (type 4) and
    /// document back files (type 5) info.json lists but the zip lacks. The official Node library
    /// zips only types 0 and 1 and writes other files' local paths into `image`, so its
    /// documented file flow always sends these; the job is judged on the rest.
    pub warnings: Vec<String>,
}

/// Why an upload cannot be read; each maps to a result code (see `rules`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ZipProblem {
    /// Not a zip, or an entry cannot be inflated.
    Corrupt(String),
    /// info.json is absent or malformed.
    InfoJson(String),
    /// An image info.json names is missing or not valid base64.
    ImageMissing(ImageRole, String),
}

impl std::fmt::Display for ZipProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipProblem::Corrupt(detail) => write!(f, "zip corrupt: {detail}"),
            ZipProblem::InfoJson(detail) => write!(f, "info.json: {detail}"),
            ZipProblem::ImageMissing(role, detail) => write!(f, "{}: {detail}", role.label()),
        }
    }
}

#[derive(Deserialize)]
struct InfoJson {
    #[serde(default)]
    images: Option<Vec<InfoImage>>,
    #[serde(default)]
    id_info: Option<IdInfo>,
}

#[derive(Deserialize)]
struct InfoImage {
    #[serde(default, deserialize_with = "lenient_int")]
    image_type_id: Option<i64>,
    #[serde(default, deserialize_with = "lenient_string")]
    file_name: Option<String>,
    #[serde(default, deserialize_with = "lenient_string")]
    image: Option<String>,
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Opens the zip, parses info.json and collects the images it lists.
pub(crate) fn read(zip: &[u8]) -> Result<Upload, ZipProblem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip))
        .map_err(|e| ZipProblem::Corrupt(format!("not a readable zip ({e})")))?;
    let info_index = find_entry(&archive, "info.json")
        .ok_or_else(|| ZipProblem::InfoJson("the zip has no info.json".into()))?;
    let info_bytes = read_entry(&mut archive, info_index)?;
    let info: InfoJson =
        crate::wire::parse(&info_bytes).map_err(|e| ZipProblem::InfoJson(e.message))?;
    let listed =
        info.images.ok_or_else(|| ZipProblem::InfoJson("missing field `images`".into()))?;
    if listed.len() > MAX_IMAGES {
        return Err(ZipProblem::InfoJson(format!("images: more than {MAX_IMAGES} entries")));
    }
    let mut images = Vec::with_capacity(listed.len());
    let mut warnings = Vec::new();
    for (i, entry) in listed.into_iter().enumerate() {
        let type_id = entry.image_type_id.ok_or_else(|| {
            ZipProblem::InfoJson(format!("missing field `images[{i}].image_type_id`"))
        })?;
        let (role, inline) = ImageRole::from_type_id(type_id).ok_or_else(|| {
            ZipProblem::InfoJson(format!(
                "images[{i}].image_type_id: unknown type {type_id} (use 0 to 7)"
            ))
        })?;
        let image = if inline {
            let name = format!("images[{i}].image");
            let data = entry
                .image
                .filter(|s| !s.is_empty())
                .ok_or_else(|| ZipProblem::ImageMissing(role, format!("{name} is empty")))?;
            let bytes = decode_base64(&data).ok_or_else(|| {
                ZipProblem::ImageMissing(role, format!("{name} is not valid base64"))
            })?;
            Image { role, name, bytes }
        } else {
            let name = entry.file_name.filter(|s| !s.is_empty());
            let index = name.as_deref().and_then(|name| find_entry(&archive, name));
            match (name, index) {
                (Some(name), Some(index)) => {
                    Image { role, bytes: read_entry(&mut archive, index)?, name }
                }
                (name, _) => {
                    let problem = match name {
                        Some(name) => format!("images[{i}]: {name} is not in the zip"),
                        None => format!("images[{i}] has no file_name"),
                    };
                    if !matches!(role, ImageRole::Liveness | ImageRole::IdCardBack) {
                        return Err(ZipProblem::ImageMissing(role, problem));
                    }
                    let has_image = entry.image.is_some_and(|s| !s.is_empty());
                    warnings.push(missing_optional(role, problem, has_image));
                    continue;
                }
            }
        };
        images.push(image);
    }
    Ok(Upload { images, id_info: info.id_info, warnings })
}

/// The warning for a liveness or document back file the zip lacks (the job can be judged
/// without it); `has_image`: `image` is set, which for a file type is where the official Node
/// library writes the file's local path (never echoed).
fn missing_optional(role: ImageRole, problem: String, has_image: bool) -> String {
    let (what, base64_type) =
        if role == ImageRole::IdCardBack { ("document back", 7) } else { ("liveness", 6) };
    let hint = if has_image {
        " (its image field holds something else, e.g. a local file path)"
    } else {
        ""
    };
    format!(
        "{what} image missing: {problem}{hint}; put the file in the zip and name it in \
         file_name, or send it as base64 with image_type_id {base64_type}. Judged without it."
    )
}

/// The raw `info.json` of a zip, if it has a readable one.
pub(crate) fn info_json(zip: &[u8]) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).ok()?;
    let index = find_entry(&archive, "info.json")?;
    read_entry(&mut archive, index).ok()
}

/// The entry named `name`, at the root or, failing that, in any folder.
fn find_entry(archive: &Archive<'_>, name: &str) -> Option<usize> {
    archive.index_for_name(name).or_else(|| {
        archive.file_names().position(|n| n.is_ok_and(|n| n.rsplit('/').next() == Some(name)))
    })
}

fn read_entry(archive: &mut Archive<'_>, index: usize) -> Result<Vec<u8>, ZipProblem> {
    let corrupt = |e: &dyn std::fmt::Display| {
        ZipProblem::Corrupt(format!("entry {index} cannot be read ({e})"))
    };
    let entry = archive.by_index(index).map_err(|e| corrupt(&e))?;
    let mut bytes = Vec::new();
    entry.take(MAX_ENTRY_BYTES + 1).read_to_end(&mut bytes).map_err(|e| corrupt(&e))?;
    if bytes.len() as u64 > MAX_ENTRY_BYTES {
        return Err(ZipProblem::Corrupt(format!(
            "entry {index} inflates to more than {MAX_ENTRY_BYTES} bytes"
        )));
    }
    Ok(bytes)
}

/// Standard base64, optionally as a `data:` URL (hosted web sends those).
fn decode_base64(data: &str) -> Option<Vec<u8>> {
    let payload = data.split_once(";base64,").map_or(data, |(_, b64)| b64);
    base64::engine::general_purpose::STANDARD.decode(payload.trim()).ok()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn mobile_and_server_forms() {
        let mobile = br#"{"images":[{"image_type_id":"4","file_name":"l.jpg"},
            {"image_type_id":"0","file_name":"s.jpg"}]}"#;
        let up = read(&zip(&[
            ("info.json", mobile),
            ("l.jpg", b"L"),
            ("s.jpg", b"S"),
            ("security_info.json", b"{}"),
        ]))
        .unwrap();
        assert_eq!(
            up.images.iter().map(|i| (i.role, i.bytes.clone())).collect::<Vec<_>>(),
            vec![(ImageRole::Liveness, b"L".to_vec()), (ImageRole::Selfie, b"S".to_vec())]
        );
        let server = br#"{"images":[{"image_type_id":2,"image":"U0VMRklF","file_name":""}],
            "id_info":{"country":"NG","id_number":123,"entered":"true"}}"#;
        let up = read(&zip(&[("info.json", server)])).unwrap();
        assert_eq!(up.images[0].bytes, b"SELFIE");
        assert_eq!(up.id_info.unwrap().id_number.as_deref(), Some("123"));
    }

    #[test]
    fn problems() {
        assert!(matches!(read(b"not a zip"), Err(ZipProblem::Corrupt(_))));
        assert!(matches!(read(&zip(&[("a.jpg", b"x")])), Err(ZipProblem::InfoJson(_))));
        assert!(matches!(read(&zip(&[("info.json", b"{oops")])), Err(ZipProblem::InfoJson(_))));
        let bad_type = br#"{"images":[{"image_type_id":"x","file_name":"s.jpg"}]}"#;
        assert!(matches!(
            read(&zip(&[("info.json", bad_type)])),
            Err(ZipProblem::InfoJson(m)) if m.starts_with("images[0].image_type_id")
        ));
        // The official server libraries' file flow: liveness paths in `image`, files not zipped.
        let library = br#"{"images":[{"image_type_id":0,"image":"","file_name":"s.jpg"},
            {"image_type_id":4,"image":"/srv/l.jpg","file_name":""},
            {"image_type_id":"4","file_name":"l2.jpg"}]}"#;
        let up = read(&zip(&[("info.json", library), ("s.jpg", b"S")])).unwrap();
        assert_eq!(up.images.len(), 1);
        assert_eq!(up.warnings.len(), 2, "{:?}", up.warnings);
        assert!(
            up.warnings[0]
                .starts_with("liveness image missing: images[1] has no file_name (its image field"),
            "{:?}",
            up.warnings
        );
        assert!(!up.warnings[0].contains("/srv"), "never echoes the path");
        assert!(up.warnings[1]
            .starts_with("liveness image missing: images[2]: l2.jpg is not in the zip;"));
        let missing = br#"{"images":[{"image_type_id":0,"file_name":"s.jpg"}]}"#;
        assert!(matches!(
            read(&zip(&[("info.json", missing)])),
            Err(ZipProblem::ImageMissing(ImageRole::Selfie, _))
        ));
    }
}
