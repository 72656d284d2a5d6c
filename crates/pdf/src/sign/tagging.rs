//! A new signature widget in a tagged PDF's structure tree (PDF/UA-1 7.18.1, 7.18.4): a
//! `Form` element holding an object reference to the widget, appended after everything
//! else (the box is at the bottom of the last page), with the widget's `/StructParent` in
//! the parent tree. Only the dictionaries that change are rewritten, in the incremental
//! update: the element the new one joins, the parent tree (or a new leaf of it) and the
//! structure tree root.

use super::update::Update;
use super::write_dict;
use crate::PdfError;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The dictionaries to write for one widget.
pub(super) struct Tagging {
    /// The widget's `/StructParent`.
    pub key: i64,
    /// The object numbers used, the next free one.
    pub next: u32,
    writes: Vec<(ObjectId, Dictionary)>,
}

impl Tagging {
    /// Plans them, given the first free object number; `None` when the PDF has no
    /// structure tree (an untagged PDF from elsewhere stays untagged).
    pub fn plan(
        doc: &Document,
        root_id: ObjectId,
        widget: ObjectId,
        page: ObjectId,
        alt: &str,
        mut next: u32,
    ) -> Option<Tagging> {
        let catalog = doc.get_dictionary(root_id).ok()?;
        let tree_id = catalog.get(b"StructTreeRoot").ok()?.as_reference().ok()?;
        let mut tree = doc.get_dictionary(tree_id).ok()?.clone();
        let key = tree.get(b"ParentTreeNextKey").ok()?.as_i64().ok()?;
        let mut writes = Vec::new();
        let form_id = (next, 0);
        next += 1;

        // The element it joins: the root's one `Document` (the kit's), else the root.
        let doc_elem = tree
            .get(b"K")
            .ok()
            .and_then(|k| k.as_reference().ok())
            .filter(|&r| doc.get_dictionary(r).is_ok());
        let parent = doc_elem.unwrap_or(tree_id);
        let mut form = Dictionary::new();
        form.set("Type", Object::Name(b"StructElem".to_vec()));
        form.set("S", Object::Name(b"Form".to_vec()));
        form.set("P", Object::Reference(parent));
        form.set("Pg", Object::Reference(page));
        form.set("Alt", lopdf::text_string(alt));
        let mut objr = Dictionary::new();
        objr.set("Type", Object::Name(b"OBJR".to_vec()));
        objr.set("Obj", Object::Reference(widget));
        objr.set("Pg", Object::Reference(page));
        form.set("K", objr);
        writes.push((form_id, form));
        let add_kid = |d: &mut Dictionary| {
            let mut kids = match d.get(b"K") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(other) => vec![other.clone()],
                Err(_) => Vec::new(),
            };
            kids.push(Object::Reference(form_id));
            d.set("K", kids);
        };
        match doc_elem {
            Some(id) => {
                let mut d = doc.get_dictionary(id).ok()?.clone();
                add_kid(&mut d);
                writes.push((id, d));
            }
            None => add_kid(&mut tree),
        }

        // The parent tree: a flat `/Nums` gets the entry; a tree of `/Kids` a new leaf
        // (its key is larger than every other, so it goes last).
        let (pt_id, mut pt) = match tree.get(b"ParentTree").ok()? {
            Object::Reference(r) => (Some(*r), doc.get_dictionary(*r).ok()?.clone()),
            Object::Dictionary(d) => (None, d.clone()),
            _ => return None,
        };
        let entry = [Object::Integer(key), Object::Reference(form_id)];
        if let Ok(Object::Array(kids)) = pt.get(b"Kids") {
            let mut kids = kids.clone();
            let leaf_id = (next, 0);
            next += 1;
            let mut leaf = Dictionary::new();
            leaf.set("Limits", vec![Object::Integer(key), Object::Integer(key)]);
            leaf.set("Nums", entry.to_vec());
            writes.push((leaf_id, leaf));
            kids.push(Object::Reference(leaf_id));
            pt.set("Kids", kids);
        } else {
            let mut nums = match pt.get(b"Nums") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            nums.extend(entry);
            pt.set("Nums", nums);
        }
        match pt_id {
            Some(id) => writes.push((id, pt)),
            None => tree.set("ParentTree", pt),
        }
        tree.set("ParentTreeNextKey", key + 1);
        writes.push((tree_id, tree));
        Some(Tagging { key, next, writes })
    }

    pub fn write(self, up: &mut Update) -> Result<(), PdfError> {
        for (id, d) in self.writes {
            write_dict(up, id, d)?;
        }
        Ok(())
    }
}
