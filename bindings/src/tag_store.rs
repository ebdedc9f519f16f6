//! `TagStore`: the captures on disk (one folder per tag), listed, read and deleted.

use std::path::Path;
use std::sync::Arc;

use crate::error::SmileIdError;

/// Which side of an ID card an image shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum IdCardSide {
    Front,
    Back,
}

/// The image files of one tag, by role (absolute paths).
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct TagImages {
    pub selfie: Option<String>,
    pub liveness: Vec<String>,
    pub id_card_front: Option<String>,
    pub id_card_back: Option<String>,
}

/// A tag in a listing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TagInfo {
    pub tag: String,
    /// When the capture was saved, ISO-8601.
    pub created_at: String,
    /// How the images were made: `camera` or `files`.
    pub source: String,
    pub images: TagImages,
}

/// The on-disk store of captures. Open it in app-private storage (e.g. `filesDir/smileid`).
#[derive(uniffi::Object)]
pub struct TagStore {
    inner: smileid_core::TagStore,
}

impl TagStore {
    pub(crate) fn core(&self) -> &smileid_core::TagStore {
        &self.inner
    }

    pub(crate) fn from_core(inner: smileid_core::TagStore) -> Self {
        TagStore { inner }
    }
}

fn path_string(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

impl From<smileid_core::TagImages> for TagImages {
    fn from(i: smileid_core::TagImages) -> Self {
        TagImages {
            selfie: i.selfie.as_deref().map(path_string),
            liveness: i.liveness.iter().map(|p| path_string(p)).collect(),
            id_card_front: i.id_card_front.as_deref().map(path_string),
            id_card_back: i.id_card_back.as_deref().map(path_string),
        }
    }
}

#[uniffi::export]
impl TagStore {
    /// Opens (creating if needed) the store in the folder `root`.
    #[uniffi::constructor]
    pub fn new(root: String) -> Result<Arc<Self>, SmileIdError> {
        Ok(Arc::new(TagStore { inner: smileid_core::TagStore::open(root)? }))
    }

    /// The folder the store lives in.
    pub fn root(&self) -> String {
        path_string(self.inner.root())
    }

    /// All complete tags, oldest first.
    pub fn list(&self) -> Result<Vec<TagInfo>, SmileIdError> {
        Ok(self
            .inner
            .list()?
            .into_iter()
            .map(|t| TagInfo {
                tag: t.tag,
                created_at: t.meta.created_at,
                source: t.meta.source,
                images: t.images.into(),
            })
            .collect())
    }

    /// Whether a complete tag with this name exists.
    pub fn exists(&self, tag: String) -> Result<bool, SmileIdError> {
        Ok(self.inner.exists(&tag)?)
    }

    /// The images of a tag; throws `TagNotFound` if there is none.
    pub fn images(&self, tag: String) -> Result<TagImages, SmileIdError> {
        Ok(self.inner.images(&tag)?.into())
    }

    /// Deletes a tag and its images.
    pub fn delete(&self, tag: String) -> Result<(), SmileIdError> {
        Ok(self.inner.delete(&tag)?)
    }

    /// Removes half-written captures left by a crash.
    pub fn clean_staging(&self) -> Result<(), SmileIdError> {
        Ok(self.inner.clean_staging()?)
    }
}
