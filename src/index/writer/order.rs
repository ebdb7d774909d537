//! Putting the outcomes of a run back in walk order: parser threads finish files in whatever
//! order their sizes and the scheduler give, and the writer applies them as the walk found
//! them, so that an index run groups the same dispatches into the same stories every time.

use std::collections::BTreeMap;

use super::pipeline::{Numbered, Outcome};

/// Outcomes received ahead of their turn, and whose turn it is.
#[derive(Debug, Default)]
pub(super) struct WalkOrder {
    /// Place in the walk of the file whose outcomes are applied next.
    next: u64,
    /// Outcomes of later files, in the order each file sent them.
    waiting: BTreeMap<u64, Vec<Outcome>>,
}

impl WalkOrder {
    /// Takes `numbered` and appends to `due` every outcome whose turn has come, in walk order.
    pub(super) fn take(&mut self, numbered: Numbered, due: &mut Vec<Numbered>) {
        let Numbered { seq, outcome } = numbered;
        if seq != self.next {
            self.waiting.entry(seq).or_default().push(outcome);
            return;
        }
        let mut ended = outcome.ends_file();
        due.push(Numbered { seq, outcome });
        while ended {
            self.next += 1;
            let Some(outcomes) = self.waiting.remove(&self.next) else {
                return;
            };
            ended = outcomes.last().is_some_and(Outcome::ends_file);
            let seq = self.next;
            due.extend(
                outcomes
                    .into_iter()
                    .map(|outcome| Numbered { seq, outcome }),
            );
        }
    }

    /// Place in the walk of the file the writer applies or waits for.
    pub(super) fn next(&self) -> u64 {
        self.next
    }

    /// Whether outcomes wait for a file that never came.
    pub(super) fn has_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unchanged(seq: u64, files: u64) -> Numbered {
        Numbered {
            seq,
            outcome: Outcome::Unchanged {
                files,
                dispatches: 0,
            },
        }
    }

    fn part(seq: u64, path: &str) -> Numbered {
        Numbered {
            seq,
            outcome: Outcome::Part {
                path: path.into(),
                docs: Vec::new(),
                held: 0,
            },
        }
    }

    fn gone(seq: u64, path: &str) -> Numbered {
        Numbered {
            seq,
            outcome: Outcome::Gone {
                path: path.into(),
                held: 0,
            },
        }
    }

    fn shown(outcomes: &[Numbered]) -> Vec<String> {
        outcomes
            .iter()
            .map(|Numbered { seq, outcome }| match outcome {
                Outcome::Unchanged { files, .. } => format!("{seq}: unchanged {files}"),
                Outcome::Part { path, .. } => format!("{seq}: part {path}"),
                Outcome::Gone { path, .. } => format!("{seq}: gone {path}"),
                other => format!("{seq}: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn outcomes_received_early_wait_for_the_files_before_them() {
        let mut order = WalkOrder::default();
        let mut due = Vec::new();
        order.take(gone(2, "c"), &mut due);
        order.take(unchanged(1, 5), &mut due);
        assert!(due.is_empty());
        assert!(order.has_waiting());
        order.take(gone(0, "a"), &mut due);
        assert_eq!(shown(&due), ["0: gone a", "1: unchanged 5", "2: gone c"]);
        assert_eq!(order.next(), 3);
        assert!(!order.has_waiting());
    }

    #[test]
    fn the_parts_of_the_file_in_turn_go_at_once_and_a_later_files_parts_keep_their_order() {
        let mut order = WalkOrder::default();
        let mut due = Vec::new();
        order.take(part(0, "big"), &mut due);
        assert_eq!(shown(&due), ["0: part big"]);
        order.take(part(1, "next"), &mut due);
        order.take(part(1, "next"), &mut due);
        order.take(gone(1, "next"), &mut due);
        order.take(part(2, "last"), &mut due);
        assert_eq!(due.len(), 1);
        // The big file ends: the next one's parts and end follow, then the last one's part,
        // which is applied but not ended.
        order.take(gone(0, "big"), &mut due);
        assert_eq!(
            shown(&due),
            [
                "0: part big",
                "0: gone big",
                "1: part next",
                "1: part next",
                "1: gone next",
                "2: part last"
            ]
        );
        assert_eq!(order.next(), 2);
        assert!(!order.has_waiting());
    }
}
