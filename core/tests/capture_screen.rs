//! The camera screen's decisions (prompts, timeout, one outcome), driven like a platform screen
//! drives them: events and frames built from the real test photographs, times passed in.

mod capture_util;

use std::collections::HashMap;

use capture_util::{pack, photo, region_for, view, OwnedFrame, Packing, Region};
use smileid_core::capture::{
    CaptureOptions, CaptureScreen, CaptureSession, Outcome, Prompts, ScreenOptions, ScreenView,
};
use smileid_core::TagStore;

const W: u32 = 480;
const H: u32 = 640;

/// Frames of Grace Hopper's still face, framed for capture (three framings in turn).
fn face_frames() -> Vec<OwnedFrame> {
    let (rgb, face) = photo("grace_hopper.jpg");
    let face = face.unwrap();
    [(0.18, 0.0, 0.0), (0.185, 0.01, -0.01), (0.19, -0.01, 0.01)]
        .iter()
        .map(|&(fill, dx, dy)| {
            let picture = view(&rgb, region_for(&face, W, H, fill, dx, dy), W, H, 1.0);
            pack(&picture, 90, Packing::Nv21Contiguous)
        })
        .collect()
}

/// A frame of a coffee cup: no face in it.
fn empty_frame() -> OwnedFrame {
    let (coffee, _) = photo("no_face_coffee.jpg");
    let picture = view(&coffee, Region { x: 0.0, y: -50.0, width: 375.0 }, W, H, 1.0);
    pack(&picture, 90, Packing::Nv21Contiguous)
}

fn feed(screen: &mut CaptureScreen, owned: &OwnedFrame, t: u64) -> ScreenView {
    let planes = owned.planes();
    screen.frame(&owned.frame(&planes, t), t)
}

fn screen(store: &TagStore, tag: &str, options: ScreenOptions) -> CaptureScreen {
    let options_3 = CaptureOptions { liveness_frames: 3, ..CaptureOptions::default() };
    CaptureScreen::new(CaptureSession::new(store, Some(tag), options_3).unwrap(), options)
}

fn failed_code(view: &ScreenView) -> &str {
    match &view.outcome {
        Some(Outcome::Failed { code, .. }) => code,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn frames_draw_prompts_and_progress_until_the_tag_and_later_events_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let mut s = screen(&store, "screen-tag", ScreenOptions::default());
    let start = s.view();
    assert_eq!(
        (start.prompt_key, start.prompt.as_str()),
        ("starting_camera", "Starting the camera…")
    );
    assert_eq!((start.captured, start.total, start.outcome), (0, 4, None));

    let v = feed(&mut s, &empty_frame(), 0);
    assert_eq!((v.prompt_key, v.prompt.as_str()), ("no_face", "Put your face in the frame"));
    let frames = face_frames();
    let mut seen = Vec::new();
    let mut t = 100;
    let done = loop {
        let v = feed(&mut s, &frames[seen.len() % 3], t);
        if v.outcome.is_some() {
            break v;
        }
        assert!(v.captured >= seen.last().map_or(0, |p: &ScreenView| p.captured));
        seen.push(v);
        t += 100;
        assert!(seen.len() < 100, "no capture: {seen:?}");
    };
    assert!(seen.iter().any(|v| v.prompt_key == "capturing" && v.prompt == "Capturing…"));
    assert_eq!(done.outcome, Some(Outcome::Captured { tag: "screen-tag".into() }));
    assert_eq!((done.prompt_key, done.captured, done.total, done.fraction()), ("done", 4, 4, 1.0));
    assert!(store.exists("screen-tag").unwrap());

    // The user presses back as the screen closes, the timer fires: the capture stands.
    assert_eq!(s.cancel().outcome, done.outcome);
    assert_eq!(s.tick(t + 10_000_000).outcome, done.outcome);
    assert_eq!(s.camera_unavailable("disconnected").outcome, done.outcome);
    assert!(store.exists("screen-tag").unwrap());
}

#[test]
fn the_timeout_counts_from_the_first_frame_not_from_the_permission_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let options = ScreenOptions { timeout_ms: 5_000, ..ScreenOptions::default() };
    let mut s = screen(&store, "slow", options);
    assert_eq!(s.permission_requested().prompt_key, "camera_permission");
    // The user takes a minute to answer the permission prompt: no frame, no timeout.
    assert_eq!(s.tick(60_000).outcome, None);
    let empty = empty_frame();
    assert_eq!(feed(&mut s, &empty, 70_000).prompt_key, "no_face");
    assert_eq!(s.permission_requested().prompt_key, "no_face", "frames are flowing");
    assert_eq!(s.tick(74_999).outcome, None);
    let v = s.tick(75_000);
    assert_eq!(failed_code(&v), "capture_timeout");
    let Some(Outcome::Failed { message, .. }) = &v.outcome else { unreachable!() };
    assert!(message.contains("5000 ms"), "{message}");
    // A frame or a cancel after the timeout is ignored.
    assert_eq!(failed_code(&feed(&mut s, &face_frames()[0], 75_100)), "capture_timeout");
    assert_eq!(failed_code(&s.cancel()), "capture_timeout");
    assert!(!store.exists("slow").unwrap());
}

#[test]
fn frames_alone_time_out_when_no_timer_fires() {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let mut s = screen(&store, "t", ScreenOptions { timeout_ms: 1_000, ..Default::default() });
    let empty = empty_frame();
    assert_eq!(feed(&mut s, &empty, 10).outcome, None);
    assert_eq!(failed_code(&feed(&mut s, &empty, 1_010)), "capture_timeout");
}

#[test]
fn cancel_permission_and_camera_failures_settle_once_and_save_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let frames = face_frames();

    let mut s = screen(&store, "cancelled", ScreenOptions::default());
    for (i, t) in [0u64, 100, 200, 300, 400].iter().enumerate() {
        feed(&mut s, &frames[i % 3], *t);
    }
    assert_eq!(failed_code(&s.cancel()), "capture_cancelled");
    assert_eq!(failed_code(&s.permission_denied()), "capture_cancelled");
    for (i, t) in (500..3_000).step_by(100).enumerate() {
        assert_eq!(failed_code(&feed(&mut s, &frames[i % 3], t)), "capture_cancelled");
    }
    assert!(!store.exists("cancelled").unwrap(), "a cancelled capture saves nothing");

    let mut s = screen(&store, "denied", ScreenOptions::default());
    assert_eq!(failed_code(&s.permission_denied()), "camera_permission_denied");
    let mut s = screen(&store, "busy", ScreenOptions::default());
    let v = s.camera_unavailable("another app holds the camera");
    assert_eq!(failed_code(&v), "camera_unavailable");
    let Some(Outcome::Failed { message, .. }) = v.outcome else { unreachable!() };
    assert!(message.ends_with("another app holds the camera"), "{message}");
}

#[test]
fn a_frame_the_session_refuses_ends_the_screen_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let mut s = screen(&store, "bad", ScreenOptions::default());
    let owned = empty_frame();
    let planes = owned.planes();
    let frame = owned.frame(&planes, 0);
    let short = smileid_core::capture::Frame { width: frame.width * 2, ..frame };
    assert_eq!(failed_code(&s.frame(&short, 0)), "invalid_image");
}

#[test]
fn the_app_replaces_prompts_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let store = TagStore::open(dir.path()).unwrap();
    let french = HashMap::from([
        ("no_face".to_string(), "Placez votre visage dans le cadre".to_string()),
        ("camera_permission".to_string(), "Autorisez la caméra".to_string()),
    ]);
    let prompts = Prompts::with_replacements(&french).unwrap();
    let mut s = screen(&store, "fr", ScreenOptions { prompts, ..ScreenOptions::default() });
    assert_eq!(s.permission_requested().prompt, "Autorisez la caméra");
    assert_eq!(feed(&mut s, &empty_frame(), 0).prompt, "Placez votre visage dans le cadre");
}
