//! Measures of source identity against a hand annotation: each mention's true entity (or
//! none: not a source), and the entity a system gave it (or none).
//!
//! - **Mention-linking accuracy**: the share of mentions whose system entity is right. A
//!   system entity is mapped to the true entity most of its mentions have; a mention is right
//!   when its system entity maps to its true entity and is that true entity's main system
//!   entity (the one holding most of its mentions), or when both are none.
//! - **B-cubed F1** (Bagga and Baldwin 1998) over the mentions that have a true entity; a
//!   mention the system left without an entity is a cluster of its own.

use std::collections::HashMap;

/// One mention: its true entity and the system's (`None`: no source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub gold: Option<String>,
    pub system: Option<String>,
}

/// Mention-linking accuracy (0–1); 0 for no mentions.
pub fn linking_accuracy(pairs: &[Pair]) -> f64 {
    if pairs.is_empty() {
        return 0.0;
    }
    // system → gold counts, gold → system counts.
    let mut sg: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut gs: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for p in pairs {
        if let (Some(g), Some(s)) = (&p.gold, &p.system) {
            *sg.entry(s).or_default().entry(g).or_default() += 1;
            *gs.entry(g).or_default().entry(s).or_default() += 1;
        }
    }
    let top = |m: &HashMap<&str, usize>| -> Option<String> {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.to_string())
    };
    let s_to_g: HashMap<&str, String> =
        sg.iter().filter_map(|(s, m)| Some((*s, top(m)?))).collect();
    let g_main: HashMap<&str, String> =
        gs.iter().filter_map(|(g, m)| Some((*g, top(m)?))).collect();
    let right = pairs
        .iter()
        .filter(|p| match (&p.gold, &p.system) {
            (None, None) => true,
            (Some(g), Some(s)) => {
                s_to_g.get(s.as_str()) == Some(g) && g_main.get(g.as_str()) == Some(s)
            }
            _ => false,
        })
        .count();
    right as f64 / pairs.len() as f64
}

/// B-cubed precision, recall and F1 over the mentions with a true entity.
pub fn bcubed(pairs: &[Pair]) -> (f64, f64, f64) {
    let items: Vec<(&str, String)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let g = p.gold.as_deref()?;
            let s = p
                .system
                .clone()
                .unwrap_or_else(|| format!("\u{0}single{i}"));
            Some((g, s))
        })
        .collect();
    if items.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    let mut gold: HashMap<&str, usize> = HashMap::new();
    let mut sys: HashMap<&str, usize> = HashMap::new();
    for (g, s) in &items {
        *both.entry((g, s.as_str())).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *sys.entry(s.as_str()).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (g, s) in &items {
        let b = both[&(*g, s.as_str())] as f64;
        p += b / sys[s.as_str()] as f64;
        r += b / gold[g] as f64;
    }
    let n = items.len() as f64;
    let (p, r) = (p / n, r / n);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(Option<&str>, Option<&str>)]) -> Vec<Pair> {
        v.iter()
            .map(|(g, s)| Pair {
                gold: g.map(String::from),
                system: s.map(String::from),
            })
            .collect()
    }

    #[test]
    fn perfect_and_split_clusters() {
        let perfect = pairs(&[
            (Some("a"), Some("x")),
            (Some("a"), Some("x")),
            (Some("b"), Some("y")),
        ]);
        assert_eq!(linking_accuracy(&perfect), 1.0);
        assert_eq!(bcubed(&perfect).2, 1.0);
        // a split in two: one mention of the minority system entity is wrong.
        let split = pairs(&[
            (Some("a"), Some("x")),
            (Some("a"), Some("x")),
            (Some("a"), Some("z")),
        ]);
        assert!((linking_accuracy(&split) - 2.0 / 3.0).abs() < 1e-9);
        let (p, r, _) = bcubed(&split);
        assert_eq!(p, 1.0);
        // recall: (2/3 + 2/3 + 1/3) / 3
        assert!((r - 5.0 / 9.0).abs() < 1e-9);
        // Everything merged: precision falls.
        let merged = pairs(&[(Some("a"), Some("x")), (Some("b"), Some("x"))]);
        assert_eq!(bcubed(&merged).0, 0.5);
        // A non-source left without an entity is right.
        assert_eq!(linking_accuracy(&pairs(&[(None, None)])), 1.0);
    }
}
