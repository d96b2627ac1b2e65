//! What a page of a PDF holds for reading a plan: its letters with their positions, and the
//! straight lines drawn on it (a table's rulings), all in points from the top left corner.
//!
//! The pages are read by our own pass over lopdf ([`interpret`](super::interpret)), which
//! reads each font once for the whole document; a document with a font that pass leaves
//! alone (a Type 3 font, a standard font without its widths) is read by pdf-extract instead.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::interpret::{self, Stop};
use crate::{FormatError, Place};

/// One letter (or ligature) as placed on the page.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub x: f64,
    /// The baseline, from the top of the page.
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// A horizontal or vertical line drawn on the page: from (x0, y0) to (x1, y1), with x0 <= x1
/// and y0 <= y1, one of the two pairs equal (within a point).
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0) < 1.5 && (self.x1 - self.x0) >= 1.5
    }

    pub fn vertical(&self) -> bool {
        (self.x1 - self.x0) < 1.5 && (self.y1 - self.y0) >= 1.5
    }
}

#[derive(Debug, Default)]
pub(super) struct Page {
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// Every page of the document.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Page>, FormatError> {
    let unreadable = |why: String| {
        FormatError::new(
            Place::Document,
            format!("this PDF cannot be read ({why})."),
            "Open it and save it again as PDF, or import the document it was made from (.docx, .odt, .xlsx).",
        )
    };
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| unreadable(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(FormatError::new(
            Place::Document,
            "this PDF is protected with a password, so its text cannot be read.",
            "Save a copy without the password (or import the document it was made from) and import that.",
        ));
    }
    // Neither reader should panic, but pdf-extract does on some malformed files rather than
    // returning an error: a bad upload must give an error, never take the process down.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut pages = Pages::default();
        match interpret::read(&doc, &mut pages) {
            Ok(()) => Ok(pages.done),
            Err(Stop::Malformed(why)) => Err(why),
            Err(Stop::Unsupported) => {
                let mut pages = Pages::default();
                pdf_extract::output_doc(&doc, &mut pages)
                    .map(|()| pages.done)
                    .map_err(|e| e.to_string())
            }
        }
    }));
    match outcome {
        Ok(Ok(pages)) => Ok(pages),
        Ok(Err(why)) => Err(unreadable(why)),
        Err(_) => Err(unreadable("its contents are malformed".into())),
    }
}

/// A transformation as PDF writes it, `[a b c d e f]`, applied to a row vector `[x y 1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Matrix {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn translate(x: f64, y: f64) -> Matrix {
        Matrix {
            e: x,
            f: y,
            ..Matrix::IDENTITY
        }
    }

    /// This transformation, then `next`.
    pub fn then(&self, next: &Matrix) -> Matrix {
        Matrix {
            a: self.a * next.a + self.b * next.c,
            b: self.a * next.b + self.b * next.d,
            c: self.c * next.a + self.d * next.c,
            d: self.c * next.b + self.d * next.d,
            e: self.e * next.a + self.f * next.c + next.e,
            f: self.e * next.b + self.f * next.d + next.f,
        }
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (
            x * self.a + y * self.c + self.e,
            x * self.b + y * self.d + self.f,
        )
    }

    fn from_transform(t: &Transform) -> Matrix {
        Matrix {
            a: t.m11,
            b: t.m12,
            c: t.m21,
            d: t.m22,
            e: t.m31,
            f: t.m32,
        }
    }
}

/// A piece of a path, in the coordinates it is drawn in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Seg {
    Move(f64, f64),
    Line(f64, f64),
    Rect(f64, f64, f64, f64),
    /// A curve, by where it ends.
    Curve(f64, f64),
    Close,
}

/// The pages read so far, and the one being read.
#[derive(Default)]
pub(super) struct Pages {
    done: Vec<Page>,
    current: Page,
}

impl Pages {
    /// Start a page `height` points tall.
    pub fn begin(&mut self, height: f64) {
        self.current = Page {
            height,
            ..Page::default()
        };
    }

    pub fn end(&mut self) {
        self.done.push(std::mem::take(&mut self.current));
    }

    /// A letter drawn with the text rendering matrix `trm`, `width` its advance in text
    /// space units (thousandths of the font size, divided by 1000), at `font_size`.
    pub fn glyph(&mut self, trm: &Matrix, width: f64, font_size: f64, text: &str) {
        // The size the letter is drawn at: the font size scaled by the text matrix.
        let size = font_size * (trm.a * trm.d - trm.b * trm.c).abs().sqrt();
        self.current.glyphs.push(Glyph {
            x: trm.e,
            y: self.current.height - trm.f,
            width: width * size,
            size,
            text: text.to_string(),
        });
    }

    /// A path's straight horizontal and vertical pieces, turned the right way up.
    pub fn path(&mut self, ctm: &Matrix, path: &[Seg]) {
        let height = self.current.height;
        let at = |x: f64, y: f64| {
            let (px, py) = ctm.apply(x, y);
            (px, height - py)
        };
        let mut from = None;
        for seg in path {
            match *seg {
                Seg::Move(x, y) => from = Some(at(x, y)),
                Seg::Line(x, y) => {
                    let to = at(x, y);
                    if let Some(f) = from {
                        self.push(f, to);
                    }
                    from = Some(to);
                }
                // Word draws cell borders as thin filled rectangles.
                Seg::Rect(x, y, w, h) => {
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    let (wide, tall) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
                    if tall < 1.5 {
                        let mid = (a.1 + b.1) / 2.0;
                        self.push((a.0, mid), (b.0, mid));
                    } else if wide < 1.5 {
                        let mid = (a.0 + b.0) / 2.0;
                        self.push((mid, a.1), (mid, b.1));
                    }
                    // A larger rectangle is shading (a cell's, or the page's background),
                    // which says nothing sure about where a table's cells are.
                }
                Seg::Curve(x, y) => from = Some(at(x, y)),
                Seg::Close => {}
            }
        }
    }

    fn push(&mut self, a: (f64, f64), b: (f64, f64)) {
        let rule = Rule {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        };
        if rule.horizontal() || rule.vertical() {
            self.current.rules.push(rule);
        }
    }
}

/// pdf-extract's pass, for documents with a font ours leaves alone.
impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        _number: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.begin(media_box.ury - media_box.lly);
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.end();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyph(&Matrix::from_transform(trm), width, font_size, text);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(&Matrix::from_transform(ctm), &segs(path));
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.path(&Matrix::from_transform(ctm), &segs(path));
        Ok(())
    }
}

fn segs(path: &Path) -> Vec<Seg> {
    path.ops
        .iter()
        .map(|op| match *op {
            PathOp::MoveTo(x, y) => Seg::Move(x, y),
            PathOp::LineTo(x, y) => Seg::Line(x, y),
            PathOp::Rect(x, y, w, h) => Seg::Rect(x, y, w, h),
            PathOp::CurveTo(.., x, y) => Seg::Curve(x, y),
            PathOp::Close => Seg::Close,
        })
        .collect()
}
