//! A fast writer for project files: the same bytes as `ron`'s pretty printer with the
//! store's settings ([`super::to_ron`]), written straight into the file while the project is
//! walked, without the whole text in memory.
//!
//! `ron`'s serializer was most of the time of a save (it checks every identifier, formats
//! every number through `fmt`, and handles options the store does not use). This writer knows
//! only the forms the store's settings produce: unnamed structs one field per line, lists one
//! item per line, tuples on one line, `Some(…)`/`None`, unit and struct enum variants,
//! numbers, chars, and strings plain or raw (`r#"…"#` when they hold `"` or `\`). Anything
//! else (a map, bytes, a newtype) is [`WriteError::Unsupported`], and the store then writes
//! with `ron`. A property test checks that the bytes are `ron`'s.

use serde::ser::{self, Serialize};
use std::io::Write;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A value this writer does not know how to write the way `ron` does.
    #[error("the fast writer does not handle {0}")]
    Unsupported(String),
}

impl ser::Error for WriteError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        WriteError::Unsupported(msg.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, WriteError>;

/// Write `value` as the store's pretty RON, followed by a line break (as [`super::to_ron`]).
pub fn to_writer<W: Write, T: Serialize>(out: W, value: &T) -> Result<W> {
    let mut w = Writer {
        out,
        depth: 0,
        scratch: String::new(),
    };
    value.serialize(&mut w)?;
    w.out.write_all(b"\n")?;
    Ok(w.out)
}

struct Writer<W> {
    out: W,
    /// Indentation level (four spaces each).
    depth: usize,
    /// For values written through `Display` (timestamps).
    scratch: String,
}

const SPACES: &[u8; 64] = b"                                                                ";

impl<W: Write> Writer<W> {
    fn indent(&mut self, depth: usize) -> Result {
        let mut n = depth * 4;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    /// A field name or variant: only plain identifiers (`ron` would add `r#` to others).
    fn ident(&mut self, name: &str) -> Result {
        let mut bytes = name.bytes();
        let plain = bytes
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
            && ![
                "true", "false", "Some", "None", "inf", "inff32", "inff64", "NaN", "NaNf32",
                "NaNf64",
            ]
            .contains(&name);
        if !plain {
            return Err(WriteError::Unsupported(format!("the identifier {name:?}")));
        }
        self.out.write_all(name.as_bytes())?;
        Ok(())
    }

    /// `"…"`, or `r#"…"#` with one more `#` than the longest run of them when the string
    /// holds `"` or `\` (`ron` with `escape_strings(false)`).
    fn string(&mut self, s: &str) -> Result {
        let bytes = s.as_bytes();
        if !bytes.iter().any(|&b| b == b'"' || b == b'\\') {
            self.out.write_all(b"\"")?;
            self.out.write_all(bytes)?;
            self.out.write_all(b"\"")?;
            return Ok(());
        }
        let (mut run, mut longest) = (0usize, 0usize);
        for &b in bytes {
            if b == b'#' {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
        let hashes = longest + 1;
        self.out.write_all(b"r")?;
        for _ in 0..hashes {
            self.out.write_all(b"#")?;
        }
        self.out.write_all(b"\"")?;
        self.out.write_all(bytes)?;
        self.out.write_all(b"\"")?;
        for _ in 0..hashes {
            self.out.write_all(b"#")?;
        }
        Ok(())
    }

    fn display(&mut self, v: impl std::fmt::Display) -> Result {
        write!(self.out, "{v}")?;
        Ok(())
    }

    /// Open a struct or list of `len` items: `(`/`[`, then a line break unless it is empty.
    fn open(&mut self, bracket: &[u8], len: usize) -> Result<Compound<'_, W>> {
        self.out.write_all(bracket)?;
        self.depth += 1;
        if len > 0 {
            self.out.write_all(b"\n")?;
        }
        Ok(Compound {
            w: self,
            first: true,
            empty: len == 0,
        })
    }
}

fn unsupported<T>(what: &str) -> Result<T> {
    Err(WriteError::Unsupported(what.to_string()))
}

/// A struct or list being written (one item per line).
struct Compound<'a, W> {
    w: &'a mut Writer<W>,
    first: bool,
    /// Declared empty: `ron` writes no line break or indentation inside.
    empty: bool,
}

impl<W: Write> Compound<'_, W> {
    fn item(&mut self) -> Result {
        if self.first {
            self.first = false;
        } else {
            self.w.out.write_all(b",\n")?;
        }
        self.w.indent(self.w.depth)
    }

    fn close(self, bracket: &[u8]) -> Result {
        if !self.first {
            self.w.out.write_all(b",\n")?;
        }
        if !self.empty {
            self.w.indent(self.w.depth - 1)?;
        }
        self.w.depth -= 1;
        self.w.out.write_all(bracket)?;
        Ok(())
    }
}

/// A tuple being written on one line: `(a, b, c)`.
struct Tuple<'a, W> {
    w: &'a mut Writer<W>,
    first: bool,
}

impl<'a, W: Write> ser::Serializer for &'a mut Writer<W> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Tuple<'a, W>;
    type SerializeTupleStruct = Tuple<'a, W>;
    type SerializeTupleVariant = ser::Impossible<(), WriteError>;
    type SerializeMap = ser::Impossible<(), WriteError>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.write_all(if v { b"true" } else { b"false" })?;
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.display(v)
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.display(v)
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.display(v)
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.display(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.display(v)
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.display(v)
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.display(v)
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.display(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        if v.is_nan() && v.is_sign_negative() {
            self.out.write_all(b"-")?;
        }
        write!(self.out, "{v:?}")?;
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result {
        if v.is_nan() && v.is_sign_negative() {
            self.out.write_all(b"-")?;
        }
        write!(self.out, "{v:?}")?;
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.out.write_all(b"'")?;
        if v == '\\' || v == '\'' {
            self.out.write_all(b"\\")?;
        }
        self.out.write_all(v.encode_utf8(&mut [0; 4]).as_bytes())?;
        self.out.write_all(b"'")?;
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn collect_str<T: ?Sized + std::fmt::Display>(self, value: &T) -> Result {
        use std::fmt::Write as _;
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        let _ = write!(s, "{value}");
        let r = self.string(&s);
        self.scratch = s;
        r
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result {
        self.out.write_all(b"None")?;
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.out.write_all(b"Some(")?;
        value.serialize(&mut *self)?;
        self.out.write_all(b")")?;
        Ok(())
    }
    fn serialize_unit(self) -> Result {
        unsupported("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result {
        unsupported(name)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.ident(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, _: &T) -> Result {
        unsupported(name)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result {
        unsupported(variant)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        match len {
            Some(len) => self.open(b"[", len),
            None => unsupported("a list of unknown length"),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        self.out.write_all(b"(")?;
        Ok(Tuple {
            w: self,
            first: true,
        })
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        unsupported(name)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        unsupported(variant)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        unsupported("a map")
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeStruct> {
        self.open(b"(", len)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        self.ident(variant)?;
        self.open(b"(", len)
    }
}

impl<W: Write> ser::SerializeSeq for Compound<'_, W> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.item()?;
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.close(b"]")
    }
}

impl<W: Write> ser::SerializeStruct for Compound<'_, W> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.item()?;
        self.w.ident(key)?;
        self.w.out.write_all(b": ")?;
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.close(b")")
    }
}

impl<W: Write> ser::SerializeStructVariant for Compound<'_, W> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result {
        self.close(b")")
    }
}

impl<W: Write> ser::SerializeTuple for Tuple<'_, W> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        if self.first {
            self.first = false;
        } else {
            self.w.out.write_all(b", ")?;
        }
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result {
        self.w.out.write_all(b")")?;
        Ok(())
    }
}

impl<W: Write> ser::SerializeTupleStruct for Tuple<'_, W> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        ser::SerializeTuple::serialize_element(self, value)
    }
    fn end(self) -> Result {
        ser::SerializeTuple::end(self)
    }
}
