//! `smileid capture`: make a tag from photo files: a selfie, and a document for jobs 6 and 11.

use std::path::{Path, PathBuf};

use clap::Args;
use smileid_core::capture::{
    capture_from_files, check_document, save_document, CaptureOptions, CheckedDocument,
};
use smileid_core::{Error, Result, TagStore};

#[derive(Args)]
pub struct CaptureArgs {
    /// Tag name (default: generated; required to add a document to an existing tag).
    #[arg(long)]
    tag: Option<String>,
    /// The selfie photo (JPEG or PNG) with exactly one face. Without it, --document-front adds
    /// the document to the existing --tag.
    #[arg(long, required_unless_present = "document_front")]
    selfie: Option<PathBuf>,
    /// A folder of liveness photos (JPEG/PNG); without it they are derived from the selfie.
    #[arg(long, requires = "selfie")]
    liveness_dir: Option<PathBuf>,
    /// The document's front (JPEG or PNG), for Document Verification (jobs 6 and 11).
    #[arg(long)]
    document_front: Option<PathBuf>,
    /// The document's back, if it has one.
    #[arg(long, requires = "document_front")]
    document_back: Option<PathBuf>,
}

fn read(path: &Path, field: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::InvalidInput {
        field: field.into(),
        reason: format!("cannot read the file: {e}"),
    })
}

/// Reads and checks a document side; `field` is `front` or `back`.
fn document(path: Option<&Path>, field: &str) -> Result<Option<CheckedDocument>> {
    path.map(|p| check_document(&read(p, field)?, field)).transpose()
}

pub fn run(store: &Path, args: CaptureArgs) -> Result<()> {
    let store = TagStore::open(store)?;
    // The document is checked first, so a refused one leaves no new selfie behind either.
    let front = document(args.document_front.as_deref(), "front")?;
    let back = document(args.document_back.as_deref(), "back")?;
    let tag = match &args.selfie {
        Some(selfie) => capture_selfie(&store, &args, selfie)?,
        None => args.tag.clone().ok_or_else(|| Error::InvalidInput {
            field: "tag".into(),
            reason: "give the tag to add the document to, or a --selfie to capture a new one"
                .into(),
        })?,
    };
    if let Some(front) = &front {
        save_document(&store, &tag, front, back.as_ref())?;
    }
    println!("{tag}");
    Ok(())
}

fn capture_selfie(store: &TagStore, args: &CaptureArgs, selfie: &Path) -> Result<String> {
    let selfie = read(selfie, "selfie")?;
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
    capture_from_files(store, args.tag.as_deref(), &selfie, &liveness, &CaptureOptions::default())
}
