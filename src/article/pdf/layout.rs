//! Lines → column boxes → paragraphs → the article text: the layout work of [`super`].

use super::*;

/// The value below which a fraction `q` of `v` lies.
pub(super) fn quantile(mut v: Vec<f64>, q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    v.get(i).copied()
}

pub(super) fn median(v: Vec<f64>) -> Option<f64> {
    quantile(v, 0.5)
}

/// The usual distance between two lines of a paragraph, over the whole document: a low
/// quantile of the gaps between consecutive lines (the median would be a paragraph gap in
/// documents of short paragraphs). Gaps smaller than half a line (superscripts, jitter) are
/// left out.
pub(super) fn line_spacing(pages: &[Page]) -> Option<f64> {
    let gaps: Vec<f64> = pages
        .iter()
        .flat_map(|p| p.lines.windows(2).map(|w| (w[1].y - w[0].y, w[1].size)))
        .filter(|&(g, size)| g > 0.5 * size)
        .map(|(g, _)| g)
        .collect();
    quantile(gaps, 0.25)
}

/// The body text's font size: the size most of the document's characters are set in.
pub(super) fn body_size(pages: &[Page]) -> Option<f64> {
    let mut by_size: std::collections::HashMap<i64, usize> = Default::default();
    for l in pages.iter().flat_map(|p| &p.lines) {
        *by_size.entry((l.size * 2.0).round() as i64).or_default() += l.text.chars().count();
    }
    by_size
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map(|(s, _)| s as f64 / 2.0)
}

pub(super) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '»', ')'])
}

/// Does a line begin with a list item's marker: a bullet or dash of its own ("•", "–", "¢" from
/// a symbol font), or a number, a letter or a roman numeral followed by "." or ")" ("1.", "b)",
/// "iv.")? Quotation marks, brackets and signs of arithmetic of their own are not markers.
pub(super) fn starts_item(text: &str) -> bool {
    let Some(first) = text.split_whitespace().next() else {
        return false;
    };
    let mut chars = first.chars();
    let (Some(c), rest) = (chars.next(), chars.as_str()) else {
        return false;
    };
    if rest.is_empty() {
        return !c.is_alphanumeric() && !"«»\"“”„‘’'([{<>=+±×÷/≤≥~%&$€£#@".contains(c);
    }
    let Some(body) = first.strip_suffix(['.', ')']) else {
        return false;
    };
    let roman = body.chars().all(|c| "ivxlcdmIVXLCDM".contains(c)) && body.len() <= 5;
    let number = body.chars().all(|c| c.is_ascii_digit()) && body.len() <= 3;
    let letter = body.chars().count() == 1 && body.chars().all(char::is_alphabetic);
    !body.is_empty() && (roman || number || letter)
}

/// A hyphen or a dash (Unicode's dash punctuation and the minus sign).
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}'
    )
}

pub(super) fn same_size(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.15 * a.max(b)
}

/// Split a page's lines into column boxes: runs of consecutive lines, in one font size, each
/// below the last by at most a few line heights and overlapping it horizontally. The next
/// column (the text moves up), a line beside the box, a size change or a wide gap start a new
/// box.
pub(super) fn boxes(lines: &[Line], usual: Option<f64>) -> Vec<&[Line]> {
    let mut out = Vec::new();
    let mut start = 0;
    let (mut left, mut right) = (f64::MAX, f64::MIN);
    for (i, l) in lines.iter().enumerate() {
        if i > start {
            let prev = &lines[i - 1];
            let gap = l.y - prev.y;
            let limit = usual.map_or(2.5 * l.size, |u| (2.5 * u).max(1.5 * l.size));
            let overlap = l.right.min(right) - l.left.max(left);
            let joins = gap > 0.3 * l.size.min(prev.size)
                && gap <= limit
                && same_size(l.size, prev.size)
                && overlap > 0.3 * (l.right - l.left).min(right - left);
            if !joins {
                out.push(&lines[start..i]);
                start = i;
                (left, right) = (f64::MAX, f64::MIN);
            }
        }
        left = left.min(l.left);
        right = right.max(l.right);
    }
    if start < lines.len() {
        out.push(&lines[start..]);
    }
    out
}

/// A paragraph in the making.
#[derive(Debug, Clone, Default)]
pub(super) struct Para {
    lines: Vec<String>,
    size: f64,
    /// Its first line is indented in its box: it cannot continue a paragraph of a box before.
    indented: bool,
}

/// A box's left margin: the leftmost edge at which a fifth of its lines (two at least) start,
/// within half a line's size. Not the median edge: in a box of short paragraphs with first-line
/// indents and block quotes, fewer than half of the lines start at the margin, and the median
/// would make the indented lines look flush (and the flush ones outdented). Without such an
/// edge (centred lines), the median.
pub(super) fn left_margin(lines: &[Line]) -> f64 {
    let tolerance = 0.5 * median(lines.iter().map(|l| l.size).collect()).unwrap_or(0.0);
    let need = (lines.len() / 5).max(2);
    let mut lefts: Vec<f64> = lines.iter().map(|l| l.left).collect();
    lefts.sort_by(f64::total_cmp);
    lefts
        .iter()
        .enumerate()
        .find(|&(i, &x)| {
            lefts[i..]
                .iter()
                .take_while(|&&y| y - x <= tolerance)
                .count()
                >= need
        })
        .map(|(_, &x)| x)
        .or_else(|| median(lefts))
        .unwrap_or(0.0)
}

/// Split a column box into paragraphs (each a list of lines).
///
/// `column`: the lines of the page in the box's column (the same size, starting within the box's
/// span), whose right edge is the measure of a full line: a box of a few short lines (a list of
/// names) is judged against its column's width, not its own.
pub(super) fn box_paragraphs(lines: &[Line], column: &[&Line], usual: Option<f64>) -> Vec<Para> {
    let left = left_margin(lines);
    // The right edge of a full line: a high quantile, so that one line running into the margin
    // (a long URL) does not make every other line look short.
    let rights: Vec<f64> = column.iter().map(|l| l.right).collect();
    let right = if rights.len() >= 4 {
        quantile(rights, 0.9).unwrap_or(f64::MIN)
    } else {
        rights.into_iter().fold(f64::MIN, f64::max)
    };
    let width = (right - left).max(1.0);
    let blocks = indented_blocks(lines, left);
    let mut out: Vec<Para> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let indent = l.left - left;
        let is_indented = lines.len() > 1 && indent > 0.7 * l.size && indent < 8.0 * l.size;
        let block = blocks[i];
        let prev_block = i.checked_sub(1).and_then(|p| blocks[p]);
        let new = match i.checked_sub(1).map(|p| &lines[p]) {
            None => true,
            // Inside an indented block (a block quote, the hanging lines of a list item) the
            // block's own edges are the measure: its lines are not each a first-line indent.
            Some(prev) if block.is_some() && block == prev_block => {
                let (b_left, b_right) = block.map_or((left, right), |b| b.edges);
                let b_width = (b_right - b_left).max(1.0);
                let gap = l.y - prev.y;
                let wide_gap =
                    usual.is_some_and(|u| gap > 1.4 * u.max(1.2 * l.size.min(prev.size)) + 0.5);
                let short_end = ends_sentence(&prev.text) && prev.right < b_right - 0.15 * b_width;
                let broken_off = prev.right < b_left + 0.6 * b_width
                    && !prev.text.trim_end().ends_with(['-', '‐', '\u{ad}']);
                // A list set as an indented block: each marker starts an item.
                let item = starts_item(&l.text);
                wide_gap || !same_size(l.size, prev.size) || short_end || broken_off || item
            }
            // The line after an indented block starts a paragraph, unless it hangs deeper
            // under the block's last line (the rest of a list item).
            Some(_) if prev_block.is_some_and(|b| l.left < b.edges.0 + 0.5 * l.size) => true,
            Some(prev) => {
                let gap = l.y - prev.y;
                // The usual spacing, or that of the lines' own size when larger (a title).
                let wide_gap =
                    usual.is_some_and(|u| gap > 1.4 * u.max(1.2 * l.size.min(prev.size)) + 0.5);
                let up = gap < -0.5 * l.size;
                let size_change = !same_size(l.size, prev.size);
                let prev_short = prev.right < right - 0.15 * width;
                let short_end = ends_sentence(&prev.text) && prev_short;
                // A first-line indent, after a line that ends a sentence or stops short. Not
                // a line that starts in lower case (it goes on with a sentence), nor the
                // hanging indent under a list item's first line ("• Anomalies … basse)" +
                // "dites « respiratoires »").
                let hanging = prev.left <= left + 0.5 * prev.size && starts_item(&prev.text);
                let indented = is_indented
                    && !hanging
                    && !l.text.starts_with(char::is_lowercase)
                    && (ends_sentence(&prev.text) || prev.right < right - 1.5 * l.size);
                // A left-aligned line that stops before 60% of the box's width was not wrapped
                // (the next word would have fitted): a list of names, an address, a heading.
                // A line ending in a hyphen or a cut URL was wrapped, however short.
                let broken_off = prev.left <= left + 1.5 * prev.size
                    && prev.right < left + 0.6 * width
                    && !prev.text.trim_end().ends_with(['-', '‐', '\u{ad}'])
                    && !prev
                        .text
                        .split_whitespace()
                        .next_back()
                        .is_some_and(url_cut);
                // A list item: a bullet always starts one; a dash, a number or a letter only
                // after a line that ends a sentence or a lead-in (a wrapped line may start
                // with "— and" or "12.").
                let item = starts_item(&l.text)
                    && (l
                        .text
                        .starts_with(|c: char| !c.is_alphanumeric() && !is_dash(c))
                        || ends_sentence(&prev.text));
                wide_gap || up || size_change || short_end || indented || broken_off || item
            }
        };
        if new || out.is_empty() {
            out.push(Para {
                lines: vec![l.text.clone()],
                size: l.size,
                indented: is_indented,
            });
        } else if let Some(p) = out.last_mut() {
            p.lines.push(l.text.clone());
        }
    }
    out
}

/// An indented block: consecutive lines indented alike from the box's left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Block {
    /// The index of its first line (it tells blocks apart).
    first: usize,
    /// Its left edge and the right edge of its full lines.
    edges: (f64, f64),
}

/// For each line, the indented block it belongs to: two or more consecutive lines that start
/// at one indentation, more than 0.7 of their size right of the box's left edge (`left`).
pub(super) fn indented_blocks(lines: &[Line], left: f64) -> Vec<Option<Block>> {
    let indented = |l: &Line| {
        let indent = l.left - left;
        indent > 0.7 * l.size && indent < 8.0 * l.size
    };
    let mut out = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        if indented(&lines[i]) {
            while j < lines.len()
                && indented(&lines[j])
                && (lines[j].left - lines[i].left).abs() < 0.5 * lines[i].size
                && same_size(lines[j].size, lines[i].size)
            {
                j += 1;
            }
        }
        if j - i >= 2 {
            let b_left = lines[i..j].iter().map(|l| l.left).fold(f64::MAX, f64::min);
            let b_right = lines[i..j].iter().map(|l| l.right).fold(f64::MIN, f64::max);
            let block = Block {
                first: i,
                edges: (b_left, b_right),
            };
            for slot in &mut out[i..j] {
                *slot = Some(block);
            }
        }
        i = j;
    }
    out
}

/// The lines of `page` in the column of `b`: in its font size, starting within its span and
/// lying mostly inside it (headings across columns and other columns left out).
pub(super) fn column_of<'a>(page: &'a [Line], b: &'a [Line]) -> Vec<&'a Line> {
    let Some(first) = b.first() else {
        return Vec::new();
    };
    let left = b.iter().map(|l| l.left).fold(f64::MAX, f64::min);
    let right = b.iter().map(|l| l.right).fold(f64::MIN, f64::max);
    let mut out: Vec<&Line> = page
        .iter()
        .filter(|l| {
            let overlap = l.right.min(right) - l.left.max(left);
            same_size(l.size, first.size)
                && l.left >= left - 2.0 * first.size
                && l.left < right
                && overlap >= 0.5 * (l.right - l.left)
        })
        .collect();
    if out.is_empty() {
        out = b.iter().collect();
    }
    out
}

/// Does a paragraph start like a figure or table caption ("Figure 2.", "Fig. 3:", "Table 1 –")?
pub(super) fn caption_like(first_line: &str) -> bool {
    let mut words = first_line.split_whitespace();
    let (Some(w1), Some(w2)) = (words.next(), words.next()) else {
        return false;
    };
    let w1 = w1.to_lowercase();
    let label = [
        "figure",
        "fig.",
        "table",
        "tableau",
        "figura",
        "tabla",
        "abbildung",
        "tabelle",
        "chart",
        "exhibit",
        "listing",
        "graph",
    ]
    .contains(&w1.as_str());
    let number = w2.trim_end_matches(['.', ':', '—', '–']);
    label
        && !number.is_empty()
        && number.len() <= 5
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.')
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && (w2.ends_with(['.', ':'])
            || words
                .next()
                .is_some_and(|w| matches!(w, "—" | "–" | "-" | "|")))
}

/// Prefixes whose hyphen is part of the word ("self-employed"), kept at a line end.
pub(super) const HYPHEN_PREFIXES: &[&str] = &["self", "ex", "all", "half", "quasi", "well"];

/// Is this word (the last of a line) a URL or a web address cut at a line end: it looks like
/// an address ("https://…", "www.…", "faa.gov/…") and ends where an address goes on ("/", "-",
/// "_", "=", "&", "?", "#", "%", "~")?
pub(super) fn url_cut(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '<', '[', '"', '“']);
    let lower = w.to_lowercase();
    let address = lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.split('/').next().is_some_and(|host| {
            lower.contains('/')
                && host.contains('.')
                && host.rsplit('.').next().is_some_and(|tld| {
                    (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
                })
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        });
    address && w.ends_with(['/', '-', '_', '=', '&', '?', '#', '%', '~'])
}

/// Dashes that never mark a word cut: kept at a line end, and the next line follows them
/// without a space when they are attached to a word ("FAA–2020–" + "0686", "right—" + "and").
/// A non-breaking hyphen (U+2011) is among them: it is part of the word.
pub(super) const DASHES: &[char] = &[
    '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}', '\u{fe63}', '\u{ff0d}',
];

/// The words a document writes inside its lines, to settle a line-end hyphen by its own usage:
/// "bien-" + "être" stays "bien-être" where the document writes "bien-être" elsewhere, and
/// "co-" + "operate" becomes "cooperate" where it writes "cooperate".
#[derive(Debug, Default)]
pub(super) struct Vocabulary(std::collections::HashSet<String>);

impl Vocabulary {
    fn of(pages: &[Page]) -> Vocabulary {
        let mut set = std::collections::HashSet::new();
        for l in pages.iter().flat_map(|p| &p.lines) {
            for w in l.text.split_whitespace() {
                let w = bare_word(w);
                if !w.is_empty() && !w.ends_with(['-', '\u{2010}']) {
                    set.insert(w);
                }
            }
        }
        Vocabulary(set)
    }

    fn has(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

/// A word lowercased, without the punctuation around it.
pub(super) fn bare_word(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\u{2010}')
        .trim_start_matches(['-', '\u{2010}'])
        .to_lowercase()
}

/// Join two pieces of a paragraph that were on separate lines.
pub(super) fn join_lines(acc: &mut String, next: &str) {
    join_with(acc, next, None);
}

/// [`join_lines`], settling line-end hyphens by the document's own words where it has them.
pub(super) fn join_with(acc: &mut String, next: &str, words: Option<&Vocabulary>) {
    let next = next.trim();
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    if acc.ends_with('\u{ad}') {
        // A soft hyphen at a line end only marks where the word was cut.
        acc.pop();
        acc.push_str(next);
        return;
    }
    if acc.split_whitespace().next_back().is_some_and(url_cut)
        && next.chars().next().is_some_and(|c| !c.is_whitespace())
    {
        acc.push_str(next);
        return;
    }
    if acc.ends_with(DASHES)
        && acc.chars().rev().nth(1).is_some_and(|c| !c.is_whitespace())
        && !next.is_empty()
    {
        acc.push_str(next);
        return;
    }
    let hyphen = acc.ends_with(['-', '\u{2010}']);
    if hyphen {
        let body = &acc[..acc.len() - acc.chars().last().map_or(0, char::len_utf8)];
        let word: String = body
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let ends_letter = word.chars().last().is_some_and(char::is_alphabetic);
        let next_lower = next.chars().next().is_some_and(char::is_lowercase);
        let first = next
            .split_whitespace()
            .next()
            .map(bare_word)
            .unwrap_or_default();
        let left = word.to_lowercase();
        let usage = words.and_then(|v| {
            if v.has(&format!("{left}-{first}")) {
                Some(true)
            } else if v.has(&format!("{left}{first}")) {
                Some(false)
            } else {
                None
            }
        });
        let keep = usage.unwrap_or(
            !ends_letter
                || !next_lower
                || word.contains('-')
                || HYPHEN_PREFIXES.contains(&left.as_str()),
        );
        if !keep {
            acc.truncate(body.len());
        }
        if ends_letter || !word.is_empty() {
            acc.push_str(next);
            return;
        }
    }
    acc.push(' ');
    acc.push_str(next);
}

/// Spell out typographic ligatures (which NFC keeps).
pub(super) fn unligature(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            _ => out.push(c),
        }
    }
    out
}

/// Can a paragraph that ends so go on in the next box or page?
pub(super) fn open_end(p: &str) -> bool {
    let p = p.trim_end();
    p.ends_with(['-', '\u{ad}', ','])
        || (!ends_sentence(p) && !p.ends_with(|c: char| c.is_ascii_digit()))
}

/// Lowercase words joined by single spaces, for comparing texts.
pub(super) fn words_key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The largest text on the first page with words in it, when it is set larger than the body
/// text: the lines of that size in a row, joined. Text that the running header repeats (the
/// publication's or the section's name, "Rules and Regulations") is passed over for the next
/// size down.
pub(super) fn largest_text(
    page: Option<&Page>,
    body: Option<f64>,
    running: &[String],
) -> Option<String> {
    let lines = &page?.lines;
    let wordy = |l: &Line| l.text.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    let in_header = |l: &Line| {
        let k = words_key(&l.text);
        !k.is_empty() && running.iter().any(|r| r.contains(&k))
    };
    let mut sizes: Vec<f64> = lines
        .iter()
        .filter(|l| wordy(l) && !in_header(l))
        .map(|l| l.size)
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let size = *sizes.first()?;
    if body.is_some_and(|b| size < 1.1 * b) || size <= 0.0 {
        return None;
    }
    let first = lines
        .iter()
        .position(|l| wordy(l) && !in_header(l) && (l.size - size).abs() < 0.05 * size)?;
    let mut title = String::new();
    for l in lines[first..]
        .iter()
        .take_while(|l| (l.size - size).abs() < 0.05 * size)
    {
        join_lines(&mut title, &unligature(&l.text));
    }
    let title = normalize(title.trim());
    (!title.is_empty() && title.chars().count() <= 300).then_some(title)
}

/// Pages of lines → the article text, and the largest text of the first page (a title).
pub(super) fn layout(mut pages: Vec<Page>) -> (String, Option<String>) {
    let running = drop_furniture(&mut pages);
    let vocabulary = Vocabulary::of(&pages);
    let spacing = line_spacing(&pages);
    let body = body_size(&pages);
    let title = largest_text(pages.first(), body, &running);
    let mut paras: Vec<String> = Vec::new();
    // The size of the last paragraph when it may go on in the next box or page.
    let mut open: Option<f64> = None;
    // Footnotes and captions met while a paragraph is open: placed after it.
    let mut aside: Vec<String> = Vec::new();
    let text_of = |p: &Para, mut text: String| {
        for line in &p.lines {
            join_with(&mut text, &unligature(line), Some(&vocabulary));
        }
        text
    };
    for page in &pages {
        for b in boxes(&page.lines, spacing) {
            let column = column_of(&page.lines, b);
            for (i, p) in box_paragraphs(b, &column, spacing).into_iter().enumerate() {
                let small = body.is_some_and(|s| p.size < 0.88 * s);
                let caption = p.lines.first().is_some_and(|l| caption_like(l));
                if small || caption {
                    if open.is_some() {
                        aside.push(text_of(&p, String::new()));
                    } else {
                        paras.append(&mut aside);
                        paras.push(text_of(&p, String::new()));
                    }
                    continue;
                }
                let goes_on = i == 0
                    && !p.indented
                    && open.is_some_and(|size| same_size(size, p.size))
                    && paras.last().is_some_and(|last| {
                        p.lines.first().is_some_and(|l| {
                            l.starts_with(|c: char| c.is_lowercase())
                                || last.chars().count() > 60
                                || last.ends_with(['-', '\u{ad}', ','])
                        })
                    });
                if goes_on {
                    let last = paras.pop().unwrap_or_default();
                    paras.push(text_of(&p, last));
                } else {
                    paras.append(&mut aside);
                    paras.push(text_of(&p, String::new()));
                }
                open = paras.last().filter(|last| open_end(last)).map(|_| p.size);
                if open.is_none() {
                    // The paragraph they interrupted is over: the asides follow it.
                    paras.append(&mut aside);
                }
            }
        }
    }
    paras.append(&mut aside);
    (normalize(&paras.join("\n\n")), title)
}
