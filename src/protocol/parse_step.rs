//! One step of a protocol file: its keys, its minutes (a number or a range), its
//! go-round, its published limits, and how they agree with each other; and the word for
//! a TOML error on a `minutes` line.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::parse::{Check, Scope};
use crate::diagnostics::suggest;
use crate::diagnostics::{Number, Value, number};
use crate::protocol::{BUILTIN_NOTE_KINDS, Minutes, Step};
use crate::words::checks as words;

const STEP_KEYS: &[&str] = &[
    "name",
    "minutes",
    "speakers",
    "silent",
    "guide",
    "stems",
    "notes",
    "turns",
    "estimated",
    "adapted",
    "protected",
    "min_minutes",
    "max_minutes",
    "silence_implied",
    "open",
    "groups",
];
/// The most numbered places a go-round of small groups may have (`turns = 3`).
const MAX_SEATS: i64 = 12;
/// The longest step a file may ask for, in minutes: anything longer is surely a typo.
const MAX_MINUTES: f64 = 600.0;

/// The keys whose values are minutes: a TOML error on their line gets
/// [`words::MINUTES_HELP`].
const MINUTE_KEYS: [&str; 3] = ["minutes", "min_minutes", "max_minutes"];

/// `minutes = 5 min` is a time written in words, not a TOML puzzle: if `offset` lies on
/// a line `minutes = …` (or `min_minutes`, `max_minutes`), say what a time looks like,
/// where that line's value starts.
pub(super) fn minutes_hint(text: &str, offset: usize) -> Option<(usize, &'static str)> {
    let offset = offset.min(text.len());
    let line_start = text.get(..offset)?.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[line_start..]
        .find('\n')
        .map(|i| line_start + i)
        .unwrap_or(text.len());
    let line = &text[line_start..line_end];
    let (key, value) = line.split_once('=')?;
    if !MINUTE_KEYS.contains(&key.trim()) {
        return None;
    }
    let value_at = line_start + key.len() + 1;
    let start = value_at + (value.len() - value.trim_start().len());
    Some((start, words::MINUTES_HELP))
}

/// A number as a person writes it: `5`, `2.5`, `0.75` (callers keep huge ones out).
fn fmt_num(x: f64) -> String {
    crate::times::minutes(x)
}

impl Check<'_> {
    pub(super) fn step(
        &mut self,
        t: &DeTable<'_>,
        span: Range<usize>,
        scope: &Scope<'_>,
    ) -> Option<Step> {
        let misspelt = self.known_keys(t, STEP_KEYS, words::IN_A_STEP);
        if t.contains_key("steps") {
            self.at(span.clone(), words::STEP_WITH_STEPS);
        }
        let name = self.required_name(t, span.clone(), words::STEP_WITHOUT_NAME);
        let minutes = match t.get("minutes") {
            Some(v) => self.minutes(v),
            // A misspelt `minutes` was reported already; one message is enough.
            None if misspelt.contains(&"minutes") => None,
            None => {
                self.at(span, words::has_no_minutes(name.as_deref()));
                None
            }
        };
        let speakers = self.roles_list(t, "speakers", scope);
        let silent = self.roles_list(t, "silent", scope);
        let (turns, seats) = match t.get("turns") {
            Some(v) => self.turns(v, scope),
            None => (None, None),
        };
        let min_minutes = self.limit(t, "min_minutes");
        let max_minutes = self.limit(t, "max_minutes");
        self.step_consistency(t, minutes, (min_minutes, max_minutes));
        let groups = t
            .get("groups")
            .and_then(|v| self.nonempty_string(v, "groups"));
        let notes = match t.get("notes") {
            Some(v) => {
                let kinds = self.string_list(v, "notes");
                for kind in &kinds {
                    let known = BUILTIN_NOTE_KINDS
                        .iter()
                        .map(|(k, _)| *k)
                        .chain(scope.kinds.iter().map(|k| k.id.as_str()));
                    if !known.clone().any(|k| k == kind) {
                        let guess = suggest(kind, known.clone());
                        self.at(v.span(), words::unknown_note_kind(kind, guess));
                    }
                }
                kinds
            }
            None => Vec::new(),
        };
        Some(Step {
            name: name?,
            minutes: minutes?,
            speakers,
            silent,
            guide: self.optional_string(t, "guide"),
            stems: t
                .get("stems")
                .map(|v| self.string_list(v, "stems"))
                .unwrap_or_default(),
            notes,
            turns,
            seats,
            estimated: self.flag(t, "estimated"),
            adapted: self.flag(t, "adapted"),
            protected: self.flag(t, "protected"),
            min_minutes,
            max_minutes,
            silence_implied: self.flag(t, "silence_implied"),
            open: self.flag(t, "open"),
            groups,
        })
    }

    fn flag(&mut self, t: &DeTable<'_>, key: &str) -> bool {
        t.get(key)
            .and_then(|v| self.c.boolean(v, key))
            .unwrap_or(false)
    }

    /// `turns = "participant"` (a go-round of that role's people) or `turns = 3` (a
    /// go-round of numbered places, the same in every small group).
    fn turns(&mut self, v: &Value<'_>, scope: &Scope<'_>) -> (Option<String>, Option<u32>) {
        match v.get_ref() {
            DeValue::Integer(_) => {
                let n = self.c.integer(v, "turns", 2, MAX_SEATS);
                (None, n.map(|n| n as u32))
            }
            DeValue::String(_) => {
                let Some(role) = self.nonempty_string(v, "turns") else {
                    return (None, None);
                };
                match scope.roles.iter().find(|r| r.id == role) {
                    Some(r) if r.optional => {
                        self.at(v.span(), words::turns_optional_role(&role));
                        (None, None)
                    }
                    Some(_) => (Some(role), None),
                    None => {
                        self.unknown_role(v.span(), &role, scope.roles, None);
                        (None, None)
                    }
                }
            }
            _ => {
                self.at(v.span(), words::TURNS_KIND);
                (None, None)
            }
        }
    }

    /// Checks what the step's keys say against each other and against its minutes.
    fn step_consistency(
        &mut self,
        t: &DeTable<'_>,
        minutes: Option<Minutes>,
        limits: (Option<f64>, Option<f64>),
    ) {
        let (min, max) = limits;
        let span_of = |key: &str| t.get(key).map(|v| v.span()).unwrap_or(0..0);
        if let (Some(a), Some(b)) = (min, max)
            && b < a
        {
            let message = words::max_below_min(&fmt_num(b), &fmt_num(a));
            self.at(span_of("max_minutes"), message);
            return;
        }
        if let Some(m) = minutes {
            if let Some(a) = min
                && m.planned < a
            {
                let message = words::planned_below_min(&fmt_num(m.planned), &fmt_num(a));
                self.at(span_of("minutes"), message);
            }
            if let Some(b) = max
                && m.max > b
            {
                let message = words::past_max(&fmt_num(m.max), m.is_range(), &fmt_num(b));
                self.at(span_of("minutes"), message);
            }
        }
        if flag_set(t, "estimated") && flag_set(t, "adapted") {
            self.at(span_of("adapted"), words::ESTIMATED_AND_ADAPTED);
        }
        if flag_set(t, "open") && t.contains_key("turns") {
            self.at(span_of("open"), words::OPEN_WITH_TURNS);
        }
        if flag_set(t, "silence_implied") && !t.contains_key("silent") {
            self.at(span_of("silence_implied"), words::SILENCE_WITHOUT_SILENT);
        }
    }

    /// `min_minutes` or `max_minutes`: a published limit, in minutes.
    fn limit(&mut self, t: &DeTable<'_>, key: &str) -> Option<f64> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => self.positive(v, key),
            _ => {
                self.at(v.span(), words::limit_not_minutes(key));
                None
            }
        }
    }

    fn minutes(&mut self, v: &Value<'_>) -> Option<Minutes> {
        match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => {
                let m = self.positive(v, "minutes")?;
                Some(Minutes { planned: m, max: m })
            }
            DeValue::Array(items) => {
                if items.len() != 2 {
                    self.at(v.span(), words::range_needs_two());
                    return None;
                }
                let (a, b) = (
                    self.positive(&items[0], "minutes"),
                    self.positive(&items[1], "minutes"),
                );
                let (a, b) = (a?, b?);
                if b < a {
                    self.at(v.span(), words::range_backwards(&fmt_num(a), &fmt_num(b)));
                    return None;
                }
                Some(Minutes { planned: a, max: b })
            }
            _ => {
                self.at(v.span(), words::MINUTES_HELP);
                None
            }
        }
    }

    /// A number of minutes above 0 and at most [`MAX_MINUTES`], each problem said in words.
    fn positive(&mut self, v: &Value<'_>, key: &str) -> Option<f64> {
        let too_large = || words::minutes_too_large(key, &fmt_num(MAX_MINUTES));
        let m = match number(v.get_ref()) {
            Number::Finite(m) => m,
            Number::TooLarge => {
                self.at(v.span(), too_large());
                return None;
            }
            Number::NaNOrInfinite(found) => {
                self.at(v.span(), words::not_a_number_of_minutes(key, &found));
                return None;
            }
            Number::Other(found) => {
                self.at(v.span(), words::must_be_number(key, found));
                return None;
            }
        };
        if m <= 0.0 {
            let found = (m > -1e6).then(|| fmt_num(m));
            self.at(v.span(), words::must_be_positive(key, found.as_deref()));
            None
        } else if m > MAX_MINUTES {
            self.at(v.span(), too_large());
            None
        } else {
            Some(m)
        }
    }
}

/// Whether a true/false key is there and true (its type is checked where it is read).
fn flag_set(t: &DeTable<'_>, key: &str) -> bool {
    t.get(key)
        .and_then(|v| v.get_ref().as_bool())
        .unwrap_or(false)
}
