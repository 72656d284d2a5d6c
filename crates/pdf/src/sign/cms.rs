//! The CMS (RFC 5652) part of a PAdES-B-B signature: signed attributes contentType,
//! messageDigest and signing-certificate-v2 (no signing-time: PAdES takes the time from the
//! signature dictionary's `/M`), a detached SignedData with the signer's certificate, and
//! its check.

use super::algorithm::{self, SHA256_WITH_RSA_ALG, SignatureAlgorithm, SignatureCheck};
use super::cert::{self, ECDSA_SHA256, Subject};
use super::der::{self, Tlv};
use crate::PdfError;
use sha2::{Digest, Sha256};

// OIDs, as DER (tag, length, content).
const ID_DATA: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01,
];
const ID_SIGNED_DATA: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
];
const CONTENT_TYPE: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03,
];
const MESSAGE_DIGEST: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04,
];
const SIGNING_CERTIFICATE_V2: &[u8] = &[
    0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2f,
];
/// AlgorithmIdentifier SHA-256 (2.16.840.1.101.3.4.2.1), no parameters.
const SHA256_ALG: &[u8] = &[
    0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
];
/// INTEGER 1: CMSVersion v1.
const V1: &[u8] = &[der::INTEGER, 1, 1];

fn attribute(oid: &[u8], value: &[u8]) -> Vec<u8> {
    der::cons(der::SEQUENCE, &[oid, &der::tlv(der::SET, value)])
}

/// The signed attributes over the document digest, DER-encoded as the SET OF (tag 0x31)
/// that the signer signs.
pub fn signed_attributes(digest: &[u8], cert_der: &[u8]) -> Result<Vec<u8>, PdfError> {
    let cert_hash = Sha256::digest(cert_der);
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, and
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (hashAlgorithm: SHA-256 default).
    let octets = der::tlv(der::OCTET_STRING, &cert_hash);
    let signing_cert = der::tlv(
        der::SEQUENCE,
        &der::tlv(der::SEQUENCE, &der::tlv(der::SEQUENCE, &octets)),
    );
    let mut attrs = [
        attribute(CONTENT_TYPE, ID_DATA),
        attribute(MESSAGE_DIGEST, &der::tlv(der::OCTET_STRING, digest)),
        attribute(SIGNING_CERTIFICATE_V2, &signing_cert),
    ];
    // DER: a SET OF in the order of its elements' encodings.
    attrs.sort();
    Ok(der::tlv(der::SET, &attrs.concat()))
}

/// The most certificates read from one CMS: a signer, a few intermediates, perhaps a root.
pub const MAX_CMS_CERTIFICATES: usize = 16;

/// The detached CMS SignedData (a DER ContentInfo) for `/Contents`: `signature` made with
/// `algorithm` (DER for ECDSA, the raw bytes for RSA), the signer's certificate `cert_der`
/// and then `intermediates` in the certificates.
pub fn signed_data(
    signed_attrs_der: &[u8],
    algorithm: SignatureAlgorithm,
    signature: &[u8],
    cert_der: &[u8],
    intermediates: &[Vec<u8>],
) -> Result<Vec<u8>, PdfError> {
    let signature_alg = match algorithm {
        SignatureAlgorithm::EcdsaP256Sha256 => ECDSA_SHA256,
        SignatureAlgorithm::RsaPkcs1Sha256 => SHA256_WITH_RSA_ALG,
        SignatureAlgorithm::RsaPssSha256 { .. } => {
            return Err(PdfError::Sign(
                "signing with RSA-PSS is not supported".into(),
            ));
        }
    };
    for c in intermediates {
        cert::fields(c)?;
    }
    let certificates = [&[cert_der.to_vec()][..], intermediates].concat().concat();
    let c = cert::fields(cert_der)?;
    let attrs = der::one(signed_attrs_der, der::SET)
        .ok_or_else(|| PdfError::Sign("the signed attributes are not a DER SET".into()))?;
    let signer = der::cons(
        der::SEQUENCE,
        &[
            V1,
            &der::cons(der::SEQUENCE, &[c.issuer, c.serial]),
            SHA256_ALG,
            // [0] IMPLICIT SET OF Attribute
            &der::tlv(der::CONTEXT_0, attrs.content),
            signature_alg,
            &der::tlv(der::OCTET_STRING, signature),
        ],
    );
    let signed_data = der::cons(
        der::SEQUENCE,
        &[
            V1,
            &der::tlv(der::SET, SHA256_ALG),
            &der::tlv(der::SEQUENCE, ID_DATA),
            // certificates [0] IMPLICIT CertificateSet
            &der::tlv(der::CONTEXT_0, &certificates),
            &der::tlv(der::SET, &signer),
        ],
    );
    Ok(der::cons(
        der::SEQUENCE,
        &[ID_SIGNED_DATA, &der::tlv(der::CONTEXT_0, &signed_data)],
    ))
}

/// What a CMS signature says about a document digest.
#[derive(Debug)]
pub struct Checked {
    /// Who the certificate in it names.
    pub signer: Option<Subject>,
    /// Why it is not intact; `None` when all but the signature checked out.
    pub problem: Option<String>,
    /// The signature to check, when all else checked out.
    pub signature: Option<SignatureCheck>,
    /// The certificates in the CMS (DER), the signer's first; at most
    /// [`MAX_CMS_CERTIFICATES`].
    pub certificates: Vec<Vec<u8>>,
}

/// Checks a `/Contents` value (trailing zero padding allowed) against the digest of the
/// signed byte ranges: messageDigest and signing-certificate-v2; the signature itself is
/// left to the caller ([`Checked::signature`]).
pub fn check(contents: &[u8], digest: &[u8]) -> Checked {
    let mut out = Checked {
        signer: None,
        problem: None,
        signature: None,
        certificates: Vec::new(),
    };
    match check_into(contents, digest, &mut out) {
        Ok(c) => out.signature = Some(c),
        Err(p) => out.problem = Some(p.into()),
    }
    out
}

/// The value of the attribute `oid` in a SET OF Attribute.
fn value<'a>(attrs: Tlv<'a>, oid: &[u8]) -> Option<Tlv<'a>> {
    attrs
        .children()
        .find(|a| a.child(0).is_some_and(|o| o.whole == oid))?
        .child(1)?
        .child(0)
}

fn check_into(
    contents: &[u8],
    digest: &[u8],
    out: &mut Checked,
) -> Result<SignatureCheck, &'static str> {
    let (ci, _padding) = der::read(contents)
        .filter(|(t, _)| t.tag == der::SEQUENCE)
        .ok_or("the signature is not DER")?;
    let sd = Some(ci)
        .filter(|ci| ci.child(0).is_some_and(|o| o.whole == ID_SIGNED_DATA))
        .and_then(|ci| ci.child(1))
        .filter(|t| t.tag == der::CONTEXT_0)
        .and_then(|t| t.child(0))
        .filter(|t| t.tag == der::SEQUENCE)
        .ok_or("not a CMS SignedData")?;
    let certs: Vec<&[u8]> = sd
        .children()
        .find(|t| t.tag == der::CONTEXT_0)
        .into_iter()
        .flat_map(Tlv::children)
        .filter(|c| c.tag == der::SEQUENCE)
        .take(MAX_CMS_CERTIFICATES)
        .map(|c| c.whole)
        .collect();
    let si = sd
        .children()
        .last()
        .filter(|t| t.tag == der::SET)
        .and_then(|set| set.child(0))
        .ok_or("no signer")?;
    // The signer's certificate: the one its issuerAndSerialNumber names, else the first.
    let sid = si.child(1).map(|t| t.content).unwrap_or_default();
    let cert_der = *certs
        .iter()
        .find(|c| cert::fields(c).is_ok_and(|f| [f.issuer, f.serial].concat() == sid))
        .or(certs.first())
        .ok_or("no certificate")?;
    let fields = cert::fields(cert_der).map_err(|_| "the certificate does not parse")?;
    out.signer = Some(fields.subject());
    out.certificates = std::iter::once(cert_der)
        .chain(certs.iter().copied().filter(|c| *c != cert_der))
        .map(<[u8]>::to_vec)
        .collect();
    let attrs = si
        .children()
        .find(|t| t.tag == der::CONTEXT_0)
        .ok_or("no signed attributes")?;
    let md = value(attrs, MESSAGE_DIGEST)
        .filter(|v| v.tag == der::OCTET_STRING)
        .ok_or("no messageDigest")?;
    if md.content != digest {
        return Err("Digest Mismatch: the document changed after signing");
    }
    let cert_hash = Sha256::digest(cert_der);
    let ess = value(attrs, SIGNING_CERTIFICATE_V2).ok_or("no signing-certificate-v2")?;
    if !ess.content.windows(32).any(|w| w == &cert_hash[..]) {
        return Err("signing-certificate-v2 names another certificate");
    }
    // SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm,
    // signature.
    let mut after_attrs = si
        .children()
        .skip_while(|t| t.tag != der::CONTEXT_0)
        .skip(1);
    let alg = after_attrs
        .next()
        .filter(|t| t.tag == der::SEQUENCE)
        .ok_or("no signature algorithm")?;
    let signature = after_attrs
        .next()
        .filter(|t| t.tag == der::OCTET_STRING)
        .ok_or("no signature")?;
    // What was signed: the attributes as a SET OF (the [0] tag replaced by 0x31).
    let mut message = attrs.whole.to_vec();
    message[0] = der::SET;
    algorithm::check_for(alg, fields.spki(), message, signature.content)
}
