//! PKCS#12 files (RFC 7292) for the native signer, as organisations hand out their
//! certificates (`.p12`, `.pfx`): the MAC is checked first (HMAC-SHA-256 or -SHA-1 with the
//! key of RFC 7292 appendix B), then the bags are decrypted with PBES2 (PBKDF2, AES-CBC),
//! which OpenSSL 3 and current Windows write. The legacy PKCS#12 schemes (3DES, RC2) are
//! refused with a message. The browser reads these files with WebCrypto (`pkcs12.js`).
//! A file is hostile input: lengths come from the DER reader, iteration counts are bounded.

use super::der::{self, Tlv};
use super::{Signer, rsa_signer::signer_from_pkcs8};
use crate::PdfError;
use hmac::{Hmac, Mac};
use sha2::Digest;

// OID contents.
const DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const ENCRYPTED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
const KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01,
];
const SHROUDED_KEY_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02,
];
const CERT_BAG: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03,
];
const X509_CERTIFICATE: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01];
const SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
/// The most iterations of the MAC's key derivation (OpenSSL writes 2048, Windows 2000 to
/// 10000): more is a file made to keep the CLI busy.
const MAX_ITERATIONS: u32 = 1_000_000;
/// The most PBKDF2 iterations over all the file's encrypted parts, as `pkcs12.js` allows.
const MAX_PBKDF2_ITERATIONS: u64 = 10_000_000;
/// The most bags read.
const MAX_BAGS: usize = 64;

fn bad(what: &str) -> PdfError {
    PdfError::Sign(format!("the PKCS#12 file does not read: {what}"))
}

/// The signer in a PKCS#12 file: its one private key (P-256 or RSA), the certificate that
/// belongs to it, and the other certificates as the chain.
pub fn signer_from_pkcs12(p12: &[u8], password: &str) -> Result<Box<dyn Signer>, PdfError> {
    let pfx = der::one(p12, der::SEQUENCE).ok_or_else(|| bad("not a DER PFX"))?;
    let auth_safe = pfx.child(1).ok_or_else(|| bad("no authSafe"))?;
    let content = data_content(auth_safe).ok_or_else(|| bad("the authSafe is not data"))?;
    let mac = pfx.child(2).ok_or_else(|| {
        PdfError::Sign("the PKCS#12 file has no MAC: export it with a password".into())
    })?;
    check_mac(mac, &content, password)?;
    let safes = der::one(&content, der::SEQUENCE).ok_or_else(|| bad("no AuthenticatedSafe"))?;
    let (mut keys, mut certs) = (Vec::new(), Vec::new());
    let mut budget = MAX_PBKDF2_ITERATIONS;
    for info in safes.children() {
        let oid = info.child(0).map(|o| o.content);
        let safe_contents = if oid == Some(DATA) {
            data_content(info).ok_or_else(|| bad("a data ContentInfo"))?
        } else if oid == Some(ENCRYPTED_DATA) {
            decrypt_data(info, password, &mut budget)?
        } else {
            return Err(bad("an enveloped or unknown ContentInfo"));
        };
        let bags = der::one(&safe_contents, der::SEQUENCE).ok_or_else(|| bad("SafeContents"))?;
        for bag in bags.children().take(MAX_BAGS) {
            read_bag(bag, password, &mut budget, &mut keys, &mut certs)?;
        }
    }
    let key = match keys.len() {
        1 => keys.remove(0),
        0 => {
            return Err(PdfError::Sign(
                "the PKCS#12 file holds no private key".into(),
            ));
        }
        _ => {
            return Err(PdfError::Sign(
                "the PKCS#12 file holds more than one key".into(),
            ));
        }
    };
    if certs.is_empty() {
        return Err(PdfError::Sign(
            "the PKCS#12 file holds no certificate".into(),
        ));
    }
    signer_from_pkcs8(&key, certs)
}

/// The OCTET STRING inside a ContentInfo of type data.
fn data_content(info: Tlv<'_>) -> Option<Vec<u8>> {
    if info.child(0)?.content != DATA {
        return None;
    }
    octets(
        info.child(1)
            .filter(|t| t.tag == der::CONTEXT_0)?
            .child(0)?,
    )
}

/// An OCTET STRING's bytes, primitive or constructed of primitive pieces (BER, as some
/// Windows versions write).
fn octets(t: Tlv<'_>) -> Option<Vec<u8>> {
    match t.tag {
        der::OCTET_STRING | 0x80 => Some(t.content.to_vec()),
        0x24 | 0xa0 => Some(
            t.children()
                .flat_map(|c| c.content.iter().copied())
                .collect(),
        ),
        _ => None,
    }
}

fn read_bag(
    bag: Tlv<'_>,
    password: &str,
    budget: &mut u64,
    keys: &mut Vec<Vec<u8>>,
    certs: &mut Vec<Vec<u8>>,
) -> Result<(), PdfError> {
    let id = bag.child(0).map(|o| o.content).unwrap_or_default();
    let value = bag
        .child(1)
        .filter(|t| t.tag == der::CONTEXT_0)
        .and_then(|t| t.child(0))
        .ok_or_else(|| bad("a bag without a value"))?;
    match id {
        KEY_BAG => keys.push(value.whole.to_vec()),
        SHROUDED_KEY_BAG => {
            let alg = value.child(0).ok_or_else(|| bad("a shrouded key"))?;
            let data = value
                .child(1)
                .filter(|t| t.tag == der::OCTET_STRING)
                .ok_or_else(|| bad("a shrouded key"))?;
            keys.push(decrypt(alg, data.content, password, budget)?);
        }
        CERT_BAG if value.child(0).map(|o| o.content) == Some(X509_CERTIFICATE) => {
            let cert = value
                .child(1)
                .and_then(|t| t.child(0))
                .and_then(octets)
                .ok_or_else(|| bad("a certificate bag"))?;
            certs.push(cert);
        }
        // CRLs, secrets, nested bags, other certificate types: not needed to sign.
        _ => {}
    }
    Ok(())
}

/// EncryptedData's content, decrypted.
fn decrypt_data(info: Tlv<'_>, password: &str, budget: &mut u64) -> Result<Vec<u8>, PdfError> {
    let eci = info
        .child(1)
        .and_then(|t| t.child(0))
        .and_then(|ed| ed.child(1))
        .ok_or_else(|| bad("EncryptedData"))?;
    let alg = eci.child(1).ok_or_else(|| bad("no encryption algorithm"))?;
    let data = eci
        .child(2)
        .and_then(octets)
        .ok_or_else(|| bad("no encrypted content"))?;
    decrypt(alg, &data, password, budget)
}

/// Decrypts with PBES2, spending its PBKDF2 iterations from `budget`.
fn decrypt(
    alg: Tlv<'_>,
    data: &[u8],
    password: &str,
    budget: &mut u64,
) -> Result<Vec<u8>, PdfError> {
    use pkcs5::EncryptionScheme;
    let scheme = EncryptionScheme::try_from(alg.whole).map_err(|_| {
        PdfError::Sign(
            "the PKCS#12 file uses an outdated encryption (3DES or RC2): export it again with AES (OpenSSL 3 without -legacy, or AES256-SHA256 in Windows)".into(),
        )
    })?;
    let iterations = match &scheme {
        EncryptionScheme::Pbes2(params) => match &params.kdf {
            pkcs5::pbes2::Kdf::Pbkdf2(kdf) => u64::from(kdf.iteration_count),
            // scrypt: its cost is not counted in iterations, and no exporter uses it.
            _ => return Err(bad("a key derivation other than PBKDF2")),
        },
        _ => return Err(bad("an encryption other than PBES2")),
    };
    *budget = budget
        .checked_sub(iterations)
        .ok_or_else(|| bad("too many PBKDF2 iterations"))?;
    scheme
        .decrypt(password.as_bytes(), data)
        .map_err(|_| PdfError::Sign("the PKCS#12 file does not decrypt with this password".into()))
}

/// MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
fn check_mac(mac: Tlv<'_>, content: &[u8], password: &str) -> Result<(), PdfError> {
    let digest_info = mac.child(0).ok_or_else(|| bad("MacData"))?;
    let hash = digest_info
        .child(0)
        .and_then(|a| a.child(0))
        .map(|o| o.content)
        .unwrap_or_default();
    let expected = digest_info.child(1).ok_or_else(|| bad("MacData"))?.content;
    let salt = mac
        .child(1)
        .filter(|t| t.tag == der::OCTET_STRING)
        .ok_or_else(|| bad("MacData"))?
        .content;
    let iterations = match mac.child(2) {
        None => 1,
        Some(i) if i.tag == der::INTEGER && i.content.len() <= 4 => {
            i.content.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b))
        }
        Some(_) => return Err(bad("MacData iterations")),
    };
    if iterations == 0 || iterations > MAX_ITERATIONS {
        return Err(bad("too many MAC iterations"));
    }
    // HMAC with the key of ID 3 (RFC 7292 B.3), as long as the hash's output.
    macro_rules! mac_holds {
        ($hash:ty, $len:expr) => {{
            let key = kdf::<$hash>(password, salt, iterations, 3, $len);
            <Hmac<$hash> as Mac>::new_from_slice(&key).is_ok_and(|mut mac| {
                mac.update(content);
                mac.verify_slice(expected).is_ok()
            })
        }};
    }
    let ok = match hash {
        SHA256 => mac_holds!(sha2::Sha256, 32),
        SHA1 => mac_holds!(sha1::Sha1, 20),
        _ => {
            return Err(PdfError::Sign(
                "the PKCS#12 file's MAC uses a hash other than SHA-256 or SHA-1".into(),
            ));
        }
    };
    if ok {
        Ok(())
    } else {
        Err(PdfError::Sign(
            "the password of the PKCS#12 file is wrong".into(),
        ))
    }
}

/// RFC 7292 appendix B.2: `n` bytes of key material of kind `id` (3: the MAC key) from the
/// password as a BMPString with its two zero bytes.
fn kdf<D>(password: &str, salt: &[u8], rounds: u32, id: u8, n: usize) -> Vec<u8>
where
    D: Digest + hmac::digest::core_api::BlockSizeUser,
{
    let v = D::block_size();
    let u = <D as Digest>::output_size();
    let bmp: Vec<u8> = password
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_be_bytes)
        .collect();
    let fill = |s: &[u8]| -> Vec<u8> {
        if s.is_empty() {
            return Vec::new();
        }
        s.iter()
            .copied()
            .cycle()
            .take(v * s.len().div_ceil(v))
            .collect()
    };
    let mut i = [fill(salt), fill(&bmp)].concat();
    let d = vec![id; v];
    let mut out = Vec::with_capacity(n + u);
    while out.len() < n {
        let mut a = D::new()
            .chain_update(&d)
            .chain_update(&i)
            .finalize()
            .to_vec();
        for _ in 1..rounds {
            a = D::digest(&a).to_vec();
        }
        out.extend_from_slice(&a);
        if out.len() >= n {
            break;
        }
        // I_j = (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
        let b: Vec<u8> = a.iter().copied().cycle().take(v).collect();
        for block in i.chunks_mut(v) {
            let mut carry = 1u16;
            for k in (0..v).rev() {
                let sum = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(n);
    out
}
