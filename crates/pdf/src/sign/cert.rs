//! Self-signed certificates carrying the signer's name, role and organisation, built by hand
//! in two steps (to-be-signed bytes, then the signature) because the browser's WebCrypto
//! signs asynchronously and x509-cert's builder wants a synchronous signer.

use crate::{DateTime, PdfError};
use der::asn1::{BitString, ObjectIdentifier, SetOfVec, UtcTime};
use der::{Any, Decode, Encode, Tag};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use std::time::Duration;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::certificate::{Certificate, TbsCertificate, Version};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};

pub const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");
const O: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
const C: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.6");
const KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");

/// Who signs: shown by every validator from the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

pub(crate) fn ecdsa_sha256() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid: ECDSA_WITH_SHA256,
        parameters: None,
    }
}

fn der_err(e: der::Error) -> PdfError {
    PdfError::Sign(format!("DER: {e}"))
}

fn rdn(
    oid: ObjectIdentifier,
    tag: Tag,
    value: &str,
) -> Result<RelativeDistinguishedName, PdfError> {
    let atv = AttributeTypeAndValue {
        oid,
        value: Any::new(tag, value.as_bytes()).map_err(der_err)?,
    };
    Ok(RelativeDistinguishedName(
        SetOfVec::try_from(vec![atv]).map_err(der_err)?,
    ))
}

fn name(s: &Subject) -> Result<Name, PdfError> {
    let mut rdns = vec![rdn(C, Tag::PrintableString, "NL")?];
    if let Some(o) = s.organisation.as_deref().filter(|o| !o.is_empty()) {
        rdns.push(rdn(O, Tag::Utf8String, o)?);
    }
    if let Some(t) = s.role.as_deref().filter(|t| !t.is_empty()) {
        rdns.push(rdn(TITLE, Tag::Utf8String, t)?);
    }
    rdns.push(rdn(CN, Tag::Utf8String, &s.name)?);
    Ok(RdnSequence(rdns))
}

fn time(t: i64) -> Result<Time, PdfError> {
    let secs = u64::try_from(t).map_err(|_| PdfError::Sign("a date before 1970".into()))?;
    Ok(Time::UtcTime(
        UtcTime::from_unix_duration(Duration::from_secs(secs)).map_err(der_err)?,
    ))
}

/// The DER `TBSCertificate` of a self-signed certificate for the key `spki_der` (a
/// SubjectPublicKeyInfo, as WebCrypto exports it), valid from `from` for `days` days.
/// Sign it with the same key (ECDSA P-256, SHA-256) and pass both to [`assemble`].
pub fn to_be_signed(
    spki_der: &[u8],
    subject: &Subject,
    from: DateTime,
    days: u32,
) -> Result<Vec<u8>, PdfError> {
    let spki = SubjectPublicKeyInfoOwned::from_der(spki_der).map_err(der_err)?;
    let name = name(subject)?;
    // A serial number unique enough without a random source: a hash of key, name and time.
    let mut h = Sha256::new();
    h.update(spki_der);
    h.update(subject.name.as_bytes());
    h.update(from.unix_seconds.to_be_bytes());
    let mut serial = h.finalize()[..16].to_vec();
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    let key_usage = Extension {
        extn_id: KEY_USAGE,
        critical: true,
        // BIT STRING: digitalSignature (0) and nonRepudiation (1).
        extn_value: der::asn1::OctetString::new(
            BitString::new(6, vec![0b1100_0000])
                .and_then(|b| b.to_der())
                .map_err(der_err)?,
        )
        .map_err(der_err)?,
    };
    let basic_constraints = Extension {
        extn_id: BASIC_CONSTRAINTS,
        critical: true,
        // An empty SEQUENCE: not a CA.
        extn_value: der::asn1::OctetString::new(vec![0x30, 0x00]).map_err(der_err)?,
    };
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: SerialNumber::new(&serial).map_err(der_err)?,
        signature: ecdsa_sha256(),
        issuer: name.clone(),
        validity: Validity {
            not_before: time(from.unix_seconds - 300)?,
            not_after: time(from.unix_seconds + i64::from(days) * 86_400)?,
        },
        subject: name,
        subject_public_key_info: spki,
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(vec![key_usage, basic_constraints]),
    };
    tbs.to_der().map_err(der_err)
}

/// The DER certificate from its to-be-signed bytes and a DER ECDSA signature over them.
pub fn assemble(tbs_der: &[u8], signature_der: &[u8]) -> Result<Vec<u8>, PdfError> {
    let cert = Certificate {
        tbs_certificate: TbsCertificate::from_der(tbs_der).map_err(der_err)?,
        signature_algorithm: ecdsa_sha256(),
        signature: BitString::from_bytes(signature_der).map_err(der_err)?,
    };
    cert.to_der().map_err(der_err)
}

/// The subject of a DER certificate.
pub fn subject_of_der(cert_der: &[u8]) -> Result<Subject, PdfError> {
    Ok(subject_of(
        &Certificate::from_der(cert_der).map_err(der_err)?,
    ))
}

/// The subject of a certificate: common name, title and organisation.
pub fn subject_of(cert: &Certificate) -> Subject {
    let mut s = Subject {
        name: String::new(),
        role: None,
        organisation: None,
    };
    for rdn in cert.tbs_certificate.subject.0.iter() {
        for atv in rdn.0.iter() {
            let text = String::from_utf8_lossy(atv.value.value()).into_owned();
            match atv.oid {
                CN => s.name = text,
                TITLE => s.role = Some(text),
                O => s.organisation = Some(text),
                _ => {}
            }
        }
    }
    s
}
