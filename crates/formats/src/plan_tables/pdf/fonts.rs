//! A PDF font as the plan's reading needs it: how a shown string splits into character
//! codes, each code's width, and the text it stands for. Read once per font object and kept
//! for every page that uses it (pdf-extract built each again on every page: 40% of reading
//! a 285-page plan).
//!
//! The fonts Word and LibreOffice embed are read here: simple TrueType and Type 1 fonts
//! with their widths, and composite (Type0) fonts with two-byte or CMap-coded strings, each
//! with its ToUnicode map or encoding. Anything else (a Type 3 font, a standard font
//! without its widths) is [`Unsupported`], and the page reader hands the document to
//! pdf-extract, which knows their metrics.

use std::collections::HashMap;

use adobe_cmap_parser::ByteMapping;
use lopdf::{Dictionary, Document, Encoding, Object};

/// A font this reader does not read itself.
#[derive(Debug)]
pub(super) struct Unsupported;

pub(super) struct Font {
    codes: Codes,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// From the ToUnicode map.
    unicode: HashMap<u32, String>,
    /// A simple font's encoding, for codes the ToUnicode map lacks (or all, without one).
    encoded: Vec<String>,
}

enum Codes {
    /// One byte a code.
    Simple,
    /// Two bytes a code (Identity-H and -V).
    Identity,
    /// Codes of one to four bytes, by the font's CMap.
    Mapped(ByteMapping),
}

/// One character code of a shown string.
pub(super) struct Code {
    /// The code, which the ToUnicode map reads.
    pub code: u32,
    /// The glyph it selects, which the widths are given by (the code itself in a simple font).
    pub cid: u32,
    /// Its length in bytes: word spacing applies to a one-byte 32 only.
    pub len: usize,
}

impl Font {
    pub(super) fn read(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
        match name(doc, font, b"Subtype") {
            Some(b"Type0") => composite(doc, font),
            Some(b"TrueType" | b"Type1" | b"MMType1") => simple(doc, font),
            _ => Err(Unsupported),
        }
    }

    /// The codes of a shown string, in order.
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        match &self.codes {
            Codes::Simple => bytes
                .iter()
                .map(|&b| Code {
                    code: u32::from(b),
                    cid: u32::from(b),
                    len: 1,
                })
                .collect(),
            Codes::Identity => bytes
                .chunks(2)
                .map(|c| {
                    let code = c.iter().fold(0, |a, &b| (a << 8) | u32::from(b));
                    Code {
                        code,
                        cid: code,
                        len: c.len(),
                    }
                })
                .collect(),
            Codes::Mapped(map) => mapped_codes(map, bytes),
        }
    }

    /// A glyph's width in thousandths of the font size.
    pub(super) fn width(&self, cid: u32) -> f64 {
        self.widths.get(&cid).copied().unwrap_or(self.default_width)
    }

    /// The text a code stands for ("" where the font does not say).
    pub(super) fn text(&self, code: u32) -> &str {
        if let Some(s) = self.unicode.get(&code) {
            return s;
        }
        usize::try_from(code)
            .ok()
            .and_then(|c| self.encoded.get(c))
            .map_or("", String::as_str)
    }
}

/// A simple font: one byte a code, widths from FirstChar and Widths.
fn simple(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
    let first = deref(doc, font.get(b"FirstChar").ok()).and_then(|o| o.as_i64().ok());
    let widths = deref(doc, font.get(b"Widths").ok()).and_then(|o| o.as_array().ok());
    // A standard font may come without widths; pdf-extract has their metrics.
    let (Some(first), Some(widths)) = (first, widths) else {
        return Err(Unsupported);
    };
    let mut map = HashMap::new();
    for (i, w) in widths.iter().enumerate() {
        let code = i64::try_from(i)
            .ok()
            .and_then(|i| first.checked_add(i))
            .and_then(|c| u32::try_from(c).ok())
            .ok_or(Unsupported)?;
        map.insert(code, number(deref(doc, Some(w))).ok_or(Unsupported)?);
    }
    let unicode = to_unicode(doc, font)?;
    let has_encoding = font.get(b"Encoding").is_ok();
    let truetype = name(doc, font, b"Subtype") == Some(b"TrueType");
    let encoding = if has_encoding {
        Some(font.get_font_encoding(doc).map_err(|_| Unsupported)?)
    } else if truetype {
        Some(Encoding::SimpleEncoding(b"WinAnsiEncoding"))
    } else if unicode.is_empty() {
        // A Type 1 font's own built-in encoding, read from its program by pdf-extract.
        return Err(Unsupported);
    } else {
        None
    };
    let encoded = encoding.map_or_else(Vec::new, |e| {
        (0..=255u8)
            .map(|b| e.bytes_to_string(&[b]).unwrap_or_default())
            .collect()
    });
    Ok(Font {
        codes: Codes::Simple,
        widths: map,
        default_width: 0.0,
        unicode,
        encoded,
    })
}

/// A composite font: codes by its CMap, widths from its descendant's W and DW.
fn composite(doc: &Document, font: &Dictionary) -> Result<Font, Unsupported> {
    let codes = match deref(doc, font.get(b"Encoding").ok()) {
        Some(Object::Name(n)) if n == b"Identity-H" || n == b"Identity-V" => Codes::Identity,
        Some(Object::Stream(s)) => {
            let bytes = s
                .decompressed_content()
                .unwrap_or_else(|_| s.content.clone());
            Codes::Mapped(adobe_cmap_parser::get_byte_mapping(&bytes).map_err(|_| Unsupported)?)
        }
        _ => return Err(Unsupported),
    };
    let descendant = deref(doc, font.get(b"DescendantFonts").ok())
        .and_then(|o| o.as_array().ok())
        .and_then(|a| deref(doc, a.first()))
        .and_then(|o| o.as_dict().ok())
        .ok_or(Unsupported)?;
    let default_width = number(deref(doc, descendant.get(b"DW").ok())).unwrap_or(1000.0);
    let mut widths = HashMap::new();
    if let Some(w) = deref(doc, descendant.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
        cid_widths(doc, w, &mut widths)?;
    }
    Ok(Font {
        codes,
        widths,
        default_width,
        unicode: to_unicode(doc, font)?,
        encoded: Vec::new(),
    })
}

/// A CIDFont's W array: `c [w1 w2 …]` (widths from c on) or `c_first c_last w`.
fn cid_widths(
    doc: &Document,
    w: &[Object],
    out: &mut HashMap<u32, f64>,
) -> Result<(), Unsupported> {
    let int = |o: Option<&Object>| {
        deref(doc, o)
            .and_then(|o| o.as_i64().ok())
            .and_then(|i| u32::try_from(i).ok())
            .ok_or(Unsupported)
    };
    let mut i = 0;
    while i < w.len() {
        let first = int(w.get(i))?;
        match deref(doc, w.get(i + 1)) {
            Some(Object::Array(list)) => {
                for (n, v) in list.iter().enumerate() {
                    let width = number(deref(doc, Some(v))).ok_or(Unsupported)?;
                    let cid = u32::try_from(n)
                        .ok()
                        .and_then(|n| first.checked_add(n))
                        .ok_or(Unsupported)?;
                    out.insert(cid, width);
                }
                i += 2;
            }
            _ => {
                let last = int(w.get(i + 1))?;
                let width = number(deref(doc, w.get(i + 2))).ok_or(Unsupported)?;
                // A malformed range must not run for ever.
                for code in first..=last.min(first.saturating_add(0xFFFF)) {
                    out.insert(code, width);
                }
                i += 3;
            }
        }
    }
    Ok(())
}

/// The font's ToUnicode map (empty without one).
fn to_unicode(doc: &Document, font: &Dictionary) -> Result<HashMap<u32, String>, Unsupported> {
    let stream = match deref(doc, font.get(b"ToUnicode").ok()) {
        Some(Object::Stream(s)) => s,
        None | Some(Object::Name(_)) => return Ok(HashMap::new()),
        Some(_) => return Err(Unsupported),
    };
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let cmap = adobe_cmap_parser::get_unicode_map(&bytes).map_err(|_| Unsupported)?;
    let mut out = HashMap::with_capacity(cmap.len());
    for (code, utf16be) in cmap {
        let units: Vec<u16> = utf16be
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        // A lone surrogate stands for nothing that can be read.
        if let Ok(s) = String::from_utf16(&units) {
            out.insert(code, s);
        }
    }
    Ok(out)
}

/// A string's codes by a CMap's code space: a code is as many bytes as the first range
/// holding it needs.
fn mapped_codes(map: &ByteMapping, bytes: &[u8]) -> Vec<Code> {
    let mut out = Vec::new();
    let mut i = 0;
    'codes: while i < bytes.len() {
        let mut c = 0u32;
        for len in 1..=4usize {
            let Some(&b) = bytes.get(i + len - 1) else {
                break 'codes;
            };
            c = (c << 8) | u32::from(b);
            let in_space = map
                .codespace
                .iter()
                .any(|r| r.width as usize == len && (r.start..=r.end).contains(&c));
            if in_space {
                let cid = map
                    .cid
                    .iter()
                    .find(|r| (r.src_code_lo..=r.src_code_hi).contains(&c))
                    .and_then(|r| (c - r.src_code_lo).checked_add(r.dst_CID_lo));
                if let Some(cid) = cid {
                    out.push(Code { code: c, cid, len });
                }
                i += len;
                continue 'codes;
            }
        }
        // No range holds it: skip the byte.
        i += 1;
    }
    out
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    doc.dereference(o?).ok().map(|(_, o)| o)
}

fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    deref(doc, d.get(key).ok()).and_then(|o| o.as_name().ok())
}

pub(super) fn number(o: Option<&Object>) -> Option<f64> {
    match o? {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}
