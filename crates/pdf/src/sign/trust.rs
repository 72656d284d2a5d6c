//! Whom to trust: a chain from each signature's certificate, through the certificates in
//! its CMS, to a trust anchor the user chose (a CA certificate, or a signer's own), and a
//! verdict in Dutch. Like verifying, two steps: [`verify_with_anchors_deferred`] builds the
//! candidate chains and lists the signatures still to check (the CMS signature and every
//! certificate link), [`Pending::conclude`] judges purely from their outcomes, so the
//! browser can have WebCrypto check them. Natively [`verify_with_anchors`] does both.
//!
//! Bounds (the certificates come from a PDF and are hostile): chains of at most
//! [`MAX_CHAIN`] certificates, at most [`MAX_PATHS`] candidate chains and [`MAX_STEPS`]
//! steps of the search per signature. Names match byte for byte (DER), as issuers write
//! them; no revocation is checked.

use super::algorithm::SignatureCheck;
use super::cert::{self, Subject};
use super::verify::{SignatureReport, conclude as conclude_signature, verify_deferred};
use super::x509::{ChainCert, chain_cert};

/// The most certificates in a chain, the signer's and the anchor included.
pub const MAX_CHAIN: usize = 8;
/// The most candidate chains judged per signature.
pub const MAX_PATHS: usize = 4;
/// The most partial chains the search looks at per signature.
pub const MAX_STEPS: usize = 256;

/// What the kit says of a signature, given the trust anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Intact, and its certificate chains to an anchor, every link valid when it was signed.
    Vertrouwd,
    /// Intact, but no chain to an anchor.
    NietVertrouwd,
    /// Intact and chained to an anchor, but a certificate in the chain was expired or not yet
    /// valid at the signing time.
    Verlopen,
    /// Not intact: changed after signing, damaged, or of a kind the kit does not check.
    Gebroken,
    /// Intact, but no anchors were given: who signed cannot be told.
    GeenAnkers,
}

impl Verdict {
    /// The verdict in a word or two, in Dutch.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Vertrouwd => "vertrouwd",
            Verdict::NietVertrouwd => "niet vertrouwd",
            Verdict::Verlopen => "verlopen of nog niet geldig",
            Verdict::Gebroken => "gebroken",
            Verdict::GeenAnkers => "onbekend",
        }
    }
}

/// The sentence for [`Verdict::GeenAnkers`].
pub const NO_ANCHORS: &str = "Er zijn geen vertrouwde certificaten ingesteld: levensloopkit kan niet zeggen wie dit ondertekende.";

/// A signature with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustReport {
    pub report: SignatureReport,
    pub verdict: Verdict,
    /// One Dutch sentence.
    pub message: String,
    /// The chain that was trusted (or found expired): the signer first, the anchor last.
    pub chain: Vec<Subject>,
}

/// A signature whose checks are still to be made ([`Self::checks`], then [`Self::conclude`]).
#[derive(Debug, Clone)]
pub struct Pending {
    report: SignatureReport,
    checks: Vec<SignatureCheck>,
    /// Whether the CMS signature is `checks[0]`.
    has_signature: bool,
    /// Candidate chains: the certificates (DER), and per link the index of its check.
    paths: Vec<(Vec<Vec<u8>>, Vec<usize>)>,
    anchors_given: bool,
}

/// Every signature in `pdf` with the checks it needs against `anchors` (DER certificates).
pub fn verify_with_anchors_deferred(pdf: &[u8], anchors: &[Vec<u8>]) -> Vec<Pending> {
    verify_deferred(pdf)
        .into_iter()
        .map(|(report, signature)| pending(report, signature, anchors))
        .collect()
}

/// Every signature in `pdf`, checked with the p256 and rsa crates and judged against
/// `anchors` (DER certificates).
#[cfg(feature = "rust-ecdsa")]
pub fn verify_with_anchors(pdf: &[u8], anchors: &[Vec<u8>]) -> Vec<TrustReport> {
    verify_with_anchors_deferred(pdf, anchors)
        .into_iter()
        .map(|p| {
            let results: Vec<bool> = p.checks().iter().map(SignatureCheck::holds).collect();
            p.conclude(&results)
        })
        .collect()
}

pub(crate) fn pending(
    report: SignatureReport,
    signature: Option<SignatureCheck>,
    anchors: &[Vec<u8>],
) -> Pending {
    let has_signature = signature.is_some();
    let mut checks: Vec<SignatureCheck> = signature.into_iter().collect();
    let mut paths = Vec::new();
    if has_signature {
        let mut pool: Vec<&[u8]> = report.certificates.iter().map(Vec::as_slice).collect();
        pool.extend(
            anchors
                .iter()
                .map(Vec::as_slice)
                .filter(|a| !report.certificates.iter().any(|c| c == a)),
        );
        let certs: Vec<Option<ChainCert<'_>>> = pool.iter().map(|d| chain_cert(d)).collect();
        let is_anchor: Vec<bool> = pool
            .iter()
            .map(|d| anchors.iter().any(|a| a == d))
            .collect();
        for path in chains(&certs, &is_anchor) {
            let mut links = Vec::new();
            for pair in path.windows(2) {
                // A link the kit cannot check (a certificate that does not read, a key or
                // algorithm it does not know) has no check: this chain cannot be trusted.
                let (Some(child), Some(issuer)) = (certs[pair[0]], certs[pair[1]]) else {
                    links.push(usize::MAX);
                    continue;
                };
                let Ok(check) = child.signed_by(&issuer) else {
                    links.push(usize::MAX);
                    continue;
                };
                let at = checks.iter().position(|c| *c == check).unwrap_or_else(|| {
                    checks.push(check);
                    checks.len() - 1
                });
                links.push(at);
            }
            let ders = path.iter().map(|&i| pool[i].to_vec()).collect();
            paths.push((ders, links));
        }
    }
    Pending {
        report,
        checks,
        has_signature,
        paths,
        anchors_given: !anchors.is_empty(),
    }
}

/// Chains from `certs[0]` (the signer) up to an anchor, as indices: each issuer's subject is
/// its child's issuer and it may issue certificates; no certificate twice.
pub(crate) fn chains(certs: &[Option<ChainCert<'_>>], is_anchor: &[bool]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    if certs.first().is_none_or(Option::is_none) {
        return found;
    }
    let mut stack = vec![vec![0usize]];
    let mut steps = 0;
    while let Some(path) = stack.pop() {
        steps += 1;
        if steps > MAX_STEPS || found.len() == MAX_PATHS {
            break;
        }
        let last = path[path.len() - 1];
        if is_anchor.get(last).copied().unwrap_or(false) {
            found.push(path);
            continue;
        }
        let Some(child) = certs[last] else { continue };
        if path.len() == MAX_CHAIN {
            continue;
        }
        for (i, c) in certs.iter().enumerate().rev() {
            if let Some(c) = c
                && c.subject == child.issuer
                && c.may_issue
                && !path.contains(&i)
            {
                let mut longer = path.clone();
                longer.push(i);
                stack.push(longer);
            }
        }
    }
    found
}

impl Pending {
    /// The signatures to check: the CMS signature (when the CMS read), then the links.
    pub fn checks(&self) -> &[SignatureCheck] {
        &self.checks
    }

    /// The report as far as it is known before the checks (who, when, which problem).
    pub fn report(&self) -> &SignatureReport {
        &self.report
    }

    /// The verdict, from whether each of [`Self::checks`] holds (in order; a missing
    /// outcome counts as not holding).
    pub fn conclude(self, results: &[bool]) -> TrustReport {
        let holds = |i: usize| results.get(i).copied().unwrap_or(false);
        let mut report = self.report;
        if self.has_signature {
            conclude_signature(&mut report, holds(0));
        }
        let who = describe(&report);
        let verdict = |verdict: Verdict, message: String, chain: Vec<Subject>| TrustReport {
            report: report.clone(),
            verdict,
            message,
            chain,
        };
        if !report.intact {
            let why = if report.refused {
                report.problem.clone().unwrap_or_default()
            } else {
                format!(
                    "Gebroken: de handtekening van {who} klopt niet; het document is na ondertekenen gewijzigd of beschadigd, of de handtekening is van een soort die levensloopkit niet controleert."
                )
            };
            return verdict(Verdict::Gebroken, why, Vec::new());
        }
        if !self.anchors_given {
            return verdict(Verdict::GeenAnkers, NO_ANCHORS.into(), Vec::new());
        }
        let at = report.signed_at.map(|t| t.unix_seconds);
        let mut expired = None;
        for (ders, links) in &self.paths {
            if !links.iter().all(|&l| holds(l)) {
                continue;
            }
            let names: Vec<Subject> = ders
                .iter()
                .map(|d| cert::subject_of_der(d).unwrap_or_else(|_| unnamed()))
                .collect();
            let in_time = ders
                .iter()
                .all(|d| chain_cert(d).zip(at).is_some_and(|(c, at)| c.valid_at(at)));
            if in_time {
                let anchor = names.last().map(|s| s.name.clone()).unwrap_or_default();
                let message = format!(
                    "Vertrouwd: ondertekend door {who}; het certificaat leidt naar {anchor}, een certificaat dat u vertrouwt."
                );
                return verdict(Verdict::Vertrouwd, message, names);
            }
            expired.get_or_insert(names);
        }
        match expired {
            // Without `/M` the validity cannot be checked: no trust, but no expiry either.
            Some(_) if at.is_none() => verdict(
                Verdict::NietVertrouwd,
                format!(
                    "Niet vertrouwd: de handtekening van {who} is intact, maar er staat geen tijdstip van ondertekenen bij, dus niet na te gaan is of het certificaat toen geldig was."
                ),
                Vec::new(),
            ),
            Some(names) => verdict(
                Verdict::Verlopen,
                format!(
                    "Verlopen: de handtekening van {who} is intact, maar een certificaat in de keten was bij het ondertekenen verlopen of nog niet geldig."
                ),
                names,
            ),
            None => verdict(
                Verdict::NietVertrouwd,
                format!(
                    "Niet vertrouwd: de handtekening van {who} is intact, maar het certificaat leidt niet naar een certificaat dat u vertrouwt."
                ),
                Vec::new(),
            ),
        }
    }
}

fn unnamed() -> Subject {
    Subject {
        name: "(onbekend)".into(),
        role: None,
        organisation: None,
    }
}

/// "name (role, organisation)".
fn describe(r: &SignatureReport) -> String {
    let name = if r.signer.is_empty() {
        "(onbekend)"
    } else {
        &r.signer
    };
    let extra: Vec<&str> = [r.role.as_deref(), r.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if extra.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", extra.join(", "))
    }
}

#[cfg(test)]
#[path = "trust_tests.rs"]
mod tests;
