//! What a page of a PDF holds for reading a plan: its letters with their positions, and the
//! straight lines drawn on it (a table's rulings), all in points from the top left corner.

use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

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
    let mut pages = Pages::default();
    // The extractor panics on some malformed files rather than returning an error: a bad
    // upload must give an error, never take the process down with it.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut pages)
    }));
    match outcome {
        Ok(Ok(())) => Ok(pages.done),
        Ok(Err(e)) => Err(unreadable(e.to_string())),
        Err(_) => Err(unreadable("its contents are malformed".into())),
    }
}

#[derive(Default)]
struct Pages {
    done: Vec<Page>,
    current: Page,
}

impl Pages {
    /// A path's straight horizontal and vertical pieces, turned the right way up.
    fn rules(&mut self, ctm: &Transform, path: &Path) {
        let height = self.current.height;
        let at = |x: f64, y: f64| {
            let (px, py) = (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            );
            (px, height - py)
        };
        let mut from = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => from = Some(at(x, y)),
                PathOp::LineTo(x, y) => {
                    let to = at(x, y);
                    if let Some(f) = from {
                        self.push(f, to);
                    }
                    from = Some(to);
                }
                // Word draws cell borders as thin filled rectangles.
                PathOp::Rect(x, y, w, h) => {
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
                PathOp::CurveTo(.., x, y) => from = Some(at(x, y)),
                PathOp::Close => {}
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

impl OutputDev for Pages {
    fn begin_page(
        &mut self,
        _number: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.current = Page {
            height: media_box.ury - media_box.lly,
            ..Page::default()
        };
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.done.push(std::mem::take(&mut self.current));
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
        // The size the letter is drawn at: the font size scaled by the text matrix.
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        self.current.glyphs.push(Glyph {
            x: trm.m31,
            y: self.current.height - trm.m32,
            width: width * size,
            size,
            text: text.to_string(),
        });
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
        self.rules(ctm, path);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        _colorspace: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.rules(ctm, path);
        Ok(())
    }
}
