//! What the draft and the case stores share above the backend: sealing JSON with the
//! cipher, opening it again with the error the user is shown, and listing records.

use crate::{Cipher, CipherError, Sealed, StoreError, StoredRecord};

/// Seals `plaintext` bound to `aad`. Called before the backend opens its transaction: an
/// IndexedDB transaction commits on its own as soon as it waits on anything else.
pub(crate) async fn seal<C: Cipher>(
    cipher: &C,
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Sealed, StoreError> {
    cipher
        .seal(plaintext, aad)
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))
}

/// Opens record `id`'s sealed bytes: `Decrypt` for another key or changed bytes.
pub(crate) async fn open<C: Cipher>(
    cipher: &C,
    id: &str,
    iv: &[u8],
    ciphertext: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, StoreError> {
    let sealed = Sealed {
        iv: iv.to_vec(),
        ciphertext: ciphertext.to_vec(),
    };
    cipher.open(&sealed, aad).await.map_err(|e| match e {
        CipherError::Failed => StoreError::Decrypt { id: id.into() },
        CipherError::Unavailable(why) => StoreError::Unavailable(why),
    })
}

/// A backend's records most recently changed first (then by id), and apart from them
/// the entries that could not be read as records.
pub(crate) fn newest_first<R: StoredRecord>(
    entries: Vec<Result<R, StoreError>>,
) -> (Vec<R>, Vec<StoreError>) {
    let mut records = Vec::new();
    let mut unreadable = Vec::new();
    for entry in entries {
        match entry {
            Ok(record) => records.push(record),
            Err(e) => unreadable.push(e),
        }
    }
    records.sort_by(|a, b| {
        b.updated()
            .cmp(&a.updated())
            .then_with(|| a.id().cmp(b.id()))
    });
    (records, unreadable)
}
