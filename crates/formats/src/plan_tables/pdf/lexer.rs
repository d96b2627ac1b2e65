//! A content stream's operations, one at a time: each operator with the operands before it.
//! lopdf's `Content::decode` builds every operation of a page as objects first, which was
//! most of a long plan's reading once its fonts were read once; this reads the stream in
//! place and keeps only what the page reader uses (numbers, names, strings and arrays of
//! them; dictionaries and the like are skipped, an inline image's data passed over).
//! Malformed bytes are passed over rather than refused, as readers of PDF do.

use std::borrow::Cow;

/// An operand of an operation.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Operand<'a> {
    Number(f64),
    Name(Cow<'a, [u8]>),
    Str(Vec<u8>),
    Array(Vec<Operand<'a>>),
    /// A dictionary, a boolean, null: nothing the page reader uses.
    Other,
}

/// Arrays inside arrays deeper than this are read as [`Operand::Other`].
const DEPTH: usize = 32;

pub(super) struct Ops<'a> {
    data: &'a [u8],
    at: usize,
    operands: Vec<Operand<'a>>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

impl<'a> Ops<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Ops {
            data,
            at: 0,
            operands: Vec::new(),
        }
    }

    /// The next operator and its operands; `None` at the end of the stream.
    pub fn next_op(&mut self) -> Option<(&'a [u8], &[Operand<'a>])> {
        self.operands.clear();
        loop {
            self.skip_space();
            let &b = self.data.get(self.at)?;
            if is_regular(b) && !is_number_start(b) {
                let word = self.regular();
                match word {
                    b"true" | b"false" | b"null" => self.operands.push(Operand::Other),
                    b"BI" => {
                        self.inline_image();
                        return Some((word, &[]));
                    }
                    _ => return Some((word, &self.operands)),
                }
            } else {
                let operand = self.operand(0);
                self.operands.push(operand);
            }
        }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.at) {
            if is_space(b) {
                self.at += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.at) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.data.get(self.at).is_some_and(|&b| is_regular(b)) {
            self.at += 1;
        }
        &self.data[start..self.at]
    }

    /// One operand at the current position (never at the end of the data).
    fn operand(&mut self, depth: usize) -> Operand<'a> {
        let b = self.data[self.at];
        match b {
            b'/' => {
                self.at += 1;
                Operand::Name(name(self.regular()))
            }
            b'(' => Operand::Str(self.literal()),
            b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                self.dictionary(depth);
                Operand::Other
            }
            b'<' => Operand::Str(self.hex()),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.data.get(self.at) {
                        None => break,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(_) if depth >= DEPTH => {
                            self.at += 1;
                        }
                        Some(&c) if is_regular(c) && !is_number_start(c) => {
                            // A keyword in an array: true, false, null (or junk).
                            self.regular();
                            items.push(Operand::Other);
                        }
                        Some(_) => items.push(self.operand(depth + 1)),
                    }
                }
                if depth >= DEPTH {
                    Operand::Other
                } else {
                    Operand::Array(items)
                }
            }
            _ if is_number_start(b) => {
                let start = self.at;
                while self
                    .data
                    .get(self.at)
                    .is_some_and(|&c| c.is_ascii_digit() || matches!(c, b'.' | b'+' | b'-'))
                {
                    self.at += 1;
                }
                std::str::from_utf8(&self.data[start..self.at])
                    .ok()
                    .and_then(|s| s.parse::<f64>().ok())
                    .map_or(Operand::Other, Operand::Number)
            }
            _ => {
                // A stray delimiter: `)`, `>`, `]`, `{`, `}`.
                self.at += 1;
                Operand::Other
            }
        }
    }

    /// A literal string, `(` to its matching `)`, escapes undone.
    fn literal(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(&b) = self.data.get(self.at) {
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.at) else {
                        break;
                    };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0c'),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        // A line continued: the end of line is not part of the string.
                        b'\r' => {
                            if self.data.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        // `\(`, `\)`, `\\`, and any other character stands for itself.
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// A hexadecimal string, `<` to `>`; an odd last digit is followed by 0.
    fn hex(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.at) {
            self.at += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = (b as char).to_digit(16) else {
                continue;
            };
            let v = v as u8;
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// A dictionary, `<<` to its `>>`, passed over.
    fn dictionary(&mut self, depth: usize) {
        self.at += 2;
        loop {
            self.skip_space();
            match self.data.get(self.at) {
                None => return,
                Some(b'>') => {
                    self.at += if self.data.get(self.at + 1) == Some(&b'>') {
                        2
                    } else {
                        1
                    };
                    return;
                }
                Some(&c) if is_regular(c) && !is_number_start(c) => {
                    self.regular();
                }
                Some(_) if depth >= DEPTH => self.at += 1,
                Some(_) => {
                    self.operand(depth + 1);
                }
            }
        }
    }

    /// An inline image (`BI` … `ID` data `EI`): its entries and data passed over, to the
    /// `EI` that stands alone after the data.
    fn inline_image(&mut self) {
        loop {
            self.skip_space();
            match self.data.get(self.at) {
                None => return,
                Some(&c) if is_regular(c) && !is_number_start(c) => {
                    if self.regular() == b"ID" {
                        break;
                    }
                }
                Some(_) => {
                    self.operand(0);
                }
            }
        }
        // One white-space character follows ID; then the data.
        self.at += 1;
        let data = &self.data[self.at.min(self.data.len())..];
        let end = data.windows(2).enumerate().position(|(i, w)| {
            w == b"EI"
                && (i == 0 || is_space(data[i - 1]))
                && data.get(i + 2).is_none_or(|&c| is_space(c))
        });
        self.at = match end {
            Some(i) => self.at + i + 2,
            None => self.data.len(),
        };
    }
}

fn is_number_start(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-')
}

/// A name's bytes, `#xx` escapes undone.
fn name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (raw[i], hex) {
            (b'#', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut ops = Ops::new(data);
        let mut out = Vec::new();
        while let Some((op, args)) = ops.next_op() {
            out.push((String::from_utf8_lossy(op).into_owned(), args.to_vec()));
        }
        out
    }

    #[test]
    fn operators_take_the_operands_before_them() {
        let ops = all(b"q 1 0 0 1 -.5 +3. cm\n/F1#20a 9.5 Tf [(a) -250 <0041>] TJ Q");
        assert_eq!(ops.len(), 5);
        assert_eq!(ops[1].0, "cm");
        assert_eq!(ops[1].1[4], Operand::Number(-0.5));
        assert_eq!(ops[1].1[5], Operand::Number(3.0));
        assert_eq!(ops[2].1[0], Operand::Name(Cow::Owned(b"F1 a".to_vec())));
        assert_eq!(
            ops[3].1[0],
            Operand::Array(vec![
                Operand::Str(b"a".to_vec()),
                Operand::Number(-250.0),
                Operand::Str(vec![0, 0x41]),
            ])
        );
    }

    #[test]
    fn literal_strings_undo_their_escapes_and_keep_balanced_parentheses() {
        let ops = all(b"(a\\(b\\) (c) \\101\\n\\\nd\\q) Tj <4 1 6> Tj");
        assert_eq!(ops[0].1, [Operand::Str(b"a(b) (c) A\ndq".to_vec())]);
        assert_eq!(ops[1].1, [Operand::Str(vec![0x41, 0x60])]);
    }

    #[test]
    fn dictionaries_comments_and_inline_images_are_passed_over() {
        let ops = all(b"/Span <</MCID 3 /Alt (x>>) /A [1 2]>> BDC % a comment (\n\
              BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI\xffx EI\nEMC true 5 Tz");
        let names: Vec<&str> = ops.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "BI", "EMC", "Tz"]);
        assert_eq!(ops[0].1.len(), 2);
        assert_eq!(ops[3].1, [Operand::Other, Operand::Number(5.0)]);
    }

    #[test]
    fn truncated_and_malformed_streams_end_without_a_panic() {
        for data in [
            &b"(unclosed"[..],
            b"<4",
            b"[1 [2",
            b"<< /A",
            b"BI /W 1 ID",
            b") ] > } 1.2.3 Tj",
            b"--",
        ] {
            let _ = all(data);
        }
        assert_eq!(all(b"1.2.3 Tj")[0].1, [Operand::Other]);
    }
}
