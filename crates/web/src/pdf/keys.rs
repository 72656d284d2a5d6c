//! The browser's signing key: an ECDSA P-256 WebCrypto key, non-extractable, kept in
//! IndexedDB (`levensloopkit-ondertekening`) with its certificate. The first time, a
//! self-signed certificate names the signer (name, role, organisation) and is signed by
//! the same key; an organisation's own key and certificate can be imported instead
//! ([`import_signer`]). WebCrypto signs asynchronously and gives raw r‖s: converted to DER here.

use crate::messages::Outcome;
use js_sys::{Promise, Uint8Array};
use llk_pdf::DateTime;
use llk_pdf::sign::{self, SignOptions, Subject};
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
    fn save_signer(key: &JsValue, cert: &[u8]) -> Promise;
    #[wasm_bindgen(js_name = newKey)]
    fn new_key() -> Promise;
    #[wasm_bindgen(js_name = importPkcs8)]
    fn import_pkcs8(der: &[u8]) -> Promise;
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
const RSA_KEY: &str = "Dit is een RSA-sleutel. levensloopkit kan (nog) alleen ondertekenen met een ECDSA P-256-sleutel; vraag de beheerder van uw certificaten om een certificaat met een P-256-sleutel.";
const OTHER_KEY: &str = "Met dit soort sleutel kan levensloopkit niet ondertekenen: alleen een ECDSA P-256-sleutel wordt ondersteund.";
const SIGN_FAILED: &str = "Ondertekenen is niet gelukt. Probeer het opnieuw; lukt het niet, neem dan contact op met de beheerder van deze pagina.";

/// Name, role and organisation the user enters once.
#[derive(Debug, Deserialize)]
pub struct Details {
    pub name: String,
    pub role: String,
    pub organisation: String,
}

/// A key that can sign, its DER certificate and who it names.
#[derive(Debug)]
pub struct Signer {
    key: JsValue,
    cert: Vec<u8>,
    pub subject: Subject,
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
    let sig = webcrypto_sign(&key, &tbs).await?;
    let cert = sign::cert::assemble(&tbs, &sig).map_err(|_| SIGN_FAILED.to_string())?;
    JsFuture::from(save_signer(&key, &cert))
        .await
        .map_err(|_| STORE_FAILED.to_string())?;
    Ok(Some(Signer { key, cert, subject }))
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
    Ok(Some(Signer {
        key: get(&found, "key"),
        cert,
        subject,
    }))
}

impl Signer {
    /// When its certificate stops being valid.
    pub fn valid_until(&self) -> Option<DateTime> {
        sign::cert::valid_until_of_der(&self.cert)
    }
}

/// ECDSA P-256/SHA-256 by WebCrypto, as a DER signature.
async fn webcrypto_sign(key: &JsValue, data: &[u8]) -> Result<Vec<u8>, String> {
    let raw = JsFuture::from(js_sign(key, data))
        .await
        .map_err(|_| SIGN_FAILED.to_string())?;
    sign::der_from_raw(&bytes(&raw)).ok_or_else(|| SIGN_FAILED.to_string())
}

/// Whether `sig` (r‖s) is `spki`'s ECDSA P-256/SHA-256 signature over `data`, by WebCrypto.
pub async fn webcrypto_verify(spki: &[u8], data: &[u8], sig: &[u8]) -> bool {
    let check = sign::SignatureCheck {
        algorithm: sign::SignatureAlgorithm::EcdsaP256Sha256,
        spki: spki.to_vec(),
        message: data.to_vec(),
        signature: sig.to_vec(),
    };
    webcrypto_check(&check).await
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
    let prepared = sign::prepare_rendered(rendered, &signer.cert, opts)
        .map_err(|_| SIGN_FAILED.to_string())?;
    let sig = webcrypto_sign(&signer.key, prepared.to_be_signed()).await?;
    prepared.finish(&sig).map_err(|_| SIGN_FAILED.to_string())
}

/// Adds a signature to a PDF someone gave (parsed first), as an incremental update after
/// the signatures it has. `Err(None)`: the PDF could not be read.
pub async fn sign_given(
    pdf: &[u8],
    signer: &Signer,
    opts: &SignOptions,
) -> Result<Vec<u8>, Option<String>> {
    let prepared = sign::prepare(pdf, &signer.cert, opts).map_err(|_| None)?;
    let sig = webcrypto_sign(&signer.key, prepared.to_be_signed()).await?;
    prepared
        .finish(&sig)
        .map_err(|_| Some(SIGN_FAILED.to_string()))
}

/// Imports an organisation's PKCS#8 P-256 private key (PEM or DER) and its X.509
/// certificate (PEM or DER) as the signer: the key becomes a non-extractable WebCrypto
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
    let cert_der = der_of(certificate, "CERTIFICATE")
        .ok_or("Het certificaat is geen X.509-certificaat (‘-----BEGIN CERTIFICATE-----’).")?;
    import_der(&key_der, &[cert_der]).await
}

/// Imports the PKCS#8 key `key_der` non-extractable with the one of `certs` (DER) whose
/// public key it is, checked by a test signature; stores the pair as the signer.
pub(crate) async fn import_der(key_der: &[u8], certs: &[Vec<u8>]) -> Result<Subject, String> {
    if !has_crypto() {
        return Err(NO_CRYPTO.into());
    }
    match key_kind(key_der).as_str() {
        "p256" => {}
        "rsa" => return Err(RSA_KEY.into()),
        _ => return Err(OTHER_KEY.into()),
    }
    let key = JsFuture::from(import_pkcs8(key_der))
        .await
        .map_err(|_| "De sleutel kon niet worden ingelezen: alleen een onversleutelde PKCS#8 ECDSA P-256-sleutel wordt ondersteund.".to_string())?;
    let probe = b"levensloopkit: sleutel en certificaat horen bij elkaar";
    let sig = webcrypto_sign(&key, probe).await?;
    let raw = sign::raw_from_der(&sig).ok_or_else(|| SIGN_FAILED.to_string())?;
    let mut readable = false;
    for cert_der in certs {
        let (Ok(subject), Ok(spki)) = (
            sign::cert::subject_of_der(cert_der),
            sign::cert::public_key_info_of_der(cert_der),
        ) else {
            continue;
        };
        readable = true;
        if sign::is_p256_key(&spki) && webcrypto_verify(&spki, probe, &raw).await {
            JsFuture::from(save_signer(&key, cert_der))
                .await
                .map_err(|_| STORE_FAILED.to_string())?;
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
