//! Text tokens as the treebank's words: Unicode word segmentation keeps "don't", "Smith's" and
//! "we'll" whole, the Universal Dependencies treebanks split off the clitic ("do" "n't", "Smith"
//! "'s", "we" "'ll"). The tagger is trained on treebank words, so text is cut the same way.

/// The clitics split off the end of a word (after a straight or typographic apostrophe).
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// The treebank words of one text token (the token itself when nothing splits off).
pub fn treebank_words(token: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(2);
    push_treebank_words(token, &mut out);
    out
}

/// [`treebank_words`], appended to `out` (no list per token when tagging).
pub fn push_treebank_words<'a>(token: &'a str, out: &mut Vec<&'a str>) {
    let lower_ends_nt = {
        let t: Vec<char> = token.chars().rev().take(3).collect();
        t.len() == 3
            && matches!(t[0], 't' | 'T')
            && matches!(t[1], '\'' | '\u{2019}')
            && matches!(t[2], 'n' | 'N')
    };
    if lower_ends_nt {
        // "don't" → "do" "n't"; "can't" → "ca" "n't" (as the treebank has it).
        let cut = token.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
        if cut > 0 {
            out.extend([&token[..cut], &token[cut..]]);
        } else {
            out.push(token);
        }
        return;
    }
    if let Some((i, c)) = token
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '\'' | '\u{2019}'))
        && i > 0
    {
        let tail = &token[i + c.len_utf8()..];
        if CLITICS.iter().any(|k| tail.eq_ignore_ascii_case(k)) {
            out.extend([&token[..i], &token[i..]]);
            return;
        }
    }
    out.push(token);
}

#[cfg(test)]
mod tests {
    use super::treebank_words;

    #[test]
    fn clitics_split_like_the_treebank() {
        assert_eq!(treebank_words("don't"), ["do", "n't"]);
        assert_eq!(treebank_words("Can’t"), ["Ca", "n’t"]);
        assert_eq!(treebank_words("Smith's"), ["Smith", "'s"]);
        assert_eq!(treebank_words("we’ll"), ["we", "’ll"]);
        assert_eq!(treebank_words("I'm"), ["I", "'m"]);
        assert_eq!(treebank_words("rock'n'roll"), ["rock'n'roll"]);
        assert_eq!(treebank_words("n't"), ["n't"]);
        assert_eq!(treebank_words("'s"), ["'s"]);
        assert_eq!(treebank_words("said"), ["said"]);
    }
}
