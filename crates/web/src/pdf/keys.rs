//! The browser's signing key: a non-extractable WebCrypto key kept in IndexedDB
//! (`levensloopkit-ondertekening`) with its certificate. The first time, an ECDSA P-256 key
//! and a self-signed certificate naming the signer (name, role, organisation), signed by
//! the same key; an organisation's own key — P-256, or RSA of 2048–4096 bits — with its
//! certificate and chain can be imported instead ([`import_signer`]). WebCrypto signs
//! asynchronously: ECDSA as raw r‖s (converted to DER here), RSA PKCS#1 v1.5 as the
//! signature's bytes, which the CMS takes as they are.

use crate::messages::Outcome;
use js_sys::{Array, Promise, Uint8Array};
use llk_pdf::DateTime;
use llk_pdf::sign::{self, Identity, SignOptions, SignatureAlgorithm, Subject};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/pdf/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = hasCrypto)]
    fn has_crypto() -> bool;
    #[wasm_bindgen(js_name = loadSigner)]
    fn load_signer() -> Promise;
    #[wasm_bindgen(js_name = saveSigner)]
    fn save_signer(key: &JsValue, cert: &[u8], chain: &Array, alg: &str) -> Promise;
    #[wasm_bindgen(js_name = newKey)]
    fn new_key() -> Promise;
    #[wasm_bindgen(js_name = importPkcs8)]
    fn import_pkcs8(der: &[u8], kind: &str) -> Promise;
    #[wasm_bindgen(js_name = rsaBits)]
    fn rsa_bits(key: &JsValue) -> u32;
    #[wasm_bindgen(js_name = sign)]
    fn js_sign(key: &JsValue, data: &[u8]) -> Promise;
    #[wasm_bindgen(js_name = verify)]
    fn js_verify(spki: &[u8], data: &[u8], sig: &[u8], kind: &str, salt_len: u32) -> Promise;
    #[wasm_bindgen(js_name = askSigner)]
    fn ask_signer(host: &JsValue) -> Promise;
}

#[wasm_bindgen(module = "/src/pdf/pkcs12.js")]
extern "C" {
    #[wasm_bindgen(js_name = keyKind)]
    pub(crate) fn key_kind(pkcs8: &[u8]) -> String;
}

/// How long a self-made certificate is valid.
const CERT_DAYS: u32 = 2 * 365;

const NO_CRYPTO: &str = "Ondertekenen kan niet in deze browser: de beveiligde sleutelopslag (WebCrypto en IndexedDB) is niet beschikbaar, bijvoorbeeld in een privévenster. U kunt de PDF wel downloaden.";
const STORE_FAILED: &str = "De ondertekensleutel kon niet worden gelezen of bewaard in deze browser. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder van deze pagina.";
const OTHER_KEY: &str = "Met dit soort sleutel kan levensloopkit niet ondertekenen: alleen een ECDSA P-256-sleutel of een RSA-sleutel van 2048 tot en met 4096 bits wordt ondersteund.";
/// The most certificates kept with a key for the CMS: a chain of [`llk_pdf::sign::trust::MAX_CHAIN`].
const MAX_CHAIN: usize = 7;
const LONG_CHAIN: &str = "Het bestand bevat te veel certificaten (meer dan 8). Exporteer alleen de sleutel met het eigen certificaat en de tussenliggende certificaten.";
const SIGN_FAILED: &str = "Ondertekenen is niet gelukt. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder van deze pagina.";

/// Name, role and organisation the user enters once.
#[derive(Debug, Deserialize)]
pub struct Details {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// A key that can sign, its DER certificate, the certificates above it and who it names.
#[derive(Debug)]
pub struct Signer {
    key: JsValue,
    identity: Identity,
    pub subject: Subject,
}

/// The name `browser.js` stores an algorithm under.
fn alg_name(algorithm: SignatureAlgorithm) -> &'static str {
    match algorithm {
        SignatureAlgorithm::EcdsaP256Sha256 => "p256",
        _ => "rsa",
    }
}

async fn save(key: &JsValue, identity: &Identity) -> Result<(), String> {
    let chain: Array = identity
        .intermediates
        .iter()
        .map(|c| Uint8Array::from(&c[..]))
        .collect();
    JsFuture::from(save_signer(
        key,
        &identity.certificate,
        &chain,
        alg_name(identity.algorithm),
    ))
    .await
    .map(|_| ())
    .map_err(|_| STORE_FAILED.to_string())
}

pub(crate) fn get(o: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn bytes(v: &JsValue) -> Vec<u8> {
    Uint8Array::new(v).to_vec()
}

/// The stored signer, or else a new key and self-signed certificate for the details the
/// user enters in a dialog in `host`'s shadow root. `None`: the user cancelled.
pub async fn signer(host: &JsValue, now: DateTime) -> Result<Option<Signer>, String> {
    if !has_crypto() {
        return Err(NO_CRYPTO.into());
    }
    if let Some(found) = stored().await? {
        return Ok(Some(found));
    }
    let details = JsFuture::from(ask_signer(host))
        .await
        .map_err(|_| SIGN_FAILED.to_string())?;
    if details.is_null() || details.is_undefined() {
        return Ok(None);
    }
    // "Certificaat van uw organisatie gebruiken": the import dialog instead.
    if get(&details, "import").is_truthy() {
        return match super::import::dialog(host).await {
            Some(_) => stored().await,
            None => Ok(None),
        };
    }
    let d: Details = super::from_js(&details).map_err(|_| SIGN_FAILED)?;
    let trimmed = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let subject = Subject {
        name: trimmed(&d.name).ok_or(SIGN_FAILED)?,
        role: trimmed(&d.role),
        organisation: trimmed(&d.organisation),
    };
    let pair = JsFuture::from(new_key())
        .await
        .map_err(|_| NO_CRYPTO.to_string())?;
    let key = get(&pair, "key");
    let spki = bytes(&get(&pair, "spki"));
    let tbs = sign::cert::to_be_signed(&spki, &subject, now, CERT_DAYS)
        .map_err(|_| SIGN_FAILED.to_string())?;
    let sig = webcrypto_sign(&key, &tbs, SignatureAlgorithm::EcdsaP256Sha256).await?;
    let cert = sign::cert::assemble(&tbs, &sig).map_err(|_| SIGN_FAILED.to_string())?;
    let identity = Identity::p256(&cert);
    save(&key, &identity).await?;
    Ok(Some(Signer {
        key,
        identity,
        subject,
    }))
}

/// The signer kept in this browser, without asking anything; `None` when there is none.
pub async fn stored() -> Result<Option<Signer>, String> {
    if !has_crypto() {
        return Err(NO_CRYPTO.into());
    }
    let found = JsFuture::from(load_signer())
        .await
        .map_err(|_| STORE_FAILED.to_string())?;
    if found.is_null() || found.is_undefined() {
        return Ok(None);
    }
    let cert = bytes(&get(&found, "cert"));
    let subject = sign::cert::subject_of_der(&cert).map_err(|_| STORE_FAILED.to_string())?;
    let algorithm = match get(&found, "alg").as_string().as_deref() {
        Some("rsa") => SignatureAlgorithm::RsaPkcs1Sha256,
        _ => SignatureAlgorithm::EcdsaP256Sha256,
    };
    let intermediates = Array::from(&get(&found, "chain"))
        .iter()
        .map(|c| bytes(&c))
        .collect();
    Ok(Some(Signer {
        key: get(&found, "key"),
        identity: Identity {
            certificate: cert,
            intermediates,
            algorithm,
        },
        subject,
    }))
}

impl Signer {
    /// When its certificate stops being valid.
    pub fn valid_until(&self) -> Option<DateTime> {
        sign::cert::valid_until_of_der(&self.identity.certificate)
    }
}

/// A SHA-256 signature by WebCrypto, as the CMS takes it: DER for ECDSA P-256, the bytes
/// WebCrypto gives for RSASSA-PKCS1-v1_5.
async fn webcrypto_sign(
    key: &JsValue,
    data: &[u8],
    algorithm: SignatureAlgorithm,
) -> Result<Vec<u8>, String> {
    let raw = JsFuture::from(js_sign(key, data))
        .await
        .map_err(|_| SIGN_FAILED.to_string())?;
    let raw = bytes(&raw);
    match algorithm {
        SignatureAlgorithm::EcdsaP256Sha256 => {
            sign::der_from_raw(&raw).ok_or_else(|| SIGN_FAILED.to_string())
        }
        _ => Ok(raw),
    }
}

/// Whether a signature check (ECDSA P-256 or RSA, SHA-256) holds, by WebCrypto.
pub async fn webcrypto_check(c: &sign::SignatureCheck) -> bool {
    let (kind, salt_len) = match c.algorithm {
        sign::SignatureAlgorithm::EcdsaP256Sha256 => ("ecdsa", 0),
        sign::SignatureAlgorithm::RsaPkcs1Sha256 => ("rsa-pkcs1", 0),
        sign::SignatureAlgorithm::RsaPssSha256 { salt_len } => {
            ("rsa-pss", u32::try_from(salt_len).unwrap_or(u32::MAX))
        }
    };
    JsFuture::from(js_verify(&c.spki, &c.message, &c.signature, kind, salt_len))
        .await
        .is_ok_and(|v| v.as_bool() == Some(true))
}

/// Signs `pdf` PAdES-B-B as an incremental update.
pub async fn sign(
    rendered: &llk_pdf::Rendered,
    signer: &Signer,
    opts: &SignOptions,
) -> Result<Vec<u8>, String> {
    let prepared = sign::prepare_rendered_for(rendered, &signer.identity, opts)
        .map_err(|_| SIGN_FAILED.to_string())?;
    let sig = webcrypto_sign(&signer.key, prepared.to_be_signed(), prepared.algorithm()).await?;
    prepared.finish(&sig).map_err(|_| SIGN_FAILED.to_string())
}

/// Adds a signature to a PDF someone gave (parsed first), as an incremental update after
/// the signatures it has. `Err(None)`: the PDF could not be read.
pub async fn sign_given(
    pdf: &[u8],
    signer: &Signer,
    opts: &SignOptions,
) -> Result<Vec<u8>, Option<String>> {
    let prepared = sign::prepare_for(pdf, &signer.identity, opts).map_err(|_| None)?;
    let sig = webcrypto_sign(&signer.key, prepared.to_be_signed(), prepared.algorithm()).await?;
    prepared
        .finish(&sig)
        .map_err(|_| Some(SIGN_FAILED.to_string()))
}

/// Countersigns a PDF someone gave, as an incremental update: asks for this browser's
/// signer (the dialog in `host` the first time) and adds its signature with `opts.reason`
/// and `opts.strokes` at `opts.time`. The signed bytes and who signed, or the Dutch reason
/// nothing was signed (`unreadable` when the PDF cannot be added to). Shared by
/// `<llk-ondertekening>` ("Medeondertekenen") and the confirmation of an overdracht's receipt.
pub async fn countersign(
    pdf: &[u8],
    host: &JsValue,
    opts: &SignOptions,
    unreadable: &str,
) -> Result<(Vec<u8>, Subject), String> {
    let signer = match signer(host, opts.time).await? {
        Some(s) => s,
        None => {
            return Err(
                "Niet medeondertekend: u heeft het venster met uw gegevens gesloten.".into(),
            );
        }
    };
    let signed = sign_given(pdf, &signer, opts)
        .await
        .map_err(|message| message.unwrap_or_else(|| unreadable.to_string()))?;
    Ok((signed, signer.subject))
}

/// Imports an organisation's PKCS#8 private key (P-256 or RSA, PEM or DER) and its X.509
/// certificate with the chain above it (one PEM file of several, or one DER) as the signer: the key becomes a non-extractable WebCrypto
/// key, and only after a test signature checks out against the certificate is it stored.
/// Resolves to a Dutch message: `{ ok, message }` (the host's `importSigner(key, certificate)`).
pub async fn import_signer(key: Vec<u8>, certificate: Vec<u8>) -> JsValue {
    outcome(import(&key, &certificate).await)
}

/// `{ ok, message }` for the host: the Dutch message of an import.
pub(crate) fn outcome(result: Result<Subject, String>) -> JsValue {
    let (ok, message) = match result {
        Ok(s) => (
            true,
            format!(
                "De sleutel van {} is ingesteld om mee te ondertekenen.",
                s.name
            ),
        ),
        Err(m) => (false, m),
    };
    super::to_js(&Outcome { ok, message })
}

pub(crate) fn der_of(input: &[u8], label: &str) -> Option<Vec<u8>> {
    match std::str::from_utf8(input) {
        Ok(text) if text.contains("-----BEGIN") => super::pem::decode(text, label),
        _ => Some(input.to_vec()),
    }
}

async fn import(key: &[u8], certificate: &[u8]) -> Result<Subject, String> {
    let key_der = der_of(key, "PRIVATE KEY")
        .ok_or("De sleutel is geen PKCS#8-bestand (‘-----BEGIN PRIVATE KEY-----’).")?;
    let certs = match std::str::from_utf8(certificate) {
        Ok(text) if text.contains("-----BEGIN") => super::pem::decode_all(text, "CERTIFICATE"),
        _ => vec![certificate.to_vec()],
    };
    if certs.is_empty() {
        return Err(
            "Het certificaat is geen X.509-certificaat (‘-----BEGIN CERTIFICATE-----’).".into(),
        );
    }
    import_der(&key_der, &certs).await
}

/// Imports the PKCS#8 key `key_der` (P-256, or RSA of [`sign::RSA_BITS`]) non-extractable
/// with the one of `certs` (DER) whose public key it is, checked by a test signature;
/// stores the pair as the signer, with the other certificates (in their order) as the
/// chain that goes into every signature.
pub(crate) async fn import_der(key_der: &[u8], certs: &[Vec<u8>]) -> Result<Subject, String> {
    if !has_crypto() {
        return Err(NO_CRYPTO.into());
    }
    let (kind, algorithm) = match key_kind(key_der).as_str() {
        "p256" => ("p256", SignatureAlgorithm::EcdsaP256Sha256),
        "rsa" => ("rsa", SignatureAlgorithm::RsaPkcs1Sha256),
        _ => return Err(OTHER_KEY.into()),
    };
    if certs.len() > MAX_CHAIN + 1 {
        return Err(LONG_CHAIN.into());
    }
    let key = JsFuture::from(import_pkcs8(key_der, kind))
        .await
        .map_err(|_| "De sleutel kon niet worden ingelezen: alleen een onversleutelde PKCS#8-sleutel (ECDSA P-256 of RSA) wordt ondersteund.".to_string())?;
    if kind == "rsa" {
        let bits = rsa_bits(&key) as usize;
        if !sign::RSA_BITS.contains(&bits) {
            return Err(format!(
                "Deze RSA-sleutel is {bits} bits. levensloopkit ondertekent alleen met RSA-sleutels van {} tot en met {} bits: {}",
                sign::RSA_BITS.start(),
                sign::RSA_BITS.end(),
                if bits < *sign::RSA_BITS.start() {
                    "een kortere sleutel is niet meer veilig. Vraag de beheerder van uw certificaten om een nieuwe sleutel."
                } else {
                    "een langere sleutel kost te veel rekentijd. Vraag de beheerder van uw certificaten om een sleutel van 2048, 3072 of 4096 bits."
                }
            ));
        }
    }
    let probe = b"levensloopkit: sleutel en certificaat horen bij elkaar";
    let sig = webcrypto_sign(&key, probe, algorithm).await?;
    // WebCrypto verifies ECDSA as r‖s.
    let sig = match algorithm {
        SignatureAlgorithm::EcdsaP256Sha256 => {
            sign::raw_from_der(&sig).ok_or_else(|| SIGN_FAILED.to_string())?
        }
        _ => sig,
    };
    let mut readable = false;
    for (at, cert_der) in certs.iter().enumerate() {
        let (Ok(subject), Ok(spki)) = (
            sign::cert::subject_of_der(cert_der),
            sign::cert::public_key_info_of_der(cert_der),
        ) else {
            continue;
        };
        readable = true;
        let fits = match algorithm {
            SignatureAlgorithm::EcdsaP256Sha256 => sign::is_p256_key(&spki),
            _ => sign::rsa_key_bits(&spki).is_some(),
        };
        let check = sign::SignatureCheck {
            algorithm,
            spki,
            message: probe.to_vec(),
            signature: sig.clone(),
        };
        if fits && webcrypto_check(&check).await {
            let identity = Identity {
                certificate: cert_der.clone(),
                intermediates: certs
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != at)
                    .map(|(_, c)| c.clone())
                    .collect(),
                algorithm,
            };
            save(&key, &identity).await?;
            return Ok(subject);
        }
    }
    Err(match (readable, certs.len()) {
        (false, _) => "Het certificaat kon niet worden gelezen.",
        (true, 1) => "De sleutel hoort niet bij dit certificaat.",
        _ => "Geen van de certificaten in het bestand hoort bij de sleutel.",
    }
    .into())
}
