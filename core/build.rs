//! Makes the compact face model the library embeds (see `src/face_model.rs`).

use std::io::{self, Read, Write};
use std::path::PathBuf;

use flate2::write::DeflateEncoder;
use flate2::Compression;

// Shared with the library, which uses the expanding half.
#[allow(dead_code)]
#[path = "src/face_model.rs"]
mod face_model;

use face_model::{read4, walk, Visitor};

const MODEL: &str = "assets/seeta_fd_frontal_v1.0.bin";

/// Reads the original model from `src` and writes the compact form (before deflating) to `out`:
/// i32 words as they are, each run of floats as an f32 scale and 16-bit integers.
struct Compactor<R, W> {
    src: R,
    out: W,
}

impl<R: Read, W: Write> Visitor for Compactor<R, W> {
    fn int(&mut self) -> io::Result<i32> {
        let b = read4(&mut self.src)?;
        self.out.write_all(&b)?;
        Ok(i32::from_le_bytes(b))
    }

    fn floats(&mut self, count: usize) -> io::Result<()> {
        let values = (0..count)
            .map(|_| read4(&mut self.src).map(f32::from_le_bytes))
            .collect::<io::Result<Vec<_>>>()?;
        let scale = values.iter().fold(0f32, |m, x| m.max(x.abs())) / i16::MAX as f32;
        self.out.write_all(&scale.to_le_bytes())?;
        for x in values {
            let q = if scale == 0.0 { 0 } else { (x / scale).round() as i16 };
            self.out.write_all(&q.to_le_bytes())?;
        }
        Ok(())
    }
}

fn main() {
    println!("cargo::rerun-if-changed={MODEL}");
    println!("cargo::rerun-if-changed=src/face_model.rs");
    let original = std::fs::read(MODEL).expect("read the face model");
    let mut compactor =
        Compactor { src: &original[..], out: DeflateEncoder::new(Vec::new(), Compression::best()) };
    walk(&mut compactor).expect("the face model has the SeetaFace FuSt layout");
    assert!(compactor.src.is_empty(), "the face model has bytes after its last classifier");
    let compact = compactor.out.finish().expect("deflate the face model");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("face_model.deflate");
    std::fs::write(out, compact).expect("write the compact face model");
}
