//! The chain builder and the verdicts on crafted certificates: the signatures are
//! placeholders, their outcomes given by the test, so only the path logic is tested here
//! (`tests/trust.rs` signs for real with openssl's certificates).

use super::*;
use crate::DateTime;
use crate::sign::SignatureAlgorithm;
use crate::sign::der::{self, cons, tlv};

const P256_ALG: &[u8] = &[
    0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
    0xce, 0x3d, 0x03, 0x01, 0x07,
];
const ECDSA_SHA256: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
];
/// 2026-06-01, within the default validity.
const SIGNED_AT: i64 = 1_780_272_000;

fn name(cn: &str) -> Vec<u8> {
    let atv = cons(
        der::SEQUENCE,
        &[
            &tlv(der::OID, &[0x55, 0x04, 0x03]),
            &tlv(der::UTF8_STRING, cn.as_bytes()),
        ],
    );
    tlv(der::SEQUENCE, &tlv(der::SET, &atv))
}

struct Spec<'a> {
    subject: &'a str,
    issuer: &'a str,
    ca: bool,
    key_usage: Option<u8>,
    until: &'a str,
}

fn spec<'a>(subject: &'a str, issuer: &'a str, ca: bool) -> Spec<'a> {
    Spec {
        subject,
        issuer,
        ca,
        key_usage: None,
        until: "300101000000Z",
    }
}

fn cert(s: &Spec<'_>) -> Vec<u8> {
    // A distinct (placeholder) P-256 key per subject.
    let mut point = vec![0u8, 4];
    point.extend(s.subject.bytes().cycle().take(64));
    let spki = cons(der::SEQUENCE, &[P256_ALG, &tlv(der::BIT_STRING, &point)]);
    let mut exts = Vec::new();
    if s.ca {
        let bc = tlv(der::SEQUENCE, &[0x01, 0x01, 0xff]);
        exts.push(cons(
            der::SEQUENCE,
            &[
                &tlv(der::OID, &[0x55, 0x1d, 0x13]),
                &tlv(der::OCTET_STRING, &bc),
            ],
        ));
    }
    if let Some(bits) = s.key_usage {
        let ku = tlv(der::BIT_STRING, &[0x01, bits]);
        exts.push(cons(
            der::SEQUENCE,
            &[
                &tlv(der::OID, &[0x55, 0x1d, 0x0f]),
                &tlv(der::OCTET_STRING, &ku),
            ],
        ));
    }
    let validity = cons(
        der::SEQUENCE,
        &[
            &tlv(der::UTC_TIME, b"250101000000Z"),
            &tlv(der::UTC_TIME, s.until.as_bytes()),
        ],
    );
    let tbs = cons(
        der::SEQUENCE,
        &[
            &[der::CONTEXT_0, 3, der::INTEGER, 1, 2],
            &tlv(der::INTEGER, s.subject.as_bytes()),
            ECDSA_SHA256,
            &name(s.issuer),
            &validity,
            &name(s.subject),
            &spki,
            &tlv(0xa3, &tlv(der::SEQUENCE, &exts.concat())),
        ],
    );
    let sig = cons(der::SEQUENCE, &[&[2, 1, 1], &[2, 1, 1]]);
    let bits = [&[0u8][..], &sig].concat();
    cons(
        der::SEQUENCE,
        &[&tbs, ECDSA_SHA256, &tlv(der::BIT_STRING, &bits)],
    )
}

fn judge(cms: &[Vec<u8>], anchors: &[Vec<u8>], all_hold: bool) -> TrustReport {
    judge_at(cms, anchors, all_hold, Some(DateTime::new(SIGNED_AT, 120)))
}

fn judge_at(
    cms: &[Vec<u8>],
    anchors: &[Vec<u8>],
    all_hold: bool,
    signed_at: Option<DateTime>,
) -> TrustReport {
    let report = SignatureReport {
        signer: "Noëlle Çelik".into(),
        role: None,
        organisation: None,
        signed_at,
        intact: false,
        covers_whole_document: true,
        problem: None,
        refused: false,
        certificates: cms.to_vec(),
    };
    let signature = SignatureCheck {
        algorithm: SignatureAlgorithm::EcdsaP256Sha256,
        spki: Vec::new(),
        message: Vec::new(),
        signature: Vec::new(),
    };
    let p = pending(report, Some(signature), anchors);
    let mut results = vec![all_hold; p.checks().len()];
    results[0] = true;
    p.conclude(&results)
}

fn names(r: &TrustReport) -> Vec<&str> {
    r.chain.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn a_chain_to_the_anchor_is_trusted_and_another_anchor_is_not() {
    let signer = cert(&spec("Signer", "Tussen", false));
    let between = cert(&spec("Tussen", "Wortel", true));
    let root = cert(&spec("Wortel", "Wortel", true));
    let other = cert(&spec("Ander", "Ander", true));
    let cms = [signer.clone(), between.clone()];
    let r = judge(&cms, std::slice::from_ref(&root), true);
    assert_eq!(r.verdict, Verdict::Vertrouwd, "{}", r.message);
    assert_eq!(names(&r), ["Signer", "Tussen", "Wortel"]);
    assert_eq!(judge(&cms, &[other], true).verdict, Verdict::NietVertrouwd);
    let r = judge(&cms, &[], true);
    assert_eq!(
        (r.verdict, r.message.as_str()),
        (Verdict::GeenAnkers, NO_ANCHORS)
    );
    // The intermediate, or the signer itself, may be the anchor.
    assert_eq!(judge(&cms, &[between], true).verdict, Verdict::Vertrouwd);
    let r = judge(&cms, std::slice::from_ref(&signer), true);
    assert_eq!((r.verdict, names(&r)), (Verdict::Vertrouwd, vec!["Signer"]));
    // A link whose signature does not hold is no chain.
    assert_eq!(judge(&cms, &[root], false).verdict, Verdict::NietVertrouwd);
}

#[test]
fn issuers_must_be_allowed_to_issue() {
    let signer = cert(&spec("Signer", "Tussen", false));
    let root = cert(&spec("Wortel", "Wortel", true));
    let not_ca = cert(&spec("Tussen", "Wortel", false));
    let r = judge(&[signer.clone(), not_ca], std::slice::from_ref(&root), true);
    assert_eq!(r.verdict, Verdict::NietVertrouwd);
    // keyUsage present without keyCertSign (digitalSignature only), and with it.
    let mut ku = spec("Tussen", "Wortel", true);
    ku.key_usage = Some(0x80);
    let r = judge(
        &[signer.clone(), cert(&ku)],
        std::slice::from_ref(&root),
        true,
    );
    assert_eq!(r.verdict, Verdict::NietVertrouwd);
    ku.key_usage = Some(0x06);
    let r = judge(&[signer, cert(&ku)], &[root], true);
    assert_eq!(r.verdict, Verdict::Vertrouwd);
}

#[test]
fn an_expired_certificate_in_the_chain_is_verlopen() {
    let mut expired = spec("Signer", "Wortel", false);
    expired.until = "260101000000Z";
    let root = cert(&spec("Wortel", "Wortel", true));
    let r = judge(&[cert(&expired)], std::slice::from_ref(&root), true);
    assert_eq!(r.verdict, Verdict::Verlopen, "{}", r.message);
    let mut old_root = spec("Wortel", "Wortel", true);
    old_root.until = "260101000000Z";
    let signer = cert(&spec("Signer", "Wortel", false));
    let r = judge(std::slice::from_ref(&signer), &[cert(&old_root)], true);
    assert_eq!(r.verdict, Verdict::Verlopen);
    // Without a signing time the validity cannot be checked: not trusted, not expired.
    let root = cert(&spec("Wortel", "Wortel", true));
    let r = judge_at(&[signer], &[root], true, None);
    assert_eq!(r.verdict, Verdict::NietVertrouwd, "{}", r.message);
    assert!(r.message.contains("geen tijdstip"), "{}", r.message);
}

#[test]
fn loops_in_issuer_names_end() {
    let signer = cert(&spec("Signer", "A", false));
    let a = cert(&spec("A", "B", true));
    let b = cert(&spec("B", "A", true));
    let elsewhere = cert(&spec("Ander", "Ander", true));
    let r = judge(&[signer, a, b], &[elsewhere], true);
    assert_eq!(r.verdict, Verdict::NietVertrouwd);
}

#[test]
fn chains_longer_than_the_bound_are_not_followed() {
    let chain = |n: usize| {
        let mut cms = vec![cert(&spec("Signer", "CA 1", false))];
        for i in 1..=n {
            let issuer = if i == n {
                "Wortel".to_string()
            } else {
                format!("CA {}", i + 1)
            };
            cms.push(cert(&spec(&format!("CA {i}"), &issuer, true)));
        }
        cms
    };
    let root = cert(&spec("Wortel", "Wortel", true));
    // Signer, MAX_CHAIN - 2 intermediates and the root: exactly the bound.
    let r = judge(&chain(MAX_CHAIN - 2), std::slice::from_ref(&root), true);
    assert_eq!(r.verdict, Verdict::Vertrouwd);
    assert_eq!(r.chain.len(), MAX_CHAIN);
    let r = judge(&chain(MAX_CHAIN - 1), &[root], true);
    assert_eq!(r.verdict, Verdict::NietVertrouwd);
}

#[test]
fn many_certificates_with_one_name_cost_bounded_work() {
    // Sixteen CAs that all issue each other: the search stops after MAX_STEPS.
    let signer = cert(&spec("Signer", "CA", false));
    let mut cms = vec![signer];
    for i in 0..15 {
        let mut s = spec("CA", "CA", true);
        let until = format!("3{i:01x}0101000000Z");
        s.until = &until;
        cms.push(cert(&s));
    }
    let elsewhere = cert(&spec("Ander", "Ander", true));
    let r = judge(&cms, &[elsewhere], true);
    assert_eq!(r.verdict, Verdict::NietVertrouwd);
}
