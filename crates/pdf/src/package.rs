//! The overdracht package (DOMAIN.md, step 6): one PDF that is both the handover people
//! read and the case the receiving ZVH's kit reads. Its pages: the overdracht's answers,
//! the current levensloopplan as every plan is drawn (with its scenario ladder), and the
//! case's course — phase, documents and events with their dates, the deadlines, what is
//! attached. The case itself ([`llk_core::case::Case::to_json`]) is embedded as
//! [`CASE_ATTACHMENT`] (`attachments/`), the signed PDFs the case carries beside it. The
//! pages are composed by the same parts as [`crate::render`]'s and finished by the same
//! pipeline; the sending procesregisseur then signs it with [`crate::sign::sign_with`] (or
//! `prepare_rendered`/`finish` in the browser).

use crate::content::{self, Cx};
use crate::layout::{Layout, Style};
use crate::{Attachment, Meta, PdfError, RenderOptions, Rendered, finish, font};
use llk_core::Catalog;
use llk_core::case::Case;
use llk_core::case::package_parts::{OVERDRACHT_FORM as OVERDRACHT, PackageParts};
use llk_core::plan::PLAN_FORM;
use printpdf::PdfDocument;
use serde_json::Value;

/// The name of the embedded case file.
pub const CASE_ATTACHMENT: &str = "casus.json";

const TITLE: Style = Style::new(18.0, true);
const META: Style = Style::new(9.5, false).grey(0.25);
const PART: Style = Style::new(15.0, true);
const SECTION: Style = Style::new(13.0, true);
const TEXT: Style = Style::new(10.5, false);

/// The overdracht package of `case` as a PDF, unsigned, with the case embedded; its phase
/// and deadlines as they stand on `today` (the creation date is `opts.created`). Refused
/// ([`PdfError::Refused`], Dutch) when the case has no overdracht document or its
/// definitions are not in `catalog`.
pub fn render_package(
    catalog: &Catalog,
    case: &Case,
    today: llk_core::Date,
    opts: &RenderOptions,
) -> Result<Rendered, PdfError> {
    let parts = PackageParts::of(case, today).map_err(|why| PdfError::Refused(why.into()))?;
    render_package_parts(catalog, &parts, today, opts)
}

/// [`render_package`] from the parts the case model computed ([`PackageParts::of`]): the
/// browser's PDF module draws a package without linking the case model. `today` is the
/// day the answers are shown as of.
pub fn render_package_parts(
    catalog: &Catalog,
    parts: &PackageParts,
    today: llk_core::Date,
    opts: &RenderOptions,
) -> Result<Rendered, PdfError> {
    let unknown = |form: &str| {
        PdfError::Refused(format!(
            "Het formulier ‘{form}’ van de regio ‘{}’ kent deze kit niet.",
            parts.region
        ))
    };
    let handover_def = catalog
        .form(OVERDRACHT, &parts.region)
        .ok_or_else(|| unknown(OVERDRACHT))?;
    let mut doc = PdfDocument::new("Overdrachtspakket");
    let fonts = font::Fonts::load(&mut doc)?;
    let mut l = Layout::new(fonts);

    title_block(&mut l, catalog, parts, opts);
    l.tagged("H2", &handover_def.title, PART);
    let answers = &parts.overdracht;
    content::pages(&mut l, cx(handover_def, answers, today), answers);

    if let Some(plan) = &parts.plan {
        let plan_def = catalog
            .form(PLAN_FORM, &parts.region)
            .ok_or_else(|| unknown(PLAN_FORM))?;
        l.new_page();
        l.tagged(
            "H2",
            &format!("Het levensloopplan, versie {}", plan.number),
            PART,
        );
        let since =
            llk_core::Date::parse_iso(&plan.date).map_or(plan.date.clone(), |d| d.to_dutch());
        l.tagged(
            "P",
            &format!("{} (geldt vanaf {since}).", plan.reason),
            META,
        );
        content::pages(&mut l, cx(plan_def, &plan.answers, today), &plan.answers);
    }

    l.new_page();
    course(&mut l, parts);

    let mut files = vec![Attachment {
        name: CASE_ATTACHMENT.into(),
        mime: "application/json".into(),
        description: format!("Het dossier {} (levensloopkit, JSON)", parts.case_id),
        relationship: "Data".into(),
        bytes: parts.case_json.as_bytes().to_vec(),
    }];
    files.extend(signed_pdfs(parts));
    attachment_list(&mut l, &files);
    let meta = Meta {
        title: "Overdrachtspakket".into(),
        footer: format!("overdrachtspakket {}", parts.case_id),
    };
    finish(doc, l, &meta, opts, &files)
}

/// The signed PDFs the case carries (a document's `signature.pdf`, base64), each as a file
/// of its own beside `casus.json`, so that a viewer opens them and pdfsig checks them. One
/// that does not decode to a PDF is left out here (it is still in `casus.json`).
fn signed_pdfs(parts: &PackageParts) -> Vec<Attachment> {
    parts
        .signed
        .iter()
        .filter_map(|s| {
            let bytes = crate::base64::decode(&s.pdf)?;
            if !bytes.starts_with(b"%PDF-") {
                return None;
            }
            Some(Attachment {
                name: format!("document-{}-{}.pdf", s.seq, s.form),
                mime: "application/pdf".into(),
                description: format!(
                    "{} (document {}), ondertekend door {} op {}",
                    s.label, s.seq, s.signer, s.signed_at
                ),
                relationship: "Source".into(),
                bytes,
            })
        })
        .collect()
}

/// What is attached, named on the last page: a reader of the printout knows it is there.
fn attachment_list(l: &mut Layout, files: &[Attachment]) {
    l.space(6.0);
    l.keep(60.0);
    l.tagged("H3", "Bijlagen in dit bestand", SECTION);
    l.open("L");
    for f in files {
        l.bullet(&format!("{}: {}", f.name, f.description), TEXT);
    }
    l.close();
}

fn cx<'a>(def: &'a llk_core::def::FormDef, answers: &'a Value, today: llk_core::Date) -> Cx<'a> {
    Cx {
        def,
        original: answers,
        today,
        anonymised: false,
    }
}

/// The ZVH `id` names in the case's region (its `zvhs`), or the id itself.
fn zvh_name(catalog: &Catalog, region: &str, id: Option<&str>) -> Option<String> {
    let id = id?;
    let known = catalog.region(region)?.zvhs.iter().find(|z| z.id == id);
    Some(known.map_or_else(|| id.to_string(), |z| z.name.clone()))
}

fn title_block(l: &mut Layout, catalog: &Catalog, parts: &PackageParts, opts: &RenderOptions) {
    let text = |p: &str| parts.text(p);
    l.tagged("H1", "Overdrachtspakket", TITLE);
    l.space(4.0);
    l.tagged(
        "P",
        &format!("Dossier {} · regio {}", parts.case_id, opts.region_name),
        META,
    );
    let from = zvh_name(catalog, &parts.region, text("overdracht.verzendend_zvh"));
    let to = zvh_name(catalog, &parts.region, text("overdracht.ontvangend_zvh"));
    if let (Some(from), Some(to)) = (from, to) {
        l.tagged("P", &format!("Van {from} naar {to}"), META);
    }
    if let Some(name) = text("persoon.naam") {
        l.tagged("P", &format!("Persoon: {name}"), META);
    }
    l.tagged(
        "P",
        &format!("Aangemaakt op {}", opts.created.dutch()),
        META,
    );
    l.space(6.0);
    l.tagged(
        "P",
        &format!(
            "Dit pakket bevat de overdracht, het huidige levensloopplan en het verloop van het \
             dossier. Het dossier zelf zit als bijlage {CASE_ATTACHMENT} in deze PDF: het \
             ontvangende Zorg- en Veiligheidshuis leest het in met ‘Overdracht ontvangen’ of \
             `llk case import` en volgt het plan; de inclusiecriteria worden niet opnieuw \
             beoordeeld. Het pakket is ondertekend door de verzendende procesregisseur; wie \
             het na ondertekening wijzigt, breekt de handtekening."
        ),
        TEXT,
    );
    l.rule(0.6);
}

/// The case's course: where it stands, what happened in order, and the deadlines.
fn course(l: &mut Layout, parts: &PackageParts) {
    l.tagged("H2", "Het verloop van het dossier", PART);
    l.tagged("P", &format!("Fase: {}.", parts.phase), TEXT);
    l.space(6.0);
    l.keep(60.0);
    l.tagged("H3", "Documenten en gebeurtenissen", SECTION);
    if parts.happened.is_empty() {
        l.tagged("P", "Nog niets vastgelegd.", TEXT);
    } else {
        l.open("L");
        for item in &parts.happened {
            l.bullet(item, TEXT);
        }
        l.close();
    }
    l.space(6.0);
    l.keep(60.0);
    l.tagged("H3", "Termijnen", SECTION);
    if parts.deadlines.is_empty() {
        l.tagged("P", "Er lopen geen termijnen.", TEXT);
    } else {
        l.open("L");
        for d in &parts.deadlines {
            l.bullet(d, TEXT);
        }
        l.close();
    }
}
