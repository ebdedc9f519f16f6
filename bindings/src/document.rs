//! Document Verification (job types 6 and 11): the document photos added to a tag, checked the
//! way the server would judge them, and the document fields of a result.

use std::sync::Arc;

use smileid_core::capture;

use crate::error::{invalid, SmileIdError};
use crate::results::JobResult;
use crate::tag_store::{TagImages, TagStore};

/// Adds the document's `front` photo (and `back`, when the document has one) to the tag
/// `tag` already holding a selfie, for job types 6 and 11. Photos are JPEG or PNG from the
/// app's camera or picker; each is refused with `InvalidImage` naming `front` or `back` and the
/// rule when it is too small (the longer side under 1500 px or the shorter under 945), too dark
/// or too blurred to read. Returns the tag's images. CPU-bound: call it off the main thread.
#[uniffi::export(default(back = None))]
pub fn capture_document_from_files(
    store: Arc<TagStore>,
    tag: String,
    front: Vec<u8>,
    back: Option<Vec<u8>>,
) -> Result<TagImages, SmileIdError> {
    let images = capture::capture_document_from_files(store.core(), &tag, &front, back.as_deref())?;
    Ok(images.into())
}

/// What a document job's result says about the document. Absent fields are null.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentFields {
    /// Where the document was issued.
    pub country: Option<String>,
    /// The document type, e.g. `PASSPORT`.
    pub id_type: Option<String>,
    /// The document's number as read.
    pub id_number: Option<String>,
    pub full_name: Option<String>,
    pub dob: Option<String>,
    pub gender: Option<String>,
    pub expiration_date: Option<String>,
    /// The document image Smile ID kept, base64.
    pub document_image_base64: Option<String>,
    /// Filled by job 11 when the ID authority has them.
    pub phone_number: Option<String>,
    pub phone_number2: Option<String>,
    pub address: Option<String>,
    /// `Actions.Document_Check`: `Passed`, `Failed`, `Not Applicable`, …
    pub document_check: Option<String>,
    /// `Actions.Verify_Document`.
    pub verify_document: Option<String>,
    /// `Actions.Selfie_To_ID_Card_Compare`.
    pub selfie_to_id_card_compare: Option<String>,
    /// `Actions.Liveness_Check`.
    pub liveness_check: Option<String>,
}

/// The document fields and checks of a job 6 or 11 result (`SubmitJobResult.status.result`).
#[uniffi::export]
pub fn document_fields(result: JobResult) -> Result<DocumentFields, SmileIdError> {
    let json = serde_json::from_str(&result.json).map_err(|e| {
        invalid("result.json", &format!("is not JSON ({e}): pass the result a job returned"))
    })?;
    let d = smileid_core::JobResult::from_json(&json)?.document_fields();
    Ok(DocumentFields {
        country: d.country,
        id_type: d.id_type,
        id_number: d.id_number,
        full_name: d.full_name,
        dob: d.dob,
        gender: d.gender,
        expiration_date: d.expiration_date,
        document_image_base64: d.document_image_base64,
        phone_number: d.phone_number,
        phone_number2: d.phone_number2,
        address: d.address,
        document_check: d.actions.document_check,
        verify_document: d.actions.verify_document,
        selfie_to_id_card_compare: d.actions.selfie_to_id_card_compare,
        liveness_check: d.actions.liveness_check,
    })
}
