use super::*;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

#[test]
fn normalises_bom_crlf_and_decomposed_vietnamese() {
    let raw = "\u{feff}Bo\u{0323}\u{0302} Ngoa\u{0323}i giao\r\nno\u{0301}i\rxong";
    let (t, map) = normalize_mapped(raw);
    assert_eq!(t, "Bộ Ngoại giao\nnói\nxong");
    assert!(is_normalized(&t));
    assert_eq!(map.len(), raw.chars().count() + 1);
    // "giao" starts at raw char 1 + 4 ("Bộ" decomposed: B o ̣ ̂) + 1 + 6 ("Ngoại" decomposed) + 1
    let raw_chars: Vec<char> = raw.chars().collect();
    let g = raw_chars.iter().collect::<String>().find("giao").unwrap();
    let g_ci = raw[..g].chars().count();
    assert_eq!(slice_chars(&t, map[g_ci], map[g_ci + 4]), "giao");
    // The end maps to the end.
    assert_eq!(*map.last().unwrap(), t.chars().count());
}

#[test]
fn emoji_skin_tones_rtl_and_curly_quotes_survive() {
    let raw = "👍🏽 “quoted” مرحبا بالعالم שלום";
    let t = normalize(raw);
    assert_eq!(t, raw);
    let start = t.chars().position(|c| c == 'م').unwrap();
    let s = make_span(&t, start, start + 5);
    assert_eq!(s.exact, "مرحبا");
    // Selecting half of the thumbs-up cluster snaps to the whole cluster.
    assert_eq!(tidy_selection(&t, 1, 2), Some((0, 2)));
    assert_eq!(tidy_selection(&t, 0, 1), Some((0, 2)));
}

#[test]
fn tidy_selection_trims_whitespace_and_rejects_blank() {
    let t = "  hello world \n\n next";
    assert_eq!(tidy_selection(t, 0, 9), Some((2, 9)));
    assert_eq!(tidy_selection(t, 0, 14), Some((2, 13)));
    // A space carrying a combining accent is not blank.
    assert_eq!(tidy_selection("a \u{301}b", 1, 3), Some((1, 3)));
    assert_eq!(tidy_selection(t, 14, 16), None);
    assert_eq!(tidy_selection(t, 9, 2), Some((2, 9)));
    assert_eq!(tidy_selection(t, 5, 5), None);
}

#[test]
fn paragraphs_skip_blank_lines() {
    let t = "a b\n\ncd\n";
    assert_eq!(paragraphs(t), vec![0..3, 5..7]);
    assert_eq!(paragraphs(""), Vec::<std::ops::Range<usize>>::new());
}

#[test]
fn words_include_accents() {
    let t = "Bộ Ngoại giao, don’t";
    assert_eq!(word_at(t, 4), Some((3, 8)));
    assert_eq!(word_at(t, 13), None);
    assert_eq!(
        slice_chars(t, word_at(t, 16).unwrap().0, word_at(t, 16).unwrap().1),
        "don’t"
    );
}

#[test]
fn spans_carry_context() {
    let t = "x".repeat(40) + "QUOTE" + &"y".repeat(40);
    let s = make_span(&t, 40, 45);
    assert_eq!(s.exact, "QUOTE");
    assert_eq!(s.prefix, "x".repeat(32));
    assert_eq!(s.suffix, "y".repeat(32));
}

#[test]
fn sha_is_of_the_utf8_bytes() {
    assert_eq!(
        sha256_hex("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

proptest! {
    #[test]
    fn charmap_agrees_with_char_indices(s in "\\PC{0,300}", i in 0usize..400) {
        let map = CharMap::new(&s);
        prop_assert_eq!(map.len(), s.chars().count());
        prop_assert_eq!(map.byte(&s, i), byte_of(&s, i));
        let b = byte_of(&s, i);
        prop_assert_eq!(map.char(&s, b), i.min(map.len()));
    }

    #[test]
    fn normalisation_is_idempotent_and_map_is_monotone(s in "(\\PC|\r\n|\r|\u{0301}|\u{0323}|\u{feff})*") {
        let (t, map) = normalize_mapped(&s);
        prop_assert!(is_normalized(&t));
        prop_assert_eq!(normalize(&t), t.clone());
        prop_assert_eq!(map.len(), s.chars().count() + 1);
        prop_assert!(map.windows(2).all(|w| w[0] <= w[1]));
        prop_assert_eq!(*map.last().unwrap(), t.chars().count());
    }

    #[test]
    fn mapped_offsets_land_on_the_normalised_words(words in proptest::collection::vec("[a-z]{1,6}|e\u{0301}t|o\u{0323}\u{0302}|👍🏽", 1..12), crlf in any::<bool>()) {
        let sep = if crlf { "\r\n" } else { " " };
        let raw = words.join(sep);
        let (t, map) = normalize_mapped(&raw);
        let mut pos = 0usize;
        for w in &words {
            let n = w.chars().count();
            let (a, b) = (map[pos], map[pos + n]);
            prop_assert_eq!(slice_chars(&t, a, b), normalize(w));
            pos += n + sep.chars().count();
        }
    }

    #[test]
    fn tidy_selection_is_within_bounds_and_trimmed(s in "[a-z \u{0301}👍🏽\n]{0,40}", a in 0usize..45, b in 0usize..45) {
        let t = normalize(&s);
        if let Some((x, y)) = tidy_selection(&t, a, b) {
            let n = t.chars().count();
            prop_assert!(x < y && y <= n);
            let q = slice_chars(&t, x, y);
            let gs: Vec<&str> = q.graphemes(true).collect();
            let blank = |g: &str| g.chars().all(char::is_whitespace);
            prop_assert!(!blank(gs[0]) && !blank(gs[gs.len() - 1]));
            let bounds = grapheme_boundaries(&t);
            prop_assert!(bounds.contains(&x) && bounds.contains(&y));
        }
    }
}

#[test]
fn drags_snap_to_whole_words() {
    let t = "Bộ Ngoại giao said “no” 👍🏽 today";
    let at = |w: &str| t[..t.find(w).unwrap()].chars().count();
    let n = |w: &str| w.chars().count();
    // Start and end inside words: both widened ("goại gi" → "Ngoại giao").
    let (s, e) = snap_to_words(t, at("goại"), at("giao") + 2);
    assert_eq!(slice_chars(t, s, e), "Ngoại giao");
    // Already on word boundaries: unchanged, in either direction.
    let (a, b) = (at("said"), at("said") + n("said"));
    assert_eq!(snap_to_words(t, b, a), (a, b));
    // Ending on the opening quote (not a word): kept; inside "no": widened to the word.
    let (s, e) = snap_to_words(t, at("said") + 1, at("no") + 1);
    assert_eq!(slice_chars(t, s, e), "said “no");
    // A drag inside one word selects that word; emoji with a skin tone is not cut.
    assert_eq!(
        snap_to_words(t, at("today") + 1, at("today") + 3),
        (at("today"), at("today") + 5)
    );
    let (s, e) = snap_to_words(t, at("👍"), at("👍") + 2);
    assert_eq!(slice_chars(t, s, e), "👍🏽");
}
