//! The structure tree of a tagged PDF (PDF/UA-1, ISO 14289-1): what a screen reader reads,
//! in reading order. The layout opens and closes structure elements as it draws; each line
//! it draws is a marked-content sequence (`BDC … EMC` with an MCID) under the element open
//! at that moment, and decoration (rules, footers) is marked `/Artifact`. After printpdf
//! has written the pages, [`Tags::write`] adds the elements, the parent tree and the
//! metadata PDF/UA asks for with lopdf.

use lopdf::{Dictionary, Object, ObjectId, Stream};
use printpdf::{DictItem, Op};
use std::collections::BTreeMap;

/// An element's child: another element or a marked-content sequence on a page.
#[derive(Debug)]
enum Kid {
    Elem(usize),
    Marked { page: usize, mcid: i64 },
}

#[derive(Debug)]
struct Elem {
    role: &'static str,
    parent: usize,
    kids: Vec<Kid>,
    /// Alternative text (a figure's).
    alt: Option<String>,
    /// Attributes: a row header's scope, a figure's bounding box.
    attrs: Option<Dictionary>,
}

/// The elements so far; element 0 is the `Document`, the root's only child.
#[derive(Debug)]
pub(crate) struct Tags {
    elems: Vec<Elem>,
    open: Vec<usize>,
    /// The next MCID of each page.
    next_mcid: Vec<i64>,
}

impl Tags {
    pub fn new() -> Tags {
        Tags {
            elems: vec![Elem {
                role: "Document",
                parent: 0,
                kids: Vec::new(),
                alt: None,
                attrs: None,
            }],
            open: vec![0],
            next_mcid: Vec::new(),
        }
    }

    /// Opens an element as the last child of the one open now.
    pub fn open(&mut self, role: &'static str) -> usize {
        let parent = self.current();
        let id = self.elems.len();
        self.elems.push(Elem {
            role,
            parent,
            kids: Vec::new(),
            alt: None,
            attrs: None,
        });
        self.elems[parent].kids.push(Kid::Elem(id));
        self.open.push(id);
        id
    }

    pub fn close(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    fn current(&self) -> usize {
        self.open.last().copied().unwrap_or(0)
    }

    pub fn set_alt(&mut self, elem: usize, alt: String) {
        self.elems[elem].alt = Some(alt);
    }

    /// A table header cell's scope (`Row`/`Column`) or a figure's bounding box.
    pub fn set_attr(&mut self, elem: usize, owner: &str, key: &str, value: Object) {
        let mut a = Dictionary::new();
        a.set("O", Object::Name(owner.as_bytes().to_vec()));
        a.set(key, value);
        self.elems[elem].attrs = Some(a);
    }

    /// `ops` drawn on page `page` as content of the open element.
    pub fn marked(&mut self, page: usize, ops: Vec<Op>) -> Vec<Op> {
        if self.next_mcid.len() <= page {
            self.next_mcid.resize(page + 1, 0);
        }
        let mcid = self.next_mcid[page];
        self.next_mcid[page] += 1;
        let elem = self.current();
        self.elems[elem].kids.push(Kid::Marked { page, mcid });
        let mut map = BTreeMap::new();
        map.insert("MCID".to_string(), DictItem::Int(mcid));
        let mut out = Vec::with_capacity(ops.len() + 2);
        out.push(Op::BeginMarkedContentWithProperties {
            tag: self.elems[elem].role.to_string(),
            properties: DictItem::Dict { map },
        });
        out.extend(ops);
        out.push(Op::EndMarkedContent);
        out
    }

    /// Adds the tree to `lo` (whose pages are `pages`, in order) and marks the document
    /// tagged: `StructTreeRoot`, each page's `StructParents`, `MarkInfo`.
    pub fn write(self, lo: &mut lopdf::Document, pages: &[ObjectId]) -> Result<(), lopdf::Error> {
        let ids: Vec<ObjectId> = self.elems.iter().map(|_| lo.new_object_id()).collect();
        let root_id = lo.new_object_id();
        let mut parent_tree: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
        for (n, e) in self.elems.into_iter().enumerate() {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"StructElem".to_vec()));
            d.set("S", Object::Name(e.role.as_bytes().to_vec()));
            d.set(
                "P",
                Object::Reference(if n == 0 { root_id } else { ids[e.parent] }),
            );
            // The element's page: that of its first marked content; content elsewhere is
            // a marked-content reference naming its page.
            let first_page = e.kids.iter().find_map(|k| match k {
                Kid::Marked { page, .. } => Some(*page),
                Kid::Elem(_) => None,
            });
            if let Some(p) = first_page.and_then(|p| pages.get(p)) {
                d.set("Pg", Object::Reference(*p));
            }
            let mut kids = Vec::with_capacity(e.kids.len());
            for k in e.kids {
                match k {
                    Kid::Elem(c) => kids.push(Object::Reference(ids[c])),
                    Kid::Marked { page, mcid } => {
                        let Some(&page_id) = pages.get(page) else {
                            continue;
                        };
                        let slots = &mut parent_tree[page];
                        let at = mcid as usize;
                        if slots.len() <= at {
                            slots.resize(at + 1, Object::Null);
                        }
                        slots[at] = Object::Reference(ids[n]);
                        if Some(page) == first_page {
                            kids.push(Object::Integer(mcid));
                        } else {
                            let mut mcr = Dictionary::new();
                            mcr.set("Type", Object::Name(b"MCR".to_vec()));
                            mcr.set("Pg", Object::Reference(page_id));
                            mcr.set("MCID", mcid);
                            kids.push(Object::Dictionary(mcr));
                        }
                    }
                }
            }
            d.set("K", kids);
            if let Some(alt) = e.alt {
                d.set("Alt", lopdf::text_string(&alt));
            }
            if let Some(a) = e.attrs {
                d.set("A", a);
            }
            lo.objects.insert(ids[n], Object::Dictionary(d));
        }
        let mut nums = Vec::with_capacity(pages.len() * 2);
        for (n, (page, slots)) in pages.iter().zip(parent_tree).enumerate() {
            nums.push(Object::Integer(n as i64));
            nums.push(Object::Array(slots));
            let page = lo.get_dictionary_mut(*page)?;
            page.set("StructParents", n as i64);
            // Tab order follows the structure (PDF/UA 7.18.3), for the signature widgets.
            page.set("Tabs", Object::Name(b"S".to_vec()));
        }
        let mut tree = Dictionary::new();
        tree.set("Nums", nums);
        let tree_id = lo.add_object(tree);
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        root.set("K", Object::Reference(ids[0]));
        root.set("ParentTree", Object::Reference(tree_id));
        root.set("ParentTreeNextKey", pages.len() as i64);
        lo.objects.insert(root_id, Object::Dictionary(root));
        let catalog = lo.catalog_mut()?;
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        let mut mark = Dictionary::new();
        mark.set("Marked", true);
        catalog.set("MarkInfo", mark);
        Ok(())
    }
}

/// `ops` as an artifact: decoration a screen reader skips (rules, the signature line).
pub(crate) fn artifact(ops: Vec<Op>) -> Vec<Op> {
    artifact_of(None, ops)
}

/// `ops` as a pagination artifact (running footer, page number).
pub(crate) fn footer(ops: Vec<Op>) -> Vec<Op> {
    artifact_of(Some("Footer"), ops)
}

fn artifact_of(footer: Option<&str>, ops: Vec<Op>) -> Vec<Op> {
    let mut out = Vec::with_capacity(ops.len() + 2);
    out.push(match footer {
        None => Op::BeginMarkedContent {
            tag: "Artifact".into(),
        },
        Some(sub) => {
            let mut map = BTreeMap::new();
            map.insert("Type".to_string(), DictItem::Name(b"Pagination".to_vec()));
            map.insert(
                "Subtype".to_string(),
                DictItem::Name(sub.as_bytes().to_vec()),
            );
            Op::BeginMarkedContentWithProperties {
                tag: "Artifact".into(),
                properties: DictItem::Dict { map },
            }
        }
    });
    out.extend(ops);
    out.push(Op::EndMarkedContent);
    out
}

/// The heading role for a style's level: H1 for the title, H2 a page, H3 and deeper groups.
pub(crate) fn heading(level: usize) -> &'static str {
    ["H1", "H2", "H3", "H4", "H5", "H6"][level.clamp(1, 6) - 1]
}

/// XMP metadata: the title (dc:title, which PDF/UA reads rather than the Info dictionary),
/// the language, the dates and the PDF/UA-1 identification.
pub(crate) fn xmp(title: &str, created_iso: &str) -> Stream {
    let title = xml_escape(title);
    let body = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>\n\
<dc:format>application/pdf</dc:format>\n\
<xmp:CreateDate>{created_iso}</xmp:CreateDate><xmp:ModifyDate>{created_iso}</xmp:ModifyDate>\n\
<xmp:CreatorTool>levensloopkit</xmp:CreatorTool><pdf:Producer>levensloopkit (printpdf, lopdf)</pdf:Producer>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>"
    );
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"Metadata".to_vec()));
    d.set("Subtype", Object::Name(b"XML".to_vec()));
    // Uncompressed, so tools that look for the packet in the raw file find it.
    Stream::new(d, body.into_bytes()).with_compression(false)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
