//! The visible part of a signature: a small box on the last page saying who signed, in
//! which role, and when, with the drawn signature when there is one. It uses the standard Helvetica (WinAnsi) so it needs no font of
//! its own; render() keeps the strip it goes in free of text.

use super::SignOptions;
use super::cert::Subject;
use crate::layout::{MARGIN_X, SIGNATURE_STRIP_BOTTOM, SIGNATURE_STRIP_HEIGHT};
use lopdf::{Dictionary, Object, Stream};

const W: f32 = 155.0;
const GAP: f32 = 10.0;

/// Where the `nth` signature's box goes: side by side, three to a row, then over again.
pub fn rect(nth: usize) -> [f32; 4] {
    let x = MARGIN_X + (nth % 3) as f32 * (W + GAP);
    let y = SIGNATURE_STRIP_BOTTOM;
    [x, y, x + W, y + SIGNATURE_STRIP_HEIGHT]
}

pub fn stream(subject: &Subject, opts: &SignOptions, rect: [f32; 4]) -> Stream {
    let time = opts.time;
    let (w, h) = (rect[2] - rect[0], rect[3] - rect[1]);
    let role = [subject.role.as_deref(), subject.organisation.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let lines: [(&str, f32, String); 4] = [
        ("F1", 6.5, "Digitaal ondertekend (PAdES) door".into()),
        ("F2", 8.5, subject.name.clone()),
        ("F1", 6.5, role),
        ("F1", 6.5, time.dutch()),
    ];
    let mut c = format!(
        "q 0 0 {w} {h} re W n 0.96 0.97 1 rg 0 0 {w} {h} re f 0.25 0.35 0.6 RG 0.8 w 0.4 0.4 {} {} re S\n",
        w - 0.8,
        h - 0.8
    )
    .into_bytes();
    // The drawn signature, fitted into the top right corner, light, under the text.
    let pts = opts.strokes.iter().flatten();
    let (x0, x1) = pts
        .clone()
        .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (y0, y1) = pts.fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    // Below the first line, right of the name: names up to ~100 pt stay clear of it.
    let (area_w, area_h) = (44.0, 18.0);
    let scale = (area_w / (x1 - x0).max(1.0)).min(area_h / (y1 - y0).max(1.0));
    c.extend_from_slice(b"q 0.3 0.4 0.8 RG 0.7 w 1 J 1 j\n");
    for stroke in &opts.strokes {
        for (k, &(x, y)) in stroke.iter().enumerate() {
            let px = w - 4.0 - area_w + (x - x0) * scale;
            let py = h - 14.0 - (y - y0) * scale;
            let op = if k == 0 { "m" } else { "l" };
            c.extend_from_slice(format!("{px:.2} {py:.2} {op} ").as_bytes());
        }
        if stroke.len() > 1 {
            c.extend_from_slice(b"S\n");
        }
    }
    c.extend_from_slice(b"Q\n");
    let mut y = h - 11.0;
    for (font, size, text) in lines {
        c.extend_from_slice(format!("BT /{font} {size} Tf 0.1 0.1 0.1 rg 5 {y} Td ").as_bytes());
        super::update::literal(&mut c, &win_ansi(&text));
        c.extend_from_slice(b" Tj ET\n");
        y -= size + 4.0;
    }
    c.extend_from_slice(b"Q");

    let font = |base: &str| {
        let mut f = Dictionary::new();
        f.set("Type", Object::Name(b"Font".to_vec()));
        f.set("Subtype", Object::Name(b"Type1".to_vec()));
        f.set("BaseFont", Object::Name(base.as_bytes().to_vec()));
        f.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        f
    };
    let mut fonts = Dictionary::new();
    fonts.set("F1", font("Helvetica"));
    fonts.set("F2", font("Helvetica-Bold"));
    let mut resources = Dictionary::new();
    resources.set("Font", fonts);
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Form".to_vec()));
    d.set(
        "BBox",
        vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
    );
    d.set("Resources", resources);
    Stream::new(d, c)
}

/// Text in WinAnsiEncoding (Windows-1252): Latin-1 plus the typographic quotes, dashes and
/// €; anything else becomes `?` (the certificate keeps the exact name).
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '–' => 0x96,
            '—' => 0x97,
            c if (c as u32) < 0x80 || (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}
