//! Counted nouns and figures in messages, for the command line and the window alike: "1 claim",
//! "3 claims", "0.00" rather than "-0.00".

/// "1 claim", "3 claims": `what` plus "s" unless there is one.
pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "1 match", "2 matches": the count with the singular or the given plural.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A figure with `decimals` places, never "-0.00": a value that rounds to zero is shown without
/// its sign.
pub fn fixed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_signs() {
        assert_eq!(plural(1, "claim"), "1 claim");
        assert_eq!(plural(0, "claim"), "0 claims");
        assert_eq!(plural(2, "document"), "2 documents");
        assert_eq!(count(1, "match", "matches"), "1 match");
        assert_eq!(count(3, "match", "matches"), "3 matches");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.5, 2), "-0.50");
        assert_eq!(fixed(0.456, 2), "0.46");
        assert_eq!(fixed(-0.004, 0), "0");
        assert_eq!(fixed(f64::NAN, 2), "NaN");
    }
}
