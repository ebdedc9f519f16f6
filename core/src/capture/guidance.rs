//! What the user is told after each frame, and the checks behind it.

use super::frame::HeadPose;
use super::CaptureOptions;
use crate::face::FaceBox;

/// Mean grey level (0-255) below which a frame is too dark to capture: the face detector still
/// works lower, but the server's liveness and face match do not.
pub(crate) const MIN_BRIGHTNESS: f32 = 40.0;
/// The face centre may sit at most this share of the frame's width (height) off the centre.
pub(crate) const MAX_CENTER_OFFSET: f32 = 0.2;
/// Largest head yaw, pitch or roll (degrees) accepted when the platform reports a head pose.
pub(crate) const MAX_HEAD_ANGLE: f32 = 20.0;
/// Largest move of the face centre between consecutive frames, in face widths. The detector's
/// boxes jitter by about a tenth of a face width on a still face (window step and pyramid
/// scales), so a smaller limit would flag still faces.
pub(crate) const MAX_MOTION: f32 = 0.25;

/// Once a face is inside the face-fill band it may drift this share past either limit before
/// the advice changes. The detector's boxes come in steps of ~1.25x a side (~1.5x in area), so a
/// face near a limit would otherwise flip between "move closer" and capturing from frame to frame.
pub(crate) const FILL_HYSTERESIS: f32 = 0.2;

/// What the UI should show after a frame.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Guidance {
    /// No face in view.
    NoFace,
    /// More than one face in view: only the user should be in the picture.
    MultipleFaces,
    /// The face is too small (below the face-fill band).
    MoveCloser,
    /// The face is too large (above the face-fill band).
    MoveBack,
    /// The face is too far from the middle of the frame.
    CenterFace,
    /// The head is turned or tilted (only when the platform reports a head pose).
    LookStraight,
    /// The picture is too dark.
    TooDark,
    /// The face moved since the previous frame.
    HoldStill,
    /// Smile now (the second half of the liveness frames and the selfie want a smile).
    Smile,
    /// All is well; `captured` of `total` images are taken (liveness frames, then the selfie).
    Capturing { captured: u32, total: u32 },
    /// The tag is saved.
    Done { tag: String },
}

/// What one frame (or photo) shows, in the coordinates of the upright image analysed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scene<'a> {
    pub width: f32,
    pub height: f32,
    /// Mean grey level, 0-255.
    pub brightness: f32,
    pub faces: &'a [FaceBox],
    pub head_pose: Option<HeadPose>,
}

/// The checks a frame must pass before it can be captured, in the order the user should fix
/// them: light, face count, distance, centring, head pose. Returns the face when all pass.
/// `in_band`: the previous frame passed, so the face-fill band is widened by [`FILL_HYSTERESIS`].
pub(crate) fn assess(
    scene: &Scene<'_>,
    options: &CaptureOptions,
    in_band: bool,
) -> Result<FaceBox, Guidance> {
    if scene.brightness < MIN_BRIGHTNESS {
        return Err(Guidance::TooDark);
    }
    let face = match scene.faces {
        [] => return Err(Guidance::NoFace),
        [face] => *face,
        _ => return Err(Guidance::MultipleFaces),
    };
    let fill = face_fill(&face, scene.width, scene.height);
    let slack = if in_band { FILL_HYSTERESIS } else { 0.0 };
    if fill < options.face_fill_min * (1.0 - slack) {
        return Err(Guidance::MoveCloser);
    }
    if fill > options.face_fill_max * (1.0 + slack) {
        return Err(Guidance::MoveBack);
    }
    let (cx, cy) = face.center();
    if (cx / scene.width - 0.5).abs() > MAX_CENTER_OFFSET
        || (cy / scene.height - 0.5).abs() > MAX_CENTER_OFFSET
    {
        return Err(Guidance::CenterFace);
    }
    if scene
        .head_pose
        .is_some_and(|p| [p.yaw, p.pitch, p.roll].iter().any(|a| a.abs() > MAX_HEAD_ANGLE))
    {
        return Err(Guidance::LookStraight);
    }
    Ok(face)
}

/// Share of the image covered by the face box.
pub(crate) fn face_fill(face: &FaceBox, width: f32, height: f32) -> f32 {
    face.width * face.height / (width * height)
}

/// Whether the face moved too much between two consecutive frames of the same size.
pub(crate) fn moved(previous: &FaceBox, now: &FaceBox) -> bool {
    let ((px, py), (nx, ny)) = (previous.center(), now.center());
    (nx - px).hypot(ny - py) > MAX_MOTION * now.width
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A square face centred in a 100x100 image, covering `fill` of it.
    fn face(fill: f32) -> FaceBox {
        let side = (fill * 100.0 * 100.0).sqrt();
        FaceBox {
            x: 50.0 - side / 2.0,
            y: 50.0 - side / 2.0,
            width: side,
            height: side,
            score: 10.0,
        }
    }

    fn advice(fill: f32, in_band: bool) -> Result<FaceBox, Guidance> {
        let faces = [face(fill)];
        let scene = Scene {
            width: 100.0,
            height: 100.0,
            brightness: 128.0,
            faces: &faces,
            head_pose: None,
        };
        assess(&scene, &CaptureOptions::default(), in_band)
    }

    #[test]
    fn a_face_in_the_band_may_drift_one_detector_step_before_the_advice_changes() {
        let options = CaptureOptions::default();
        let (min, max) = (options.face_fill_min, options.face_fill_max);
        // Entering: the band as configured.
        assert_eq!(advice(min * 0.9, false), Err(Guidance::MoveCloser));
        assert_eq!(advice(max * 1.1, false), Err(Guidance::MoveBack));
        assert!(advice((min + max) / 2.0, false).is_ok());
        // Staying: the band widened on both sides, but not without end.
        assert!(advice(min * 0.9, true).is_ok());
        assert!(advice(max * 1.1, true).is_ok());
        assert_eq!(advice(min * 0.75, true), Err(Guidance::MoveCloser));
        assert_eq!(advice(max * 1.25, true), Err(Guidance::MoveBack));
    }
}
