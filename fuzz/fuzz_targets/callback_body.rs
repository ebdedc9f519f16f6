//! Callback verification must never panic and never accept an unsigned body.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if smileid_core::verify_callback("fuzz-api-key", "2343", data).is_ok() {
        panic!("accepted a callback signed without the key");
    }
});
