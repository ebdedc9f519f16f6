//! Photo decoding (JPEG/PNG from galleries and zips) must return a typed error, never panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(gray) = smileid_core::vision::imaging::decode_gray(data, "fuzz") {
        assert_eq!(gray.data.len(), gray.width as usize * gray.height as usize);
    }
});
