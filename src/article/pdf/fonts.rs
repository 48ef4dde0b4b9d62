//! Font repairs made in the loaded document before pdf-extract reads its glyphs.
//!
//! pdf-extract decodes most fonts well, but some kinds of font come out wrong, and it has no
//! hook to decode a glyph our way: it gives [`super::Collector`] a glyph's text, not its code or
//! font. So the fonts are mended in the document first, in the forms pdf-extract reads right:
//!
//! 1. every font's code → text map is written out as a plain ToUnicode CMap (one `bfchar` per
//!    code), made from what the PDF says, in the order the PDF specification gives:
//!    - the font's own ToUnicode CMap, read with lopdf's CMap parser (ranges, arrays of
//!      destinations, destinations of several characters such as "ffi"): pdf-extract's own CMap
//!      reader panics on multi-character ranges and reads codes mapped to nothing as nothing;
//!    - for a simple font, codes the ToUnicode map lacks, from its /Encoding: the named base
//!      encoding (WinAnsi, MacRoman, Standard …) and the /Differences glyph names through the
//!      Adobe Glyph List and its rules ("uni00E9", "u1F600", "f_i", "eacute.sc"). pdf-extract
//!      prefers an embedded CFF font's built-in encoding to the /Encoding the PDF gives, so
//!      "é" (0xE9 in WinAnsi) came out as "Ø" (0xE9 in StandardEncoding);
//!    - for a Type0 font with Identity-H/V, CIDs the ToUnicode map lacks or maps to nothing,
//!      from the embedded TrueType font (CIDFontType2): its Unicode cmap read backwards
//!      through the CIDToGIDMap, else its glyph names. pdf-extract drops such glyphs
//!      ("betwee the");
//! 2. a Type0 font's /W widths array is rewritten in the "first [w1 w2 …]" form only:
//!    pdf-extract misreads the "first last width" form and gives those glyphs the default
//!    width, which puts false gaps or overlaps between glyphs.
//!
//! Each font is mended on its own and a font that cannot be mended is left as it was.
//! Only fonts that are objects of their own are seen (a font dictionary written directly
//! inside a page's resources is left to pdf-extract): producers write fonts as objects.

use pdf_extract::{Dictionary, Document, Encoding, Object, ObjectId, Stream};
use std::collections::BTreeMap;

/// A font's code → text map: (code, length of the code in bytes) → text.
type CodeMap = BTreeMap<(u32, u8), String>;

/// The most codes read out of one ToUnicode range or one font program (a 2-byte code space).
const MAX_CODES: u32 = 0x1_0000;

/// Mend every font of the document (see the module's documentation).
pub(super) fn repair(doc: &mut Document) {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(is_font))
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        // A font that trips lopdf or ttf-parser up is left as it was: the repair is a bonus.
        let work = std::panic::AssertUnwindSafe(|| plan(doc, id));
        if let Ok(Some(plan)) = std::panic::catch_unwind(work) {
            apply(doc, id, plan);
        }
    }
}

fn is_font(d: &Dictionary) -> bool {
    d.get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == b"Font")
        && d.get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| matches!(n, b"Type0" | b"Type1" | b"MMType1" | b"TrueType"))
}

/// What to change in one font.
struct Plan {
    /// The new ToUnicode map (None: leave it; an empty map: remove it).
    to_unicode: Option<CodeMap>,
    /// A Type0 font's descendant and its new /W.
    widths: Option<(Option<ObjectId>, Object)>,
}

fn plan(doc: &Document, id: ObjectId) -> Option<Plan> {
    let font = doc.get_dictionary(id).ok()?;
    let subtype = font.get(b"Subtype").and_then(Object::as_name).ok()?;
    if subtype == b"Type0" {
        plan_type0(doc, font)
    } else {
        plan_simple(doc, font)
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key).ok().map(|o| deref(doc, o))
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The font's own ToUnicode CMap as read by lopdf: Some(map) when there is one that parses.
fn to_unicode_of(doc: &Document, font: &Dictionary) -> Option<CodeMap> {
    let stream = get(doc, font, b"ToUnicode")?.as_stream().ok()?;
    // lopdf reads a ToUnicode CMap through a font dictionary that has nothing else.
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("ToUnicode", Object::Stream(stream.clone()));
    let Ok(Encoding::UnicodeMapEncoding(cmap)) = probe.get_font_encoding(doc) else {
        return None;
    };
    let mut out = CodeMap::new();
    for (i, ranges) in cmap.bf_ranges.iter().enumerate() {
        let len = i as u8 + 1;
        for (range, _) in ranges.iter() {
            let (lo, hi) = (*range.start(), *range.end());
            for code in lo..=hi.min(lo.saturating_add(MAX_CODES)) {
                let Some(units) = cmap.get(code, len) else {
                    continue;
                };
                let text: String = char::decode_utf16(units)
                    .filter_map(Result::ok)
                    .filter(|c| *c != '\0' && *c != '\u{fffd}')
                    .collect();
                out.insert((code, len), text);
            }
        }
    }
    Some(out)
}

fn plan_simple(doc: &Document, font: &Dictionary) -> Option<Plan> {
    let own = to_unicode_of(doc, font);
    let had_to_unicode = font.get(b"ToUnicode").is_ok();
    let from_encoding = encoding_map(doc, font);
    let has_encoding = from_encoding.is_some();
    if own.is_none() && from_encoding.is_none() {
        // Nothing to go on, or a ToUnicode map lopdf cannot read either: leave the font.
        return None;
    }
    let mut map = CodeMap::new();
    for (code, text) in from_encoding.into_iter().flatten() {
        map.insert((code, 1), text);
    }
    for (key, text) in own.into_iter().flatten() {
        // A code mapped to nothing keeps what the encoding says.
        if !text.is_empty() || !map.contains_key(&key) {
            map.insert(key, text);
        }
    }
    if has_encoding {
        // Codes mapped to nothing fall back on the encoding; without one they stay nothing.
        map.retain(|_, t| !t.is_empty());
    }
    if map.is_empty() && !had_to_unicode {
        return None;
    }
    Some(Plan {
        to_unicode: Some(map),
        widths: None,
    })
}

/// A simple font's code → text map from its /Encoding (None without one).
fn encoding_map(doc: &Document, font: &Dictionary) -> Option<BTreeMap<u32, String>> {
    let enc = get(doc, font, b"Encoding")?;
    let descriptor = get(doc, font, b"FontDescriptor").and_then(|d| d.as_dict().ok());
    let embedded = descriptor
        .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
    let symbolic = descriptor
        .and_then(|d| get(doc, d, b"Flags"))
        .and_then(number)
        .is_some_and(|f| (f as i64) & 4 != 0);
    let mut map = BTreeMap::new();
    match enc {
        Object::Name(name) => map = base_encoding(name)?,
        Object::Dictionary(d) => {
            if let Some(Object::Name(base)) = get(doc, d, b"BaseEncoding") {
                map = base_encoding(base).unwrap_or_default();
            } else if !embedded && !symbolic {
                // Without a base, codes not in /Differences follow the font's built-in
                // encoding: StandardEncoding for a Latin font that is not embedded. An embedded
                // font's own encoding is left to pdf-extract, which reads it.
                map = base_encoding(b"StandardEncoding").unwrap_or_default();
            }
            if let Some(Object::Array(diffs)) = get(doc, d, b"Differences") {
                let mut code: i64 = 0;
                for o in diffs {
                    match deref(doc, o) {
                        Object::Integer(i) => code = *i,
                        Object::Name(n) => {
                            if (0..256).contains(&code) {
                                let name = String::from_utf8_lossy(n);
                                match glyph_text(&name) {
                                    Some(t) => map.insert(code as u32, t),
                                    None => map.remove(&(code as u32)),
                                };
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => return None,
    }
    Some(map)
}

/// The 256 codes of a named simple encoding, from lopdf's tables.
fn base_encoding(name: &[u8]) -> Option<BTreeMap<u32, String>> {
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Name(name.to_vec()));
    let doc = Document::new();
    let enc = probe.get_font_encoding(&doc).ok()?;
    if !matches!(enc, Encoding::OneByteEncoding(_)) {
        return None;
    }
    let mut out = BTreeMap::new();
    for code in 0..=255u8 {
        if let Ok(t) = Document::decode_text(&enc, &[code])
            && !t.is_empty()
        {
            out.insert(u32::from(code), t);
        }
    }
    Some(out)
}

/// One name of the Adobe Glyph List, through lopdf's table (an /Encoding with one /Differences
/// entry is the way lopdf exposes it).
fn agl(name: &str) -> Option<String> {
    let mut enc = Dictionary::new();
    enc.set("Type", Object::Name(b"Encoding".to_vec()));
    enc.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(65),
            Object::Name(name.as_bytes().to_vec()),
        ]),
    );
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Dictionary(enc));
    let doc = Document::new();
    let enc = probe.get_font_encoding(&doc).ok()?;
    // An unknown name makes lopdf fall back to StandardEncoding, where 65 is "A".
    if !matches!(enc, Encoding::Differences(_)) {
        return None;
    }
    Document::decode_text(&enc, &[65])
        .ok()
        .filter(|t| !t.is_empty())
}

/// The text of a glyph name, by the Adobe Glyph List specification: drop what follows the first
/// period ("eacute.sc"), split ligatures at underscores ("f_f_i"), and read each part as a
/// list name, "uniXXXX…" (groups of four hex digits) or "uXXXX" to "uXXXXXX".
pub(crate) fn glyph_text(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for part in base.split('_') {
        out.push_str(&component(part)?);
    }
    (!out.is_empty()).then_some(out)
}

fn component(part: &str) -> Option<String> {
    if let Some(t) = agl(part) {
        return Some(t);
    }
    let hex = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
    };
    if let Some(h) = part.strip_prefix("uni")
        && h.len() % 4 == 0
        && hex(h)
    {
        let mut out = String::new();
        for i in (0..h.len()).step_by(4) {
            let v = u32::from_str_radix(&h[i..i + 4], 16).ok()?;
            out.push(char::from_u32(v)?);
        }
        return Some(out);
    }
    if let Some(h) = part.strip_prefix('u')
        && (4..=6).contains(&h.len())
        && hex(h)
    {
        let v = u32::from_str_radix(h, 16).ok()?;
        return char::from_u32(v).map(String::from);
    }
    None
}

fn plan_type0(doc: &Document, font: &Dictionary) -> Option<Plan> {
    let descendant_ref = match font.get(b"DescendantFonts").ok()? {
        Object::Array(a) => a.first()?.clone(),
        Object::Reference(id) => doc.get_object(*id).ok()?.as_array().ok()?.first()?.clone(),
        _ => return None,
    };
    let descendant_id = match descendant_ref {
        Object::Reference(id) => Some(id),
        _ => None,
    };
    let cid_font = deref(doc, &descendant_ref).as_dict().ok()?;
    let widths = get(doc, cid_font, b"W")
        .and_then(|w| w.as_array().ok())
        .and_then(|w| plain_widths(doc, w))
        .map(|w| (descendant_id, w));
    let identity = matches!(
        get(doc, font, b"Encoding"),
        Some(Object::Name(n)) if n == b"Identity-H" || n == b"Identity-V"
    );
    let own = to_unicode_of(doc, font);
    let to_unicode = if identity {
        let mut map = own.clone().unwrap_or_default();
        let missing = |m: &CodeMap, cid: u32| m.get(&(cid, 2)).is_none_or(String::is_empty);
        if let Some(from_font) = font_program_map(doc, cid_font) {
            for (cid, text) in from_font {
                if missing(&map, cid) {
                    map.insert((cid, 2), text);
                }
            }
        }
        map.retain(|_, t| !t.is_empty());
        (own.is_some() || !map.is_empty()).then_some(map)
    } else {
        own.map(|mut m| {
            m.retain(|_, t| !t.is_empty());
            m
        })
    };
    if widths.is_none() && to_unicode.is_none() {
        return None;
    }
    Some(Plan { to_unicode, widths })
}

/// /W with every "first last width" run written as "first [width …]" (references resolved).
fn plain_widths(doc: &Document, w: &[Object]) -> Option<Object> {
    let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let first = number(items[i])? as i64;
        match items.get(i + 1)? {
            Object::Array(ws) => {
                let ws: Vec<Object> = ws
                    .iter()
                    .map(|o| Object::Real(number(deref(doc, o)).unwrap_or(0.0) as f32))
                    .collect();
                out.push(Object::Integer(first));
                out.push(Object::Array(ws));
                i += 2;
            }
            last => {
                let last = number(last)? as i64;
                let width = number(items.get(i + 2)?)?;
                if last < first || last - first >= i64::from(MAX_CODES) {
                    return None;
                }
                out.push(Object::Integer(first));
                out.push(Object::Array(
                    (first..=last).map(|_| Object::Real(width as f32)).collect(),
                ));
                i += 3;
            }
        }
    }
    Some(Object::Array(out))
}

/// CID → text from the embedded TrueType or OpenType program of a CIDFont: the Unicode cmap
/// read backwards (glyph → character) through the CIDToGIDMap, else the glyph's name.
///
/// Only for a CIDFontType2 (TrueType outlines), where the CIDToGIDMap says which glyph a CID
/// draws; a CIDFontType0 (CFF) maps CIDs to glyphs through its charset, so its glyph numbers
/// are not its CIDs and reading them so would put wrong letters where none were.
fn font_program_map(doc: &Document, cid_font: &Dictionary) -> Option<BTreeMap<u32, String>> {
    let subtype = get(doc, cid_font, b"Subtype")?.as_name().ok()?;
    if subtype != b"CIDFontType2" {
        return None;
    }
    let descriptor = get(doc, cid_font, b"FontDescriptor")?.as_dict().ok()?;
    let file = get(doc, descriptor, b"FontFile2")
        .or_else(|| get(doc, descriptor, b"FontFile3"))?
        .as_stream()
        .ok()?;
    let data = stream_bytes(file);
    let face = ttf_parser::Face::parse(&data, 0).ok()?;
    let mut by_glyph: BTreeMap<u16, char> = BTreeMap::new();
    if let Some(cmap) = face.tables().cmap {
        for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
            sub.codepoints(|cp| {
                if let (Some(g), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                    // One glyph may stand for several characters (a space and a no-break
                    // space): the first, lowest one is kept.
                    by_glyph.entry(g.0).or_insert(c);
                }
            });
        }
    }
    let text_of = |gid: u16| -> Option<String> {
        if gid == 0 {
            return None;
        }
        by_glyph.get(&gid).map(|c| c.to_string()).or_else(|| {
            face.glyph_name(ttf_parser::GlyphId(gid))
                .and_then(glyph_text)
        })
    };
    let mut out = BTreeMap::new();
    match get(doc, cid_font, b"CIDToGIDMap") {
        Some(Object::Stream(s)) => {
            let map = stream_bytes(s);
            for (cid, pair) in map.chunks_exact(2).enumerate().take(MAX_CODES as usize) {
                let gid = u16::from_be_bytes([pair[0], pair[1]]);
                if let Some(t) = text_of(gid) {
                    out.insert(cid as u32, t);
                }
            }
        }
        _ => {
            for gid in 1..face.number_of_glyphs() {
                if let Some(t) = text_of(gid) {
                    out.insert(u32::from(gid), t);
                }
            }
        }
    }
    Some(out)
}

fn stream_bytes(s: &Stream) -> Vec<u8> {
    s.decompressed_content()
        .unwrap_or_else(|_| s.content.clone())
}

/// A ToUnicode CMap of `bfchar` entries only (the form every reader reads).
fn cmap_program(map: &CodeMap) -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Claimtrace-UCS def\n/CMapType 2 def\n",
    );
    let mut lens: Vec<u8> = map.keys().map(|(_, l)| *l).collect();
    lens.dedup();
    lens.sort_unstable();
    lens.dedup();
    out.push_str(&format!("{} begincodespacerange\n", lens.len()));
    for l in &lens {
        let n = usize::from(*l) * 2;
        out.push_str(&format!("<{:0n$X}> <{:0n$X}>\n", 0, (1u64 << (8 * l)) - 1));
    }
    out.push_str("endcodespacerange\n");
    let entries: Vec<_> = map.iter().collect();
    for chunk in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for ((code, len), text) in chunk {
            let n = usize::from(*len) * 2;
            let dst: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            out.push_str(&format!("<{code:0n$X}> <{dst}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

fn apply(doc: &mut Document, id: ObjectId, plan: Plan) {
    if let Some((descendant, w)) = plan.widths {
        match descendant {
            Some(did) => {
                if let Ok(d) = doc.get_dictionary_mut(did) {
                    d.set("W", w);
                }
            }
            None => {
                if let Ok(font) = doc.get_dictionary_mut(id)
                    && let Ok(Object::Array(a)) = font.get_mut(b"DescendantFonts")
                    && let Some(Object::Dictionary(d)) = a.first_mut()
                {
                    d.set("W", w);
                }
            }
        }
    }
    if let Some(map) = plan.to_unicode {
        if map.is_empty() {
            if let Ok(font) = doc.get_dictionary_mut(id) {
                font.remove(b"ToUnicode");
            }
            return;
        }
        let stream = Stream::new(Dictionary::new(), cmap_program(&map));
        let sid = doc.add_object(Object::Stream(stream));
        if let Ok(font) = doc.get_dictionary_mut(id) {
            font.set("ToUnicode", Object::Reference(sid));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_by_the_glyph_list_rules() {
        for (name, want) in [
            ("eacute", "é"),
            ("Eacute", "É"),
            ("eacute.sc", "é"),
            ("uni00E9", "é"),
            ("uni00660069", "fi"),
            ("u1F600", "😀"),
            ("f_i", "fi"),
            ("f_f_i.alt", "ffi"),
            ("quoteright", "’"),
            ("space", " "),
        ] {
            assert_eq!(glyph_text(name).as_deref(), Some(want), "{name}");
        }
        for none in [".notdef", "g123", "uni00e9", "", "cid45"] {
            assert_eq!(glyph_text(none), None, "{none}");
        }
    }

    #[test]
    fn named_encodings_differ_where_they_should() {
        let win = base_encoding(b"WinAnsiEncoding").unwrap_or_default();
        let std = base_encoding(b"StandardEncoding").unwrap_or_default();
        assert_eq!(win.get(&0xE9).map(String::as_str), Some("é"));
        assert_eq!(std.get(&0xE9).map(String::as_str), Some("Ø"));
        assert_eq!(win.get(&0x41).map(String::as_str), Some("A"));
    }

    #[test]
    fn range_widths_become_lists() {
        let doc = Document::new();
        let w = vec![
            Object::Integer(3),
            Object::Integer(5),
            Object::Integer(500),
            Object::Integer(10),
            Object::Array(vec![Object::Integer(250), Object::Real(333.5)]),
        ];
        let Some(Object::Array(out)) = plain_widths(&doc, &w) else {
            panic!("no widths");
        };
        assert_eq!(out.len(), 4);
        assert_eq!(out[0], Object::Integer(3));
        assert_eq!(
            out[1],
            Object::Array(vec![Object::Real(500.0); 3]),
            "{out:?}"
        );
        assert_eq!(out[2], Object::Integer(10));
    }
}
