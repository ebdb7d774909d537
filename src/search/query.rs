//! Reading what a user typed: words, "phrases", +required, -excluded and field:word.
//!
//! This is deliberately not tantivy's query parser: that parser rejects ordinary text
//! (`NASSER'S`, an upper-case `IN`, a stray colon) and overflows its stack on deep nesting.
//! Here every input is accepted, in time linear in its length, and anything that is not one
//! of the forms above is taken as plain words.

/// A text field a user may name with `field:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every searchable field.
    All,
    /// `headline:`
    Headline,
    /// `body:`
    Body,
    /// `location:`
    Location,
    /// `dateline:`
    Dateline,
}

impl Scope {
    fn from_prefix(name: &str) -> Option<Scope> {
        match name.to_ascii_lowercase().as_str() {
            "headline" | "title" => Some(Scope::Headline),
            "body" | "text" => Some(Scope::Body),
            "location" | "place" => Some(Scope::Location),
            "dateline" => Some(Scope::Dateline),
            _ => None,
        }
    }
}

/// Whether a clause may, must or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Plain words: all of them rank first, some of them still match.
    Word,
    /// `+word` or `"a phrase"`: every hit has it.
    Required,
    /// `-word`: no hit has it.
    Excluded,
}

/// One piece of a query: the raw text of a word or a phrase, where to look for it, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The text as typed (without quotes, sign or field prefix).
    pub text: String,
    /// True for a quoted phrase.
    pub phrase: bool,
    /// Where it must match.
    pub scope: Scope,
    /// How it must match.
    pub need: Need,
}

/// Splits a query into clauses. Never fails.
pub fn parse(input: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut rest = input.trim_start();
    while !rest.is_empty() {
        let (clause, next) = next_clause(rest);
        if let Some(clause) = clause {
            clauses.push(clause);
        }
        rest = next.trim_start();
    }
    clauses
}

fn next_clause(s: &str) -> (Option<Clause>, &str) {
    let mut need = Need::Word;
    let mut body = s;
    if let Some(stripped) = body.strip_prefix('-') {
        need = Need::Excluded;
        body = stripped;
    } else if let Some(stripped) = body.strip_prefix('+') {
        need = Need::Required;
        body = stripped;
    }
    let mut scope = Scope::All;
    if let Some(colon) = body.find(':') {
        let name = &body[..colon];
        if !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphabetic())
            && let Some(found) = Scope::from_prefix(name)
        {
            let after = &body[colon + 1..];
            if !after.is_empty() && !after.starts_with(char::is_whitespace) {
                scope = found;
                body = after;
            }
        }
    }
    if let Some(quoted) = body.strip_prefix('"') {
        // An unterminated quote runs to the end of the query.
        let (text, next) = match quoted.find('"') {
            Some(end) => (&quoted[..end], &quoted[end + 1..]),
            None => (quoted, ""),
        };
        let need = if need == Need::Word {
            Need::Required
        } else {
            need
        };
        let clause = (!text.trim().is_empty()).then(|| Clause {
            text: text.trim().to_string(),
            phrase: true,
            scope,
            need,
        });
        return (clause, next);
    }
    let end = body.find(char::is_whitespace).unwrap_or(body.len());
    let (text, next) = body.split_at(end);
    let clause = (!text.is_empty()).then(|| Clause {
        text: text.to_string(),
        phrase: false,
        scope,
        need,
    });
    (clause, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Clause {
        Clause {
            text: text.into(),
            phrase: false,
            scope: Scope::All,
            need: Need::Word,
        }
    }

    #[test]
    fn plain_words_with_punctuation_stay_words() {
        assert_eq!(
            parse("NASSER'S troops IN Cairo"),
            vec![word("NASSER'S"), word("troops"), word("IN"), word("Cairo")]
        );
        assert_eq!(parse("a:b:c"), vec![word("a:b:c")]);
        assert_eq!(parse("http://x.org/a"), vec![word("http://x.org/a")]);
    }

    #[test]
    fn phrases_signs_and_fields() {
        let clauses = parse(r#""green hydrogen" -subsidy +wind headline:peace body:"two words""#);
        assert_eq!(clauses.len(), 5);
        assert!(clauses[0].phrase && clauses[0].need == Need::Required);
        assert_eq!(clauses[1].need, Need::Excluded);
        assert_eq!(clauses[2].need, Need::Required);
        assert_eq!(clauses[3].scope, Scope::Headline);
        assert_eq!(clauses[4].scope, Scope::Body);
        assert!(clauses[4].phrase);
        assert_eq!(clauses[4].text, "two words");
    }

    #[test]
    fn unknown_fields_and_stray_marks_are_words() {
        assert_eq!(parse("nosuchfield:storm"), vec![word("nosuchfield:storm")]);
        assert_eq!(parse("\"unterminated phrase").len(), 1);
        assert!(parse("- + \"\"").iter().all(|c| c.text != "-"));
        assert!(parse("   ").is_empty());
    }
}
