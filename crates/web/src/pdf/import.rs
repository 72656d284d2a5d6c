//! Importing an organisation's key and certificate: from a PKCS#12 file (`.p12`/`.pfx`,
//! read and decrypted in `pkcs12.js` with WebCrypto), or from a PKCS#8 key (plain or
//! password-protected) and a certificate in PEM or DER. Either way the key ends up as a
//! non-extractable WebCrypto key through [`keys::import_der`]. [`import_dialog`] is the
//! dialog a user does it in (`import_dialog.js`); [`import_pkcs12`] the host's call.

use super::keys::{self, bytes, der_of, get, key_kind, outcome};
use super::pem;
use js_sys::{Array, Promise};
use llk_pdf::sign::Subject;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/pdf/pkcs12.js")]
extern "C" {
    #[wasm_bindgen(js_name = isPkcs12)]
    fn is_pkcs12(bytes: &[u8]) -> bool;
    #[wasm_bindgen(js_name = readPkcs12)]
    fn read_pkcs12(bytes: &[u8], password: &str) -> Promise;
    #[wasm_bindgen(js_name = decryptKey)]
    fn decrypt_key(epki: &[u8], password: &str) -> Promise;
}

#[wasm_bindgen(module = "/src/pdf/import_dialog.js")]
extern "C" {
    #[wasm_bindgen(js_name = openImport)]
    fn open_import(host: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = askImport)]
    fn ask_import(dialog: &JsValue, message: &str, field: &str) -> Promise;
    #[wasm_bindgen(js_name = closeImport)]
    fn close_import(dialog: &JsValue);
}

const WRONG_PASSWORD: &str = "Het wachtwoord klopt niet.";
const NO_PASSWORD: &str = "Vul het wachtwoord van het bestand in.";
const LEGACY: &str = "Dit bestand is beveiligd met een verouderde versleuteling (3DES of RC2) die browsers niet meer ondersteunen. Exporteer het opnieuw met AES-versleuteling: met OpenSSL 3 ‘openssl pkcs12 -export -inkey sleutel.pem -in certificaat.pem -out organisatie.p12’ (zonder -legacy), of in Windows bij het exporteren met de versleuteling ‘AES256-SHA256’.";
const AES192: &str = "Dit bestand is versleuteld met AES-192, dat deze browser niet ondersteunt. Exporteer het opnieuw met AES-256: met OpenSSL 3 ‘openssl pkcs12 -export -inkey sleutel.pem -in certificaat.pem -out organisatie.p12’ (de standaard), of in Windows met de versleuteling ‘AES256-SHA256’.";
const NO_KEY: &str = "Het bestand bevat geen sleutel, alleen een certificaat. Exporteer het certificaat samen met de privésleutel.";
const NO_CERT: &str = "Het bestand bevat geen certificaat, alleen een sleutel. Exporteer de sleutel samen met het certificaat.";
const CORRUPT: &str = "Het bestand kon niet worden gelezen: het is geen PKCS#12-bestand (.p12 of .pfx), sleutel of certificaat, of het is beschadigd.";
const TOO_LARGE: &str = "Dit bestand is te groot voor een sleutel en certificaat (meer dan 64 kB). Kies het .p12- of .pfx-bestand of de sleutel die u van uw organisatie hebt gekregen.";
const ITERATIONS: &str = "Dit bestand vraagt zoveel rekenwerk om te openen dat de browser er minutenlang mee bezig zou zijn: het is beschadigd of niet met een gangbaar programma gemaakt. Exporteer het opnieuw met de standaardinstellingen, met OpenSSL 3 bijvoorbeeld ‘openssl pkcs12 -export -inkey sleutel.pem -in certificaat.pem -out organisatie.p12’.";
const NO_FILE: &str = "Kies het bestand met de sleutel en het certificaat van uw organisatie.";
const TOO_MANY: &str = "Kies één .p12- of .pfx-bestand, of één sleutel en één certificaat.";
const PKCS1: &str = "Deze sleutel is in het oude formaat (‘BEGIN RSA/EC PRIVATE KEY’). Zet hem om naar PKCS#8, bijvoorbeeld met ‘openssl pkcs8 -topk8 -in sleutel.pem -out sleutel-pkcs8.pem’, of kies een .p12-bestand.";
const NO_KEY_FILE: &str = "Er is geen sleutel gekozen. Kies ook het bestand met de privésleutel (PKCS#8), of één .p12-bestand.";
const NO_CERT_FILE: &str = "Er is geen certificaat gekozen. Kies ook het bestand met het certificaat, of één .p12-bestand.";

/// Which field a message belongs to in the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    File,
    Password,
}

type Failure = (String, Field);

fn file_error(m: &str) -> Failure {
    (m.to_string(), Field::File)
}

/// The Dutch message for a code `pkcs12.js` rejects with.
fn pkcs12_error(e: &JsValue) -> Failure {
    let code = get(e, "message").as_string().unwrap_or_default();
    match code.as_str() {
        "password" => (WRONG_PASSWORD.into(), Field::Password),
        "legacy" => file_error(LEGACY),
        "aes192" => file_error(AES192),
        "nokey" => file_error(NO_KEY),
        "nocert" => file_error(NO_CERT),
        "large" => file_error(TOO_LARGE),
        "iterations" => file_error(ITERATIONS),
        _ => file_error(CORRUPT),
    }
}

/// Makes the key and certificate in a password-protected PKCS#12 file the signer.
/// Resolves to `{ ok, message }` (Dutch), never rejects (the host's `importSigner(p12, { password })`).
pub async fn import_pkcs12(p12: Vec<u8>, password: String) -> JsValue {
    outcome(from_pkcs12(&p12, &password).await.map_err(|(m, _)| m))
}

async fn from_pkcs12(p12: &[u8], password: &str) -> Result<Subject, Failure> {
    if password.is_empty() {
        return Err((NO_PASSWORD.into(), Field::Password));
    }
    let read = JsFuture::from(read_pkcs12(p12, password))
        .await
        .map_err(|e| pkcs12_error(&e))?;
    let certs: Vec<Vec<u8>> = Array::from(&get(&read, "certs"))
        .iter()
        .map(|c| bytes(&c))
        .collect();
    keys::import_der(&bytes(&get(&read, "key")), &certs)
        .await
        .map_err(|m| file_error(&m))
}

/// A PKCS#8 key and a certificate, in one or two files (PEM or DER), as the signer. A PEM
/// file may hold the chain after the certificate: it goes into the signatures.
async fn from_files(files: &[Vec<u8>], password: &str) -> Result<Subject, Failure> {
    let (mut key, mut certs) = (None, Vec::new());
    for file in files {
        match std::str::from_utf8(file) {
            Ok(text) if text.contains("-----BEGIN") => {
                if let Some(epki) = pem::decode(text, "ENCRYPTED PRIVATE KEY") {
                    if password.is_empty() {
                        return Err((NO_PASSWORD.into(), Field::Password));
                    }
                    let der = JsFuture::from(decrypt_key(&epki, password))
                        .await
                        .map_err(|e| pkcs12_error(&e))?;
                    key = Some(bytes(&der));
                } else if text.contains("-----BEGIN RSA PRIVATE KEY")
                    || text.contains("-----BEGIN EC PRIVATE KEY")
                {
                    return Err(file_error(PKCS1));
                } else if let Some(der) = der_of(file, "PRIVATE KEY") {
                    key = Some(der);
                }
                certs.extend(pem::decode_all(text, "CERTIFICATE"));
            }
            // DER: a PKCS#8 key has a key type, a certificate a subject; else it is no file
            // of ours (or a damaged one).
            _ if key_kind(file) != "other" => key = Some(file.clone()),
            _ if llk_pdf::sign::cert::subject_of_der(file).is_ok() => certs.push(file.clone()),
            _ => return Err(file_error(CORRUPT)),
        }
    }
    let key = key.ok_or_else(|| file_error(NO_KEY_FILE))?;
    if certs.is_empty() {
        return Err(file_error(NO_CERT_FILE));
    }
    keys::import_der(&key, &certs)
        .await
        .map_err(|m| file_error(&m))
}

async fn from_input(files: &[Vec<u8>], password: &str) -> Result<Subject, Failure> {
    match files {
        [] => Err(file_error(NO_FILE)),
        [one] if is_pkcs12(one) => from_pkcs12(one, password).await,
        _ if files.len() > 2 || files.iter().any(|f| is_pkcs12(f)) => Err(file_error(TOO_MANY)),
        _ => from_files(files, password).await,
    }
}

/// Runs the import dialog in `host`'s shadow root until the user imports a key or
/// cancels; every failed attempt keeps the dialog open with its message. `None`: cancelled.
pub(crate) async fn dialog(host: &JsValue) -> Option<Subject> {
    let dialog = open_import(host);
    let mut failure: Option<Failure> = None;
    loop {
        let (message, field) = match &failure {
            Some((m, Field::Password)) => (m.as_str(), "password"),
            Some((m, Field::File)) => (m.as_str(), "file"),
            None => ("", ""),
        };
        let input = JsFuture::from(ask_import(&dialog, message, field))
            .await
            .ok()
            .filter(|v| !v.is_null() && !v.is_undefined())?;
        let files: Vec<Vec<u8>> = Array::from(&get(&input, "files"))
            .iter()
            .map(|f| bytes(&f))
            .collect();
        let password = get(&input, "password").as_string().unwrap_or_default();
        match from_input(&files, &password).await {
            Ok(subject) => {
                close_import(&dialog);
                return Some(subject);
            }
            Err(f) => failure = Some(f),
        }
    }
}

/// The import dialog for a host element (e.g. `<llk-ondertekening>`): resolves to
/// `{ ok, message }`; `ok: false` with a message also when the user cancelled.
#[wasm_bindgen]
pub async fn import_dialog(host: JsValue) -> JsValue {
    match dialog(&host).await {
        Some(subject) => outcome(Ok(subject)),
        None => outcome(Err(
            "Er is geen certificaat ingesteld: het venster is gesloten.".into(),
        )),
    }
}
