//! The client's parser of job_status bodies must never panic, whatever the server sends.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = smileid_core::JobStatus::parse(text);
    }
});
