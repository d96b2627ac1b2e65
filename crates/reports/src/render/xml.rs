//! Escaping text for XML and HTML: one function, used by every renderer that writes markup.

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, and control characters XML forbids dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("C&D <b>\"x\" 'y'\u{1}"),
            "C&amp;D &lt;b&gt;&quot;x&quot; &#39;y&#39;"
        );
    }
}
