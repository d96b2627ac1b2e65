//! One pass over each page's content stream (read by [`lexer`](super::lexer)): the text state
//! and the graphics state as the PDF specification sets them, each shown letter passed on
//! with its position and size, each painted path with the transformation it is drawn with.
//! Fonts are read once per font object ([`fonts`](super::fonts)), whichever page names them.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::{Font, Unsupported, number};
use super::lexer::{Operand, Ops};
use super::page::{Matrix, Pages, Seg};

/// Why the pass stopped: a font it leaves to pdf-extract, or a file it cannot read.
pub(super) enum Stop {
    Unsupported,
    Malformed(String),
}

impl From<Unsupported> for Stop {
    fn from(_: Unsupported) -> Self {
        Stop::Unsupported
    }
}

/// Forms drawn inside forms deeper than this are left out (a form that draws itself).
const FORM_DEPTH: usize = 12;

/// Every page of `doc` into `out`.
pub(super) fn read(doc: &Document, out: &mut Pages) -> Result<(), Stop> {
    let mut fonts = Fonts::default();
    let empty = Dictionary::new();
    for (number, id) in doc.get_pages() {
        let page = doc
            .get_dictionary(id)
            .map_err(|e| Stop::Malformed(format!("page {number}: {e}")))?;
        let media_box = inherited(doc, page, b"MediaBox")
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .map(|v| number_of(doc, v))
                    .collect::<Option<Vec<f64>>>()
            })
            .and_then(|v| v.filter(|v| v.len() == 4))
            .ok_or_else(|| Stop::Malformed(format!("page {number} has no page size")))?;
        let resources = inherited(doc, page, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .unwrap_or(&empty);
        let content = doc
            .get_page_content(id)
            .map_err(|e| Stop::Malformed(format!("page {number}: {e}")))?;
        out.begin(media_box[3] - media_box[1]);
        let mut state = State::default();
        run(doc, &content, resources, &mut state, &mut fonts, out, 0)?;
        out.end();
    }
    Ok(())
}

/// A page's entry, or its nearest ancestor's in the page tree.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(o) = node.get(key) {
            return doc.dereference(o).ok().map(|(_, o)| o);
        }
        node = node
            .get(b"Parent")
            .ok()
            .and_then(|p| doc.dereference(p).ok())
            .and_then(|(_, o)| o.as_dict().ok())?;
    }
    None
}

fn number_of(doc: &Document, o: &Object) -> Option<f64> {
    number(doc.dereference(o).ok().map(|(_, o)| o))
}

/// The fonts read so far, by object (a font written inline in a page's resources is read
/// again each time it is chosen).
#[derive(Default)]
struct Fonts {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

impl Fonts {
    fn get(
        &mut self,
        doc: &Document,
        resources: &Dictionary,
        name: &[u8],
    ) -> Result<Rc<Font>, Stop> {
        let missing = || Stop::Malformed("a font the text is shown in is missing".into());
        let fonts = resources
            .get(b"Font")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .ok_or_else(missing)?;
        let entry = fonts.get(name).map_err(|_| missing())?;
        let (id, font) = doc.dereference(entry).map_err(|_| missing())?;
        let dict = font.as_dict().map_err(|_| missing())?;
        if let Some(id) = id {
            if let Some(f) = self.by_id.get(&id) {
                return Ok(f.clone());
            }
            let f = Rc::new(Font::read(doc, dict)?);
            self.by_id.insert(id, f.clone());
            return Ok(f);
        }
        Ok(Rc::new(Font::read(doc, dict)?))
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scaling: f64,
    leading: f64,
    rise: f64,
    tm: Matrix,
    tlm: Matrix,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
        }
    }
}

impl State {
    /// Start the next line, `tx`, `ty` from the start of this one.
    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    /// Move along the line by `tx` in text space.
    fn advance(&mut self, tx: f64) {
        self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
    }

    fn show(&mut self, bytes: &[u8], out: &mut Pages) {
        // Text before any font is chosen draws nothing that can be read.
        let Some(font) = self.font.clone() else {
            return;
        };
        for c in font.codes(bytes) {
            let text_space = Matrix {
                a: self.scaling,
                d: 1.0,
                f: self.rise,
                ..Matrix::IDENTITY
            };
            let trm = text_space.then(&self.tm).then(&self.ctm);
            let w0 = font.width(c.cid) / 1000.0;
            out.glyph(&trm, w0, self.size, font.text(c.code));
            let mut spacing = self.char_spacing;
            if c.code == 32 && c.len == 1 {
                spacing += self.word_spacing;
            }
            self.advance(self.scaling * (w0 * self.size + spacing));
        }
    }
}

/// The first `N` operands, all numbers.
fn nums<const N: usize>(operands: &[Operand]) -> Option<[f64; N]> {
    let mut out = [0.0; N];
    for (slot, o) in out.iter_mut().zip(operands) {
        let Operand::Number(n) = o else {
            return None;
        };
        *slot = *n;
    }
    (operands.len() >= N).then_some(out)
}

fn matrix(operands: &[Operand]) -> Option<Matrix> {
    let [a, b, c, d, e, f] = nums::<6>(operands)?;
    Some(Matrix { a, b, c, d, e, f })
}

/// A form's /Matrix.
fn object_matrix(doc: &Document, o: &Object) -> Option<Matrix> {
    let a = o.as_array().ok()?;
    let v: Vec<f64> = a.iter().map(|o| number_of(doc, o)).collect::<Option<_>>()?;
    let [a, b, c, d, e, f] = <[f64; 6]>::try_from(v).ok()?;
    Some(Matrix { a, b, c, d, e, f })
}

/// One content stream, with the state it starts in.
fn run(
    doc: &Document,
    content: &[u8],
    resources: &Dictionary,
    state: &mut State,
    fonts: &mut Fonts,
    out: &mut Pages,
    depth: usize,
) -> Result<(), Stop> {
    let mut ops = Ops::new(content);
    let mut saved: Vec<State> = Vec::new();
    let mut path: Vec<Seg> = Vec::new();
    while let Some((operator, args)) = ops.next_op() {
        match operator {
            b"q" => saved.push(state.clone()),
            b"Q" => {
                if let Some(s) = saved.pop() {
                    *state = s;
                }
            }
            b"cm" => {
                if let Some(m) = matrix(args) {
                    state.ctm = m.then(&state.ctm);
                }
            }
            b"BT" | b"ET" => {
                state.tm = Matrix::IDENTITY;
                state.tlm = Matrix::IDENTITY;
            }
            b"Tf" => {
                if let (Some(Operand::Name(name)), Some([size])) =
                    (args.first(), args.get(1..).and_then(nums::<1>))
                {
                    state.font = Some(fonts.get(doc, resources, name)?);
                    state.size = size;
                }
            }
            b"Tc" => state.char_spacing = nums::<1>(args).map_or(state.char_spacing, |[v]| v),
            b"Tw" => state.word_spacing = nums::<1>(args).map_or(state.word_spacing, |[v]| v),
            b"Tz" => state.scaling = nums::<1>(args).map_or(state.scaling, |[v]| v / 100.0),
            b"TL" => state.leading = nums::<1>(args).map_or(state.leading, |[v]| v),
            b"Ts" => state.rise = nums::<1>(args).map_or(state.rise, |[v]| v),
            b"Tm" => {
                if let Some(m) = matrix(args) {
                    state.tlm = m;
                    state.tm = m;
                }
            }
            b"Td" => {
                if let Some([tx, ty]) = nums::<2>(args) {
                    state.next_line(tx, ty);
                }
            }
            b"TD" => {
                if let Some([tx, ty]) = nums::<2>(args) {
                    state.leading = -ty;
                    state.next_line(tx, ty);
                }
            }
            b"T*" => state.next_line(0.0, -state.leading),
            b"Tj" => {
                if let Some(Operand::Str(s)) = args.first() {
                    state.show(s, out);
                }
            }
            b"'" => {
                state.next_line(0.0, -state.leading);
                if let Some(Operand::Str(s)) = args.first() {
                    state.show(s, out);
                }
            }
            b"\"" => {
                if let Some([aw, ac]) = nums::<2>(args) {
                    state.word_spacing = aw;
                    state.char_spacing = ac;
                }
                state.next_line(0.0, -state.leading);
                if let Some(Operand::Str(s)) = args.get(2) {
                    state.show(s, out);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Operand::Str(s) => state.show(s, out),
                            Operand::Number(n) => {
                                state.advance(-state.scaling * n / 1000.0 * state.size);
                            }
                            _ => {}
                        }
                    }
                }
            }
            b"m" => {
                if let Some([x, y]) = nums::<2>(args) {
                    path.push(Seg::Move(x, y));
                }
            }
            b"l" => {
                if let Some([x, y]) = nums::<2>(args) {
                    path.push(Seg::Line(x, y));
                }
            }
            b"c" => {
                if let Some([.., x, y]) = nums::<6>(args) {
                    path.push(Seg::Curve(x, y));
                }
            }
            b"v" | b"y" => {
                if let Some([.., x, y]) = nums::<4>(args) {
                    path.push(Seg::Curve(x, y));
                }
            }
            b"re" => {
                if let Some([x, y, w, h]) = nums::<4>(args) {
                    path.push(Seg::Rect(x, y, w, h));
                }
            }
            b"h" => path.push(Seg::Close),
            // Painted, stroked or filled: a table's rulings are either.
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                out.path(&state.ctm, &path);
                path.clear();
            }
            b"n" => path.clear(),
            b"Do" => {
                if depth < FORM_DEPTH
                    && let Some(Operand::Name(name)) = args.first()
                {
                    form(doc, resources, name, state, fonts, out, depth)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A form XObject drawn with `Do`: its content, in its own matrix and resources. Images
/// hold no text or rulings.
fn form(
    doc: &Document,
    resources: &Dictionary,
    name: &[u8],
    state: &State,
    fonts: &mut Fonts,
    out: &mut Pages,
    depth: usize,
) -> Result<(), Stop> {
    let Some(stream) = resources
        .get(b"XObject")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .and_then(|x| x.get(name).ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_stream().ok())
    else {
        return Ok(());
    };
    let subtype = stream.dict.get(b"Subtype").and_then(Object::as_name);
    if subtype.ok() != Some(b"Form".as_slice()) {
        return Ok(());
    }
    let own = stream
        .dict
        .get(b"Resources")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
        .unwrap_or(resources);
    let mut inner = state.clone();
    if let Some(m) = stream
        .dict
        .get(b"Matrix")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| object_matrix(doc, o))
    {
        inner.ctm = m.then(&state.ctm);
    }
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    run(doc, &content, own, &mut inner, fonts, out, depth + 1)
}
