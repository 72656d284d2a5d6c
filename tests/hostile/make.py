#!/usr/bin/env python3
"""Writes the hostile PDFs of this folder: small files that claim or nest far beyond what
the kit accepts (SECURITY.md, "Hostile input: bounds"). Each must be refused with a Dutch
message within its bound, natively (crates/pdf/tests/hostile.rs, `llk verify-pdf`) and in
the browser (tests/e2e/ondertekening.mjs). Run from anywhere: python3 tests/hostile/make.py
"""
import json
import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def pdf(objects, trailer_extra=b"", xref_prev=None, extra=b""):
    """A classic PDF of `objects` (bodies, numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    out += extra
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    prev = b"" if xref_prev is None else b"/Prev %d" % xref_prev(xref)
    out += b"trailer\n<</Size %d/Root 1 0 R%s%s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, prev, trailer_extra, xref)
    return bytes(out)


def many_signatures(n):
    """`n` /ByteRange entries that each leave out the same `<00>` and cover the rest of the file."""
    def build(total):
        head = b"%PDF-1.7\n<00>\n"
        ranges = b"".join(b"/ByteRange[0 9 13 %010d]\n" % (total - 13) for _ in range(n))
        return head + ranges + b"%%EOF\n"
    size = len(build(0))
    return build(size)


CATALOG = b"<</Type/Catalog/Pages 2 0 R>>"
PAGES = b"<</Type/Pages/Kids[3 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"

# Each file and the words of the Dutch reason it is refused for ("Deze PDF wordt niet
# verwerkt: …"); written to expected.json, which the native and the browser tests read.
REASONS = {
    "xref-loop.pdf": "in een kring naar elkaar",
    "nested-10000.pdf": "dieper dan 32 niveaus",
    "stream-gigabytes.pdf": "groter te zijn dan het hele bestand",
    "xref-claims-billions.pdf": "meer objecten dan het bestand bevat",
    "page-tree-loop.pdf": "de paginaboom bevat zichzelf",
    "signatures-20000.pdf": "meer dan 50 handtekeningen",
    "xref-stream-bomb.pdf": "uitgepakt wordt het groter dan 16 MB",
}

FILES = {
    # The cross-reference section's /Prev points at itself: a reader that follows it never ends.
    "xref-loop.pdf": pdf([CATALOG, PAGES, PAGE], xref_prev=lambda at: at),
    # Ten thousand arrays inside each other in the catalog: a recursive reader's stack.
    "nested-10000.pdf": pdf([b"<</Type/Catalog/Pages 2 0 R/Deep " + b"[" * 10000 + b"]" * 10000 + b">>",
                             PAGES, PAGE]),
    # The page tree is a stream that claims 100 GB, and a second one that claims 4 GB.
    "stream-gigabytes.pdf": pdf([CATALOG,
                                 b"<</Type/Pages/Kids[3 0 R]/Count 1/Length 100000000000>>\nstream\nx\nendstream",
                                 PAGE,
                                 b"<</Length 4294967296/Filter/FlateDecode>>\nstream\nx\nendstream"]),
    # A cross-reference subsection that claims four billion entries in a file of a few hundred bytes.
    "xref-claims-billions.pdf": pdf([CATALOG, PAGES, PAGE]).replace(b"xref\n0 4\n", b"xref\n0 4000000000\n"),
    # The page tree's node is its own child.
    "page-tree-loop.pdf": pdf([CATALOG, b"<</Type/Pages/Kids[2 0 R 3 0 R]/Count 1>>", PAGE]),
    # Twenty thousand signatures, each over the whole file but a two-byte hole: checking
    # them all would hash ten gigabytes.
    "signatures-20000.pdf": many_signatures(20000),
}



def xref_stream_bomb():
    """A cross-reference stream of 20 KB that inflates to 20 MB of zeros."""
    data = zlib.compress(b"\0" * (20 * 1024 * 1024), 9)
    out = bytearray(b"%PDF-1.7\n")
    at = len(out)
    out += (b"1 0 obj\n<</Type/XRef/Size 4/W[1 4 1]/Root 2 0 R/Filter/FlateDecode/Length %d>>\nstream\n"
            % len(data)) + data + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % at
    return bytes(out)


# The reader inflates at most 16 MB of cross-reference and object streams together.
FILES["xref-stream-bomb.pdf"] = xref_stream_bomb()

if __name__ == "__main__":
    for name, data in FILES.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")
    assert sorted(REASONS) == sorted(FILES), "a file without its reason, or a reason without its file"
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(REASONS, f, indent=2, ensure_ascii=False)
        f.write("\n")
