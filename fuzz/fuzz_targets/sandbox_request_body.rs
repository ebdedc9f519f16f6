//! The sandbox's JSON request parsing (every POST endpoint) must answer, never panic. The first
//! byte picks the endpoint.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some((endpoint, body)) = data.split_first() {
        smileid_sandbox::fuzzing::request_body(*endpoint, body);
    }
});
