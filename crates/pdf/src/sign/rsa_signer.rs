//! Native signers from PEM files: an RSA key (PKIoverheid organisation certificates are
//! usually RSA) beside P-256, each with its certificate and the chain above it.

use super::algorithm::{RSA_BITS, SignatureAlgorithm, rsa_bits};
use super::{P256Signer, Signer, cert, der};
use crate::PdfError;
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};

/// The most certificates read from one PEM file (a bundle of trust anchors included).
const MAX_PEM_CERTIFICATES: usize = 1000;
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// An RSA key (2048–4096 bits) with its certificate and intermediates; signs RSASSA-PKCS1-v1_5
/// with SHA-256, deterministic, so no random source is needed.
#[derive(Debug, Clone)]
pub struct RsaSigner {
    key: RsaPrivateKey,
    cert: Vec<u8>,
    intermediates: Vec<Vec<u8>>,
}

impl RsaSigner {
    /// From a PKCS#8 PEM RSA key and the DER certificates: the key's and the chain above it.
    /// Refuses a key of the wrong size or one that is none of the certificates'.
    pub fn new(key_pem: &str, certificates: Vec<Vec<u8>>) -> Result<RsaSigner, PdfError> {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem)
            .map_err(|e| PdfError::Sign(format!("the key is not a PKCS#8 RSA key: {e}")))?;
        RsaSigner::from_key(key, certificates)
    }

    /// [`Self::new`] from a DER PKCS#8 key.
    pub fn from_pkcs8_der(
        key_der: &[u8],
        certificates: Vec<Vec<u8>>,
    ) -> Result<RsaSigner, PdfError> {
        let key = RsaPrivateKey::from_pkcs8_der(key_der)
            .map_err(|e| PdfError::Sign(format!("the key is not a PKCS#8 RSA key: {e}")))?;
        RsaSigner::from_key(key, certificates)
    }

    fn from_key(key: RsaPrivateKey, certificates: Vec<Vec<u8>>) -> Result<RsaSigner, PdfError> {
        let spki = RsaPublicKey::from(&key)
            .to_public_key_der()
            .map_err(|e| PdfError::Sign(e.to_string()))?;
        let bits = rsa_bits(spki.as_bytes()).unwrap_or(0);
        if !RSA_BITS.contains(&bits) {
            return Err(PdfError::Sign(format!(
                "the RSA key has {bits} bits; levensloopkit signs with 2048 to 4096 bits"
            )));
        }
        let (cert, intermediates) = split_chain(certificates, spki.as_bytes())?;
        Ok(RsaSigner {
            key,
            cert,
            intermediates,
        })
    }
}

impl Signer for RsaSigner {
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, PdfError> {
        self.key
            .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(data))
            .map_err(|e| PdfError::Sign(e.to_string()))
    }
    fn certificate(&self) -> &[u8] {
        &self.cert
    }
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RsaPkcs1Sha256
    }
    fn intermediates(&self) -> &[Vec<u8>] {
        &self.intermediates
    }
}

/// The signer's certificate (the one that carries `spki`, usually the first) and the rest.
fn split_chain(
    mut certificates: Vec<Vec<u8>>,
    spki: &[u8],
) -> Result<(Vec<u8>, Vec<Vec<u8>>), PdfError> {
    if certificates.is_empty() {
        return Err(PdfError::Sign(
            "the certificate file holds no certificate".into(),
        ));
    }
    let at = certificates
        .iter()
        .position(|c| cert::public_key_info_of_der(c).is_ok_and(|k| k == spki))
        .ok_or_else(|| {
            PdfError::Sign(
                "the key does not belong to any certificate in the certificate file".into(),
            )
        })?;
    let cert = certificates.remove(at);
    for c in &certificates {
        cert::fields(c)?;
    }
    Ok((cert, certificates))
}

/// Every `CERTIFICATE` block of a PEM text, as DER, in order.
pub fn certificates_from_pem(pem: &str) -> Result<Vec<Vec<u8>>, PdfError> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut out = Vec::new();
    let mut rest = pem;
    while let Some(start) = rest.find(BEGIN) {
        let end = rest[start..]
            .find(END)
            .map(|e| start + e + END.len())
            .ok_or_else(|| PdfError::Sign("a PEM certificate without its END line".into()))?;
        if out.len() == MAX_PEM_CERTIFICATES {
            return Err(PdfError::Sign(format!(
                "more than {MAX_PEM_CERTIFICATES} certificates in one file"
            )));
        }
        let (_, der) = ::der::pem::decode_vec(&rest.as_bytes()[start..end])
            .map_err(|e| PdfError::Sign(format!("a PEM certificate does not decode: {e}")))?;
        cert::fields(&der)?;
        out.push(der);
        rest = &rest[end..];
    }
    if out.is_empty() {
        return Err(PdfError::Sign("the file holds no PEM certificate".into()));
    }
    Ok(out)
}

/// The signer for a PKCS#8 PEM key (P-256 or RSA) and a PEM file with its certificate
/// followed by the chain above it.
pub fn signer_from_pem(key_pem: &str, certs_pem: &str) -> Result<Box<dyn Signer>, PdfError> {
    let certificates = certificates_from_pem(certs_pem)?;
    let label = key_pem
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("-----BEGIN "))
        .unwrap_or_default();
    match label {
        "-----BEGIN PRIVATE KEY-----" => {}
        "-----BEGIN RSA PRIVATE KEY-----" | "-----BEGIN EC PRIVATE KEY-----" => {
            return Err(PdfError::Sign(
                "the key is PKCS#1/SEC1, not PKCS#8: convert it with `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY8.pem`".into(),
            ));
        }
        "-----BEGIN ENCRYPTED PRIVATE KEY-----" => {
            return Err(PdfError::Sign(
                "the key is encrypted: decrypt it with `openssl pkcs8 -in KEY -out KEY8.pem`"
                    .into(),
            ));
        }
        _ => return Err(PdfError::Sign("the key is not a PEM private key".into())),
    }
    let (_, key_der) = ::der::pem::decode_vec(key_pem.trim().as_bytes())
        .map_err(|e| PdfError::Sign(format!("the key does not decode: {e}")))?;
    signer_from_pkcs8(&key_der, certificates)
}

/// The signer for a DER PKCS#8 key (P-256 or RSA) and its certificate among
/// `certificates`, the others being the chain above it.
pub fn signer_from_pkcs8(
    key_der: &[u8],
    certificates: Vec<Vec<u8>>,
) -> Result<Box<dyn Signer>, PdfError> {
    let key_alg = der::one(key_der, der::SEQUENCE)
        .and_then(|k| k.child(1))
        .and_then(|alg| alg.child(0))
        .map(|oid| oid.content);
    if key_alg == Some(RSA_ENCRYPTION) {
        return Ok(Box::new(RsaSigner::from_pkcs8_der(key_der, certificates)?));
    }
    let key = {
        use p256::pkcs8::DecodePrivateKey;
        p256::ecdsa::SigningKey::from_pkcs8_der(key_der).map_err(|e| {
            PdfError::Sign(format!(
                "the key is neither RSA nor a PKCS#8 P-256 key: {e}"
            ))
        })?
    };
    let spki = {
        use p256::pkcs8::EncodePublicKey;
        key.verifying_key()
            .to_public_key_der()
            .map_err(|e| PdfError::Sign(e.to_string()))?
    };
    let (cert, intermediates) = split_chain(certificates, spki.as_bytes())?;
    Ok(Box::new(
        P256Signer::new(key, cert).with_intermediates(intermediates),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DateTime;

    fn pem_certificate(seed: u8) -> (String, String) {
        use p256::pkcs8::{EncodePrivateKey, LineEnding};
        let key = p256::ecdsa::SigningKey::from_slice(&[seed; 32]).expect("key");
        let key_pem = key.to_pkcs8_pem(LineEnding::LF).expect("pem").to_string();
        let subject = super::super::Subject {
            name: format!("Ondertekenaar {seed}"),
            role: None,
            organisation: None,
        };
        let signer = P256Signer::self_signed(key, &subject, DateTime::new(1_780_272_000, 0), 30)
            .expect("signer");
        let cert = ::der::pem::encode_string("CERTIFICATE", LineEnding::LF, signer.certificate())
            .expect("pem");
        (key_pem, cert)
    }

    #[test]
    fn pem_bundles_are_read_in_order_and_bounded() {
        let (_, a) = pem_certificate(1);
        let (_, b) = pem_certificate(2);
        let both = certificates_from_pem(&format!("junk\n{a}\ncomment\n{b}")).expect("two");
        assert_eq!(both.len(), 2);
        assert!(certificates_from_pem("no certificate here").is_err());
        let cut = &a[..a.len() - 20];
        assert!(
            certificates_from_pem(cut).is_err(),
            "a block without its END line"
        );
        let too_many = a.repeat(MAX_PEM_CERTIFICATES + 1);
        assert!(certificates_from_pem(&too_many).is_err());
    }

    #[test]
    fn a_key_must_belong_to_the_first_certificate() {
        let (key1, cert1) = pem_certificate(1);
        let (_, cert2) = pem_certificate(2);
        let signer = signer_from_pem(&key1, &format!("{cert1}{cert2}")).expect("signer");
        assert_eq!(signer.intermediates().len(), 1);
        assert_eq!(signer.algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
        let Err(e) = signer_from_pem(&key1, &cert2) else {
            panic!("a key signs with another's certificate");
        };
        assert!(e.to_string().contains("does not belong"), "{e}");
        let pkcs1 = key1.replace("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY");
        let Err(e) = signer_from_pem(&pkcs1, &cert1) else {
            panic!("a SEC1 label passes");
        };
        assert!(e.to_string().contains("openssl pkcs8 -topk8"), "{e}");
    }
}
