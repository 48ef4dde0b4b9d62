//! A fast reader for the RON this store writes ([`super::to_ron`]).
//!
//! The `ron` crate's general parser was most of the time spent loading a large project (it
//! handles every RON extension, escape and number form, and keeps positions for its messages).
//! The store writes a small, fixed subset of RON: structs without names as `(field: value, …)`,
//! lists, `Some(…)`/`None`, unit and struct enum variants, tuples, decimal numbers, chars, and
//! strings either plain (`"…"`, no escapes: a string holding `"` or `\` is written raw) or raw
//! (`r#"…"#`). This reader handles exactly that subset, borrowing strings from the input, and
//! gives up on anything else (a comment, an escape, an unknown field, a hex number, an
//! extension): [`from_str`] then returns `None` and the caller parses with `ron`, which also
//! makes the error messages. So a file this reader accepts means to it what it means to `ron`
//! (a property test checks the two agree), and no file is refused here that `ron` reads.
//!
//! Written by hand because no crate parses RON faster; `serde` still builds the values, so
//! every type keeps its derived `Deserialize`.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// Parse `text` as a `T`, or `None` if it is not in the subset (or not valid): then use `ron`.
pub fn from_str<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Option<T> {
    let mut de = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = T::deserialize(&mut de).ok()?;
    de.skip_ws();
    (de.at == de.bytes.len()).then_some(value)
}

/// Why the fast reader gave up (never shown: `ron` then reads the file and explains).
#[derive(Debug)]
pub struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not in the subset the fast reader handles")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        GiveUp
    }
}

type Result<T> = std::result::Result<T, GiveUp>;

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b) { Ok(()) } else { Err(GiveUp) }
    }

    /// An ASCII identifier; anything else (a raw identifier, a non-ASCII letter) gives up.
    fn ident(&mut self) -> Result<&'a str> {
        self.skip_ws();
        let start = self.at;
        match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => self.at += 1,
            _ => return Err(GiveUp),
        }
        while let Some(b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || *b == b'_' {
                self.at += 1;
            } else if *b >= 0x80 || *b == b'#' || *b == b'"' {
                return Err(GiveUp);
            } else {
                break;
            }
        }
        Ok(&self.text[start..self.at])
    }

    /// A plain string without escapes, or a raw string.
    fn string(&mut self) -> Result<&'a str> {
        self.skip_ws();
        match self.bytes.get(self.at) {
            Some(b'"') => {
                let start = self.at + 1;
                let len = self.bytes[start..]
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                    .ok_or(GiveUp)?;
                if self.bytes[start + len] == b'\\' {
                    return Err(GiveUp);
                }
                self.at = start + len + 1;
                Ok(&self.text[start..start + len])
            }
            Some(b'r') => {
                let mut i = self.at + 1;
                let mut hashes = 0;
                while self.bytes.get(i) == Some(&b'#') {
                    hashes += 1;
                    i += 1;
                }
                if self.bytes.get(i) != Some(&b'"') {
                    return Err(GiveUp);
                }
                let start = i + 1;
                let mut j = start;
                loop {
                    let q = j + self.bytes[j..]
                        .iter()
                        .position(|&b| b == b'"')
                        .ok_or(GiveUp)?;
                    let end = q + 1 + hashes;
                    if end <= self.bytes.len() && self.bytes[q + 1..end].iter().all(|&b| b == b'#')
                    {
                        self.at = end;
                        return Ok(&self.text[start..q]);
                    }
                    j = q + 1;
                }
            }
            _ => Err(GiveUp),
        }
    }

    /// The text of a decimal number: digits with an optional sign (`float` adds `.`, `e`).
    fn number(&mut self, float: bool) -> Result<&'a str> {
        self.skip_ws();
        let start = self.at;
        if let Some(b'-' | b'+') = self.bytes.get(self.at) {
            self.at += 1;
        }
        while let Some(b) = self.bytes.get(self.at) {
            let more = b.is_ascii_digit()
                || (float && matches!(b, b'.' | b'e' | b'E'))
                || (float
                    && matches!(b, b'-' | b'+')
                    && matches!(self.bytes[self.at - 1], b'e' | b'E'));
            if !more {
                break;
            }
            self.at += 1;
        }
        // A suffix, an underscore, a hex digit or a name right after: not ours.
        if let Some(b) = self.bytes.get(self.at)
            && (b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.' || *b >= 0x80)
        {
            return Err(GiveUp);
        }
        let s = &self.text[start..self.at];
        let digits = s.trim_start_matches(['-', '+']);
        if !digits.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(GiveUp);
        }
        Ok(s)
    }

    fn unsigned<T: std::str::FromStr>(&mut self) -> Result<T> {
        let s = self.number(false)?;
        if s.starts_with(['-', '+']) {
            return Err(GiveUp);
        }
        s.parse().map_err(|_| GiveUp)
    }

    fn signed<T: std::str::FromStr>(&mut self) -> Result<T> {
        let s = self.number(false)?;
        if s.starts_with('+') {
            return Err(GiveUp);
        }
        s.parse().map_err(|_| GiveUp)
    }

    fn float<T: std::str::FromStr>(&mut self) -> Result<T> {
        let s = self.number(true)?;
        if s.starts_with('+') {
            return Err(GiveUp);
        }
        s.parse().map_err(|_| GiveUp)
    }
}

macro_rules! give_up {
    ($($name:ident)*) => {
        $(fn $name<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(GiveUp)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    give_up!(deserialize_any deserialize_bytes deserialize_byte_buf deserialize_map
        deserialize_ignored_any deserialize_i128 deserialize_u128);

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => v.visit_bool(true),
            "false" => v.visit_bool(false),
            _ => Err(GiveUp),
        }
    }
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_i8(self.signed()?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_i16(self.signed()?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_i32(self.signed()?)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_i64(self.signed()?)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_u8(self.unsigned()?)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_u16(self.unsigned()?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_u32(self.unsigned()?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_u64(self.unsigned()?)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_f32(self.float()?)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_f64(self.float()?)
    }

    /// `'c'`, with `\'` and `\\` (what the store writes); other escapes give up.
    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.expect(b'\'')?;
        let rest = &self.text[self.at..];
        let mut chars = rest.chars();
        let (c, used) = match chars.next() {
            Some('\\') => match chars.next() {
                Some(c @ ('\\' | '\'')) => (c, 2),
                _ => return Err(GiveUp),
            },
            Some('\'') | None => return Err(GiveUp),
            Some(c) => (c, c.len_utf8()),
        };
        self.at += used;
        if self.bytes.get(self.at) != Some(&b'\'') {
            return Err(GiveUp);
        }
        self.at += 1;
        v.visit_char(c)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_borrowed_str(self.string()?)
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_borrowed_str(self.string()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => v.visit_none(),
            "Some" => {
                self.expect(b'(')?;
                let value = v.visit_some(&mut *self)?;
                self.expect(b')')?;
                Ok(value)
            }
            _ => Err(GiveUp),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.expect(b')')?;
        v.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value> {
        self.deserialize_unit(v)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        Err(GiveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        self.expect(b'[')?;
        let value = v.visit_seq(List {
            reader: &mut *self,
            close: b']',
        })?;
        self.expect(b']')?;
        Ok(value)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = v.visit_seq(List {
            reader: &mut *self,
            close: b')',
        })?;
        self.expect(b')')?;
        Ok(value)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, v)
    }

    /// `(field: value, …)`; a struct written with its name gives up.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = v.visit_map(Fields { reader: &mut *self })?;
        self.expect(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        v.visit_enum(&mut *self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value> {
        v.visit_borrowed_str(self.ident()?)
    }
}

/// After an element: a comma, or the closing bracket next.
fn after_item(reader: &mut Reader<'_>, close: u8) -> Result<()> {
    if reader.eat(b',') || reader.peek() == Some(close) {
        Ok(())
    } else {
        Err(GiveUp)
    }
}

struct List<'r, 'de> {
    reader: &'r mut Reader<'de>,
    close: u8,
}

impl<'de> de::SeqAccess<'de> for List<'_, 'de> {
    type Error = GiveUp;

    /// Most lists of a project hold one item (a claim's content, mention, sources): a `Vec`
    /// that starts at one item instead of the usual four keeps one 88-byte span where it would
    /// reserve four. Longer lists grow as usual (serde only preallocates from the hint).
    fn size_hint(&self) -> Option<usize> {
        Some(1)
    }

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.reader.peek() == Some(self.close) {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        after_item(self.reader, self.close)?;
        Ok(Some(value))
    }
}

struct Fields<'r, 'de> {
    reader: &'r mut Reader<'de>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        let key = seed.deserialize(&mut *self.reader)?;
        self.reader.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        after_item(self.reader, b')')?;
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = GiveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.ident()?;
        let value = seed.deserialize(IntoDeserializer::<GiveUp>::into_deserializer(name))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn unit_variant(self) -> Result<()> {
        // `Variant()` or `Variant(…)` are other shapes: leave them to `ron`.
        if self.peek() == Some(b'(') {
            return Err(GiveUp);
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.expect(b'(')?;
        let value = seed.deserialize(&mut *self)?;
        self.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value> {
        de::Deserializer::deserialize_tuple(self, len, v)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_struct(self, "", fields, v)
    }
}
