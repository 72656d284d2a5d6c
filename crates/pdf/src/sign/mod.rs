//! PAdES-B-B signatures (ETSI EN 319 142-1): `/SubFilter /ETSI.CAdES.detached`, a
//! `/ByteRange` over the whole file but the `/Contents` hole, and a detached CMS with the
//! signed attributes contentType, messageDigest and signing-certificate-v2.
//!
//! Every signature — the first one too — is an incremental update, so a second signer
//! (a procesregisseur countersigning an overdracht) never invalidates the first.
//!
//! Signing is two steps for the browser, where WebCrypto signs asynchronously:
//! [`prepare`] gives the bytes to sign ([`Prepared::to_be_signed`]), [`Prepared::finish`]
//! takes the DER signature. [`sign_with`] does both with a synchronous [`Signer`].

mod algorithm;
mod appearance;
pub mod cert;
mod cms;
mod der;
mod ecdsa;
/// The DER and CMS readers, for the fuzz targets (`crates/fuzzing`) only.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod limits;
#[cfg(feature = "rust-ecdsa")]
mod p256_signer;
#[cfg(feature = "rust-ecdsa")]
mod pkcs12;
pub(crate) mod read;
#[cfg(feature = "rust-ecdsa")]
mod rsa_signer;
mod tagging;
pub mod trust;
mod update;
mod verify;
mod x509;
pub(crate) mod xref_stream;

pub use algorithm::{
    EcdsaCheck, RSA_BITS, SignatureAlgorithm, SignatureCheck, rsa_bits as rsa_key_bits,
};
pub use cert::Subject;
pub use ecdsa::{der_from_raw, is_p256 as is_p256_key, raw_from_der};
pub use limits::screen;
#[cfg(feature = "rust-ecdsa")]
pub use p256_signer::P256Signer;
#[cfg(feature = "rust-ecdsa")]
pub use pkcs12::signer_from_pkcs12;
#[cfg(feature = "rust-ecdsa")]
pub use rsa_signer::{RsaSigner, certificates_from_pem, signer_from_pem, signer_from_pkcs8};
#[cfg(feature = "rust-ecdsa")]
pub use trust::verify_with_anchors;
#[cfg(feature = "rust-ecdsa")]
pub use verify::verify;
pub use verify::{SignatureReport, conclude, verify_deferred};

use crate::{DateTime, PdfError};
use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};
use update::Update;

/// Room for the CMS in `/Contents`: a P-256 signature and one certificate need ~1 KB, an
/// RSA-4096 signature with a chain of three RSA-4096 certificates 4.9 KB (`tests/trust.rs`);
/// a PKIoverheid chain, whose certificates carry many extensions (~2 KB each), comes near
/// 8 KB, so there is twice that. Well inside [`limits::SIGNATURE_DICT_WINDOW`].
const CONTENTS_BYTES: usize = 16_384;
/// Ten digits: every offset of a file below 10 GB.
const BYTE_RANGE_PLACEHOLDER: &str = "[0 0000000000 0000000000 0000000000]";

/// Signs DER signed attributes with SHA-256 (the signer hashes) and [`Self::algorithm`]:
/// a DER signature for ECDSA, the signature's bytes for RSA. A WebCrypto key implements
/// the same steps through [`prepare_for`] and [`Prepared::finish`].
pub trait Signer {
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, PdfError>;
    /// The signer's DER X.509 certificate.
    fn certificate(&self) -> &[u8];
    /// The algorithm [`Self::sign`] uses (written into the CMS).
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::EcdsaP256Sha256
    }
    /// The certificates between the signer's and a root (DER), which go into the CMS so
    /// that a verifier can build the chain.
    fn intermediates(&self) -> &[Vec<u8>] {
        &[]
    }
}

/// Who signs and how, as [`prepare_for`] needs it before the signature exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The signer's DER certificate.
    pub certificate: Vec<u8>,
    /// Certificates of the chain above it (DER), written into the CMS after it.
    pub intermediates: Vec<Vec<u8>>,
    pub algorithm: SignatureAlgorithm,
}

impl Identity {
    /// A P-256 key's certificate alone: what [`prepare`] signs with.
    pub fn p256(cert_der: &[u8]) -> Identity {
        Identity {
            certificate: cert_der.to_vec(),
            intermediates: Vec::new(),
            algorithm: SignatureAlgorithm::EcdsaP256Sha256,
        }
    }

    /// What `signer` signs with.
    pub fn of(signer: &dyn Signer) -> Identity {
        Identity {
            certificate: signer.certificate().to_vec(),
            intermediates: signer.intermediates().to_vec(),
            algorithm: signer.algorithm(),
        }
    }
}

/// When and why; the signer's name, role and organisation come from the certificate.
#[derive(Debug, Clone)]
pub struct SignOptions {
    pub time: DateTime,
    pub reason: Option<String>,
    /// The signer's drawn signature for the visible appearance, as the signature pad
    /// stores it (points on its 600 × 200 canvas); see [`strokes_of`].
    pub strokes: Vec<Vec<(f32, f32)>>,
}

/// The strokes of a signature answer ([`llk_core::signature::strokes`]), in PDF precision.
pub fn strokes_of(answer: &serde_json::Value) -> Vec<Vec<(f32, f32)>> {
    llk_core::signature::strokes(answer)
        .into_iter()
        .map(|stroke| {
            stroke
                .into_iter()
                .map(|(x, y)| (x as f32, y as f32))
                .collect()
        })
        .collect()
}

/// The strokes of the drawn signature in `answers` whose `name` is `name` (the signer's,
/// from the certificate), for the visible appearance; none when no such signature exists.
pub fn drawn_signature(answers: &serde_json::Value, name: &str) -> Vec<Vec<(f32, f32)>> {
    use serde_json::Value;
    let mut stack = vec![answers];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if map.get("name").and_then(Value::as_str).map(str::trim) == Some(name.trim())
                    && llk_core::signature::is_drawn(v)
                {
                    return strokes_of(v);
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    Vec::new()
}

/// A PDF with its signature placeholder, waiting for the signature over [`Self::to_be_signed`].
#[derive(Debug, Clone)]
pub struct Prepared {
    pdf: Vec<u8>,
    /// Offset of the first hex digit of `/Contents`.
    contents_at: usize,
    identity: Identity,
    signed_attrs: Vec<u8>,
}

impl Prepared {
    /// The DER signed attributes: sign these (SHA-256, with the identity's algorithm).
    pub fn to_be_signed(&self) -> &[u8] {
        &self.signed_attrs
    }

    /// The algorithm the signature passed to [`Self::finish`] must be made with.
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.identity.algorithm
    }

    /// The signed PDF, given the signature over [`Self::to_be_signed`]: DER for ECDSA,
    /// the signature's bytes for RSA PKCS#1 v1.5 (as WebCrypto's `RSASSA-PKCS1-v1_5`
    /// returns them).
    pub fn finish(mut self, signature: &[u8]) -> Result<Vec<u8>, PdfError> {
        let id = &self.identity;
        let cms = cms::signed_data(
            &self.signed_attrs,
            id.algorithm,
            signature,
            &id.certificate,
            &id.intermediates,
        )?;
        let hex = update::hex(&cms);
        if hex.len() > CONTENTS_BYTES * 2 {
            return Err(PdfError::Sign(format!(
                "the signature takes {} bytes, more than the {CONTENTS_BYTES} reserved",
                cms.len()
            )));
        }
        self.pdf[self.contents_at..self.contents_at + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(self.pdf)
    }
}

/// Signs `pdf` with `signer`: prepare, sign, finish.
pub fn sign_with(pdf: &[u8], signer: &dyn Signer, opts: &SignOptions) -> Result<Vec<u8>, PdfError> {
    let prepared = prepare_for(pdf, &Identity::of(signer), opts)?;
    let sig = signer.sign(prepared.to_be_signed())?;
    prepared.finish(&sig)
}

fn err(msg: &str) -> PdfError {
    PdfError::Pdf(msg.into())
}

/// Appends a signature field, its widget (a visible appearance on the last page) and the
/// signature dictionary with a zero-filled `/Contents`, then fixes the `/ByteRange`.
/// The PDF is read by the small reader of `read.rs` (the browser has no room for lopdf's
/// parser); natively, what that cannot read (e.g. cross-reference streams) goes to lopdf.
/// A PDF beyond a bound of [`limits`] is refused ([`PdfError::Refused`]) and never handed
/// to lopdf.
pub fn prepare(pdf: &[u8], cert_der: &[u8], opts: &SignOptions) -> Result<Prepared, PdfError> {
    prepare_for(pdf, &Identity::p256(cert_der), opts)
}

/// [`prepare`] for any signer: an RSA key, or a certificate with its chain.
pub fn prepare_for(
    pdf: &[u8],
    identity: &Identity,
    opts: &SignOptions,
) -> Result<Prepared, PdfError> {
    limits::screen(pdf)?;
    let doc = read::load(pdf);
    #[cfg(not(target_arch = "wasm32"))]
    let doc = match doc {
        Err(PdfError::Pdf(_)) => read::fit_for_lopdf(pdf)
            .and_then(|()| lopdf::Document::load_mem(pdf).map_err(PdfError::from)),
        doc => doc,
    };
    prepare_parsed(pdf, &doc?, identity, opts)
}

/// [`prepare`] for a PDF just rendered, from its objects in memory instead of parsing it.
pub fn prepare_rendered(
    rendered: &crate::Rendered,
    cert_der: &[u8],
    opts: &SignOptions,
) -> Result<Prepared, PdfError> {
    prepare_rendered_for(rendered, &Identity::p256(cert_der), opts)
}

/// [`prepare_rendered`] for any signer ([`prepare_for`]).
pub fn prepare_rendered_for(
    rendered: &crate::Rendered,
    identity: &Identity,
    opts: &SignOptions,
) -> Result<Prepared, PdfError> {
    prepare_parsed(&rendered.pdf, &rendered.saved, identity, opts)
}

fn prepare_parsed(
    pdf: &[u8],
    doc: &lopdf::Document,
    identity: &Identity,
    opts: &SignOptions,
) -> Result<Prepared, PdfError> {
    let cert_der = &identity.certificate[..];
    let subject = cert::subject_of_der(cert_der)?;
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| err("no /Root"))?;
    let last_page = *doc
        .get_pages()
        .values()
        .last()
        .ok_or_else(|| err("no pages"))?;
    let (acroform_id, mut acroform) = acroform(doc, root_id)?;
    let mut fields = match acroform.get(b"Fields") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(r)) => doc.get_object(*r)?.as_array()?.clone(),
        _ => Vec::new(),
    };
    let nth = fields.len();
    let next = doc.max_id;
    let ap_id = next.checked_add(5).ok_or_else(|| err("too many objects"))? - 2;
    let (sig_id, widget_id) = (next + 1, next + 2);
    // Screen readers name the widget (PDF/UA-1 7.18): the same words as the box.
    let alt = format!(
        "Digitaal ondertekend (PAdES) door {}, {}",
        subject.name,
        opts.time.dutch()
    );
    // Only the first signature's widget joins the structure tree: after a signature,
    // changing the tree is a modification validators do not allow (pyHanko's difference
    // analysis calls it illegal), and the earlier signatures matter more (docs/pdf.md).
    // (A signature is found as the verifier finds it: by its `/ByteRange`.)
    let signed_before = pdf.windows(10).any(|w| w == b"/ByteRange");
    let tagging = (!signed_before)
        .then(|| tagging::Tagging::plan(doc, root_id, (widget_id, 0), last_page, &alt, ap_id + 1))
        .flatten();

    let mut up = Update::new(pdf);
    // The signature dictionary, written by hand so the placeholders' offsets are known.
    let mut body = format!(
        "<</Type /Sig/Filter /Adobe.PPKLite/SubFilter /ETSI.CAdES.detached/ByteRange {BYTE_RANGE_PLACEHOLDER}\n/Contents <"
    )
    .into_bytes();
    let contents_rel = body.len();
    body.extend(std::iter::repeat_n(b'0', CONTENTS_BYTES * 2));
    body.extend_from_slice(b">\n/M ");
    update::literal(&mut body, opts.time.pdf().as_bytes());
    body.extend_from_slice(b"/Name ");
    update::write_object(&mut body, &lopdf::text_string(&subject.name));
    if let Some(r) = &opts.reason {
        body.extend_from_slice(b"/Reason ");
        update::write_object(&mut body, &lopdf::text_string(r));
    }
    body.extend_from_slice(b">>");
    let sig_at = up.object(sig_id, &body);
    let contents_at = sig_at + contents_rel;

    let rect = appearance::rect(nth);
    let stream = appearance::stream(&subject, opts, rect);
    let mut ap = Vec::new();
    update::write_object(&mut ap, &Object::Stream(stream));
    up.object(ap_id, &ap);

    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set(
        "T",
        lopdf::text_string(&format!("Handtekening {}", nth + 1)),
    );
    widget.set("V", Object::Reference((sig_id, 0)));
    // Print (4) and Locked (128).
    widget.set("F", 132);
    widget.set(
        "Rect",
        rect.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
    );
    widget.set("P", Object::Reference(last_page));
    widget.set("TU", lopdf::text_string(&alt));
    widget.set("Contents", lopdf::text_string(&alt));
    if let Some(t) = &tagging {
        widget.set("StructParent", t.key);
    }
    let mut ap_dict = Dictionary::new();
    ap_dict.set("N", Object::Reference((ap_id, 0)));
    widget.set("AP", ap_dict);
    let mut w = Vec::new();
    update::write_object(&mut w, &Object::Dictionary(widget));
    up.object(widget_id, &w);

    let mut page = doc.get_dictionary(last_page)?.clone();
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(Object::Reference(r)) => doc.get_object(*r)?.as_array()?.clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference((widget_id, 0)));
    page.set("Annots", annots);
    // The tab order follows the structure (PDF/UA-1 7.18.3).
    page.set("Tabs", Object::Name(b"S".to_vec()));
    write_dict(&mut up, last_page, page)?;

    fields.push(Object::Reference((widget_id, 0)));
    acroform.set("Fields", fields);
    acroform.set("SigFlags", 3);
    match acroform_id {
        Some(id) => write_dict(&mut up, id, acroform)?,
        None => {
            let mut catalog = doc.get_dictionary(root_id)?.clone();
            catalog.set("AcroForm", acroform);
            write_dict(&mut up, root_id, catalog)?;
        }
    }

    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(v) = doc.trailer.get(key) {
            trailer.set(key, v.clone());
        }
    }
    let size = tagging.as_ref().map_or(ap_id + 1, |t| t.next);
    if let Some(t) = tagging {
        t.write(&mut up)?;
    }
    let prev = update::last_startxref(pdf)?;
    let mut out = up.finish(trailer, size, prev);

    // The byte ranges: everything but the `<…>` of /Contents.
    let hole_start = contents_at - 1;
    let hole_end = contents_at + CONTENTS_BYTES * 2 + 1;
    let range = format!("[0 {hole_start} {hole_end} {}]", out.len() - hole_end);
    let br_at = sig_at + body_pos(&body, BYTE_RANGE_PLACEHOLDER)?;
    let padded = format!("{range:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    out[br_at..br_at + padded.len()].copy_from_slice(padded.as_bytes());
    // What the kit signs, its verifier must accept: a PDF at a bound (as many signatures
    // as allowed, or nearly the size or the bytes hashed) would pass it no more.
    if let Err(PdfError::Refused(why)) = limits::screen(&out) {
        let bound = why
            .trim_start_matches("Deze PDF wordt niet verwerkt: ")
            .trim_end_matches('.');
        return Err(PdfError::Refused(format!(
            "Deze PDF kan niet nog eens worden ondertekend: met een handtekening erbij zou levensloopkit hem niet meer controleren ({bound})."
        )));
    }

    let mut h = Sha256::new();
    h.update(&out[..hole_start]);
    h.update(&out[hole_end..]);
    let signed_attrs = cms::signed_attributes(&h.finalize(), cert_der)?;
    Ok(Prepared {
        pdf: out,
        contents_at,
        identity: identity.clone(),
        signed_attrs,
    })
}

fn body_pos(body: &[u8], what: &str) -> Result<usize, PdfError> {
    body.windows(what.len())
        .position(|w| w == what.as_bytes())
        .ok_or_else(|| err("placeholder not found"))
}

fn write_dict(up: &mut Update, id: ObjectId, d: Dictionary) -> Result<(), PdfError> {
    if id.1 != 0 {
        return Err(err("objects with a generation number are not supported"));
    }
    let mut b = Vec::new();
    update::write_object(&mut b, &Object::Dictionary(d));
    up.object(id.0, &b);
    Ok(())
}

/// The interactive form: its object id when it is an object of its own, and its dictionary.
fn acroform(
    doc: &lopdf::Document,
    root: ObjectId,
) -> Result<(Option<ObjectId>, Dictionary), PdfError> {
    let catalog = doc.get_dictionary(root)?;
    Ok(match catalog.get(b"AcroForm") {
        Ok(Object::Reference(r)) => (Some(*r), doc.get_dictionary(*r)?.clone()),
        Ok(Object::Dictionary(d)) => (None, d.clone()),
        _ => (None, Dictionary::new()),
    })
}
