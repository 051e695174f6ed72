/// SOPS-encrypted files: structure without keys, creation rules, and verification with an age
/// key (data key unwrap, value decryption, MAC), without ever exposing a decrypted value.
public enum SOPS {}
