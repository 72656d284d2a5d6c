//! Self-signed certificates carrying the signer's name, role and organisation, written in
//! two steps (to-be-signed bytes, then the signature) because the browser's WebCrypto
//! signs asynchronously; and the few fields of a certificate that signing and verifying read.

use super::der::{self, Tlv};
use crate::{DateTime, PdfError};
use sha2::{Digest, Sha256};

/// AlgorithmIdentifier ecdsa-with-SHA256 (1.2.840.10045.4.3.2), no parameters.
pub(crate) const ECDSA_SHA256: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
];
// Attribute types, as OID contents: commonName, title, organizationName, countryName.
const CN: &[u8] = &[0x55, 0x04, 0x03];
const TITLE: &[u8] = &[0x55, 0x04, 0x0c];
const O: &[u8] = &[0x55, 0x04, 0x0a];
const C: &[u8] = &[0x55, 0x04, 0x06];
/// Extensions keyUsage (critical: digitalSignature, nonRepudiation) and basicConstraints
/// (critical, an empty SEQUENCE: not a CA).
const EXTENSIONS: &[u8] = &[
    0xa3, 0x20, 0x30, 0x1e, //
    0x30, 0x0e, 0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01, 0x01, 0xff, 0x04, 0x04, 0x03, 0x02, 0x06,
    0xc0, //
    0x30, 0x0c, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0xff, 0x04, 0x02, 0x30, 0x00,
];

/// Who signs: shown by every validator from the certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
}

fn bad(what: &str) -> PdfError {
    PdfError::Sign(format!("the certificate does not parse: {what}"))
}

fn rdn(oid: &[u8], tag: u8, value: &str) -> Vec<u8> {
    let atv = der::cons(
        der::SEQUENCE,
        &[&der::tlv(der::OID, oid), &der::tlv(tag, value.as_bytes())],
    );
    der::tlv(der::SET, &atv)
}

fn name(s: &Subject) -> Vec<u8> {
    let mut rdns = rdn(C, der::PRINTABLE_STRING, "NL");
    if let Some(o) = s.organisation.as_deref().filter(|o| !o.is_empty()) {
        rdns.extend(rdn(O, der::UTF8_STRING, o));
    }
    if let Some(t) = s.role.as_deref().filter(|t| !t.is_empty()) {
        rdns.extend(rdn(TITLE, der::UTF8_STRING, t));
    }
    rdns.extend(rdn(CN, der::UTF8_STRING, &s.name));
    der::tlv(der::SEQUENCE, &rdns)
}

/// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
fn time(t: i64) -> Result<Vec<u8>, PdfError> {
    if t < 0 {
        return Err(PdfError::Sign("a date before 1970".into()));
    }
    let (y, mo, d) = llk_core::date::civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    let (h, mi, se) = (s / 3600, s % 3600 / 60, s % 60);
    let tail = format!("{mo:02}{d:02}{h:02}{mi:02}{se:02}Z");
    Ok(if y < 2050 {
        der::tlv(der::UTC_TIME, format!("{:02}{tail}", y % 100).as_bytes())
    } else if y <= 9999 {
        der::tlv(der::GENERALIZED_TIME, format!("{y:04}{tail}").as_bytes())
    } else {
        return Err(PdfError::Sign("a date after 9999".into()));
    })
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
    der::one(spki_der, der::SEQUENCE).ok_or_else(|| bad("no SubjectPublicKeyInfo"))?;
    let name = name(subject);
    // A serial number unique enough without a random source: a hash of key, name and time.
    // Sixteen bytes, positive and without a leading zero byte.
    let mut h = Sha256::new();
    h.update(spki_der);
    h.update(subject.name.as_bytes());
    h.update(from.unix_seconds.to_be_bytes());
    let mut serial = h.finalize()[..16].to_vec();
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    let validity = der::cons(
        der::SEQUENCE,
        &[
            &time(from.unix_seconds - 300)?,
            &time(from.unix_seconds + i64::from(days) * 86_400)?,
        ],
    );
    Ok(der::cons(
        der::SEQUENCE,
        &[
            // version v3
            &[der::CONTEXT_0, 3, der::INTEGER, 1, 2],
            &der::tlv(der::INTEGER, &serial),
            ECDSA_SHA256,
            &name,
            &validity,
            &name,
            spki_der,
            EXTENSIONS,
        ],
    ))
}

/// The DER certificate from its to-be-signed bytes and a DER ECDSA signature over them.
pub fn assemble(tbs_der: &[u8], signature_der: &[u8]) -> Result<Vec<u8>, PdfError> {
    der::one(tbs_der, der::SEQUENCE).ok_or_else(|| bad("no TBSCertificate"))?;
    let bits = [&[0u8][..], signature_der].concat();
    Ok(der::cons(
        der::SEQUENCE,
        &[tbs_der, ECDSA_SHA256, &der::tlv(der::BIT_STRING, &bits)],
    ))
}

/// The fields of a DER certificate that signing and verifying use, each as its DER.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    pub issuer: &'a [u8],
    pub serial: &'a [u8],
    validity: Tlv<'a>,
    subject: Tlv<'a>,
    spki: Tlv<'a>,
}

pub(crate) fn fields(cert_der: &[u8]) -> Result<Fields<'_>, PdfError> {
    let tbs = der::one(cert_der, der::SEQUENCE)
        .and_then(|c| c.child(0))
        .filter(|t| t.tag == der::SEQUENCE)
        .ok_or_else(|| bad("no TBSCertificate"))?;
    // version [0] is optional (v1 certificates leave it out)
    let mut it = tbs.children().skip_while(|t| t.tag == der::CONTEXT_0);
    let mut next = |tag: u8| it.next().filter(|t| t.tag == tag);
    let serial = next(der::INTEGER).ok_or_else(|| bad("no serial number"))?;
    next(der::SEQUENCE).ok_or_else(|| bad("no signature algorithm"))?;
    let issuer = next(der::SEQUENCE).ok_or_else(|| bad("no issuer"))?;
    let validity = next(der::SEQUENCE).ok_or_else(|| bad("no validity"))?;
    let subject = next(der::SEQUENCE).ok_or_else(|| bad("no subject"))?;
    let spki = next(der::SEQUENCE).ok_or_else(|| bad("no public key"))?;
    Ok(Fields {
        issuer: issuer.whole,
        serial: serial.whole,
        validity,
        subject,
        spki,
    })
}

impl<'a> Fields<'a> {
    /// The subject: common name, title and organisation.
    pub fn subject(&self) -> Subject {
        let mut s = Subject {
            name: String::new(),
            role: None,
            organisation: None,
        };
        for atv in self.subject.children().flat_map(Tlv::children) {
            let (Some(oid), Some(value)) = (atv.child(0), atv.child(1)) else {
                continue;
            };
            let text = String::from_utf8_lossy(value.content).into_owned();
            match oid.content {
                CN => s.name = text,
                TITLE => s.role = Some(text),
                O => s.organisation = Some(text),
                _ => {}
            }
        }
        s
    }

    /// The end of the validity period (`notAfter`, UTC), when it can be read.
    pub fn valid_until(&self) -> Option<DateTime> {
        time_of(self.validity.children().nth(1)?)
    }

    /// The start of the validity period (`notBefore`, UTC), when it can be read.
    pub fn valid_from(&self) -> Option<DateTime> {
        time_of(self.validity.children().next()?)
    }

    /// The subject name, as DER.
    pub fn subject_der(&self) -> &'a [u8] {
        self.subject.whole
    }

    /// The SubjectPublicKeyInfo, as DER.
    pub fn spki(&self) -> &'a [u8] {
        self.spki.whole
    }
}

/// A UTCTime or GeneralizedTime (UTC, whole seconds).
fn time_of(t: Tlv<'_>) -> Option<DateTime> {
    let text = std::str::from_utf8(t.content).ok()?.strip_suffix('Z')?;
    let full = match t.tag {
        // RFC 5280: two-digit years 50–99 are 19xx, 00–49 20xx.
        der::UTC_TIME => {
            let yy: u8 = text.get(..2)?.parse().ok()?;
            format!("{}{text}", if yy >= 50 { "19" } else { "20" })
        }
        der::GENERALIZED_TIME => text.to_string(),
        _ => return None,
    };
    (full.len() == 14).then(|| DateTime::parse_pdf(&full))?
}

/// The subject of a DER certificate.
pub fn subject_of_der(cert_der: &[u8]) -> Result<Subject, PdfError> {
    Ok(fields(cert_der)?.subject())
}

/// The end of a DER certificate's validity period (UTC); `None` when it cannot be read.
pub fn valid_until_of_der(cert_der: &[u8]) -> Option<DateTime> {
    fields(cert_der).ok()?.valid_until()
}

/// The SubjectPublicKeyInfo (DER) of a DER certificate.
pub fn public_key_info_of_der(cert_der: &[u8]) -> Result<Vec<u8>, PdfError> {
    Ok(fields(cert_der)?.spki().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert_valid_from(from: DateTime, days: u32) -> Vec<u8> {
        let spki = der::tlv(der::SEQUENCE, &der::tlv(der::INTEGER, &[1]));
        let subject = Subject {
            name: "Daniël Öztürk-de Vries".into(),
            role: None,
            organisation: None,
        };
        let tbs = to_be_signed(&spki, &subject, from, days).expect("tbs");
        assemble(&tbs, &der::tlv(der::SEQUENCE, &[])).expect("cert")
    }

    #[test]
    fn valid_until_reads_both_time_forms() {
        // UTCTime (before 2050) and GeneralizedTime (from 2050 on).
        for (from, days) in [(1_795_559_580, 730), (2_524_608_000, 30)] {
            let cert = cert_valid_from(DateTime::new(from, 60), days);
            let until = valid_until_of_der(&cert).expect("readable");
            assert_eq!(until.unix_seconds, from + i64::from(days) * 86_400);
        }
        assert_eq!(valid_until_of_der(b"no certificate"), None);
    }
}
