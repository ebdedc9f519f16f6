import Foundation
import XCTest

/// A JSON value's shape: its type, and for objects each key's shape. The Kotlin module's maps,
/// recorded by scripts/test-react-native as the Jest decoding fixtures, must have the shape the
/// Swift module's maps have.
indirect enum JSONShape: Decodable {
    case null, bool, number, string
    case array([JSONShape])
    case object([String: JSONShape])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if (try? c.decode(Bool.self)) != nil {
            self = .bool
        } else if (try? c.decode(Double.self)) != nil {
            self = .number
        } else if (try? c.decode(String.self)) != nil {
            self = .string
        } else if let items = try? c.decode([JSONShape].self) {
            self = .array(items)
        } else {
            self = .object(try c.decode([String: JSONShape].self))
        }
    }

    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Objects whose keys are data, not field names.
    static let dataMaps = [".partnerParams", ".actions"]

    /// Where `other` differs: missing or extra keys, other types. A null matches any type (an
    /// optional value absent in one run).
    func differences(from other: JSONShape, at path: String = "$") -> [String] {
        switch (self, other) {
        case (.null, _), (_, .null):
            return []
        case let (.object(mine), .object(theirs)) where Self.dataMaps.contains(where: path.hasSuffix):
            // Keys are data (the job's partner params, Smile ID's actions): values are strings.
            let kinds = Set(mine.values.map(\.kind) + theirs.values.map(\.kind))
            return kinds.count > 1 ? ["\(path): values of types \(kinds.sorted())"] : []
        case let (.object(mine), .object(theirs)):
            let missing = Set(theirs.keys).subtracting(mine.keys).sorted().map { "\(path).\($0): only in Kotlin" }
            let extra = Set(mine.keys).subtracting(theirs.keys).sorted().map { "\(path).\($0): only in Swift" }
            let common = Set(mine.keys).intersection(theirs.keys).sorted()
            return missing + extra + common.flatMap { mine[$0]!.differences(from: theirs[$0]!, at: "\(path).\($0)") }
        case let (.array(mine), .array(theirs)):
            guard let a = mine.first, let b = theirs.first else { return [] }
            return a.differences(from: b, at: "\(path)[0]")
        default:
            return kind == other.kind ? [] : ["\(path): Swift \(kind), Kotlin \(other.kind)"]
        }
    }
}

/// Records a map JS receives as fixture `name` (into $SMILEID_FIXTURES, when set) and checks
/// its shape against the Kotlin module's fixture of the same name (in $SMILEID_KOTLIN_FIXTURES,
/// when that run left one).
func fixture(_ name: String, _ value: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])
    let environment = ProcessInfo.processInfo.environment
    if let dir = environment["SMILEID_FIXTURES"], !dir.isEmpty {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).json"))
    }
    guard let kotlinDir = environment["SMILEID_KOTLIN_FIXTURES"], !kotlinDir.isEmpty,
          let kotlin = FileManager.default.contents(atPath: "\(kotlinDir)/\(name).json") else { return }
    let swiftShape = try JSONDecoder().decode(JSONShape.self, from: data)
    let kotlinShape = try JSONDecoder().decode(JSONShape.self, from: kotlin)
    XCTAssertEqual(swiftShape.differences(from: kotlinShape), [], "fixture \(name)", file: file, line: line)
}
