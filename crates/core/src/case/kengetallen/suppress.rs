//! Primary and complementary suppression of the kengetallen (the rule is in the parent
//! module's documentation): whatever a reader can work out from what is shown, no count
//! under the threshold comes out as one value.

use super::{Cell, Section};

pub(super) fn suppress(sections: &mut [Section], k: u32) {
    for s in sections.iter_mut() {
        measures(s, k);
        for r in s.total.iter_mut().chain(s.rows.iter_mut()) {
            if r.cell.count().is_some_and(|n| n < k) {
                r.cell = Cell::Suppressed;
            }
        }
        if s.partition {
            complementary(s, k);
        }
    }
    // The same total (the lopende dossiers) in several breakdowns: hidden in one, hidden
    // in all, or the one that shows it gives away what the other hid.
    let hidden: Vec<String> = sections
        .iter()
        .filter_map(|s| s.total.as_ref())
        .filter(|t| t.cell == Cell::Hidden)
        .map(|t| t.id.clone())
        .collect();
    for t in sections.iter_mut().filter_map(|s| s.total.as_mut()) {
        if hidden.contains(&t.id) && t.cell.count().is_some() {
            t.cell = Cell::Hidden;
        }
    }
    // A share over rows of which one is no longer shown would show it again.
    for s in sections.iter_mut() {
        if s.rows.iter().any(|r| r.cell.count().is_none()) {
            for m in s
                .measures
                .iter_mut()
                .filter(|m| matches!(m.cell, Cell::Percent(_)))
            {
                m.cell = Cell::Withheld;
            }
        }
    }
}

/// A median over fewer cases than the threshold describes those few: withheld.
fn measures(s: &mut Section, k: u32) {
    let n = s.total.as_ref().and_then(|t| t.cell.count()).unwrap_or(0);
    if n < k {
        for m in &mut s.measures {
            m.cell = Cell::Withheld;
        }
    }
}

/// Whether some suppressed cell of a breakdown whose rows sum to its shown total comes out
/// as one value: each suppressed cell lies in `0..k`, each hidden one in `k..=rest`, and
/// together they make `rest`, the total minus the visible rows.
pub(super) fn determined(s: &Section, k: u32) -> bool {
    let Some(total) = s.total.as_ref().and_then(|t| t.cell.count()) else {
        return false;
    };
    let visible: i64 = s
        .rows
        .iter()
        .filter_map(|r| r.cell.count())
        .map(i64::from)
        .sum();
    let rest = i64::from(total) - visible;
    let k = i64::from(k);
    let bounds: Vec<(i64, i64, bool)> = s
        .rows
        .iter()
        .filter_map(|r| match r.cell {
            Cell::Suppressed => Some((0, k - 1, true)),
            Cell::Hidden => Some((k, rest.max(k), false)),
            _ => None,
        })
        .collect();
    let (sum_lo, sum_hi): (i64, i64) = bounds.iter().fold((0, 0), |(l, h), b| (l + b.0, h + b.1));
    bounds.iter().filter(|b| b.2).any(|&(lo, hi, _)| {
        let low = lo.max(rest - (sum_hi - hi));
        let high = hi.min(rest - (sum_lo - lo));
        low >= high
    })
}

/// Hides the smallest visible row (then the total) until no suppressed cell is determined.
fn complementary(s: &mut Section, k: u32) {
    while determined(s, k) {
        let smallest = s
            .rows
            .iter_mut()
            .filter(|r| r.cell.count().is_some())
            .min_by_key(|r| r.cell.count());
        match smallest {
            Some(r) => r.cell = Cell::Hidden,
            None => {
                if let Some(t) = s.total.as_mut() {
                    t.cell = Cell::Hidden;
                }
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Row, Section};
    use super::*;

    fn split(total: u32, counts: &[u32]) -> Section {
        let row = |id: &str, n: u32| Row {
            id: id.into(),
            label: id.into(),
            cell: Cell::Count(n),
        };
        Section {
            id: "t",
            title: "t".into(),
            total: Some(row("totaal", total)),
            rows: counts
                .iter()
                .enumerate()
                .map(|(i, n)| row(&format!("r{i}"), *n))
                .collect(),
            partition: true,
            measures: Vec::new(),
        }
    }

    fn cells(s: &Section) -> Vec<Cell> {
        s.total
            .iter()
            .chain(&s.rows)
            .map(|r| r.cell)
            .collect::<Vec<_>>()
    }

    #[test]
    fn one_small_cell_takes_the_smallest_other_with_it() {
        let mut s = [split(30, &[2, 20, 8])];
        suppress(&mut s, 5);
        use Cell::*;
        assert_eq!(cells(&s[0]), vec![Count(30), Suppressed, Count(20), Hidden]);
        assert!(!determined(&s[0], 5));
    }

    #[test]
    fn two_small_cells_protect_each_other_unless_one_is_pinned() {
        // 3 + 3 = 6 from the total: each lies in 2..=4, not one value.
        let mut s = [split(26, &[3, 3, 20])];
        suppress(&mut s, 5);
        use Cell::*;
        assert_eq!(
            cells(&s[0]),
            vec![Count(26), Suppressed, Suppressed, Count(20)]
        );
        // 4 + 4 = 8 pins both at 4 (each is at most 4): one more row goes.
        let mut s = [split(28, &[4, 4, 20])];
        suppress(&mut s, 5);
        assert_eq!(
            cells(&s[0]),
            vec![Count(28), Suppressed, Suppressed, Hidden]
        );
    }

    #[test]
    fn when_no_row_is_left_the_total_goes() {
        // 0 and 5 of 5: with the 5 hidden (at least 5) the 0 is still pinned.
        let mut s = [split(5, &[0, 5])];
        suppress(&mut s, 5);
        use Cell::*;
        assert_eq!(cells(&s[0]), vec![Hidden, Suppressed, Hidden]);
    }

    #[test]
    fn a_hidden_total_is_hidden_in_every_breakdown_that_shows_it() {
        let mut a = split(5, &[0, 5]);
        let mut b = split(5, &[5]);
        b.partition = false;
        a.total.as_mut().expect("a total").id = "lopende-dossiers".into();
        b.total.as_mut().expect("a total").id = "lopende-dossiers".into();
        let mut s = [a, b];
        suppress(&mut s, 5);
        assert_eq!(s[1].total.as_ref().expect("a total").cell, Cell::Hidden);
    }

    #[test]
    fn a_cell_left_two_values_is_not_recomputed() {
        // 1 and 5 of 6: the hidden 5 or 6 leaves the 1 at 0 or 1.
        let mut s = [split(6, &[1, 5])];
        suppress(&mut s, 5);
        use Cell::*;
        assert_eq!(cells(&s[0]), vec![Count(6), Suppressed, Hidden]);
    }

    #[test]
    fn nothing_small_nothing_hidden() {
        let mut s = [split(30, &[10, 20, 0])];
        suppress(&mut s, 5);
        use Cell::*;
        // The zero is under the threshold too, and 30 - 10 - 20 would give it: 10 goes.
        assert_eq!(cells(&s[0]), vec![Count(30), Hidden, Count(20), Suppressed]);
        let mut s = [split(30, &[10, 20])];
        suppress(&mut s, 5);
        assert_eq!(cells(&s[0]), vec![Count(30), Count(10), Count(20)]);
    }
}
