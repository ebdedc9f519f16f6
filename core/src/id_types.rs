//! The ID types of Biometric KYC (job 1) and Enhanced KYC (job 5): which fields each needs and
//! the id_number format. Shared by client-side validation and the sandbox (which keeps its own
//! test numbers).

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::error::{Error, Result};
use crate::models::IdInfo;

/// The products that check an ID number against an ID authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Product {
    /// Job 1: the ID check plus a selfie compared with the authority's photo.
    BiometricKyc,
    /// Job 5: the ID check alone, no images.
    EnhancedKyc,
}

impl Product {
    /// The product's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Product::BiometricKyc => "Biometric KYC",
            Product::EnhancedKyc => "Enhanced KYC",
        }
    }
}

/// One supported (country, ID type) pair.
#[derive(Debug)]
pub struct IdTypeRule {
    pub country: &'static str,
    pub id_type: &'static str,
    pub label: &'static str,
    /// `id_info` fields required besides country, id_type and id_number.
    pub extra_required: &'static [&'static str],
    /// Anchored id_number format.
    pub pattern: &'static str,
    /// The format also demands at least one digit and one capital letter.
    pub needs_digit_and_letter: bool,
    /// Offered by Enhanced KYC only: the authority holds no photo for a selfie to match.
    pub enhanced_only: bool,
}

const fn rule(
    country: &'static str,
    id_type: &'static str,
    label: &'static str,
    extra_required: &'static [&'static str],
    pattern: &'static str,
) -> IdTypeRule {
    IdTypeRule {
        country,
        id_type,
        label,
        extra_required,
        pattern,
        needs_digit_and_letter: false,
        enhanced_only: false,
    }
}

const fn enhanced_only(rule: IdTypeRule) -> IdTypeRule {
    IdTypeRule { enhanced_only: true, ..rule }
}

const NAMES_DOB: &[&str] = &["first_name", "last_name", "dob"];

/// Every ID type supported here (services.json's `biometric_kyc` and `enhanced_kyc`, §9).
pub static RULES: &[IdTypeRule] = &[
    rule("GH", "SSNIT", "SSNIT", &[], r"^[A-Z][A-Z0-9]{12,14}$"),
    rule("GH", "VOTER_ID", "Voter ID", &[], r"^[0-9]{10,12}$"),
    rule("GH", "NEW_VOTER_ID", "New Voter ID", &[], r"^[0-9]{10,12}$"),
    rule("GH", "NATIONAL_ID", "National ID", &[], r"^GHA-[A-Z0-9]{9}-[A-Z0-9]$"),
    rule("GH", "DRIVERS_LICENSE", "Driver's License", &[], r"^[A-Z0-9]{6,10}$"),
    rule("GH", "PASSPORT", "Passport", &[], r"^[A-Z][0-9]{7,9}$"),
    rule("NG", "NIN", "National ID", &[], r"^[0-9]{11}$"),
    rule("NG", "NIN_SLIP", "National ID (Slip)", &[], r"^[0-9]{11}$"),
    rule("NG", "V_NIN", "Virtual NIN", &[], r"^[a-zA-Z0-9]{16}$"),
    rule("NG", "VOTER_ID", "Voter ID", &[], r"^[a-zA-Z0-9 ]{9,20}$"),
    rule("NG", "BVN", "Bank Verification Number", &[], r"^[0-9]{11}$"),
    rule("NG", "NIN_V2", "National ID (NIN)", &[], r"^[0-9]{11}$"),
    IdTypeRule {
        needs_digit_and_letter: true,
        ..rule(
            "NG",
            "DRIVERS_LICENSE",
            "Driver's License",
            NAMES_DOB,
            r"^[A-Z0-9]{3}[ -]?[A-Z0-9]{6,12}$",
        )
    },
    rule("KE", "KRA_PIN", "KRA PIN", &["citizenship"], r"^[0-9]{1,9}$"),
    rule("KE", "NATIONAL_ID", "National ID", &[], r"^[0-9]{1,9}$"),
    rule("KE", "ALIEN_CARD", "Alien Card", &[], r"^[0-9]{6,9}$"),
    rule("KE", "DRIVERS_LICENSE", "Driver's License", &["citizenship"], r"^[0-9]{1,9}$"),
    rule("KE", "PASSPORT", "Passport", &[], r"^[A-Z0-9]{7,9}$"),
    rule("KE", "NATIONAL_ID_NO_PHOTO", "National ID No Photo", &[], r"^[0-9]{1,9}$"),
    rule("ZA", "NATIONAL_ID", "National ID", &[], r"^[0-9]{13}$"),
    enhanced_only(rule("NG", "BANK_ACCOUNT", "Bank Account", &["bank_code"], r"^[0-9]{10}$")),
    enhanced_only(rule(
        "UG",
        "NATIONAL_ID_NO_PHOTO",
        "National ID No Photo",
        &[],
        r"^[A-Z0-9]{14}$",
    )),
    enhanced_only(rule("ZA", "NATIONAL_ID_NO_PHOTO", "National ID No Photo", &[], r"^[0-9]{13}$")),
];

fn compiled() -> &'static [Regex] {
    static COMPILED: OnceLock<Vec<Regex>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        RULES.iter().map(|r| Regex::new(r.pattern).expect("static pattern")).collect()
    })
}

/// The rules `product` offers, in [`RULES`] order.
pub fn rules(product: Product) -> impl Iterator<Item = &'static IdTypeRule> {
    RULES.iter().filter(move |r| r.offered_by(product))
}

/// The countries with at least one ID type of `product`, sorted.
pub fn supported_countries(product: Product) -> Vec<&'static str> {
    let mut countries: Vec<&str> = rules(product).map(|r| r.country).collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// The rule for a (country, ID type) pair, if `product` supports it.
pub fn find(product: Product, country: &str, id_type: &str) -> Option<&'static IdTypeRule> {
    rules(product).find(|r| r.country == country && r.id_type == id_type)
}

impl IdTypeRule {
    /// Whether `product` offers this ID type.
    pub fn offered_by(&self, product: Product) -> bool {
        product == Product::EnhancedKyc || !self.enhanced_only
    }

    /// Whether `id_number` has this ID type's format.
    pub fn matches(&self, id_number: &str) -> bool {
        let index = RULES.iter().position(|r| std::ptr::eq(r, self)).expect("rule from RULES");
        compiled()[index].is_match(id_number)
            && (!self.needs_digit_and_letter
                || (id_number.bytes().any(|b| b.is_ascii_digit())
                    && id_number.bytes().any(|b| b.is_ascii_uppercase())))
    }
}

/// Checks `id_info` for `product`: a supported country and type, a well-formed number and
/// every field that type requires. Errors name the field and say how to fix it.
pub fn validate(product: Product, info: &IdInfo) -> Result<&'static IdTypeRule> {
    let name = product.name();
    let required = |field: &str, value: &str, hint: &str| {
        if value.trim().is_empty() {
            return Err(Error::invalid(
                format!("id_info.{field}"),
                format!("is required for {name}: {hint}"),
            ));
        }
        Ok(())
    };
    required("country", &info.country, "a two-letter country code, e.g. NG")?;
    if info.country.len() != 2 || !info.country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::invalid(
            "id_info.country",
            "must be a two-letter upper-case ISO country code, e.g. NG",
        ));
    }
    required("id_type", &info.id_type, "an ID type of the country, e.g. BVN")?;
    let Some(rule) = find(product, &info.country, &info.id_type) else {
        let supported: Vec<&str> =
            rules(product).filter(|r| r.country == info.country).map(|r| r.id_type).collect();
        // A country without ID types is the country's fault, not the type's.
        return Err(if supported.is_empty() {
            Error::invalid(
                "id_info.country",
                format!(
                    "{} has no {name} ID types; use one of {}",
                    info.country,
                    supported_countries(product).join(", ")
                ),
            )
        } else {
            Error::invalid(
                "id_info.id_type",
                format!(
                    "not a {name} ID type for {}; use one of {}",
                    info.country,
                    supported.join(", ")
                ),
            )
        });
    };
    required("id_number", &info.id_number, &format!("the number, format {}", rule.pattern))?;
    if !rule.matches(&info.id_number) {
        return Err(Error::invalid(
            "id_info.id_number",
            format!("does not match the {} {} format {}", rule.country, rule.id_type, rule.pattern),
        ));
    }
    for field in rule.extra_required {
        let value = match *field {
            "first_name" => &info.first_name,
            "last_name" => &info.last_name,
            "dob" => &info.dob,
            "citizenship" => &info.citizenship,
            "bank_code" => &info.bank_code,
            _ => unreachable!("rules only name these fields"),
        };
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(Error::invalid(
                format!("id_info.{field}"),
                format!("is required for {} {} ({name})", rule.country, rule.id_type),
            ));
        }
    }
    if let Some(dob) = &info.dob {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        if time::Date::parse(dob, &format).is_err() {
            return Err(Error::invalid(
                "id_info.dob",
                "must be a date as yyyy-mm-dd, e.g. 1990-01-31",
            ));
        }
    }
    Ok(rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(country: &str, id_type: &str, id_number: &str) -> IdInfo {
        IdInfo {
            country: country.into(),
            id_type: id_type.into(),
            id_number: id_number.into(),
            ..Default::default()
        }
    }

    #[test]
    fn errors_name_the_field() {
        let field = |i: IdInfo| {
            validate(Product::BiometricKyc, &i).unwrap_err().field().unwrap().to_string()
        };
        assert_eq!(field(info("ng", "BVN", "00000000000")), "id_info.country");
        assert_eq!(field(info("NG", "SSNIT", "00000000000")), "id_info.id_type");
        assert_eq!(field(info("XX", "BVN", "00000000000")), "id_info.country");
        assert_eq!(field(info("NG", "BVN", "1234")), "id_info.id_number");
        assert_eq!(field(info("NG", "DRIVERS_LICENSE", "ABC000000000")), "id_info.first_name");
        assert_eq!(field(info("NG", "DRIVERS_LICENSE", "000000000000")), "id_info.id_number");
        assert_eq!(field(info("KE", "KRA_PIN", "00000000")), "id_info.citizenship");
        let bad_dob = IdInfo { dob: Some("31/01/1990".into()), ..info("NG", "BVN", "00000000000") };
        assert_eq!(field(bad_dob), "id_info.dob");
        assert_eq!(field(info("", "BVN", "00000000000")), "id_info.country");
        assert_eq!(field(info("NG", " ", "00000000000")), "id_info.id_type");
        assert_eq!(field(info("NG", "BVN", "")), "id_info.id_number");
        assert!(validate(Product::BiometricKyc, &info("NG", "BVN", "00000000000")).is_ok());
    }

    #[test]
    fn enhanced_kyc_adds_types_without_a_photo() {
        let bank = info("NG", "BANK_ACCOUNT", "0000000000");
        let err = validate(Product::BiometricKyc, &bank).unwrap_err();
        assert_eq!(err.field(), Some("id_info.id_type"));
        let err = validate(Product::EnhancedKyc, &bank).unwrap_err();
        assert_eq!(err.field(), Some("id_info.bank_code"));
        let with_code = IdInfo { bank_code: Some("044".into()), ..bank };
        assert!(validate(Product::EnhancedKyc, &with_code).is_ok());
        assert!(!supported_countries(Product::BiometricKyc).contains(&"UG"));
        assert!(supported_countries(Product::EnhancedKyc).contains(&"UG"));
        let ug = info("UG", "NATIONAL_ID_NO_PHOTO", "00000000000000");
        assert!(validate(Product::EnhancedKyc, &ug).is_ok());
        assert_eq!(
            validate(Product::BiometricKyc, &ug).unwrap_err().field(),
            Some("id_info.country")
        );
    }
}
