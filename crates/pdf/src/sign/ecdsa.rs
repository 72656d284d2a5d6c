//! ECDSA P-256 keys and signatures: recognising the key, and converting between DER
//! signatures (CMS, X.509) and r‖s (WebCrypto). Checking is in `algorithm.rs`.

use super::der;

/// AlgorithmIdentifier id-ecPublicKey (1.2.840.10045.2.1) with the curve prime256v1
/// (1.2.840.10045.3.1.7): the start of every P-256 SubjectPublicKeyInfo.
const P256_KEY: &[u8] = &[
    0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
    0xce, 0x3d, 0x03, 0x01, 0x07,
];

/// Whether `spki` (DER) is a P-256 public key.
pub fn is_p256(spki: &[u8]) -> bool {
    der::one(spki, der::SEQUENCE)
        .and_then(|s| s.child(0))
        .is_some_and(|alg| alg.whole == P256_KEY)
}

/// A DER ECDSA signature (`SEQUENCE { r INTEGER, s INTEGER }`) as r‖s, 32 bytes each.
pub fn raw_from_der(sig: &[u8]) -> Option<Vec<u8>> {
    let seq = der::one(sig, der::SEQUENCE)?;
    let mut out = Vec::with_capacity(64);
    let mut n = 0;
    for int in seq.children() {
        let v = int.content;
        if int.tag != der::INTEGER || v.first().is_none_or(|&b| b & 0x80 != 0) {
            return None;
        }
        let v = &v[v.iter().take_while(|&&b| b == 0).count()..];
        if v.len() > 32 {
            return None;
        }
        out.extend(std::iter::repeat_n(0, 32 - v.len()));
        out.extend_from_slice(v);
        n += 1;
    }
    (n == 2 && seq.content.len() == seq.children().map(|c| c.whole.len()).sum::<usize>())
        .then_some(out)
}

/// r‖s (64 bytes, as WebCrypto signs) as a DER ECDSA signature; `None` for another length.
pub fn der_from_raw(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.len() != 64 {
        return None;
    }
    let int = |v: &[u8]| {
        let v = &v[v.iter().take_while(|&&b| b == 0).count().min(31)..];
        if v[0] & 0x80 != 0 {
            der::tlv(der::INTEGER, &[&[0][..], v].concat())
        } else {
            der::tlv(der::INTEGER, v)
        }
    };
    Some(der::cons(
        der::SEQUENCE,
        &[&int(&raw[..32]), &int(&raw[32..])],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_der_signatures_convert_both_ways() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80; // r needs a leading zero byte in DER
        raw[31] = 1;
        raw[63] = 7; // s is a single byte
        let der = der_from_raw(&raw).expect("converts");
        assert_eq!(&der[..5], &[0x30, 0x26, 0x02, 0x21, 0x00]);
        assert_eq!(&der[der.len() - 3..], &[0x02, 0x01, 0x07]);
        assert_eq!(raw_from_der(&der), Some(raw));
        assert_eq!(der_from_raw(&[1; 63]), None);
        assert_eq!(raw_from_der(&[0x30, 0x03, 0x02, 0x01, 0x01]), None);
    }

    #[cfg(feature = "rust-ecdsa")]
    #[test]
    fn matches_p256_both_ways() {
        use p256::ecdsa::signature::Signer;
        use p256::ecdsa::{Signature, SigningKey};
        use p256::pkcs8::EncodePublicKey;
        let key = SigningKey::from_slice(&[9; 32]).expect("key");
        let sig: Signature = key.sign(b"attrs");
        let der = sig.to_der();
        let raw = raw_from_der(der.as_bytes()).expect("raw");
        assert_eq!(raw, sig.to_bytes().to_vec());
        assert_eq!(der_from_raw(&raw).as_deref(), Some(der.as_bytes()));
        let spki = key.verifying_key().to_public_key_der().expect("spki");
        assert!(is_p256(spki.as_bytes()));
        let mut check = crate::sign::SignatureCheck {
            algorithm: crate::sign::SignatureAlgorithm::EcdsaP256Sha256,
            spki: spki.as_bytes().to_vec(),
            message: b"attrs".to_vec(),
            signature: raw,
        };
        assert!(check.holds());
        check.message[0] ^= 1;
        assert!(!check.holds());
    }
}
