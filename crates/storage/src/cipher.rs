//! Sealing the submission before it is stored.

/// An IV and the ciphertext it sealed (for AES-GCM the tag is the ciphertext's last 16
/// bytes, as WebCrypto gives it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CipherError {
    /// No key or no crypto at all (e.g. WebCrypto outside a secure context).
    #[error("encryption is unavailable: {0}")]
    Unavailable(String),
    /// Authentication failed: another key, or the bytes were changed.
    #[error("the ciphertext does not open with this key")]
    Failed,
}

/// Authenticated encryption. `aad` (the record's id) is bound to the ciphertext, so a
/// sealed submission moved to another record's id does not open. An implementation must
/// use a fresh IV for every `seal`.
///
/// `async fn` in a trait: the browser's crypto is asynchronous and single-threaded, so
/// no `Send` bound is wanted (WebCrypto's futures are not `Send`); the trait is used
/// generically, not as `dyn`.
#[allow(async_fn_in_trait)]
pub trait Cipher {
    async fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Sealed, CipherError>;
    async fn open(&self, sealed: &Sealed, aad: &[u8]) -> Result<Vec<u8>, CipherError>;
}

/// Stores the plaintext as the "ciphertext". Only for a store that never leaves the
/// page's memory: the in-memory fallback when IndexedDB is unavailable, where encrypting
/// would protect nothing (the key would sit next to the data in the same heap).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoEncryption;

impl Cipher for NoEncryption {
    async fn seal(&self, plaintext: &[u8], _aad: &[u8]) -> Result<Sealed, CipherError> {
        Ok(Sealed {
            iv: Vec::new(),
            ciphertext: plaintext.to_vec(),
        })
    }

    async fn open(&self, sealed: &Sealed, _aad: &[u8]) -> Result<Vec<u8>, CipherError> {
        Ok(sealed.ciphertext.clone())
    }
}
