//! Just enough of a PDF reader to add a signature to a PDF someone gives: the classic
//! cross-reference sections (following `/Prev` through earlier incremental updates), the
//! trailer, and the few objects signing changes — the catalog, the page tree, the
//! interactive form and its fields, the pages' annotations. Nothing else is read.
//!
//! Why not lopdf's parser: it is ~65 KB gzip of the browser's PDF module, which has no room
//! for it. What this cannot read (cross-reference streams, object streams, a needed object
//! that is a stream) is an error; natively, `prepare` then falls back on lopdf.

use super::limits::{MAX_DEPTH, MAX_OBJECTS, MAX_PARSE_FACTOR, MAX_XREF_SECTIONS, refused};
use crate::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::collections::{BTreeMap, BTreeSet};

/// A file this reader cannot read (damaged, or of a kind it does not know): natively,
/// `prepare` then tries lopdf. What is hostile is [`refused`] instead, and tried no further.
fn bad(what: &str) -> PdfError {
    PdfError::Pdf(format!("cannot read the PDF: {what}"))
}

/// A cross-reference entry is 20 bytes: a table cannot list more than the file holds.
const XREF_ENTRY_BYTES: usize = 20;

/// A [`Document`] with the trailer, `max_id` and the objects signing needs.
pub(crate) fn load(pdf: &[u8]) -> Result<Document, PdfError> {
    let (offsets, trailer) = xref(pdf)?;
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
    let budget = pdf.len().saturating_mul(MAX_PARSE_FACTOR);
    while let Some(id) = todo.pop() {
        if doc.objects.contains_key(&id) {
            continue;
        }
        if doc.objects.len() >= MAX_OBJECTS {
            return Err(refused(&format!(
                "het heeft meer dan {MAX_OBJECTS} objecten"
            )));
        }
        let at = *offsets
            .get(&id.0)
            .ok_or_else(|| bad("an object is missing"))?;
        let (obj, len) = object_at(pdf, at, id)?;
        parsed = parsed.saturating_add(len);
        if parsed > budget {
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

/// The widest field a cross-reference stream's `/W` may give: 8 bytes hold any offset.
/// (Natively only: the browser's module has no lopdf parser to guard.)
#[cfg(not(target_arch = "wasm32"))]
const MAX_XREF_FIELD_BYTES: i64 = 8;

/// Refuses a PDF whose cross-reference streams (at `startxref`, then each `/Prev`) give a
/// field wider than [`MAX_XREF_FIELD_BYTES`], before lopdf reads it: lopdf allocates each
/// width as given, and `/W [1 32222222222 1]` aborted the process (found by the `pdf_sign`
/// fuzz target). Anything else this cannot read is left to lopdf.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn fit_for_lopdf(pdf: &[u8]) -> Result<(), PdfError> {
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

/// Object number → offset, newest section first wins; and the newest trailer.
fn xref(pdf: &[u8]) -> Result<(BTreeMap<u32, usize>, Dictionary), PdfError> {
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
        let mut p = Parser { b: pdf, i: at };
        if !p.keyword(b"xref") {
            return Err(bad("not a classic cross-reference table"));
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
                    offsets.entry(n).or_insert(offset);
                } else if kind != Some(b'f') {
                    return Err(bad("a cross-reference entry"));
                }
            }
        }
        let Object::Dictionary(d) = p.value(0)? else {
            return Err(bad("a trailer that is no dictionary"));
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

/// The object `id` at `at` (`N G obj … endobj`, no stream) and how many bytes it took.
fn object_at(pdf: &[u8], at: usize, id: ObjectId) -> Result<(Object, usize), PdfError> {
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

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    is_space(c) || b"()<>[]{}/%".contains(&c)
}

impl Parser<'_> {
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

    fn number(&mut self) -> Result<i64, PdfError> {
        std::str::from_utf8(self.token())
            .ok()
            .and_then(|t| t.parse().ok())
            .ok_or_else(|| bad("a number was expected"))
    }

    fn value(&mut self, depth: usize) -> Result<Object, PdfError> {
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
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn sample() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        // A classic table, as the kit writes (`render`); lopdf's default is a stream.
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let pages = doc.new_object_id();
        let annots = doc.add_object(Object::Array(vec![]));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "Annots" => annots,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), Object::Real(841.5)],
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let form = doc.add_object(dictionary! {
            "Fields" => vec![], "DA" => Object::string_literal("(a) \\ b é"), "NeedAppearances" => false,
        });
        let catalog = doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "AcroForm" => form });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", Object::Null);
        let mut out = Vec::new();
        doc.save_to(&mut out).expect("saves");
        out
    }

    #[test]
    fn reads_what_signing_needs_as_lopdf_does() {
        let pdf = sample();
        let ours = load(&pdf).expect("reads");
        let theirs = Document::load_mem(&pdf).expect("lopdf reads");
        assert_eq!(ours.get_pages(), theirs.get_pages());
        assert_eq!(
            ours.trailer.get(b"Root").ok(),
            theirs.trailer.get(b"Root").ok()
        );
        assert!(ours.max_id >= ours.objects.keys().map(|k| k.0).max().unwrap_or(0));
        for (id, obj) in &ours.objects {
            assert_eq!(Some(obj), theirs.objects.get(id), "object {id:?}");
        }
        assert_eq!(
            ours.objects.len(),
            5,
            "catalog, form, page tree, page, annotations"
        );
    }

    #[test]
    fn reals_without_from_str() {
        for (t, v) in [
            ("841.89", 841.89),
            ("-.5", -0.5),
            ("3.", 3.0),
            ("+0.25", 0.25),
        ] {
            assert_eq!(real(t), Some(v), "{t}");
        }
        for t in ["", "-", ".", "1.2.3", "1e5", "abc"] {
            assert_eq!(real(t), None, "{t}");
        }
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let pdf = sample();
        for cut in (0..pdf.len()).step_by(7) {
            let _ = load(&pdf[..cut]);
        }
        let mut flipped = pdf.clone();
        for k in (0..flipped.len()).step_by(13) {
            flipped[k] ^= 0x5a;
            let _ = load(&flipped);
        }
        assert!(load(b"%PDF-1.7\nstartxref\n0\n%%EOF").is_err());
        assert!(load(b"").is_err());
    }

    /// Found by the `pdf_sign` fuzz target (fuzz/regressions/pdf_sign/): a cross-reference
    /// entry pointing past the end of the file made reading a number there slice past it.
    #[test]
    fn an_object_offset_past_the_end_is_an_error() {
        let pdf = b"%PDF-1.7\nxref\n0 2\n0000000000 65535 f \n0000099999 00000 n \ntrailer\n<</Size 2 /Root 1 0 R>>\nstartxref\n9\n%%EOF\n";
        assert!(load(pdf).is_err());
        assert!(load(&pdf[..pdf.len() - 1]).is_err());
    }

    /// Found by the `pdf_verify` fuzz target (fuzz/regressions/pdf_verify/): the largest
    /// offset `startxref` can name overflowed looking for a keyword there.
    #[test]
    fn a_startxref_of_usize_max_is_an_error() {
        assert!(load(format!("startxref{}", usize::MAX).as_bytes()).is_err());
        assert!(load(format!("%PDF-1.7\nstartxref\n{}\n%%EOF", usize::MAX).as_bytes()).is_err());
    }

    /// Found by the `pdf_sign` fuzz target (fuzz/regressions/pdf_sign/): lopdf allocated a
    /// cross-reference stream's field widths as given, 32 GB, and the process aborted.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn absurd_xref_stream_widths_never_reach_lopdf() {
        let pdf = |w: &str| {
            format!(
                "%PDF-1.7\n4 0 obj\n<</Type /XRef /Size 5 /W [1 {w} 1] /Root 1 0 R /Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"
            )
        };
        let Err(PdfError::Refused(m)) = fit_for_lopdf(pdf("32222222222").as_bytes()) else {
            panic!("a 32 GB field passes");
        };
        assert!(m.contains("meer dan 8 bytes"), "{m}");
        assert!(fit_for_lopdf(pdf("3").as_bytes()).is_ok());
        // Counted from `%PDF-`, as lopdf does, wherever that starts.
        let shifted = format!("ab{}", pdf("32222222222"));
        assert!(fit_for_lopdf(shifted.as_bytes()).is_err());
        assert!(
            fit_for_lopdf(&sample()).is_ok(),
            "a classic table is lopdf's to read"
        );
    }
}
