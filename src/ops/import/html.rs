//! Comment HTML from WordPress, Disqus and Isso, turned into the Markdown Commentdesk stores so
//! that it renders with the same meaning: paragraphs, line breaks, links, emphasis, quotes, lists
//! (nested, numbered from their start), code (line breaks kept) survive; block elements separate
//! their text; every other tag is dropped, its text kept. Text that would read as Markdown syntax
//! (a `>` or `#` or `1.` at a line start, `*`, `_`) is escaped so it shows as typed.

/// `newlines_matter`: WordPress keeps the text as typed (a newline is a line break); Disqus sends
/// HTML, where only tags break lines.
pub fn to_markdown(html: &str, newlines_matter: bool) -> String {
    let mut w = Writer { newlines_matter, ..Writer::default() };
    let mut rest = html;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            w.text(rest);
            break;
        };
        w.text(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = tag_end(after) else {
            // A lone "<" is text.
            w.text(&after[..1]);
            rest = &after[1..];
            continue;
        };
        let inner = &after[1..end];
        rest = &after[end + 1..];
        let (name, closing) = tag_name(inner);
        if !closing && (name == "pre" || name == "code") {
            // Code is taken whole up to its end tag: its text is kept as it is, line breaks too.
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            let stop = lower.find(&close).unwrap_or(rest.len());
            let content = code_text(&rest[..stop]);
            rest = &rest[stop..];
            if let Some(gt) = rest.find('>') {
                rest = &rest[gt + 1..];
            }
            if name == "pre" || content.trim_matches('\n').contains('\n') {
                w.code_block(&content);
            } else {
                w.inline_code(&content);
            }
            continue;
        }
        w.tag(inner, &name, closing);
    }
    tidy(&w.out)
}

/// Whether text that is meant to be Markdown (Isso's) actually holds HTML, as Isso databases
/// migrated from WordPress or Disqus do: a known tag, opened and closed or self-contained.
pub fn looks_like_html(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "<p>",
        "</p>",
        "<br>",
        "<br/>",
        "<br />",
        "</a>",
        "</blockquote>",
        "</em>",
        "</strong>",
        "</li>",
        "</pre>",
        "</code>",
        "</div>",
        "</b>",
        "</i>",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

#[derive(Debug, Clone)]
struct List {
    ordered: bool,
    next: u64,
    /// Column of the list's markers.
    indent: usize,
}

#[derive(Default)]
struct Writer {
    out: String,
    newlines_matter: bool,
    quote_depth: usize,
    lists: Vec<List>,
    /// Column where the current list item's text starts (0 outside lists).
    indent: usize,
    links: Vec<Option<String>>,
    /// Nothing but prefixes written on the current line yet.
    line_start: bool,
}

impl Writer {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.quote_depth {
            self.out.push_str("> ");
        }
        for _ in 0..self.indent {
            self.out.push(' ');
        }
        self.line_start = true;
    }

    fn paragraph(&mut self) {
        self.newline();
        self.newline();
    }

    /// A new line, unless the current one is still empty (then it is begun again with the
    /// present indentation): list markup never leaves a blank line that would loosen the list.
    fn fresh_line(&mut self) {
        if self.line_start {
            let keep = self.out.rfind('\n').unwrap_or(0);
            self.out.truncate(keep);
        }
        self.newline();
    }

    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        let chars: Vec<char> = decoded.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\r' => {}
                '\n' if self.newlines_matter => self.newline(),
                ' ' | '\t' | '\n' | '\u{a0}' if self.line_start => {}
                '\n' | '\t' | '\u{a0}' => self.out.push(' '),
                _ if self.line_start => {
                    self.line_start = false;
                    if line_start_syntax(&chars[i..]) {
                        self.out.push('\\');
                    } else if c.is_ascii_digit() {
                        // "1. " or "2) " would start a numbered list: escape the punctuation.
                        let digits = chars[i..].iter().take_while(|d| d.is_ascii_digit()).count();
                        let next = chars.get(i + digits).copied();
                        if digits <= 9
                            && matches!(next, Some('.' | ')'))
                            && chars.get(i + digits + 1).is_none_or(|c| c.is_whitespace())
                        {
                            self.out.extend(&chars[i..i + digits]);
                            self.out.push('\\');
                            self.out.push(chars[i + digits]);
                            i += digits + 1;
                            continue;
                        }
                    }
                    continue;
                }
                '\\' | '*' | '_' | '[' | ']' | '`' | '<' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                '&' if looks_like_entity(&chars[i + 1..]) => self.out.push_str("\\&"),
                c => self.out.push(c),
            }
            i += 1;
        }
    }

    fn code_block(&mut self, content: &str) {
        let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
        self.paragraph();
        self.out.push_str(&fence);
        for line in content.trim_matches('\n').split('\n') {
            self.newline();
            self.out.push_str(line.trim_end());
        }
        self.newline();
        self.out.push_str(&fence);
        self.paragraph();
    }

    fn inline_code(&mut self, content: &str) {
        let content = content.trim_matches('\n');
        if content.is_empty() {
            return;
        }
        let ticks = "`".repeat(longest_run(content, '`') + 1);
        let pad = if content.starts_with('`') || content.ends_with('`') { " " } else { "" };
        self.line_start = false;
        self.out.push_str(&format!("{ticks}{pad}{content}{pad}{ticks}"));
    }

    fn mark(&mut self, s: &str) {
        self.line_start = false;
        self.out.push_str(s);
    }

    fn tag(&mut self, inner: &str, name: &str, closing: bool) {
        match (name, closing) {
            ("ul" | "ol", false) => {
                let indent = self.indent;
                let start = attribute(inner, "start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                self.lists.push(List { ordered: name == "ol", next: start, indent });
                if self.lists.len() == 1 { self.paragraph() } else { self.fresh_line() }
            }
            ("ul" | "ol", true) => {
                if let Some(list) = self.lists.pop() {
                    self.indent = list.indent;
                }
                if self.lists.is_empty() { self.paragraph() } else { self.fresh_line() }
            }
            ("li", false) => {
                let Some(list) = self.lists.last_mut() else {
                    self.newline();
                    self.mark("- ");
                    return;
                };
                if let Some(v) = attribute(inner, "value").and_then(|s| s.trim().parse().ok()) {
                    list.next = v;
                }
                let marker = if list.ordered {
                    list.next += 1;
                    format!("{}. ", list.next - 1)
                } else {
                    "- ".to_string()
                };
                let list_indent = list.indent;
                self.indent = list_indent;
                self.fresh_line();
                self.mark(&marker);
                self.indent = list_indent + marker.len();
                self.line_start = true;
            }
            ("li", true) => {}
            (
                "p" | "div" | "address" | "dl" | "dt" | "section" | "article" | "header" | "footer" | "table" | "tr"
                | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" | "figure" | "figcaption",
                _,
            ) => self.paragraph(),
            ("dd", _) => self.newline(),
            ("td" | "th", false) => self.mark(" "),
            ("br", _) => self.newline(),
            ("blockquote", false) => {
                self.quote_depth += 1;
                self.paragraph();
            }
            ("blockquote", true) => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                self.paragraph();
            }
            ("em" | "i", _) => self.mark("*"),
            ("strong" | "b", _) => self.mark("**"),
            ("a", false) => {
                let href = attribute(inner, "href").filter(|h| {
                    let l = h.trim().to_ascii_lowercase();
                    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:")
                });
                if href.is_some() {
                    self.mark("[");
                }
                self.links.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = self.links.pop() {
                    let href = href.trim().replace(' ', "%20").replace('(', "%28").replace(')', "%29");
                    self.mark(&format!("]({href})"));
                }
            }
            _ => {}
        }
    }
}

/// A line starting with these would be read as Markdown syntax.
fn line_start_syntax(rest: &[char]) -> bool {
    let next_blank = |n: usize| rest.get(n).is_none_or(|c| c.is_whitespace());
    match rest.first() {
        Some('>' | '#' | '|') => true,
        Some('-' | '+') => next_blank(1) || rest.iter().take_while(|c| **c == rest[0]).count() >= 3,
        Some('=') => true,
        Some('~') => rest.iter().take_while(|c| **c == '~').count() >= 3,
        _ => false,
    }
}

fn looks_like_entity(rest: &[char]) -> bool {
    let word = rest.iter().take(12).take_while(|c| c.is_ascii_alphanumeric() || **c == '#').count();
    word > 0 && rest.get(word) == Some(&';')
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// The text inside `<pre>` or `<code>`: tags dropped (a `<br>` is a line break), entities decoded.
fn code_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..start]));
        let after = &rest[start..];
        match tag_end(after) {
            Some(end) => {
                if tag_name(&after[1..end]).0 == "br" {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(&decode_entities(rest));
    out.replace("\r\n", "\n").replace('\r', "\n")
}

/// Lowercase name of a tag's inside (`a href=...` → "a"), and whether it closes.
fn tag_name(inner: &str) -> (String, bool) {
    let inner = inner.trim();
    if inner.starts_with('!') || inner.starts_with('?') {
        return (String::new(), false);
    }
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    (body.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase(), closing)
}

/// Index of the `>` closing the tag at the start of `s`, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if i > 1 => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            (None, c) if i == 1 && !(c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?') => return None,
            _ => {}
        }
    }
    None
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let at = from + pos;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        let v = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        };
        return Some(decode_entities(v));
    }
    None
}

/// The character an HTML entity name stands for, for the names comment text uses.
pub fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "iexcl" => '¡',
        "iquest" => '¿',
        "shy" => '\u{ad}',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "auml" => 'ä',
        "atilde" => 'ã',
        "aring" => 'å',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "igrave" => 'ì',
        "iacute" => 'í',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ntilde" => 'ñ',
        "ograve" => 'ò',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "otilde" => 'õ',
        "oslash" => 'ø',
        "ugrave" => 'ù',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "szlig" => 'ß',
        "Agrave" => 'À',
        "Aacute" => 'Á',
        "Auml" => 'Ä',
        "Ccedil" => 'Ç',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "Ntilde" => 'Ñ',
        _ => return None,
    })
}

pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[1..end];
            let c = match name.strip_prefix('#') {
                Some(num) => {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
                None => named_entity(name),
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Trailing spaces off every line, at most one blank line in a row, no blank ends.
fn tidy(s: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in s.lines() {
        let line = line.trim_end();
        let blank = line.trim_start_matches(['>', ' ']).is_empty();
        if blank && lines.last().is_none_or(|l| l.trim_start_matches(['>', ' ']).is_empty()) {
            continue;
        }
        lines.push(if blank { line.trim_end_matches(' ') } else { line });
    }
    while lines.last().is_some_and(|l| l.trim_start_matches(['>', ' ']).is_empty()) {
        lines.pop();
    }
    // Leading blank lines were skipped above; a first line's own indentation is not meaning.
    let joined = lines.join("\n");
    joined.trim_start_matches([' ', '\n']).to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::markdown::render_comment;

    /// HTML in, Markdown stored, HTML shown: the Markdown and what it renders to.
    fn round(html: &str) -> (String, String) {
        let md = to_markdown(html, false);
        let shown = render_comment(&md).as_str().to_string();
        (md, shown)
    }

    #[test]
    fn html_becomes_markdown_with_links_and_paragraphs() {
        let md = to_markdown(
            "<p>Hello <b>there</b> &amp; <a href=\"https://x.example/a\" rel=\"nofollow\">see</a></p><p>2*2<br>x</p>",
            false,
        );
        assert_eq!(md, "Hello **there** & [see](https://x.example/a)\n\n2\\*2\nx");
        assert_eq!(to_markdown("line one\nline two <script>x</script>", true), "line one\nline two x");
        assert_eq!(to_markdown("<a href=\"javascript:alert(1)\">no</a>", false), "no");
    }

    #[test]
    fn markdown_syntax_typed_at_a_line_start_shows_as_typed() {
        let (md, shown) = round("<p>&gt; not a quote</p><p># not a heading</p><p>1. not a list</p><p>- nor this</p>");
        assert_eq!(md, "\\> not a quote\n\n\\# not a heading\n\n1\\. not a list\n\n\\- nor this");
        assert!(
            !shown.contains("<blockquote>")
                && !shown.contains("<h1>")
                && !shown.contains("<ol>")
                && !shown.contains("<ul>"),
            "{shown}"
        );
        assert!(
            shown.contains("&gt; not a quote") && shown.contains("# not a heading") && shown.contains("1. not a list"),
            "{shown}"
        );
        let (_, shown) = round("a *star* and _under_ and &amp;copy; stay");
        assert!(shown.contains("a *star* and _under_ and &amp;copy; stay"), "{shown}");
        // WordPress text: a typed "> " on its own line after a newline.
        let md = to_markdown("I wrote:\n> quoted by hand\nand 2) this", true);
        assert!(!render_comment(&md).as_str().contains("<blockquote>"), "{md}");
        assert!(!render_comment(&md).as_str().contains("<ol"), "{md}");
    }

    #[test]
    fn pre_and_multi_line_code_keep_their_line_breaks() {
        let (md, shown) = round("<p>Try:</p><pre>fn main() {\n    println!(\"*hi*\");\n}</pre><p>done</p>");
        assert_eq!(md, "Try:\n\n```\nfn main() {\n    println!(\"*hi*\");\n}\n```\n\ndone");
        assert!(shown.contains("<pre><code>fn main() {\n    println!(\"*hi*\");\n}\n</code></pre>"), "{shown}");
        let (_, shown) = round("<code>a &lt; b\nc</code>");
        assert!(shown.contains("<pre><code>a &lt; b\nc\n</code></pre>"), "{shown}");
        let (md, shown) = round("use <code>x_y *z*</code> here");
        assert_eq!(md, "use `x_y *z*` here");
        assert!(shown.contains("<code>x_y *z*</code>"), "{shown}");
        let (_, shown) = round("<pre><code>line1<br>line2</code></pre>");
        assert!(shown.contains("line1\nline2"), "{shown}");
    }

    #[test]
    fn ordered_lists_keep_their_start_and_nested_lists_stay_nested() {
        let (md, shown) = round("<ol start=\"3\"><li>three</li><li>four</li></ol>");
        assert_eq!(md, "3. three\n4. four");
        assert!(shown.contains("<ol start=\"3\">"), "{shown}");
        let (_, shown) = round("<ul><li>outer<ul><li>inner one</li><li>inner two</li></ul></li><li>second</li></ul>");
        let inner = shown.find("<ul>\n<li>inner one").unwrap_or(usize::MAX);
        assert!(shown.starts_with("<ul>\n<li>outer") && inner < shown.find("<li>second").unwrap(), "{shown}");
        assert_eq!(shown.matches("<ul>").count(), 2, "{shown}");
        let (_, shown) = round("<ol><li>a<ol><li>a.1</li></ol></li><li>b</li></ol>");
        assert_eq!(shown.matches("<ol>").count(), 2, "{shown}");
        assert!(shown.contains("<li>b</li>"), "{shown}");
    }

    #[test]
    fn block_elements_separate_their_text() {
        let (md, _) =
            round("<dl><dt>Term</dt><dd>Meaning</dd></dl><address>1 Main St</address><div>a</div><div>b</div>");
        assert_eq!(md, "Term\n\nMeaning\n\n1 Main St\n\na\n\nb");
        let (_, shown) = round("<blockquote><p>quoted</p></blockquote><p>reply</p>");
        assert!(shown.contains("<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>reply</p>"), "{shown}");
    }

    #[test]
    fn isso_html_is_told_from_markdown() {
        assert!(looks_like_html("<p>Hello, World.</p>"));
        assert!(looks_like_html("Erster!<br />Zweiter"));
        assert!(!looks_like_html("plain *markdown* with a < b and <3"));
    }

    #[test]
    fn entities_decode_including_html_names() {
        assert_eq!(decode_entities("&#8220;Hi&#8221; &hellip; &amp;#8220; &bogus;"), "“Hi” … &#8220; &bogus;");
    }
}
