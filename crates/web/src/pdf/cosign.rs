//! `<llk-ondertekening>`: check the signatures of a PDF someone gives, countersign it as
//! the next signer, and see or change this browser's signer. The element itself is plain
//! DOM in `ondertekening.js` (smaller than the same in Rust); it calls the exports here.
//!
//! Countersigning is an incremental update after the existing signatures (`llk_pdf::sign`),
//! so they stay valid; a PDF whose signatures do not check out is refused.

use super::{keys, now, pdf_blob, reports, to_js};
use crate::messages::Outcome;
use llk_pdf::sign::SignOptions;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/pdf/ondertekening.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineOndertekening)]
    fn define_ondertekening(exports: &JsValue, kit_css: &str);
}

/// Defines the element (once): `exports` are this module's, `kit_css` the kit's base sheet.
pub fn define(exports: &JsValue, kit_css: &str) {
    define_ondertekening(exports, kit_css);
}

/// At most this many points of a drawn signature go into the appearance.
const MAX_POINTS: usize = 4000;

fn outcome(ok: bool, message: impl Into<String>) -> JsValue {
    to_js(&Outcome {
        ok,
        message: message.into(),
    })
}

const UNREADABLE: &str = "Deze PDF kon niet worden ondertekend: het bestand is beschadigd of op een manier opgebouwd die levensloopkit niet kan aanvullen. Er is niets gewijzigd.";

/// Countersigns `bytes` with this browser's signing key (the first time, `host` shows the
/// dialog asking for name, role and organisation). `strokes`: the drawn signature as
/// `[[[x, y], …], …]` on a 600 × 200 pad, or `null`. Resolves to `{ ok, message, pdf?:
/// Blob, signatures?: [...] }` (the signatures of the new PDF, as `verify_pdf` gives them);
/// never rejects.
#[wasm_bindgen]
pub async fn countersign_pdf(bytes: Vec<u8>, strokes: JsValue, host: JsValue) -> JsValue {
    let before = reports(&bytes).await;
    if let [r] = &before[..]
        && r.refused
    {
        return outcome(false, r.message.clone());
    }
    if before.is_empty() {
        return outcome(
            false,
            "Deze PDF heeft nog geen digitale handtekening. Medeondertekenen kan alleen bij een PDF die al is ondertekend, bijvoorbeeld een overdracht uit levensloopkit.",
        );
    }
    if before.iter().any(|r| !r.intact) {
        return outcome(
            false,
            "Niet medeondertekend: niet alle handtekeningen in deze PDF zijn geldig. Het document is na ondertekenen gewijzigd of beschadigd. Vraag de afzender om een nieuwe ondertekende PDF.",
        );
    }
    let mut strokes = super::from_js::<Vec<Vec<(f32, f32)>>>(&strokes).unwrap_or_default();
    strokes.retain(|s| !s.is_empty());
    if strokes.iter().map(Vec::len).sum::<usize>() > MAX_POINTS {
        strokes.clear();
    }
    let opts = SignOptions {
        time: now(),
        reason: Some("Medeondertekend".into()),
        strokes,
    };
    let (signed, subject) = match keys::countersign(&bytes, &host, &opts, UNREADABLE).await {
        Ok(done) => done,
        Err(message) => return outcome(false, message),
    };
    let after = reports(&signed).await;
    let out = outcome(
        true,
        format!(
            "Medeondertekend door {}. De PDF heeft nu {} geldige handtekeningen.",
            super::describe(&subject),
            after.iter().filter(|r| r.intact).count()
        ),
    );
    let _ = js_sys::Reflect::set(&out, &"pdf".into(), &pdf_blob(&signed));
    let _ = js_sys::Reflect::set(&out, &"signatures".into(), &to_js(&after));
    out
}

/// Who signs in this browser: `{ name, role, organisation, validUntil }`, `null` when no
/// key was set up yet, or `{ error }` (a Dutch message) when the key store cannot be read.
#[wasm_bindgen]
pub async fn signer_info() -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Info {
        name: String,
        role: Option<String>,
        organisation: Option<String>,
        valid_until: Option<String>,
    }
    #[derive(Serialize)]
    struct Failed {
        error: String,
    }
    match keys::stored().await {
        Ok(Some(s)) => to_js(&Info {
            valid_until: s.valid_until().map(|t| t.dutch()),
            name: s.subject.name,
            role: s.subject.role,
            organisation: s.subject.organisation,
        }),
        Ok(None) => JsValue::NULL,
        Err(error) => to_js(&Failed { error }),
    }
}
