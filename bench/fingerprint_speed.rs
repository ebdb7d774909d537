//! How fast dispatches are fingerprinted for grouping stories, and what the fingerprints are:
//! reads every file under a folder into memory, fingerprints each whole file as a body
//! `RUNS` times (default 7), and prints the fastest run in MB/s with a digest of all the
//! fingerprints. Two builds with the same digest give the same stories; a change to the
//! fingerprint that is meant to be only faster must keep the digest.
//!
//! Usage: fingerprint_speed FOLDER

use std::time::Instant;

use dateline::stories::Fingerprint;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::args()
        .nth(1)
        .ok_or("usage: fingerprint_speed FOLDER")?;
    let runs: usize = match std::env::var("RUNS") {
        Ok(runs) => runs.parse()?,
        Err(_) => 7,
    };
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(&folder).sort_by_file_name() {
        let entry = entry?;
        if entry.file_type().is_file() {
            texts.push(String::from_utf8_lossy(&std::fs::read(entry.path())?).into_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut fastest = f64::MAX;
    let mut digest = 0u64;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let fingerprints: Vec<Fingerprint> = texts.iter().map(|t| Fingerprint::of(t)).collect();
        fastest = fastest.min(start.elapsed().as_secs_f64());
        digest = fingerprints
            .iter()
            .flat_map(Fingerprint::to_words)
            .fold(0, |digest: u64, word| {
                (digest.rotate_left(7) ^ word).wrapping_mul(0x100_0000_01b3)
            });
    }
    println!(
        "{} texts, {:.1} MB: fastest of {runs} runs {:.3} s, {:.0} MB/s; digest {digest:016x}",
        texts.len(),
        bytes as f64 / 1e6,
        fastest,
        bytes as f64 / 1e6 / fastest
    );
    Ok(())
}
