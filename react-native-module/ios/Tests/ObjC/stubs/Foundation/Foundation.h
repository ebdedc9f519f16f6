// Stand-in for Apple's Foundation (absent on Linux) for scripts/check-swift: the declarations the
// module's ObjC++ and the codegen'd spec use, as Foundation declares them.
#pragma once

typedef signed char BOOL;
#define YES ((BOOL)1)
#define NO ((BOOL)0)
#define NS_ASSUME_NONNULL_BEGIN _Pragma("clang assume_nonnull begin")
#define NS_ASSUME_NONNULL_END _Pragma("clang assume_nonnull end")

@protocol NSObject
- (BOOL)respondsToSelector:(SEL)aSelector;
@end

@interface NSObject <NSObject>
+ (instancetype)new;
+ (instancetype)alloc;
- (instancetype)init;
@end

@interface NSString : NSObject
- (BOOL)isEqualToString:(NSString *)aString;
@end

@interface NSNumber : NSObject
+ (NSNumber *)numberWithBool:(BOOL)value;
@end

@interface NSError : NSObject
@end
