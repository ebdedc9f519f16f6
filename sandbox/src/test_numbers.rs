//! The sandbox's test ID numbers: one per ID type (Biometric and Enhanced KYC), in that type's
//! format. The last
//! digit selects the simulated outcome (rules.rs); the catalogue endpoints publish them as
//! `test_data` / `example`, and format errors quote them.

use smileid_core::protocol::id_types::IdTypeRule;

/// (country, id_type, test number) for every rule in `id_types::RULES`.
const TEST_NUMBERS: &[(&str, &str, &str)] = &[
    ("GH", "SSNIT", "C000000000000"),
    ("GH", "VOTER_ID", "0000000000"),
    ("GH", "NEW_VOTER_ID", "0000000000"),
    ("GH", "NATIONAL_ID", "GHA-000000000-0"),
    ("GH", "DRIVERS_LICENSE", "B0000000"),
    ("GH", "PASSPORT", "G0000000"),
    ("NG", "NIN", "00000000000"),
    ("NG", "NIN_SLIP", "00000000000"),
    ("NG", "V_NIN", "0000000000000000"),
    ("NG", "VOTER_ID", "0000000000000000000"),
    ("NG", "BVN", "00000000000"),
    ("NG", "NIN_V2", "00000000000"),
    ("NG", "DRIVERS_LICENSE", "ABC000000000"),
    ("KE", "KRA_PIN", "00000000"),
    ("KE", "NATIONAL_ID", "00000000"),
    ("KE", "ALIEN_CARD", "000000"),
    ("KE", "DRIVERS_LICENSE", "00000000"),
    ("KE", "PASSPORT", "A00000000"),
    ("KE", "NATIONAL_ID_NO_PHOTO", "00000000"),
    ("ZA", "NATIONAL_ID", "0000000000000"),
    ("NG", "BANK_ACCOUNT", "0000000000"),
    ("UG", "NATIONAL_ID_NO_PHOTO", "00000000000000"),
    ("ZA", "NATIONAL_ID_NO_PHOTO", "0000000000000"),
];

/// The test number of an ID type.
pub(crate) fn test_number(rule: &IdTypeRule) -> &'static str {
    TEST_NUMBERS
        .iter()
        .find(|(country, id_type, _)| *country == rule.country && *id_type == rule.id_type)
        .map(|(_, _, number)| *number)
        .expect("every ID type has a test number (tested below)")
}

#[cfg(test)]
mod tests {
    use smileid_core::protocol::id_types::RULES;

    use super::*;

    #[test]
    fn every_id_type_has_a_test_number_in_its_own_format() {
        for rule in RULES {
            assert!(rule.matches(test_number(rule)), "{} {}", rule.country, rule.id_type);
        }
        assert_eq!(TEST_NUMBERS.len(), RULES.len(), "a test number for an ID type that is gone");
    }
}
