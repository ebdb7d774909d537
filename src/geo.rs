//! Points on the Earth and the distances between them: the great-circle (haversine) distance on
//! a sphere of the mean Earth radius, and the latitude/longitude box that holds every point
//! within a distance, which an index can filter by range before the exact distance is computed.

/// Mean Earth radius (IUGG), in kilometres: the radius the `geo` crate's `Haversine` uses.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Half the Earth's circumference: no two points are farther apart than this.
pub const MAX_DISTANCE_KM: f64 = std::f64::consts::PI * EARTH_RADIUS_KM;

/// A point given by latitude and longitude in degrees (WGS 84, as GeoNames gives them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    /// Degrees north of the equator, -90 to 90.
    pub latitude: f64,
    /// Degrees east of Greenwich, -180 to 180.
    pub longitude: f64,
}

impl Coordinates {
    /// The point at `latitude`, `longitude`; none unless both are finite and in range.
    pub fn new(latitude: f64, longitude: f64) -> Option<Coordinates> {
        let valid = (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
        valid.then_some(Coordinates {
            latitude,
            longitude,
        })
    }

    /// Great-circle distance to `other` in kilometres (haversine formula, mean Earth radius).
    pub fn distance_km(&self, other: &Coordinates) -> f64 {
        let (lat1, lat2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let half_dlat = (lat2 - lat1) / 2.0;
        let half_dlon = (other.longitude - self.longitude).to_radians() / 2.0;
        let a = half_dlat.sin().powi(2) + lat1.cos() * lat2.cos() * half_dlon.sin().powi(2);
        // Rounding can push `a` a hair past 1 for antipodal points.
        2.0 * EARTH_RADIUS_KM * a.clamp(0.0, 1.0).sqrt().asin()
    }

    /// The smallest latitude/longitude box holding every point within `radius_km` of this one.
    pub fn bounding_box(&self, radius_km: f64) -> BoundingBox {
        let angular = radius_km.max(0.0) / EARTH_RADIUS_KM;
        let south = self.latitude - angular.to_degrees();
        let north = self.latitude + angular.to_degrees();
        if south <= -90.0 || north >= 90.0 || angular >= std::f64::consts::FRAC_PI_2 {
            // The circle holds a pole: every longitude is within reach near it.
            return BoundingBox {
                south: south.max(-90.0),
                north: north.min(90.0),
                longitudes: vec![(-180.0, 180.0)],
            };
        }
        // The widest longitude span of the circle (Bounding Coordinates, J. P. Matuschek).
        let spread = (angular.sin() / self.latitude.to_radians().cos())
            .clamp(-1.0, 1.0)
            .asin()
            .to_degrees();
        let (west, east) = (self.longitude - spread, self.longitude + spread);
        let longitudes = if west < -180.0 {
            vec![(west + 360.0, 180.0), (-180.0, east)]
        } else if east > 180.0 {
            vec![(west, 180.0), (-180.0, east - 360.0)]
        } else {
            vec![(west, east)]
        };
        BoundingBox {
            south,
            north,
            longitudes,
        }
    }
}

/// A box of latitudes and longitudes; two longitude ranges when it crosses the 180th meridian.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundingBox {
    /// Southern edge, degrees.
    pub south: f64,
    /// Northern edge, degrees.
    pub north: f64,
    /// West-to-east longitude ranges, degrees, each within -180 to 180.
    pub longitudes: Vec<(f64, f64)>,
}

impl BoundingBox {
    /// Whether `point` lies in the box.
    pub fn contains(&self, point: &Coordinates) -> bool {
        (self.south..=self.north).contains(&point.latitude)
            && self
                .longitudes
                .iter()
                .any(|(w, e)| (*w..=*e).contains(&point.longitude))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(latitude: f64, longitude: f64) -> Coordinates {
        Coordinates::new(latitude, longitude).unwrap()
    }

    #[test]
    fn known_distances() {
        let tokyo = at(35.69, 139.692);
        let yokohama = at(35.433, 139.65);
        let osaka = at(34.694, 135.501);
        assert!((tokyo.distance_km(&yokohama) - 28.8).abs() < 0.5);
        assert!((tokyo.distance_km(&osaka) - 396.0).abs() < 3.0);
        // London to Paris is about 344 km; a degree of latitude is 111.2 km.
        assert!((at(51.507, -0.128).distance_km(&at(48.857, 2.352)) - 343.5).abs() < 1.0);
        assert!((at(0.0, 0.0).distance_km(&at(1.0, 0.0)) - 111.195).abs() < 0.001);
        assert_eq!(tokyo.distance_km(&tokyo), 0.0);
        let antipode = at(-35.69, 139.692 - 180.0);
        assert!((tokyo.distance_km(&antipode) - MAX_DISTANCE_KM).abs() < 1e-6);
        assert_eq!(
            tokyo.distance_km(&yokohama),
            yokohama.distance_km(&tokyo),
            "symmetric"
        );
    }

    #[test]
    fn coordinates_out_of_range_are_refused() {
        assert!(Coordinates::new(90.5, 0.0).is_none());
        assert!(Coordinates::new(0.0, -180.5).is_none());
        assert!(Coordinates::new(f64::NAN, 0.0).is_none());
        assert!(Coordinates::new(-90.0, 180.0).is_some());
    }

    /// Points at `radius_km` from `center` in many directions (the destination formula).
    fn circle(center: &Coordinates, radius_km: f64) -> Vec<Coordinates> {
        let d = radius_km / EARTH_RADIUS_KM;
        let (lat1, lon1) = (center.latitude.to_radians(), center.longitude.to_radians());
        (0..72)
            .map(|i| {
                let bearing = f64::from(i) * 5f64.to_radians();
                let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * bearing.cos()).asin();
                let lon2 = lon1
                    + (bearing.sin() * d.sin() * lat1.cos())
                        .atan2(d.cos() - lat1.sin() * lat2.sin());
                let lon = (lon2.to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
                at(lat2.to_degrees(), lon)
            })
            .collect()
    }

    #[test]
    fn the_box_holds_the_whole_circle() {
        for (center, radius) in [
            (at(35.69, 139.692), 50.0),
            (at(-33.9, 18.4), 500.0),
            (at(64.1, -21.9), 300.0),
            (at(-17.8, 179.9), 100.0),
            (at(-17.8, -179.9), 100.0),
            (at(89.5, 10.0), 100.0),
            (at(0.0, 0.0), 10_000.0),
        ] {
            let bbox = center.bounding_box(radius);
            for point in circle(&center, radius * 0.999_999) {
                assert!(
                    bbox.contains(&point),
                    "{point:?} at {radius} km of {center:?} outside {bbox:?}"
                );
            }
        }
    }

    #[test]
    fn the_box_is_tight_and_splits_at_the_180th_meridian() {
        let bbox = at(35.69, 139.692).bounding_box(50.0);
        assert_eq!(bbox.longitudes.len(), 1);
        assert!((bbox.north - bbox.south - 2.0 * 50.0 / 111.195).abs() < 0.001);
        assert!(!bbox.contains(&at(34.694, 135.501)), "Osaka");
        let fiji = at(-17.8, 179.9).bounding_box(100.0);
        assert_eq!(fiji.longitudes.len(), 2);
        assert!(fiji.contains(&at(-17.8, -179.8)));
        assert!(!fiji.contains(&at(-17.8, 0.0)));
        let pole = at(89.5, 10.0).bounding_box(100.0);
        assert_eq!(pole.longitudes, vec![(-180.0, 180.0)]);
        assert_eq!(pole.north, 90.0);
    }
}
