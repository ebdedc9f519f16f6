//! The look-ups an ID form needs (§3.7): `GET /v1/services` (every product's countries and ID
//! types), `POST /v1/products_config` (which of them this partner has enabled) and
//! `POST /v1/valid_documents` (documents per country). Each is fetched once per client and
//! environment, then served from memory until [`crate::Client::refresh_lookups`].

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::error::Result;

/// Country code → the country's name and ID types, for one product.
pub type ProductCountries = BTreeMap<String, CountryIdTypes>;

/// `GET /v1/services`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Services {
    pub bank_codes: Vec<BankCode>,
    pub hosted_web: HostedWeb,
}

/// A bank, for `id_info.bank_code` (NG `BANK_ACCOUNT`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankCode {
    pub name: String,
    pub code: String,
}

/// The countries and ID types of each product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostedWeb {
    pub basic_kyc: ProductCountries,
    pub biometric_kyc: ProductCountries,
    pub enhanced_kyc: ProductCountries,
    pub doc_verification: ProductCountries,
    pub ekyc_smartselfie: ProductCountries,
    pub enhanced_document_verification: ProductCountries,
}

/// One country of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryIdTypes {
    pub name: String,
    /// ID type code (e.g. `BVN`) → what a form needs for it.
    pub id_types: BTreeMap<String, IdTypeInfo>,
}

/// What a form needs for one ID type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTypeInfo {
    pub label: String,
    /// `id_info` and partner fields to collect, e.g. `id_number`, `dob`, `bank_code`
    /// (empty for document types).
    #[serde(default)]
    pub required_fields: Vec<String>,
    /// A number that passes in the sandbox.
    #[serde(default)]
    pub test_data: Option<String>,
    #[serde(default)]
    pub id_number_regex: Option<String>,
}

/// `POST /v1/products_config`: what this partner has enabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductsConfig {
    /// Country code → ID types that need `consent_information`.
    #[serde(rename = "consentRequired")]
    pub consent_required: BTreeMap<String, Vec<String>>,
    #[serde(rename = "idSelection")]
    pub id_selection: IdSelection,
}

/// Country code → enabled ID types, per product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdSelection {
    pub basic_kyc: BTreeMap<String, Vec<String>>,
    pub biometric_kyc: BTreeMap<String, Vec<String>>,
    pub enhanced_kyc: BTreeMap<String, Vec<String>>,
    pub doc_verification: BTreeMap<String, Vec<String>>,
}

/// `POST /v1/valid_documents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidDocuments {
    pub valid_documents: Vec<ValidDocument>,
}

/// The documents accepted from one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidDocument {
    pub country: DocumentCountry,
    pub id_types: Vec<DocumentType>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCountry {
    pub code: String,
    pub continent: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentType {
    pub code: String,
    /// Example numbers.
    #[serde(default)]
    pub example: Vec<String>,
    /// Whether the document has a back to capture.
    pub has_back: bool,
    pub name: String,
}

/// One document per environment (sandbox, production), fetched at most once until cleared.
/// The lock is held while fetching, so concurrent callers share one request.
#[derive(Debug)]
pub(crate) struct Cached<T> {
    slots: [Mutex<Option<Arc<T>>>; 2],
}

impl<T> Default for Cached<T> {
    fn default() -> Self {
        Cached { slots: [Mutex::new(None), Mutex::new(None)] }
    }
}

impl<T> Cached<T> {
    pub async fn get<F: Future<Output = Result<T>>>(
        &self,
        production: bool,
        fetch: impl FnOnce() -> F,
    ) -> Result<Arc<T>> {
        let mut slot = self.slots[usize::from(production)].lock().await;
        if let Some(value) = &*slot {
            return Ok(Arc::clone(value));
        }
        let value = Arc::new(fetch().await?);
        *slot = Some(Arc::clone(&value));
        Ok(value)
    }

    pub async fn clear(&self) {
        for slot in &self.slots {
            *slot.lock().await = None;
        }
    }
}

/// The three look-ups of one client.
#[derive(Debug, Default)]
pub(crate) struct Lookups {
    pub services: Cached<Services>,
    pub products_config: Cached<ProductsConfig>,
    pub valid_documents: Cached<ValidDocuments>,
}

impl Lookups {
    pub async fn clear(&self) {
        self.services.clear().await;
        self.products_config.clear().await;
        self.valid_documents.clear().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shapes() {
        let product = serde_json::json!({"NG": {"name": "Nigeria", "id_types": {
            "BVN": {"label": "BVN", "required_fields": ["country", "id_number"],
                    "test_data": "00000000000", "id_number_regex": "^[0-9]{11}$"}}}});
        let documents = serde_json::json!({"NG": {"name": "Nigeria", "id_types": {
            "PASSPORT": {"label": "Passport"}}}});
        let services: Services = serde_json::from_value(serde_json::json!({
            "bank_codes": [{"name": "Access Bank", "code": "044"}],
            "hosted_web": {"basic_kyc": product, "biometric_kyc": product,
                "enhanced_kyc": product, "ekyc_smartselfie": product,
                "doc_verification": documents, "enhanced_document_verification": documents}
        }))
        .unwrap();
        let bvn = &services.hosted_web.enhanced_kyc["NG"].id_types["BVN"];
        assert_eq!(bvn.test_data.as_deref(), Some("00000000000"));
        assert!(services.hosted_web.doc_verification["NG"].id_types["PASSPORT"]
            .required_fields
            .is_empty());
        let config: ProductsConfig = serde_json::from_value(serde_json::json!({
            "consentRequired": {"NG": ["NIN"]},
            "idSelection": {"basic_kyc": {}, "biometric_kyc": {}, "doc_verification": {},
                "enhanced_kyc": {"NG": ["BVN"]}}
        }))
        .unwrap();
        assert_eq!(config.id_selection.enhanced_kyc["NG"], ["BVN"]);
        let missing_product = serde_json::json!({"bank_codes": [], "hosted_web": {}});
        assert!(serde_json::from_value::<Services>(missing_product).is_err());
    }
}
