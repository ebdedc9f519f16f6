//! SmartSelfie capture: camera frames or photos in, a selfie tag out.
