//! The CMS (RFC 5652) part of a PAdES-B-B signature: signed attributes contentType,
//! messageDigest and signing-certificate-v2 (no signing-time: PAdES takes the time from the
//! signature dictionary's `/M`), a detached SignedData with the signer's certificate, and
//! its check.

use super::cert::ecdsa_sha256;
use crate::PdfError;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::certificate::Certificate;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

fn der_err(e: der::Error) -> PdfError {
    PdfError::Sign(format!("DER: {e}"))
}

fn attribute(oid: ObjectIdentifier, value: AttributeValue) -> Result<Attribute, PdfError> {
    Ok(Attribute {
        oid,
        values: SetOfVec::try_from(vec![value]).map_err(der_err)?,
    })
}

/// The signed attributes over the document digest, DER-encoded as the SET OF (tag 0x31)
/// that the signer signs.
pub fn signed_attributes(digest: &[u8], cert_der: &[u8]) -> Result<Vec<u8>, PdfError> {
    let cert_hash = Sha256::digest(cert_der);
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, and
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (hashAlgorithm: SHA-256 default).
    let octets = OctetString::new(cert_hash.to_vec())
        .and_then(|o| o.to_der())
        .map_err(der_err)?;
    let signing_cert = tlv(0x30, &tlv(0x30, &tlv(0x30, &octets)));
    let attrs = SetOfVec::try_from(vec![
        attribute(CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(der_err)?)?,
        attribute(
            MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(der_err)?)
                .map_err(der_err)?,
        )?,
        attribute(
            SIGNING_CERTIFICATE_V2,
            Any::from_der(&signing_cert).map_err(der_err)?,
        )?,
    ])
    .map_err(der_err)?;
    attrs.to_der().map_err(der_err)
}

/// A DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    }
}

/// The detached CMS SignedData (a DER ContentInfo) for `/Contents`.
pub fn signed_data(
    signed_attrs_der: &[u8],
    signature_der: &[u8],
    cert_der: &[u8],
) -> Result<Vec<u8>, PdfError> {
    let cert = Certificate::from_der(cert_der).map_err(der_err)?;
    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(SetOfVec::from_der(signed_attrs_der).map_err(der_err)?),
        signature_algorithm: ecdsa_sha256(),
        signature: OctetString::new(signature_der.to_vec()).map_err(der_err)?,
        unsigned_attrs: None,
    };
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![sha256_alg()]).map_err(der_err)?,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(vec![CertificateChoices::Certificate(cert)]).map_err(der_err)?,
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).map_err(der_err)?),
    };
    ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&sd).map_err(der_err)?,
    }
    .to_der()
    .map_err(der_err)
}

/// What a CMS signature says about a document digest.
#[derive(Debug)]
pub struct Checked {
    pub cert: Option<Certificate>,
    /// `None` when intact; otherwise why not.
    pub problem: Option<String>,
}

/// Checks a `/Contents` value (trailing zero padding allowed) against the digest of the
/// signed byte ranges: messageDigest, signing-certificate-v2 and the ECDSA signature.
pub fn check(contents: &[u8], digest: &[u8]) -> Checked {
    let mut out = Checked {
        cert: None,
        problem: None,
    };
    if let Err(p) = check_into(contents, digest, &mut out) {
        out.problem = Some(p);
    }
    out
}

fn check_into(contents: &[u8], digest: &[u8], out: &mut Checked) -> Result<(), String> {
    let der = der_prefix(contents).ok_or("the signature is not DER")?;
    let ci = ContentInfo::from_der(der).map_err(|e| format!("not a CMS ContentInfo: {e}"))?;
    let sd: SignedData = ci
        .content
        .decode_as()
        .map_err(|e| format!("not a SignedData: {e}"))?;
    let si = sd.signer_infos.0.iter().next().ok_or("no signer")?;
    let cert = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .find_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            _ => None,
        })
        .ok_or("no certificate")?;
    out.cert = Some(cert.clone());
    let attrs = si.signed_attrs.as_ref().ok_or("no signed attributes")?;
    let value = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
    };
    let md = value(MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or("no messageDigest")?;
    if md.as_bytes() != digest {
        return Err("Digest Mismatch: the document changed after signing".into());
    }
    let cert_der = cert.to_der().map_err(|e| e.to_string())?;
    let cert_hash = Sha256::digest(&cert_der);
    let ess = value(SIGNING_CERTIFICATE_V2).ok_or("no signing-certificate-v2")?;
    if !ess.value().windows(32).any(|w| w == &cert_hash[..]) {
        return Err("signing-certificate-v2 names another certificate".into());
    }
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let key = VerifyingKey::from_sec1_bytes(spki.subject_public_key.raw_bytes())
        .map_err(|_| "not an ECDSA P-256 key: this verifier checks P-256 only".to_string())?;
    let sig = Signature::from_der(si.signature.as_bytes()).map_err(|e| e.to_string())?;
    let signed = attrs.to_der().map_err(|e| e.to_string())?;
    key.verify(&signed, &sig)
        .map_err(|_| "the signature does not match the signed attributes".to_string())
}

/// The first DER element of `b` (the `/Contents` placeholder is zero-padded).
fn der_prefix(b: &[u8]) -> Option<&[u8]> {
    let first = *b.get(1)?;
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let len = b
            .get(2..2 + n)?
            .iter()
            .fold(0usize, |a, &x| (a << 8) | usize::from(x));
        (len, 2 + n)
    };
    b.get(..head + len)
}
