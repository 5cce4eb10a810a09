//! Comment HTML from WordPress and Disqus, turned into the Markdown Commentdesk stores: paragraphs,
//! line breaks, links, emphasis, quotes and code survive; every other tag is dropped, its text kept.

/// `newlines_matter`: WordPress keeps the text as typed (a newline is a line break); Disqus sends
/// HTML, where only tags break lines.
pub fn to_markdown(html: &str, newlines_matter: bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut links: Vec<Option<String>> = Vec::new();
    let mut quote_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(start) => {
                text(&mut out, &rest[..start], newlines_matter, quote_depth);
                let after = &rest[start..];
                let Some(end) = tag_end(after) else {
                    // A lone "<" is text.
                    text(&mut out, after, newlines_matter, quote_depth);
                    break;
                };
                tag(&mut out, &after[1..end], &mut links, &mut quote_depth);
                rest = &after[end + 1..];
            }
            None => {
                text(&mut out, rest, newlines_matter, quote_depth);
                break;
            }
        }
    }
    tidy(&out)
}

/// Index of the `>` closing the tag at the start of `s`, quotes respected.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn newline(out: &mut String, quote_depth: usize) {
    out.push('\n');
    for _ in 0..quote_depth {
        out.push_str("> ");
    }
}

fn paragraph(out: &mut String, quote_depth: usize) {
    newline(out, quote_depth);
    newline(out, quote_depth);
}

fn tag(out: &mut String, inner: &str, links: &mut Vec<Option<String>>, quote_depth: &mut usize) {
    let inner = inner.trim();
    if inner.starts_with('!') || inner.starts_with('?') {
        return;
    }
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name: String = body.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    match (name.as_str(), closing) {
        ("p" | "div" | "ul" | "ol", _) => paragraph(out, *quote_depth),
        ("br", _) => newline(out, *quote_depth),
        ("li", false) => {
            newline(out, *quote_depth);
            out.push_str("- ");
        }
        ("blockquote", false) => {
            *quote_depth += 1;
            paragraph(out, *quote_depth);
        }
        ("blockquote", true) => {
            *quote_depth = quote_depth.saturating_sub(1);
            paragraph(out, *quote_depth);
        }
        ("em" | "i", _) => out.push('*'),
        ("strong" | "b", _) => out.push_str("**"),
        ("code", _) => out.push('`'),
        ("a", false) => {
            let href = attribute(body, "href").filter(|h| {
                let l = h.to_ascii_lowercase();
                l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:")
            });
            if href.is_some() {
                out.push('[');
            }
            links.push(href);
        }
        ("a", true) => {
            if let Some(Some(href)) = links.pop() {
                out.push_str("](");
                out.push_str(&href.replace(' ', "%20").replace(')', "%29"));
                out.push(')');
            }
        }
        _ => {}
    }
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

fn text(out: &mut String, raw: &str, newlines_matter: bool, quote_depth: usize) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        match c {
            '\r' => {}
            '\n' if newlines_matter => newline(out, quote_depth),
            '\n' | '\t' => out.push(' '),
            '\\' | '*' | '_' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\u{a0}' => out.push(' '),
            c => out.push(c),
        }
    }
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
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
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
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
