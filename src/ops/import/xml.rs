//! Small helpers over roxmltree shared by the WordPress and Disqus readers, and the repairs that
//! let real exports parse: a byte-order mark, namespace prefixes used but never declared
//! (WordPress.com writes `<atom:link>` without declaring `atom`), and HTML entity names
//! (`&nbsp;`, `&hellip;`) that XML does not know.
use roxmltree::{Document, Node};

use super::html::named_entity;
use crate::store::sqlite::legacy::Note;

/// "line 12" for an element.
pub fn line(doc: &Document<'_>, node: Node<'_, '_>) -> String {
    format!("line {}", doc.text_pos_at(node.range().start).row)
}

/// The first child element with this local name (namespace prefixes are ignored: exports differ
/// in the version of the WordPress namespace they declare).
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The text of that child (every text and CDATA piece joined), trimmed; `None` when there is no
/// such child.
pub fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).map(|c| {
        let mut s = String::new();
        for t in c.children().filter(|n| n.is_text()) {
            s.push_str(t.text().unwrap_or(""));
        }
        s.trim().to_string()
    })
}

/// An attribute by local name, whatever its namespace (`dsq:id`).
pub fn attr(node: Node<'_, '_>, name: &str) -> Option<String> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value().to_string())
}

/// The text made parseable, without moving any line (messages keep naming the file's lines);
/// what was repaired is noted.
pub fn repair(text: &str, notes: &mut Vec<Note>) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = html_entities(text, notes);
    declare_prefixes(&text, notes)
}

/// `&name;` outside CDATA for a name XML does not define becomes `&#N;` when HTML knows it.
fn html_entities(text: &str, notes: &mut Vec<Note>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut replaced = 0usize;
    loop {
        let amp = rest.find('&');
        let cdata = rest.find("<![CDATA[");
        match (amp, cdata) {
            (None, _) => {
                out.push_str(rest);
                break;
            }
            (Some(a), Some(c)) if c < a => {
                let end = rest[c..].find("]]>").map(|e| c + e + 3).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            (Some(a), _) => {
                out.push_str(&rest[..a]);
                let after = &rest[a + 1..];
                let name_len = after.find(';').filter(|&e| e > 0 && e <= 10);
                match name_len.map(|e| &after[..e]) {
                    Some(name)
                        if !["amp", "lt", "gt", "quot", "apos"].contains(&name)
                            && !name.starts_with('#')
                            && named_entity(name).is_some() =>
                    {
                        let c = named_entity(name).unwrap_or('?');
                        out.push_str(&format!("&#{};", c as u32));
                        replaced += 1;
                        rest = &after[name.len() + 1..];
                    }
                    _ => {
                        out.push('&');
                        rest = after;
                    }
                }
            }
        }
    }
    if replaced > 0 {
        notes
            .push(Note::repaired("the file", format!("{replaced} HTML entity names read as the characters they name")));
    }
    out
}

/// Prefixes used in element or attribute names but never declared get a declaration on the root
/// element, so the document parses (the names keep their local part, which is all the readers use).
fn declare_prefixes(text: &str, notes: &mut Vec<Note>) -> String {
    let mut declared: Vec<String> = vec!["xml".into(), "xmlns".into()];
    let mut used: Vec<String> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let start = i + off + 1;
        i = start;
        if text[start..].starts_with("![CDATA[") {
            i = text[start..].find("]]>").map(|e| start + e).unwrap_or(text.len());
            continue;
        }
        if text[start..].starts_with("!--") {
            i = text[start..].find("-->").map(|e| start + e).unwrap_or(text.len());
            continue;
        }
        if matches!(bytes.get(start), Some(b'?' | b'!')) {
            continue;
        }
        let tag_end = text[start..].find('>').map(|e| start + e).unwrap_or(text.len());
        let tag = &text[start..tag_end];
        let tag = tag.trim_start_matches('/');
        let mut names: Vec<&str> = Vec::new();
        let name_end = tag.find(|c: char| c.is_whitespace() || c == '/' || c == '>').unwrap_or(tag.len());
        names.push(&tag[..name_end]);
        // Attribute names: the words before each '=' outside quotes.
        let mut quote: Option<char> = None;
        let mut word_start: Option<usize> = None;
        for (j, c) in tag.char_indices().skip(name_end) {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '=') => {
                    if let Some(ws) = word_start.take() {
                        names.push(tag[ws..j].trim());
                    }
                }
                (None, c) if c.is_whitespace() => {}
                (None, _) => {
                    if word_start.is_none() || tag[..j].ends_with(char::is_whitespace) {
                        word_start = Some(j);
                    }
                }
            }
        }
        for name in names {
            if let Some(p) = name.strip_prefix("xmlns:") {
                declared.push(p.to_string());
            } else if let Some((p, _)) = name.split_once(':')
                && !p.is_empty()
                && !used.iter().any(|u| u == p)
            {
                used.push(p.to_string());
            }
        }
        i = tag_end;
    }
    let missing: Vec<&String> = used.iter().filter(|u| !declared.contains(u)).collect();
    if missing.is_empty() {
        return text.to_string();
    }
    // The root element: the first tag that is not a declaration, comment or instruction.
    let mut at = 0;
    let root_name_end = loop {
        let Some(off) = text[at..].find('<') else { return text.to_string() };
        let s = at + off + 1;
        if text[s..].starts_with("!--") {
            at = text[s..].find("-->").map(|e| s + e).unwrap_or(text.len());
            continue;
        }
        if matches!(bytes.get(s), Some(b'?' | b'!')) {
            at = s;
            continue;
        }
        break s + text[s..].find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(0);
    };
    let decls: String = missing.iter().map(|p| format!(" xmlns:{p}=\"urn:commentdesk:undeclared:{p}\"")).collect();
    notes.push(Note::repaired(
        "the file",
        format!(
            "namespace prefixes used without a declaration read as declared: {}",
            missing.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
        ),
    ));
    format!("{}{decls}{}", &text[..root_name_end], &text[root_name_end..])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn undeclared_prefixes_bom_and_html_entities_are_repaired_without_moving_lines() {
        let src = "\u{feff}<?xml version=\"1.0\"?>\r\n<rss xmlns:wp=\"x\">\r\n<channel><atom:link rel='hub' href='h'/>\
                   <title>A &hellip; &amp; b</title><wp:x a:b=\"1\"><![CDATA[&nbsp; kept]]></wp:x></channel></rss>";
        let mut notes = Vec::new();
        let fixed = repair(src, &mut notes);
        let doc = Document::parse(&fixed).unwrap();
        let channel = child(doc.root_element(), "channel").unwrap();
        assert_eq!(child_text(channel, "title").unwrap(), "A \u{2026} & b");
        assert_eq!(child_text(channel, "x").unwrap(), "&nbsp; kept", "CDATA is left as it is");
        assert_eq!(line(&doc, child(channel, "link").unwrap()), "line 3");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[1].message.contains("atom, a"), "{notes:?}");
        let mut none = Vec::new();
        assert_eq!(repair("<a xmlns:b=\"u\"><b:c/></a>", &mut none), "<a xmlns:b=\"u\"><b:c/></a>");
        assert!(none.is_empty());
    }
}
