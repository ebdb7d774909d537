//! Pacing the reads of a run (`--max-rate`), so that indexing an archive on a shared file
//! server does not saturate it.

use std::num::NonZeroU32;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// At most `rate` files read a second, shared by the parser threads. Time left idle is not
/// saved up: the rate holds over any stretch of the run, never in bursts.
#[derive(Debug)]
pub(super) struct Throttle {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl Throttle {
    /// A throttle letting `per_second` reads through each second.
    pub(super) fn new(per_second: NonZeroU32) -> Self {
        Throttle {
            interval: Duration::from_secs(1) / per_second.get(),
            next: Mutex::new(None),
        }
    }

    /// Reserves the first free moment for a read asked for at `now`.
    fn reserve(&self, now: Instant) -> Instant {
        let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
        let slot = next.map_or(now, |n| n.max(now));
        *next = Some(slot + self.interval);
        slot
    }

    /// Waits for this thread's turn to read a file.
    pub(super) fn wait(&self) {
        let slot = self.reserve(Instant::now());
        std::thread::sleep(slot.saturating_duration_since(Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    #[test]
    fn reads_asked_for_together_are_spread_one_interval_apart() {
        let throttle = Throttle::new(rate(4));
        let start = Instant::now();
        let slots: Vec<Duration> = (0..4).map(|_| throttle.reserve(start) - start).collect();
        let quarter = Duration::from_millis(250);
        assert_eq!(slots, [Duration::ZERO, quarter, quarter * 2, quarter * 3]);
    }

    #[test]
    fn idle_time_is_not_saved_up_for_a_burst() {
        let throttle = Throttle::new(rate(10));
        let start = Instant::now();
        assert_eq!(throttle.reserve(start), start);
        let later = start + Duration::from_secs(5);
        assert_eq!(throttle.reserve(later), later);
        assert_eq!(throttle.reserve(later), later + Duration::from_millis(100));
    }
}
