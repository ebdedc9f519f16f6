//! Biometric KYC ID types: which fields each needs and the id_number format. Shared by client-side
//! validation and the sandbox (which keeps its own test numbers).

use std::sync::OnceLock;

use regex_lite::Regex;

use crate::error::{Error, Result};
use crate::models::IdInfo;

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
}

const fn rule(
    country: &'static str,
    id_type: &'static str,
    label: &'static str,
    extra_required: &'static [&'static str],
    pattern: &'static str,
) -> IdTypeRule {
    IdTypeRule { country, id_type, label, extra_required, pattern, needs_digit_and_letter: false }
}

const NAMES_DOB: &[&str] = &["first_name", "last_name", "dob"];

/// Every ID type Biometric KYC supports here.
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
];

fn compiled() -> &'static [Regex] {
    static COMPILED: OnceLock<Vec<Regex>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        RULES.iter().map(|r| Regex::new(r.pattern).expect("static pattern")).collect()
    })
}

/// The countries with at least one Biometric KYC ID type, sorted.
pub fn supported_countries() -> Vec<&'static str> {
    let mut countries: Vec<&str> = RULES.iter().map(|r| r.country).collect();
    countries.sort_unstable();
    countries.dedup();
    countries
}

/// The rule for a (country, ID type) pair, if supported.
pub fn find(country: &str, id_type: &str) -> Option<&'static IdTypeRule> {
    RULES.iter().find(|r| r.country == country && r.id_type == id_type)
}

impl IdTypeRule {
    /// Whether `id_number` has this ID type's format.
    pub fn matches(&self, id_number: &str) -> bool {
        let index = RULES.iter().position(|r| std::ptr::eq(r, self)).expect("rule from RULES");
        compiled()[index].is_match(id_number)
            && (!self.needs_digit_and_letter
                || (id_number.bytes().any(|b| b.is_ascii_digit())
                    && id_number.bytes().any(|b| b.is_ascii_uppercase())))
    }
}

/// Checks `id_info` for Biometric KYC: a supported country and type, a well-formed number and
/// every field that type requires. Errors name the field and say how to fix it.
pub fn validate(info: &IdInfo) -> Result<&'static IdTypeRule> {
    if info.country.len() != 2 || !info.country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::invalid(
            "id_info.country",
            "must be a two-letter upper-case ISO country code, e.g. NG",
        ));
    }
    let Some(rule) = find(&info.country, &info.id_type) else {
        let supported: Vec<&str> =
            RULES.iter().filter(|r| r.country == info.country).map(|r| r.id_type).collect();
        // A country without ID types is the country's fault, not the type's.
        return Err(if supported.is_empty() {
            Error::invalid(
                "id_info.country",
                format!(
                    "{} has no Biometric KYC ID types; use one of {}",
                    info.country,
                    supported_countries().join(", ")
                ),
            )
        } else {
            Error::invalid(
                "id_info.id_type",
                format!(
                    "not a Biometric KYC ID type for {}; use one of {}",
                    info.country,
                    supported.join(", ")
                ),
            )
        });
    };
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
            _ => unreachable!("rules only name these fields"),
        };
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(Error::invalid(
                format!("id_info.{field}"),
                format!("is required for {} {}", rule.country, rule.id_type),
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
        let field = |i: IdInfo| validate(&i).unwrap_err().field().unwrap().to_string();
        assert_eq!(field(info("ng", "BVN", "00000000000")), "id_info.country");
        assert_eq!(field(info("NG", "SSNIT", "00000000000")), "id_info.id_type");
        assert_eq!(field(info("XX", "BVN", "00000000000")), "id_info.country");
        assert_eq!(field(info("NG", "BVN", "1234")), "id_info.id_number");
        assert_eq!(field(info("NG", "DRIVERS_LICENSE", "ABC000000000")), "id_info.first_name");
        assert_eq!(field(info("NG", "DRIVERS_LICENSE", "000000000000")), "id_info.id_number");
        assert_eq!(field(info("KE", "KRA_PIN", "00000000")), "id_info.citizenship");
        let bad_dob = IdInfo { dob: Some("31/01/1990".into()), ..info("NG", "BVN", "00000000000") };
        assert_eq!(field(bad_dob), "id_info.dob");
        assert!(validate(&info("NG", "BVN", "00000000000")).is_ok());
    }
}
