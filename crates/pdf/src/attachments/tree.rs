//! The walk from the catalog to the embedded files, once for both readers (`small.rs` on
//! the kit's own reader, `lopdf_objects.rs` natively): the `/Names /EmbeddedFiles` name
//! tree through its `/Kids`, each file specification's `/EF` stream. Bounded: the tree at
//! most `MAX_DEPTH` deep and [`MAX_NODES`] nodes (a node listed twice, or itself, is
//! counted each time), [`MAX_ENTRIES`] files.

use super::Attachment;
use crate::PdfError;
use crate::sign::limits::{MAX_DEPTH, refused};
use lopdf::{Dictionary, Object, ObjectId};

/// Name tree entries read at most: far above a package's few files.
const MAX_ENTRIES: usize = 1_000;
/// Name tree nodes visited at most.
const MAX_NODES: usize = 1_000;

/// How a reader gives the objects the walk needs.
pub(super) trait Objects {
    fn catalog(&mut self) -> Result<Dictionary, PdfError>;
    /// Object `id`, which is not a stream.
    fn object(&mut self, id: ObjectId) -> Result<Object, PdfError>;
    /// Stream `id`: its dictionary and its content decoded, at most
    /// [`super::MAX_ATTACHMENT_BYTES`] (else refused).
    fn stream(&mut self, id: ObjectId) -> Result<(Dictionary, Vec<u8>), PdfError>;
}

pub(super) fn bad(what: &str) -> PdfError {
    PdfError::Pdf(format!("cannot read the attachments: {what}"))
}

/// Every embedded file, in tree order.
pub(super) fn attachments(o: &mut impl Objects) -> Result<Vec<Attachment>, PdfError> {
    let catalog = o.catalog()?;
    let Some(names) = dict(o, catalog.get(b"Names").ok())? else {
        return Ok(Vec::new());
    };
    let Some(tree) = dict(o, names.get(b"EmbeddedFiles").ok())? else {
        return Ok(Vec::new());
    };
    let mut walk = Walk {
        pairs: Vec::new(),
        nodes: 0,
    };
    walk.leaves(o, &tree, 0)?;
    walk.pairs
        .into_iter()
        .map(|(key, spec)| attachment(o, &key, &spec))
        .collect()
}

/// The object itself, or the one a reference points to.
fn resolve(o: &mut impl Objects, obj: &Object) -> Result<Object, PdfError> {
    match obj {
        Object::Reference(id) => o.object(*id),
        other => Ok(other.clone()),
    }
}

/// A dictionary, given or referred to; `None` when there is none.
fn dict(o: &mut impl Objects, obj: Option<&Object>) -> Result<Option<Dictionary>, PdfError> {
    match obj {
        None => Ok(None),
        Some(obj) => match resolve(o, obj)? {
            Object::Dictionary(d) => Ok(Some(d)),
            _ => Ok(None),
        },
    }
}

struct Walk {
    pairs: Vec<(Vec<u8>, Object)>,
    nodes: usize,
}

impl Walk {
    /// The name tree's `(key, value)` pairs below `node`.
    fn leaves(
        &mut self,
        o: &mut impl Objects,
        node: &Dictionary,
        depth: usize,
    ) -> Result<(), PdfError> {
        self.nodes += 1;
        if depth > MAX_DEPTH || self.nodes > MAX_NODES {
            return Err(refused(
                "de lijst met bijlagen is te diep genest of te groot",
            ));
        }
        if let Some(Object::Array(pairs)) =
            node.get(b"Names").ok().map(|n| resolve(o, n)).transpose()?
        {
            for pair in pairs.chunks(2) {
                if let [Object::String(key, _), value] = pair {
                    self.pairs.push((key.clone(), value.clone()));
                }
                if self.pairs.len() > MAX_ENTRIES {
                    return Err(refused(&format!(
                        "het heeft meer dan {MAX_ENTRIES} bijlagen"
                    )));
                }
            }
        }
        if let Some(Object::Array(kids)) =
            node.get(b"Kids").ok().map(|k| resolve(o, k)).transpose()?
        {
            for kid in &kids {
                let Some(kid) = dict(o, Some(kid))? else {
                    return Err(bad("a name tree node that is no dictionary"));
                };
                self.leaves(o, &kid, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// One file specification's file.
fn attachment(o: &mut impl Objects, key: &[u8], spec: &Object) -> Result<Attachment, PdfError> {
    let spec =
        dict(o, Some(spec))?.ok_or_else(|| bad("a file specification that is no dictionary"))?;
    let mut text = |k: &[u8]| -> Option<String> {
        let obj = resolve(o, spec.get(k).ok()?).ok()?;
        lopdf::decode_text_string(&obj).ok()
    };
    let name = text(b"UF")
        .or_else(|| text(b"F"))
        .unwrap_or_else(|| String::from_utf8_lossy(key).into_owned());
    let description = text(b"Desc").unwrap_or_default();
    let ef =
        dict(o, spec.get(b"EF").ok())?.ok_or_else(|| bad("a file specification without /EF"))?;
    let stream = match ef.get(b"UF").or_else(|_| ef.get(b"F")) {
        Ok(Object::Reference(id)) => *id,
        _ => return Err(bad("an embedded file that is no stream")),
    };
    let (dict, bytes) = o.stream(stream)?;
    let name_of = |d: &Dictionary, k: &[u8]| match d.get(k) {
        Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
        _ => String::new(),
    };
    Ok(Attachment {
        name,
        mime: name_of(&dict, b"Subtype"),
        description,
        relationship: name_of(&spec, b"AFRelationship"),
        bytes,
    })
}
