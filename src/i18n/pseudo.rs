//! The pseudo-locales' transformation: every Latin letter of a message's own text becomes an
//! accented look-alike ("Reply" → "Řëƥĺý"), so the page stays readable while any English left
//! in it (a string not taken from the catalogue) stands out to a person and to the tests.
use std::borrow::Cow;

const UPPER: [char; 26] = [
    'Ȧ', 'Ɓ', 'Ƈ', 'Ḓ', 'Ḗ', 'Ƒ', 'Ɠ', 'Ħ', 'Ī', 'Ĵ', 'Ķ', 'Ŀ', 'Ḿ', 'Ƞ', 'Ǿ', 'Ƥ', 'Ɋ', 'Ř', 'Ş', 'Ŧ', 'Ŭ', 'Ṽ', 'Ẇ',
    'Ẋ', 'Ẏ', 'Ẑ',
];
const LOWER: [char; 26] = [
    'ȧ', 'ƀ', 'ƈ', 'ḓ', 'ḗ', 'ƒ', 'ɠ', 'ħ', 'ī', 'ĵ', 'ķ', 'ŀ', 'ḿ', 'ƞ', 'ǿ', 'ƥ', 'ɋ', 'ř', 'ş', 'ŧ', 'ŭ', 'ṽ', 'ẇ',
    'ẋ', 'ẏ', 'ẑ',
];

pub fn transform(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                'A'..='Z' => UPPER[(c as u8 - b'A') as usize],
                'a'..='z' => LOWER[(c as u8 - b'a') as usize],
                _ => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_latin_letter_changes_and_nothing_else_does() {
        assert_eq!(transform("Reply (3)"), "Řḗƥŀẏ (3)");
        assert!(!transform("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").chars().any(|c| c.is_ascii()));
    }
}
