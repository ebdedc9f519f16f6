//! The tag store: one folder per tag holding a capture's images, written atomically.
//!
//! Layout: `<root>/<tag>/` with `si_selfie_<ms>.jpg`, `si_liveness_<ms>.jpg`,
//! `si_document_front_<ms>.jpg`, `si_document_back_<ms>.jpg` and `tag.json`. A capture is built in
//! `<root>/.staging/<uuid>/` and renamed into place only when complete, so a half-written tag
//! never appears and a failed capture never touches the tag it would replace. Folders are 0700
//! and files 0600 on Unix.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::models::ImageType;

const META_FILE: &str = "tag.json";
const STAGING: &str = ".staging";
const MAX_TAG_LEN: usize = 64;

/// Images of one tag, by role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagImages {
    pub selfie: Option<PathBuf>,
    pub liveness: Vec<PathBuf>,
    pub id_card_front: Option<PathBuf>,
    pub id_card_back: Option<PathBuf>,
}

impl TagImages {
    /// Every image with its type, in the order they go into the upload zip.
    pub fn all(&self) -> Vec<(ImageType, &Path)> {
        let mut out: Vec<(ImageType, &Path)> =
            self.liveness.iter().map(|p| (ImageType::Liveness, p.as_path())).collect();
        out.extend(self.selfie.as_deref().map(|p| (ImageType::Selfie, p)));
        out.extend(self.id_card_front.as_deref().map(|p| (ImageType::IdCardFront, p)));
        out.extend(self.id_card_back.as_deref().map(|p| (ImageType::IdCardBack, p)));
        out
    }
}

/// Metadata kept beside a tag's images.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagMeta {
    /// When the capture was committed, ISO-8601.
    pub created_at: String,
    /// How the images were made: `camera` or `files`.
    pub source: String,
}

/// A summary row for listings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagInfo {
    pub tag: String,
    pub meta: TagMeta,
    pub images: TagImages,
}

/// Checks a tag name: 1–64 characters of `A-Z a-z 0-9 _ -`, so it is always a single safe path
/// component.
pub fn validate_tag_name(tag: &str) -> Result<()> {
    let ok = !tag.is_empty()
        && tag.len() <= MAX_TAG_LEN
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "tag",
            "use 1-64 characters from A-Z, a-z, 0-9, '_' and '-' (no path separators or dots)",
        ))
    }
}

/// A new random tag name.
pub fn generate_tag_name() -> String {
    format!("tag-{}", uuid::Uuid::new_v4().simple())
}

/// The on-disk tag store rooted at one folder.
#[derive(Debug, Clone)]
pub struct TagStore {
    root: PathBuf,
}

impl TagStore {
    /// Opens (creating if needed) the store at `root`.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self> {
        let root = root.into();
        create_private_dir(&root)?;
        Ok(TagStore { root })
    }

    /// The folder this store lives in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn dir(&self, tag: &str) -> Result<PathBuf> {
        validate_tag_name(tag)?;
        Ok(self.root.join(tag))
    }

    /// Whether a complete tag exists.
    pub fn exists(&self, tag: &str) -> Result<bool> {
        Ok(self.dir(tag)?.join(META_FILE).is_file())
    }

    /// The images of a complete tag.
    pub fn images(&self, tag: &str) -> Result<TagImages> {
        let dir = self.dir(tag)?;
        if !dir.join(META_FILE).is_file() {
            return Err(Error::TagNotFound(tag.to_string()));
        }
        scan_images(&dir)
    }

    /// Metadata of a complete tag.
    pub fn meta(&self, tag: &str) -> Result<TagMeta> {
        let path = self.dir(tag)?.join(META_FILE);
        let bytes = fs::read(&path).map_err(|_| Error::TagNotFound(tag.to_string()))?;
        serde_json::from_slice(&bytes).map_err(|e| Error::storage("tag metadata unreadable", e))
    }

    /// All complete tags, oldest first.
    pub fn list(&self) -> Result<Vec<TagInfo>> {
        let mut out = Vec::new();
        for entry in fs::read_dir(&self.root).map_err(|e| Error::storage("listing tags", e))? {
            let entry = entry.map_err(|e| Error::storage("listing tags", e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if validate_tag_name(&name).is_err() || !entry.path().join(META_FILE).is_file() {
                continue;
            }
            let meta = self.meta(&name)?;
            let images = scan_images(&entry.path())?;
            out.push(TagInfo { tag: name, meta, images });
        }
        out.sort_by(|a, b| (&a.meta.created_at, &a.tag).cmp(&(&b.meta.created_at, &b.tag)));
        Ok(out)
    }

    /// Deletes a tag and its images.
    pub fn delete(&self, tag: &str) -> Result<()> {
        let dir = self.dir(tag)?;
        if !dir.exists() {
            return Err(Error::TagNotFound(tag.to_string()));
        }
        // Rename first so a crash mid-delete never leaves a partial tag under its name.
        let trash = self.staging_dir()?;
        fs::rename(&dir, &trash).map_err(|e| Error::storage("deleting tag", e))?;
        fs::remove_dir_all(&trash).map_err(|e| Error::storage("deleting tag", e))
    }

    /// Starts writing a tag. Nothing is visible under `tag` until [`TagWriter::commit`].
    pub fn writer(&self, tag: Option<&str>) -> Result<TagWriter> {
        let tag = match tag {
            Some(t) => {
                validate_tag_name(t)?;
                t.to_string()
            }
            None => generate_tag_name(),
        };
        let staging = self.staging_dir()?;
        create_private_dir(&staging)?;
        Ok(TagWriter { store: self.clone(), tag, staging, committed: false, last_ms: 0 })
    }

    /// Adds or replaces an ID card image in an existing tag, keeping the rest intact.
    pub fn put_id_card(&self, tag: &str, side: ImageType, jpeg: &[u8]) -> Result<PathBuf> {
        if !matches!(side, ImageType::IdCardFront | ImageType::IdCardBack) {
            return Err(Error::invalid("side", "must be the ID card front or back"));
        }
        let images = self.images(tag)?;
        let old =
            if side == ImageType::IdCardFront { images.id_card_front } else { images.id_card_back };
        let dir = self.dir(tag)?;
        let path = dir.join(format!("{}{}.jpg", side.file_prefix(), now_ms()));
        write_atomic(&path, jpeg)?;
        if let Some(old) = old.filter(|o| *o != path) {
            fs::remove_file(old).map_err(|e| Error::storage("replacing ID card image", e))?;
        }
        Ok(path)
    }

    /// Replaces a tag's document images with `front` and `back` (none: the tag keeps no back),
    /// keeping its selfie and liveness images. The tag is rebuilt in staging and renamed into
    /// place, so a reader sees the old document or the new one, never a mix, and a failure
    /// leaves the tag as it was.
    pub fn put_document(&self, tag: &str, front: &[u8], back: Option<&[u8]>) -> Result<TagImages> {
        let images = self.images(tag)?;
        let source = self.meta(tag)?.source;
        let mut writer = self.writer(Some(tag))?;
        for path in images.liveness.iter().chain(&images.selfie) {
            writer.keep(path)?;
        }
        writer.add(ImageType::IdCardFront, front)?;
        if let Some(back) = back {
            writer.add(ImageType::IdCardBack, back)?;
        }
        writer.commit(&source)?;
        self.images(tag)
    }

    /// Removes staging folders left by captures that crashed.
    pub fn clean_staging(&self) -> Result<()> {
        let staging = self.root.join(STAGING);
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| Error::storage("cleaning staging", e))?;
        }
        Ok(())
    }

    fn staging_dir(&self) -> Result<PathBuf> {
        let base = self.root.join(STAGING);
        create_private_dir(&base)?;
        Ok(base.join(uuid::Uuid::new_v4().simple().to_string()))
    }
}

/// Collects a tag's images in a staging folder, then publishes them in one rename.
#[derive(Debug)]
pub struct TagWriter {
    store: TagStore,
    tag: String,
    staging: PathBuf,
    committed: bool,
    last_ms: u128,
}

impl TagWriter {
    /// The tag this writer will publish.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Writes one JPEG, named `<prefix><epoch ms>.jpg` with a unique, increasing timestamp.
    pub fn add(&mut self, kind: ImageType, jpeg: &[u8]) -> Result<PathBuf> {
        let ms = now_ms().max(self.last_ms + 1);
        self.last_ms = ms;
        let path = self.staging.join(format!("{}{ms}.jpg", kind.file_prefix()));
        write_atomic(&path, jpeg)?;
        Ok(path)
    }

    /// Copies an image of the tag being replaced into this one, under its own name.
    fn keep(&mut self, path: &Path) -> Result<()> {
        let name = path.file_name().ok_or_else(|| Error::Storage("image without a name".into()))?;
        let bytes = fs::read(path).map_err(|e| Error::storage("reading tag image", e))?;
        write_atomic(&self.staging.join(name), &bytes)
    }

    /// Publishes the tag, replacing any tag of the same name. Requires a selfie.
    pub fn commit(mut self, source: &str) -> Result<String> {
        let images = scan_images(&self.staging)?;
        if images.selfie.is_none() {
            return Err(Error::invalid(
                "selfie",
                "a tag needs a selfie image before it can be saved",
            ));
        }
        let meta = TagMeta {
            created_at: crate::signature::iso_timestamp_now(),
            source: source.to_string(),
        };
        let meta_json = serde_json::to_vec_pretty(&meta).expect("metadata serialises");
        write_atomic(&self.staging.join(META_FILE), &meta_json)?;
        let target = self.store.root.join(&self.tag);
        if target.exists() {
            let trash = self.store.staging_dir()?;
            fs::rename(&target, &trash).map_err(|e| Error::storage("replacing tag", e))?;
            fs::rename(&self.staging, &target).map_err(|e| Error::storage("publishing tag", e))?;
            let _ = fs::remove_dir_all(&trash);
        } else {
            fs::rename(&self.staging, &target).map_err(|e| Error::storage("publishing tag", e))?;
        }
        self.committed = true;
        Ok(std::mem::take(&mut self.tag))
    }
}

impl Drop for TagWriter {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

fn scan_images(dir: &Path) -> Result<TagImages> {
    let mut images = TagImages::default();
    let mut names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| Error::storage("reading tag", e))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        match ImageType::from_file_name(&name) {
            Some(ImageType::Selfie) => images.selfie = Some(path),
            Some(ImageType::Liveness) => images.liveness.push(path),
            Some(ImageType::IdCardFront) => images.id_card_front = Some(path),
            Some(ImageType::IdCardBack) => images.id_card_back = Some(path),
            None => {}
        }
    }
    Ok(images)
}

fn now_ms() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

/// Creates a folder readable only by its owner.
pub(crate) fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(|e| Error::storage("creating folder", e))
}

/// Writes a file readable only by its owner: temp file, fsync, rename.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    result.and_then(|_| fs::rename(&tmp, path)).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::storage("writing file", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names() {
        for good in ["a", "tag-1", "A_b-9", &"x".repeat(64)] {
            assert!(validate_tag_name(good).is_ok(), "{good}");
        }
        for bad in ["", "..", "a/b", "a\\b", ".hidden", "a.b", "é", &"x".repeat(65), "a b"] {
            assert_eq!(validate_tag_name(bad).unwrap_err().field(), Some("tag"), "{bad}");
        }
    }

    #[test]
    fn writer_publishes_atomically_and_failed_capture_keeps_old_tag() {
        let dir = tempfile::tempdir().unwrap();
        let store = TagStore::open(dir.path()).unwrap();
        let mut w = store.writer(Some("t1")).unwrap();
        w.add(ImageType::Liveness, b"l1").unwrap();
        assert!(!store.exists("t1").unwrap(), "not visible before commit");
        w.add(ImageType::Selfie, b"s").unwrap();
        assert_eq!(w.commit("files").unwrap(), "t1");
        let images = store.images("t1").unwrap();
        assert_eq!(images.liveness.len(), 1);
        assert_eq!(fs::read(images.selfie.as_ref().unwrap()).unwrap(), b"s");

        // A capture that fails (dropped without commit) leaves the old tag as it was.
        let mut w = store.writer(Some("t1")).unwrap();
        w.add(ImageType::Selfie, b"new").unwrap();
        drop(w);
        assert_eq!(store.images("t1").unwrap(), images);
        // A commit without a selfie is refused and changes nothing.
        let mut w = store.writer(Some("t1")).unwrap();
        w.add(ImageType::Liveness, b"l2").unwrap();
        assert_eq!(w.commit("files").unwrap_err().field(), Some("selfie"));
        assert_eq!(store.images("t1").unwrap(), images);
        assert_eq!(fs::read_dir(dir.path().join(STAGING)).unwrap().count(), 0, "staging cleaned");

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir.path().join("t1")), 0o700);
            assert_eq!(mode(images.selfie.as_ref().unwrap()), 0o600);
        }
        assert_eq!(store.list().unwrap().len(), 1);
        store.delete("t1").unwrap();
        assert!(matches!(store.images("t1"), Err(Error::TagNotFound(_))));
        assert!(matches!(store.delete("t1"), Err(Error::TagNotFound(_))));
    }

    #[test]
    fn documents_replace_both_sides_and_keep_the_selfie() {
        let dir = tempfile::tempdir().unwrap();
        let store = TagStore::open(dir.path()).unwrap();
        let mut w = store.writer(Some("t")).unwrap();
        w.add(ImageType::Liveness, b"l").unwrap();
        w.add(ImageType::Selfie, b"s").unwrap();
        w.commit("files").unwrap();
        let images = store.put_document("t", b"f1", Some(b"b1")).unwrap();
        assert_eq!(fs::read(images.id_card_back.as_ref().unwrap()).unwrap(), b"b1");
        let images = store.put_document("t", b"f2", None).unwrap();
        assert_eq!(fs::read(images.id_card_front.as_ref().unwrap()).unwrap(), b"f2");
        assert_eq!(images.id_card_back, None, "a new front without a back drops the old back");
        assert_eq!(fs::read(images.selfie.as_ref().unwrap()).unwrap(), b"s");
        assert_eq!(images.liveness.len(), 1);
        assert!(matches!(store.put_document("missing", b"f", None), Err(Error::TagNotFound(_))));
    }

    #[test]
    fn id_cards_replace_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let store = TagStore::open(dir.path()).unwrap();
        let mut w = store.writer(Some("t")).unwrap();
        w.add(ImageType::Selfie, b"s").unwrap();
        w.commit("files").unwrap();
        store.put_id_card("t", ImageType::IdCardFront, b"f1").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2));
        store.put_id_card("t", ImageType::IdCardFront, b"f2").unwrap();
        let images = store.images("t").unwrap();
        assert_eq!(fs::read(images.id_card_front.unwrap()).unwrap(), b"f2");
        assert_eq!(store.images("t").unwrap().all().len(), 2);
        assert!(store.put_id_card("t", ImageType::Selfie, b"x").is_err());
        assert!(matches!(
            store.put_id_card("missing", ImageType::IdCardBack, b"x"),
            Err(Error::TagNotFound(_))
        ));
    }
}
