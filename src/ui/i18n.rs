//! Every visible string comes from the Fluent files in `assets/locales/`;
//! dates and money follow the chosen language.

use crate::domain::Language;
use chrono::{NaiveDate, Weekday};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::LazyLock;

const SOURCES: [(Language, &str); 4] = [
    (Language::En, include_str!("../../assets/locales/en/main.ftl")),
    (Language::De, include_str!("../../assets/locales/de/main.ftl")),
    (Language::Nl, include_str!("../../assets/locales/nl/main.ftl")),
    (Language::Nb, include_str!("../../assets/locales/nb/main.ftl")),
];

static BUNDLES: LazyLock<HashMap<Language, FluentBundle<FluentResource>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|&(lang, source)| {
            let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks: the bundled font has no glyphs for them.
            bundle.set_use_isolating(false);
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, errors)| {
                tracing::error!(?errors, lang = lang.code(), "translation file has errors");
                partial
            });
            if let Err(errors) = bundle.add_resource(resource) {
                tracing::error!(?errors, lang = lang.code(), "duplicate translation keys");
            }
            (lang, bundle)
        })
        .collect()
});

/// The text for `key` in `lang`; the key itself if it is missing (a test
/// makes sure none is).
pub fn t(lang: Language, key: &str) -> String {
    ta(lang, key, &[])
}

/// A VAT rate in basis points as the language writes it: "19 %", "8,1 %" (de), "8.1%" (en).
pub fn percent(lang: Language, basis_points: u32) -> String {
    let whole = basis_points / 100;
    let part = basis_points % 100;
    let number = match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    };
    match lang {
        Language::En => format!("{number}%"),
        _ => format!("{} %", number.replace('.', ",")),
    }
}

/// The text for `key` with named arguments, e.g. `("name", "Anna")`.
pub fn ta(lang: Language, key: &str, args: &[(&str, String)]) -> String {
    let Some(bundle) = BUNDLES.get(&lang) else { return key.to_string() };
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        // Numbers go in as numbers, so that plural forms can be chosen.
        let value = match value.parse::<i64>() {
            Ok(n) => FluentValue::from(n),
            Err(_) => FluentValue::from(value.clone()),
        };
        fluent_args.set(*name, value);
    }
    let mut errors = Vec::new();
    bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
}

/// The keys defined for a language (for the completeness test).
pub fn keys(lang: Language) -> Vec<String> {
    let source = SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s).unwrap_or("");
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

/// "Monday 23 November 2026", "Montag, 23. November 2026", …
pub fn date_long(lang: Language, date: NaiveDate) -> String {
    lang.date_long(date)
}

/// "Mon 23 Nov", "Mo 23.11.", "ma 23-11", "man. 23.11."
pub fn date_short(lang: Language, date: NaiveDate) -> String {
    let pattern = match lang {
        Language::En => "%a %-d %b",
        Language::De => "%a %d.%m.",
        Language::Nl => "%a %d-%m",
        Language::Nb => "%a %d.%m.",
    };
    date.format_localized(pattern, lang.chrono_locale()).to_string()
}

/// A date in a form field: "23/11/2026", "23.11.2026", "23-11-2026".
pub fn date_numeric(lang: Language, date: NaiveDate) -> String {
    let pattern = match lang {
        Language::En => "%d/%m/%Y",
        Language::De | Language::Nb => "%d.%m.%Y",
        Language::Nl => "%d-%m-%Y",
    };
    date.format(pattern).to_string()
}

pub fn month_year(lang: Language, date: NaiveDate) -> String {
    date.format_localized("%B %Y", lang.chrono_locale()).to_string()
}

pub fn weekday_short(lang: Language, day: Weekday) -> String {
    // Any date of that weekday: 2026-11-23 is a Monday.
    let date = NaiveDate::from_ymd_opt(2026, 11, 23 + day.num_days_from_monday()).unwrap_or_default();
    date.format_localized("%a", lang.chrono_locale()).to_string()
}

pub fn weekday_long(lang: Language, day: Weekday) -> String {
    let date = NaiveDate::from_ymd_opt(2026, 11, 23 + day.num_days_from_monday()).unwrap_or_default();
    date.format_localized("%A", lang.chrono_locale()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_exists_in_all_four_languages() {
        let english: BTreeSet<String> = keys(Language::En).into_iter().collect();
        assert!(english.len() > 100, "the English file defines the keys");
        for lang in Language::ALL {
            let these: BTreeSet<String> = keys(lang).into_iter().collect();
            let missing: Vec<_> = english.difference(&these).collect();
            let extra: Vec<_> = these.difference(&english).collect();
            assert!(missing.is_empty(), "{} misses {missing:?}", lang.code());
            assert!(extra.is_empty(), "{} has unknown keys {extra:?}", lang.code());
            for key in &english {
                let text = t(lang, key);
                assert_ne!(&text, key, "{} cannot format {key}", lang.code());
                assert!(!text.trim().is_empty(), "{} has an empty {key}", lang.code());
            }
        }
    }

    /// Every string literal in `src/` that looks like a text key (a known
    /// key's first word, a dash, more words), with where it stands. Widget
    /// ids (`const …_ID`, `.id(`, `Focus::Id(`) look alike and are skipped.
    fn keys_used_in_the_code(prefixes: &BTreeSet<String>) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
                if entry.is_dir() {
                    dirs.push(entry);
                    continue;
                }
                // Screenshot file names are not text keys.
                if entry.extension().is_none_or(|e| e != "rs") || entry.ends_with("screenshots.rs") {
                    continue;
                }
                let source = std::fs::read_to_string(&entry).unwrap();
                for (n, line) in source.lines().enumerate() {
                    if line.contains("_ID:") || line.contains(".id(") || line.contains("Focus::Id(") {
                        continue;
                    }
                    for literal in line.split('"').skip(1).step_by(2) {
                        let looks_like_key = literal.contains('-')
                            && literal.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                            && literal.split('-').next().is_some_and(|p| prefixes.contains(p));
                        if looks_like_key {
                            found.push((literal.to_string(), format!("{}:{}", entry.display(), n + 1)));
                        }
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_key_the_code_uses_exists() {
        let english: BTreeSet<String> = keys(Language::En).into_iter().collect();
        let prefixes: BTreeSet<String> = english.iter().filter_map(|k| k.split('-').next()).map(String::from).collect();
        let used = keys_used_in_the_code(&prefixes);
        assert!(used.len() > 200, "the code's keys are found ({})", used.len());
        let missing: Vec<_> = used.iter().filter(|(key, _)| !english.contains(key)).collect();
        assert!(missing.is_empty(), "keys used but not in en/main.ftl: {missing:?}");
    }

    #[test]
    fn no_key_is_built_at_run_time() {
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        let mut built = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
                if entry.is_dir() {
                    dirs.push(entry);
                } else if entry.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&entry).unwrap();
                    for (n, line) in source.lines().enumerate() {
                        // A translation whose key is made by format!, spaces left out.
                        let squeezed: String = line.split_whitespace().collect();
                        let built_key = [",&", "format!("].concat();
                        let translating = ["t(lang", "ta(lang", "t(self.lang", "ta(self.lang"];
                        if squeezed.contains(&built_key) && translating.iter().any(|t| squeezed.contains(t)) {
                            built.push(format!("{}:{}", entry.display(), n + 1));
                        }
                    }
                }
            }
        }
        assert!(built.is_empty(), "text keys built with format! (write the key out): {built:?}");
    }

    #[test]
    fn arguments_are_filled_in() {
        let text = ta(Language::De, "calendar-next-free", &[("time", "10:30".into())]);
        assert!(text.contains("10:30"), "{text}");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(date_long(Language::En, d), "Monday 23 November 2026");
        assert_eq!(date_long(Language::De, d), "Montag, 23. November 2026");
        assert_eq!(date_long(Language::Nl, d), "maandag 23 november 2026");
        assert_eq!(date_long(Language::Nb, d), "mandag 23. november 2026");
        assert_eq!(date_numeric(Language::De, d), "23.11.2026");
    }
}
