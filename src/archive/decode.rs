//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM,
//! otherwise Windows-1252; NUL bytes without a UTF-16 BOM mean a binary file.

use std::borrow::Cow;

/// How many leading bytes are inspected for NUL bytes, as git and ripgrep do.
const BINARY_SNIFF_LEN: usize = 8192;

/// Why a file's bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds NUL bytes and no UTF-16 byte-order mark.
    Binary,
}

/// Decodes a dispatch file's bytes into text without a BOM, with line endings left as they are.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    // The BOM must be sniffed before the binary check: UTF-16 text is full of NUL bytes.
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text);
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if head.contains(&0) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => {
            let (text, _had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed() {
        let text = decode("PARIS — Rain.".as_bytes()).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(text, "PARIS — Rain.");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("Bogotá".as_bytes());
        assert_eq!(decode(&bytes).unwrap(), "Bogotá");
    }

    #[test]
    fn utf16_le_and_be_with_bom_are_decoded() {
        let text = "São Paulo, Brazil\r\nline";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252() {
        // 0xE9 is é and 0x93/0x94 are curly quotes in Windows-1252.
        let bytes = b"caf\xe9 \x93quoted\x94";
        assert_eq!(decode(bytes).unwrap(), "café \u{201c}quoted\u{201d}");
    }

    #[test]
    fn nul_bytes_without_bom_are_binary() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00data"), Err(DecodeError::Binary));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap(), "");
    }
}
