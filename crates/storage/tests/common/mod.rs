//! What the native tests share: a tiny executor, an AES-GCM-256 cipher standing in for
//! WebCrypto, and a small form in two definition versions.

#![allow(dead_code)]

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use llk_core::Catalog;
use llk_core::catalog::Source;
use llk_core::def::{FormDef, parse_form_toml, parse_region_toml};
use llk_storage::{Cipher, CipherError, Sealed, StoreError, Timestamp};
use serde_json::Value;
use std::future::Future;
use std::task::{Context, Poll, Waker};

/// Runs a future that never waits on anything outside (the memory backend, AES in Rust).
pub fn run<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// One of every storage failure, for the message tests.
pub fn every_error() -> [StoreError; 7] {
    [
        StoreError::Unavailable("x".into()),
        StoreError::Blocked,
        StoreError::QuotaExceeded,
        StoreError::Decrypt { id: "a".into() },
        StoreError::Corrupt {
            id: "a".into(),
            reason: "x".into(),
        },
        StoreError::Conflict {
            stored_version: 2,
            stored_updated: Timestamp(1_763_000_000_000),
        },
        StoreError::NotFound { id: "a".into() },
    ]
}

/// A stored record's field names, sorted: the key order depends on serde_json's
/// `preserve_order`, which the workspace may or may not turn on.
pub fn sorted_keys(raw: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = raw
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// AES-GCM-256 with a 96-bit IV from the OS for every seal, as `WebCryptoCipher` does.
pub struct TestAes(Aes256Gcm);

impl TestAes {
    pub fn random() -> Self {
        TestAes(Aes256Gcm::new(&Aes256Gcm::generate_key(OsRng)))
    }

    pub fn from_bytes(key: [u8; 32]) -> Self {
        TestAes(Aes256Gcm::new(&Key::<Aes256Gcm>::from(key)))
    }
}

impl Cipher for TestAes {
    async fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Sealed, CipherError> {
        let iv = Aes256Gcm::generate_nonce(OsRng);
        let ciphertext = self
            .0
            .encrypt(
                &iv,
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| CipherError::Unavailable("aes-gcm".into()))?;
        Ok(Sealed {
            iv: iv.to_vec(),
            ciphertext,
        })
    }

    async fn open(&self, sealed: &Sealed, aad: &[u8]) -> Result<Vec<u8>, CipherError> {
        let iv: [u8; 12] = sealed
            .iv
            .as_slice()
            .try_into()
            .map_err(|_| CipherError::Failed)?;
        self.0
            .decrypt(
                &Nonce::from(iv),
                Payload {
                    msg: &sealed.ciphertext,
                    aad,
                },
            )
            .map_err(|_| CipherError::Failed)
    }
}

const REGION: &str = r#"
[region]
id = "landelijk"
name = "Landelijk"
"#;

const V1: &str = r#"
[form]
id = "melding"
version = 1
title = "Melding"

[[pages]]
id = "p"
title = "Persoon"

[[pages.fields]]
id = "naam"
type = "text"
label = "Naam"

[[pages.fields]]
id = "schoenmaat"
type = "text"
label = "Schoenmaat"

[[pages.fields]]
id = "toelichting"
type = "text"
label = "Toelichting"
"#;

/// Version 2 renames `naam` to `achternaam`, drops `schoenmaat` and no longer has
/// `toelichting` at all.
const V2: &str = r#"
[form]
id = "melding"
version = 2
title = "Melding"

[[migrations]]
from = 1
rename = { "naam" = "achternaam" }
drop = ["schoenmaat"]

[[pages]]
id = "p"
title = "Persoon"

[[pages.fields]]
id = "achternaam"
type = "text"
label = "Achternaam"
"#;

/// The form at definition version 1 or 2.
pub fn def(version: u32) -> FormDef {
    let text = if version == 1 { V1 } else { V2 };
    let form = parse_form_toml("melding.toml", text).expect("test form parses");
    let region = parse_region_toml("regions/landelijk.toml", REGION).expect("region parses");
    let catalog = Catalog::build(
        vec![Source {
            file: "melding.toml".into(),
            text: None,
            raw: form,
        }],
        vec![Source {
            file: "regions/landelijk.toml".into(),
            text: None,
            raw: region,
        }],
    )
    .expect("test form loads");
    catalog
        .form("melding", "landelijk")
        .expect("test form")
        .clone()
}
