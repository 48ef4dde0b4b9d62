//! Reading CoNLL-U treebanks (Universal Dependencies), for training and testing the tagger.
//!
//! Written by hand: the format is ten tab-separated columns a line, and the few crates that read
//! it are unmaintained; only the word lines (not multiword ranges "3-4" nor empty nodes "8.1")
//! and the columns FORM, UPOS, XPOS, HEAD and DEPREL are needed.

use thiserror::Error;

/// One syntactic word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub upos: String,
    pub xpos: String,
    /// 1-based index of the head word, 0 for the root.
    pub head: usize,
    pub deprel: String,
}

/// A sentence: its words in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<Word>,
}

#[derive(Debug, Error)]
#[error("{name}, line {line}: {what} (expected CoNLL-U: ten tab-separated columns a word line)")]
pub struct ConlluError {
    pub name: String,
    pub line: usize,
    pub what: String,
}

/// The sentences of a CoNLL-U text; `name` names it in errors.
pub fn parse(text: &str, name: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |what: String| ConlluError {
            name: name.to_string(),
            line: n + 1,
            what,
        };
        if cols.len() != 10 {
            return Err(err(format!("{} columns", cols.len())));
        }
        // Multiword tokens ("3-4 don't") and empty nodes ("8.1") are not syntactic words.
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let head = cols[6]
            .parse::<usize>()
            .map_err(|_| err(format!("head {:?} is not a number", cols[6])))?;
        cur.words.push(Word {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_without_ranges_or_empty_nodes() {
        let text = "# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
                    2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n\
                    3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n2.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\n\
                    1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n";
        let s = parse(text, "t").unwrap();
        assert_eq!(s.len(), 2);
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "do", "n't"]);
        assert_eq!(s[0].words[0].head, 3);
        assert_eq!(s[1].words[0].upos, "INTJ");
    }

    #[test]
    fn a_short_line_names_the_file_and_line() {
        let e = parse("1\tI\tI\n", "x.conllu").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("x.conllu"));
    }
}
