//! The sandbox's reading of uploaded zips (zip structure, info.json, listed and base64 images)
//! must return a typed problem, never panic or allocate without bound.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    smileid_sandbox::fuzzing::upload_zip(data);
});
