//! The native P-256 signer (feature `rust-ecdsa`): a key with its certificate, from PEM or
//! with a new self-signed certificate. RSA keys are `rsa_signer.rs`.

use super::{Signer, Subject, cert};
use crate::{DateTime, PdfError};
use p256::ecdsa::SigningKey;
use p256::ecdsa::signature::Signer as _;

/// A native P-256 key with its certificate (the CLI's `--sign-key`/`--sign-cert`).
#[derive(Debug, Clone)]
pub struct P256Signer {
    key: SigningKey,
    cert: Vec<u8>,
    intermediates: Vec<Vec<u8>>,
}

impl P256Signer {
    pub fn new(key: SigningKey, cert_der: Vec<u8>) -> P256Signer {
        P256Signer {
            key,
            cert: cert_der,
            intermediates: Vec::new(),
        }
    }

    /// The same signer with the certificates above its own (DER), for the CMS.
    pub fn with_intermediates(mut self, intermediates: Vec<Vec<u8>>) -> P256Signer {
        self.intermediates = intermediates;
        self
    }

    /// From a PKCS#8 PEM private key and a PEM certificate.
    pub fn from_pem(key_pem: &str, cert_pem: &str) -> Result<P256Signer, PdfError> {
        use p256::pkcs8::DecodePrivateKey;
        let key = SigningKey::from_pkcs8_pem(key_pem)
            .map_err(|e| PdfError::Sign(format!("the key is not a PKCS#8 P-256 key: {e}")))?;
        let cert = ::der::pem::decode_vec(cert_pem.trim().as_bytes())
            .ok()
            .filter(|(label, _)| *label == "CERTIFICATE")
            .map(|(_, der)| der)
            .ok_or_else(|| PdfError::Sign("the certificate is not PEM X.509".into()))?;
        cert::fields(&cert)?;
        Ok(P256Signer::new(key, cert))
    }

    /// A key with a new self-signed certificate for `subject`, valid `days` from `from`.
    pub fn self_signed(
        key: SigningKey,
        subject: &Subject,
        from: DateTime,
        days: u32,
    ) -> Result<P256Signer, PdfError> {
        use p256::pkcs8::EncodePublicKey;
        let spki = key
            .verifying_key()
            .to_public_key_der()
            .map_err(|e| PdfError::Sign(e.to_string()))?;
        let tbs = cert::to_be_signed(spki.as_bytes(), subject, from, days)?;
        let sig: p256::ecdsa::Signature = key.sign(&tbs);
        let cert = cert::assemble(&tbs, sig.to_der().as_bytes())?;
        Ok(P256Signer::new(key, cert))
    }
}

impl Signer for P256Signer {
    fn sign(&self, data: &[u8]) -> Result<Vec<u8>, PdfError> {
        let sig: p256::ecdsa::Signature = self.key.sign(data);
        Ok(sig.to_der().as_bytes().to_vec())
    }
    fn certificate(&self) -> &[u8] {
        &self.cert
    }
    fn intermediates(&self) -> &[Vec<u8>] {
        &self.intermediates
    }
}
