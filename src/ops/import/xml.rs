//! Small helpers over roxmltree shared by the WordPress and Disqus readers.
use roxmltree::{Document, Node};

/// "line 12" for an element.
pub fn line(doc: &Document<'_>, node: Node<'_, '_>) -> String {
    format!("line {}", doc.text_pos_at(node.range().start).row)
}

/// The first child element with this local name (namespace prefixes are ignored: exports differ
/// in the version of the WordPress namespace they declare).
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The text of that child (CDATA included), trimmed; `None` when there is no such child.
pub fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    child(node, name).map(|c| c.text().unwrap_or("").trim().to_string())
}

/// An attribute by local name, whatever its namespace (`dsq:id`).
pub fn attr(node: Node<'_, '_>, name: &str) -> Option<String> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value().to_string())
}
