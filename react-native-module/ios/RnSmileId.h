#import <RnSmileIdSpec/RnSmileIdSpec.h>

// The RnSmileId TurboModule (New Architecture). Each method forwards to RnSmileIdImpl (Swift).
@interface RnSmileId : NativeRnSmileIdSpecBase <NativeRnSmileIdSpec>
@end
