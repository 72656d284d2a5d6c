//! Cross-reference streams and object streams (PDF 1.5; ISO 32000-1, 7.5.7 and 7.5.8), as
//! PDF editors and signing tools (pyHanko, qpdf, Acrobat) write them, for `read.rs`: a
//! stream's bytes (none or `FlateDecode`, with or without a PNG predictor), the entries of
//! a cross-reference stream, and the objects of an object stream.
//!
//! Bounds (SECURITY.md): everything inflated while reading one PDF together stays under
//! [`MAX_INFLATED_BYTES`], checked while inflating (a 1 KB "zip bomb" stops there, not
//! after); field widths are at most [`MAX_XREF_FIELD_BYTES`]; a stream or subsection
//! that claims more than its bytes hold is refused before anything is allocated for it.

use super::limits::{MAX_INFLATED_BYTES, MAX_OBJECTS, refused};
use super::read::{Parser, bad};
use crate::PdfError;
use lopdf::{Dictionary, Object, ObjectId};
use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_zlib_with_limit};
use std::collections::BTreeMap;

/// The widest field a cross-reference stream's `/W` may give: 8 bytes hold any offset.
pub(crate) const MAX_XREF_FIELD_BYTES: i64 = 8;

/// Where the newest cross-reference section puts an object.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Loc {
    /// `N G obj` at this offset of the file.
    At(usize),
    /// The `index`th object of the object stream numbered `stream`.
    InStream { stream: u32, index: u32 },
}

/// What may still be inflated while reading one PDF.
pub(crate) struct Inflated {
    pub(crate) left: usize,
}

impl Inflated {
    pub fn new() -> Inflated {
        Inflated {
            left: MAX_INFLATED_BYTES,
        }
    }
}

fn int(d: &Dictionary, key: &[u8], default: i64) -> Result<i64, PdfError> {
    match d.get(key) {
        Err(_) => Ok(default),
        Ok(o) => o
            .as_i64()
            .map_err(|_| bad("a stream parameter that is no number")),
    }
}

/// The one filter of a stream, if any (a chain of filters is not read).
fn filter(d: &Dictionary) -> Result<Option<&[u8]>, PdfError> {
    match d.get(b"Filter") {
        Err(_) | Ok(Object::Null) => Ok(None),
        Ok(Object::Name(n)) => Ok(Some(n)),
        Ok(Object::Array(a)) if a.is_empty() => Ok(None),
        Ok(Object::Array(a)) if a.len() == 1 => {
            Ok(Some(a[0].as_name().map_err(|_| bad("a filter"))?))
        }
        _ => Err(bad("a stream with more than one filter")),
    }
}

/// The stream's content decoded: inflated within what `budget` has left, then un-predicted.
pub(crate) fn decode(
    d: &Dictionary,
    raw: &[u8],
    budget: &mut Inflated,
) -> Result<Vec<u8>, PdfError> {
    let data = match filter(d)? {
        None => raw.to_vec(),
        Some(b"FlateDecode") => {
            decompress_to_vec_zlib_with_limit(raw, budget.left).map_err(|e| {
                if e.status == TINFLStatus::HasMoreOutput {
                    refused(&format!(
                        "uitgepakt wordt het groter dan {} MB",
                        MAX_INFLATED_BYTES >> 20
                    ))
                } else {
                    bad("a damaged compressed stream")
                }
            })?
        }
        Some(_) => return Err(bad("a stream filter other than FlateDecode")),
    };
    budget.left -= data.len().min(budget.left);
    let parms = match d.get(b"DecodeParms") {
        Ok(Object::Dictionary(p)) => p,
        Ok(Object::Array(a)) => match a.first() {
            Some(Object::Dictionary(p)) => p,
            _ => return Ok(data),
        },
        _ => return Ok(data),
    };
    unpredict(data, parms)
}

/// Undoes a PNG predictor (`/Predictor` 10–15: each row starts with its filter type).
fn unpredict(data: Vec<u8>, parms: &Dictionary) -> Result<Vec<u8>, PdfError> {
    let predictor = int(parms, b"Predictor", 1)?;
    if predictor == 1 {
        return Ok(data);
    }
    if !(10..=15).contains(&predictor) {
        return Err(bad("a TIFF predictor"));
    }
    let colors = int(parms, b"Colors", 1)?;
    let bits = int(parms, b"BitsPerComponent", 8)?;
    let columns = int(parms, b"Columns", 1)?;
    if !(1..=32).contains(&colors)
        || ![1, 2, 4, 8, 16].contains(&bits)
        || !(1..=1 << 20).contains(&columns)
    {
        return Err(bad("predictor parameters"));
    }
    let bits_per_pixel = (colors * bits) as usize;
    let row = (columns as usize * bits_per_pixel).div_ceil(8);
    let bpp = bits_per_pixel.div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (kind, bytes) = chunk.split_first().unwrap_or((&0, &[]));
        let mut cur = bytes.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let (b, c) = (prev[i], if i >= bpp { prev[i - bpp] } else { 0 });
            let add = match kind {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => return Err(bad("a PNG predictor row")),
            };
            cur[i] = cur[i].wrapping_add(add);
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Adds the entries of a cross-reference stream (dictionary `d`, decoded `data`) that no
/// newer section gave.
pub(crate) fn entries(
    d: &Dictionary,
    data: &[u8],
    offsets: &mut BTreeMap<u32, Loc>,
) -> Result<(), PdfError> {
    let widths = match d.get(b"W") {
        Ok(Object::Array(w)) if w.len() == 3 => w
            .iter()
            .map(|w| {
                w.as_i64()
                    .ok()
                    .filter(|w| (0..=MAX_XREF_FIELD_BYTES).contains(w))
            })
            .collect::<Option<Vec<i64>>>()
            .ok_or_else(|| {
                refused(&format!(
                    "de kruisverwijzingen hebben velden van meer dan {MAX_XREF_FIELD_BYTES} bytes"
                ))
            })?,
        _ => return Err(bad("a cross-reference stream without /W")),
    };
    let w: Vec<usize> = widths.iter().map(|&w| w as usize).collect();
    let per = w.iter().sum::<usize>();
    if per == 0 {
        return Err(bad("a cross-reference stream of empty entries"));
    }
    let size = int(d, b"Size", -1)?;
    let index = match d.get(b"Index") {
        Ok(Object::Array(a)) => a
            .iter()
            .map(|v| v.as_i64().ok())
            .collect::<Option<Vec<i64>>>()
            .filter(|v| v.len() % 2 == 0)
            .ok_or_else(|| bad("a cross-reference stream's /Index"))?,
        _ if size >= 0 => vec![0, size],
        _ => return Err(bad("a cross-reference stream without /Size")),
    };
    let mut rows = data.chunks_exact(per);
    for pair in index.chunks(2) {
        let (start, count) = (pair[0], pair[1]);
        let start = u32::try_from(start).map_err(|_| bad("a cross-reference subsection"))?;
        let count = usize::try_from(count).map_err(|_| bad("a cross-reference subsection"))?;
        if count > rows.len() {
            return Err(refused(
                "de verwijzingsstroom belooft meer objecten dan ze bevat",
            ));
        }
        for k in 0..count {
            let row = rows.next().ok_or_else(|| bad("a cross-reference stream"))?;
            let mut at = 0;
            let mut field = |i: usize| {
                let v = row[at..at + w[i]]
                    .iter()
                    .fold(0u64, |v, &b| (v << 8) | u64::from(b));
                at += w[i];
                v
            };
            let kind = if w[0] == 0 { 1 } else { field(0) };
            let (second, third) = (field(1), field(2));
            let Some(n) = u32::try_from(k).ok().and_then(|k| start.checked_add(k)) else {
                return Err(bad("a cross-reference subsection"));
            };
            let loc = match kind {
                1 => Loc::At(usize::try_from(second).map_err(|_| bad("an offset"))?),
                2 => Loc::InStream {
                    stream: u32::try_from(second).map_err(|_| bad("an object stream"))?,
                    index: u32::try_from(third).map_err(|_| bad("an object stream"))?,
                },
                // Free, or a type a later PDF version may define: read as absent.
                _ => continue,
            };
            offsets.entry(n).or_insert(loc);
        }
    }
    Ok(())
}

/// An object stream, decoded: its objects' offsets by number.
pub(crate) struct ObjStm {
    data: Vec<u8>,
    at: BTreeMap<u32, usize>,
}

impl ObjStm {
    /// Reads the header of the decoded object stream `data` (dictionary `d`).
    pub fn new(d: &Dictionary, data: Vec<u8>) -> Result<ObjStm, PdfError> {
        let n =
            usize::try_from(int(d, b"N", -1)?).map_err(|_| bad("an object stream without /N"))?;
        let first = usize::try_from(int(d, b"First", -1)?)
            .map_err(|_| bad("an object stream without /First"))?;
        if first > data.len() {
            return Err(bad("an object stream's /First past its end"));
        }
        // Two numbers and two spaces at least per object.
        if n > MAX_OBJECTS || n.saturating_mul(4) > first {
            return Err(refused(
                "een objectstroom belooft meer objecten dan ze bevat",
            ));
        }
        let mut p = Parser::new(&data[..first], 0);
        let mut at = BTreeMap::new();
        for _ in 0..n {
            let (num, off) = (p.number()?, p.number()?);
            let num = u32::try_from(num).map_err(|_| bad("an object stream's header"))?;
            let off = usize::try_from(off)
                .ok()
                .and_then(|o| o.checked_add(first))
                .filter(|&o| o < data.len())
                .ok_or_else(|| bad("an object stream's header"))?;
            at.entry(num).or_insert(off);
        }
        Ok(ObjStm { data, at })
    }

    /// Object `id` (generation 0: compressed objects have no other) and the bytes it took.
    pub fn object(&self, id: ObjectId) -> Result<(Object, usize), PdfError> {
        let at = match (id.1, self.at.get(&id.0)) {
            (0, Some(&at)) => at,
            _ => return Err(bad("an object is not in the object stream said")),
        };
        let mut p = Parser::new(&self.data, at);
        let v = p.value(0)?;
        Ok((v, p.i - at))
    }

    pub fn len(&self) -> usize {
        self.data.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    fn zlib(data: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
    }

    #[test]
    fn png_up_rows_are_undone() {
        // Two rows of 3 columns, predictor 12 (Up): the second row adds to the first.
        let raw = [2, 1, 0, 10, 2, 0, 1, 5];
        let parms = dictionary! { "Predictor" => 12, "Columns" => 3 };
        assert_eq!(
            unpredict(raw.to_vec(), &parms).ok(),
            Some(vec![1, 0, 10, 1, 1, 15])
        );
        assert!(
            unpredict(vec![9, 0, 0, 0], &parms).is_err(),
            "an unknown row type"
        );
    }

    #[test]
    fn entries_of_all_three_kinds() {
        let d = dictionary! { "W" => vec![1.into(), 2.into(), 1.into()], "Index" => vec![3.into(), 3.into()], "Size" => 6 };
        let data = [0, 0, 0, 255, 1, 0x01, 0x00, 0, 2, 0, 7, 4];
        let mut offsets = BTreeMap::new();
        entries(&d, &data, &mut offsets).expect("reads");
        assert_eq!(offsets.get(&3), None, "free");
        assert_eq!(offsets.get(&4), Some(&Loc::At(256)));
        assert_eq!(
            offsets.get(&5),
            Some(&Loc::InStream {
                stream: 7,
                index: 4
            })
        );
        let more = dictionary! { "W" => vec![1.into(), 2.into(), 1.into()], "Index" => vec![0.into(), 100.into()] };
        assert!(matches!(
            entries(&more, &data, &mut offsets),
            Err(PdfError::Refused(_))
        ));
        let wide = dictionary! { "W" => vec![1.into(), 9.into(), 1.into()], "Size" => 1 };
        assert!(matches!(
            entries(&wide, &data, &mut offsets),
            Err(PdfError::Refused(_))
        ));
    }

    #[test]
    fn a_zip_bomb_stops_at_the_bound() {
        let bomb = zlib(&vec![0u8; MAX_INFLATED_BYTES + 1]);
        assert!(bomb.len() < 200 * 1024, "{} bytes", bomb.len());
        let d = dictionary! { "Filter" => "FlateDecode" };
        let Err(PdfError::Refused(m)) = decode(&d, &bomb, &mut Inflated::new()) else {
            panic!("inflated past the bound");
        };
        assert!(m.contains("uitgepakt"), "{m}");
        // What is left is shared: two halves of the bound pass once, not twice.
        let half = zlib(&vec![1u8; MAX_INFLATED_BYTES / 2 + 1]);
        let mut budget = Inflated::new();
        assert!(decode(&d, &half, &mut budget).is_ok());
        assert!(decode(&d, &half, &mut budget).is_err());
    }

    #[test]
    fn objects_of_an_object_stream() {
        let data = b"11 0 12 8 <</A 1>>[1 2]".to_vec();
        let s = ObjStm::new(&dictionary! { "N" => 2, "First" => 10 }, data).expect("reads");
        assert_eq!(
            s.object((12, 0)).expect("12").0,
            Object::Array(vec![1.into(), 2.into()])
        );
        assert!(s.object((13, 0)).is_err());
        assert!(
            s.object((11, 1)).is_err(),
            "compressed objects are generation 0"
        );
        assert!(
            ObjStm::new(
                &dictionary! { "N" => 1_000_000, "First" => 10 },
                b"0 0 null ".to_vec()
            )
            .is_err()
        );
    }
}
