//! What follows the place: `[, ][-] date [, Reuter] [(Agency) | /Agency/] separator`.

use super::super::date::{self, alpha_end, spaces_end};
use super::DatePart;
use super::shape::agency_shaped;
use super::words;

/// The part after the place: date, agency, separator.
pub(super) struct Tail {
    /// Where the first element after the place starts (location ends before it).
    pub begin: usize,
    /// Where the dateline text ends (before the separator).
    pub end: usize,
    /// Where the body starts.
    pub body: usize,
    /// The agency's span.
    pub agency: Option<(usize, usize)>,
    /// The date part.
    pub date: DatePart,
    /// Whether a readable date or an agency vouches for the dateline.
    pub strong: bool,
    /// The separator's first character (`-`, `_`, `:`, ...), None when the body follows the
    /// agency without one (`New Delhi, Oct 30 (PTI) Text`).
    pub separator: Option<char>,
}

/// `p` moved past at most eight bytes of `set`.
fn skip(line: &str, p: usize, set: &[u8]) -> usize {
    let b = line.as_bytes();
    let mut q = p;
    while q < b.len() && q - p < 8 && set.contains(&b[q]) {
        q += 1;
    }
    q
}

/// Parses what follows the place: `[, ][-] date [, Reuter] [(Agency) | /Agency/] separator`.
/// With `after_place` false, the line must start with a date (date-only datelines).
pub(super) fn tail(line: &str, p: usize, after_place: bool) -> Option<Tail> {
    let mut q = p;
    let mut had_comma = false;
    if after_place {
        q = skip(line, p, b" \t,.");
        had_comma = line[p..q].contains(',');
    }
    let begin = q;
    let mut end = p;
    let mut date = DatePart::Absent;
    if let Some((w, e)) = date::parse_written(line, q) {
        date = DatePart::Written(w);
        q = e;
        end = e;
    } else if after_place {
        if let Some(d) = dash_end(line, q) {
            let r = spaces_end(line, d);
            if let Some((w, e)) = date::parse_written(line, r) {
                date = DatePart::Written(w);
                q = e;
                end = e;
            }
        }
        if date == DatePart::Absent
            && had_comma
            && let Some(e) = fuzzy_date_end(line, q)
        {
            date = DatePart::Unreadable;
            q = e;
            end = e;
        }
    } else {
        return None;
    }
    let mut agency = None;
    if matches!(date, DatePart::Written(_)) {
        let r = skip(line, q, b" ,");
        if let Some(e) = alpha_end(line, r)
            && r > q
            && (line[r..e].eq_ignore_ascii_case("reuter")
                || line[r..e].eq_ignore_ascii_case("reuters"))
        {
            agency = Some((r, e));
            q = e;
            end = e;
        }
    }
    if agency.is_none() {
        // `VIENNA, May 9, (AFP) -`: a comma may stand before the agency.
        let mut r = skip(line, q, b" \t.,");
        // Business Wire: `NEW YORK--(BUSINESS WIRE)--Text`.
        for dashes in ["--", "—"] {
            if let Some(after) = line[r..].strip_prefix(dashes)
                && after.starts_with('(')
            {
                r += dashes.len();
            }
        }
        if let Some((span, e)) = agency_at(line, r, matches!(date, DatePart::Written(_))) {
            agency = Some(span);
            q = e;
            end = e;
        }
    }
    let written = matches!(date, DatePart::Written(_));
    let s = skip(line, q, b" \t,");
    // Misspelt dates are a wire-copy accident: only with the wire's dash after them.
    if date == DatePart::Unreadable && !line[s..].starts_with(['-', '–', '—']) {
        return None;
    }
    let (body, strong, separator) = if let Some(b) = separator_end(line, s, agency.is_some()) {
        (b, written || agency.is_some(), line[s..].chars().next())
    } else if agency.is_some() && written && (s > q || s == line.len()) {
        // `New Delhi, Oct 30 (PTI) Text`: no separator, so the date must vouch for it
        // (`DIAMOND SHAMROCK (DIA) CUTS CRUDE PRICES` is a headline).
        (s, true, None)
    } else {
        return None;
    };
    Some(Tail {
        begin,
        end,
        body,
        agency,
        date,
        strong,
        separator,
    })
}

fn dash_end(line: &str, p: usize) -> Option<usize> {
    let c = line.get(p..)?.chars().next()?;
    matches!(c, '-' | '–' | '—').then(|| p + c.len_utf8())
}

/// A misspelt date after a comma: `Narch 2`, `Marchg 12`, `March 2O`, `April l`, `ABR 7`,
/// `March 187`, or a month without its day (`April`).
fn fuzzy_date_end(line: &str, p: usize) -> Option<usize> {
    let e = alpha_end(line, p)?;
    // `ABRUPTLY, AT 9:45 P.M.` is prose: short words are not misspelt months.
    if !(3..=10).contains(&(e - p)) {
        return None;
    }
    let is_month = date::month_number(&line[p..e]).is_some();
    let r = spaces_end(line, e);
    if r > e {
        let b = line.as_bytes();
        let mut te = r;
        while te < b.len() && te - r <= 3 && b[te].is_ascii_alphanumeric() {
            te += 1;
        }
        let token = &b[r..te];
        let boundary = b.get(te).is_none_or(|c| !c.is_ascii_alphanumeric());
        if (1..=3).contains(&token.len())
            && boundary
            && (is_month || token.iter().any(u8::is_ascii_digit))
        {
            return Some(te);
        }
    }
    is_month.then_some(e)
}

/// `(Agency)` or `/Agency/` at `p`: returns the agency's span (without padding spaces:
/// `(Xinhua )`) and the end of the group. An ordinary capitalised word in brackets is as
/// likely a place (`SMITH-CAMPAIGN (Denver) _`), a record label or a speaker's title, so it
/// counts only when known by name, when it names an outlet (`Coast News`), or after a date
/// (`Astana, 30 October 2017 (Kazinform) -`);
/// capitals (`AP`, `BUSINESS WIRE`), domain names (`bdnews24.com`) and slashes (`/TASS/`)
/// count by their shape.
fn agency_at(line: &str, p: usize, dated: bool) -> Option<((usize, usize), usize)> {
    let b = line.as_bytes();
    let close = match b.get(p)? {
        b'(' => b')',
        b'/' => b'/',
        _ => return None,
    };
    let inner = p + 1;
    let limit = (inner + 40).min(b.len());
    let rel = b[inner..limit].iter().position(|&c| c == close)?;
    let padded = &line[inner..inner + rel];
    let content = padded.trim_matches(' ');
    let known = words::is_agency_name(content) || words::is_outlet_name(content);
    if !(known || agency_shaped(content)) || (close == b'/' && content.contains(' ')) {
        return None;
    }
    let by_shape = close == b'/'
        || !content.chars().any(char::is_lowercase)
        || content.starts_with(char::is_lowercase);
    if !(by_shape || dated || known) {
        return None;
    }
    let start = inner + (padded.len() - padded.trim_start_matches(' ').len());
    Some(((start, start + content.len()), inner + rel + 1))
}

/// A separator at `p` (`—`, `–`, `--`, `-`, `_`, `:`, or `.` after an agency) followed by
/// a space or the end of the line; returns where the body starts. An underscore may be glued
/// to the body's first word when that starts a sentence (`N.C._Four`, `(AP) _Officials`).
fn separator_end(line: &str, p: usize, after_agency: bool) -> Option<usize> {
    let rest = line.get(p..)?;
    let c = rest.chars().next()?;
    let mut e = match c {
        '—' | '–' | '-' | '_' | ':' => p + c.len_utf8(),
        '.' if after_agency => p + 1,
        _ => return None,
    };
    if matches!(c, '—' | '–' | '-') {
        while let Some(n) = line[e..]
            .chars()
            .next()
            .filter(|n| matches!(n, '—' | '–' | '-'))
        {
            e += n.len_utf8();
        }
    }
    match line[e..].chars().next() {
        None => Some(e),
        Some(n) if n.is_whitespace() => {
            let t = line[e..].trim_start();
            Some(line.len() - t.len())
        }
        // `(BUSINESS WIRE)--Text`: a double dash after an agency needs no space.
        Some(_) if after_agency && e - p >= 2 && c != '_' && c != ':' => Some(e),
        Some(n) if c == '_' && (n.is_uppercase() || matches!(n, '`' | '"' | '“')) => Some(e),
        Some(_) => None,
    }
}
