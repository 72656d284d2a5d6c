//! What the fuzz targets reach that is no API of its own: the DER reader and the CMS check,
//! which the verifier otherwise only calls on what it found in a PDF.

pub use super::cms::{Checked, check as cms_check};
pub use super::der::read as der_read;
