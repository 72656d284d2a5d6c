//! Reading the embedded files of a PDF from elsewhere, natively (lopdf's parser).

use super::{Attachment, MAX_ATTACHMENT_BYTES};
use crate::PdfError;
use crate::sign::limits::{self, MAX_DEPTH};
use lopdf::{Dictionary, Document, Object};

/// Name tree entries read at most: far above a package's few files.
const MAX_ENTRIES: usize = 1_000;

fn bad(what: &str) -> PdfError {
    PdfError::Pdf(format!("cannot read the attachments: {what}"))
}

/// Every file embedded in `pdf`'s `/Names /EmbeddedFiles` tree as the last revision has it,
/// in tree order. A PDF beyond the bounds of `sign::limits`, a file over
/// [`MAX_ATTACHMENT_BYTES`] or a tree deeper than `MAX_DEPTH` is refused
/// ([`PdfError::Refused`], Dutch); damage is [`PdfError::Pdf`]. Never panics.
pub fn read(pdf: &[u8]) -> Result<Vec<Attachment>, PdfError> {
    limits::screen(pdf)?;
    crate::sign::read::fit_for_lopdf(pdf)?;
    let doc = Document::load_mem(pdf)?;
    let catalog = doc.catalog().map_err(|_| bad("no catalog"))?;
    let Ok(names) = resolve(&doc, catalog.get(b"Names")).and_then(Object::as_dict) else {
        return Ok(Vec::new());
    };
    let Ok(tree) = resolve(&doc, names.get(b"EmbeddedFiles")).and_then(Object::as_dict) else {
        return Ok(Vec::new());
    };
    let mut pairs = Vec::new();
    leaves(&doc, tree, 0, &mut pairs)?;
    pairs
        .into_iter()
        .map(|(key, spec)| attachment(&doc, &key, spec))
        .collect()
}

/// The object itself, or the one a reference points to.
fn resolve<'a>(
    doc: &'a Document,
    obj: Result<&'a Object, lopdf::Error>,
) -> Result<&'a Object, lopdf::Error> {
    match obj? {
        Object::Reference(id) => doc.get_object(*id),
        other => Ok(other),
    }
}

/// The name tree's `(key, value)` pairs, through its `/Kids`, depth-bounded.
fn leaves<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    out: &mut Vec<(Vec<u8>, &'a Object)>,
) -> Result<(), PdfError> {
    if depth > MAX_DEPTH {
        return Err(limits::refused("de lijst met bijlagen is te diep genest"));
    }
    if let Ok(Object::Array(pairs)) = resolve(doc, node.get(b"Names")) {
        for pair in pairs.chunks(2) {
            if let [Object::String(key, _), value] = pair {
                out.push((key.clone(), value));
            }
            if out.len() > MAX_ENTRIES {
                return Err(limits::refused(&format!(
                    "het heeft meer dan {MAX_ENTRIES} bijlagen"
                )));
            }
        }
    }
    if let Ok(Object::Array(kids)) = resolve(doc, node.get(b"Kids")) {
        for kid in kids {
            let kid = resolve(doc, Ok(kid))
                .and_then(Object::as_dict)
                .map_err(|_| bad("a name tree node that is no dictionary"))?;
            leaves(doc, kid, depth + 1, out)?;
        }
    }
    Ok(())
}

/// One file specification's file, inflated within [`MAX_ATTACHMENT_BYTES`].
fn attachment(doc: &Document, key: &[u8], spec: &Object) -> Result<Attachment, PdfError> {
    let spec = resolve(doc, Ok(spec))
        .and_then(Object::as_dict)
        .map_err(|_| bad("a file specification that is no dictionary"))?;
    let text = |k: &[u8]| {
        resolve(doc, spec.get(k))
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
    };
    let name = text(b"UF")
        .or_else(|| text(b"F"))
        .unwrap_or_else(|| String::from_utf8_lossy(key).into_owned());
    let ef = resolve(doc, spec.get(b"EF"))
        .and_then(Object::as_dict)
        .map_err(|_| bad("a file specification without /EF"))?;
    let stream = resolve(doc, ef.get(b"UF").or_else(|_| ef.get(b"F")))
        .and_then(Object::as_stream)
        .map_err(|_| bad("an embedded file that is no stream"))?;
    let mime = match stream.dict.get(b"Subtype") {
        Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    };
    let relationship = match spec.get(b"AFRelationship") {
        Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    };
    Ok(Attachment {
        name,
        mime,
        description: text(b"Desc").unwrap_or_default(),
        relationship,
        bytes: content(stream)?,
    })
}

/// The stream's bytes: as stored, or inflated (FlateDecode, the only filter a package
/// uses) to at most [`MAX_ATTACHMENT_BYTES`].
fn content(stream: &lopdf::Stream) -> Result<Vec<u8>, PdfError> {
    let too_big = || {
        limits::refused(&format!(
            "een bijlage is groter dan {} MiB",
            MAX_ATTACHMENT_BYTES >> 20
        ))
    };
    let filter = match stream.dict.get(b"Filter") {
        Err(_) => None,
        Ok(Object::Name(n)) => Some(n.as_slice()),
        Ok(Object::Array(a)) if a.len() == 1 => a[0].as_name().ok(),
        Ok(_) => return Err(bad("an embedded file with more than one filter")),
    };
    match filter {
        None if stream.content.len() > MAX_ATTACHMENT_BYTES => Err(too_big()),
        None => Ok(stream.content.clone()),
        Some(b"FlateDecode") => {
            use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
            decompress_to_vec_zlib_with_limit(&stream.content, MAX_ATTACHMENT_BYTES).map_err(|e| {
                if e.status == TINFLStatus::HasMoreOutput {
                    too_big()
                } else {
                    bad("a damaged compressed embedded file")
                }
            })
        }
        Some(_) => Err(bad("an embedded file with a filter other than FlateDecode")),
    }
}
