//! Links from a hit's key to its file (OSC 8, which terminals such as kitty, iTerm2, WezTerm,
//! GNOME's and Windows Terminal make clickable), in the formats ripgrep's
//! `--hyperlink-format` takes.

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

/// The aliases ripgrep knows, with the format each stands for.
const ALIASES: &[(&str, &str)] = &[
    ("default", "file://{host}{path}"),
    ("file", "file://{host}{path}"),
    ("grep+", "grep+://{path}:{line}"),
    ("kitty", "file://{host}{path}#{line}"),
    (
        "macvim",
        "mvim://open?url=file://{path}&line={line}&column={column}",
    ),
    (
        "textmate",
        "txmt://open?url=file://{path}&line={line}&column={column}",
    ),
    ("vscode", "vscode://file{path}:{line}:{column}"),
    (
        "vscode-insiders",
        "vscode-insiders://file{path}:{line}:{column}",
    ),
    ("vscodium", "vscodium://file{path}:{line}:{column}"),
];

/// What `--hyperlink-format` says: no links, or a URL with `{path}` and the like in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HyperlinkFormat {
    /// The URL template; none for `none`.
    template: Option<String>,
}

impl HyperlinkFormat {
    /// Whether links are to be made at all.
    pub fn is_none(&self) -> bool {
        self.template.is_none()
    }

    /// The URL of the file at the absolute path `file`, on the machine named `host`.
    pub fn url(&self, file: &Path, host: &str) -> Option<String> {
        let template = self.template.as_deref()?;
        let mut url = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            url.push_str(&rest[..open]);
            let close = rest[open..].find('}').map(|i| open + i)?;
            match &rest[open + 1..close] {
                "path" => push_path(&mut url, file),
                "host" => url.push_str(&percent_encode(host.as_bytes())),
                // A dispatch is opened at its top.
                "line" | "column" => url.push('1'),
                // `{wslprefix}`: no prefix outside WSL.
                _ => {}
            }
            rest = &rest[close + 1..];
        }
        url.push_str(rest);
        Some(url)
    }
}

/// The bytes of a path, percent-encoded except for unreserved characters and `/`.
fn push_path(url: &mut String, file: &Path) {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(file.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = file.to_string_lossy().replace('\\', "/").into_bytes();
    if !bytes.starts_with(b"/") {
        url.push('/');
    }
    url.push_str(&percent_encode(&bytes));
}

fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl FromStr for HyperlinkFormat {
    type Err = String;

    /// Reads an alias (`default`, `none`, `file`, `vscode`, ...) or a format such as
    /// `file://{host}{path}`: a scheme, then at least `{path}`, among `{path}`, `{host}`,
    /// `{line}`, `{column}` and `{wslprefix}`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() || text == "none" {
            return Ok(HyperlinkFormat { template: None });
        }
        if let Some((_, template)) = ALIASES.iter().find(|(alias, _)| *alias == text) {
            return Ok(HyperlinkFormat {
                template: Some((*template).to_string()),
            });
        }
        let names: Vec<&str> = ALIASES.iter().map(|(alias, _)| *alias).collect();
        let aliases = format!("none, {}", names.join(", "));
        let scheme_end = text.find(':').unwrap_or(0);
        let scheme = &text[..scheme_end];
        let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !scheme_ok {
            return Err(format!(
                "'{text}' is neither a format alias ({aliases}) nor a URL starting with a scheme such as file://"
            ));
        }
        if text.chars().any(|c| c.is_control() || c == ' ') {
            return Err("a hyperlink format cannot hold spaces or control characters".into());
        }
        let mut rest = text;
        let mut has_path = false;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|i| open + i) else {
                return Err(format!("'{text}' has a '{{' without its '}}'"));
            };
            match &rest[open + 1..close] {
                "path" => has_path = true,
                "host" | "line" | "column" | "wslprefix" => {}
                other => {
                    return Err(format!(
                        "unknown variable {{{other}}} in '{text}' (use {{path}}, {{host}}, {{line}}, {{column}})"
                    ));
                }
            }
            rest = &rest[close + 1..];
        }
        if !has_path {
            return Err(format!("'{text}' has no {{path}}"));
        }
        Ok(HyperlinkFormat {
            template: Some(text.to_string()),
        })
    }
}

impl fmt::Display for HyperlinkFormat {
    /// As it would be typed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.template {
            None => f.write_str("none"),
            Some(template) => match ALIASES.iter().find(|(_, t)| t == template) {
                Some((alias, _)) => f.write_str(alias),
                None => f.write_str(template),
            },
        }
    }
}

/// Makes the links of the keys of one index, whose archive is at `root`.
#[derive(Debug, Clone)]
pub struct Linker {
    format: HyperlinkFormat,
    host: String,
    root: std::path::PathBuf,
}

impl Linker {
    /// Links in `format` to files of the archive at `root`, on the machine named `host`.
    pub fn new(format: HyperlinkFormat, host: String, root: std::path::PathBuf) -> Self {
        Linker { format, host, root }
    }

    /// The URL of the file of the dispatch at `key`.
    pub fn url(&self, key: &dateline::dispatch::Key) -> Option<String> {
        self.format.url(&self.root.join(&key.path), &self.host)
    }
}

/// Writes `text` as a link to `url` (OSC 8), or as it is when there is no URL.
pub fn write_linked(
    out: &mut dyn Write,
    url: Option<&str>,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match url {
        Some(url) => {
            write!(out, "\x1b]8;;{url}\x1b\\")?;
            text(out)?;
            out.write_all(b"\x1b]8;;\x1b\\")
        }
        None => text(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(text: &str) -> HyperlinkFormat {
        text.parse().unwrap()
    }

    #[test]
    fn aliases_and_formats_make_urls_like_ripgrep() {
        let file = Path::new("/srv/wire/2017/10/30/a b.txt");
        assert_eq!(
            format("default").url(file, "newsroom").as_deref(),
            Some("file://newsroom/srv/wire/2017/10/30/a%20b.txt")
        );
        assert_eq!(
            format("vscode").url(file, "h").as_deref(),
            Some("vscode://file/srv/wire/2017/10/30/a%20b.txt:1:1")
        );
        assert_eq!(
            format("file://{path}").url(file, "h").as_deref(),
            Some("file:///srv/wire/2017/10/30/a%20b.txt")
        );
        assert_eq!(format("none").url(file, "h"), None);
        assert!(format("none").is_none() && !format("default").is_none());
        assert_eq!(format("vscode").to_string(), "vscode");
        assert_eq!(format("x-open://{path}").to_string(), "x-open://{path}");
    }

    #[test]
    fn every_byte_a_url_cannot_hold_is_encoded() {
        let file = Path::new("/a/São Paulo\x1b[2J;?#.txt");
        let url = format("file://{path}").url(file, "").unwrap();
        assert_eq!(url, "file:///a/S%C3%A3o%20Paulo%1B%5B2J%3B%3F%23.txt");
        assert!(url.bytes().all(|b| b.is_ascii_graphic()));
    }

    #[test]
    fn bad_formats_are_refused_with_a_reason() {
        for (bad, reason) in [
            ("nofile", "neither a format alias"),
            ("file://{host}", "has no {path}"),
            ("file://{path}{nope}", "unknown variable {nope}"),
            ("file://{path", "without its"),
            ("file://x {path}", "spaces"),
        ] {
            let err = bad.parse::<HyperlinkFormat>().unwrap_err();
            assert!(err.contains(reason), "{bad}: {err}");
        }
    }

    #[test]
    fn a_linker_joins_the_key_to_the_archive_root() {
        let linker = Linker::new(format("default"), "h".into(), "/srv/wire".into());
        let key = dateline::dispatch::Key::file("2017/a.txt");
        assert_eq!(
            linker.url(&key).as_deref(),
            Some("file://h/srv/wire/2017/a.txt")
        );
    }

    #[test]
    fn links_wrap_their_text_in_osc_8() {
        let mut out = Vec::new();
        write_linked(&mut out, Some("file:///a"), |o| o.write_all(b"a")).unwrap();
        assert_eq!(out, b"\x1b]8;;file:///a\x1b\\a\x1b]8;;\x1b\\");
        let mut plain = Vec::new();
        write_linked(&mut plain, None, |o| o.write_all(b"a")).unwrap();
        assert_eq!(plain, b"a");
    }
}
