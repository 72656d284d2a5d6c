//! The overdracht package as llk-pdf makes it: the pages people read, the case embedded as
//! PDF/A-3 embeds data (name tree, `/AF`, `/AFRelationship /Data`, `/Params`), read back
//! the same; and embedded files from elsewhere read within bounds, never with a panic.

mod common;

use common::*;
use llk_core::Submission;
use llk_core::case::{Case, Document};
use llk_pdf::{CASE_ATTACHMENT, PdfError, attachments, render_package};
use lopdf::{Dictionary, Object, Stream};
use serde_json::{Value, json};

fn document(seq: u32, form: &str, answers: Value) -> Document {
    Document {
        seq,
        filed_on: "2026-10-01".into(),
        submission: Submission {
            form: form.into(),
            version: 1,
            region: "gelderland".into(),
            answers,
            unmapped: Default::default(),
        },
        prefill: Default::default(),
        signature: None,
    }
}

/// A plan, a second version of it and an overdracht, from the definitions' examples.
fn case(with_overdracht: bool) -> Case {
    let catalog = catalog();
    let example = |form: &str| {
        let def = catalog.form(form, "gelderland").expect(form);
        llk_core::example::example_answers(def, today())
    };
    let mut case = Case::new("dossier-7", "gelderland", today());
    let mut v1 = example("levensloopplan");
    v1["plan"]["datum"] = json!("2026-03-01");
    v1["plan"]["versie"] = json!(1);
    let mut v2 = v1.clone();
    v2["plan"]["datum"] = json!("2026-06-01");
    v2["plan"]["versie"] = json!(2);
    case.documents.push(document(1, "levensloopplan", v1));
    case.documents.push(document(2, "levensloopplan", v2));
    if with_overdracht {
        case.documents
            .push(document(3, "overdracht", example("overdracht")));
    }
    case
}

#[test]
fn the_package_carries_the_case_as_pdf_a_3_data() {
    let catalog = catalog();
    let case = case(true);
    let r = render_package(
        &catalog,
        &case,
        today(),
        &opts(&catalog, "gelderland", false),
    )
    .expect("renders");
    let files = attachments::read(&r.pdf).expect("reads");
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file.name, CASE_ATTACHMENT);
    assert_eq!(file.mime, "application/json");
    assert_eq!(file.relationship, "Data");
    let back: Value = serde_json::from_slice(&file.bytes).expect("JSON");
    assert_eq!(back, case.to_json());

    // The catalog lists it in /AF too, with its size and date.
    let doc = lopdf::Document::load_mem(&r.pdf).expect("lopdf reads");
    let af = doc
        .catalog()
        .and_then(|c| c.get(b"AF"))
        .and_then(Object::as_array)
        .expect("/AF");
    let spec = doc
        .get_dictionary(af[0].as_reference().expect("a reference"))
        .expect("filespec");
    let ef = spec.get(b"EF").and_then(Object::as_dict).expect("/EF");
    let stream = doc
        .get_object(ef.get(b"F").and_then(Object::as_reference).expect("/F"))
        .and_then(Object::as_stream)
        .expect("stream");
    let params = stream
        .dict
        .get(b"Params")
        .and_then(Object::as_dict)
        .expect("/Params");
    assert_eq!(
        params.get(b"Size").and_then(Object::as_i64).ok(),
        Some(file.bytes.len() as i64)
    );
    assert!(params.get(b"ModDate").is_ok());

    let path = tmp("package").join("pakket.pdf");
    std::fs::create_dir_all(path.parent().expect("dir")).expect("dir");
    std::fs::write(&path, &r.pdf).expect("write");
    if have("pdftotext") {
        let text = pdf_text(&path);
        for part in [
            "Overdrachtspakket",
            "Van welk",
            "Het levensloopplan, versie 2",
            "De ladder in beeld",
            "Het verloop van het dossier",
            "Termijnen",
        ] {
            assert!(text.contains(part), "no ‘{part}’ in the package");
        }
    }
    if have("pdfinfo") {
        let info = text(&run("pdfinfo", &[&path.to_string_lossy()]).stdout);
        assert!(info.contains("Tagged:          yes"), "{info}");
    }
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A document's signed PDF that the case carries goes along as a file of its own.
#[test]
fn the_signed_pdfs_a_case_carries_go_along() {
    let catalog = catalog();
    let mut case = case(true);
    let def = catalog.form("overdracht", "gelderland").expect("form");
    let answers = case.documents[2].submission.answers.clone();
    let signed = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false))
        .expect("renders")
        .pdf;
    case.documents[2].signature = Some(llk_core::case::Signature {
        signer: "Wendy Hoekstra".into(),
        organisation: None,
        signed_at: "2026-10-27T10:00:00+01:00".into(),
        status: llk_core::case::SignatureStatus::Intact,
        pdf: Some(base64(&signed)),
    });
    // One that is not base64 is left out of the files (it is still in casus.json).
    case.documents[0].signature = Some(llk_core::case::Signature {
        signer: "X".into(),
        organisation: None,
        signed_at: "2026-03-01T10:00:00+01:00".into(),
        status: llk_core::case::SignatureStatus::Unverified,
        pdf: Some("niet base64!".into()),
    });
    let r = render_package(
        &catalog,
        &case,
        today(),
        &opts(&catalog, "gelderland", false),
    )
    .expect("renders");
    let files = attachments::read(&r.pdf).expect("reads");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, [CASE_ATTACHMENT, "document-3-overdracht.pdf"]);
    assert_eq!(files[1].bytes, signed);
    assert_eq!(files[1].mime, "application/pdf");
    assert_eq!(files[1].relationship, "Source");
    let back: Value = serde_json::from_slice(&files[0].bytes).expect("JSON");
    assert_eq!(back, case.to_json());
}

#[test]
fn a_case_without_an_overdracht_has_no_package() {
    let catalog = catalog();
    let refused = render_package(
        &catalog,
        &case(false),
        today(),
        &opts(&catalog, "gelderland", false),
    );
    match refused {
        Err(PdfError::Refused(m)) => assert!(m.contains("nog geen overdracht"), "{m}"),
        other => panic!("not refused: {:?}", other.map(|r| r.pages)),
    }
}

#[test]
fn a_pdf_without_attachments_has_none() {
    let catalog = catalog();
    let def = catalog.form("overdracht", "gelderland").expect("form");
    let answers = llk_core::example::example_answers(def, today());
    let r = llk_pdf::render(def, &answers, &opts(&catalog, "gelderland", false)).expect("renders");
    assert_eq!(attachments::read(&r.pdf).expect("reads"), Vec::new());
}

/// A PDF whose `/Names /EmbeddedFiles` tree is `tree`, built by `add`.
fn with_tree(add: impl FnOnce(&mut lopdf::Document) -> Object) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.7");
    let pages = doc.new_object_id();
    let mut page_tree = Dictionary::new();
    page_tree.set("Type", Object::Name(b"Pages".to_vec()));
    page_tree.set("Kids", Vec::<Object>::new());
    page_tree.set("Count", 0);
    doc.objects.insert(pages, Object::Dictionary(page_tree));
    let tree = add(&mut doc);
    let mut names = Dictionary::new();
    names.set("EmbeddedFiles", tree);
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", pages);
    catalog.set("Names", names);
    let root = doc.add_object(catalog);
    doc.trailer.set("Root", root);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

fn file_spec(doc: &mut lopdf::Document, stream: Stream) -> Object {
    let stream = doc.add_object(stream);
    let mut ef = Dictionary::new();
    ef.set("F", stream);
    let mut spec = Dictionary::new();
    spec.set("Type", Object::Name(b"Filespec".to_vec()));
    spec.set("F", Object::string_literal("casus.json"));
    spec.set("EF", ef);
    Object::Reference(doc.add_object(spec))
}

fn refused(pdf: &[u8], why: &str) {
    match attachments::read(pdf) {
        Err(PdfError::Refused(m)) => assert!(m.contains(why), "{m}"),
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn an_attachment_that_inflates_beyond_the_bound_is_refused() {
    let pdf = with_tree(|doc| {
        let mut bomb = Stream::new(
            Dictionary::new(),
            vec![b' '; attachments::MAX_ATTACHMENT_BYTES + 1],
        );
        bomb.compress().expect("compresses");
        let spec = file_spec(doc, bomb);
        let mut tree = Dictionary::new();
        tree.set("Names", vec![Object::string_literal("casus.json"), spec]);
        Object::Dictionary(tree)
    });
    assert!(pdf.len() < 1 << 20, "the bomb is small: {}", pdf.len());
    refused(&pdf, "groter dan 64 MiB");
}

#[test]
fn a_name_tree_that_contains_itself_is_refused() {
    let pdf = with_tree(|doc| {
        let node = doc.new_object_id();
        let mut tree = Dictionary::new();
        tree.set("Kids", vec![Object::Reference(node)]);
        doc.objects.insert(node, Object::Dictionary(tree));
        Object::Reference(node)
    });
    refused(&pdf, "te diep genest of te groot");
}

#[test]
fn a_name_tree_that_lists_a_node_twice_over_is_refused_quickly() {
    // Each node's kids are the node twice: 2^32 visits if only the depth were bounded.
    let pdf = with_tree(|doc| {
        let node = doc.new_object_id();
        let mut tree = Dictionary::new();
        tree.set(
            "Kids",
            vec![Object::Reference(node), Object::Reference(node)],
        );
        doc.objects.insert(node, Object::Dictionary(tree));
        Object::Reference(node)
    });
    let started = std::time::Instant::now();
    refused(&pdf, "te groot");
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

/// Rewritten with object streams and a cross-reference stream (qpdf), as other software
/// saves, the package still gives its case back.
#[test]
fn a_package_rewritten_with_object_streams_still_gives_its_case() {
    if !have("qpdf") {
        return;
    }
    let catalog = catalog();
    let case = case(true);
    let r = render_package(
        &catalog,
        &case,
        today(),
        &opts(&catalog, "gelderland", false),
    )
    .expect("renders");
    let dir = tmp("package-objstm");
    std::fs::create_dir_all(&dir).expect("dir");
    let (plain, packed) = (dir.join("plain.pdf"), dir.join("packed.pdf"));
    std::fs::write(&plain, &r.pdf).expect("write");
    let q = run(
        "qpdf",
        &[
            "--object-streams=generate",
            &plain.to_string_lossy(),
            &packed.to_string_lossy(),
        ],
    );
    assert!(q.status.success(), "{}", text(&q.stderr));
    let files = attachments::read(&std::fs::read(&packed).expect("read")).expect("reads");
    let back: Value = serde_json::from_slice(&files[0].bytes).expect("JSON");
    assert_eq!(back, case.to_json());
}

#[test]
fn damage_in_an_attachment_is_an_error_not_a_panic() {
    let pdf = with_tree(|doc| {
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let spec = file_spec(doc, Stream::new(dict, b"not zlib at all".to_vec()));
        let mut tree = Dictionary::new();
        tree.set("Names", vec![Object::string_literal("casus.json"), spec]);
        Object::Dictionary(tree)
    });
    assert!(matches!(attachments::read(&pdf), Err(PdfError::Pdf(_))));
    // Truncated anywhere, a package is never read with a panic.
    let catalog = catalog();
    let r = render_package(
        &catalog,
        &case(true),
        today(),
        &opts(&catalog, "gelderland", false),
    )
    .expect("renders");
    for cut in (0..r.pdf.len()).step_by(r.pdf.len() / 40) {
        let _ = attachments::read(&r.pdf[..cut]);
    }
    // Nor with any byte changed, on the way to the attachment or inside it.
    for at in (0..r.pdf.len()).step_by(r.pdf.len() / 400) {
        let mut flipped = r.pdf.clone();
        flipped[at] ^= 0x55;
        let _ = attachments::read(&flipped);
    }
}
