//! The XML of a DOCX or ODT part as a plain walk of open, close and text, with names
//! stripped of their prefixes (`w:tc` → `tc`) and entities resolved. Both readers walk it.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::zipped;
use crate::FormatError;

/// One step of the walk. An empty element (`<w:vMerge/>`) comes as `Open` then `Close`.
pub(crate) enum Step<'a> {
    Open(&'a Element),
    Close(&'a str),
    Text(&'a str),
}

/// An opened element: its local name and its attributes by local name.
pub(crate) struct Element {
    pub name: String,
    attributes: Vec<(String, String)>,
}

impl Element {
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn of(start: &BytesStart<'_>) -> Self {
        let attributes = start
            .attributes()
            .flatten()
            .map(|a| {
                let key = a.key.local_name().as_ref().to_string();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(|_| a.value.to_string(), |v| v.into_owned());
                (key, value)
            })
            .collect();
        Self {
            name: start.local_name().as_ref().to_string(),
            attributes,
        }
    }
}

/// Walk `xml`, calling `step` for each step; malformed XML is a damaged `what`.
pub(crate) fn walk(
    xml: &str,
    what: &str,
    mut step: impl FnMut(Step<'_>),
) -> Result<(), FormatError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|_| zipped::damaged(what))? {
            Event::Start(s) => step(Step::Open(&Element::of(&s))),
            Event::Empty(s) => {
                let e = Element::of(&s);
                step(Step::Open(&e));
                step(Step::Close(&e.name));
            }
            Event::End(e) => step(Step::Close(e.local_name().as_ref())),
            Event::Text(t) => step(Step::Text(&t.xml10_content())),
            Event::CData(t) => step(Step::Text(&t.xml10_content())),
            Event::GeneralRef(r) => {
                let entity = format!("&{};", r.xml10_content());
                if let Ok(text) = quick_xml::escape::unescape(&entity) {
                    step(Step::Text(&text));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}
