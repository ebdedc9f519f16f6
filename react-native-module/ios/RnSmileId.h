// Obj-C++ only (the codegen header is): private in the podspec, out of the umbrella header that
// Swift imports.
#import <RnSmileIdSpec/RnSmileIdSpec.h>

// The RnSmileId TurboModule (New Architecture). Each method forwards to RnSmileIdImpl (Swift).
@interface RnSmileId : NativeRnSmileIdSpecBase <NativeRnSmileIdSpec>
@end
