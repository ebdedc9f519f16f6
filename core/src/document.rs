//! Document Verification (job 6) and Enhanced Document Verification (job 11): what their
//! `id_info` must hold and the typed view of their results.

use serde_json::Value;

use crate::error::{Error, Result};
use crate::models::IdInfo;
use crate::result::JobResult;

/// Checks `id_info` for a document job: the issuing country (ISO 3166-1 alpha-2) and the
/// document type as Smile ID names it (e.g. `PASSPORT`, `NATIONAL_ID`, `DRIVERS_LICENSE`).
/// Smile ID reads the rest off the document, so nothing else is required.
pub(crate) fn validate_id_info(info: Option<&IdInfo>) -> Result<()> {
    let Some(info) = info else {
        return Err(Error::invalid(
            "id_info",
            "is required for Document Verification: give country and id_type (the document type)",
        ));
    };
    if info.country.len() != 2 || !info.country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::invalid(
            "id_info.country",
            "must be the two-letter upper-case ISO code of the country that issued the document, \
             e.g. NG",
        ));
    }
    let well_formed = !info.id_type.is_empty()
        && info.id_type.len() <= 64
        && info.id_type.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !well_formed {
        return Err(Error::invalid(
            "id_info.id_type",
            "must name the document type in Smile ID's upper-case form, e.g. PASSPORT, \
             NATIONAL_ID or DRIVERS_LICENSE",
        ));
    }
    Ok(())
}

/// What a document job's result says about the document, as the official SDKs'
/// `DocumentVerificationJobResult` reads it. Absent fields are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFields {
    /// `Country`: where the document was issued.
    pub country: Option<String>,
    /// `IDType`: the document type.
    pub id_type: Option<String>,
    /// `IDNumber`: the document's number as read.
    pub id_number: Option<String>,
    /// `FullName`.
    pub full_name: Option<String>,
    /// `DOB`, as the document gives it.
    pub dob: Option<String>,
    /// `Gender`.
    pub gender: Option<String>,
    /// `ExpirationDate`.
    pub expiration_date: Option<String>,
    /// `Document`: the document image Smile ID kept, base64.
    pub document_image_base64: Option<String>,
    /// `PhoneNumber`, `PhoneNumber2`, `Address`: filled by job 11 when the ID authority has them.
    pub phone_number: Option<String>,
    pub phone_number2: Option<String>,
    pub address: Option<String>,
    /// The document checks among `Actions`.
    pub actions: DocumentActions,
}

/// The `Actions` of a document job, each `Passed`, `Failed`, `Not Applicable`, ... (`None` when
/// absent).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentActions {
    /// `Document_Check`: the document read and judged authentic.
    pub document_check: Option<String>,
    /// `Human_Review_Document_Check`.
    pub human_review_document_check: Option<String>,
    /// `Verify_Document`: job 11's check of the document's data with the ID authority.
    pub verify_document: Option<String>,
    /// `Selfie_To_ID_Card_Compare`: the selfie against the document's photo.
    pub selfie_to_id_card_compare: Option<String>,
    /// `Human_Review_Compare`.
    pub human_review_compare: Option<String>,
    /// `Liveness_Check`.
    pub liveness_check: Option<String>,
    /// `Register_Selfie`.
    pub register_selfie: Option<String>,
    /// `Return_Personal_Info`.
    pub return_personal_info: Option<String>,
}

impl JobResult {
    /// The document fields and checks of a job 6 or 11 result.
    pub fn document_fields(&self) -> DocumentFields {
        let text = |key: &str| match self.json.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let action = |key: &str| self.actions.get(key).cloned();
        DocumentFields {
            country: text("Country"),
            id_type: text("IDType"),
            id_number: text("IDNumber"),
            full_name: text("FullName"),
            dob: text("DOB"),
            gender: text("Gender"),
            expiration_date: text("ExpirationDate"),
            document_image_base64: text("Document"),
            phone_number: text("PhoneNumber"),
            phone_number2: text("PhoneNumber2"),
            address: text("Address"),
            actions: DocumentActions {
                document_check: action("Document_Check"),
                human_review_document_check: action("Human_Review_Document_Check"),
                verify_document: action("Verify_Document"),
                selfie_to_id_card_compare: action("Selfie_To_ID_Card_Compare"),
                human_review_compare: action("Human_Review_Compare"),
                liveness_check: action("Liveness_Check"),
                register_selfie: action("Register_Selfie"),
                return_personal_info: action("Return_Personal_Info"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_info_fields_are_named() {
        let ok = IdInfo { country: "GH".into(), id_type: "PASSPORT".into(), ..Default::default() };
        assert!(validate_id_info(Some(&ok)).is_ok());
        let field =
            |info: IdInfo| validate_id_info(Some(&info)).unwrap_err().field().map(String::from);
        assert_eq!(validate_id_info(None).unwrap_err().field(), Some("id_info"));
        assert_eq!(
            field(IdInfo { country: "gh".into(), ..ok.clone() }).unwrap(),
            "id_info.country"
        );
        assert_eq!(
            field(IdInfo { country: String::new(), ..ok.clone() }).unwrap(),
            "id_info.country"
        );
        assert_eq!(
            field(IdInfo { id_type: String::new(), ..ok.clone() }).unwrap(),
            "id_info.id_type"
        );
        assert_eq!(field(IdInfo { id_type: "pass port".into(), ..ok }).unwrap(), "id_info.id_type");
    }

    #[test]
    fn document_fields_read_the_result() {
        let json = serde_json::json!({
            "ResultCode": "0810", "ResultText": "Document Verified", "SmileJobID": "0000000001",
            "Country": "GH", "IDType": "PASSPORT", "IDNumber": "G0000000",
            "FullName": "Grace Hopper", "DOB": "1906-12-09", "ExpirationDate": "2031-12-31",
            "Document": "aGk=",
            "Actions": {"Document_Check": "Passed", "Selfie_To_ID_Card_Compare": "Completed"}
        });
        let fields = JobResult::from_json(&json).unwrap().document_fields();
        assert_eq!(fields.full_name.as_deref(), Some("Grace Hopper"));
        assert_eq!(fields.expiration_date.as_deref(), Some("2031-12-31"));
        assert_eq!(fields.document_image_base64.as_deref(), Some("aGk="));
        assert_eq!(fields.actions.document_check.as_deref(), Some("Passed"));
        assert_eq!(fields.actions.selfie_to_id_card_compare.as_deref(), Some("Completed"));
        assert_eq!(fields.actions.verify_document, None);
        assert_eq!(fields.phone_number, None);
    }
}
