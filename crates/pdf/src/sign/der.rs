//! Just enough DER (X.690) for the fixed structures a PAdES-B-B signature needs: a writer
//! for the self-signed certificate and the CMS SignedData, and a reader that walks
//! tag-length-value elements. Hand-written because the generic `der`/`x509-cert`/`cms`
//! encoders and decoders were ~18 % of the PDF module's code (docs/browser-notes.md).

/// Tags used here.
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
pub const UTF8_STRING: u8 = 0x0c;
pub const PRINTABLE_STRING: u8 = 0x13;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;
/// `[0]` constructed (explicit or implicit).
pub const CONTEXT_0: u8 = 0xa0;

/// A DER tag-length-value.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// A constructed element of already encoded parts.
pub fn cons(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    tlv(tag, &parts.concat())
}

/// One element: its tag, its content and the whole encoding.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub whole: &'a [u8],
}

/// The first element of `b` and what follows it; `None` when `b` does not start with one
/// (single-byte tags, definite lengths up to four bytes).
pub fn read(b: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let tag = *b.first()?;
    let first = *b.get(1)?;
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let len = b
            .get(2..2 + n)?
            .iter()
            .fold(0usize, |a, &x| (a << 8) | usize::from(x));
        (len, 2 + n)
    };
    let end = head.checked_add(len)?;
    let whole = b.get(..end)?;
    Some((
        Tlv {
            tag,
            content: &whole[head..],
            whole,
        },
        &b[end..],
    ))
}

/// Exactly one element of tag `tag` in `b`.
pub fn one(b: &[u8], tag: u8) -> Option<Tlv<'_>> {
    let (t, rest) = read(b)?;
    (t.tag == tag && rest.is_empty()).then_some(t)
}

impl<'a> Tlv<'a> {
    /// The elements inside a constructed element; stops at the first that does not parse.
    pub fn children(self) -> impl Iterator<Item = Tlv<'a>> {
        let mut rest = self.content;
        std::iter::from_fn(move || {
            let (t, r) = read(rest)?;
            rest = r;
            Some(t)
        })
    }

    /// The `n`th element inside.
    pub fn child(self, n: usize) -> Option<Tlv<'a>> {
        self.children().nth(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lengths_round_trip() {
        for n in [0usize, 127, 128, 255, 256, 70_000] {
            let content = vec![7u8; n];
            let enc = tlv(OCTET_STRING, &content);
            let (t, rest) = read(&enc).expect("reads");
            assert!(rest.is_empty());
            assert_eq!(t.content.len(), n);
            assert_eq!(t.whole.len(), enc.len());
        }
    }

    #[test]
    fn truncated_input_is_no_element() {
        let enc = tlv(SEQUENCE, &[1, 2, 3]);
        assert!(read(&enc[..enc.len() - 1]).is_none());
        assert!(read(&[0x30, 0x85, 0, 0, 0, 0, 1]).is_none());
    }
}
