//! The objects the walk needs through lopdf's parser, natively, for what the small reader
//! cannot read (a stream `/Length` given as an object of its own, a damaged table lopdf
//! repairs). Only after the same screening signing does (`sign::read::fit_for_lopdf`).

use super::MAX_ATTACHMENT_BYTES;
use super::tree::{Objects, bad};
use crate::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId};

impl Objects for Document {
    fn catalog(&mut self) -> Result<Dictionary, PdfError> {
        Document::catalog(self)
            .cloned()
            .map_err(|_| bad("no catalog"))
    }

    fn object(&mut self, id: ObjectId) -> Result<Object, PdfError> {
        self.get_object(id)
            .cloned()
            .map_err(|_| bad("an object is missing"))
    }

    fn stream(&mut self, id: ObjectId) -> Result<(Dictionary, Vec<u8>), PdfError> {
        let stream = self
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|_| bad("an embedded file that is no stream"))?;
        Ok((stream.dict.clone(), content(stream)?))
    }
}

/// The stream's bytes: as stored, or inflated (FlateDecode, the only filter a package
/// uses) to at most [`MAX_ATTACHMENT_BYTES`].
fn content(stream: &lopdf::Stream) -> Result<Vec<u8>, PdfError> {
    let filter = match stream.dict.get(b"Filter") {
        Err(_) => None,
        Ok(Object::Name(n)) => Some(n.as_slice()),
        Ok(Object::Array(a)) if a.len() == 1 => a[0].as_name().ok(),
        Ok(_) => return Err(bad("an embedded file with more than one filter")),
    };
    match filter {
        None if stream.content.len() > MAX_ATTACHMENT_BYTES => Err(super::too_big()),
        None => Ok(stream.content.clone()),
        Some(b"FlateDecode") => {
            use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
            decompress_to_vec_zlib_with_limit(&stream.content, MAX_ATTACHMENT_BYTES).map_err(|e| {
                if e.status == TINFLStatus::HasMoreOutput {
                    super::too_big()
                } else {
                    bad("a damaged compressed embedded file")
                }
            })
        }
        Some(_) => Err(bad("an embedded file with a filter other than FlateDecode")),
    }
}
