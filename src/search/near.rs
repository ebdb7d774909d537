//! Dispatches filed near a place: `--near PLACE --within KM`. The index holds each resolved
//! city's latitude and longitude as fast fields; a search keeps the dispatches inside the
//! circle's bounding box (range queries on those fields), then those within the exact
//! great-circle distance.

use std::ops::Bound;

use tantivy::columnar::Column;
use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query, RangeQuery, Scorer, Weight,
};
use tantivy::schema::Field;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use crate::error::{Error, Result};
use crate::gazetteer;
use crate::geo::{Coordinates, MAX_DISTANCE_KM};
use crate::index::Fields;
use crate::index::schema::{LATITUDE, LONGITUDE};

/// How far from `--near` a dispatch may be filed when `--within` is not given: a city and its
/// suburbs and neighbours (Tokyo and Yokohama, 29 km apart), not the next city (Osaka, 400 km).
pub const DEFAULT_WITHIN_KM: f64 = 50.0;

/// A circle on the Earth: dispatches filed within `within_km` of `center`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    /// The point distances are measured from.
    pub center: Coordinates,
    /// The greatest distance, in kilometres.
    pub within_km: f64,
}

impl Near {
    /// Reads `--near` as `LAT,LON` in degrees or as a city the gazetteer knows ("Tokyo",
    /// "PORTLAND, Maine"), with `--within` in kilometres.
    pub fn parse(near: &str, within_km: f64) -> Result<Near> {
        if !within_km.is_finite() || within_km <= 0.0 {
            return Err(Error::BadQuery(format!(
                "--within must be a distance in kilometres greater than 0, not {within_km}"
            )));
        }
        let center = match coordinates(near) {
            Some(point) => point?,
            None => place_coordinates(near)?,
        };
        Ok(Near {
            center,
            within_km: within_km.min(MAX_DISTANCE_KM),
        })
    }

    /// Distance from the center to `point`, kilometres.
    pub fn distance_km(&self, point: &Coordinates) -> f64 {
        self.center.distance_km(point)
    }

    /// Distance from the center to a place at `latitude`, `longitude` when it has both.
    pub fn distance_to(&self, latitude: Option<f64>, longitude: Option<f64>) -> Option<f64> {
        let point = Coordinates::new(latitude?, longitude?)?;
        Some(self.distance_km(&point))
    }

    /// The dispatches filed within the circle, as a query.
    pub(crate) fn query(&self, fields: &Fields) -> Box<dyn Query> {
        Box::new(NearQuery {
            near: *self,
            latitude: fields.latitude,
            longitude: fields.longitude,
        })
    }
}

/// `LAT,LON` when the text is two numbers separated by a comma: the point, or why it is none.
fn coordinates(text: &str) -> Option<Result<Coordinates>> {
    let (lat, lon) = text.split_once(',')?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    Some(Coordinates::new(lat, lon).ok_or_else(|| {
        Error::BadQuery(format!(
            "--near '{text}': latitude must be from -90 to 90 and longitude from -180 to 180"
        ))
    }))
}

/// The coordinates of the city `text` names.
fn place_coordinates(text: &str) -> Result<Coordinates> {
    let Some(place) = gazetteer::resolve(text) else {
        return Err(Error::BadQuery(format!(
            "--near '{text}' is not a place the gazetteer knows: give a city or LAT,LON (e.g. 35.68,139.69)"
        )));
    };
    place
        .latitude
        .zip(place.longitude)
        .and_then(|(lat, lon)| Coordinates::new(lat, lon))
        .ok_or_else(|| {
            Error::BadQuery(format!(
                "--near '{text}' names a region or country, not a city: give a city or LAT,LON"
            ))
        })
}

/// The dispatches whose place lies within a circle: the bounding box by range, then the
/// exact distance. Scores nothing, so it never changes how the hits it keeps are ranked.
#[derive(Debug, Clone)]
struct NearQuery {
    near: Near,
    latitude: Field,
    longitude: Field,
}

impl NearQuery {
    /// The dispatches within the circle's bounding box.
    fn bounding_box(&self) -> BooleanQuery {
        let bbox = self.near.center.bounding_box(self.near.within_km);
        let range = |field: Field, low: f64, high: f64| -> Box<dyn Query> {
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_f64(field, low)),
                Bound::Included(Term::from_field_f64(field, high)),
            ))
        };
        let longitudes: Vec<(Occur, Box<dyn Query>)> = bbox
            .longitudes
            .iter()
            .map(|(west, east)| (Occur::Should, range(self.longitude, *west, *east)))
            .collect();
        BooleanQuery::new(vec![
            (Occur::Must, range(self.latitude, bbox.south, bbox.north)),
            (Occur::Must, Box::new(BooleanQuery::new(longitudes))),
        ])
    }
}

impl Query for NearQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(NearWeight {
            bounding_box: self.bounding_box().weight(enable_scoring)?,
            near: self.near,
        }))
    }
}

struct NearWeight {
    bounding_box: Box<dyn Weight>,
    near: Near,
}

impl Weight for NearWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let fast = reader.fast_fields();
        let (Some(latitude), Some(longitude)) = (
            fast.column_opt::<f64>(LATITUDE)?,
            fast.column_opt::<f64>(LONGITUDE)?,
        ) else {
            return Ok(Box::new(EmptyScorer));
        };
        let mut scorer = NearScorer {
            inner: self.bounding_box.scorer(reader, 0.0)?,
            latitude,
            longitude,
            near: self.near,
        };
        scorer.skip_outside();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 0.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is not within {} km",
                self.near.within_km
            )));
        }
        Ok(Explanation::new("within the distance", 0.0))
    }
}

/// The bounding box's dispatches, less those beyond the distance.
struct NearScorer {
    inner: Box<dyn Scorer>,
    latitude: Column<f64>,
    longitude: Column<f64>,
    near: Near,
}

impl NearScorer {
    fn within(&self, doc: DocId) -> bool {
        self.near
            .distance_to(self.latitude.first(doc), self.longitude.first(doc))
            .is_some_and(|d| d <= self.near.within_km)
    }

    /// Moves on from the current document to the first within the distance.
    fn skip_outside(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED && !self.within(doc) {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for NearScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance();
        self.skip_outside()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target);
        self.skip_outside()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for NearScorer {
    fn score(&mut self) -> Score {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_reads_coordinates_or_a_city() {
        let point = Near::parse("35.68,139.69", 10.0).unwrap();
        assert_eq!(point.center, Coordinates::new(35.68, 139.69).unwrap());
        assert_eq!(point.within_km, 10.0);
        let spaced = Near::parse(" -33.9 , 18.4 ", 5.0).unwrap();
        assert_eq!(spaced.center.latitude, -33.9);
        let tokyo = Near::parse("Tokyo", DEFAULT_WITHIN_KM).unwrap();
        assert!((tokyo.center.latitude - 35.69).abs() < 0.01);
        let portland = Near::parse("PORTLAND, Maine", 1.0).unwrap();
        assert!(portland.center.longitude < -69.0);
        let far = Near::parse("0,0", 1e9).unwrap();
        assert_eq!(far.within_km, MAX_DISTANCE_KM);
    }

    #[test]
    fn a_bad_near_or_within_says_what_to_give() {
        let message = |near: &str, within: f64| Near::parse(near, within).unwrap_err().to_string();
        assert!(message("Qqzzyx", 50.0).contains("not a place the gazetteer knows"));
        assert!(message("Japan", 50.0).contains("not a city"));
        assert!(message("95,10", 50.0).contains("latitude must be from -90 to 90"));
        assert!(message("10,200", 50.0).contains("longitude"));
        assert!(message("Tokyo", 0.0).contains("greater than 0"));
        assert!(message("Tokyo", -3.0).contains("greater than 0"));
        assert!(message("Tokyo", f64::NAN).contains("greater than 0"));
        assert!(!message("", 50.0).contains('\n'));
    }

    #[test]
    fn distances_need_both_coordinates() {
        let tokyo = Near::parse("35.69,139.692", 50.0).unwrap();
        let yokohama = tokyo.distance_to(Some(35.433), Some(139.65)).unwrap();
        assert!((yokohama - 28.8).abs() < 0.5);
        assert_eq!(tokyo.distance_to(None, Some(139.65)), None);
    }
}
