extension CEL.Environment {
    /// cel-go's strings extension: `charAt`, `indexOf`, `lastIndexOf`, `lowerAscii`,
    /// `upperAscii`, `replace`, `split`, `substring`, `trim`, `join`, `reverse`,
    /// `strings.quote` and `format`.
    public mutating func addStringsExtension() {
        StringsExtension.register(in: &self)
    }

    /// cel-go's math extension: `math.greatest`, `math.least`, `math.ceil`, `math.floor`,
    /// `math.round`, `math.trunc`, `math.abs`, `math.sign`, `math.isNaN`, `math.isInf`,
    /// `math.isFinite` and the `math.bit*` operations.
    public mutating func addMathExtension() {
        MathExtension.register(in: &self)
    }

    /// cel-go's encoders extension: `base64.encode` and `base64.decode`.
    public mutating func addEncodersExtension() {
        EncodersExtension.register(in: &self)
    }
}
