//! levensloopkit PDFs: any submission laid out from its definition ([`render`]), signed
//! PAdES-B-B ([`sign`]) and verified ([`sign::verify`]).
//!
//! No file system, no clock, no threads: the same code runs natively (the `llk` CLI) and
//! in the browser (wasm32). "Now" is [`RenderOptions::created`] or the signer's time.

pub mod attachments;
mod base64;
mod compose;
mod content;
pub mod datetime;
mod font;
mod ladder;
mod layout;
mod letter;
mod package;
pub mod sign;
mod tags;
mod unpack;

pub use attachments::Attachment;
pub use datetime::DateTime;
pub use font::MARKER;
pub use package::{CASE_ATTACHMENT, render_package, render_package_parts};
pub use unpack::{TakenIn, case_text, check_signatures, take_in};

use layout::{Layout, MARGIN_X, PAGE_H, PAGE_W, Style, text_ops};
use llk_core::def::FormDef;
use lopdf::{Object, StringFormat};
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt};
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("font: {0}")]
    Font(String),
    #[error("PDF: {0}")]
    Pdf(String),
    #[error("signature: {0}")]
    Sign(String),
    /// A PDF beyond a bound of `sign::limits`, refused unread: the message is Dutch, for
    /// people, and complete ("Deze PDF wordt niet verwerkt: …").
    #[error("{0}")]
    Refused(String),
}

impl From<lopdf::Error> for PdfError {
    fn from(e: lopdf::Error) -> Self {
        PdfError::Pdf(e.to_string())
    }
}

/// What the title block says and how the answers are shown.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// When the PDF is made: the creation date on every page and in the metadata.
    pub created: DateTime,
    /// The anonymised rendering for the Adviestafel (`llk_core::anonymise`).
    pub anonymised: bool,
    /// The region's name, e.g. "Gelderland".
    pub region_name: String,
    /// The Zorg- en Veiligheidshuis, when known.
    pub zvh: Option<String>,
    /// The region's own ZVH, whose letter a decision is ([`letterhead`]); without it a
    /// decision letter has the ZVH's name from `zvh` and no address.
    pub letterhead: Option<Letterhead>,
}

/// The sender of a decision letter: the region's ZVH, and the region's words for the
/// aanpak and the inclusietafel.
#[derive(Debug, Clone, Default)]
pub struct Letterhead {
    pub name: String,
    /// Postal address lines; none leaves the address out.
    pub address: Vec<String>,
    pub aanpak: String,
    pub inclusietafel: String,
}

/// The letterhead of `region`'s ZVH (its `zvh`, an entry of its `zvhs`), the region's terms
/// filled in by the catalog; `None` for a region without a ZVH (`landelijk`).
pub fn letterhead(catalog: &llk_core::Catalog, region: &str) -> Option<Letterhead> {
    let r = catalog.region(region)?;
    let id = r.zvh.as_deref()?;
    let entry = r.zvhs.iter().find(|e| e.id == id)?;
    let term = |t: &str, default: &str| r.fill_terms(t).unwrap_or_else(|_| default.into());
    Some(Letterhead {
        name: entry.name.clone(),
        address: entry.address.clone(),
        aanpak: term("{aanpak}", "Levensloopaanpak"),
        inclusietafel: term("{inclusietafel}", "inclusietafel"),
    })
}

/// Whether `render` makes a decision letter of the ZVH for `def` (the exclusiebesluit and
/// the inclusiebesluit) rather than the check-your-answers layout. The anonymised rendering
/// (for discussing a case, not for sending) keeps that layout.
pub fn is_letter(def: &FormDef, anonymised: bool) -> bool {
    !anonymised && letter::LETTERS.contains(&def.id.as_str())
}

/// A rendered PDF and the characters the font could not draw (each shown as [`MARKER`]):
/// the UI warns about them; the answers themselves are never changed.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub replaced: Vec<char>,
    /// The objects of `pdf` as written: [`sign::prepare_rendered`] signs without parsing
    /// `pdf` again (the browser's PDF module then carries no PDF parser).
    saved: lopdf::Document,
}

/// The ZVH a submission names: the first answer that is one of the region's ZVH ids.
pub fn zvh_of(catalog: &llk_core::Catalog, region: &str, answers: &Value) -> Option<String> {
    let zvhs = &catalog.region(region)?.zvhs;
    let mut stack = vec![answers];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                if let Some(e) = zvhs.iter().find(|e| &e.id == s) {
                    return Some(e.name.clone());
                }
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => stack.extend(map.values().rev()),
            _ => {}
        }
    }
    None
}

/// Lays out `answers` (a submission's answers for `def`) as a PDF. [`render_package`]
/// composes a case's overdracht package through the same pipeline ([`finish`]).
pub fn render(def: &FormDef, answers: &Value, opts: &RenderOptions) -> Result<Rendered, PdfError> {
    let mut doc = PdfDocument::new(&def.title);
    let fonts = font::Fonts::load(&mut doc)?;
    let mut l = Layout::new(fonts);
    let cx = content::Cx {
        def,
        original: answers,
        today: today(opts)?,
        anonymised: opts.anonymised,
    };
    let anonymised;
    let answers = if opts.anonymised {
        anonymised = llk_core::anonymise::anonymise(def, answers);
        &anonymised
    } else {
        answers
    };
    if is_letter(def, opts.anonymised) {
        letter::compose(&mut l, cx, opts);
    } else {
        content::title_block(&mut l, def, opts);
        content::pages(&mut l, cx, answers);
    }
    let meta = Meta {
        title: def.title.clone(),
        footer: format!("{} (versie {})", def.id, def.version),
    };
    finish(doc, l, &meta, opts, &[])
}

/// The creation date as the day validation and visibility are judged on.
fn today(opts: &RenderOptions) -> Result<llk_core::Date, PdfError> {
    opts.created
        .date()
        .ok_or_else(|| PdfError::Pdf("the creation date is out of range".into()))
}

/// What the finished PDF is called: the document's title (with the region, in the window
/// and the metadata) and the short name in every page's footer.
struct Meta {
    title: String,
    footer: String,
}

/// The pipeline's end, the same for every PDF: the signature strip kept free, the footer
/// and page number on every page, the pages, metadata, structure tree and `attachments`
/// written, saved with a classic cross-reference table.
fn finish(
    mut doc: PdfDocument,
    mut l: Layout,
    meta: &Meta,
    opts: &RenderOptions,
    attachments: &[Attachment],
) -> Result<Rendered, PdfError> {
    l.keep_signature_strip_free();
    let (mut pages, mut fonts, tags) = l.finish();
    let total = pages.len();
    // Short, so it never meets the page number: the title is in the title block.
    let footer = format!("{} · aangemaakt op {}", meta.footer, opts.created.dutch());
    let footer = fonts.drawable(&footer);
    let style = Style::new(8.0, false).grey(0.4);
    for (n, ops) in pages.iter_mut().enumerate() {
        let page_no = format!("Pagina {} van {total}", n + 1);
        let w = fonts.regular.width(&page_no, style.size);
        let mut foot = text_ops(&fonts.regular, &footer, MARGIN_X, 40.0, style);
        foot.extend(text_ops(
            &fonts.regular,
            &page_no,
            PAGE_W - MARGIN_X - w,
            40.0,
            style,
        ));
        ops.extend(tags::footer(foot));
    }
    let pdf_pages = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm::from(Pt(PAGE_W)), Mm::from(Pt(PAGE_H)), ops))
        .collect();
    doc.with_pages(pdf_pages);
    let (pdf, saved) = save(&doc, tags, &meta.title, opts, attachments)?;
    Ok(Rendered {
        pdf,
        pages: total,
        replaced: fonts.replaced.into_iter().collect(),
        saved,
    })
}

/// printpdf's document, with the dates and metadata set from the caller's clock, saved with
/// a classic cross-reference table so that signatures can be appended as incremental updates.
fn save(
    doc: &PdfDocument,
    tags: tags::Tags,
    doc_title: &str,
    opts: &RenderOptions,
    attachments: &[Attachment],
) -> Result<(Vec<u8>, lopdf::Document), PdfError> {
    let save_opts = PdfSaveOptions {
        // The embedded font is a subset already (fonts/subset.sh).
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc.to_lopdf_document(&save_opts, &mut Vec::new());
    let date = Object::String(opts.created.pdf().into_bytes(), StringFormat::Literal);
    let text = lopdf::text_string;
    // The window's title: the document and the region, which says more than the file name.
    let title = format!("{doc_title} ({})", opts.region_name);
    let mut info = lopdf::Dictionary::new();
    info.set("Title", text(&title));
    info.set(
        "Subject",
        text(&format!("{doc_title} – {}", opts.region_name)),
    );
    info.set("Creator", text("levensloopkit"));
    info.set("Producer", text("levensloopkit (printpdf, lopdf)"));
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    let info_id = lo.add_object(info);
    lo.trailer.set("Info", info_id);
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    tags.write(&mut lo, &pages)?;
    // printpdf writes XMP with its own (1970 on wasm) dates and `/PageMode` as a string:
    // its XMP is replaced by ours (the title and the PDF/UA identification), the name set.
    let xmp = lo.add_object(tags::xmp(&title, &opts.created.iso_utc()));
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Metadata", xmp);
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        // Screen readers pick the Dutch voice; viewers show the title, not the file name.
        catalog.set("Lang", Object::string_literal("nl-NL"));
        let mut prefs = lopdf::Dictionary::new();
        prefs.set("DisplayDocTitle", true);
        catalog.set("ViewerPreferences", prefs);
    }
    attachments::embed(&mut lo, attachments, &opts.created.pdf());
    lo.version = "1.7".into();
    // Whatever printpdf wrote that nothing refers to any more (its XMP) goes.
    lo.prune_objects();
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Pdf(e.to_string()))?;
    Ok((out, lo))
}

#[cfg(test)]
mod tests {
    /// The PDF module's build zeroes printpdf's ICC profile (`xtask/src/prune.rs`): printpdf
    /// writes it only for conformance levels that need one, and the default never does.
    #[test]
    fn no_icc_profile_is_needed() {
        let doc = printpdf::PdfDocument::new("x");
        assert!(!doc.metadata.info.conformance.must_have_icc_profile());
    }

    /// The PDF module's build also zeroes the Brotli dictionary, which allsorts needs only
    /// for WOFF2 fonts: the embedded fonts are TrueType (version 1.0 tag).
    #[test]
    fn fonts_are_truetype() {
        assert_eq!(&crate::font::REGULAR[..4], &[0, 1, 0, 0]);
    }
}
