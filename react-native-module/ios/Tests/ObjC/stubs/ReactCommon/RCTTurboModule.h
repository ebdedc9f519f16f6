// Stand-in for React Native's ReactCommon/RCTTurboModule.h (scripts/check-swift): what the
// codegen'd spec and the module use, as React Native 0.87 declares it (no JSI behind it).
#pragma once
#import <Foundation/Foundation.h>
#import <functional>
#import <memory>
#import <string>

#define JSI_EXPORT

namespace facebook::react {
using EventEmitterCallback = std::function<void(const std::string &, id)>;

class TurboModule {
 public:
  virtual ~TurboModule() = default;
};

class JSI_EXPORT ObjCTurboModule : public TurboModule {
 public:
  struct InitParams {
    std::string moduleName;
    id instance;
  };
  ObjCTurboModule(const InitParams &params);
};
} // namespace facebook::react

@interface EventEmitterCallbackWrapper : NSObject
@end

@protocol RCTModuleProvider <NSObject>
- (std::shared_ptr<facebook::react::TurboModule>)getTurboModule:
    (const facebook::react::ObjCTurboModule::InitParams &)params;
@end

@protocol RCTTurboModule <RCTModuleProvider>
@optional
- (void)setEventEmitterCallback:(EventEmitterCallbackWrapper *)eventEmitterCallbackWrapper;
@end
