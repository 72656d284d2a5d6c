//! The embedded font: a DejaVu Sans subset (Latin-1, Latin Extended-A, General Punctuation,
//! €, □; see `fonts/subset.sh`). The layout measures text with its advance widths, and every
//! character the subset lacks becomes the visible marker `□` and is reported to the caller.
//!
//! One face only: bold text is the same glyphs filled and stroked ([`BOLD_STROKE`]), as
//! word processors do for fonts without a bold. A second embedded face cost the browser's
//! PDF module 17 KB gzip of its 500 KB budget.

use crate::PdfError;
use printpdf::{FontId, ParsedFont, PdfDocument};
use std::collections::BTreeSet;

pub(crate) const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans-subset.ttf");

/// The outline width of bold text, as a fraction of the font size.
pub(crate) const BOLD_STROKE: f32 = 0.035;

/// Shown instead of a character the font cannot draw (U+25A1 WHITE SQUARE).
pub const MARKER: char = '□';

#[derive(Debug)]
pub(crate) struct Face {
    parsed: ParsedFont,
    pub id: FontId,
}

impl Face {
    fn load(bytes: &[u8], doc: &mut PdfDocument) -> Result<Face, PdfError> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| PdfError::Font("the embedded font does not parse".into()))?;
        let id = doc.add_font(&parsed);
        Ok(Face { parsed, id })
    }

    fn glyph(&self, c: char) -> Option<u16> {
        self.parsed
            .lookup_glyph_index(u32::from(c))
            .filter(|&g| g != 0)
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                self.glyph(c)
                    .and_then(|g| self.parsed.get_glyph_width(g))
                    .map_or(600, u32::from)
            })
            .sum();
        units as f32 / upem * size
    }
}

/// The face, added to the document, and the characters replaced so far.
#[derive(Debug)]
pub(crate) struct Fonts {
    pub regular: Face,
    pub replaced: BTreeSet<char>,
}

impl Fonts {
    pub fn load(doc: &mut PdfDocument) -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::load(REGULAR, doc)?,
            replaced: BTreeSet::new(),
        })
    }

    /// The face for regular or bold text: the same one (bold is stroked, see `text_ops`).
    pub fn face(&self, _bold: bool) -> &Face {
        &self.regular
    }

    /// Text the fonts can draw: decomposed accents composed, tabs become spaces, other
    /// control characters go, and a character the face lacks becomes [`MARKER`] (noted
    /// in `replaced`). Line breaks are kept for the wrapper.
    pub fn drawable(&mut self, text: &str) -> String {
        let text = crate::compose::compose(text);
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\n' => out.push('\n'),
                '\t' => out.push(' '),
                c if c.is_control() => {}
                // Zero-width joiners and variation selectors only make sense next to the
                // emoji they modify, which is replaced anyway.
                '\u{200B}'..='\u{200D}' | '\u{FE00}'..='\u{FE0F}' => {}
                c if self.regular.glyph(c).is_some() => out.push(c),
                c => {
                    self.replaced.insert(c);
                    out.push(MARKER);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_text_is_drawable_and_emoji_become_the_marker() {
        let mut doc = PdfDocument::new("t");
        let mut fonts = Fonts::load(&mut doc).expect("fonts");
        let dutch = "Daniël één ïs ĳs € „zo” — ‘ja’ Œ ß";
        assert_eq!(fonts.drawable(dutch), dutch);
        assert_eq!(fonts.drawable("Noe\u{0308}lle"), "Noëlle");
        assert!(fonts.replaced.is_empty());
        assert_eq!(fonts.drawable("ok 😀 中文"), "ok □ □□");
        assert_eq!(
            fonts.replaced.iter().collect::<String>(),
            "中文😀"
                .chars()
                .collect::<BTreeSet<_>>()
                .iter()
                .collect::<String>()
        );
        let w = fonts.regular.width("mmmm", 10.0);
        assert!(w > 30.0 && w < 45.0, "{w}");
    }
}
