//! `uniffi-bindgen`: generates the Kotlin and Swift sources from the built library
//! (`cargo run -p smileid-ffi --features bindgen-cli --bin uniffi-bindgen -- generate ...`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
