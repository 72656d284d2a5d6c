//! What crosses a boundary, and the one way it crosses.
//!
//! The messages between the UI module and the PDF module are Rust types both modules
//! compile from this file: the UI side writes a [`PdfJob`], the PDF side reads it and
//! matches on [`PdfAction`]; the PDF side writes a [`PdfReply`], the UI side reads it. They
//! travel as JSON text, written and read by serde_json, with no JavaScript object in
//! between; the signed PDF (a `Blob`) travels beside the reply, not inside it.
//!
//! Where a host gives or takes a JavaScript object (element properties, event details,
//! `BroadcastChannel` messages, the host API's answers), [`to_js`] and [`from_js`] are the
//! only crossing: serde_json's text, turned into an object by the engine's own
//! `JSON.parse` (or from one by `JSON.stringify`). One codec in both modules: the PDF
//! module carries no serde-wasm-bindgen (~12 KB there), and neither does the UI module.

use llk_core::case::package_parts::{PackageParts, PackageSignature};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;

/// What the PDF module is asked to do with a form's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PdfAction {
    Download,
    Print,
    Sign,
    /// "Overdrachtspakket maken": draw [`PdfJob::package`], sign it, download it.
    Package,
    /// "Overdracht ontvangen": check the signatures of the package that travels beside the
    /// job, and read its `casus.json` for the UI module to take in.
    Receive,
    /// "Ontvangst bevestigen": countersign the package that travels beside the job (an
    /// incremental update, so the sender's signature stays valid) and download it as
    /// [`PdfJob::file_name`]: the file itself then records the warm handover.
    Accept,
}

/// A request from the forms to the PDF module (`pdf_request`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfJob {
    pub action: PdfAction,
    pub form: String,
    pub region: String,
    pub answers: Value,
    /// Whether the PDF is also downloaded (the forms do; the benchmark does not).
    #[serde(default = "yes")]
    pub deliver: bool,
    /// For [`PdfAction::Package`]: the case as its package shows it, computed by the UI
    /// module's case model (the PDF module links none of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageParts>,
    /// For [`PdfAction::Accept`]: the name the countersigned package is downloaded as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
}

fn yes() -> bool {
    true
}

/// The PDF module's answer to a [`PdfJob`]; the PDF itself, a `Blob`, travels beside it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PdfReply {
    pub ok: bool,
    /// One Dutch sentence for the user.
    pub message: String,
    pub pages: usize,
    /// Characters the PDF font lacks, shown in the PDF as the marker.
    pub replaced: Vec<String>,
    /// Milliseconds spent rendering and (if asked) signing.
    pub millis: f64,
    /// For [`PdfAction::Receive`]: every signature in the package, in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<PackageSignature>,
    /// For [`PdfAction::Receive`], when the signatures hold: the text of `casus.json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_text: Option<String>,
}

impl PdfReply {
    pub fn failed(message: impl Into<String>) -> PdfReply {
        PdfReply {
            message: message.into(),
            ..PdfReply::default()
        }
    }
}

/// `{ ok, message }`: the host API's answer to an import, and the countersigning's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub ok: bool,
    pub message: String,
}

/// A message as the text that crosses.
pub fn to_text<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// A message read from the text that crossed; what is not one (an unknown action, a
/// missing field) is refused with serde_json's reason. The reason stays an error value
/// until someone shows it: formatting it would put serde_json's messages into the PDF
/// module, which never shows them.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

/// A value as the plain JavaScript object a host reads (`null` when it cannot be written).
pub fn to_js<T: Serialize>(v: &T) -> JsValue {
    js_sys::JSON::parse(&to_text(v)).unwrap_or(JsValue::NULL)
}

/// A value read from a JavaScript value a host gave; `undefined` reads as `null`. Refused
/// when it is no JSON value (a function, a `BigInt`, a cycle) or not a `T`.
pub fn from_js<T: DeserializeOwned>(v: &JsValue) -> Result<T, serde_json::Error> {
    if v.is_undefined() {
        return from_text("null");
    }
    match js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()) {
        Some(text) => from_text(&text),
        None => Err(serde::de::Error::custom("not a JSON value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn job(action: PdfAction) -> PdfJob {
        PdfJob {
            action,
            form: "aanmelding".into(),
            region: "gelderland".into(),
            answers: json!({"melder": {"naam": "Eva de Vries"}, "aantal": 2}),
            deliver: false,
            package: None,
            file_name: None,
        }
    }

    #[test]
    fn a_job_reads_back_as_written() {
        for action in [
            PdfAction::Download,
            PdfAction::Print,
            PdfAction::Sign,
            PdfAction::Package,
            PdfAction::Receive,
        ] {
            let sent = job(action);
            assert_eq!(from_text::<PdfJob>(&to_text(&sent)).ok(), Some(sent));
        }
    }

    #[test]
    fn actions_cross_as_lowercase_names() {
        let text = to_text(&job(PdfAction::Sign));
        assert!(text.contains(r#""action":"sign""#), "{text}");
    }

    #[test]
    fn an_unknown_action_is_refused() {
        let text = r#"{"action":"mail","form":"aanmelding","region":"landelijk","answers":{}}"#;
        let refused = from_text::<PdfJob>(text).map_or_else(|e| e.to_string(), |_| "read".into());
        assert!(refused.contains("unknown variant `mail`"), "{refused}");
        let text = r#"{"action":"Sign","form":"aanmelding","region":"landelijk","answers":{}}"#;
        assert!(from_text::<PdfJob>(text).is_err());
    }

    #[test]
    fn a_job_without_deliver_delivers() {
        let text =
            r#"{"action":"download","form":"toestemming","region":"landelijk","answers":{}}"#;
        assert_eq!(
            from_text::<PdfJob>(text).map(|j| j.deliver).ok(),
            Some(true)
        );
    }

    #[test]
    fn a_reply_reads_back_as_written() {
        let sent = PdfReply {
            ok: true,
            message: "Ondertekend door Eva de Vries.".into(),
            pages: 3,
            replaced: vec!["☃".into()],
            millis: 41.5,
            ..PdfReply::default()
        };
        let text = to_text(&sent);
        assert!(text.contains(r#""replaced":["☃"]"#), "{text}");
        assert_eq!(from_text::<PdfReply>(&text).ok(), Some(sent));
    }

    #[test]
    fn a_receive_reply_carries_the_signatures_and_the_case() {
        let sent = PdfReply {
            ok: true,
            message: "1 handtekening, intact.".into(),
            signatures: vec![PackageSignature {
                signer: "Eva de Vries".into(),
                organisation: Some("ZVH Gelderland-Zuid".into()),
                intact: true,
                verdict: "onbekend".into(),
                ..PackageSignature::default()
            }],
            case_text: Some(r#"{"format":1}"#.into()),
            ..PdfReply::default()
        };
        let text = to_text(&sent);
        assert!(text.contains(r#""caseText":"#), "{text}");
        assert_eq!(from_text::<PdfReply>(&text).ok(), Some(sent));
    }

    #[test]
    fn a_failed_reply_says_only_why() {
        let reply = from_text::<PdfReply>(r#"{"ok":false,"message":"Mislukt."}"#);
        assert_eq!(reply.ok(), Some(PdfReply::failed("Mislukt.")));
    }

    #[test]
    fn what_is_no_reply_is_refused() {
        assert!(from_text::<PdfReply>("De PDF is gedownload.").is_err());
        assert!(from_text::<PdfReply>(r#"{"ok":"ja"}"#).is_err());
    }
}
