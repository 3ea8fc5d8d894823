//! Reading another program's customer list: CSV in UTF-8 (with or without a
//! byte order mark) or Windows-1252 (found out, or said by the user), comma,
//! semicolon or tab separated (found out), quoted fields with line breaks.
//! What the rows mean is `domain::import`; saving them is the store's.

use crate::domain::import;
use std::path::Path;

/// The file's text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// What Excel on Windows writes in Western Europe ("ANSI").
    Windows1252,
}

/// A customer list as read: its header and its rows, each with the line
/// it starts on (for the report).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub encoding: Option<Encoding>,
    pub separator: u8,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {0}: {1}")]
    File(String, std::io::Error),
    #[error("the file has no header row")]
    Empty,
    #[error("the file is not a CSV list: {0}")]
    Csv(String),
}

/// The text of `bytes`: UTF-8 when it is valid UTF-8 (a byte order mark
/// dropped), else Windows-1252 — unless the user said which.
pub fn decode(bytes: &[u8], said: Option<Encoding>) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let encoding =
        said.unwrap_or(if std::str::from_utf8(bytes).is_ok() { Encoding::Utf8 } else { Encoding::Windows1252 });
    let text = match encoding {
        Encoding::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    };
    (text, encoding)
}

pub fn read(path: &Path, said: Option<Encoding>) -> Result<Table, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::File(path.display().to_string(), e))?;
    parse(&bytes, said)
}

/// Reads a list from its bytes; a row with fewer or more fields than the
/// header is kept as it is (the import says what it made of it).
pub fn parse(bytes: &[u8], said: Option<Encoding>) -> Result<Table, ReadError> {
    let (text, encoding) = decode(bytes, said);
    let first_line = text.lines().next().ok_or(ReadError::Empty)?;
    let separator = import::separator(first_line);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(separator).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|h| h.trim().to_string()).collect(),
        Some(Err(e)) => return Err(ReadError::Csv(e.to_string())),
        None => return Err(ReadError::Empty),
    };
    if headers.iter().all(String::is_empty) {
        return Err(ReadError::Empty);
    }
    let mut rows = Vec::new();
    for record in records {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                rows.push((line, r.iter().map(str::to_string).collect()));
            }
            // A stray quote that never closes: the rest of the file is one field.
            Err(e) => return Err(ReadError::Csv(e.to_string())),
        }
    }
    Ok(Table { headers, rows, encoding: Some(encoding), separator })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_windows_1252_and_quoted_line_breaks_are_read() {
        let utf8 = "\u{feff}Vorname;Nachname;Notiz\nJürgen;Groß;\"Mag es kurz;\nund ruhig\"\n".as_bytes();
        let t = parse(utf8, None).unwrap();
        assert_eq!(t.headers, ["Vorname", "Nachname", "Notiz"], "no byte order mark in the first header");
        assert_eq!(t.separator, b';');
        assert_eq!(t.rows, [(2, vec!["Jürgen".to_string(), "Groß".into(), "Mag es kurz;\nund ruhig".into()])]);
        assert_eq!(t.encoding, Some(Encoding::Utf8));

        // "Jürgen Groß" as Excel writes it on a German Windows.
        let ansi = b"First,Last\r\nJ\xfcrgen,Gro\xdf\r\n";
        let t = parse(ansi, None).unwrap();
        assert_eq!(t.encoding, Some(Encoding::Windows1252));
        assert_eq!(t.rows[0].1, ["Jürgen", "Groß"]);
        // Said to be UTF-8 although it is not: nothing is lost silently, the
        // bad bytes show.
        assert_eq!(parse(ansi, Some(Encoding::Utf8)).unwrap().rows[0].1[0], "J\u{fffd}rgen");
    }

    #[test]
    fn an_empty_file_is_said_to_be_empty() {
        assert!(matches!(parse(b"", None), Err(ReadError::Empty)));
        assert!(matches!(parse(b"\n\n", None), Err(ReadError::Empty)));
    }
}
