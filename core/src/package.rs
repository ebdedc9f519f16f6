//! The upload package: `info.json` (mobile SDK schema) plus the tag's images, zipped.

use std::io::{Cursor, Write};

use serde::Serialize;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::error::{Error, Result};
use crate::models::WireIdInfo;
use crate::tags::TagImages;

#[derive(Serialize)]
struct InfoImage<'a> {
    /// A string, as the mobile SDKs send it.
    image_type_id: String,
    file_name: &'a str,
}

#[derive(Serialize)]
struct InfoJson<'a> {
    images: Vec<InfoImage<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id_info: Option<WireIdInfo<'a>>,
}

/// Builds the zip: `info.json` first, then each image under its bare file name. JPEGs are
/// stored (they do not compress); `info.json` is deflated.
pub(crate) fn build_zip(images: &TagImages, id_info: Option<WireIdInfo<'_>>) -> Result<Vec<u8>> {
    let all = images.all();
    let mut entries = Vec::with_capacity(all.len());
    for (kind, path) in &all {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| Error::Storage("image without a file name".into()))?;
        let bytes = std::fs::read(path).map_err(|e| Error::storage("reading tag image", e))?;
        entries.push((kind, name, bytes));
    }
    let info = InfoJson {
        images: entries
            .iter()
            .map(|(kind, name, _)| InfoImage {
                image_type_id: kind.id().to_string(),
                file_name: name,
            })
            .collect(),
        id_info,
    };
    let info_bytes = serde_json::to_vec(&info).expect("info.json serialises");

    let size: usize =
        entries.iter().map(|e| e.2.len() + 128).sum::<usize>() + info_bytes.len() + 512;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
    let zip_err = |e: zip::result::ZipError| Error::storage("building upload zip", e);
    let io_err = |e: std::io::Error| Error::storage("building upload zip", e);
    zip.start_file(
        "info.json",
        SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
    )
    .map_err(zip_err)?;
    zip.write_all(&info_bytes).map_err(io_err)?;
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (_, name, bytes) in &entries {
        zip.start_file(*name, stored).map_err(zip_err)?;
        zip.write_all(bytes).map_err(io_err)?;
    }
    Ok(zip.finish().map_err(zip_err)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{IdInfo, ImageType};
    use crate::tags::TagStore;
    use std::io::Read;

    #[test]
    fn zip_has_info_json_first_and_every_image() {
        let dir = tempfile::tempdir().unwrap();
        let store = TagStore::open(dir.path()).unwrap();
        let mut w = store.writer(Some("t")).unwrap();
        w.add(ImageType::Liveness, b"l1").unwrap();
        w.add(ImageType::Liveness, b"l2").unwrap();
        w.add(ImageType::Selfie, b"selfie").unwrap();
        w.commit("files").unwrap();
        let info = IdInfo {
            country: "NG".into(),
            id_type: "BVN".into(),
            id_number: "00000000000".into(),
            ..Default::default()
        };
        let bytes = build_zip(&store.images("t").unwrap(), Some(info.wire())).unwrap();

        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 4);
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "info.json");
        let mut text = String::new();
        archive.by_name("info.json").unwrap().read_to_string(&mut text).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let types: Vec<&str> = json["images"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["image_type_id"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["4", "4", "0"]);
        assert_eq!(json["id_info"]["entered"], true);
        for image in json["images"].as_array().unwrap() {
            let name = image["file_name"].as_str().unwrap();
            assert!(archive.by_name(name).is_ok(), "{name} in zip");
        }
    }
}
