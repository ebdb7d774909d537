//! Where an index's bytes go: for each field, its postings, positions, term dictionary, fast
//! column and norms, and the document store, summed over segments, with each part's share of
//! a corpus size when one is given. `bench/run.sh` prints it beside the index size.
//!
//! Usage: index_space INDEX_DIR [CORPUS_BYTES]

use std::collections::BTreeMap;

use tantivy::Index;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: index_space INDEX_DIR [CORPUS_BYTES]")?;
    let corpus: Option<f64> = args.next().map(|b| b.parse()).transpose()?;
    let index = Index::open_in_dir(&dir)?;
    let usage = index.reader()?.searcher().space_usage()?;
    let mut per_field: BTreeMap<String, [u64; 5]> = BTreeMap::new();
    let mut store = 0u64;
    for segment in usage.segments() {
        let parts = [
            segment.postings(),
            segment.positions(),
            segment.termdict(),
            segment.fast_fields(),
            segment.fieldnorms(),
        ];
        for (i, part) in parts.iter().enumerate() {
            for field_usage in part.fields() {
                let name = field_usage.field_name().to_string();
                per_field.entry(name).or_default()[i] += field_usage.total().get_bytes();
            }
        }
        store += segment.store().total().get_bytes();
    }
    let share = |bytes: u64| match corpus {
        Some(c) => format!("{:6.1}%", 100.0 * bytes as f64 / c),
        None => String::new(),
    };
    let mb = |bytes: u64| bytes as f64 / 1e6;
    println!(
        "{:<14} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "field", "postings", "positions", "terms", "fast", "norms", "total MB"
    );
    let mut sum = 0u64;
    for (name, parts) in &per_field {
        let total: u64 = parts.iter().sum();
        sum += total;
        println!(
            "{name:<14} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {}",
            mb(parts[0]),
            mb(parts[1]),
            mb(parts[2]),
            mb(parts[3]),
            mb(parts[4]),
            mb(total),
            share(total)
        );
    }
    println!("{:<14} {:>59.1} {}", "store", mb(store), share(store));
    println!(
        "{:<14} {:>59.1} {}",
        "total",
        mb(sum + store),
        share(sum + store)
    );
    Ok(())
}
