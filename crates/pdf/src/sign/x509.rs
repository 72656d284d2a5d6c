//! What building a certificate chain reads of a certificate beyond `cert.rs`'s fields: the
//! names, the validity, whether it may issue certificates, and its own signature as a check
//! against its issuer's key. Certificates come from files and PDFs: a field that does not
//! read makes the certificate unusable for a chain, never a panic.

use super::algorithm::{self, SignatureCheck};
use super::cert;
use super::der::{self, Tlv};

const BASIC_CONSTRAINTS: &[u8] = &[0x55, 0x1d, 0x13];
const KEY_USAGE: &[u8] = &[0x55, 0x1d, 0x0f];
/// keyUsage keyCertSign is bit 5: 0x04 in the first byte of the named bits.
const KEY_CERT_SIGN: u8 = 0x04;
/// extensions `[3] EXPLICIT` in a TBSCertificate.
const EXTENSIONS: u8 = 0xa3;

/// A certificate as a link of a chain.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChainCert<'a> {
    pub issuer: &'a [u8],
    pub subject: &'a [u8],
    pub spki: &'a [u8],
    /// notBefore and notAfter, Unix seconds.
    pub valid: Option<(i64, i64)>,
    /// basicConstraints cA TRUE, and keyCertSign when keyUsage is present.
    pub may_issue: bool,
    tbs: &'a [u8],
    signature_algorithm: Tlv<'a>,
    signature: &'a [u8],
}

/// `der` as a chain link; `None` when it does not read as a certificate.
pub(crate) fn chain_cert(der: &[u8]) -> Option<ChainCert<'_>> {
    let fields = cert::fields(der).ok()?;
    let outer = der::one(der, der::SEQUENCE)?;
    let tbs = outer.child(0)?;
    let signature_algorithm = outer.child(1).filter(|t| t.tag == der::SEQUENCE)?;
    let signature = outer
        .child(2)
        .filter(|t| t.tag == der::BIT_STRING)?
        .content
        .strip_prefix(&[0])?;
    let valid = fields
        .valid_from()
        .zip(fields.valid_until())
        .map(|(from, until)| (from.unix_seconds, until.unix_seconds));
    Some(ChainCert {
        issuer: fields.issuer,
        subject: fields.subject_der(),
        spki: fields.spki(),
        valid,
        may_issue: may_issue(tbs),
        tbs: tbs.whole,
        signature_algorithm,
        signature,
    })
}

/// The value (inside its OCTET STRING) of the extension `oid`.
fn extension<'a>(tbs: Tlv<'a>, oid: &[u8]) -> Option<Tlv<'a>> {
    let list = tbs.children().find(|t| t.tag == EXTENSIONS)?.child(0)?;
    let ext = list.children().find(|e| {
        e.child(0)
            .is_some_and(|o| o.tag == der::OID && o.content == oid)
    })?;
    let value = ext.children().find(|t| t.tag == der::OCTET_STRING)?;
    der::read(value.content).map(|(t, _)| t)
}

fn may_issue(tbs: Tlv<'_>) -> bool {
    let is_ca = extension(tbs, BASIC_CONSTRAINTS)
        .and_then(|bc| bc.child(0))
        .is_some_and(|b| b.tag == 0x01 && b.content.first().is_some_and(|&v| v != 0));
    let signs_certificates = match extension(tbs, KEY_USAGE) {
        None => true,
        Some(bits) => {
            bits.tag == der::BIT_STRING
                && bits.content.get(1).is_some_and(|b| b & KEY_CERT_SIGN != 0)
        }
    };
    is_ca && signs_certificates
}

impl ChainCert<'_> {
    /// The check that `issuer`'s key signed this certificate.
    pub fn signed_by(&self, issuer: &ChainCert<'_>) -> Result<SignatureCheck, &'static str> {
        algorithm::check_for(
            self.signature_algorithm,
            issuer.spki,
            self.tbs.to_vec(),
            self.signature,
        )
    }

    /// Whether `at` (Unix seconds) lies within the validity period.
    pub fn valid_at(&self, at: i64) -> bool {
        self.valid
            .is_some_and(|(from, until)| from <= at && at <= until)
    }
}
