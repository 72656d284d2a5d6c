//! Pages of text, rules and strokes. printpdf's op API has no line breaking or pagination:
//! text is wrapped here by the font's advance widths, and a new page starts whenever the
//! next line would cross the bottom margin, so nothing is ever cut off.

use crate::font::{BOLD_STROKE, Face, Fonts};
use crate::tags::{self, Tags};
use printpdf::{
    Color, Line, LinePoint, Op, PdfFontHandle, Point, Pt, Rgb, TextItem, TextRenderingMode,
};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 56.7;
const MARGIN_TOP: f32 = 56.7;
/// Room below the text for the footer.
const MARGIN_BOTTOM: f32 = 70.0;
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
/// The strip at the bottom of the last page where signature appearances go (above the
/// footer, below the text); render() keeps it free.
pub const SIGNATURE_STRIP_BOTTOM: f32 = MARGIN_BOTTOM + 4.0;
pub const SIGNATURE_STRIP_HEIGHT: f32 = 46.0;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    /// Grey level, 0 = black.
    pub grey: f32,
    pub indent: f32,
}

impl Style {
    pub const fn new(size: f32, bold: bool) -> Style {
        Style {
            size,
            bold,
            grey: 0.0,
            indent: 0.0,
        }
    }
    pub const fn grey(mut self, g: f32) -> Style {
        self.grey = g;
        self
    }
    pub const fn indent(mut self, by: f32) -> Style {
        self.indent = by;
        self
    }
    fn leading(self) -> f32 {
        self.size * 1.35
    }
}

#[derive(Debug)]
pub(crate) struct Layout {
    pub fonts: Fonts,
    pub pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The structure tree: every line drawn is marked content of the element open then.
    pub tags: Tags,
    /// Distance of the next line's top from the page's top edge.
    y: f32,
}

impl Layout {
    pub fn new(fonts: Fonts) -> Layout {
        Layout {
            fonts,
            pages: Vec::new(),
            ops: Vec::new(),
            tags: Tags::new(),
            y: MARGIN_TOP,
        }
    }

    /// Opens a structure element (`P`, `H2`, `Table`…) for what is drawn next.
    pub fn open(&mut self, role: &'static str) -> usize {
        self.tags.open(role)
    }

    pub fn close(&mut self) {
        self.tags.close();
    }

    /// Wrapped text as one element of its own (a heading, a paragraph).
    pub fn tagged(&mut self, role: &'static str, text: &str, style: Style) {
        self.open(role);
        self.text(text, style);
        self.close();
    }

    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn keep(&mut self, height: f32) {
        if self.y + height > PAGE_H - MARGIN_BOTTOM && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, pt: f32) {
        self.y += pt;
    }

    /// Wrapped text; `keep_lines` lines at least stay together with what comes next.
    pub fn text(&mut self, text: &str, style: Style) {
        let text = self.fonts.drawable(text);
        let width = TEXT_W - style.indent;
        let lines = wrap(self.fonts.face(style.bold), &text, style.size, width);
        for line in lines {
            self.keep(style.leading());
            self.y += style.leading();
            if !line.is_empty() {
                let baseline = PAGE_H - self.y + style.size * 0.3;
                self.show(&line, MARGIN_X + style.indent, baseline, style);
            }
        }
    }

    /// A list item: a bullet (its label) and the wrapped text beside it (its body).
    pub fn bullet(&mut self, text: &str, style: Style) {
        self.keep(style.leading());
        let baseline = PAGE_H - self.y - style.leading() + style.size * 0.3;
        self.open("LI");
        self.open("Lbl");
        self.show("•", MARGIN_X + style.indent, baseline, style);
        self.close();
        self.tagged("LBody", text, style.indent(style.indent + style.size));
        self.close();
    }

    /// One line of already drawable text at an absolute position (bottom-left origin), as
    /// content of the open element.
    pub fn show(&mut self, line: &str, x: f32, baseline: f32, style: Style) {
        let ops = text_ops(self.fonts.face(style.bold), line, x, baseline, style);
        self.draw(ops);
    }

    /// Graphics already placed in PDF coordinates (the ladder diagram, a drawn signature),
    /// as content of the open element.
    pub fn draw(&mut self, ops: Vec<Op>) {
        let page = self.pages.len();
        let ops = self.tags.marked(page, ops);
        self.ops.extend(ops);
    }

    /// Decoration a screen reader skips.
    pub fn artifact(&mut self, ops: Vec<Op>) {
        self.ops.extend(tags::artifact(ops));
    }

    /// A horizontal rule across the text width.
    pub fn rule(&mut self, grey_level: f32) {
        self.keep(8.0);
        self.y += 4.0;
        let y = PAGE_H - self.y;
        let line = polyline(&[(MARGIN_X, y), (PAGE_W - MARGIN_X, y)], 0.5, grey_level);
        self.artifact(line);
        self.y += 4.0;
    }

    /// Reserves `height` points (on a new page if needed) and returns the top of the
    /// reserved area in PDF coordinates (bottom-left origin).
    pub fn reserve(&mut self, height: f32) -> f32 {
        self.keep(height);
        let top = PAGE_H - self.y;
        self.y += height;
        top
    }

    /// Keeps the signature strip of this (the last) page free of text.
    pub fn keep_signature_strip_free(&mut self) {
        self.keep(SIGNATURE_STRIP_HEIGHT + 12.0);
    }

    /// All pages, the last one included.
    pub fn finish(mut self) -> (Vec<Vec<Op>>, Fonts, Tags) {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        (self.pages, self.fonts, self.tags)
    }
}

/// The ops that stroke a line through `points`.
pub fn polyline(points: &[(f32, f32)], width: f32, grey_level: f32) -> Vec<Op> {
    if points.len() < 2 {
        return Vec::new();
    }
    vec![
        Op::SaveGraphicsState,
        Op::SetOutlineColor {
            col: grey(grey_level),
        },
        Op::SetOutlineThickness { pt: Pt(width) },
        Op::DrawLine {
            line: Line {
                points: points
                    .iter()
                    .map(|&(x, y)| LinePoint {
                        p: Point { x: Pt(x), y: Pt(y) },
                        bezier: false,
                    })
                    .collect(),
                is_closed: false,
            },
        },
        Op::RestoreGraphicsState,
    ]
}

/// The ops that draw one line of drawable text at an absolute position.
pub fn text_ops(face: &Face, line: &str, x: f32, baseline: f32, style: Style) -> Vec<Op> {
    let mut ops = vec![
        Op::StartTextSection,
        Op::SetFillColor {
            col: grey(style.grey),
        },
        Op::SetFont {
            font: PdfFontHandle::External(face.id.clone()),
            size: Pt(style.size),
        },
        Op::SetTextCursor {
            pos: Point {
                x: Pt(x),
                y: Pt(baseline),
            },
        },
        Op::ShowText {
            items: vec![TextItem::Text(line.to_string())],
        },
        Op::EndTextSection,
    ];
    if style.bold {
        // Bold: the glyphs filled and outlined in the same colour (one embedded face
        // only), in a saved graphics state so the line width does not reach later drawing.
        ops.splice(
            0..0,
            [
                Op::SaveGraphicsState,
                Op::SetOutlineColor {
                    col: grey(style.grey),
                },
                Op::SetOutlineThickness {
                    pt: Pt(style.size * BOLD_STROKE),
                },
                Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                },
            ],
        );
        ops.push(Op::RestoreGraphicsState);
    }
    ops
}

pub fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

/// Lines of at most `width` points: breaks at spaces, keeps the author's line breaks, and
/// breaks a word that is wider than a line by characters (a long URL, a pasted hash).
pub fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if face.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: split it where it overflows.
            for c in word.chars() {
                line.push(c);
                if face.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use printpdf::PdfDocument;

    #[test]
    fn wrapping_keeps_every_character_and_fits_the_width() {
        let mut doc = PdfDocument::new("t");
        let fonts = Fonts::load(&mut doc).expect("fonts");
        let text = format!("Een zin met woorden. {}\nNieuwe regel", "x".repeat(300));
        let lines = wrap(&fonts.regular, &text, 10.0, 200.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(fonts.regular.width(l, 10.0) <= 200.0, "{l}");
        }
        let joined: String = lines.concat();
        let without_ws = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(without_ws(&joined), without_ws(&text));
    }
}
