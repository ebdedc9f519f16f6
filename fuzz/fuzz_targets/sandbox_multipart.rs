//! The sandbox's reading of v2 SmartSelfie multipart forms (boundary, part headers, bodies) must
//! return a typed problem, never panic or allocate without bound.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    smileid_sandbox::fuzzing::multipart_form(data);
});
