//! The four languages Salondesk speaks, and what follows from each for dates.

use chrono::Weekday;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Language {
    #[default]
    En,
    De,
    Nl,
    Nb,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::En, Language::De, Language::Nl, Language::Nb];

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Nl => "nl",
            Language::Nb => "nb",
        }
    }

    /// Accepts the code and the usual long forms ("nb-NO", "no", "de_DE").
    pub fn parse(code: &str) -> Option<Language> {
        let base = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match base.as_str() {
            "en" => Some(Language::En),
            "de" => Some(Language::De),
            "nl" => Some(Language::Nl),
            "nb" | "no" | "nn" => Some(Language::Nb),
            _ => None,
        }
    }

    /// The language's own name, as shown in a language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::De => "Deutsch",
            Language::Nl => "Nederlands",
            Language::Nb => "Norsk bokmål",
        }
    }

    /// English here means British/European usage (the salons are European):
    /// all four languages start the week on Monday.
    pub fn first_weekday(self) -> Weekday {
        Weekday::Mon
    }

    /// "Monday 23 November 2026", "Montag, 23. November 2026", … (also in messages).
    pub fn date_long(self, date: chrono::NaiveDate) -> String {
        let pattern = match self {
            Language::En => "%A %-d %B %Y",
            Language::De => "%A, %-d. %B %Y",
            Language::Nl => "%A %-d %B %Y",
            Language::Nb => "%A %-d. %B %Y",
        };
        date.format_localized(pattern, self.chrono_locale()).to_string()
    }

    pub fn chrono_locale(self) -> chrono::Locale {
        match self {
            Language::En => chrono::Locale::en_GB,
            Language::De => chrono::Locale::de_DE,
            Language::Nl => chrono::Locale::nl_NL,
            Language::Nb => chrono::Locale::nb_NO,
        }
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.native_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_forms_and_refuses_unknown() {
        assert_eq!(Language::parse("nb-NO"), Some(Language::Nb));
        assert_eq!(Language::parse("no"), Some(Language::Nb));
        assert_eq!(Language::parse("de_DE"), Some(Language::De));
        assert_eq!(Language::parse("fr"), None);
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(l));
        }
    }
}
