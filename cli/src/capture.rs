//! `smileid capture`: make a tag from photo files.

use std::path::{Path, PathBuf};

use clap::Args;
use smileid_core::capture::{capture_from_files, CaptureOptions};
use smileid_core::{Error, Result, TagStore};

#[derive(Args)]
pub struct CaptureArgs {
    /// Tag name (default: generated).
    #[arg(long)]
    tag: Option<String>,
    /// The selfie photo (JPEG or PNG) with exactly one face.
    #[arg(long)]
    selfie: PathBuf,
    /// A folder of liveness photos (JPEG/PNG); without it they are derived from the selfie.
    #[arg(long)]
    liveness_dir: Option<PathBuf>,
}

fn read(path: &Path, field: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::InvalidInput {
        field: field.into(),
        reason: format!("cannot read the file: {e}"),
    })
}

pub fn run(store: &Path, args: CaptureArgs) -> Result<()> {
    let store = TagStore::open(store)?;
    let selfie = read(&args.selfie, "selfie")?;
    let mut liveness = Vec::new();
    if let Some(dir) = &args.liveness_dir {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::InvalidInput {
            field: "liveness_dir".into(),
            reason: format!("cannot read the folder: {e}"),
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| {
                    ["jpg", "jpeg", "png"].contains(&x.to_string_lossy().to_lowercase().as_str())
                })
            })
            .collect();
        paths.sort();
        for path in paths {
            liveness.push(read(&path, "liveness_dir")?);
        }
    }
    let tag = capture_from_files(
        &store,
        args.tag.as_deref(),
        &selfie,
        &liveness,
        &CaptureOptions::default(),
    )?;
    println!("{tag}");
    Ok(())
}
