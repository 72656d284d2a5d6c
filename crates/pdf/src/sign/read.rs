//! Just enough of a PDF reader to add a signature to a PDF someone gives: the
//! cross-reference sections, classic tables and streams (following `/Prev` through earlier
//! incremental updates, and a hybrid file's `/XRefStm`), the trailer, and the few objects
//! signing changes — the catalog, the page tree, the interactive form and its fields, the
//! pages' annotations — wherever they are, in object streams too (`xref_stream.rs`).
//! Nothing else is read.
//!
//! Why not lopdf's parser: it is ~65 KB gzip of the browser's PDF module, which has no room
//! for it. What this cannot read (a filter other than FlateDecode, a needed object that is
//! a stream) is an error; natively, `prepare` then falls back on lopdf.

use super::limits::{MAX_DEPTH, MAX_OBJECTS, MAX_PARSE_FACTOR, MAX_XREF_SECTIONS, refused};
use super::xref_stream::{self, Inflated, Loc, ObjStm};
use crate::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// A file this reader cannot read (damaged, or of a kind it does not know): natively,
/// `prepare` then tries lopdf. What is hostile is [`refused`] instead, and tried no further.
pub(crate) fn bad(what: &str) -> PdfError {
    PdfError::Pdf(format!("cannot read the PDF: {what}"))
}

/// A cross-reference entry is 20 bytes: a table cannot list more than the file holds.
const XREF_ENTRY_BYTES: usize = 20;

/// A [`Document`] with the trailer, `max_id` and the objects signing needs.
pub(crate) fn load(pdf: &[u8]) -> Result<Document, PdfError> {
    let mut inflated = Inflated::new();
    let (offsets, trailer) = xref(pdf, &mut inflated)?;
    let size = trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .map_err(|_| bad("no /Size"))?;
    let root = trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| bad("no /Root"))?;
    let mut doc = Document::new();
    doc.max_id = u32::try_from(size.saturating_sub(1)).map_err(|_| bad("/Size"))?;
    doc.trailer = trailer;
    let mut todo = vec![root];
    // Every node of the page tree met so far: the tree is a tree, so meeting one twice
    // means it contains itself (or shares a node, which no valid PDF does).
    let mut tree = BTreeSet::new();
    let mut parsed = 0usize;
    // The bytes objects can be read from: the file and the object streams inflated.
    let mut readable = pdf.len();
    let mut streams: BTreeMap<u32, ObjStm> = BTreeMap::new();
    while let Some(id) = todo.pop() {
        if doc.objects.contains_key(&id) {
            continue;
        }
        if doc.objects.len() >= MAX_OBJECTS {
            return Err(refused(&format!(
                "het heeft meer dan {MAX_OBJECTS} objecten"
            )));
        }
        let (obj, len) = match *offsets
            .get(&id.0)
            .ok_or_else(|| bad("an object is missing"))?
        {
            Loc::At(at) => object_at(pdf, at, id)?,
            Loc::InStream { stream, .. } => {
                let s = match streams.entry(stream) {
                    Entry::Occupied(s) => s.into_mut(),
                    Entry::Vacant(e) => {
                        let s = object_stream(pdf, &offsets, stream, &mut inflated)?;
                        readable = readable.saturating_add(s.len());
                        e.insert(s)
                    }
                };
                s.object(id)?
            }
        };
        parsed = parsed.saturating_add(len);
        if parsed > readable.saturating_mul(MAX_PARSE_FACTOR) {
            return Err(refused("de objecten liggen over elkaar heen"));
        }
        if let Object::Dictionary(d) = &obj {
            // The catalog's page tree and form; a node's kids; a page's annotations; a
            // form's fields (each when it is an object of its own).
            // And the structure tree's root, its parent tree and its top element, for
            // the signature widget's place in it (tagging.rs).
            let tree_root = d.has_type(b"StructTreeRoot");
            for key in [
                &b"Pages"[..],
                b"Kids",
                b"AcroForm",
                b"Fields",
                b"Annots",
                b"StructTreeRoot",
                b"ParentTree",
                b"K",
            ] {
                if key == b"K" && !tree_root {
                    continue;
                }
                let kids: Vec<ObjectId> = match d.get(key) {
                    Ok(Object::Reference(r)) => vec![*r],
                    Ok(Object::Array(a)) if key == b"Kids" => {
                        a.iter().filter_map(|o| o.as_reference().ok()).collect()
                    }
                    _ => continue,
                };
                if matches!(key, b"Pages" | b"Kids") {
                    for kid in &kids {
                        if !tree.insert(*kid) {
                            return Err(refused("de paginaboom bevat zichzelf"));
                        }
                    }
                }
                todo.extend(kids);
            }
        }
        doc.objects.insert(id, obj);
    }
    Ok(doc)
}

/// Refuses a PDF whose cross-reference streams (at `startxref`, then each `/Prev`) give a
/// field wider than [`xref_stream::MAX_XREF_FIELD_BYTES`], before lopdf reads it: lopdf allocates each
/// width as given, and `/W [1 32222222222 1]` aborted the process (found by the `pdf_sign`
/// fuzz target). Anything else this cannot read is left to lopdf.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn fit_for_lopdf(pdf: &[u8]) -> Result<(), PdfError> {
    use xref_stream::MAX_XREF_FIELD_BYTES;
    // Offsets as lopdf counts them: from the first `%PDF-`.
    let pdf = &pdf[pdf.windows(5).position(|w| w == b"%PDF-").unwrap_or(0)..];
    let mut next = super::update::last_startxref(pdf).ok();
    for _ in 0..MAX_XREF_SECTIONS {
        let Some(at) = next.take() else {
            return Ok(());
        };
        let mut p = Parser { b: pdf, i: at };
        let (Ok(_), Ok(_)) = (p.number(), p.number()) else {
            return Ok(());
        };
        if !p.keyword(b"obj") {
            return Ok(());
        }
        let Ok(Object::Dictionary(d)) = p.value(0) else {
            return Ok(());
        };
        if let Ok(Object::Array(widths)) = d.get(b"W")
            && widths
                .iter()
                .any(|w| w.as_i64().is_ok_and(|w| w > MAX_XREF_FIELD_BYTES))
        {
            return Err(refused(&format!(
                "de kruisverwijzingen hebben velden van meer dan {MAX_XREF_FIELD_BYTES} bytes"
            )));
        }
        next = d
            .get(b"Prev")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|v| usize::try_from(v).ok());
    }
    Err(refused(
        "de kruisverwijzingen verwijzen eindeloos naar elkaar",
    ))
}

/// Where each object is, the newest section first winning; and the newest trailer (a
/// cross-reference stream's dictionary is its trailer).
pub(crate) fn xref(
    pdf: &[u8],
    inflated: &mut Inflated,
) -> Result<(BTreeMap<u32, Loc>, Dictionary), PdfError> {
    let mut offsets = BTreeMap::new();
    let mut trailer: Option<Dictionary> = None;
    let mut next = Some(super::update::last_startxref(pdf)?);
    let mut seen = Vec::new();
    while let Some(at) = next.take() {
        if seen.contains(&at) {
            return Err(refused(
                "de verwijzingstabellen verwijzen in een kring naar elkaar",
            ));
        }
        if seen.len() >= MAX_XREF_SECTIONS {
            return Err(refused(&format!(
                "het heeft meer dan {MAX_XREF_SECTIONS} verwijzingstabellen"
            )));
        }
        seen.push(at);
        let d = match classic(pdf, at, &mut offsets)? {
            Some(d) => {
                // A hybrid file: the objects its table lists as free may be in the
                // cross-reference stream it names (7.5.8.4).
                if let Ok(stm) = d.get(b"XRefStm").and_then(Object::as_i64)
                    && let Ok(stm) = usize::try_from(stm)
                {
                    let (x, data) = stream_at(pdf, stm, inflated)?;
                    xref_stream::entries(&x, &data, &mut offsets)?;
                }
                d
            }
            None => {
                let (d, data) = stream_at(pdf, at, inflated)?;
                if !d.has_type(b"XRef") {
                    return Err(bad("neither a cross-reference table nor stream"));
                }
                xref_stream::entries(&d, &data, &mut offsets)?;
                d
            }
        };
        next = d
            .get(b"Prev")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|v| usize::try_from(v).ok());
        trailer.get_or_insert(d);
    }
    Ok((offsets, trailer.ok_or_else(|| bad("no trailer"))?))
}

/// The classic table at `at` into `offsets`, and its trailer; `None` when there is none.
fn classic(
    pdf: &[u8],
    at: usize,
    offsets: &mut BTreeMap<u32, Loc>,
) -> Result<Option<Dictionary>, PdfError> {
    let mut p = Parser { b: pdf, i: at };
    if !p.keyword(b"xref") {
        return Ok(None);
    }
    loop {
        p.skip_space();
        if p.keyword(b"trailer") {
            break;
        }
        let (start, count) = (p.number()?, p.number()?);
        let room = pdf.len().saturating_sub(p.i) / XREF_ENTRY_BYTES;
        if usize::try_from(count).map_or(true, |c| c > room) {
            return Err(refused(
                "de verwijzingstabel belooft meer objecten dan het bestand bevat",
            ));
        }
        for k in 0..count {
            let (offset, _gen) = (p.number()?, p.number()?);
            p.skip_space();
            let kind = p.b.get(p.i).copied();
            p.i += 1;
            let n = u32::try_from(start.saturating_add(k)).map_err(|_| bad("xref"))?;
            if kind == Some(b'n') {
                let offset = usize::try_from(offset).map_err(|_| bad("xref"))?;
                offsets.entry(n).or_insert(Loc::At(offset));
            } else if kind != Some(b'f') {
                return Err(bad("a cross-reference entry"));
            }
        }
    }
    match p.value(0)? {
        Object::Dictionary(d) => Ok(Some(d)),
        _ => Err(bad("a trailer that is no dictionary")),
    }
}

/// The stream object at `at` (`N G obj <<…>> stream … endstream`): its dictionary and its
/// content decoded. Its `/Length` must be given directly, as a cross-reference stream's is.
pub(crate) fn stream_at(
    pdf: &[u8],
    at: usize,
    inflated: &mut Inflated,
) -> Result<(Dictionary, Vec<u8>), PdfError> {
    let mut p = Parser { b: pdf, i: at };
    let (_n, _g) = (p.number()?, p.number()?);
    if !p.keyword(b"obj") {
        return Err(bad("no object where a cross-reference section should be"));
    }
    let Object::Dictionary(d) = p.value(0)? else {
        return Err(bad("a stream without a dictionary"));
    };
    let length = d
        .get(b"Length")
        .and_then(Object::as_i64)
        .map_err(|_| bad("a stream without a direct /Length"))?;
    let content = stream_content(&mut p, length)?;
    let data = xref_stream::decode(&d, content, inflated)?;
    Ok((d, data))
}

/// The `length` bytes after `stream` and its end of line, where `p` stands.
fn stream_content<'a>(p: &mut Parser<'a>, length: i64) -> Result<&'a [u8], PdfError> {
    if !p.keyword(b"stream") {
        return Err(bad("a stream was expected"));
    }
    if p.peek() == Some(b'\r') {
        p.i += 1;
    }
    if p.peek() == Some(b'\n') {
        p.i += 1;
    }
    usize::try_from(length)
        .ok()
        .and_then(|n| p.b.get(p.i..p.i.checked_add(n)?))
        .ok_or_else(|| refused("een stroom zegt groter te zijn dan het hele bestand"))
}

/// Object stream `number`, found through `offsets` (an object stream is never itself in
/// one) and decoded; its `/Length` may be an object of its own.
pub(crate) fn object_stream(
    pdf: &[u8],
    offsets: &BTreeMap<u32, Loc>,
    number: u32,
    inflated: &mut Inflated,
) -> Result<ObjStm, PdfError> {
    let Some(&Loc::At(at)) = offsets.get(&number) else {
        return Err(bad("an object stream that is not in the file"));
    };
    let mut p = Parser { b: pdf, i: at };
    if (p.number()?, p.number()?) != (i64::from(number), 0) || !p.keyword(b"obj") {
        return Err(bad(
            "an object stream is not where the cross-reference says",
        ));
    }
    let Object::Dictionary(d) = p.value(0)? else {
        return Err(bad("an object stream without a dictionary"));
    };
    if !d.has_type(b"ObjStm") {
        return Err(bad("an object stream that is none"));
    }
    let length = match d.get(b"Length") {
        Ok(Object::Integer(n)) => *n,
        Ok(Object::Reference(r)) => match offsets.get(&r.0) {
            Some(&Loc::At(at)) => match object_at(pdf, at, *r)?.0 {
                Object::Integer(n) => n,
                _ => return Err(bad("a stream length that is no number")),
            },
            _ => return Err(bad("a stream length that is missing")),
        },
        _ => return Err(bad("a stream without /Length")),
    };
    let content = stream_content(&mut p, length)?;
    ObjStm::new(&d, xref_stream::decode(&d, content, inflated)?)
}

/// The object `id` at `at` (`N G obj … endobj`, no stream) and how many bytes it took.
pub(crate) fn object_at(pdf: &[u8], at: usize, id: ObjectId) -> Result<(Object, usize), PdfError> {
    let mut p = Parser { b: pdf, i: at };
    let (n, g) = (p.number()?, p.number()?);
    if (n, g) != (i64::from(id.0), i64::from(id.1)) || !p.keyword(b"obj") {
        return Err(bad("an object is not where the cross-reference table says"));
    }
    let v = p.value(0)?;
    if p.keyword(b"stream") {
        // Not read, but a length beyond the file is a claim no honest writer makes.
        let claimed = match &v {
            Object::Dictionary(d) => d.get(b"Length").and_then(Object::as_i64).ok(),
            _ => None,
        };
        if claimed.is_some_and(|n| usize::try_from(n).map_or(true, |n| n > pdf.len() - p.i)) {
            return Err(refused(
                "een stroom zegt groter te zijn dan het hele bestand",
            ));
        }
        return Err(bad("a stream where a dictionary was expected"));
    }
    Ok((v, p.i - at))
}

/// A PDF real (`-12.5`, `.5`, `3.`) without `f32::from_str`, whose tables the browser's
/// module does without.
fn real(text: &str) -> Option<f32> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut v = 0f64;
    for c in int.bytes().chain(frac.bytes()) {
        v = v * 10.0 + f64::from(c - b'0');
    }
    let v = v / 10f64.powi(i32::try_from(frac.len()).ok()?);
    Some((if negative { -v } else { v }) as f32)
}

pub(crate) struct Parser<'a> {
    b: &'a [u8],
    pub i: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    is_space(c) || b"()<>[]{}/%".contains(&c)
}

impl<'a> Parser<'a> {
    pub fn new(b: &'a [u8], i: usize) -> Parser<'a> {
        Parser { b, i }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.i += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Consumes `word` (followed by a delimiter) when it comes next.
    fn keyword(&mut self, word: &[u8]) -> bool {
        self.skip_space();
        // `startxref` may name any offset, up to `usize::MAX`.
        let Some(end) = self.i.checked_add(word.len()) else {
            return false;
        };
        if self.b.get(self.i..end) == Some(word) && self.b.get(end).is_none_or(|&c| is_delimiter(c))
        {
            self.i = end;
            true
        } else {
            false
        }
    }

    /// A regular token: a number, a keyword, `R`.
    fn token(&mut self) -> &[u8] {
        self.skip_space();
        let start = self.i;
        while self.peek().is_some_and(|c| !is_delimiter(c)) {
            self.i += 1;
        }
        // Empty past the end: a cross-reference table may point anywhere.
        self.b.get(start..self.i).unwrap_or_default()
    }

    pub fn number(&mut self) -> Result<i64, PdfError> {
        std::str::from_utf8(self.token())
            .ok()
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| bad("a number was expected"))
    }

    pub fn value(&mut self, depth: usize) -> Result<Object, PdfError> {
        if depth > MAX_DEPTH {
            return Err(refused(&format!(
                "objecten zijn dieper dan {MAX_DEPTH} niveaus in elkaar genest"
            )));
        }
        self.skip_space();
        match self.peek().ok_or_else(|| bad("it ends early"))? {
            b'/' => {
                self.i += 1;
                Ok(Object::Name(self.name()))
            }
            b'(' => self.literal(),
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut d = Dictionary::new();
                loop {
                    self.skip_space();
                    if self.b.get(self.i..self.i + 2) == Some(b">>") {
                        self.i += 2;
                        return Ok(Object::Dictionary(d));
                    }
                    let Object::Name(key) = self.value(depth + 1)? else {
                        return Err(bad("a dictionary key that is no name"));
                    };
                    let v = self.value(depth + 1)?;
                    d.set(key, v);
                }
            }
            b'<' => {
                self.i += 1;
                let start = self.i;
                while self.peek().is_some_and(|c| c != b'>') {
                    self.i += 1;
                }
                let digits: Vec<u8> = self.b[start..self.i]
                    .iter()
                    .copied()
                    .filter(|c| !is_space(*c))
                    .collect();
                self.i += 1;
                let bytes = digits
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).ok()?;
                        u8::from_str_radix(&format!("{s:0<2}"), 16).ok()
                    })
                    .collect::<Option<Vec<u8>>>()
                    .ok_or_else(|| bad("a hex string"))?;
                Ok(Object::String(bytes, StringFormat::Hexadecimal))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        return Ok(Object::Array(items));
                    }
                    items.push(self.value(depth + 1)?);
                }
            }
            _ => self.simple(),
        }
    }

    /// A number, a reference (`12 0 R`), `true`, `false` or `null`.
    fn simple(&mut self) -> Result<Object, PdfError> {
        let token = self.token().to_vec();
        let text = std::str::from_utf8(&token).map_err(|_| bad("a token"))?;
        match text {
            "true" => return Ok(Object::Boolean(true)),
            "false" => return Ok(Object::Boolean(false)),
            "null" => return Ok(Object::Null),
            _ => {}
        }
        if let Ok(n) = text.parse::<i64>() {
            // `n g R`?
            let back = self.i;
            if let Ok(u) = u32::try_from(n)
                && let Ok(g) = self.number().map(u16::try_from)
                && let Ok(g) = g
                && self.keyword(b"R")
            {
                return Ok(Object::Reference((u, g)));
            }
            self.i = back;
            return Ok(Object::Integer(n));
        }
        real(text)
            .map(Object::Real)
            .ok_or_else(|| bad("an unknown token"))
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek().filter(|&c| !is_delimiter(c)) {
            self.i += 1;
            let hex = self
                .b
                .get(self.i..self.i + 2)
                .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            match (c, hex) {
                (b'#', Some(v)) => {
                    out.push(v);
                    self.i += 2;
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn literal(&mut self) -> Result<Object, PdfError> {
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let c = self.peek().ok_or_else(|| bad("an unterminated string"))?;
            self.i += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = self.peek().ok_or_else(|| bad("an unterminated string"))?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        Ok(Object::String(out, StringFormat::Literal))
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
