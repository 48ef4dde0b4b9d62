use super::*;

fn line(text: &str, y: f64) -> Line {
    Line {
        text: text.into(),
        y,
        left: 72.0,
        right: 540.0,
        size: 11.0,
    }
}

fn pg(lines: Vec<Line>) -> Page {
    Page {
        lines,
        height: 792.0,
    }
}

fn at(text: &str, y: f64, left: f64, right: f64, size: f64) -> Line {
    Line {
        text: text.into(),
        y,
        left,
        right,
        size,
    }
}

fn glyph(text: &str, x: f64, w: f64) -> Glyph {
    Glyph {
        x,
        y: 100.0,
        end: x + w,
        size: 10.0,
        text: text.into(),
        upright: true,
    }
}

/// Glyphs of a word, 5 points apart, with `extra` glyphs placed by hand.
fn spelled(word: &str, x0: f64) -> Vec<Glyph> {
    word.chars()
        .enumerate()
        .map(|(i, c)| glyph(&c.to_string(), x0 + 5.0 * i as f64, 5.0))
        .collect()
}

#[test]
fn spacing_accents_become_marks_of_their_letter() {
    // "Age" then "ˆ" over the e, then "ncia": the accent after its letter.
    let mut g = spelled("Age", 0.0);
    g.push(glyph("ˆ", 10.5, 4.0));
    g.extend(spelled("ncia", 15.0));
    // "F", then "´" before a dotless ı it is drawn over (TeX), then "sica".
    let mut f = vec![glyph("F", 40.0, 5.0), glyph("´", 45.5, 4.0)];
    f.push(glyph("ı", 45.0, 5.0));
    f.extend(spelled("sica", 50.0));
    // "Aviac" "‚" (a cedilla by another name) "a" "˜" "o".
    let mut a = spelled("Aviac", 80.0);
    a.push(glyph("‚", 100.5, 4.0));
    a.push(glyph("a", 105.0, 5.0));
    a.push(glyph("˜", 105.5, 4.0));
    a.push(glyph("o", 110.0, 5.0));
    // "na", "¨" before "ı", "ve"; then an apostrophe-like "´" between letters stays.
    let mut n = spelled("na", 130.0);
    n.push(glyph("¨", 140.5, 4.0));
    n.push(glyph("ı", 140.0, 5.0));
    n.extend(spelled("ve", 145.0));
    let mut d = spelled("don", 170.0);
    d.push(glyph("´", 185.0, 3.0));
    d.extend(spelled("t", 188.0));
    let all: Vec<Glyph> = [g, f, a, n, d].concat();
    let text = normalize(&lines(&attach_accents(all))[0].text);
    assert_eq!(text, "Agência Física Aviação naïve don´t");
    assert!(!text.contains(['ˆ', '¨', '˜', '‚']));
}

#[test]
fn sideways_text_is_dropped_unless_it_is_the_page() {
    let mut g = spelled("Upright", 0.0);
    let mut side = glyph("X", 0.0, 5.0);
    side.upright = false;
    g.push(side.clone());
    assert_eq!(upright_only(g).len(), 7);
    let all_sideways = vec![side.clone(), side];
    assert_eq!(upright_only(all_sideways).len(), 2);
}

#[test]
fn soft_hyphens_and_cut_urls() {
    let mut g = spelled("e\u{ad}mail", 0.0);
    g.extend(spelled("in\u{ad}", 60.0));
    let l = lines(&g);
    assert_eq!(l[0].text, "e-mail in\u{ad}");
    let mut acc = l[0].text.clone();
    join_lines(&mut acc, "spection was");
    assert_eq!(acc, "e-mail inspection was");
    // A soft hyphen before a capital goes too: it is only a cut.
    let mut acc = "Franco\u{ad}".to_string();
    join_lines(&mut acc, "German");
    assert_eq!(acc, "FrancoGerman");
    for (a, b, want) in [
        (
            "visit https://www.faa.gov/",
            "aircraft/air_cert.",
            "visit https://www.faa.gov/aircraft/air_cert.",
        ),
        ("see faa.gov/", "aircraft now", "see faa.gov/aircraft now"),
        (
            "at www.example.org/a-",
            "b-c.html",
            "at www.example.org/a-b-c.html",
        ),
        ("the 2024/", "2025 season", "the 2024/ 2025 season"),
        ("and/", "or", "and/ or"),
    ] {
        let mut acc = a.to_string();
        join_lines(&mut acc, b);
        assert_eq!(acc, want);
    }
}

#[test]
fn footers_with_changing_numbers_and_dates_are_running() {
    let footer = |n: usize| {
        format!(
            "VerDate Sep<11>2014 16:4{n} Mar {n}, 2024 Jkt 26200{n} PO 00000 Frm 0000{n} \
             Fmt 4700 Sfmt 4700 E:\\FR\\FM\\29MRR1.SGM 29MRR{n}"
        )
    };
    assert_eq!(shape(&footer(1)), shape(&footer(7)));
    assert_eq!(
        shape("Friday, March 29, 2024 / Rules"),
        shape("Monday, April 1, 2024 / Rules")
    );
    // Found in the bottom band although more than three lines follow it on the page.
    let page = |n: usize| Page {
        lines: vec![
            line(
                &format!(
                    "Body text about {} ends here.",
                    ["", "rain", "snow", "wind"][n]
                ),
                100.0,
            ),
            at(&footer(n), 750.0, 72.0, 500.0, 6.0),
            line("Fine print one.", 760.0),
            line("Fine print two.", 770.0),
            line("Fine print three.", 780.0),
            line(&format!("Fine print {n}."), 781.0),
        ],
        height: 792.0,
    };
    let mut pages = vec![page(1), page(2), page(3)];
    drop_furniture(&mut pages);
    for p in &pages {
        assert!(
            p.lines.iter().all(|l| !l.text.starts_with("VerDate")),
            "{p:?}"
        );
        assert!(p.lines[0].text.starts_with("Body text"));
    }
}

/// Three columns of narrow lines: each column's lines make paragraphs of their own column,
/// first-line indents start paragraphs, and a sentence goes on into the next column.
#[test]
fn paragraphs_form_inside_each_column() {
    let mut lines = Vec::new();
    for col in 0..3 {
        let x = 50.0 + 180.0 * col as f64;
        let mut y = 100.0;
        for p in 0..3 {
            for k in 0..4 {
                let indent = if k == 0 { 10.0 } else { 0.0 };
                let last = k == 3;
                let text = match (col, p, k) {
                    (0, 2, 3) => "and this sentence goes on".to_string(),
                    (1, 0, 0) => "into the next column here.".to_string(),
                    _ if last => format!("end of para {col}{p}."),
                    _ => format!("words of column {col} para {p} line {k}"),
                };
                let right = if last { x + 90.0 } else { x + 170.0 };
                // The first paragraph of column 2 is the sentence going on: not indented.
                let indent = if (col, p) == (1, 0) { 0.0 } else { indent };
                lines.push(at(&text, y, x + indent, right, 9.0));
                y += 11.0;
            }
        }
    }
    let (text, _) = layout(vec![pg(lines)]);
    let paras: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(paras.len(), 8, "{paras:#?}");
    assert!(
        text.contains("and this sentence goes on into the next column here."),
        "{text}"
    );
    assert!(paras.iter().all(|p| p.ends_with('.')), "{paras:#?}");
}

#[test]
fn footnotes_and_captions_leave_the_sentence() {
    let body = |t: &str, y: f64| at(t, y, 72.0, 540.0, 10.0);
    let p1 = vec![
        body("A first paragraph of the body text that runs on and", 100.0),
        at("ends here.", 112.0, 72.0, 130.0, 10.0),
        body(
            "The agency said that the operator had failed to keep",
            124.0,
        ),
        body("the schedule because the", 136.0),
        at(
            "1 The registry is kept in Oklahoma City.",
            700.0,
            72.0,
            300.0,
            7.0,
        ),
    ];
    let p2 = vec![
        body("inspection was late, and it fined the operator.", 100.0),
        at(
            "Figure 1. The wing, seen from below.",
            130.0,
            72.0,
            400.0,
            10.0,
        ),
        body("A new paragraph starts here.", 160.0),
    ];
    let (text, _) = layout(vec![pg(p1), pg(p2)]);
    let paras: Vec<&str> = text.split("\n\n").collect();
    assert!(
        paras.contains(
            &"The agency said that the operator had failed to keep the schedule because \
              the inspection was late, and it fined the operator."
        ),
        "{paras:#?}"
    );
    let note = paras.iter().position(|p| p.starts_with("1 The registry"));
    let agency = paras.iter().position(|p| p.starts_with("The agency"));
    assert!(note.is_some() && agency < note, "{paras:#?}");
    assert!(paras.contains(&"Figure 1. The wing, seen from below."));
}

#[test]
fn captions() {
    for yes in [
        "Figure 2. Results",
        "Fig. 3: The loop",
        "Table 1 – Costs",
        "Figure 10.",
    ] {
        assert!(caption_like(yes), "{yes}");
    }
    for no in [
        "Figure 3 shows the loop",
        "Table of contents",
        "Figures are",
        "Table",
    ] {
        assert!(!caption_like(no), "{no}");
    }
}

#[test]
fn the_title_is_the_largest_text_of_the_first_page() {
    let page = Page {
        lines: vec![
            at(
                "This section of the FEDERAL REGISTER contains",
                80.0,
                50.0,
                200.0,
                6.5,
            ),
            at(
                "Airworthiness Directives; Embraer",
                80.0,
                250.0,
                500.0,
                13.0,
            ),
            at("S.A. Airplanes", 96.0, 250.0, 400.0, 13.0),
            at(
                "The body text in its usual size goes on here.",
                200.0,
                250.0,
                500.0,
                9.0,
            ),
            at(
                "The body text in its usual size goes on here.",
                211.0,
                250.0,
                500.0,
                9.0,
            ),
        ],
        height: 792.0,
    };
    assert_eq!(
        largest_text(Some(&page), Some(9.0), &[]).as_deref(),
        Some("Airworthiness Directives; Embraer S.A. Airplanes")
    );
    // No text larger than the body's: no title from here.
    assert_eq!(largest_text(Some(&page), Some(13.0), &[]), None);
    // The section's name in large type, repeated by the running header: not the title.
    let mut first = page.clone();
    first
        .lines
        .insert(0, at("Rules and Regulations", 40.0, 50.0, 300.0, 20.0));
    let running = vec![words_key(
        "Federal Register / Vol. 89, No. 61 / Friday, March 29, 2024 / Rules and Regulations",
    )];
    assert_eq!(
        largest_text(Some(&first), Some(9.0), &running).as_deref(),
        Some("Airworthiness Directives; Embraer S.A. Airplanes")
    );
}

#[test]
fn hyphens_at_line_ends() {
    let cases = [
        ("the govern-", "ment said", "the government said"),
        ("Franco-", "German talks", "Franco-German talks"),
        ("case 2023-", "0379 was", "case 2023-0379 was"),
        ("a self-", "employed man", "a self-employed man"),
        ("state-of-the-", "art tools", "state-of-the-art tools"),
        ("so it was", "said", "so it was said"),
        ("a dash -", "then", "a dash - then"),
    ];
    for (a, b, want) in cases {
        let mut acc = a.to_string();
        join_lines(&mut acc, b);
        assert_eq!(acc, want);
    }
}

#[test]
fn page_numbers() {
    for yes in ["7", "- 7 -", "Page 7", "page 7 of 9", "7/9", " 12 "] {
        assert!(is_page_number(yes), "{yes}");
    }
    for no in [
        "7 people died",
        "2023-0379",
        "In 2023",
        "Page one",
        "1 200 000$",
    ] {
        assert!(!is_page_number(no), "{no}");
    }
}

#[test]
fn running_headers_go_and_paragraphs_form() {
    let words = ["", "rain", "snow", "wind"];
    let page = |n: usize| {
        let w = words[n];
        vec![
            line("Annual Report 2024", 40.0),
            line(&format!("This is the first line about {w}, a para-"), 100.0),
            line(&format!("graph on the {w} page that goes on"), 114.0),
            line(&format!("and ends with {w}."), 128.0),
            line(&format!("A second paragraph about {w}."), 160.0),
            line(&format!("{n}"), 760.0),
        ]
    };
    let text = layout(vec![pg(page(1)), pg(page(2)), pg(page(3))]).0;
    assert!(!text.contains("Annual Report"), "{text}");
    assert!(
        text.contains(
            "This is the first line about snow, a paragraph on the snow page that goes on \
             and ends with snow."
        ),
        "{text}"
    );
    assert_eq!(text.matches("\n\n").count(), 5, "{text}");
    assert!(
        !text.lines().any(|l| l.trim().parse::<u32>().is_ok()),
        "{text}"
    );
}

#[test]
fn a_paragraph_goes_on_across_a_page_break_and_text_is_nfc() {
    let p1 = vec![line(
        "Le comite\u{301} a de\u{301}cide\u{301} que la",
        100.0,
    )];
    let p2 = vec![line("se\u{301}ance est leve\u{301}e.", 100.0)];
    let text = layout(vec![pg(p1), pg(p2)]).0;
    assert_eq!(text, "Le comité a décidé que la séance est levée.");
}

#[test]
fn junk_titles() {
    for junk in [
        "10811.exe",
        "Microsoft Word - draft3.docx",
        "Untitled-1",
        "report v2.pdf",
    ] {
        assert!(junk_title(junk), "{junk}");
    }
    for good in [
        "A Test Report on Attribution",
        "U.S. aid cut",
        "Procès-verbal du 20 juin",
    ] {
        assert!(!junk_title(good), "{good}");
    }
}

#[test]
fn a_panic_inside_becomes_an_error() {
    let r = quietly(|| -> u32 { panic!("malformed") });
    assert!(r.is_err());
    assert_eq!(quietly(|| 7).ok(), Some(7));
}

#[test]
fn dates() {
    assert_eq!(
        pdf_date("D:20230620141500-04'00'").as_deref(),
        Some("2023-06-20")
    );
    assert_eq!(pdf_date("yesterday"), None);
}

/// Glyphs of `words`, each letter 5 wide at size 10, letters `letter_gap` apart and words
/// `word_gap` apart; with `drawn_spaces`, a space glyph (2.8 wide) stands between the words.
fn set(words: &[&str], letter_gap: f64, word_gap: f64, drawn_spaces: bool) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut x = 0.0;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            if drawn_spaces {
                out.push(glyph(" ", x, 2.8));
                x += 2.8;
            }
            x += word_gap;
        }
        for c in w.chars() {
            out.push(glyph(&c.to_string(), x, 5.0));
            x += 5.0 + letter_gap;
        }
    }
    out
}

#[test]
fn the_gap_that_makes_a_space_is_the_lines_own() {
    let words = ["le", "comité", "consultatif", "recommande", "au", "conseil"];
    let text = |g: Vec<Glyph>| {
        lines(&g)
            .first()
            .map(|l| l.text.clone())
            .unwrap_or_default()
    };
    // Drawn spaces; letters a tenth of an em and a bit apart (other metrics than the font's).
    assert_eq!(
        text(set(&words, 1.2, 0.0, true)),
        "le comité consultatif recommande au conseil"
    );
    // No drawn spaces, tracked letters (0.15 em) and words half an em apart.
    assert_eq!(
        text(set(&words, 1.5, 5.0, false)),
        "le comité consultatif recommande au conseil"
    );
    // Ordinary type: letters touching, words a quarter of an em apart.
    assert_eq!(
        text(set(&words, 0.0, 2.5, false)),
        "le comité consultatif recommande au conseil"
    );
    // Code in a monospaced font: many one-letter words, each gap a glyph wide.
    let code = [
        "for", "(var", "k", "=", "i", "+", "i;", "i", "<", "100;", "k", "+=", "i)",
    ];
    assert_eq!(
        text(set(&code, 0.0, 5.0, false)),
        "for (var k = i + i; i < 100; k += i)"
    );
    // A line whose words stand apart by position, with one space drawn at its end.
    let mut g = set(&words, 0.0, 2.0, false);
    let end = g.last().map_or(0.0, |l| l.end);
    g.push(glyph(" ", end, 2.8));
    assert_eq!(text(g), "le comité consultatif recommande au conseil");
}

#[test]
fn list_items_keep_their_hanging_lines_and_quotes_their_lines() {
    let x = 72.0;
    let lines = vec![
        at(
            "The committee lists two conditions for the grant:",
            100.0,
            x,
            400.0,
            10.0,
        ),
        // A bulleted item whose second line hangs under its text, starting with a capital.
        at(
            "• the applicant must hold a permit issued by the",
            113.0,
            x,
            380.0,
            10.0,
        ),
        at(
            "Department of Health before the end of the year;",
            126.0,
            x + 10.0,
            390.0,
            10.0,
        ),
        at(
            "• the site must be inspected by the city.",
            139.0,
            x,
            300.0,
            10.0,
        ),
        // A paragraph with a first-line indent.
        at(
            "Members who disagreed said that the conditions came",
            152.0,
            x + 18.0,
            400.0,
            10.0,
        ),
        at(
            "too late for this year's applicants.",
            165.0,
            x,
            280.0,
            10.0,
        ),
    ];
    let (text, _) = layout(vec![pg(lines)]);
    let paras: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(
        paras,
        [
            "The committee lists two conditions for the grant:",
            "• the applicant must hold a permit issued by the Department of Health before the end of the year;",
            "• the site must be inspected by the city.",
            "Members who disagreed said that the conditions came too late for this year's applicants.",
        ],
        "{text}"
    );
}
