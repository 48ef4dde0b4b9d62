use super::*;

fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><title>Dam is safe, officials say | Daily Bugle</title>\
         </head><body>{body}</body></html>"
    )
}

const PROSE: &str = "<p>Officials said on Monday that the dam above the valley was safe, after a \
    week of heavy rain raised the level of the reservoir to a height not seen in decades.</p>\
    <p>Engineers from the regional water authority inspected the structure twice and found no \
    cracks, according to a statement released by the authority late on Sunday evening.</p>\
    <p>Residents downstream were not convinced. Several families said they had packed their cars \
    and would leave at the first sign of trouble, whatever the officials told them.</p>";

fn extract(html: &[u8]) -> Extracted {
    extract_html(html, Path::new("page.html")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn windows_1252_declared_by_meta_is_decoded() {
    let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; \
        charset=windows-1252\"><title>Caf\xe9</title></head><body><article>"
        .to_vec();
    bytes.extend_from_slice(
        b"<p>Le caf\xe9 \x93d\xe9j\xe0 vu\x94 \x96 na\xefve: the owner said the terrace would \
          reopen in spring, once the council approves the new plans for the square.</p>",
    );
    bytes.extend_from_slice(PROSE.as_bytes());
    bytes.extend_from_slice(b"</article></body></html>");
    let x = extract(&bytes);
    assert!(
        x.text
            .starts_with("Le café “déjà vu” – naïve: the owner said"),
        "{}",
        x.text
    );
    assert_eq!(x.title, "Café");
    // A declared charset is not a guess: nothing to tell the user.
    assert_eq!(x.notice, None);
}

#[test]
fn shift_jis_declared_by_meta_charset_is_decoded() {
    let text = "東京都は月曜日、ダムは安全だと発表した。技術者は二度点検し、ひび割れは見つからなかったと述べた。\
                住民の一部は納得していない。";
    let html = format!(
        "<html><head><meta charset=\"Shift_JIS\"><title>ダム</title></head><body><article>\
         <p>{text}</p><p>{text}</p><p>{text}</p></article></body></html>"
    );
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(&html);
    assert!(!bad);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test page must not be UTF-8"
    );
    let x = extract(&bytes);
    assert!(x.text.starts_with(text), "{}", x.text);
    assert_eq!(x.title, "ダム");
}

#[test]
fn charset_order_bom_then_declaration_then_guess() {
    // A UTF-8 BOM wins over a wrong declaration.
    let mut bom = b"\xef\xbb\xbf<meta charset=windows-1252><p>".to_vec();
    bom.extend_from_slice("Zoë".as_bytes());
    assert_eq!(decode_html(&bom).0, "<meta charset=windows-1252><p>Zoë");
    // No BOM, no declaration, not UTF-8: chardetng's guess, reported as a guess.
    let (text, guessed) =
        decode_html(b"<p>Caf\xe9 cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu, tr\xe8s tr\xe8s bien</p>");
    assert!(text.contains("Café crème brûlée"), "{text}");
    assert!(guessed.is_some());
    // Valid UTF-8 without a declaration is UTF-8, and not a guess.
    assert_eq!(
        decode_html("<p>Zoë</p>".as_bytes()),
        ("<p>Zoë</p>".into(), None)
    );
    // Quoted and unquoted labels, in http-equiv content too.
    assert_eq!(
        declared_charset(b"<meta content='text/html; charset=ISO-8859-2' http-equiv=content-type>"),
        Some(encoding_rs::ISO_8859_2)
    );
    assert_eq!(
        declared_charset(b"<META CHARSET=koi8-r>"),
        Some(encoding_rs::KOI8_R)
    );
    assert_eq!(declared_charset(b"<meta name=x><p>charset=utf-8</p>"), None);
}

#[test]
fn json_ld_metadata_through_graph_and_arrays() {
    let html = page(&format!(
        "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[\
         {{\"@type\":\"WebSite\",\"name\":\"Daily Bugle\"}},\
         {{\"@type\":[\"NewsArticle\"],\"headline\":\"Dam is safe, officials say &#8216;again&#8217;\",\
          \"author\":[{{\"@type\":\"Person\",\"name\":\"Jane Roe\"}},{{\"@type\":\"Person\",\"name\":\"John Doe\"}}],\
          \"datePublished\":\"2026-11-28T09:00:00Z\",\"inLanguage\":\"en-GB\",\
          \"mainEntityOfPage\":{{\"@id\":\"https://bugle.example/dam\"}}}}]}}</script>\
         <article>{PROSE}</article>"
    ));
    let doc = Document::from(html.as_str());
    let ld = json_ld(&doc);
    assert_eq!(
        ld.title.as_deref(),
        Some("Dam is safe, officials say ‘again’")
    );
    assert_eq!(ld.byline.as_deref(), Some("Jane Roe, John Doe"));
    assert_eq!(ld.published.as_deref(), Some("2026-11-28T09:00:00Z"));
    assert_eq!(ld.site.as_deref(), Some("Daily Bugle"));
    assert_eq!(ld.url.as_deref(), Some("https://bugle.example/dam"));
    assert_eq!(ld.lang.as_deref(), Some("en-GB"));

    let x = extract(html.as_bytes());
    assert_eq!(x.title, "Dam is safe, officials say ‘again’");
    assert_eq!(x.byline.as_deref(), Some("Jane Roe, John Doe"));
    // <html lang> is the page's own statement and wins over JSON-LD.
    assert_eq!(x.lang.as_deref(), Some("en"));

    // A top-level array, with the publisher as an object; OpenGraph for the rest.
    let html = page(&format!(
        "<meta property=\"og:site_name\" content=\"OG Site\"><link rel=\"canonical\" \
         href=\"https://bugle.example/canon\"><script type=\"application/ld+json\">[\
         {{\"@type\":\"BreadcrumbList\"}},{{\"@type\":\"Article\",\"headline\":\"H\",\
         \"author\":\"Ann Lee\",\"publisher\":{{\"@type\":\"Organization\",\"name\":\"Bugle Inc\"}}}}]\
         </script><article>{PROSE}</article>"
    ));
    let x = extract(html.as_bytes());
    assert_eq!(x.byline.as_deref(), Some("Ann Lee"));
    assert_eq!(x.site.as_deref(), Some("Bugle Inc"));
    assert_eq!(x.url.as_deref(), Some("https://bugle.example/canon"));
    // Broken JSON-LD is skipped, not fatal.
    let html = page(&format!(
        "<script type=\"application/ld+json\">{{\"@type\": \"NewsArticle\", </script>\
         <meta name=author content=\"By Kim Park\"><article>{PROSE}</article>"
    ));
    let x = extract(html.as_bytes());
    assert_eq!(x.byline.as_deref(), Some("Kim Park"));
    assert_eq!(x.title, "Dam is safe, officials say");
}

#[test]
fn boilerplate_is_removed_and_bylines_go_to_metadata() {
    let html = page(&format!(
        "<nav><a href=/>Home</a> <a href=/world>World</a></nav>\
         <article><h1>Dam is safe, officials say</h1>\
         <p>By Jane Roe</p><p>Updated 10:07 PM ET, Mon November 18, 2019</p>\
         <div class=\"share-bar\"><a href=#>Share</a> <a href=#>Tweet</a></div>\
         <figure><img src=a.jpg><figcaption>The dam on Sunday. (Photo: Ann Lee/Getty Images)</figcaption></figure>\
         {PROSE}\
         <h2>The inspection</h2><p>The inspectors will return next month, the authority said in \
         its statement, and will publish their findings in full.</p>\
         <p>Photo: Ann Lee / Bugle</p>\
         <div class=\"newsletter-signup\"><p>Sign up for our morning newsletter to get the day's news in your inbox.</p></div>\
         <h3>You may also like</h3><ul><li><a href=/a>Ten dams to see before you die</a></li>\
         <li><a href=/b>Why reservoirs are rising everywhere</a></li></ul>\
         <p>© 2019 Daily Bugle. All rights reserved.</p>\
         <div id=\"cookie-banner\"><p>We use cookies to improve your experience on our site.</p></div>\
         </article><div class=\"trending\"><h2>Trending</h2><a href=/c>A celebrity did a thing</a></div>"
    ));
    let x = extract(html.as_bytes());
    let t = &x.text;
    assert!(t.starts_with("Officials said on Monday"), "{t}");
    assert!(t.ends_with("will publish their findings in full."), "{t}");
    // The heading is its own paragraph, separated by blank lines.
    assert!(
        t.contains("whatever the officials told them.\n\nThe inspection\n\nThe inspectors"),
        "{t}"
    );
    for junk in [
        "Jane Roe",
        "Updated",
        "Share",
        "Tweet",
        "Getty",
        "Photo",
        "newsletter",
        "You may also like",
        "Ten dams",
        "©",
        "cookies",
        "Trending",
        "celebrity",
        "World",
    ] {
        assert!(!t.contains(junk), "{junk:?} left in:\n{t}");
    }
    assert_eq!(x.byline.as_deref(), Some("Jane Roe"));
    // The dateline, found only in the body, as an ISO date.
    assert_eq!(x.published.as_deref(), Some("2019-11-18"));
    // "Dam is safe, officials say | Daily Bugle" loses the site suffix once the site is known.
    assert_eq!(x.title, "Dam is safe, officials say");
    assert_eq!(x.extractor, "html");
}

#[test]
fn sentences_that_look_like_furniture_are_kept() {
    // A sentence starting with "By" is not a byline, a date inside a sentence is not a
    // dateline, and prose about subscriptions that is long is not a pitch.
    let html = page(&format!(
        "<article>{PROSE}<p>By the end of the week, officials said, the water had fallen by half.</p>\
         <p>On November 18, 2019 the reservoir reached its highest level since records began in 1911.</p></article>"
    ));
    let x = extract(html.as_bytes());
    assert!(x.text.contains("By the end of the week"), "{}", x.text);
    assert!(
        x.text.contains("On November 18, 2019 the reservoir"),
        "{}",
        x.text
    );
    assert_eq!(
        byline_of("By Jane Roe and John Doe, Reuters"),
        Some("Jane Roe and John Doe, Reuters".into())
    );
    assert_eq!(
        byline_of("by the river, officials said the dam was safe and sound today."),
        None
    );
    assert!(is_dateline("Published 19 November 2019 | 12:34"));
    assert!(is_dateline("segunda-feira, 22 de janeiro de 2018 às 0:13"));
    assert!(!is_dateline(
        "The dam was built in 1911 and raised in 1960 and 2019."
    ));
}

#[test]
fn bad_pages_are_named_errors() {
    let file = Path::new("saved/page.html");
    let cases: [(&[u8], &str); 4] = [
        (
            &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 1, 2, 3, 0, 0],
            "binary",
        ),
        (b"   \n", "empty"),
        (
            b"<html><head><title>x</title></head><body> <div></div> </body></html>",
            "empty",
        ),
        (
            b"<html><body><ul><li><a href=/a>Home</a></li><li><a href=/b>World news</a></li>\
              <li><a href=/c>Sport</a></li></ul></body></html>",
            "no article found",
        ),
    ];
    for (bytes, want) in cases {
        let e = extract_html(bytes, file).expect_err(want).to_string();
        assert!(e.contains("saved/page.html") && e.contains(want), "{e}");
    }
}

#[test]
fn several_articles_keep_the_one_with_the_headline() {
    let teaser = "<p>Another story entirely, about a festival of lights in the old town, with \
        music, food and a parade that drew thousands of visitors over the weekend.</p>";
    let html = page(&format!(
        "<div><article><h1>Dam is safe, officials say</h1>{PROSE}</article>\
         <div><article><h2>Festival</h2>{teaser}{teaser}</article><article><h2>Parade</h2>{teaser}{teaser}</article></div></div>"
    ));
    let x = extract(html.as_bytes());
    assert!(!x.text.contains("festival"), "{}", x.text);
    assert!(x.text.contains("Residents downstream"), "{}", x.text);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any bytes named .html give an article or a named error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000)) {
        if let Err(e) = extract_html(&bytes, Path::new("fuzz.html")) {
            proptest::prop_assert!(e.to_string().contains("fuzz.html"));
        }
    }

    /// A real page cut at any point and with bytes flipped still extracts or fails cleanly.
    #[test]
    fn mutated_page_never_panics(cut in 0usize..4000, flips in proptest::collection::vec((0usize..4000, proptest::prelude::any::<u8>()), 0..20)) {
        let mut bytes = page(PROSE).into_bytes();
        bytes.extend_from_slice("<p>Kelvin \u{212a} İstanbul ß</p>".as_bytes());
        for (i, b) in flips {
            let n = bytes.len();
            bytes[i % n] = b;
        }
        bytes.truncate(cut.max(1));
        let _ = extract_html(&bytes, Path::new("cut.html"));
    }
}

fn case(name: &str) -> Result<Extracted, ArticleError> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html-cases")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    extract_html(&bytes, &path)
}

#[test]
fn short_articles_in_plain_paragraphs_come_through() {
    let x = case("short-report.html").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        x.text
            .starts_with("The regional water authority said on Tuesday"),
        "{}",
        x.text
    );
    assert!(
        x.text
            .ends_with("often lasted until the first cold nights of autumn."),
        "{}",
        x.text
    );
    assert_eq!(x.text.split("\n\n").count(), 7, "{}", x.text);
    for junk in ["Most read", "Storm knocks", "Privacy policy", "Politics"] {
        assert!(!x.text.contains(junk), "{junk}: {}", x.text);
    }
    assert_eq!(x.title, "Reservoir closed to swimmers over toxic algae");
    assert_eq!(x.byline.as_deref(), Some("Maria Lindqvist"));

    // The page inside one <form>; the article hidden from screen readers behind a dialog.
    for name in [
        "short-report-in-form.html",
        "short-report-behind-dialog.html",
    ] {
        let y = case(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(y.text, x.text, "{name}");
    }

    // Shorter still, its paragraphs straight in <body> beside lists of links.
    let x = case("short-brief.html").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        x.text.starts_with("Firefighters brought a blaze"),
        "{}",
        x.text
    );
    assert!(
        x.text.ends_with("broken into twice this year."),
        "{}",
        x.text
    );
    assert!(!x.text.contains("Other story"), "{}", x.text);
    // Its only date is in the body, written out: kept as an ISO date.
    assert_eq!(x.published.as_deref(), Some("2024-03-03"));

    // The text only in JSON-LD (the page draws it with a script).
    let x = case("script-shell.html").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        x.text.starts_with("The regional water authority said")
            && x.text.contains("\n\n“We are not taking any chances"),
        "{}",
        x.text
    );
    assert!(!x.text.contains("Loading"), "{}", x.text);
}

#[test]
fn pages_without_an_article_are_refused_saying_why() {
    let e = case("index.html").expect_err("an index").to_string();
    assert!(
        e.contains("no article found")
            && e.contains("index.html")
            && e.contains("links to other pages"),
        "{e}"
    );
    let e = case("login-wall.html")
        .expect_err("a login page")
        .to_string();
    assert!(
        e.contains("no article found") && e.contains("login-wall.html") && e.contains("sign in"),
        "{e}"
    );
}

#[test]
fn syndicated_page_outlet_byline_and_gallery_labels() {
    let x = case("syndicated-ap.html").unwrap_or_else(|e| panic!("{e}"));
    // "Hosted" (og:site_name, application-name, JSON-LD publisher) is not an outlet's name.
    assert_eq!(x.site.as_deref(), Some("The Associated Press"));
    // The name and the agency are two elements side by side: not glued together.
    let by = x.byline.as_deref().unwrap_or_default();
    assert!(
        by.contains("ERIC TUCKER") && !by.contains("TUCKERAssociated"),
        "{by}"
    );
    assert!(!x.text.contains("View all"), "{}", x.text);
    assert!(
        x.text
            .starts_with("WASHINGTON (AP) — The Justice Department"),
        "{}",
        x.text
    );
    assert!(x.text.ends_with("would be finished."), "{}", x.text);
}

#[test]
fn block_elements_and_cells_never_glue_words() {
    let html = page(&format!(
        "<article>{PROSE}<figure><figcaption>Caption words</figcaption></figure><table><tr>\
         <td>Cell one</td><td>Cell two</td></tr></table><p>Line one<br>line two</p></article>"
    ));
    let doc = Document::from(html.as_str());
    let blocks = blocks_of(&doc.root());
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(texts.contains(&"Caption words"), "{texts:?}");
    assert!(texts.contains(&"Cell one Cell two"), "{texts:?}");
    assert!(texts.contains(&"Line one\nline two"), "{texts:?}");
    assert_eq!(
        unglue("ERIC TUCKERAssociated Press"),
        "ERIC TUCKER Associated Press"
    );
    for same in [
        "MPs and NGOs",
        "Jane McDonald",
        "iPhone",
        "BBC News",
        "NATO",
    ] {
        assert_eq!(unglue(same), same);
    }
}

#[test]
fn site_names_that_are_not_names() {
    for no in [
        "Hosted",
        "home",
        "WordPress",
        "https://example.com",
        "",
        "News",
    ] {
        assert!(!is_site_name(no), "{no}");
    }
    for yes in ["The Associated Press", "BBC News", "Le Monde", "NPR"] {
        assert!(is_site_name(yes), "{yes}");
    }
}

#[test]
fn gallery_labels() {
    for yes in [
        "View all (23)",
        "23 photos",
        "Image 1 of 12",
        "Open gallery",
        "View gallery",
    ] {
        assert!(is_gallery_label(yes), "{yes}");
    }
    for no in [
        "See all the evidence.",
        "The photos were taken in 2019.",
        "1 of the 3 men",
        "More",
    ] {
        assert!(!is_gallery_label(no), "{no}");
    }
}

#[test]
fn dates_become_yyyy_mm_dd_when_whole_and_plausible() {
    for (written, lang, want) in [
        ("March 3, 2024", "", Some("2024-03-03")),
        ("3 March 2024", "", Some("2024-03-03")),
        (
            "Updated 10:42 AM EST, Sun March 3, 2024",
            "",
            Some("2024-03-03"),
        ),
        ("Published 3rd of March 2024", "", Some("2024-03-03")),
        ("3 de março de 2024", "pt", Some("2024-03-03")),
        ("le 3 mars 2024 à 10h42", "fr", Some("2024-03-03")),
        ("2024/3/3", "", Some("2024-03-03")),
        ("13/04/2024", "", Some("2024-04-13")),
        ("04/13/2024", "", Some("2024-04-13")),
        ("04/04/2024", "", Some("2024-04-04")),
        // Machine dates: the date as written, whatever the time zone.
        ("2024-03-03", "", Some("2024-03-03")),
        ("2024-03-03T23:42:00-05:00", "", Some("2024-03-03")),
        ("2019-11-19 23:46:00 UTC", "", Some("2019-11-19")),
        ("2019-11-19T13:16+0000", "", Some("2019-11-19")),
        ("Wed, 10 Nov 2021 12:00:00 GMT", "", Some("2021-11-10")),
        // Written for people, in many languages.
        ("10.11.2021", "", Some("2021-11-10")),
        ("10.11.2021, 18:00", "de", Some("2021-11-10")),
        ("28 Września 2020, 18:00", "pl", Some("2020-09-28")),
        ("17 октября 2018, 12:30", "ru", Some("2018-10-17")),
        ("10 Kasım 2021", "tr", Some("2021-11-10")),
        ("2021. november 10. 08:12", "hu", Some("2021-11-10")),
        ("Publicado el 5 de abril de 2019", "es", Some("2019-04-05")),
        ("woensdag 10 november 2021", "nl", Some("2021-11-10")),
        ("10. März 2021", "de", Some("2021-03-10")),
        ("2020年3月9日 10:00", "ja", Some("2020-03-09")),
        ("입력 2019.11.19 15:24", "ko", Some("2019-11-19")),
        ("2019년 11월 19일", "ko", Some("2019-11-19")),
        ("15 listopada 2020", "pl", Some("2020-11-15")),
        ("15. listopada 2020.", "hr", Some("2020-10-15")),
        // Ambiguous numeric dates: by the page's language, else none.
        ("03/04/2024", "", None),
        ("03/04/2024", "en", None),
        ("03/04/2024", "en-US", Some("2024-03-04")),
        ("03/04/2024", "en-GB", Some("2024-04-03")),
        ("03/04/2024", "fr", Some("2024-04-03")),
        // Not whole, not a date, or not plausible.
        ("February 30, 2024", "", None),
        ("Sun March 3", "", None),
        ("2019", "", None),
        ("2001 2013 2017", "", None),
        ("206-231-3195", "", None),
        ("Tel. 0171 555 1234", "", None),
        ("192.168.1.20", "", None),
        ("0001-01-01T00:00:00Z", "", None),
        ("1970-01-01", "", None),
        ("12.03.1987", "", None),
        ("2099-01-01", "", None),
        ("3 days ago", "", None),
    ] {
        assert_eq!(
            normalise_date(written, lang).as_deref(),
            want,
            "{written} ({lang})"
        );
    }
    assert_eq!(
        dates::date_in_url("https://x.example/news/2023/01/12/ferry").as_deref(),
        Some("2023-01-12")
    );
    assert_eq!(
        dates::date_in_url("https://x.example/stories/2019/nov/19/meth").as_deref(),
        Some("2019-11-19")
    );
    assert_eq!(dates::date_in_url("https://x.example/2018/best-of"), None);
}

#[test]
fn bylines_without_their_prefixes_and_never_form_labels() {
    for (raw, want) in [
        ("By Jane Doe | Reuters", "Jane Doe | Reuters"),
        ("Post author By Jane Wright", "Jane Wright"),
        ("Veröffentlicht von Max Mustermann", "Max Mustermann"),
        ("Autor: Jan Kowalski", "Jan Kowalski"),
        ("Publié par Claire Martin", "Claire Martin"),
        ("di Giulia Rossi", "Giulia Rossi"),
        // Names that begin like a prefix keep it.
        ("Von der Leyen", "Von der Leyen"),
        ("Di Maio", "Di Maio"),
        ("Byron Allen", "Byron Allen"),
    ] {
        assert_eq!(clean_byline(raw), want, "{raw}");
    }
    for label in [
        "Name (required)",
        "Name *",
        "Nama (wajib)",
        "Email",
        "Website",
    ] {
        assert!(is_form_label(label), "{label}");
    }
    for name in ["Jane Wright", "Nama Sutrisno", "Reuters"] {
        assert!(!is_form_label(name), "{name}");
    }
}

fn case_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html-cases")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn prose_with_furniture_words_is_never_dropped() {
    // Sixteen sentences of article text with "sign up", "subscribe", "newsletter", "Read more",
    // "All rights reserved", "Cookies", "Photo:", "Related:", "Getty Images", "Additional
    // reporting by" … in them: a lead paragraph and quotes with their source.
    let x = case("prose-keywords.html").unwrap_or_else(|e| panic!("{e}"));
    let want = case_text("prose-keywords.txt");
    let dropped: Vec<&str> = want
        .lines()
        .filter(|l| !l.is_empty() && !x.text.contains(l))
        .collect();
    println!("prose-keywords: {} of 16 sentences dropped", dropped.len());
    assert!(dropped.is_empty(), "dropped:\n{}", dropped.join("\n"));
    // The same words in the navigation, an aside and the footer are furniture.
    for junk in [
        "Get the morning briefing",
        "in your inbox",
        "©",
        "Privacy policy",
    ] {
        assert!(!x.text.contains(junk), "{junk:?} left in:\n{}", x.text);
    }
}

#[test]
fn furniture_is_told_by_structure() {
    // Short link lines ("Read more: <a>…</a>"), labels ("Advertisement", a photo credit, a
    // © line), a newsletter link and a cookie notice in a container so named.
    let x = case("boilerplate-structure.html").unwrap_or_else(|e| panic!("{e}"));
    let t = &x.text;
    assert!(
        t.starts_with("The harbour authority said on Tuesday"),
        "{t}"
    );
    assert!(t.ends_with("came to 2.4 million pounds."), "{t}");
    assert_eq!(t.split("\n\n").count(), 5, "{t}");
    for junk in [
        "Read more",
        "Storms keep",
        "Advertisement",
        "Related",
        "Sign up",
        "cookies",
        "Photo",
        "©",
    ] {
        assert!(!t.contains(junk), "{junk:?} left in:\n{t}");
    }
}

#[test]
fn image_captions_and_ruby_readings_are_not_text() {
    let x = case("captions-center-em.html").unwrap_or_else(|e| panic!("{e}"));
    let want = case_text("mill-post.txt");
    assert_eq!(x.text.trim(), want.trim());
    // Ruby: the base text only, never the reading in brackets or inline.
    let html = page(&format!(
        "<article><p><ruby>東京<rp>(</rp><rt>とうきょう</rt><rp>)</rp></ruby>都は月曜日、\
         <ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>の表記を改めると発表した。{}</p>{PROSE}</article>",
        "技術者は二度点検し、ひび割れは見つからなかったと述べた。".repeat(4)
    ));
    let x = extract(html.as_bytes());
    assert!(
        x.text.starts_with("東京都は月曜日、漢字の表記を"),
        "{}",
        x.text
    );
    assert!(
        !x.text.contains('と') || !x.text.contains("とうきょう"),
        "{}",
        x.text
    );
}

#[test]
fn a_post_inside_noscript_or_template_is_found() {
    let want = case_text("mill-post.txt");
    for name in ["blogger-noscript.html", "blogger-template.html"] {
        let x = case(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(x.text.trim(), want.trim(), "{name}");
    }
}

#[test]
fn a_long_article_full_of_links_is_an_article() {
    // 720 words, half of them inside inline links: prose all the same.
    let x = case("linked-article.html").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        x.text.starts_with("The river restoration project"),
        "{}",
        x.text
    );
    assert!(
        x.text
            .contains("no formal count of them has yet been made."),
        "{}",
        x.text
    );
    assert!(word_count(&x.text) > 650, "{}", x.text);
    assert!(!x.text.contains("Beavers in the Tay"), "{}", x.text);
}

#[test]
fn a_letter_is_kept_over_its_signatories() {
    let x = case("open-letter.html").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        x.text.starts_with("We, the undersigned researchers"),
        "{}",
        x.text
    );
    assert!(
        x.text.contains("examined by everyone concerned."),
        "{}",
        x.text
    );
}

#[test]
fn a_prompt_repeated_across_the_page_is_furniture() {
    let x = case("login-prompt-repeated.html").unwrap_or_else(|e| panic!("{e}"));
    let want = case_text("login-prompt-repeated.txt");
    assert_eq!(x.text.trim(), want.trim());
    assert_eq!(x.published.as_deref(), Some("2024-04-17"));
}
