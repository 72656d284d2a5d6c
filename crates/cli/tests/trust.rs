//! `llk pdf --sign-key` with an RSA key and a certificate chain from openssl, and
//! `llk verify-pdf --trust`: vertrouwd with the root, niet vertrouwd with another CA,
//! gebroken (exit 1) with a flipped byte; without --trust the lines are as before.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn llk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_llk"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .env_remove("LLK_FORMS")
        .output()
        .expect("llk runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Whether openssl runs here; under CI (which installs it) a missing one fails the test.
fn have_openssl() -> bool {
    let ok = Command::new("openssl").arg("version").output().is_ok();
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "openssl is missing, and CI must run every check (.ci/run installs it)"
    );
    ok
}

fn openssl(args: &[&str]) {
    let o = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl");
    assert!(o.status.success(), "openssl {args:?}: {}", text(&o.stderr));
}

const EXT: &str = "[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n[signer]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n";

/// A root, an intermediate and an RSA-3072 signer; `chain.pem` is the signer's certificate
/// followed by the intermediate's.
fn chain(dir: &Path) {
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    std::fs::write(p("ext.cnf"), EXT).expect("ext");
    for root in ["wortel", "ander"] {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            &p(&format!("{root}.key")),
            "-out",
            &p(&format!("{root}.pem")),
            "-subj",
            &format!("/CN=Test {root}"),
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign",
        ]);
    }
    for (name, subject, issuer, section) in [
        ("tussen", "/CN=Test tussen", "wortel", "ca"),
        (
            "signer",
            "/CN=Sanne de Wit/O=ZVH Haaglanden",
            "tussen",
            "signer",
        ),
    ] {
        openssl(&[
            "req",
            "-new",
            "-newkey",
            "rsa:3072",
            "-nodes",
            "-keyout",
            &p(&format!("{name}.key")),
            "-out",
            &p(&format!("{name}.csr")),
            "-subj",
            subject,
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            &p(&format!("{name}.csr")),
            "-CA",
            &p(&format!("{issuer}.pem")),
            "-CAkey",
            &p(&format!("{issuer}.key")),
            "-set_serial",
            "7",
            "-days",
            "30",
            "-extfile",
            &p("ext.cnf"),
            "-extensions",
            section,
            "-out",
            &p(&format!("{name}.pem")),
        ]);
    }
    let read = |n: &str| std::fs::read_to_string(p(n)).expect("read");
    std::fs::write(p("chain.pem"), read("signer.pem") + &read("tussen.pem")).expect("chain");
}

/// A signer certificate that expired in 2021, issued by the intermediate with `openssl ca`
/// (OpenSSL 3.0's `x509 -req` cannot date a certificate in the past).
fn expired_signer(dir: &Path) {
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    let ca = dir.join("ca");
    let _ = std::fs::remove_dir_all(&ca);
    std::fs::create_dir_all(ca.join("new")).expect("ca dir");
    std::fs::write(ca.join("index.txt"), "").expect("index");
    std::fs::write(ca.join("serial"), "1000\n").expect("serial");
    let config = format!(
        "[ca]\ndefault_ca = kit\n[kit]\ndatabase = {0}/index.txt\nnew_certs_dir = {0}/new\nserial = {0}/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\n[any]\ncommonName = supplied\n[signer]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,nonRepudiation\n",
        ca.display()
    );
    std::fs::write(p("ca.cnf"), config).expect("config");
    openssl(&[
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        &p("oud.key"),
        "-out",
        &p("oud.csr"),
        "-subj",
        "/CN=Oud Certificaat",
    ]);
    openssl(&[
        "ca",
        "-batch",
        "-config",
        &p("ca.cnf"),
        "-cert",
        &p("tussen.pem"),
        "-keyfile",
        &p("tussen.key"),
        "-in",
        &p("oud.csr"),
        "-out",
        &p("oud.pem"),
        "-startdate",
        "20200101000000Z",
        "-enddate",
        "20210101000000Z",
        "-extensions",
        "signer",
        "-notext",
    ]);
    let read = |n: &str| std::fs::read_to_string(p(n)).expect("read");
    std::fs::write(p("oud-chain.pem"), read("oud.pem") + &read("tussen.pem")).expect("chain");
}

#[test]
fn an_rsa_chain_signs_and_verify_pdf_judges_trust() {
    if !have_openssl() {
        return;
    }
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("llk-cli-trust");
    std::fs::create_dir_all(&dir).expect("dir");
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    chain(&dir);
    let example = ok(&llk(&[
        "example",
        "--form",
        "overdracht",
        "--region",
        "haaglanden",
    ]));
    std::fs::write(p("o.json"), example).expect("write");
    ok(&llk(&[
        "pdf",
        "--form",
        "overdracht",
        &p("o.json"),
        "-o",
        &p("signed.pdf"),
        "--sign-key",
        &p("signer.key"),
        "--sign-cert",
        &p("chain.pem"),
    ]));

    let plain = ok(&llk(&["verify-pdf", &p("signed.pdf")]));
    assert!(
        plain.starts_with("signature 1: Sanne de Wit (ZVH Haaglanden), signed ")
            && plain
                .trim_end()
                .ends_with(": intact, covers the whole document"),
        "{plain}"
    );
    // One file may hold several anchors; --trust repeats.
    let both = dir.join("beide.pem");
    let read = |n: &str| std::fs::read_to_string(p(n)).expect("read");
    std::fs::write(&both, read("ander.pem") + &read("wortel.pem")).expect("write");
    let trusted = ok(&llk(&[
        "verify-pdf",
        &p("signed.pdf"),
        "--trust",
        &p("ander.pem"),
        "--trust",
        &both.to_string_lossy(),
    ]));
    assert!(
        trusted.contains(
            "intact, covers the whole document; Vertrouwd: ondertekend door Sanne de Wit"
        ),
        "{trusted}"
    );
    let other = ok(&llk(&[
        "verify-pdf",
        &p("signed.pdf"),
        "--trust",
        &p("ander.pem"),
    ]));
    assert!(
        other.contains("; Niet vertrouwd: de handtekening van Sanne de Wit"),
        "{other}"
    );

    let mut bad = std::fs::read(p("signed.pdf")).expect("read");
    let at = bad.len() / 3;
    bad[at] ^= 0x01;
    std::fs::write(p("bad.pdf"), bad).expect("write");
    let out = llk(&["verify-pdf", &p("bad.pdf"), "--trust", &p("wortel.pem")]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("BROKEN"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stdout).contains("; Gebroken"),
        "{}",
        text(&out.stdout)
    );

    // A PKCS#12 file of the same signer countersigns; its password from the environment.
    openssl(&[
        "pkcs12",
        "-export",
        "-inkey",
        &p("signer.key"),
        "-in",
        &p("signer.pem"),
        "-certfile",
        &p("tussen.pem"),
        "-passout",
        "pass:geheim",
        "-out",
        &p("signer.p12"),
    ]);
    let sign_p12 = |password: &str| {
        Command::new(env!("CARGO_BIN_EXE_llk"))
            .args(["sign-pdf", &p("signed.pdf"), "-o", &p("twice.pdf")])
            .args(["--sign-p12", &p("signer.p12")])
            .env("LLK_SIGN_PASSWORD", password)
            .output()
            .expect("llk runs")
    };
    let wrong = sign_p12("fout");
    assert!(!wrong.status.success());
    assert!(
        text(&wrong.stderr).contains("password"),
        "{}",
        text(&wrong.stderr)
    );
    ok(&sign_p12("geheim"));
    let twice = ok(&llk(&[
        "verify-pdf",
        &p("twice.pdf"),
        "--trust",
        &p("wortel.pem"),
    ]));
    assert_eq!(twice.matches("; Vertrouwd: ").count(), 2, "{twice}");

    // Signed today with a certificate that expired in 2021: intact, but verlopen.
    expired_signer(&dir);
    ok(&llk(&[
        "sign-pdf",
        &p("signed.pdf"),
        "-o",
        &p("oud.pdf"),
        "--sign-key",
        &p("oud.key"),
        "--sign-cert",
        &p("oud-chain.pem"),
    ]));
    let old = ok(&llk(&[
        "verify-pdf",
        &p("oud.pdf"),
        "--trust",
        &p("wortel.pem"),
    ]));
    let last = old.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("signature 2: Oud Certificaat") && last.contains("; Verlopen: "),
        "{old}"
    );

    let out = llk(&["verify-pdf", &p("signed.pdf"), "--trust", &p("o.json")]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no usable trust anchor"),
        "{}",
        text(&out.stderr)
    );
}
