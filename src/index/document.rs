//! Turning a parsed dispatch into a tantivy document.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use tantivy::{DateTime, TantivyDocument};

use crate::dispatch::Dispatch;
use crate::gazetteer::{self, ResolvedPlace};
use crate::index::Fields;

/// What the indexer knows of the file a dispatch came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: u64,
    /// Hash of the file's bytes.
    pub hash: u64,
}

/// Midnight UTC of a civil date, as tantivy's date type; `None` outside tantivy's range.
pub fn to_tantivy_date(date: jiff::civil::Date) -> Option<DateTime> {
    let seconds = date
        .to_zoned(jiff::tz::TimeZone::UTC)
        .ok()?
        .timestamp()
        .as_second();
    // tantivy stores nanoseconds in an i64: about 1677..2262. Never let the product overflow.
    seconds.checked_mul(1_000_000_000)?;
    Some(DateTime::from_timestamp_secs(seconds))
}

/// What the index records of a location.
struct PlaceInfo {
    resolved: Option<ResolvedPlace>,
    keys: Vec<String>,
    label: String,
}

/// Distinct locations remembered per parser thread; wire archives repeat a few thousand places.
const PLACE_CACHE_SIZE: usize = 16_384;

thread_local! {
    static PLACE_CACHE: RefCell<HashMap<String, Rc<PlaceInfo>>> = RefCell::new(HashMap::new());
}

/// Resolves a location, once per distinct spelling and thread.
fn place_of(location: &str) -> Rc<PlaceInfo> {
    PLACE_CACHE.with(|cache| {
        if let Some(info) = cache.borrow().get(location) {
            return Rc::clone(info);
        }
        let resolved = gazetteer::resolve(location);
        let keys = gazetteer::place_keys(location, resolved.as_ref());
        // Listed under the most precise name resolved, else as written.
        let label = resolved
            .as_ref()
            .and_then(|p| {
                p.city
                    .clone()
                    .or_else(|| p.region.clone())
                    .or_else(|| p.country.clone())
            })
            .unwrap_or_else(|| location.to_string());
        let info = Rc::new(PlaceInfo {
            resolved,
            keys,
            label,
        });
        let mut cache = cache.borrow_mut();
        if cache.len() >= PLACE_CACHE_SIZE {
            cache.clear();
        }
        cache.insert(location.to_string(), Rc::clone(&info));
        info
    })
}

/// Builds the document stored for the dispatch at `key`.
pub fn build(fields: &Fields, key: &str, stamp: FileStamp, dispatch: &Dispatch) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, key);
    if let Some(headline) = &dispatch.headline {
        doc.add_text(fields.headline, headline);
    }
    if let Some(dateline) = &dispatch.dateline {
        doc.add_text(fields.dateline, dateline);
    }
    if let Some(agency) = &dispatch.agency {
        doc.add_text(fields.agency, agency);
    }
    doc.add_text(fields.body, &dispatch.body);
    if let Some(date) = dispatch.date.and_then(to_tantivy_date) {
        doc.add_date(fields.date, date);
    }
    if let Some(location) = &dispatch.location {
        doc.add_text(fields.location, location);
        let place = place_of(location);
        for key in &place.keys {
            doc.add_text(fields.place, key);
        }
        doc.add_text(fields.place_label, &place.label);
        if let Some(resolved) = &place.resolved {
            let parts = [
                (fields.city, &resolved.city),
                (fields.region, &resolved.region),
                (fields.country, &resolved.country),
                (fields.country_code, &resolved.country_code),
            ];
            for (field, value) in parts {
                if let Some(value) = value {
                    doc.add_text(field, value);
                }
            }
        }
    }
    doc.add_u64(fields.size, stamp.size);
    doc.add_u64(fields.mtime_ns, stamp.mtime_ns);
    doc.add_u64(fields.hash, stamp.hash);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_convert_to_midnight_utc() {
        let dt = to_tantivy_date(date(2017, 10, 30)).unwrap();
        assert_eq!(dt.into_timestamp_secs(), 1_509_321_600);
        assert!(to_tantivy_date(date(1800, 1, 1)).is_some());
        assert!(to_tantivy_date(date(1600, 1, 1)).is_none());
    }
}
