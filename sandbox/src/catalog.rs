//! The configuration documents (§3.7): `services`, `products_config` and `valid_documents`.
//! Built once at start from core's ID type rules, so the sandbox offers exactly the ID types it
//! can judge: Biometric KYC's for the selfie products, Enhanced KYC's (a superset, with the
//! types that have no photo) for the ID-only ones.

use std::collections::BTreeMap;

use axum::body::Bytes;
use serde_json::{json, Map, Value};
use smileid_core::protocol::id_types::{rules, IdTypeRule, Product};

use crate::test_numbers::test_number;

/// The three documents, serialized.
pub(crate) struct Catalog {
    pub services: Bytes,
    pub products_config: Bytes,
    pub valid_documents: Bytes,
}

/// Document types offered for document verification in every country.
const DOCUMENTS: [(&str, &str, bool); 3] = [
    ("PASSPORT", "Passport", false),
    ("NATIONAL_ID", "National ID", true),
    ("DRIVERS_LICENSE", "Driver's License", true),
];

fn country_name(code: &str) -> &'static str {
    match code {
        "GH" => "Ghana",
        "KE" => "Kenya",
        "NG" => "Nigeria",
        "UG" => "Uganda",
        "ZA" => "South Africa",
        _ => "Unknown",
    }
}

/// The countries of `product` in order, each with its rules.
fn by_country(product: Product) -> BTreeMap<&'static str, Vec<&'static IdTypeRule>> {
    let mut countries: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for rule in rules(product) {
        countries.entry(rule.country).or_default().push(rule);
    }
    countries
}

fn id_type_entry(rule: &IdTypeRule) -> Value {
    let mut required = vec!["country", "id_type", "id_number"];
    required.extend(rule.extra_required);
    required.extend(["user_id", "job_id"]);
    json!({
        "label": rule.label,
        "required_fields": required,
        "test_data": test_number(rule),
        "id_number_regex": rule.pattern,
    })
}

fn kyc_product(product: Product) -> Value {
    by_country(product)
        .into_iter()
        .map(|(cc, rules)| {
            let id_types: Map<String, Value> =
                rules.iter().map(|r| (r.id_type.to_string(), id_type_entry(r))).collect();
            (cc.to_string(), json!({ "name": country_name(cc), "id_types": id_types }))
        })
        .collect::<Map<_, _>>()
        .into()
}

fn document_product() -> Value {
    let id_types: Map<String, Value> = DOCUMENTS
        .iter()
        .map(|(code, label, _)| (code.to_string(), json!({ "label": label })))
        .collect();
    by_country(Product::EnhancedKyc)
        .into_keys()
        .map(|cc| (cc.to_string(), json!({ "name": country_name(cc), "id_types": id_types })))
        .collect::<Map<_, _>>()
        .into()
}

fn services() -> Value {
    let (biometric, enhanced) =
        (kyc_product(Product::BiometricKyc), kyc_product(Product::EnhancedKyc));
    let documents = document_product();
    json!({
        "bank_codes": [
            {"name": "Access Bank", "code": "044"},
            {"name": "First Bank of Nigeria", "code": "011"},
            {"name": "Guaranty Trust Bank", "code": "058"},
            {"name": "United Bank for Africa", "code": "033"},
            {"name": "Zenith Bank", "code": "057"},
        ],
        "hosted_web": {
            "basic_kyc": enhanced,
            "biometric_kyc": biometric,
            "enhanced_kyc": enhanced,
            "ekyc_smartselfie": biometric,
            "doc_verification": documents,
            "enhanced_document_verification": documents,
        },
    })
}

fn id_selection(product: Product) -> Value {
    by_country(product)
        .into_iter()
        .map(|(cc, rules)| {
            (cc.to_string(), rules.iter().map(|r| r.id_type).collect::<Vec<_>>().into())
        })
        .collect::<Map<_, _>>()
        .into()
}

fn products_config() -> Value {
    let (biometric, enhanced) =
        (id_selection(Product::BiometricKyc), id_selection(Product::EnhancedKyc));
    let documents: Map<String, Value> = by_country(Product::EnhancedKyc)
        .into_keys()
        .map(|cc| (cc.to_string(), DOCUMENTS.iter().map(|d| d.0).collect::<Vec<_>>().into()))
        .collect();
    json!({
        "consentRequired": {},
        "idSelection": {
            "basic_kyc": enhanced,
            "biometric_kyc": biometric,
            "enhanced_kyc": enhanced,
            "doc_verification": documents,
        },
    })
}

fn valid_documents() -> Value {
    let countries: Vec<Value> = by_country(Product::EnhancedKyc)
        .into_iter()
        .map(|(cc, rules)| {
            let id_types: Vec<Value> = DOCUMENTS
                .iter()
                .map(|(code, name, has_back)| {
                    let example: Vec<&str> = rules
                        .iter()
                        .filter(|r| r.id_type == *code)
                        .map(|r| test_number(r))
                        .collect();
                    json!({ "code": code, "example": example, "has_back": has_back, "name": name })
                })
                .collect();
            let country = json!({ "code": cc, "continent": "Africa", "name": country_name(cc) });
            json!({ "country": country, "id_types": id_types })
        })
        .collect();
    json!({ "valid_documents": countries })
}

impl Catalog {
    pub fn build() -> Catalog {
        let bytes = |v: Value| Bytes::from(serde_json::to_vec(&v).expect("JSON values serialize"));
        Catalog {
            services: bytes(services()),
            products_config: bytes(products_config()),
            valid_documents: bytes(valid_documents()),
        }
    }
}
