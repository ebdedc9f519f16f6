//! The words the capture screen shows: one stable key per screen state, English by default,
//! any of them replaceable by the app (its language, its tone).

use std::collections::HashMap;

use super::guidance::Guidance;
use crate::error::{Error, Result};

/// Every prompt key with its English text: the close button's label, the two prompts shown
/// before any frame is analysed, then one per [`Guidance`] of the last frame ([`Guidance::key`]).
pub const ENGLISH: [(&str, &str); 14] = [
    ("cancel", "Cancel"),
    ("starting_camera", "Starting the camera…"),
    ("camera_permission", "Allow camera access to take your selfie"),
    ("no_face", "Put your face in the frame"),
    ("multiple_faces", "Only one face, please"),
    ("move_closer", "Move closer"),
    ("move_back", "Move back a little"),
    ("center_face", "Centre your face"),
    ("look_straight", "Look straight at the camera"),
    ("too_dark", "Move to a brighter place"),
    ("hold_still", "Hold still"),
    ("smile", "Smile!"),
    ("capturing", "Capturing…"),
    ("done", "Done"),
];

/// The prompt texts by key: [`ENGLISH`] with the app's replacements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompts {
    texts: HashMap<&'static str, String>,
}

impl Default for Prompts {
    fn default() -> Self {
        Prompts { texts: ENGLISH.iter().map(|&(key, text)| (key, text.to_string())).collect() }
    }
}

impl Prompts {
    /// English, with each key of `replacements` replaced by its text. An unknown key or an empty
    /// text is refused, so a typo does not silently leave the English one in place.
    pub fn with_replacements(replacements: &HashMap<String, String>) -> Result<Self> {
        let mut prompts = Prompts::default();
        for (key, text) in replacements {
            let field = format!("options.prompts.{key}");
            let Some((known, _)) = ENGLISH.iter().find(|(k, _)| k == key) else {
                let keys: Vec<&str> = ENGLISH.iter().map(|(k, _)| *k).collect();
                let reason = format!("unknown prompt key; use one of {}", keys.join(", "));
                return Err(Error::InvalidInput { field, reason });
            };
            if text.trim().is_empty() {
                return Err(Error::invalid(&field, "is empty; give a text or leave the key out"));
            }
            prompts.texts.insert(known, text.clone());
        }
        Ok(prompts)
    }

    /// The text for `key` (one of [`ENGLISH`]'s keys).
    pub fn text(&self, key: &str) -> &str {
        self.texts.get(key).map_or("", String::as_str)
    }
}

impl Guidance {
    /// The stable prompt key of this guidance, e.g. `no_face`, `move_closer`, `capturing`.
    pub fn key(&self) -> &'static str {
        match self {
            Guidance::NoFace => "no_face",
            Guidance::MultipleFaces => "multiple_faces",
            Guidance::MoveCloser => "move_closer",
            Guidance::MoveBack => "move_back",
            Guidance::CenterFace => "center_face",
            Guidance::LookStraight => "look_straight",
            Guidance::TooDark => "too_dark",
            Guidance::HoldStill => "hold_still",
            Guidance::Smile => "smile",
            Guidance::Capturing { .. } => "capturing",
            Guidance::Done { .. } => "done",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guidance_has_an_english_prompt_and_replacements_are_checked() {
        let all = [
            Guidance::NoFace,
            Guidance::MultipleFaces,
            Guidance::MoveCloser,
            Guidance::MoveBack,
            Guidance::CenterFace,
            Guidance::LookStraight,
            Guidance::TooDark,
            Guidance::HoldStill,
            Guidance::Smile,
            Guidance::Capturing { captured: 1, total: 8 },
            Guidance::Done { tag: "t".into() },
        ];
        let english = Prompts::default();
        for g in &all {
            assert!(!english.text(g.key()).is_empty(), "{g:?} has no prompt");
        }
        let keys: std::collections::HashSet<_> = ENGLISH.iter().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), ENGLISH.len(), "keys are unique");

        let french = HashMap::from([("no_face".to_string(), "Montrez votre visage".to_string())]);
        let prompts = Prompts::with_replacements(&french).unwrap();
        assert_eq!(prompts.text("no_face"), "Montrez votre visage");
        assert_eq!(prompts.text("smile"), "Smile!");

        let typo = HashMap::from([("no_fce".to_string(), "x".to_string())]);
        let err = Prompts::with_replacements(&typo).unwrap_err();
        assert_eq!(err.field(), Some("options.prompts.no_fce"));
        assert!(err.to_string().contains("move_closer"), "{err}");
        let empty = HashMap::from([("smile".to_string(), " ".to_string())]);
        let err = Prompts::with_replacements(&empty).unwrap_err();
        assert_eq!(err.field(), Some("options.prompts.smile"));
    }
}
