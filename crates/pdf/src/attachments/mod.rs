//! Files embedded in a PDF: written as PDF/A-3 does (ISO 19005-3, 6.8) — each a file
//! specification with `/AFRelationship`, in the catalog's `/Names /EmbeddedFiles` name tree
//! and its `/AF` array, the embedded file stream with `/Subtype` (the MIME type) and
//! `/Params` `/Size` and `/ModDate` — and read back, bounded, from a PDF from elsewhere.
//!
//! Reading walks the name tree once (`tree.rs`) over the kit's own small reader
//! (`small.rs`, on `sign/read.rs`), in the browser as natively; natively, what that reader
//! cannot read is tried with lopdf's parser (`lopdf_objects.rs`), as signing does.

use crate::PdfError;
use lopdf::{Dictionary, Document, Object, StringFormat};

#[cfg(not(target_arch = "wasm32"))]
mod lopdf_objects;
mod small;
mod tree;

/// The largest embedded file read back: a case file's own bound (`llk case`, 64 MiB).
pub const MAX_ATTACHMENT_BYTES: usize = 64 * 1024 * 1024;

/// One embedded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name (`/F` and `/UF`), e.g. `casus.json`.
    pub name: String,
    /// The MIME type (`/Subtype`), e.g. `application/json`.
    pub mime: String,
    /// What it is, for people (`/Desc`).
    pub description: String,
    /// How it relates to the document (`/AFRelationship`): `Data`, `Source`, …
    pub relationship: String,
    pub bytes: Vec<u8>,
}

/// Adds `files` to the document: the name tree (sorted by name, as name trees must be),
/// the catalog's `/AF`, and `/PageMode /UseAttachments` so that viewers show them.
pub(crate) fn embed(lo: &mut Document, files: &[Attachment], mod_date: &str) {
    if files.is_empty() {
        return;
    }
    let mut sorted: Vec<&Attachment> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut names = Vec::new();
    let mut af = Vec::new();
    for file in sorted {
        let mut params = Dictionary::new();
        params.set("Size", file.bytes.len() as i64);
        params.set(
            "ModDate",
            Object::String(mod_date.as_bytes().to_vec(), StringFormat::Literal),
        );
        let mut stream_dict = Dictionary::new();
        stream_dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
        stream_dict.set("Subtype", Object::Name(file.mime.as_bytes().to_vec()));
        stream_dict.set("Params", params);
        // Always compressed, also when that saves nothing: an embedded signed PDF's
        // `/ByteRange` must never stand raw in the package, where verifiers that find
        // signatures by scanning the bytes (`sign::verify`) would take it for the package's.
        stream_dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&file.bytes, 6);
        let stream = lo.add_object(lopdf::Stream::new(stream_dict, packed));
        let mut ef = Dictionary::new();
        ef.set("F", stream);
        ef.set("UF", stream);
        let mut spec = Dictionary::new();
        spec.set("Type", Object::Name(b"Filespec".to_vec()));
        spec.set("F", Object::string_literal(file.name.as_str()));
        spec.set("UF", lopdf::text_string(&file.name));
        spec.set("Desc", lopdf::text_string(&file.description));
        spec.set(
            "AFRelationship",
            Object::Name(file.relationship.as_bytes().to_vec()),
        );
        spec.set("EF", ef);
        let spec = lo.add_object(spec);
        names.push(Object::string_literal(file.name.as_str()));
        names.push(Object::Reference(spec));
        af.push(Object::Reference(spec));
    }
    let mut tree = Dictionary::new();
    tree.set("Names", names);
    let mut name_dict = Dictionary::new();
    name_dict.set("EmbeddedFiles", tree);
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Names", name_dict);
        catalog.set("AF", af);
        catalog.set("PageMode", Object::Name(b"UseAttachments".to_vec()));
    }
}

/// Every file embedded in `pdf`'s `/Names /EmbeddedFiles` tree as the last revision has it,
/// in tree order. A PDF beyond the bounds of `sign::limits`, a file over
/// [`MAX_ATTACHMENT_BYTES`], or a name tree too deep or too large is refused
/// ([`PdfError::Refused`], Dutch); damage is [`PdfError::Pdf`]. Never panics.
pub fn read(pdf: &[u8]) -> Result<Vec<Attachment>, PdfError> {
    crate::sign::limits::screen(pdf)?;
    let small = small::Small::new(pdf).and_then(|mut objects| tree::attachments(&mut objects));
    match small {
        #[cfg(not(target_arch = "wasm32"))]
        Err(PdfError::Pdf(_)) => {
            crate::sign::read::fit_for_lopdf(pdf)?;
            tree::attachments(&mut Document::load_mem(pdf)?)
        }
        other => other,
    }
}

fn too_big() -> PdfError {
    crate::sign::limits::refused(&format!(
        "een bijlage is groter dan {} MiB",
        MAX_ATTACHMENT_BYTES >> 20
    ))
}
