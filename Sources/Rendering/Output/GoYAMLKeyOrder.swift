/// The order go-yaml v2 writes map keys in (`keyList.Less` in its sorter). It is not byte order:
/// runs of digits compare by value (`item2` before `item10`), and a non-letter sorts before a
/// letter (`_x` before `Zx`), comparing Unicode code points otherwise.
enum GoYAMLKeyOrder {
    static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count, i < br.count {
            defer { i += 1 }
            if ar[i] == br[i] { continue }
            let aLetter = isLetter(ar[i])
            let bLetter = isLetter(br[i])
            if aLetter, bLetter { return ar[i].value < br[i].value }
            if aLetter || bLetter { return bLetter }
            // Numbers: a zero inside a run of digits that already holds a non-zero digit must not
            // be read as a leading zero, so both sides start from one in that case.
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0, isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count, isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count, isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) &- 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// Sorts as `sort.Sort` does for the sizes maps have: Go's pdqsort runs a plain insertion sort
    /// up to 12 elements, which fixes the result even for keys the comparison cannot rank.
    static func sorted<Element>(_ items: [Element], by key: (Element) -> String) -> [Element] {
        var items = items
        if items.count <= 12 {
            for i in items.indices.dropFirst() {
                var j = i
                while j > 0, areInIncreasingOrder(key(items[j]), key(items[j - 1])) {
                    items.swapAt(j, j - 1)
                    j -= 1
                }
            }
            return items
        }
        return items.sorted { areInIncreasingOrder(key($0), key($1)) }
    }

    /// Go's `unicode.IsLetter`: general categories Lu, Ll, Lt, Lm, Lo.
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`: general category Nd.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar >= "0" && scalar <= "9" }
        return scalar.properties.generalCategory == .decimalNumber
    }
}
