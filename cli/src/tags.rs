//! `smileid tags`: list tags, or delete one.

use std::path::Path;

use clap::Args;
use smileid_core::{Result, TagStore};

#[derive(Args)]
pub struct TagsArgs {
    /// Delete this tag instead of listing.
    #[arg(long)]
    delete: Option<String>,
}

pub fn run(store: &Path, args: TagsArgs) -> Result<()> {
    let store = TagStore::open(store)?;
    if let Some(tag) = args.delete {
        store.delete(&tag)?;
        println!("deleted {tag}");
        return Ok(());
    }
    let tags = store.list()?;
    if tags.is_empty() {
        println!("no tags in {}", store.root().display());
    }
    for t in tags {
        let i = &t.images;
        println!(
            "{}\t{}\t{}\tselfie:{} liveness:{} id_front:{} id_back:{}",
            t.tag,
            t.meta.created_at,
            t.meta.source,
            u8::from(i.selfie.is_some()),
            i.liveness.len(),
            u8::from(i.id_card_front.is_some()),
            u8::from(i.id_card_back.is_some())
        );
    }
    Ok(())
}
