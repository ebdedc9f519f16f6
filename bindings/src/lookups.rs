//! The look-ups an ID form needs, as lists ready for pickers (sorted by code): every product's
//! countries and ID types, what this partner has enabled, and the documents per country. Each
//! is fetched once per client and environment.

use std::collections::{BTreeMap, HashMap};

use smileid_core::{BankCode, DocumentCountry, DocumentType, ProductCountries, ValidDocument};

/// A bank, for `idInfo.bankCode` (NG `BANK_ACCOUNT`).
#[uniffi::remote(Record)]
pub struct BankCode {
    pub name: String,
    pub code: String,
}

/// One ID type of a country, and what a form needs for it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdTypeInfo {
    /// e.g. `BVN`.
    pub code: String,
    pub label: String,
    /// `idInfo` and partner fields to collect, e.g. `id_number`, `dob`, `bank_code`.
    pub required_fields: Vec<String>,
    /// A number that passes in the sandbox.
    pub test_data: Option<String>,
    pub id_number_regex: Option<String>,
}

/// One country of a product, with its ID types.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CountryIdTypes {
    /// ISO 3166 alpha-2, e.g. `NG`.
    pub code: String,
    pub name: String,
    pub id_types: Vec<IdTypeInfo>,
}

/// `services()`: the countries and ID types of each product.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Services {
    pub bank_codes: Vec<BankCode>,
    pub basic_kyc: Vec<CountryIdTypes>,
    pub biometric_kyc: Vec<CountryIdTypes>,
    pub enhanced_kyc: Vec<CountryIdTypes>,
    pub doc_verification: Vec<CountryIdTypes>,
    pub ekyc_smartselfie: Vec<CountryIdTypes>,
    pub enhanced_document_verification: Vec<CountryIdTypes>,
}

fn countries(product: ProductCountries) -> Vec<CountryIdTypes> {
    let id_types = |types: BTreeMap<String, smileid_core::IdTypeInfo>| {
        let types = types.into_iter().map(|(code, t)| IdTypeInfo {
            code,
            label: t.label,
            required_fields: t.required_fields,
            test_data: t.test_data,
            id_number_regex: t.id_number_regex,
        });
        types.collect()
    };
    let countries = product.into_iter().map(|(code, c)| CountryIdTypes {
        code,
        name: c.name,
        id_types: id_types(c.id_types),
    });
    countries.collect()
}

impl From<smileid_core::Services> for Services {
    fn from(s: smileid_core::Services) -> Self {
        let w = s.hosted_web;
        Services {
            bank_codes: s.bank_codes,
            basic_kyc: countries(w.basic_kyc),
            biometric_kyc: countries(w.biometric_kyc),
            enhanced_kyc: countries(w.enhanced_kyc),
            doc_verification: countries(w.doc_verification),
            ekyc_smartselfie: countries(w.ekyc_smartselfie),
            enhanced_document_verification: countries(w.enhanced_document_verification),
        }
    }
}

/// `productsConfig()`: what this partner has enabled. Each map: country code → ID types.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProductsConfig {
    /// The ID types that need `consentInformation`.
    pub consent_required: HashMap<String, Vec<String>>,
    pub basic_kyc: HashMap<String, Vec<String>>,
    pub biometric_kyc: HashMap<String, Vec<String>>,
    pub enhanced_kyc: HashMap<String, Vec<String>>,
    pub doc_verification: HashMap<String, Vec<String>>,
}

impl From<smileid_core::ProductsConfig> for ProductsConfig {
    fn from(p: smileid_core::ProductsConfig) -> Self {
        let s = p.id_selection;
        ProductsConfig {
            consent_required: p.consent_required.into_iter().collect(),
            basic_kyc: s.basic_kyc.into_iter().collect(),
            biometric_kyc: s.biometric_kyc.into_iter().collect(),
            enhanced_kyc: s.enhanced_kyc.into_iter().collect(),
            doc_verification: s.doc_verification.into_iter().collect(),
        }
    }
}

/// The documents accepted from one country (`validDocuments()`).
#[uniffi::remote(Record)]
pub struct ValidDocument {
    pub country: DocumentCountry,
    pub id_types: Vec<DocumentType>,
}

#[uniffi::remote(Record)]
pub struct DocumentCountry {
    pub code: String,
    pub continent: String,
    pub name: String,
}

/// A document type: its code, example numbers, and whether it has a back to capture.
#[uniffi::remote(Record)]
pub struct DocumentType {
    pub code: String,
    pub example: Vec<String>,
    pub has_back: bool,
    pub name: String,
}
