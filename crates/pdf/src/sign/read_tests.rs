//! The reader against lopdf on the same files, and damaged files as errors, not panics.

use super::*;
use lopdf::dictionary;

fn sample() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    // A classic table, as the kit writes (`render`); lopdf's default is a stream.
    doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
    let pages = doc.new_object_id();
    let annots = doc.add_object(Object::Array(vec![]));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Annots" => annots,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), Object::Real(841.5)],
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let form = doc.add_object(dictionary! {
        "Fields" => vec![], "DA" => Object::string_literal("(a) \\ b é"), "NeedAppearances" => false,
    });
    let catalog =
        doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages, "AcroForm" => form });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", Object::Null);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

#[test]
fn reads_what_signing_needs_as_lopdf_does() {
    let pdf = sample();
    let ours = load(&pdf).expect("reads");
    let theirs = Document::load_mem(&pdf).expect("lopdf reads");
    assert_eq!(ours.get_pages(), theirs.get_pages());
    assert_eq!(
        ours.trailer.get(b"Root").ok(),
        theirs.trailer.get(b"Root").ok()
    );
    assert!(ours.max_id >= ours.objects.keys().map(|k| k.0).max().unwrap_or(0));
    for (id, obj) in &ours.objects {
        assert_eq!(Some(obj), theirs.objects.get(id), "object {id:?}");
    }
    assert_eq!(
        ours.objects.len(),
        5,
        "catalog, form, page tree, page, annotations"
    );
}

/// `sample()` as PDF 1.5 writers save it: every object in one compressed object stream,
/// found through a compressed cross-reference stream with a PNG predictor (Up, as qpdf
/// and pyHanko write), behind a classic section it updates (`/Prev`).
fn sample_with_streams() -> Vec<u8> {
    let base = sample();
    let doc = Document::load_mem(&base).expect("lopdf reads");
    let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
    let (mut header, mut body) = (String::new(), Vec::new());
    for id in &ids {
        header.push_str(&format!("{} {} ", id.0, body.len()));
        super::super::update::write_object(&mut body, &doc.objects[id]);
        body.push(b' ');
    }
    let first = header.len();
    let content = [header.into_bytes(), body].concat();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&content, 6);
    let stm = doc.max_id + 1;
    let mut out = base.clone();
    let stm_at = out.len();
    out.extend_from_slice(
        format!("{stm} 0 obj\n<</Type /ObjStm /N {} /First {first} /Filter /FlateDecode /Length {}>>\nstream\n", ids.len(), packed.len()).as_bytes(),
    );
    out.extend_from_slice(&packed);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    // Rows of 1 + 4 bytes (type, two-byte field, one-byte index), each predicted Up.
    let xref = stm + 1;
    let xref_at = out.len();
    let mut rows: Vec<[u8; 4]> = vec![[0, 0, 0, 0]; xref as usize + 1];
    for (k, id) in ids.iter().enumerate() {
        rows[id.0 as usize] = [2, 0, stm as u8, k as u8];
    }
    rows[stm as usize] = [1, (stm_at >> 8) as u8, stm_at as u8, 0];
    rows[xref as usize] = [1, (xref_at >> 8) as u8, xref_at as u8, 0];
    let mut predicted = Vec::new();
    let mut prev = [0u8; 4];
    for r in &rows {
        predicted.push(2);
        predicted.extend(r.iter().zip(prev).map(|(c, p)| c.wrapping_sub(p)));
        prev = *r;
    }
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&predicted, 6);
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .expect("root");
    out.extend_from_slice(
        format!(
            "{xref} 0 obj\n<</Type /XRef /Size {} /W [1 2 1] /Root {} 0 R /Prev {} /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns 4>> /Length {}>>\nstream\n",
            xref + 1, root.0, super::super::update::last_startxref(&base).expect("startxref"), packed.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&packed);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

#[test]
fn reads_object_streams_through_a_cross_reference_stream_as_lopdf_does() {
    let pdf = sample_with_streams();
    let ours = load(&pdf).expect("reads");
    let theirs = Document::load_mem(&pdf).expect("lopdf reads");
    assert_eq!(ours.get_pages(), theirs.get_pages());
    for (id, obj) in &ours.objects {
        assert_eq!(Some(obj), theirs.objects.get(id), "object {id:?}");
    }
    assert_eq!(ours.objects.len(), 5);
    assert!(ours.trailer.has_type(b"XRef"));
    // Damage anywhere is an error, never a panic.
    for cut in (0..pdf.len()).step_by(11) {
        let _ = load(&pdf[..cut]);
    }
    let mut flipped = pdf.clone();
    for k in (0..flipped.len()).step_by(5) {
        flipped[k] ^= 0x21;
        let _ = load(&flipped);
        flipped[k] ^= 0x21;
    }
}

#[test]
fn an_update_after_a_cross_reference_stream_is_a_stream_lopdf_reads() {
    let pdf = sample_with_streams();
    let doc = load(&pdf).expect("reads");
    let mut up = super::super::update::Update::new(&pdf);
    let page = *doc.get_pages().values().next().expect("a page");
    let mut changed = doc.get_dictionary(page).expect("page").clone();
    changed.set("Rotate", 90);
    let mut body = Vec::new();
    super::super::update::write_object(&mut body, &Object::Dictionary(changed));
    up.object(page.0, &body);
    let mut trailer = Dictionary::new();
    trailer.set("Root", doc.trailer.get(b"Root").expect("root").clone());
    let out = up.finish(
        trailer,
        doc.max_id + 1,
        super::super::update::last_startxref(&pdf).expect("startxref"),
    );
    assert!(out.starts_with(&pdf), "the bytes before are kept");
    let tail = String::from_utf8_lossy(&out[pdf.len()..]);
    assert!(
        tail.contains("/Type /XRef") && !tail.contains("\ntrailer"),
        "{tail}"
    );
    for reread in [
        load(&out).expect("reads its update"),
        Document::load_mem(&out).expect("lopdf reads"),
    ] {
        assert_eq!(
            reread
                .get_dictionary(page)
                .expect("page")
                .get(b"Rotate")
                .ok(),
            Some(&Object::Integer(90))
        );
    }
}

#[test]
fn reals_without_from_str() {
    for (t, v) in [
        ("841.89", 841.89),
        ("-.5", -0.5),
        ("3.", 3.0),
        ("+0.25", 0.25),
    ] {
        assert_eq!(real(t), Some(v), "{t}");
    }
    for t in ["", "-", ".", "1.2.3", "1e5", "abc"] {
        assert_eq!(real(t), None, "{t}");
    }
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let pdf = sample();
    for cut in (0..pdf.len()).step_by(7) {
        let _ = load(&pdf[..cut]);
    }
    let mut flipped = pdf.clone();
    for k in (0..flipped.len()).step_by(13) {
        flipped[k] ^= 0x5a;
        let _ = load(&flipped);
    }
    assert!(load(b"%PDF-1.7\nstartxref\n0\n%%EOF").is_err());
    assert!(load(b"").is_err());
}

/// Found by the `pdf_sign` fuzz target (fuzz/regressions/pdf_sign/): a cross-reference
/// entry pointing past the end of the file made reading a number there slice past it.
#[test]
fn an_object_offset_past_the_end_is_an_error() {
    let pdf = b"%PDF-1.7\nxref\n0 2\n0000000000 65535 f \n0000099999 00000 n \ntrailer\n<</Size 2 /Root 1 0 R>>\nstartxref\n9\n%%EOF\n";
    assert!(load(pdf).is_err());
    assert!(load(&pdf[..pdf.len() - 1]).is_err());
}

/// Found by the `pdf_verify` fuzz target (fuzz/regressions/pdf_verify/): the largest
/// offset `startxref` can name overflowed looking for a keyword there.
#[test]
fn a_startxref_of_usize_max_is_an_error() {
    assert!(load(format!("startxref{}", usize::MAX).as_bytes()).is_err());
    assert!(load(format!("%PDF-1.7\nstartxref\n{}\n%%EOF", usize::MAX).as_bytes()).is_err());
}

/// Found by the `pdf_sign` fuzz target (fuzz/regressions/pdf_sign/): lopdf allocated a
/// cross-reference stream's field widths as given, 32 GB, and the process aborted.
#[test]
#[cfg(not(target_arch = "wasm32"))]
fn absurd_xref_stream_widths_never_reach_lopdf() {
    let pdf = |w: &str| {
        format!(
            "%PDF-1.7\n4 0 obj\n<</Type /XRef /Size 5 /W [1 {w} 1] /Root 1 0 R /Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"
        )
    };
    let Err(PdfError::Refused(m)) = fit_for_lopdf(pdf("32222222222").as_bytes()) else {
        panic!("a 32 GB field passes");
    };
    assert!(m.contains("meer dan 8 bytes"), "{m}");
    assert!(fit_for_lopdf(pdf("3").as_bytes()).is_ok());
    // Counted from `%PDF-`, as lopdf does, wherever that starts.
    let shifted = format!("ab{}", pdf("32222222222"));
    assert!(fit_for_lopdf(shifted.as_bytes()).is_err());
    assert!(
        fit_for_lopdf(&sample()).is_ok(),
        "a classic table is lopdf's to read"
    );
}
