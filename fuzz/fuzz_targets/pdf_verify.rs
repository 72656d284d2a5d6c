#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| llk_fuzzing::pdf_verify(data));
