//! The objects the walk needs through the kit's own small reader (`sign/read.rs`: classic
//! and stream cross-references, object streams, FlateDecode), so that reading a package
//! works in the browser's PDF module, which has no room for lopdf's parser.

use super::MAX_ATTACHMENT_BYTES;
use super::tree::{Objects, bad};
use crate::PdfError;
use crate::sign::limits::{MAX_OBJECTS, refused};
use crate::sign::read::{object_at, object_stream, stream_at, xref};
use crate::sign::xref_stream::{Inflated, Loc, ObjStm};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::BTreeMap;

pub(super) struct Small<'a> {
    pdf: &'a [u8],
    offsets: BTreeMap<u32, Loc>,
    trailer: Dictionary,
    streams: BTreeMap<u32, ObjStm>,
    /// What the cross-reference and object streams may still inflate (`sign::limits`).
    inflated: Inflated,
    fetched: usize,
}

impl<'a> Small<'a> {
    pub(super) fn new(pdf: &'a [u8]) -> Result<Small<'a>, PdfError> {
        let mut inflated = Inflated::new();
        let (offsets, trailer) = xref(pdf, &mut inflated)?;
        Ok(Small {
            pdf,
            offsets,
            trailer,
            streams: BTreeMap::new(),
            inflated,
            fetched: 0,
        })
    }

    fn at(&self, id: ObjectId) -> Result<Loc, PdfError> {
        self.offsets
            .get(&id.0)
            .copied()
            .ok_or_else(|| bad("an object is missing"))
    }
}

impl Objects for Small<'_> {
    fn catalog(&mut self) -> Result<Dictionary, PdfError> {
        let root = self
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| bad("no /Root"))?;
        match self.object(root)? {
            Object::Dictionary(d) => Ok(d),
            _ => Err(bad("a catalog that is no dictionary")),
        }
    }

    fn object(&mut self, id: ObjectId) -> Result<Object, PdfError> {
        self.fetched += 1;
        if self.fetched > MAX_OBJECTS {
            return Err(refused(&format!(
                "het heeft meer dan {MAX_OBJECTS} objecten"
            )));
        }
        match self.at(id)? {
            Loc::At(at) => object_at(self.pdf, at, id).map(|(o, _)| o),
            Loc::InStream { stream, .. } => {
                if !self.streams.contains_key(&stream) {
                    let s = object_stream(self.pdf, &self.offsets, stream, &mut self.inflated)?;
                    self.streams.insert(stream, s);
                }
                let s = self
                    .streams
                    .get(&stream)
                    .ok_or_else(|| bad("an object stream"))?;
                s.object(id).map(|(o, _)| o)
            }
        }
    }

    fn stream(&mut self, id: ObjectId) -> Result<(Dictionary, Vec<u8>), PdfError> {
        let Loc::At(at) = self.at(id)? else {
            return Err(bad("a stream inside an object stream"));
        };
        // The attachment's own budget: a case may be as large as a case file.
        let mut budget = Inflated::new();
        budget.left = MAX_ATTACHMENT_BYTES;
        stream_at(self.pdf, at, &mut budget).map_err(|e| match e {
            // The inflating reader words it with its own bound; this one is the case file's.
            PdfError::Refused(m) if m.contains("uitgepakt") => super::too_big(),
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Attachment, embed, tree};
    use super::Small;

    /// The small reader, not lopdf, reads what the kit writes: the browser has only it.
    #[test]
    fn the_small_reader_reads_what_the_kit_embeds() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let mut tree_dict = lopdf::Dictionary::new();
        tree_dict.set("Type", lopdf::Object::Name(b"Pages".to_vec()));
        tree_dict.set("Kids", Vec::<lopdf::Object>::new());
        tree_dict.set("Count", 0);
        doc.objects
            .insert(pages, lopdf::Object::Dictionary(tree_dict));
        let mut catalog = lopdf::Dictionary::new();
        catalog.set("Type", lopdf::Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", pages);
        let root = doc.add_object(catalog);
        doc.trailer.set("Root", root);
        let files = [
            Attachment {
                name: "casus.json".into(),
                mime: "application/json".into(),
                description: "Het dossier".into(),
                relationship: "Data".into(),
                bytes: br#"{"format": 1}"#.repeat(1000),
            },
            Attachment {
                name: "b.pdf".into(),
                mime: "application/pdf".into(),
                description: "Één document".into(),
                relationship: "Source".into(),
                bytes: b"%PDF-1.7 ...".to_vec(),
            },
        ];
        embed(&mut doc, &files, "D:20261101120000+01'00'");
        let mut pdf = Vec::new();
        doc.save_to(&mut pdf).expect("saves");
        let mut small = Small::new(&pdf).expect("the small reader reads it");
        let read = tree::attachments(&mut small).expect("attachments");
        // In name order, as a name tree is.
        assert_eq!(read, [files[1].clone(), files[0].clone()]);
    }
}
