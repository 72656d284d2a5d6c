//! What the bodies share and build once per process: the real catalog of `forms/`, a fixed
//! day, a signing key with its certificate.

use llk_core::{Catalog, Date};
use llk_pdf::DateTime;
use llk_pdf::sign::{P256Signer, Subject};
use std::path::Path;
use std::sync::OnceLock;

/// The forms and regions of `forms/`, as `llk check forms` loads them.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
        match Catalog::load_dir(&dir) {
            Ok(c) => c,
            Err(e) => panic!("the forms in {} do not load: {e:?}", dir.display()),
        }
    })
}

/// "Today" for every body: the same day on every run, so a crash replays.
pub fn today() -> Date {
    Date::new(2026, 11, 24).unwrap_or_else(|| unreachable!("a valid date"))
}

/// The signing time, on [`today`].
pub fn now() -> DateTime {
    DateTime::new(1_795_500_000, 60)
}

/// A P-256 key with a self-signed certificate, the same on every run.
pub fn signer() -> &'static P256Signer {
    static SIGNER: OnceLock<P256Signer> = OnceLock::new();
    SIGNER.get_or_init(|| {
        let key = p256::ecdsa::SigningKey::from_slice(&[7; 32])
            .unwrap_or_else(|e| panic!("a fixed P-256 key: {e}"));
        let subject = Subject {
            name: "Fenna de Vries".into(),
            role: Some("Procesregisseur".into()),
            organisation: Some("Zorg- en Veiligheidshuis".into()),
        };
        P256Signer::self_signed(key, &subject, now(), 365)
            .unwrap_or_else(|e| panic!("a self-signed certificate: {e}"))
    })
}
