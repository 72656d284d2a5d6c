//! Writing an incremental update: new and changed objects appended after the original
//! bytes, with their own cross-reference section pointing back with `/Prev`: a classic
//! table and trailer, or a cross-reference stream when the file's last section is one (a
//! file that uses streams is updated with a stream, 7.5.8). The signed bytes before it are
//! never touched, so earlier signatures stay valid.

use crate::PdfError;
use lopdf::{Object, StringFormat};
use std::fmt::Write as _;

#[derive(Debug)]
pub(crate) struct Update {
    pub buf: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

impl Update {
    pub fn new(pdf: &[u8]) -> Update {
        let mut buf = pdf.to_vec();
        if !buf.ends_with(b"\n") {
            buf.push(b'\n');
        }
        Update {
            buf,
            offsets: Vec::new(),
        }
    }

    /// Appends `id 0 obj … endobj`; returns the offset where `body` starts.
    pub fn object(&mut self, id: u32, body: &[u8]) -> usize {
        self.offsets.push((id, self.buf.len()));
        self.buf
            .extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        let at = self.buf.len();
        self.buf.extend_from_slice(body);
        self.buf.extend_from_slice(b"\nendobj\n");
        at
    }

    /// The cross-reference section and trailer. `trailer` holds `/Root`, `/Info`, `/ID`;
    /// `/Size` and `/Prev` are set here. A stream takes object number `size`.
    pub fn finish(mut self, mut trailer: lopdf::Dictionary, size: u32, prev: usize) -> Vec<u8> {
        let classic = {
            let after = self.buf.get(prev..).unwrap_or_default();
            let start = after.iter().position(|c| !c.is_ascii_whitespace());
            start.is_some_and(|s| after[s..].starts_with(b"xref"))
        };
        if !classic {
            return self.finish_stream(trailer, size, prev);
        }
        let xref_at = self.buf.len();
        let mut x = String::from("xref\n0 1\n0000000000 65535 f \n");
        self.offsets.sort_unstable();
        for (id, off) in &self.offsets {
            let _ = write!(x, "{id} 1\n{off:010} 00000 n \n");
        }
        self.buf.extend_from_slice(x.as_bytes());
        trailer.set("Size", i64::from(size));
        trailer.set("Prev", prev as i64);
        self.buf.extend_from_slice(b"trailer\n");
        write_object(&mut self.buf, &Object::Dictionary(trailer));
        self.buf
            .extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        self.buf
    }

    /// [`Update::finish`] with a cross-reference stream (object `size`, not compressed):
    /// one entry a written object and one for the stream itself, each `1 offset 0`.
    fn finish_stream(mut self, mut dict: lopdf::Dictionary, size: u32, prev: usize) -> Vec<u8> {
        let xref_at = self.buf.len();
        self.offsets.push((size, xref_at));
        self.offsets.sort_unstable();
        let width = (usize::BITS - xref_at.leading_zeros()).div_ceil(8).max(1) as usize;
        let mut data = Vec::with_capacity(self.offsets.len() * (width + 2));
        let mut index = Vec::with_capacity(self.offsets.len() * 2);
        for (id, off) in &self.offsets {
            index.extend([Object::Integer(i64::from(*id)), Object::Integer(1)]);
            data.push(1);
            data.extend_from_slice(&off.to_be_bytes()[std::mem::size_of::<usize>() - width..]);
            data.push(0);
        }
        dict.set("Type", Object::Name(b"XRef".to_vec()));
        dict.set("Size", i64::from(size) + 1);
        dict.set("Prev", prev as i64);
        dict.set("Index", Object::Array(index));
        dict.set(
            "W",
            Object::Array(vec![1.into(), (width as i64).into(), 1.into()]),
        );
        let stream = Object::Stream(lopdf::Stream::new(dict, data));
        self.buf
            .extend_from_slice(format!("{size} 0 obj\n").as_bytes());
        write_object(&mut self.buf, &stream);
        self.buf
            .extend_from_slice(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        self.buf
    }
}

/// The offset of the last cross-reference section, from the file's last `startxref`.
pub(crate) fn last_startxref(pdf: &[u8]) -> Result<usize, PdfError> {
    let tail_from = pdf.len().saturating_sub(1024);
    let tail = &pdf[tail_from..];
    let at = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or_else(|| PdfError::Pdf("no startxref".into()))?;
    let digits: String = tail[at + 9..]
        .iter()
        .map(|&b| b as char)
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .map_err(|_| PdfError::Pdf("startxref without an offset".into()))
}

/// PDF syntax for a lopdf object (lopdf's own writer is private).
pub(crate) fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(real(*r).as_bytes()),
        Object::Name(n) => name(out, n),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            out.extend_from_slice(hex(s).as_bytes());
            out.push(b'>');
        }
        Object::String(s, StringFormat::Literal) => literal(out, s),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", s.content.len() as i64);
            dictionary(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            out.extend_from_slice(format!("{id} {generation} R").as_bytes())
        }
    }
}

fn dictionary(out: &mut Vec<u8>, d: &lopdf::Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        name(out, k);
        out.push(b' ');
        write_object(out, v);
    }
    out.extend_from_slice(b">>");
}

fn real(r: f32) -> String {
    let s = format!("{r:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.into()
    }
}

fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        if b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

pub(crate) fn literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'(');
    for &b in s {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\n' => out.extend_from_slice(b"\\n"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

pub(crate) fn hex(b: &[u8]) -> String {
    b.iter()
        .fold(String::with_capacity(b.len() * 2), |mut s, x| {
            let _ = write!(s, "{x:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let mut d = lopdf::Dictionary::new();
        d.set("Type", Object::Name(b"Sig".to_vec()));
        d.set(
            "A b",
            Object::Array(vec![1.into(), Object::Real(0.5), (3, 0).into()]),
        );
        d.set("T", Object::String(b"x(y)".to_vec(), StringFormat::Literal));
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(d));
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<</Type /Sig/A#20b [1 0.5 3 0 R]/T (x\\(y\\))>>"
        );
        assert_eq!(
            last_startxref(b"...startxref\n1234\n%%EOF\n").ok(),
            Some(1234)
        );
    }
}
