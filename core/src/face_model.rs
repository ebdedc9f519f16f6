//! The compact form of the SeetaFace model the library embeds: `build.rs` makes it from
//! `assets/seeta_fd_frontal_v1.0.bin` with this module's walk, and the face detector expands it
//! once with [`Expander`].
//!
//! The model is 1.2 MB of little-endian i32 and f32 words. The compact form keeps every i32 and
//! stores each run of floats (a weight row, a bias vector, a bin table) as one f32 scale plus
//! 16-bit integers, then deflates the lot: 0.6 MB instead of 1.2 MB in the library. 16 bits per
//! weight keep the detector's results (tested against the original model in `face.rs`); 12 bits
//! move scores by up to 17 %, 8 bits or bfloat16 move boxes and flip cascade decisions.

use std::io::{self, Read};

/// How the model file is laid out: the reader of `rustface::read_model`, as a walk that reports
/// each i32 it reads and each run of f32 it passes.
pub trait Visitor {
    /// The next i32 of the model.
    fn int(&mut self) -> io::Result<i32>;
    /// A run of `count` floats.
    fn floats(&mut self, count: usize) -> io::Result<()>;
}

fn count(value: i32) -> io::Result<usize> {
    usize::try_from(value)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "negative count in face model"))
}

/// Walks a whole model: hierarchies of stages of LAB-boosted or SURF-MLP classifiers.
pub fn walk(v: &mut impl Visitor) -> io::Result<()> {
    for _ in 0..count(v.int()?)? {
        for _ in 0..count(v.int()?)? {
            for _ in 0..count(v.int()?)? {
                match v.int()? {
                    0 => {
                        // LAB boosted: feature points, thresholds, then a weight table per feature.
                        let (features, bins) = (count(v.int()?)?, count(v.int()?)?);
                        for _ in 0..2 * features {
                            v.int()?;
                        }
                        v.floats(features)?;
                        for _ in 0..features {
                            v.floats(bins + 1)?;
                        }
                    }
                    1 => {
                        // SURF MLP: feature ids, threshold, then per layer a weight row per output
                        // and the biases.
                        let (layers, features) = (count(v.int()?)?, count(v.int()?)?);
                        for _ in 0..features {
                            v.int()?;
                        }
                        v.floats(1)?;
                        let mut inputs = count(v.int()?)?;
                        for _ in 1..layers {
                            let outputs = count(v.int()?)?;
                            for _ in 0..outputs {
                                v.floats(inputs)?;
                            }
                            v.floats(outputs)?;
                            inputs = outputs;
                        }
                    }
                    kind => {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("unknown classifier kind {kind} in face model"),
                        ))
                    }
                }
            }
            let windows = v.int()?;
            for _ in 0..windows.max(0) {
                v.int()?;
            }
        }
    }
    Ok(())
}

pub fn read4(r: &mut impl Read) -> io::Result<[u8; 4]> {
    let mut b = [0; 4];
    r.read_exact(&mut b)?;
    Ok(b)
}

/// Reads the compact form (after inflating) from `src` and writes the model `rustface` reads.
pub struct Expander<R> {
    pub src: R,
    pub out: Vec<u8>,
}

impl<R: Read> Visitor for Expander<R> {
    fn int(&mut self) -> io::Result<i32> {
        let b = read4(&mut self.src)?;
        self.out.extend_from_slice(&b);
        Ok(i32::from_le_bytes(b))
    }

    fn floats(&mut self, count: usize) -> io::Result<()> {
        let scale = f32::from_le_bytes(read4(&mut self.src)?);
        let mut q = vec![0u8; 2 * count];
        self.src.read_exact(&mut q)?;
        for pair in q.chunks_exact(2) {
            let x = i16::from_le_bytes([pair[0], pair[1]]) as f32 * scale;
            self.out.extend_from_slice(&x.to_le_bytes());
        }
        Ok(())
    }
}
