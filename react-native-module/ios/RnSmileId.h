#import <RnSmileIdSpec/RnSmileIdSpec.h>

// The RnSmileId TurboModule (New Architecture); each method forwards to RnSmileIdImpl (Swift).
// Obj-C++ only, as the spec header: private in the podspec, out of the umbrella Swift imports.
@interface RnSmileId : NativeRnSmileIdSpecBase <NativeRnSmileIdSpec>
@end
