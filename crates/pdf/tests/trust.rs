//! RSA keys and certificate chains (issue 13, part 4): openssl makes a root CA, an
//! intermediate and RSA-2048 and RSA-4096 signers; the kit signs a rendered overdracht with
//! the signer's key and the chain in the CMS; pdfsig and pyHanko (trusting the root) accept
//! it, and the kit's verdicts are vertrouwd with the root as anchor, niet vertrouwd with
//! another CA, verlopen when signed after the certificate expired, gebroken with a flipped
//! byte, and "no anchors" without any. A P-256 signature still verifies.

mod common;

use common::*;
use llk_pdf::DateTime;
use llk_pdf::sign::trust::Verdict;
use llk_pdf::sign::{
    P256Signer, SignOptions, SignatureAlgorithm, Subject, certificates_from_pem, sign_with,
    signer_from_pem, verify, verify_with_anchors,
};
use std::path::PathBuf;

const CA_EXT: &str = "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n[signer]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n";

struct Pki {
    dir: PathBuf,
}

impl Pki {
    fn p(&self, name: &str) -> String {
        self.dir.join(name).to_string_lossy().into_owned()
    }

    fn openssl(&self, args: &[&str]) {
        let o = run("openssl", args);
        assert!(o.status.success(), "openssl {args:?}: {}", text(&o.stderr));
    }

    /// A self-signed root CA `name` with an RSA key of `bits`.
    fn root(&self, name: &str, bits: u32) {
        let key = format!("rsa:{bits}");
        self.openssl(&[
            "req",
            "-x509",
            "-newkey",
            &key,
            "-nodes",
            "-keyout",
            &self.p(&format!("{name}.key")),
            "-out",
            &self.p(&format!("{name}.pem")),
            "-subj",
            &format!("/CN=Test {name}/O=Testwortel"),
            "-days",
            "3650",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
    }

    /// `name`'s key of `bits` and its certificate issued by `issuer`, with the extensions
    /// `section` of [`CA_EXT`].
    fn issue(&self, name: &str, subject: &str, bits: u32, issuer: &str, section: &str) {
        let key = format!("rsa:{bits}");
        let csr = self.p(&format!("{name}.csr"));
        self.openssl(&[
            "req",
            "-new",
            "-newkey",
            &key,
            "-nodes",
            "-keyout",
            &self.p(&format!("{name}.key")),
            "-out",
            &csr,
            "-subj",
            subject,
        ]);
        self.openssl(&[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &self.p(&format!("{issuer}.pem")),
            "-CAkey",
            &self.p(&format!("{issuer}.key")),
            "-set_serial",
            &format!("{}", 1000 + bits),
            "-days",
            "365",
            "-sha256",
            "-extfile",
            &self.p("ext.cnf"),
            "-extensions",
            section,
            "-out",
            &self.p(&format!("{name}.pem")),
        ]);
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.p(name)).expect("read")
    }

    fn anchors(&self, name: &str) -> Vec<Vec<u8>> {
        certificates_from_pem(&self.read(name)).expect("anchor")
    }
}

fn pki(name: &str, bits: u32) -> Pki {
    let pki = Pki { dir: tmp(name) };
    std::fs::create_dir_all(&pki.dir).expect("dir");
    std::fs::write(pki.p("ext.cnf"), CA_EXT).expect("ext");
    pki.root("wortel", bits);
    pki.issue(
        "tussen",
        "/CN=Test Tussen-CA/O=Testwortel",
        bits,
        "wortel",
        "ca",
    );
    pki.issue(
        "signer",
        "/CN=Sanne de Wit/title=procesregisseur/O=Zorg- en Veiligheidshuis Haaglanden",
        bits,
        "tussen",
        "signer",
    );
    pki.root("ander", 2048);
    // The signer's certificate, the intermediate and the root: three in the CMS.
    let chain = format!(
        "{}{}{}",
        pki.read("signer.pem"),
        pki.read("tussen.pem"),
        pki.read("wortel.pem")
    );
    std::fs::write(pki.p("chain.pem"), chain).expect("chain");
    pki
}

/// The machine's clock: openssl's certificates start now, `common::now` is a fixed date.
fn clock() -> DateTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    DateTime::new(i64::try_from(secs).expect("seconds"), 60)
}

fn rendered() -> Vec<u8> {
    let catalog = catalog();
    let def = catalog.form("overdracht", "haaglanden").expect("def");
    let answers = llk_core::example::example_answers(def, today());
    llk_pdf::render(def, &answers, &opts(&catalog, "haaglanden", false))
        .expect("renders")
        .pdf
}

fn sign_at(pki: &Pki, pdf: &[u8], time: DateTime) -> Vec<u8> {
    let signer = signer_from_pem(&pki.read("signer.key"), &pki.read("chain.pem")).expect("signer");
    assert_eq!(signer.algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
    let opts = SignOptions {
        time,
        reason: Some("Overdracht".into()),
        strokes: Vec::new(),
    };
    sign_with(pdf, signer.as_ref(), &opts).expect("signs")
}

fn rsa_chain_is_judged(name: &str, bits: u32) {
    if !have("openssl") {
        return;
    }
    let pki = pki(name, bits);
    let signed = sign_at(&pki, &rendered(), clock());
    let file = pki.p("signed.pdf");
    // The signer's certificate, the intermediate and the root.
    std::fs::write(&file, &signed).expect("write");

    let reports = verify(&signed);
    assert_eq!(reports.len(), 1);
    assert!(reports[0].intact, "{reports:?}");
    assert_eq!(
        reports[0].certificates.len(),
        3,
        "the whole chain is in the CMS"
    );
    let judged = verify_with_anchors(&signed, &pki.anchors("wortel.pem"));
    assert_eq!(
        judged[0].verdict,
        Verdict::Vertrouwd,
        "{}",
        judged[0].message
    );
    assert_eq!(judged[0].chain.len(), 3);
    eprintln!("kit: {}", judged[0].message);
    let other = verify_with_anchors(&signed, &pki.anchors("ander.pem"));
    assert_eq!(
        other[0].verdict,
        Verdict::NietVertrouwd,
        "{}",
        other[0].message
    );
    let none = verify_with_anchors(&signed, &[]);
    assert_eq!(none[0].verdict, Verdict::GeenAnkers);
    assert!(
        none[0]
            .message
            .contains("kan niet zeggen wie dit ondertekende")
    );

    // Signed after the certificate (valid 365 days) expired.
    let late = DateTime::new(clock().unix_seconds + 400 * 86_400, 60);
    let expired = verify_with_anchors(
        &sign_at(&pki, &rendered(), late),
        &pki.anchors("wortel.pem"),
    );
    assert_eq!(
        expired[0].verdict,
        Verdict::Verlopen,
        "{}",
        expired[0].message
    );

    let mut bad = signed.clone();
    bad[signed.len() / 3] ^= 0x01;
    let broken = verify_with_anchors(&bad, &pki.anchors("wortel.pem"));
    assert_eq!(
        broken[0].verdict,
        Verdict::Gebroken,
        "{}",
        broken[0].message
    );

    if have("pdfsig") {
        let out = text(&run("pdfsig", &[&file]).stdout);
        eprintln!("pdfsig: {out}");
        assert!(out.contains("Signature is Valid."), "{out}");
        assert!(out.contains("Total document signed"), "{out}");
    }
    if have("pyhanko") {
        let o = run(
            "pyhanko",
            &[
                "sign",
                "validate",
                "--no-revocation-check",
                "--trust",
                &pki.p("wortel.pem"),
                &file,
            ],
        );
        let said = format!("{}{}", text(&o.stdout), text(&o.stderr));
        eprintln!("pyhanko: {said}");
        assert!(said.contains("INTACT:TRUSTED"), "{said}");
    }
}

#[test]
fn an_rsa_2048_chain_is_trusted_by_the_kit_pdfsig_and_pyhanko() {
    rsa_chain_is_judged("trust-rsa2048", 2048);
}

/// Also the check that `/Contents` holds an RSA-4096 signature with its chain.
#[test]
fn an_rsa_4096_chain_fits_and_is_trusted() {
    rsa_chain_is_judged("trust-rsa4096", 4096);
}

#[test]
fn a_small_rsa_key_is_refused_with_a_reason() {
    if !have("openssl") {
        return;
    }
    let dir = tmp("trust-rsa1024");
    std::fs::create_dir_all(&dir).expect("dir");
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    let o = run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:1024",
            "-nodes",
            "-keyout",
            &p("k.pem"),
            "-out",
            &p("c.pem"),
            "-subj",
            "/CN=Klein",
            "-days",
            "30",
        ],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let read = |n: &str| std::fs::read_to_string(p(n)).expect("read");
    let Err(e) = signer_from_pem(&read("k.pem"), &read("c.pem")) else {
        panic!("a 1024-bit key signs");
    };
    assert!(e.to_string().contains("2048 to 4096 bits"), "{e}");
}

#[test]
fn a_p256_signature_still_verifies_and_its_own_certificate_can_be_the_anchor() {
    let key = p256::ecdsa::SigningKey::from_slice(&[5; 32]).expect("key");
    let subject = Subject {
        name: "Noëlle Çelik".into(),
        role: Some("procesregisseur".into()),
        organisation: Some("ZVH Haaglanden".into()),
    };
    let signer = P256Signer::self_signed(key, &subject, now(), 30).expect("signer");
    let opts = SignOptions {
        time: now(),
        reason: None,
        strokes: Vec::new(),
    };
    let signed = sign_with(&rendered(), &signer, &opts).expect("signs");
    assert!(verify(&signed)[0].intact);
    let own = llk_pdf::sign::Signer::certificate(&signer).to_vec();
    let judged = verify_with_anchors(&signed, &[own]);
    assert_eq!(
        judged[0].verdict,
        Verdict::Vertrouwd,
        "{}",
        judged[0].message
    );
}

/// A certificate signed with RSA-PSS (salt length 32, MGF1-SHA-256), as some CAs issue
/// them: the link to its issuer is checked with the salt length from its parameters.
#[test]
fn a_certificate_signed_with_rsa_pss_links_the_chain() {
    if !have("openssl") {
        return;
    }
    let pki = Pki {
        dir: tmp("trust-pss"),
    };
    std::fs::create_dir_all(&pki.dir).expect("dir");
    std::fs::write(pki.p("ext.cnf"), CA_EXT).expect("ext");
    pki.root("wortel", 2048);
    let csr = pki.p("signer.csr");
    pki.openssl(&[
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        &pki.p("signer.key"),
        "-out",
        &csr,
        "-subj",
        "/CN=Sanne de Wit",
    ]);
    pki.openssl(&[
        "x509",
        "-req",
        "-in",
        &csr,
        "-CA",
        &pki.p("wortel.pem"),
        "-CAkey",
        &pki.p("wortel.key"),
        "-set_serial",
        "9",
        "-days",
        "30",
        "-sha256",
        "-sigopt",
        "rsa_padding_mode:pss",
        "-sigopt",
        "rsa_pss_saltlen:32",
        "-extfile",
        &pki.p("ext.cnf"),
        "-extensions",
        "signer",
        "-out",
        &pki.p("signer.pem"),
    ]);
    let text_form = run(
        "openssl",
        &["x509", "-noout", "-text", "-in", &pki.p("signer.pem")],
    );
    assert!(
        text(&text_form.stdout).contains("rsassaPss"),
        "not a PSS certificate"
    );
    std::fs::copy(pki.p("signer.pem"), pki.p("chain.pem")).expect("copy");
    let signed = sign_at(&pki, &rendered(), clock());
    let judged = verify_with_anchors(&signed, &pki.anchors("wortel.pem"));
    assert_eq!(
        judged[0].verdict,
        Verdict::Vertrouwd,
        "{}",
        judged[0].message
    );
}

/// pyHanko signs with an RSA key and its intermediate (TECH-NOTES: the kit used to call
/// that "BROKEN"); the kit verifies it, trusts it through the root and countersigns.
#[test]
fn a_pyhanko_rsa_signature_is_verified_and_trusted() {
    if !have("openssl") || !have("pyhanko") {
        return;
    }
    let pki = pki("trust-pyhanko", 2048);
    std::fs::write(pki.p("kit.pdf"), rendered()).expect("write");
    let o = run(
        "pyhanko",
        &[
            "sign",
            "addsig",
            "--use-pades",
            "--field",
            "Sig1",
            "pemder",
            "--key",
            &pki.p("signer.key"),
            "--cert",
            &pki.p("signer.pem"),
            "--chain",
            &pki.p("tussen.pem"),
            "--no-pass",
            &pki.p("kit.pdf"),
            &pki.p("pyhanko.pdf"),
        ],
    );
    assert!(
        o.status.success(),
        "pyhanko: {}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let theirs = std::fs::read(pki.p("pyhanko.pdf")).expect("read");
    let judged = verify_with_anchors(&theirs, &pki.anchors("wortel.pem"));
    assert_eq!(judged.len(), 1);
    assert_eq!(judged[0].verdict, Verdict::Vertrouwd, "{judged:?}");

    let key = p256::ecdsa::SigningKey::from_slice(&[6; 32]).expect("key");
    let subject = Subject {
        name: "Jeroen van 't Hoff".into(),
        role: None,
        organisation: None,
    };
    let second = P256Signer::self_signed(key, &subject, clock(), 30).expect("signer");
    let opts = SignOptions {
        time: clock(),
        reason: None,
        strokes: Vec::new(),
    };
    let twice = sign_with(&theirs, &second, &opts).expect("countersigns");
    let reports = verify(&twice);
    assert!(
        reports.len() == 2 && reports.iter().all(|r| r.intact),
        "{reports:?}"
    );
}

/// A PKCS#12 file as OpenSSL 3 writes it (PBES2, AES-256, MAC SHA-256), one with a SHA-1
/// MAC, a wrong password and the legacy encryption (refused with a message).
#[test]
fn a_pkcs12_file_signs_with_its_key_and_chain() {
    if !have("openssl") {
        return;
    }
    let pki = pki("trust-pkcs12", 2048);
    let (key, cert, chain) = (
        pki.p("signer.key"),
        pki.p("signer.pem"),
        pki.p("tussen.pem"),
    );
    let export = |out: &str, extra: &[&str]| {
        let out = pki.p(out);
        let mut args = vec![
            "pkcs12",
            "-export",
            "-inkey",
            &key,
            "-in",
            &cert,
            "-certfile",
            &chain,
            "-passout",
            "pass:geheim wachtwoord",
        ];
        args.extend(extra);
        args.extend(["-out", &out]);
        run("openssl", &args).status.success()
    };
    assert!(export("aes.p12", &[]));
    assert!(export("sha1.p12", &["-macalg", "sha1"]));
    let read = |n: &str| std::fs::read(pki.p(n)).expect("read");
    let opts = SignOptions {
        time: clock(),
        reason: None,
        strokes: Vec::new(),
    };
    for file in ["aes.p12", "sha1.p12"] {
        let signer = llk_pdf::sign::signer_from_pkcs12(&read(file), "geheim wachtwoord")
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(signer.algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
        assert_eq!(signer.intermediates().len(), 1, "{file}");
        let signed = sign_with(&rendered(), signer.as_ref(), &opts).expect("signs");
        let judged = verify_with_anchors(&signed, &pki.anchors("wortel.pem"));
        assert_eq!(
            judged[0].verdict,
            Verdict::Vertrouwd,
            "{file}: {}",
            judged[0].message
        );
    }
    let Err(e) = llk_pdf::sign::signer_from_pkcs12(&read("aes.p12"), "fout") else {
        panic!("a wrong password opens the file");
    };
    assert!(e.to_string().contains("password"), "{e}");
    // Cut short or with a byte changed (every 97th), the file is an error, never a panic.
    let good = read("aes.p12");
    for cut in 0..good.len() {
        assert!(llk_pdf::sign::signer_from_pkcs12(&good[..cut], "geheim wachtwoord").is_err());
    }
    for at in (0..good.len()).step_by(97) {
        let mut bad = good.clone();
        bad[at] ^= 0x40;
        let _ = llk_pdf::sign::signer_from_pkcs12(&bad, "geheim wachtwoord");
    }
    // OpenSSL's -legacy needs its legacy provider; without it there is nothing to test.
    if export("legacy.p12", &["-legacy"]) {
        let Err(e) = llk_pdf::sign::signer_from_pkcs12(&read("legacy.p12"), "geheim wachtwoord")
        else {
            panic!("a legacy file opens");
        };
        assert!(e.to_string().contains("outdated encryption"), "{e}");
    }
}
