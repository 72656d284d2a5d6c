//! The signature algorithms the kit checks — ECDSA P-256 and RSA (PKCS#1 v1.5 and PSS), all
//! with SHA-256 — and one signature still to check ([`SignatureCheck`]). Reading which
//! algorithm a CMS or a certificate names is pure parsing; the arithmetic is left to the
//! caller, so the browser can have WebCrypto do it and its PDF module carries no big-number
//! or elliptic-curve code. Natively (feature `rust-ecdsa`) the p256 and rsa crates do it.

use super::der::{self, Tlv};
use super::ecdsa;

// OID contents.
const ECDSA_WITH_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const MGF1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08];
const RSASSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
const SHA256_WITH_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];

/// AlgorithmIdentifier sha256WithRSAEncryption with NULL parameters, as the kit writes it.
pub(crate) const SHA256_WITH_RSA_ALG: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

/// RSA moduli the kit accepts, in bits: smaller ones are no longer safe, larger ones cost
/// time out of proportion (and WebCrypto implementations stop at 4096 or soon after).
pub const RSA_BITS: std::ops::RangeInclusive<usize> = 2048..=4096;

/// How a signature is made; all with SHA-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// ECDSA P-256; [`SignatureCheck::signature`] is r‖s, as WebCrypto verifies it.
    EcdsaP256Sha256,
    /// RSASSA-PKCS1-v1_5 (sha256WithRSAEncryption).
    RsaPkcs1Sha256,
    /// RSASSA-PSS with MGF1-SHA-256 and this salt length in bytes.
    RsaPssSha256 { salt_len: usize },
}

/// One signature to check: `signature` over `message` by the key `spki`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureCheck {
    pub algorithm: SignatureAlgorithm,
    /// The signer's SubjectPublicKeyInfo (DER), as WebCrypto imports it (`'spki'`).
    pub spki: Vec<u8>,
    /// What was signed (the DER signed attributes, or a TBSCertificate).
    pub message: Vec<u8>,
    /// The signature: r‖s for ECDSA, the RSA signature's bytes otherwise.
    pub signature: Vec<u8>,
}

/// The name this type had when only ECDSA was checked.
pub type EcdsaCheck = SignatureCheck;

/// The number of bits of an RSA SubjectPublicKeyInfo's modulus; `None` when `spki` is no
/// RSA key.
pub fn rsa_bits(spki: &[u8]) -> Option<usize> {
    let seq = der::one(spki, der::SEQUENCE)?;
    if seq.child(0)?.child(0)?.content != RSA_ENCRYPTION {
        return None;
    }
    let bits = seq.child(1).filter(|b| b.tag == der::BIT_STRING)?;
    let key = der::one(bits.content.strip_prefix(&[0])?, der::SEQUENCE)?;
    let n = key.child(0).filter(|n| n.tag == der::INTEGER)?.content;
    let n = &n[n.iter().take_while(|&&b| b == 0).count()..];
    let first = *n.first()?;
    Some(n.len() * 8 - first.leading_zeros() as usize)
}

/// The check of `signature` over `message` by `spki` with the algorithm `alg` (a DER
/// AlgorithmIdentifier, as a CMS SignerInfo or a certificate names it); an English reason
/// when the kit does not check that kind of key or algorithm.
pub(crate) fn check_for(
    alg: Tlv<'_>,
    spki: &[u8],
    message: Vec<u8>,
    signature: &[u8],
) -> Result<SignatureCheck, &'static str> {
    let oid = alg.child(0).map(|o| o.content).unwrap_or_default();
    let algorithm = if ecdsa::is_p256(spki) {
        // Some signers name the key's algorithm instead of the signature's.
        if oid != ECDSA_WITH_SHA256 && oid != EC_PUBLIC_KEY {
            return Err("unsupported: a P-256 key with an algorithm other than ECDSA-SHA256");
        }
        SignatureAlgorithm::EcdsaP256Sha256
    } else if let Some(bits) = rsa_bits(spki) {
        if !RSA_BITS.contains(&bits) {
            return Err("unsupported: an RSA key of fewer than 2048 or more than 4096 bits");
        }
        match oid {
            // rsaEncryption: PKCS#1 v1.5, the digest algorithm (SHA-256) said elsewhere.
            SHA256_WITH_RSA | RSA_ENCRYPTION => SignatureAlgorithm::RsaPkcs1Sha256,
            RSASSA_PSS => SignatureAlgorithm::RsaPssSha256 {
                salt_len: pss_salt(alg.child(1))?,
            },
            _ => return Err("unsupported: an RSA signature algorithm other than SHA-256"),
        }
    } else {
        return Err("unsupported: neither an ECDSA P-256 nor an RSA key");
    };
    let signature = match algorithm {
        SignatureAlgorithm::EcdsaP256Sha256 => {
            ecdsa::raw_from_der(signature).ok_or("the signature is not a DER ECDSA signature")?
        }
        _ => signature.to_vec(),
    };
    Ok(SignatureCheck {
        algorithm,
        spki: spki.to_vec(),
        message,
        signature,
    })
}

/// The OID (content) of an AlgorithmIdentifier.
fn alg_oid(alg: Option<Tlv<'_>>) -> Option<&[u8]> {
    alg.and_then(|a| a.child(0)).map(|o| o.content)
}

/// The salt length of RSASSA-PSS parameters with SHA-256 and MGF1-SHA-256 (RFC 4055);
/// the defaults (SHA-1) are not checked.
fn pss_salt(params: Option<Tlv<'_>>) -> Result<usize, &'static str> {
    const UNSUPPORTED: &str = "unsupported: RSA-PSS other than with SHA-256 and MGF1-SHA-256";
    let params = params
        .filter(|p| p.tag == der::SEQUENCE)
        .ok_or(UNSUPPORTED)?;
    let field = |tag: u8| {
        params
            .children()
            .find(|t| t.tag == tag)
            .and_then(|t| t.child(0))
    };
    let hash = alg_oid(field(0xa0));
    let mgf = field(0xa1);
    if hash != Some(SHA256)
        || alg_oid(mgf) != Some(MGF1)
        || alg_oid(mgf.and_then(|m| m.child(1))) != Some(SHA256)
    {
        return Err(UNSUPPORTED);
    }
    match field(0xa2) {
        // The default salt length is 20.
        None => Ok(20),
        Some(i) if i.tag == der::INTEGER && i.content.len() <= 2 => {
            Ok(i.content.iter().fold(0, |a, &b| (a << 8) | usize::from(b)))
        }
        Some(_) => Err(UNSUPPORTED),
    }
}

impl SignatureCheck {
    /// The check with the p256 and rsa crates.
    #[cfg(feature = "rust-ecdsa")]
    pub fn holds(&self) -> bool {
        match self.algorithm {
            SignatureAlgorithm::EcdsaP256Sha256 => self.ecdsa_holds(),
            SignatureAlgorithm::RsaPkcs1Sha256 => {
                self.rsa_holds(rsa::Pkcs1v15Sign::new::<sha2::Sha256>())
            }
            SignatureAlgorithm::RsaPssSha256 { salt_len } => {
                self.rsa_holds(rsa::Pss::new_with_salt::<sha2::Sha256>(salt_len))
            }
        }
    }

    #[cfg(feature = "rust-ecdsa")]
    fn ecdsa_holds(&self) -> bool {
        use p256::ecdsa::signature::Verifier;
        use p256::ecdsa::{Signature, VerifyingKey};
        use p256::pkcs8::DecodePublicKey;
        let (Ok(key), Ok(sig)) = (
            VerifyingKey::from_public_key_der(&self.spki),
            Signature::from_slice(&self.signature),
        ) else {
            return false;
        };
        key.verify(&self.message, &sig).is_ok()
    }

    #[cfg(feature = "rust-ecdsa")]
    fn rsa_holds(&self, scheme: impl rsa::traits::SignatureScheme) -> bool {
        use rsa::pkcs8::DecodePublicKey;
        use sha2::Digest;
        if !rsa_bits(&self.spki).is_some_and(|b| RSA_BITS.contains(&b)) {
            return false;
        }
        let Ok(key) = rsa::RsaPublicKey::from_public_key_der(&self.spki) else {
            return false;
        };
        let digest = sha2::Sha256::digest(&self.message);
        key.verify(scheme, &digest, &self.signature).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::der::{cons, tlv};

    fn alg(oid: &[u8], params: &[u8]) -> Vec<u8> {
        cons(der::SEQUENCE, &[&tlv(der::OID, oid), params])
    }

    fn rsa_spki(modulus_bytes: usize) -> Vec<u8> {
        let mut n = vec![0u8];
        n.push(0x80);
        n.extend(std::iter::repeat_n(1, modulus_bytes - 1));
        let key = cons(
            der::SEQUENCE,
            &[&tlv(der::INTEGER, &n), &tlv(der::INTEGER, &[1, 0, 1])],
        );
        let bits = [&[0u8][..], &key].concat();
        cons(
            der::SEQUENCE,
            &[&alg(RSA_ENCRYPTION, &[5, 0]), &tlv(der::BIT_STRING, &bits)],
        )
    }

    fn pss(salt: Option<u8>) -> Vec<u8> {
        let sha256 = alg(SHA256, &[]);
        let mut params = vec![tlv(0xa0, &sha256), tlv(0xa1, &alg(MGF1, &sha256))];
        if let Some(s) = salt {
            params.push(tlv(0xa2, &tlv(der::INTEGER, &[s])));
        }
        alg(RSASSA_PSS, &tlv(der::SEQUENCE, &params.concat()))
    }

    fn check(alg_der: &[u8], spki: &[u8]) -> Result<SignatureAlgorithm, &'static str> {
        let alg = der::one(alg_der, der::SEQUENCE).expect("alg");
        check_for(alg, spki, Vec::new(), &[1, 2, 3]).map(|c| c.algorithm)
    }

    #[test]
    fn rsa_algorithms_and_key_sizes_are_told_apart() {
        assert_eq!(rsa_bits(&rsa_spki(256)), Some(2048));
        assert_eq!(rsa_bits(&rsa_spki(512)), Some(4096));
        let ok = rsa_spki(256);
        let pkcs1 = alg(SHA256_WITH_RSA, &[5, 0]);
        assert_eq!(check(&pkcs1, &ok), Ok(SignatureAlgorithm::RsaPkcs1Sha256));
        let plain = alg(RSA_ENCRYPTION, &[5, 0]);
        assert_eq!(check(&plain, &ok), Ok(SignatureAlgorithm::RsaPkcs1Sha256));
        assert_eq!(
            check(&pss(Some(32)), &ok),
            Ok(SignatureAlgorithm::RsaPssSha256 { salt_len: 32 })
        );
        assert_eq!(
            check(&pss(None), &ok),
            Ok(SignatureAlgorithm::RsaPssSha256 { salt_len: 20 })
        );
        // PSS with the SHA-1 defaults (no parameters), small and large keys, other keys.
        let unsupported =
            |r: Result<SignatureAlgorithm, &str>| r.is_err_and(|e| e.starts_with("unsupported"));
        assert!(unsupported(check(
            &alg(RSASSA_PSS, &tlv(der::SEQUENCE, &[])),
            &ok
        )));
        assert!(unsupported(check(&pkcs1, &rsa_spki(128))));
        assert!(unsupported(check(&pkcs1, &rsa_spki(513))));
        assert!(unsupported(check(&pkcs1, &tlv(der::SEQUENCE, &[]))));
    }
}
