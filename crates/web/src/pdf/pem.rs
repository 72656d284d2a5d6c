//! PEM (RFC 7468) to DER for importing an organisation's key and certificate: a few lines
//! of base64 instead of a PEM crate in the PDF module.

/// The DER inside `-----BEGIN {label}-----` … `-----END {label}-----`; `None` when `text`
/// has no such block or its base64 is broken.
pub fn decode(text: &str, label: &str) -> Option<Vec<u8>> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let body = text.split_once(&begin)?.1.split_once(&end)?.0;
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut acc, mut bits, mut padding) = (0u32, 0u32, 0);
    for c in body.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None;
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (padding <= 2 && !out.is_empty()).then_some(out)
}

/// The DER of every `label` block in `text`, in order (a certificate chain in one file);
/// a block whose base64 is broken is left out.
pub fn decode_all(text: &str, label: &str) -> Vec<Vec<u8>> {
    let end = format!("-----END {label}-----");
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&end) {
        let (block, after) = rest.split_at(at + end.len());
        out.extend(decode(block, label));
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{decode, decode_all};

    #[test]
    fn decodes_a_pem_block_and_refuses_others() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\nAA==\n-----END CERTIFICATE-----\n";
        assert_eq!(
            decode(pem, "CERTIFICATE"),
            Some(vec![0x30, 0x82, 0x01, 0x00])
        );
        assert_eq!(decode(pem, "PRIVATE KEY"), None);
        assert_eq!(decode("-----BEGIN X-----\n*\n-----END X-----", "X"), None);
    }

    #[test]
    fn decodes_every_block_of_a_chain() {
        let one = "-----BEGIN CERTIFICATE-----\nMIIB\nAA==\n-----END CERTIFICATE-----\n";
        let two = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\n";
        let key = "-----BEGIN PRIVATE KEY-----\nAQID\n-----END PRIVATE KEY-----\n";
        let chain = decode_all(&format!("{key}{one}{two}"), "CERTIFICATE");
        assert_eq!(chain, vec![vec![0x30, 0x82, 0x01, 0x00], vec![1, 2, 3]]);
        assert!(decode_all(key, "CERTIFICATE").is_empty());
    }
}
